//! Tests of editing from the workbench, driven by keys through the keymap as a person types
//! them: forms, lists, questions, undo and redo, saving, the journal and its recovery.

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::tests::app;
use super::*;
use crate::tui::journals::Journals;
use crate::tui::request::Request;
use touchpoint_engine::edit::journal;
use touchpoint_engine::mapfile::load_str;

const WORKSHOP: &str = include_str!("../../../tests/fixtures/workshop.ron");

/// Types `keys`: characters as themselves, `<Enter>`, `<Esc>`, `<Tab>`, `<Up>`, `<Down>`,
/// `<BS>`, `<Space>` and `<C-x>` for Ctrl and a letter.
pub(super) fn press(app: &mut App, keys: &str) {
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (key, len) = if c == '<'
            && let Some(end) = rest.find('>')
        {
            let name = &rest[1..end];
            let code = match name {
                "Enter" => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
                "Esc" => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
                "Tab" => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
                "Up" => KeyEvent::new(KeyCode::Up, KeyModifiers::NONE),
                "Down" => KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
                "BS" => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
                "Space" => KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE),
                ctrl => {
                    let letter = ctrl.strip_prefix("C-").and_then(|l| l.chars().next());
                    KeyEvent::new(
                        KeyCode::Char(letter.expect("a key name")),
                        KeyModifiers::CONTROL,
                    )
                }
            };
            (code, end + 1)
        } else {
            (
                KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                c.len_utf8(),
            )
        };
        rest = &rest[len..];
        if let Some(action) = crate::tui::to_action(app, Event::Key(key)) {
            app.apply(action);
        }
    }
}

fn select(app: &mut App, id: &str) {
    let ix = app.board.journey().step_index(id).expect("a step");
    app.set_selected(Some(ix), false);
}

pub(super) fn text(app: &App) -> &str {
    app.edits.session.as_ref().map_or("", |s| s.text())
}

/// A workbench on a copy of the workshop map in a scratch folder, journaling there.
pub(super) fn on_file(dir: &Path) -> (App, PathBuf) {
    let path = dir.join("workshop.ron");
    std::fs::write(&path, WORKSHOP).expect("writes the map");
    (open(dir, &path), path)
}

fn open(dir: &Path, path: &Path) -> App {
    let bytes = std::fs::read(path).expect("reads");
    let map = load_str(
        &path.display().to_string(),
        String::from_utf8(bytes.clone()).expect("UTF-8"),
    )
    .expect("loads");
    let mut board = Board::new(map);
    board.hash = Some(journal::hash_bytes(&bytes));
    let mut app = App::with_loaded(
        board,
        path.display().to_string(),
        Config::default(),
        Rect::new(0, 0, 120, 40),
    );
    app.editing_file(path.to_path_buf(), Some(Journals::at(dir.join("journals"))));
    app
}

#[test]
fn a_collection_is_added_justified_undone_and_redone() {
    let mut app = app(120, 40);
    select(&mut app, "web-browse");
    let before = app.board.journey().graph[app.selected.expect("selected")]
        .collects
        .len();
    press(&mut app, "<Enter>A");
    assert_eq!(app.context(), Context::Form);
    // Help shows over the form, and closing it comes back to the form.
    press(&mut app, "?");
    assert_eq!(app.context(), Context::Help);
    press(&mut app, "<Esc>");
    assert_eq!(app.context(), Context::Form);
    // The data element, from the list narrowed by typing.
    press(&mut app, "<Enter>email<Enter>");
    press(&mut app, "<Down><Enter>To send the receipt<Enter>");
    press(&mut app, "<Down><Down><Enter>contract<Enter><C-s>");
    assert!(
        app.overlays.form.is_none(),
        "{:?}",
        app.overlays.form.as_ref().and_then(|f| f.error.clone())
    );
    let ix = app.selected.expect("selected");
    let collects = &app.board.journey().graph[ix].collects;
    assert_eq!(collects.len(), before + 1);
    let added = collects.last().expect("added");
    assert_eq!(added.purpose.as_deref(), Some("To send the receipt"));
    assert_eq!(
        added.basis,
        Some(touchpoint_engine::journey::LawfulBasis::Contract)
    );
    assert!(text(&app).contains("purpose: \"To send the receipt\""));
    assert_eq!(app.edits.unsaved(), 1);
    press(&mut app, "u");
    assert_eq!(
        text(&app),
        WORKSHOP,
        "undo gives the text back byte for byte"
    );
    assert_eq!(app.board.journey().graph[ix].collects.len(), before);
    press(&mut app, "U");
    assert_eq!(app.board.journey().graph[ix].collects.len(), before + 1);
}

