//! Live reload: notices when the map file changes on disk, so that it is read again.
//!
//! The folder is watched (editors often save by writing a new file and renaming it over the
//! old one), and the file's size and modification time are also checked every second in case
//! an event is missed. Only events that can change the content count: reading the file (ours
//! or anyone's) raises access events, and reacting to those would read it again forever.
//! Bursts of events count once, after they settle.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant, SystemTime};

use notify::event::EventKind;
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

/// How long the file must stay quiet before it is read.
const SETTLE: Duration = Duration::from_millis(120);
/// How often the file's size and time are checked regardless of events.
const CHECK: Duration = Duration::from_secs(1);

type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Whether an event can mean new content: not a mere open, read or close.
fn may_change(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
    )
}

/// Watches one map file.
pub(super) struct Watcher {
    path: PathBuf,
    events: Option<Receiver<()>>,
    /// Kept alive for as long as events are wanted.
    _watcher: Option<RecommendedWatcher>,
    seen: Stamp,
    changed_at: Option<Instant>,
    checked_at: Instant,
}

impl Watcher {
    /// Starts watching `path`. Without OS events it still notices changes, within a second.
    pub(super) fn new(path: &Path) -> Watcher {
        let (tx, rx) = channel();
        let name = path.file_name().map(|n| n.to_os_string());
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event
                && may_change(&event.kind)
                && event
                    .paths
                    .iter()
                    .any(|p| p.file_name().map(|n| n.to_os_string()) == name)
            {
                let _ = tx.send(());
            }
        })
        .and_then(|mut w| w.watch(&folder, RecursiveMode::NonRecursive).map(|()| w));
        let (events, watcher) = match watcher {
            Ok(w) => (Some(rx), Some(w)),
            Err(_) => (None, None),
        };
        Watcher {
            path: path.to_path_buf(),
            events,
            _watcher: watcher,
            seen: stamp(path),
            changed_at: None,
            checked_at: Instant::now(),
        }
    }

    /// Whether the file changed and has settled since the last `true`; call it often.
    pub(super) fn changed(&mut self) -> bool {
        let now = Instant::now();
        if let Some(rx) = &self.events {
            while rx.try_recv().is_ok() {
                self.changed_at = Some(now);
            }
        }
        if now.duration_since(self.checked_at) >= CHECK {
            self.checked_at = now;
            if stamp(&self.path) != self.seen && self.changed_at.is_none() {
                self.changed_at = Some(now - SETTLE);
            }
        }
        let Some(since) = self.changed_at else {
            return false;
        };
        if now.duration_since(since) < SETTLE {
            return false;
        }
        self.changed_at = None;
        self.seen = stamp(&self.path);
        true
    }

    /// How long the caller may wait for input before asking [`Watcher::changed`] again.
    pub(super) fn wait(&self) -> Duration {
        match self.changed_at {
            Some(_) => Duration::from_millis(30),
            None => Duration::from_millis(250),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_save_is_one_change_though_each_change_reads_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("map.ron");
        std::fs::write(&path, "(meta: (title: \"t\"))").expect("write");
        let mut watcher = Watcher::new(&path);
        std::thread::sleep(Duration::from_millis(100));
        std::fs::write(&path, "(meta: (title: \"u\"))").expect("write");
        // Over three idle seconds, each change is answered as the workbench answers it: by
        // reading the file. Those reads must not count as changes.
        let end = Instant::now() + Duration::from_secs(3);
        let mut changes = 0;
        while Instant::now() < end {
            if watcher.changed() {
                changes += 1;
                let _ = std::fs::read(&path);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(changes, 1, "one save, one reload");
    }
}
