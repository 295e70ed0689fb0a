//! Editing at scale, on generated maps of 1,000 and 10,000 steps: one collection justified
//! in its form, from Ctrl-s to the next frame drawn (the edit made in the text and the
//! journey, the map analysed again, the views rebuilt; the goal is under 20 ms at 10,000
//! steps), the first edit of a session apart (it reads the whole text into the editor), an
//! undo the same way, and saving the edited 10,000-step map to disk.

// The allocator the binary uses, so that the in-process figures (and the floor) are
// measured as `touchpoint` runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use touchpoint::tui::journals::Journals;
use touchpoint::tui::{Action, App, Board, Config, view};
use touchpoint_engine::journey::synthetic::{Shape, generate};
use touchpoint_engine::mapfile::{load_str, to_ron};

const SIZE: (u16, u16) = (160, 48);

fn map_text(steps: usize) -> String {
    to_ron(&generate(Shape::with_steps(steps))).expect("generated maps serialise")
}

/// The workbench on `text`, saved at `path` when given.
fn app(text: &str, path: Option<&std::path::Path>) -> App {
    let map = load_str("bench.ron", text.to_string()).expect("the generated map loads");
    let size = Rect::new(0, 0, SIZE.0, SIZE.1);
    match path {
        Some(path) => {
            std::fs::write(path, text).expect("writes the map");
            let mut board = Board::new(map);
            board.set_file_hash(text.as_bytes());
            let mut app = App::with_loaded(board, "bench.ron".into(), Config::default(), size);
            app.editing_file(path.to_path_buf(), None::<Journals>);
            app
        }
        None => App::new(map, "bench.ron".into(), Config::default(), size),
    }
}

/// The first step's first collection's form, its purpose typed anew, ready to apply
/// (`focus`: the inspector is not focused yet).
fn justify(app: &mut App, purpose: &str, focus: bool) {
    if focus {
        app.apply(Action::Select);
    }
    app.apply(Action::Home);
    app.apply(Action::Edit);
    app.apply(Action::Down);
    app.apply(Action::Select);
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    app.apply(Action::Input(ctrl_u));
    for c in purpose.chars() {
        app.apply(Action::Input(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
    app.apply(Action::Select);
}

/// The screen's text, to check that the benchmarked keys did what they are meant to.
fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("terminal");
    terminal.draw(|f| view::render(f, app)).expect("draws");
    let buffer = terminal.backend().buffer();
    buffer.content().iter().map(|c| c.symbol()).collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit");
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    for steps in [1_000, 10_000] {
        let text = map_text(steps);
        let mut first = app(&text, None);
        justify(&mut first, "Send the receipt the customer asked for", true);
        let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("terminal");
        group.bench_function(BenchmarkId::new("first_edit_and_redraw", steps), |b| {
            b.iter_batched(
                || first.clone(),
                |mut app| {
                    app.apply(Action::Save);
                    terminal.draw(|f| view::render(f, &app)).expect("draws");
                    app
                },
                BatchSize::LargeInput,
            );
        });
        let mut ready = first.clone();
        ready.apply(Action::Save);
        justify(
            &mut ready,
            "Send the receipt they asked for, by email",
            false,
        );
        let mut check = ready.clone();
        check.apply(Action::Save);
        assert!(
            screen(&check).contains("2 unsaved edits"),
            "{}",
            screen(&check)
        );
        group.bench_function(BenchmarkId::new("apply_form_and_redraw", steps), |b| {
            b.iter_batched(
                || ready.clone(),
                |mut app| {
                    app.apply(Action::Save);
                    terminal.draw(|f| view::render(f, &app)).expect("draws");
                    app
                },
                BatchSize::LargeInput,
            );
        });
        let mut edited = ready.clone();
        edited.apply(Action::Save);
        group.bench_function(BenchmarkId::new("undo_and_redraw", steps), |b| {
            b.iter_batched(
                || edited.clone(),
                |mut app| {
                    app.apply(Action::Undo);
                    terminal.draw(|f| view::render(f, &app)).expect("draws");
                    app
                },
                BatchSize::LargeInput,
            );
        });
    }
    group.finish();

    let mut save = c.benchmark_group("save");
    save.sample_size(10);
    let dir = tempfile::tempdir().expect("scratch folder");
    let path = dir.path().join("bench.ron");
    let steps = 10_000;
    let text = map_text(steps);
    let mut dirty = app(&text, Some(&path));
    justify(&mut dirty, "Send the receipt the customer asked for", true);
    dirty.apply(Action::Save);
    save.bench_function(BenchmarkId::new("save_after_an_edit", steps), |b| {
        b.iter_batched(
            || {
                // The file as loaded, so that each save finds it unchanged on disk.
                std::fs::write(&path, &text).expect("writes");
                dirty.clone()
            },
            |mut app| {
                app.apply(Action::Save);
                black_box(app)
            },
            BatchSize::LargeInput,
        );
    });
    save.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
