//! A large map set aside while its file is read again, so that a reload does not hold two maps.

use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};

use super::App;
use super::editing::Place;
use crate::tui::board::Board;
use crate::tui::loader::{OnFailure, Progress};
use touchpoint_engine::journey::Journey;
use touchpoint_engine::mapfile::{self, LoadError, LoadedMap};
use touchpoint_engine::source::SourceMap;
use touchpoint_engine::text::clean;

/// What is kept of a map set aside: the map written to a scratch file (removed when this
/// goes) and where each of its values stood in the person's file, to show it again as it was
/// if the new version does not load; and where the person was.
#[derive(Debug, Clone)]
pub(crate) struct Parked {
    file: Arc<tempfile::NamedTempFile>,
    back: Arc<Mutex<WayBack>>,
    hash: Option<u64>,
    place: Place,
}

/// The old map's way back, shared with the load: when the new version does not load, the
/// load's thread reads the old map back (two seconds for a 100,000-step map) before it says
/// so, and the workbench only shows it.
#[derive(Debug, Default)]
struct WayBack {
    /// Where each value stood in the person's file, until the map is read back.
    source: Option<SourceMap>,
    /// The map read back.
    board: Option<Board>,
}

impl Parked {
    /// What the load does if the new version fails: read the old map back, here.
    pub(super) fn on_failure(&self, name: &str) -> OnFailure {
        let (file, back, hash, name) = (
            Arc::clone(&self.file),
            Arc::clone(&self.back),
            self.hash,
            name.to_string(),
        );
        Box::new(move || {
            let mut way = back.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(source) = way.source.take() {
                way.board = read_back(&file, &name, source, hash);
            }
        })
    }
}

/// The map set aside in `file`, read back without the size limit a person's file has (it is
/// touchpoint's own copy) and placed by the person's file (`source`), not the copy. It loaded
/// before: if it somehow does not now, there is no map to show.
fn read_back(
    file: &tempfile::NamedTempFile,
    name: &str,
    source: SourceMap,
    hash: Option<u64>,
) -> Option<Board> {
    let text = std::fs::read_to_string(file.path()).ok()?;
    let mut old = mapfile::load_str(name, text).ok()?;
    old.source = source;
    let mut board = Board::new(old);
    board.hash = hash;
    Some(board)
}

/// Writes `journey` to a new scratch file, compactly: only touchpoint reads it back.
fn set_aside(journey: &Journey) -> io::Result<tempfile::NamedTempFile> {
    let mut file = tempfile::NamedTempFile::new()?;
    let mut out = io::BufWriter::new(file.as_file_mut());
    mapfile::write_journey(journey, &mut out).map_err(io::Error::other)?;
    out.flush()?;
    drop(out);
    Ok(file)
}

impl App {
    /// The map's file changed and is about to be read again. Reading it while the old map is
    /// held would double the memory, so a large map with nothing unsaved and nothing open
    /// over it is written to a scratch file and let go, keeping the person's place. The
    /// screen shows the load's progress meanwhile. If the scratch file cannot be written, the
    /// old map stays, as for a small one.
    pub(super) fn make_room(&mut self) {
        let busy = self.edits.is_dirty()
            || self.overlays.form.is_some()
            || self.overlays.pick.is_some()
            || self.overlays.question.is_some()
            || self.review.is_some();
        // A map with no file (the example, one given in memory) is never read again.
        let small = self.edits.path.is_none() || self.board.map.source.size() < self.park_from;
        if self.waiting_for_map() || busy || small {
            return;
        }
        let Ok(file) = set_aside(self.board.journey()) else {
            return;
        };
        let place = self.place();
        // Nothing unsaved: the session only holds the old text again.
        self.end_session();
        let hash = self.board.hash;
        let old = std::mem::replace(&mut self.board, Board::new(LoadedMap::empty(&self.source)));
        let source = old.map.source;
        self.restore(place.clone(), false);
        // The change was seen on reading: the progress goes on from there.
        self.loading = self.loading.or(Some(Progress::START));
        self.parked = Some(Parked {
            file: Arc::new(file),
            back: Arc::new(Mutex::new(WayBack {
                source: Some(source),
                board: None,
            })),
            hash,
            place,
        });
    }

    /// What a load that waited for room should do if the new version does not load: bring
    /// the map set aside back, on the load's thread (`None` when no map is set aside).
    pub(crate) fn on_failed_reload(&self) -> Option<OnFailure> {
        self.parked.as_ref().map(|p| p.on_failure(&self.source))
    }

