//! Live reload: notices when the map file changes on disk and reads it again.
//!
//! The folder is watched (editors often save by writing a new file and renaming it over the
//! old one), and the file's size and modification time are also checked every second in case
//! an event is missed. Bursts of events are read once, after they settle.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant, SystemTime};

use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};

use touchpoint_engine::mapfile::{self, LoadError, LoadedMap};

/// How long the file must stay quiet before it is read.
const SETTLE: Duration = Duration::from_millis(120);
/// How often the file's size and time are checked regardless of events.
const CHECK: Duration = Duration::from_secs(1);

type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
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

    /// The file read again, when it changed and has settled; call it often.
    pub(super) fn poll(&mut self) -> Option<Result<LoadedMap, LoadError>> {
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
        let since = self.changed_at?;
        if now.duration_since(since) < SETTLE {
            return None;
        }
        self.changed_at = None;
        self.seen = stamp(&self.path);
        Some(mapfile::load(&self.path))
    }

    /// How long the caller may wait for input before calling [`Watcher::poll`] again.
    pub(super) fn wait(&self) -> Duration {
        match self.changed_at {
            Some(_) => Duration::from_millis(30),
            None => Duration::from_millis(250),
        }
    }
}