#[test]
fn every_edit_is_analysed_at_once() {
    let mut app = app(120, 40);
    select(&mut app, "web-browse");
    let findings = app.board.analysis.findings.len();
    // A collection with nothing said about it: findings appear for it.
    press(&mut app, "<Enter>A<Enter>email<Enter><C-s>");
    assert!(app.board.analysis.findings.len() > findings);
    press(&mut app, "u");
    assert_eq!(app.board.analysis.findings.len(), findings);
}

#[test]
fn a_flow_is_added_labelled_and_deleted() {
    let mut app = app(120, 40);
    select(&mut app, "web-browse");
    let flows = app.board.journey().flows().len();
    press(&mut app, "L");
    assert_eq!(app.context(), Context::Picker);
    let target = app
        .board
        .journey()
        .steps()
        .map(|(_, s)| s.title.clone())
        .nth(3)
        .expect("a step");
    for c in target.chars() {
        press(&mut app, &c.to_string());
    }
    press(&mut app, "<Enter>");
    assert_eq!(
        app.board.journey().flows().len(),
        flows + 1,
        "{:?}",
        app.message
    );
    let index = flows;
    press(&mut app, "F");
    // The new flow is the last of the step's: choose it, then label it.
    press(&mut app, &target.chars().take(6).collect::<String>());
    press(&mut app, "<Enter>l");
    assert_eq!(app.context(), Context::TextField);
    press(&mut app, "when it rains<Enter>");
    assert_eq!(
        app.board.journey().flows()[index].label.as_deref(),
        Some("when it rains"),
        "{:?}",
        app.message
    );
    press(&mut app, "F");
    press(&mut app, &target.chars().take(6).collect::<String>());
    press(&mut app, "<Enter>d");
    assert_eq!(app.board.journey().flows().len(), flows);
}

#[test]
fn deleting_a_step_asks_naming_its_flows() {
    let mut app = app(120, 40);
    select(&mut app, "web-login");
    let steps = app.board.journey().step_count();
    press(&mut app, "D");
    let q = app.overlays.question.clone().expect("asks first");
    assert!(
        q.lines.iter().any(|l| l.contains('\u{2192}')),
        "{:?}",
        q.lines
    );
    press(&mut app, "<Esc>");
    assert_eq!(app.board.journey().step_count(), steps, "Esc keeps it");
    press(&mut app, "Dy");
    assert_eq!(app.board.journey().step_count(), steps - 1);
    let journey = app.board.journey();
    assert!(
        journey
            .flows()
            .iter()
            .all(|f| f.from != "web-login" && f.to != "web-login")
    );
    assert!(app.selected.is_some(), "another step is selected");
}

#[test]
fn a_step_is_added_where_the_selection_is_with_an_id_from_its_title() {
    let mut app = app(120, 40);
    select(&mut app, "web-browse");
    let (channel, stage) = {
        let s = app
            .board
            .step(app.selected.expect("selected"))
            .expect("a step");
        (s.channel.clone(), s.stage.clone())
    };
    press(&mut app, "A<Enter>Read the outage map<Enter><C-s>");
    let journey = app.board.journey();
    let ix = journey
        .step_index("read-the-outage-map")
        .expect("made from the title");
    assert_eq!(app.selected, Some(ix), "the new step is selected");
    assert_eq!(
        (&journey.graph[ix].channel, &journey.graph[ix].stage),
        (&channel, &stage)
    );
}

#[test]
fn a_refused_edit_says_why_and_changes_nothing() {
    let mut app = app(120, 40);
    select(&mut app, "web-browse");
    // A step whose title is emptied: refused, the form stays with the reason.
    press(&mut app, "E<Enter><C-u><Enter><C-s>");
    let form = app.overlays.form.as_ref().expect("the form stays");
    assert!(
        form.error.as_deref().is_some_and(|e| e.contains("title")),
        "{:?}",
        form.error
    );
    assert_eq!(app.edits.unsaved(), 0);
    press(&mut app, "<Esc>y");
    assert!(app.overlays.form.is_none());
}