    /// The new version of a map set aside has loaded, or has not: show it, or show the old
    /// one again (read back from its scratch file) under the errors.
    pub(super) fn reload_parked(&mut self, parked: Parked, result: Result<Board, LoadError>) {
        let Parked {
            file,
            back,
            hash,
            place,
        } = parked;
        let (board, verb) = match result {
            Ok(board) => {
                self.overlays.banner = None;
                (board, "reloaded")
            }
            Err(e) => {
                self.overlays.banner = Some(e.diagnostics);
                // Read back by the load already, or (if the load could not, or no load ran)
                // here and now.
                let mut way = back.lock().unwrap_or_else(PoisonError::into_inner);
                let board = match way.board.take() {
                    Some(board) => Some(board),
                    None => way
                        .source
                        .take()
                        .and_then(|source| read_back(&file, &self.source, source, hash)),
                };
                let Some(board) = board else {
                    return;
                };
                (board, "kept the last good version of")
            }
        };
        self.board = board;
        self.restore(place, false);
        self.message = Some(format!("{verb} {}", clean(&self.source)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::editing_tests::{on_file, press};
    use super::super::tests::{app, at};
    use super::*;
    use crate::tui::action::Action;
    use touchpoint_engine::mapfile::load_str;
    use touchpoint_engine::source::Pos;

    const WORKSHOP: &str = include_str!("../../../tests/fixtures/workshop.ron");

    /// The workshop map from a file (in the folder returned with it), counted as large, with
    /// "credit-check" selected.
    fn large() -> (App, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("a scratch folder");
        let (mut app, _) = on_file(dir.path());
        app.park_from = 1;
        let ix = app
            .board
            .journey()
            .step_index("credit-check")
            .expect("a step");
        app.set_selected(Some(ix), false);
        (app, dir)
    }

    #[test]
    fn a_large_map_is_let_go_while_it_is_read_again_and_the_place_is_kept() {
        let (mut app, _dir) = large();
        // The inspector on the step's second collection, the catalogue on its fourth row.
        app.collection = Some(1);
        app.catalogue.cursor.row = 3;
        app.apply(Action::MakeRoom);
        assert!(app.waiting_for_map() && !app.waiting_for_first_map());
        assert_eq!(app.board.journey().step_count(), 0, "the old map is let go");
        let edited = WORKSHOP.replace("title: \"Credit check\"", "title: \"Affordability check\"");
        let map = load_str("workshop.ron", edited).expect("still loads");
        app.apply(Action::Reload(Box::new(Ok(Board::new(map)))));
        assert!(!app.waiting_for_map());
        assert_eq!(at(&app), "credit-check", "the place is found again");
        assert_eq!(app.collection, Some(1), "the inspector's collection");
        assert_eq!(app.catalogue.cursor.row, 3, "the catalogue's row");
        assert_eq!(
            app.board
                .step(app.selected.expect("selected"))
                .map(|s| s.title.as_str()),
            Some("Affordability check")
        );
        assert!(
            app.message
                .as_deref()
                .is_some_and(|m| m.starts_with("reloaded"))
        );
    }

    /// Where each finding stands.
    fn positions(app: &App) -> Vec<Option<Pos>> {
        app.board
            .analysis
            .findings
            .iter()
            .map(|f| f.pos())
            .collect()
    }

    /// The map's file now has a typo: the reload fails.
    fn reload_broken(app: &mut App) {
        let broken = WORKSHOP.replace("title: \"Pay the upfront cost\",", "titel: \"Pay\",");
        let err = load_str("workshop.ron", broken).expect_err("a typo");
        app.apply(Action::Reload(Box::new(Err(err))));
    }

    /// The last good map is shown under the errors, where it stood, at the same place.
    fn assert_kept(app: &App, before: &[Option<Pos>]) {
        assert!(!app.waiting_for_map());
        assert!(app.overlays.banner.is_some(), "the errors are shown");
        assert_eq!(
            positions(app),
            before,
            "the findings stand where they stood in the person's file, not in the copy"
        );
        assert_eq!(at(app), "credit-check");
        assert!(
            app.message
                .as_deref()
                .is_some_and(|m| m.starts_with("kept the last good version"))
        );
    }

    #[test]
    fn a_large_map_whose_new_version_is_broken_comes_back_under_the_errors() {
        let (mut app, _dir) = large();
        let steps = app.board.journey().step_count();
        let before = positions(&app);
        app.apply(Action::MakeRoom);
        reload_broken(&mut app);
        assert_eq!(app.board.journey().step_count(), steps, "the last good map");
        assert_kept(&app, &before);
    }

    #[test]
    fn the_old_map_is_read_back_on_the_loads_thread_before_the_failure_is_told() {
        let (mut app, _dir) = large();
        let before = positions(&app);
        app.apply(Action::MakeRoom);
        let read_back = app.on_failed_reload().expect("a map is set aside");
        std::thread::spawn(read_back).join().expect("reads it back");
        // Already read back: the workbench does not read the scratch file again.
        let parked = app.parked.as_ref().expect("still set aside");
        std::fs::remove_file(parked.file.path()).expect("the scratch file goes");
        reload_broken(&mut app);
        assert_kept(&app, &before);
    }

    #[test]
    fn a_collection_is_not_carried_to_another_step_when_the_step_is_gone() {
        let (mut app, _dir) = large();
        app.collection = Some(0);
        let renamed = WORKSHOP.replace("credit-check", "credit-review");
        let map = load_str("workshop.ron", renamed).expect("loads");
        app.apply(Action::Reload(Box::new(Ok(Board::new(map)))));
        assert_ne!(app.selected_id(), Some("credit-review"), "the step is gone");
        assert_eq!(
            app.collection, None,
            "nothing of another step is shown as chosen"
        );
    }

    #[test]
    fn a_map_with_unsaved_edits_or_a_small_one_is_kept_as_it_is() {
        let dir = tempfile::tempdir().expect("a scratch folder");
        let (mut small, _) = on_file(dir.path());
        small.apply(Action::MakeRoom);
        assert!(!small.waiting_for_map(), "under the size it stays");
        let mut in_memory = app(120, 40);
        in_memory.park_from = 1;
        in_memory.apply(Action::MakeRoom);
        assert!(
            !in_memory.waiting_for_map(),
            "a map given in memory is never read again"
        );

        let (mut edited, _dir) = large();
        // Add a collection to the selected step: an unsaved edit.
        press(&mut edited, "<Enter>A<Enter>email<Enter><C-s>");
        assert!(edited.edits.is_dirty());
        edited.apply(Action::MakeRoom);
        assert!(!edited.waiting_for_map(), "unsaved edits are never let go");
        assert!(edited.board.journey().step_count() > 0);

        let (mut with_form, _dir2) = large();
        press(&mut with_form, "<Enter>A");
        assert!(with_form.overlays.form.is_some());
        with_form.apply(Action::MakeRoom);
        assert!(!with_form.waiting_for_map(), "nor a form being filled in");
    }
}
