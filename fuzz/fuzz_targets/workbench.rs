//! Any bytes as a sequence of things a person (and the terminal) can do to the workbench, at
//! any terminal size: `apply` and drawing never panic, editing and saving (to a scratch copy)
//! included.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::sync::OnceLock;

use touchpoint::tui::{self, Action, App, Config};
use touchpoint_engine::mapfile::{Diagnostic, LoadError};

/// Takes the next byte, or 0 at the end.
fn next(bytes: &mut std::slice::Iter<'_, u8>) -> u8 {
    bytes.next().copied().unwrap_or(0)
}

/// The file the workbench edits and saves: a scratch copy of the built-in example.
static MAP: OnceLock<PathBuf> = OnceLock::new();

/// A key typed into a text field: characters and the keys that move and delete in it.
fn text_key(byte: u8, next: u8) -> KeyEvent {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    match byte % 12 {
        0 => plain(KeyCode::Backspace),
        1 => plain(KeyCode::Delete),
        2 => plain(KeyCode::Left),
        3 => plain(KeyCode::Right),
        4 => plain(KeyCode::Home),
        5 => plain(KeyCode::End),
        6 => plain(KeyCode::Enter),
        7 => ctrl('u'),
        8 => ctrl('w'),
        9 => ctrl('k'),
        10 => plain(KeyCode::Tab),
        _ => plain(KeyCode::Char(char::from(next))),
    }
}

/// Draws `app` on a terminal of `size`, as the last resize left it.
fn draw(app: &App, size: (u16, u16)) {
    let mut terminal =
        Terminal::new(TestBackend::new(size.0, size.1)).expect("a test terminal never fails");
    terminal
        .draw(|frame| tui::view::render(frame, app))
        .expect("drawing into a test terminal never fails");
}

fuzz_target!(init: {
    let scratch = std::env::temp_dir().join(format!("touchpoint-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("a scratch folder");
    MAP.get_or_init(|| scratch.join(tui::EXAMPLE_FILE));
}, |data: &[u8]| {
    let mut bytes = data.iter();
    let width = u16::from(next(&mut bytes));
    let height = u16::from(next(&mut bytes) % 90);
    let mut size = (width, height);
    let path = MAP.get().expect("set up in init").clone();
    std::fs::write(&path, tui::EXAMPLE).expect("the scratch map is written");
    let mut board = tui::Board::new(tui::example().expect("the built-in example loads"));
    board.set_file_hash(tui::EXAMPLE.as_bytes());
    let mut app = App::with_loaded(
        board,
        tui::EXAMPLE_FILE.into(),
        Config::default(),
        Rect::new(0, 0, width, height),
    );
    app.editing_file(path, None);
    let bindable: Vec<&Action> = Action::bindable().collect();
    let mut count = 0;
    while let Some(&op) = bytes.next() {
        let op = usize::from(op);
        let action = if op < bindable.len() {
            bindable[op].clone()
        } else {
            match op - bindable.len() {
                0 => Action::Type(char::from(next(&mut bytes))),
                1 => Action::Click {
                    column: u16::from(next(&mut bytes)),
                    row: u16::from(next(&mut bytes)),
                },
                2 => Action::Scroll(if next(&mut bytes) % 2 == 0 { 1 } else { -1 }),
                3 => {
                    let (w, h) = (u16::from(next(&mut bytes)), u16::from(next(&mut bytes) % 90));
                    size = (w, h);
                    Action::Resize {
                        width: w,
                        height: h,
                    }
                }
                4 => Action::Tick,
                5 => Action::Reload(Box::new(Err(LoadError {
                    diagnostics: vec![Diagnostic::whole_file(
                        "broadband-fault.ron",
                        "a broken save",
                    )],
                }))),
                6 => Action::Reload(Box::new(
                    tui::example().map(tui::Board::new),
                )),
                7 => {
                    let (key, c) = (next(&mut bytes), next(&mut bytes));
                    Action::Input(text_key(key, c))
                }
                _ => continue,
            }
        };
        // Quitting ends the session; the editor and suspending are served by the event loop;
        // an export writes wherever its form was pointed, which a fuzzer must not choose.
        if matches!(action, Action::Quit | Action::Export) {
            continue;
        }
        app.apply(action);
        count += 1;
        if count % 4 == 0 {
            draw(&app, size);
        }
    }
    draw(&app, size);
});
