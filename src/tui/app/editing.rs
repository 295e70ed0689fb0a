//! Editing from the workbench: the engine's editing session behind every change, the board
//! analysed again after each one, undo and redo, saving (never over a file changed on disk),
//! the journal of unsaved edits and its recovery, and quitting with edits unsaved.

use std::io::Write;
use std::path::{Path, PathBuf};

use petgraph::stable_graph::NodeIndex;

use super::reply::Reply;
use super::{App, Cursor};
use crate::tui::board::Board;
use crate::tui::form::{Form, Target};
use crate::tui::journals::Journals;
use crate::tui::lanes::Lanes;
use crate::tui::outline::Row;
use crate::tui::question::Question;
use crate::tui::request::Request;
use touchpoint_engine::analysis::Finding;
use touchpoint_engine::edit::{EditError, SaveError, Session, backup_path, journal};
use touchpoint_engine::journey::Journey;
use touchpoint_engine::mapfile;
use touchpoint_engine::text::clean;

/// The edits made in the workbench, and where they go.
#[derive(Debug, Clone, Default)]
pub(crate) struct Edits {
    /// Started by the first edit; ended when the file is read again.
    pub session: Option<Session>,
    /// The map's file (none: the built-in example, saved under a name the person gives).
    pub path: Option<PathBuf>,
    /// Where journals are kept (none: edits are not journaled).
    pub journals: Option<Journals>,
    /// The text of a map that has no file (given in memory); none: the built-in example.
    pub unfiled: Option<String>,
    /// The file changed on disk while edits were unsaved.
    pub disk_changed: bool,
    /// Quit once the map is saved (the person chose "save and quit").
    pub quit_after_save: bool,
    pub requests: Vec<Request>,
}

impl Edits {
    /// Whether there are edits not saved.
    pub(crate) fn is_dirty(&self) -> bool {
        self.session.as_ref().is_some_and(Session::is_dirty)
    }

    /// How many edits are unsaved (at least one when the text differs from the file).
    pub(crate) fn unsaved(&self) -> usize {
        match &self.session {
            Some(s) if s.is_dirty() => s.editor().unsaved().len().max(1),
            _ => 0,
        }
    }
}

/// Where the person was, by name, so that it can be found again in a map changed by an edit
/// or read again from disk.
#[derive(Debug, Clone)]
pub(super) struct Place {
    selected: Option<(NodeIndex, String)>,
    follow: Option<String>,
    filter_element: Option<String>,
    channel: Option<String>,
    finding: Option<Finding>,
    /// The inspector's collection and the catalogue's cursor, by position as a reload keeps
    /// them (kept here for a map set aside, shown empty while it is read again).
    collection: Option<usize>,
    catalogue: Cursor,
}

/// `n` things, in words.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "your edit" or "your 3 edits", and the verb that agrees with it.
fn your_edits(n: usize, one: &'static str, many: &'static str) -> String {
    if n == 1 {
        format!("your edit {one}")
    } else {
        format!("your {n} edits {many}")
    }
}

impl App {
    /// The map on screen is the file at `path`: its edits are saved there and journaled in
    /// `journals`. A journal left there by a session that ended without saving is offered.
    pub fn editing_file(&mut self, path: PathBuf, journals: Option<Journals>) {
        self.edits.path = Some(path);
        self.edits.journals = journals;
        if !self.waiting {
            self.check_journal();
        }
    }