#[test]
fn the_catalogue_refuses_to_delete_what_is_used_naming_it() {
    let mut app = app(120, 40);
    press(&mut app, "C");
    assert_eq!(app.view, View::Catalogue);
    press(&mut app, "D");
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.contains("still used") && message.contains("step"),
        "{message}"
    );
    // A new stage, unused, is deleted after asking.
    press(&mut app, "<Tab>");
    let stages = app.board.journey().stages.len();
    press(&mut app, "A<Enter>Aftercare<Enter><C-s>");
    assert_eq!(app.board.journey().stages.len(), stages + 1);
    assert_eq!(
        app.catalogue.cursor.row, stages,
        "the cursor is on the new stage"
    );
    assert!(app.board.journey().stage_index("aftercare").is_some());
    press(&mut app, "Dy");
    assert_eq!(app.board.journey().stages.len(), stages);
}

#[test]
fn a_data_element_is_made_from_the_collection_form() {
    let mut app = app(120, 40);
    select(&mut app, "web-browse");
    let elements = app.board.journey().elements.len();
    press(&mut app, "<Enter>A<Enter>Loyalty number");
    // The last row makes a new element from what was typed; its category comes next.
    let rows = match &app.overlays.form.as_ref().and_then(|f| f.editing.as_ref()) {
        Some(crate::tui::form::Editing::Pick(p)) => p.rows(),
        _ => 0,
    };
    for _ in 1..rows {
        press(&mut app, "<Down>");
    }
    press(&mut app, "<Enter>user.unique_id<Enter>");
    assert_eq!(app.board.journey().elements.len(), elements + 1);
    let form = app.overlays.form.as_ref().expect("the form is still open");
    assert_eq!(form.value("element"), "loyalty-number");
    press(&mut app, "<C-s>");
    let ix = app.selected.expect("selected");
    let last = app.board.journey().graph[ix]
        .collects
        .last()
        .cloned()
        .expect("a collection");
    assert_eq!(last.element, "loyalty-number");
}

#[test]
fn control_characters_are_shown_escaped_and_kept() {
    let mut app = app(120, 40);
    select(&mut app, "web-browse");
    press(
        &mut app,
        "E<Down><Down><Down><Down><Down><Down><Down><Down>",
    );
    // The notes field, given a value with an escape character (as a paste might).
    if let Some(form) = app.overlays.form.as_mut() {
        form.set(crate::tui::form::Value::Text("a\u{1b}[2Jb".into()));
    }
    press(&mut app, "<Enter>");
    let Some(crate::tui::form::Editing::Text(area)) =
        app.overlays.form.as_ref().and_then(|f| f.editing.as_ref())
    else {
        panic!("a text field is open");
    };
    assert_eq!(
        area.lines()[0],
        "a\\u{1b}[2Jb",
        "never sent to the terminal as it is"
    );
    press(&mut app, "<C-s><C-s>");
    let notes = app
        .board
        .step(app.selected.expect("selected"))
        .and_then(|s| s.notes.clone());
    assert_eq!(notes.as_deref(), Some("a\u{1b}[2Jb"));
}

#[test]
fn quitting_with_unsaved_edits_asks() {
    let mut app = app(120, 40);
    select(&mut app, "web-browse");
    press(&mut app, "A<Enter>New step<Enter><C-s>q");
    assert!(!app.should_quit());
    assert!(app.overlays.question.is_some());
    press(&mut app, "<Esc>");
    assert!(!app.should_quit(), "Esc stays");
    press(&mut app, "qd");
    assert!(app.should_quit());
}

#[test]
fn saving_keeps_a_backup_and_asks_when_the_file_changed_on_disk() {
    let dir = tempfile::tempdir().expect("scratch");
    let (mut app, path) = on_file(dir.path());
    select(&mut app, "web-browse");
    press(&mut app, "A<Enter>Read the outage map<Enter><C-s><C-s>");
    let saved = std::fs::read_to_string(&path).expect("reads");
    assert!(saved.contains("Read the outage map"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("workshop.ron~")).expect("a backup"),
        WORKSHOP
    );
    assert_eq!(app.edits.unsaved(), 0);
    assert!(
        app.take_requests()
            .iter()
            .any(|r| matches!(r, Request::Saved(_)))
    );
    // Someone else writes the file; the next save asks.
    press(&mut app, "A<Enter>Another<Enter><C-s>");
    std::fs::write(&path, format!("{saved}// changed elsewhere\n")).expect("writes");
    press(&mut app, "<C-s>");
    assert!(app.overlays.question.is_some(), "{:?}", app.message);
    assert!(
        std::fs::read_to_string(&path)
            .expect("reads")
            .ends_with("// changed elsewhere\n")
    );
    press(&mut app, "o");
    let now = std::fs::read_to_string(&path).expect("reads");
    assert!(now.contains("Another") && !now.contains("changed elsewhere"));
}

