//! Any bytes as a sequence of things a person (and the terminal) can do to the workbench, at
//! any terminal size: `apply` and drawing never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use touchpoint::tui::{self, Action, App, Config};
use touchpoint_engine::mapfile::{Diagnostic, LoadError};

/// Takes the next byte, or 0 at the end.
fn next(bytes: &mut std::slice::Iter<'_, u8>) -> u8 {
    bytes.next().copied().unwrap_or(0)
}

/// Draws `app` on a terminal of `size`, as the last resize left it.
fn draw(app: &App, size: (u16, u16)) {
    let mut terminal =
        Terminal::new(TestBackend::new(size.0, size.1)).expect("a test terminal never fails");
    terminal
        .draw(|frame| tui::view::render(frame, app))
        .expect("drawing into a test terminal never fails");
}

fuzz_target!(|data: &[u8]| {
    let mut bytes = data.iter();
    let width = u16::from(next(&mut bytes));
    let height = u16::from(next(&mut bytes) % 90);
    let mut size = (width, height);
    let map = tui::example().expect("the built-in example loads");
    let mut app = App::new(
        map,
        tui::EXAMPLE_NAME.into(),
        Config::default(),
        Rect::new(0, 0, width, height),
    );
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
                _ => continue,
            }
        };
        if matches!(action, Action::Quit) {
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
