//! Loading a map in the background: the file is read, checked and analysed on a worker
//! thread, so the workbench keeps drawing and answering keys while a huge map loads, and
//! even when the file is swapped for something that never ends.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use super::board::Board;
use touchpoint_engine::mapfile::{self, Diagnostic, LoadError};

/// What the worker is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Reading,
    /// Parsing and validating.
    Checking,
    /// Running the rules and indexing the findings.
    Analysing,
}

/// How far a load has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    /// Bytes read so far, of `total`.
    pub read: u64,
    pub total: u64,
}

impl Progress {
    pub const START: Progress = Progress {
        phase: Phase::Reading,
        read: 0,
        total: 0,
    };
}

/// What a load reports.
pub(super) enum Update {
    Progress(Progress),
    /// The file holds what was loaded last: nothing to do.
    Unchanged,
    /// A large file changed: the load waits for [`Loader::proceed`], so that the workbench
    /// can let the old map go before the new one is built beside it.
    Changed,
    Done(Box<Result<Board, LoadError>>),
}

enum Message {
    Progress(Progress),
    Unchanged,
    Changed,
    Done(u64, Box<Result<Board, LoadError>>),
}

/// What the workbench gives a load that waits (after [`Update::Changed`]) to do on its thread
/// if the new version does not load, before it says so: bring the old map back from where
/// it was set aside, so that the screen never waits for that.
pub(super) type OnFailure = Box<dyn FnOnce() + Send>;

/// From this many bytes on, a map is large: a changed file waits for [`Loader::proceed`]
/// before it loads, and the workbench sets the old map aside (a 100,000-step map is 200 MB of
/// text and about 620 MB in the workbench).
pub(crate) const LARGE: usize = 32 << 20;

/// Loads one map file, one load at a time.
pub(super) struct Loader {
    path: PathBuf,
    running: Option<Receiver<Message>>,
    /// A change came in while a load was running: load again when it ends.
    again: bool,
    /// The hash of the bytes last loaded, so that a file saved unchanged is not read twice.
    last: Option<u64>,
    /// Lets a load waiting after [`Update::Changed`] go on.
    go: Option<Sender<Option<OnFailure>>>,
    /// Whether a map from this file is shown: only then is there one to make room for.
    shown: bool,
    /// From this many bytes on, a changed file waits (a test makes it small).
    pub(super) ask_from: usize,
}

impl Loader {
    pub(super) fn new(path: &Path) -> Loader {
        Loader {
            path: path.to_path_buf(),
            running: None,
            again: false,
            last: None,
            go: None,
            shown: false,
            ask_from: LARGE,
        }
    }

    /// Starts loading the file, or, if a load is running, loads again once it ends.
    pub(super) fn start(&mut self) {
        if self.running.is_some() {
            self.again = true;
            return;
        }
        let (tx, rx) = channel();
        let (go, wait) = channel();
        let path = self.path.clone();
        let last = self.last;
        let ask_from = self.shown.then_some(self.ask_from);
        std::thread::spawn(move || work(&path, last, ask_from, &tx, &wait));
        self.running = Some(rx);
        self.go = Some(go);
    }

    /// Lets a load that reported [`Update::Changed`] go on; `on_failure` runs on the load's
    /// thread if the new version does not load, before the load ends.
    pub(super) fn proceed(&mut self, on_failure: Option<OnFailure>) {
        if let Some(go) = &self.go {
            let _ = go.send(on_failure);
        }
    }

    /// Takes `hash` as what the file now holds (the workbench just saved it), so that the
    /// change the save makes on disk reloads nothing.
    pub(super) fn assume(&mut self, hash: u64) {
        self.last = Some(hash);
        self.shown = true;
    }

    /// Reads the file again even when it is unchanged (the map shown is not the file's).
    pub(super) fn reload(&mut self) {
        self.last = None;
        self.start();
    }

    /// Whether a load is running.
    pub(super) fn busy(&self) -> bool {
        self.running.is_some()
    }