#[test]
fn a_reload_never_replaces_unsaved_edits() {
    let dir = tempfile::tempdir().expect("scratch");
    let (mut app, path) = on_file(dir.path());
    select(&mut app, "web-browse");
    press(&mut app, "A<Enter>Kept<Enter><C-s>");
    let other = load_str("workshop.ron", WORKSHOP.to_string()).expect("loads");
    app.apply(Action::Reload(Box::new(Ok(Board::new(other)))));
    assert!(
        app.board.journey().step_index("kept").is_some(),
        "the edit is still shown"
    );
    assert!(app.edits.disk_changed);
    // Dropping the edits asks for the file again.
    std::fs::write(&path, format!("{WORKSHOP}// elsewhere\n")).expect("writes");
    press(&mut app, "<C-s>r");
    assert!(app.take_requests().contains(&Request::Reload));
    assert_eq!(app.edits.unsaved(), 0);
}

#[test]
fn edits_are_journaled_and_recovered_after_a_crash() {
    let dir = tempfile::tempdir().expect("scratch");
    let (mut app, path) = on_file(dir.path());
    select(&mut app, "web-browse");
    press(&mut app, "A<Enter>Survives a crash<Enter><C-s>");
    let edited = text(&app).to_string();
    // The process dies: nothing is saved, the journal stays.
    drop(app);
    assert_eq!(std::fs::read_to_string(&path).expect("reads"), WORKSHOP);
    let mut again = open(dir.path(), &path);
    let q = again
        .overlays
        .question
        .clone()
        .expect("recovery is offered");
    assert!(
        q.lines.iter().any(|l| l.contains("Survives a crash")),
        "{:?}",
        q.lines
    );
    press(&mut again, "r");
    assert_eq!(text(&again), edited);
    assert!(
        again
            .board
            .journey()
            .step_index("survives-a-crash")
            .is_some()
    );
    // The recovered edit can be taken back and made again like any other.
    press(&mut again, "u");
    assert_eq!(text(&again), WORKSHOP);
    assert!(
        again
            .board
            .journey()
            .step_index("survives-a-crash")
            .is_none()
    );
    press(&mut again, "U");
    assert_eq!(text(&again), edited);
    // Saved: the journal goes when the workbench quits.
    press(&mut again, "<C-s>q");
    assert!(again.should_quit());
    assert!(!Journals::at(dir.path().join("journals")).of(&path).exists());
}

#[test]
fn a_journal_that_does_not_fit_the_file_is_set_aside_not_replayed() {
    let dir = tempfile::tempdir().expect("scratch");
    let (mut app, path) = on_file(dir.path());
    select(&mut app, "web-browse");
    press(&mut app, "A<Enter>Lost?<Enter><C-s>");
    drop(app);
    std::fs::write(&path, format!("{WORKSHOP}// edited elsewhere\n")).expect("writes");
    let again = open(dir.path(), &path);
    assert!(again.overlays.question.is_none());
    assert!(
        again
            .message
            .as_deref()
            .is_some_and(|m| m.contains("kept as")),
        "{:?}",
        again.message
    );
}

#[test]
fn the_example_is_saved_under_a_name() {
    let dir = tempfile::tempdir().expect("scratch");
    let mut app = app(120, 40);
    select(&mut app, "web-browse");
    press(&mut app, "A<Enter>Mine<Enter><C-s><C-s>");
    assert_eq!(app.context(), Context::TextField, "asks for a file name");
    let target = dir.path().join("mine.ron");
    press(&mut app, "<C-u>");
    for c in target.display().to_string().chars() {
        press(&mut app, &c.to_string());
    }
    press(&mut app, "<Enter>");
    assert!(
        std::fs::read_to_string(&target)
            .expect("saved")
            .contains("Mine")
    );
    assert_eq!(app.edits.path.as_deref(), Some(target.as_path()));
    assert!(app.take_requests().contains(&Request::Watch(target)));
}

#[test]
fn the_map_is_exported_from_the_workbench() {
    let dir = tempfile::tempdir().expect("scratch");
    let (mut app, _) = on_file(dir.path());
    press(&mut app, "Xdot<Enter><Enter>");
    let written = std::fs::read_to_string(dir.path().join("workshop.dot")).expect("exported");
    assert!(
        written.starts_with("digraph") || written.contains("digraph"),
        "{written}"
    );
}