    /// What the loop around the workbench is asked to do, oldest first.
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.edits.requests)
    }

    /// Where the person is now.
    pub(super) fn place(&self) -> Place {
        let journey = self.board.journey();
        let element_id = |e: Option<usize>| {
            e.and_then(|e| journey.elements.get(e))
                .map(|e| e.id.clone())
        };
        Place {
            selected: self.selected.zip(self.selected_id().map(str::to_string)),
            follow: element_id(self.follow),
            filter_element: element_id(self.filter.element),
            channel: self
                .filter
                .channel
                .and_then(|c| journey.channels.get(c))
                .map(|c| c.id.clone()),
            finding: match self.outline.rows.get(self.findings.row) {
                Some(Row::Finding(i)) => {
                    self.board.analysis.findings.get(*i).map(|f| f.to_finding())
                }
                _ => None,
            },
            collection: self.collection,
            catalogue: self.catalogue.cursor,
        }
    }

    /// Finds `place` again on the board now shown. `same_graph`: the board is the one the
    /// place was taken on, changed by an edit (its step indexes still hold).
    pub(super) fn restore(&mut self, place: Place, same_graph: bool) {
        let journey = self.board.journey();
        self.follow = place.follow.and_then(|id| journey.element_index(&id));
        self.filter.element = place
            .filter_element
            .and_then(|id| journey.element_index(&id));
        self.filter.channel = place.channel.and_then(|id| journey.channel_index(&id));
        let taken_on = place.selected.as_ref().map(|(_, id)| id.clone());
        let selected = place.selected.and_then(|(ix, id)| {
            if same_graph && journey.graph.contains_node(ix) {
                Some(ix)
            } else {
                journey.step_index(&id)
            }
        });
        self.lanes = Lanes::new(&self.board, &self.filter);
        if same_graph {
            let graph = &self.board.journey().graph;
            self.trail.retain(|&ix| graph.contains_node(ix));
        } else {
            self.trail.clear();
        }
        if selected != self.selected {
            self.set_selected(selected, same_graph);
        }
        if self.selected.and_then(|ix| self.lanes.place(ix)).is_none() {
            self.set_selected(self.lanes.first(), false);
        }
        let collections = self.selected_step_collections();
        // The place's collection only on the step it was taken on: on another (the step is
        // gone) it would point at something unrelated.
        let same_step = taken_on.is_some() && taken_on.as_deref() == self.selected_id();
        let collection = if same_step {
            place.collection
        } else {
            self.collection
        };
        self.collection = collection.filter(|&c| c < collections);
        self.refilter_elements();
        self.findings.row = 0;
        self.refilter_findings();
        // The same finding (same rule, place and message) when it is still there.
        if let Some(f) = place.finding
            && let Some(i) = self.board.analysis.findings.iter().position(|g| {
                // The message last: it is written out to be compared.
                (g.rule().code, g.step(), g.element(), g.collection())
                    == (
                        f.rule.code,
                        f.step.as_deref(),
                        f.element.as_deref(),
                        f.collection,
                    )
                    && g.message() == f.message
            })
            && let Some(row) = self.outline.row_of(i)
        {
            self.findings.row = row;
        }
        self.catalogue.cursor = place.catalogue;
        self.clamp_catalogue();
    }

    /// The editing session, started on the text of the file shown when there is none yet.
    fn session(&mut self) -> Result<&mut Session, String> {
        if self.edits.session.is_none() {
            let session = self.start_session()?;
            self.edits.session = Some(session);
            self.start_journal();
        }
        self.edits
            .session
            .as_mut()
            .ok_or_else(|| "no editing session".to_string())
    }

    fn start_session(&mut self) -> Result<Session, String> {
        if self.waiting_for_map() {
            return Err("the map is still loading: edit it once it shows".into());
        }
        let Some(path) = self.edits.path.clone() else {
            let text = self.edits.unfiled.clone();
            return Ok(Session::new(
                text.unwrap_or_else(|| crate::tui::EXAMPLE.to_string()),
            ));
        };
        let bytes = std::fs::read(&path)
            .map_err(|e| format!("cannot read {} to edit it: {e}", path.display()))?;
        if self.board.hash != Some(journal::hash_bytes(&bytes)) {
            // Edits apply to the text the board shows; the file moved on (or is broken).
            self.edits.requests.push(Request::Reload);
            return Err(format!(
                "{} changed on disk since it was shown: it is being read again; edit once it has",
                clean(&path.display().to_string())
            ));
        }
        let text =
            String::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_string())?;
        Ok(Session::new(text))
    }

    /// Journals the session's edits from now on, in a fresh journal.
    fn start_journal(&mut self) {
        let (Some(path), Some(journals), Some(session)) = (
            self.edits.path.as_deref(),
            self.edits.journals.as_ref(),
            self.edits.session.as_mut(),
        ) else {
            return;
        };
        let opened = journals.create(path).and_then(|file| {
            let writer: Box<dyn Write + Send> = Box::new(file);
            session.journal_to(writer, &path.display().to_string())
        });
        if let Err(e) = opened {
            self.message = Some(format!(
                "edits are not journaled ({e}): save often, a crash would lose them"
            ));
        }
    }

    /// Makes an edit through the session, then analyses the map again and keeps the place.
    /// Refused edits change nothing and come back as a message.
    pub(super) fn edit(
        &mut self,
        change: impl FnOnce(&mut Session, &mut Journey) -> Result<(), EditError>,
    ) -> Result<(), String> {
        let place = self.place();
        self.session()?;
        let Some(session) = self.edits.session.as_mut() else {
            return Err("no editing session".into());
        };
        change(session, &mut self.board.map.journey).map_err(|e| e.to_string())?;
        self.reanalyse(place);
        Ok(())
    }

    /// The board after the journey changed: the rules run on it again, findings placed in
    /// the edited text.
    fn reanalyse(&mut self, place: Place) {
        if let Some(session) = &self.edits.session {
            self.board.reanalyse(session.editor());
        }
        self.restore(place, true);
    }

    pub(super) fn undo(&mut self) {
        let place = self.place();
        let journey = &mut self.board.map.journey;
        match self.edits.session.as_mut().and_then(|s| s.undo(journey)) {
            Some(label) => {
                self.reanalyse(place);
                self.message = Some(format!("undid: {}", clean(&label)));
            }
            None => self.message = Some("nothing to undo".into()),
        }
    }

    pub(super) fn redo(&mut self) {
        let place = self.place();
        let journey = &mut self.board.map.journey;
        match self.edits.session.as_mut().and_then(|s| s.redo(journey)) {
            Some(label) => {
                self.reanalyse(place);
                self.message = Some(format!("redid: {}", clean(&label)));
            }
            None => self.message = Some("nothing to redo".into()),
        }
    }

    /// Saves the edits to the file, unless it changed on disk (then asks); the built-in
    /// example asks for a name first.
    pub(super) fn save(&mut self) {
        if !self.edits.is_dirty() {
            self.message = Some("nothing to save: no edits since the map was read".into());
            return;
        }
        let Some(path) = self.edits.path.clone() else {
            self.ask_save_as();
            return;
        };
        let Some(session) = self.edits.session.as_mut() else {
            return;
        };
        match session.save(&path, false) {
            Ok(()) => self.saved(&path),
            Err(SaveError::ChangedOnDisk) => self.ask_about_disk(&path),
            Err(e) => self.message = Some(format!("not saved: {e}")),
        }
    }

    /// Writes the edits over a file changed on disk, as the person chose.
    pub(super) fn overwrite(&mut self) {
        let (Some(path), Some(session)) = (self.edits.path.clone(), self.edits.session.as_mut())
        else {
            return;
        };
        match session.save(&path, true) {
            Ok(()) => self.saved(&path),
            Err(e) => self.message = Some(format!("not saved: {e}")),
        }
    }

    /// Saves under `path`, which becomes the map's file.
    pub(super) fn save_as(&mut self, path: PathBuf) -> Result<(), String> {
        if path.as_os_str().is_empty() {
            return Err("name the file to save to".into());
        }
        if path.is_dir() {
            return Err(format!(
                "{} is a folder: name a file",
                clean(&path.display().to_string())
            ));
        }
        self.session()?;
        let Some(session) = self.edits.session.as_mut() else {
            return Ok(());
        };
        session
            .save_as(&path)
            .map_err(|e| format!("not saved: {e}"))?;
        // The journal was the old file's.
        if let (Some(old), Some(journals)) = (&self.edits.path, &self.edits.journals) {
            journals.remove(old);
        }
        self.source = path.display().to_string();
        self.edits.path = Some(path.clone());
        self.edits.requests.push(Request::Watch(path.clone()));
        self.saved(&path);
        Ok(())
    }

    /// After a save: the file holds the text; the journal starts again from it.
    fn saved(&mut self, path: &Path) {
        let Some(session) = &self.edits.session else {
            return;
        };
        let hash = journal::hash(session.text());
        self.board.hash = Some(hash);
        self.edits.requests.push(Request::Saved(hash));
        self.edits.disk_changed = false;
        self.start_journal();
        let shown = clean(&path.display().to_string()).into_owned();
        let backup = backup_path(path);
        self.message = Some(if backup.exists() {
            format!(
                "saved {shown} (the previous version is {})",
                clean(&backup.display().to_string())
            )
        } else {
            format!("saved {shown}")
        });
        if self.edits.quit_after_save {
            self.quit();
        }
    }

    fn ask_save_as(&mut self) {
        let default = match &self.edits.path {
            Some(p) => p.display().to_string(),
            None => crate::tui::EXAMPLE_FILE.to_string(),
        };
        self.overlays.form = Some(Form::file(
            "Save the map as".into(),
            Target::SaveAs,
            &default,
            "the file to write (a path, from the folder the workbench was started in)",
        ));
    }

    /// The file changed on disk while edits are unsaved: the person chooses.
    fn ask_about_disk(&mut self, path: &Path) {
        let n = self.edits.unsaved();
        self.overlays.question = Some(
            Question::new(format!(
                "{} changed on disk since it was read",
                clean(&path.display().to_string())
            ))
            .line(format!(
                "Someone (or another program) saved it; {} not in it.",
                your_edits(n, "is", "are")
            ))
            .answer(
                'r',
                "read the file again and drop my edits",
                Reply::ReloadFromDisk,
            )
            .answer('o', "overwrite it with my edits", Reply::Overwrite)
            .answer('a', "save my edits under another name", Reply::SaveAs),
        );
    }

    /// Drops the edits and reads the file again.
    pub(super) fn reload_from_disk(&mut self) {
        self.end_session();
        self.edits.disk_changed = false;
        self.edits.requests.push(Request::Reload);
        self.message = Some("edits dropped; reading the file again".into());
    }

    /// Ends the session (its edits are saved or dropped), and its journal with it.
    pub(super) fn end_session(&mut self) {
        if let Some(mut session) = self.edits.session.take() {
            session.end_journal();
            if let (Some(path), Some(journals)) = (&self.edits.path, &self.edits.journals) {
                journals.remove(path);
            }
        }
    }

    /// Quits, unless edits are unsaved: then asks.
    pub(super) fn quit_asking(&mut self) {
        if !self.edits.is_dirty() {
            self.quit();
            return;
        }
        let n = self.edits.unsaved();
        let save = match &self.edits.path {
            Some(_) => "save and quit",
            None => "save under a name, then quit",
        };
        self.overlays.question = Some(
            Question::new(format!("{} not saved", count(n, "edit", "edits")))
                .answer('s', save, Reply::SaveAndQuit)
                .answer('d', "quit and drop them", Reply::QuitWithoutSaving),
        );
    }

    /// Leaves: a session with nothing unsaved takes its journal with it.
    pub(super) fn quit(&mut self) {
        if !self.edits.is_dirty() {
            self.end_session();
        }
        self.quit = true;
    }

    pub(super) fn quit_without_saving(&mut self) {
        self.end_session();
        self.quit = true;
    }

    pub(super) fn save_and_quit(&mut self) {
        self.edits.quit_after_save = true;
        self.save();
    }

    /// The file was read again while edits are unsaved: the edits stay on screen; saving
    /// will ask what to do.
    pub(super) fn disk_changed_under_edits(&mut self) {
        self.edits.disk_changed = true;
        self.message = Some(format!(
            "the file changed on disk; {} here: {} chooses what to do",
            your_edits(self.edits.unsaved(), "stays", "stay"),
            self.keymap.key_for(&crate::tui::action::Action::Save)
        ));
    }

    /// Offers the edits of a journal left behind by a session that ended without saving.
    pub(super) fn check_journal(&mut self) {
        let (Some(path), Some(journals)) = (&self.edits.path, &self.edits.journals) else {
            return;
        };
        let Some(lines) = journals.read(path) else {
            return;
        };
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        match journal::replay(&text, &lines) {
            Ok(back) if back.editor.is_dirty() => {
                let mut q = Question::new(format!(
                    "{} unsaved from a session that ended without saving",
                    count(back.edits.len().max(1), "edit", "edits")
                ));
                let shown = 6;
                for label in back.edits.iter().rev().take(shown).rev() {
                    q = q.line(format!("· {}", clean(label)));
                }
                if back.edits.len() > shown {
                    q = q.line(format!("… and {} before them", back.edits.len() - shown));
                }
                self.overlays.question =
                    Some(q.answer('r', "recover them", Reply::Recover).answer(
                        'd',
                        "drop them",
                        Reply::DropJournal,
                    ));
            }
            Ok(_) => journals.remove(path),
            Err(e) => {
                let aside = journals.set_aside(path);
                self.message = Some(match aside {
                    Some(to) => format!(
                        "a journal of unsaved edits does not fit the file any more ({e}); kept as {}",
                        clean(&to.display().to_string())
                    ),
                    None => format!("a journal of unsaved edits does not fit the file ({e})"),
                });
            }
        }
    }

    /// Makes the journal's edits again and shows the map they give.
    pub(super) fn recover(&mut self) {
        let (Some(path), Some(journals)) = (self.edits.path.clone(), self.edits.journals.clone())
        else {
            return;
        };
        let recovered = journals
            .read(&path)
            .zip(std::fs::read_to_string(&path).ok())
            .ok_or_else(|| "the journal or the file can no longer be read".to_string())
            .and_then(|(lines, text)| {
                let back = journal::replay(&text, &lines).map_err(|e| e.to_string())?;
                let map = mapfile::load_str(&self.board.map.file, back.editor.text().to_string())
                    .map_err(|e| {
                    e.diagnostics.first().map_or_else(
                        || "the recovered map does not load".into(),
                        |d| d.message.clone(),
                    )
                })?;
                Ok((back, map, journal::hash(&text)))
            });
        match recovered {
            Ok((back, map, disk)) => {
                let n = back.edits.len();
                let place = self.place();
                let mut board = Board::new(map);
                board.hash = self.board.hash;
                self.board = board;
                self.edits.session = Some(Session::recovered(back.editor, disk));
                self.start_journal();
                self.restore(place, false);
                self.message = Some(format!(
                    "recovered {}: save to keep them",
                    count(n, "edit", "edits")
                ));
            }
            Err(e) => self.message = Some(format!("cannot recover the edits: {}", clean(&e))),
        }
    }

    pub(super) fn drop_journal(&mut self) {
        if let (Some(path), Some(journals)) = (&self.edits.path, &self.edits.journals) {
            journals.remove(path);
        }
        self.message = Some("the unsaved edits were dropped".into());
    }

    /// Asks for the map to be opened in the person's editor at the selected step (or
    /// collection); the workbench reads it again when the editor closes.
    pub(super) fn open_editor(&mut self) {
        let Some(path) = self.edits.path.clone() else {
            self.message = Some(format!(
                "the built-in example has no file: save it first ({})",
                self.keymap.key_for(&crate::tui::action::Action::Save)
            ));
            return;
        };
        if self.edits.is_dirty() {
            self.message = Some(format!(
                "save or undo the edits first ({}): the editor would not see them",
                self.keymap.key_for(&crate::tui::action::Action::Save)
            ));
            return;
        }
        let journey = self.board.journey();
        let position = self.selected.and_then(|ix| journey.position(ix));
        let line = match (position, self.collection) {
            (Some(p), Some(c)) => self.locate(touchpoint_engine::path!["steps", p, "collects", c]),
            (Some(p), None) => self.locate(touchpoint_engine::path!["steps", p]),
            _ => 1,
        };
        self.end_session();
        self.edits.requests.push(Request::OpenEditor { path, line });
    }

    /// The line of the value at `path` in the text shown.
    fn locate(&self, path: &[touchpoint_engine::source::Key<'_>]) -> usize {
        use touchpoint_engine::source::Locate;
        let pos = match &self.edits.session {
            Some(s) => s.editor().nearest(path),
            None => self.board.map.source.nearest(path),
        };
        pos.line.max(1) as usize
    }
}