    /// What the running load has to say: its latest progress, or its end.
    pub(super) fn poll(&mut self) -> Option<Update> {
        let rx = self.running.as_ref()?;
        let mut progress = None;
        loop {
            match rx.try_recv() {
                Ok(Message::Progress(p)) => progress = Some(p),
                Ok(Message::Unchanged) => return Some(self.finish(Update::Unchanged)),
                Ok(Message::Changed) => return Some(Update::Changed),
                Ok(Message::Done(hash, result)) => {
                    if result.is_ok() {
                        self.last = Some(hash);
                        self.shown = true;
                    }
                    return Some(self.finish(Update::Done(result)));
                }
                Err(TryRecvError::Empty) => return progress.map(Update::Progress),
                Err(TryRecvError::Disconnected) => {
                    let name = self.path.display().to_string();
                    let failed = LoadError {
                        diagnostics: vec![Diagnostic::whole_file(
                            &name,
                            "the map could not be loaded (the loader stopped)",
                        )],
                    };
                    return Some(self.finish(Update::Done(Box::new(Err(failed)))));
                }
            }
        }
    }

    fn finish(&mut self, update: Update) -> Update {
        self.running = None;
        if std::mem::take(&mut self.again) {
            self.start();
        }
        update
    }
}

/// The worker: read (reporting progress), skip if unchanged, wait for the workbench if the
/// file is at least `ask_from` bytes, check, analyse.
fn work(
    path: &Path,
    last: Option<u64>,
    ask_from: Option<usize>,
    tx: &Sender<Message>,
    go: &Receiver<Option<OnFailure>>,
) {
    let report = |phase, read, total| {
        let _ = tx.send(Message::Progress(Progress { phase, read, total }));
    };
    // A load that fails: what the workbench gave runs first (it brings back a map set aside).
    let failed = |e: LoadError, on_failure: Option<OnFailure>| {
        if let Some(f) = on_failure {
            f();
        }
        let _ = tx.send(Message::Done(0, Box::new(Err(e))));
    };
    // A file seen before is hashed first, a piece at a time: saved unchanged, it is not loaded.
    if let Some(last) = last {
        match mapfile::hash_file(path) {
            Ok(hash) if hash == last => {
                let _ = tx.send(Message::Unchanged);
                return;
            }
            Ok(_) => {}
            Err(e) => return failed(e, None),
        }
    }
    let mut on_failure = None;
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    if ask_from.is_some_and(|large| size >= large as u64) {
        // A large file changed: the workbench makes room first.
        if tx.send(Message::Changed).is_err() {
            return;
        }
        match go.recv() {
            Ok(f) => on_failure = f,
            Err(_) => return,
        }
    }
    report(Phase::Reading, 0, size);
    // A large map is parsed as it is read, and its text is never held whole: the progress of
    // the reading is that of the parse. The board shows no source line.
    let loaded = mapfile::load_without_text_hashed(path, &mut |read, total| {
        let phase = if read < total {
            Phase::Reading
        } else {
            Phase::Checking
        };
        report(phase, read, total);
    });
    match loaded {
        Ok((map, hash)) => {
            report(Phase::Analysing, size, size);
            let mut board = Board::new(map);
            board.hash = Some(hash);
            let _ = tx.send(Message::Done(hash, Box::new(Ok(board))));
        }
        Err(e) => failed(e, on_failure),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};

    const MAP: &str = include_str!("../../tests/fixtures/workshop.ron");

    /// Polls until the load ends; the updates seen on the way.
    fn finish(loader: &mut Loader) -> Vec<Update> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut seen = Vec::new();
        while loader.busy() {
            assert!(Instant::now() < deadline, "the load ends");
            if let Some(u) = loader.poll() {
                seen.push(u);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        seen
    }

    fn wait_for_change(loader: &mut Loader) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            assert!(Instant::now() < deadline, "the change is reported");
            if let Some(Update::Changed) = loader.poll() {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// A job that raises `flag`.
    fn flag(flag: &Arc<AtomicBool>) -> OnFailure {
        let flag = Arc::clone(flag);
        Box::new(move || flag.store(true, Ordering::SeqCst))
    }

    #[test]
    fn a_large_changed_file_waits_for_the_workbench_before_it_loads() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("map.ron");
        std::fs::write(&path, MAP).expect("write");
        let mut loader = Loader::new(&path);
        loader.ask_from = 1;
        // The first load has nothing shown to make room for: it does not ask.
        loader.start();
        let first = finish(&mut loader);
        assert!(!first.iter().any(|u| matches!(u, Update::Changed)));
        assert!(matches!(first.last(), Some(Update::Done(r)) if r.is_ok()));
        std::fs::write(&path, MAP.replace("Survey", "Questionnaire")).expect("write");
        loader.start();
        wait_for_change(&mut loader);
        // It waits: no map is built beside the old one until the workbench says so.
        std::thread::sleep(Duration::from_millis(100));
        assert!(loader.busy());
        assert!(!matches!(loader.poll(), Some(Update::Done(_))));
        let ran = Arc::new(AtomicBool::new(false));
        loader.proceed(Some(flag(&ran)));
        assert!(matches!(finish(&mut loader).last(), Some(Update::Done(r)) if r.is_ok()));
        assert!(
            !ran.load(Ordering::SeqCst),
            "a version that loads needs no way back"
        );
        // A broken version: what the workbench gave runs on the load's thread, before the
        // load says it failed.
        std::fs::write(&path, MAP.replace("title:", "titel:")).expect("write");
        loader.start();
        wait_for_change(&mut loader);
        loader.proceed(Some(flag(&ran)));
        let end = finish(&mut loader);
        assert!(matches!(end.last(), Some(Update::Done(r)) if r.is_err()));
        assert!(ran.load(Ordering::SeqCst), "run before the failure is told");
        // The good version back: the same bytes as the last map loaded.
        std::fs::write(&path, MAP.replace("Survey", "Questionnaire")).expect("write");
        // Unchanged, it asks nothing.
        loader.start();
        let seen = finish(&mut loader);
        assert!(matches!(seen.last(), Some(Update::Unchanged)));
        assert!(!seen.iter().any(|u| matches!(u, Update::Changed)));
    }

    #[test]
    fn loads_in_the_background_and_skips_an_unchanged_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("map.ron");
        std::fs::write(&path, MAP).expect("write");
        let mut loader = Loader::new(&path);
        loader.start();
        let seen = finish(&mut loader);
        assert!(matches!(seen.last(), Some(Update::Done(r)) if r.is_ok()));
        // Saved again with the same bytes: nothing to rebuild.
        std::fs::write(&path, MAP).expect("write");
        loader.start();
        assert!(matches!(
            finish(&mut loader).last(),
            Some(Update::Unchanged)
        ));
        // A real change loads.
        std::fs::write(&path, MAP.replace("Survey", "Questionnaire")).expect("write");
        loader.start();
        assert!(matches!(finish(&mut loader).last(), Some(Update::Done(r)) if r.is_ok()));
    }

    /// A large map is read in pieces (its text never held whole), and hashed as a journal
    /// records its base; saved unchanged it is not loaded again, changed it is.
    #[test]
    fn a_large_map_loads_in_pieces_with_the_hash_of_its_bytes() {
        use touchpoint_engine::edit::journal::hash_bytes;
        use touchpoint_engine::journey::synthetic::{Shape, generate};
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("large.ron");
        let text = mapfile::to_ron(&generate(Shape::with_allows(300))).expect("ron");
        assert!(text.len() > 512 * 1024, "large enough to be read in pieces");
        std::fs::write(&path, &text).expect("write");
        let mut loader = Loader::new(&path);
        loader.start();
        let hash_of = |seen: &[Update]| match seen.last() {
            Some(Update::Done(r)) => r.as_ref().as_ref().expect("loads").hash,
            _ => panic!("the load ends with a map"),
        };
        assert_eq!(
            hash_of(&finish(&mut loader)),
            Some(hash_bytes(text.as_bytes()))
        );
        std::fs::write(&path, &text).expect("saved unchanged");
        loader.start();
        assert!(matches!(
            finish(&mut loader).last(),
            Some(Update::Unchanged)
        ));
        let changed = format!("{text}// a note\n");
        std::fs::write(&path, &changed).expect("changed");
        loader.start();
        assert_eq!(
            hash_of(&finish(&mut loader)),
            Some(hash_bytes(changed.as_bytes()))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_place_of_the_map_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("map.ron");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let mut loader = Loader::new(&path);
        loader.start();
        match finish(&mut loader).pop() {
            Some(Update::Done(result)) => assert!(result.is_err()),
            _ => panic!("the load ends with an error"),
        }
    }
}
