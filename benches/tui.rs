//! The workbench at scale: one frame of a generated 10,000-step map drawn into a test
//! terminal (the goal is well under 16 ms), with every flow drawn too, the time from file to
//! first frame, and the cost of the commonest actions (a move, a filter) on the same map. And
//! a step taking 100, 10,000 and 100,000 data elements, selected: its frame time stays flat.

// The allocator the binary uses, so that the in-process figures (and the floor) are
// measured as `touchpoint` runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use touchpoint::tui::{Action, App, Config, view};
use touchpoint_engine::journey::synthetic::{Shape, generate};
use touchpoint_engine::mapfile::{LoadedMap, load, load_str, to_ron};

const STEPS: usize = 10_000;
const SIZES: [(u16, u16); 3] = [(80, 24), (160, 48), (250, 70)];

fn map_text() -> String {
    to_ron(&generate(Shape::with_steps(STEPS))).expect("generated maps serialise")
}

fn app(text: &str, width: u16, height: u16) -> App {
    let map = load_str("bench.ron", text.to_string()).expect("the generated map loads");
    App::new(
        map,
        "bench.ron".into(),
        Config::default(),
        Rect::new(0, 0, width, height),
    )
}

/// A small generated map whose first step (selected on opening) takes `n` data elements.
fn big_step(n: usize) -> LoadedMap {
    let mut doc = generate(Shape::with_steps(30));
    let template = doc.steps[0].collects[0].clone();
    doc.steps[0].collects = (0..n)
        .map(|i| {
            let mut c = template.clone();
            c.element = doc.data[i % doc.data.len()].id.clone();
            c.purpose = Some(format!("Purpose number {i} of the many this step has"));
            c
        })
        .collect();
    let text = to_ron(&doc).expect("generated maps serialise");
    load_str("big.ron", text).expect("the generated map loads")
}

fn bench(c: &mut Criterion) {
    let text = map_text();
    let mut group = c.benchmark_group("tui");
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));

    for (width, height) in SIZES {
        let size = format!("{width}x{height}");
        // The top of the map, and deep inside it (the last step, bottom right).
        for (place, actions) in [("top", vec![]), ("end", vec![Action::End])] {
            let mut app = app(&text, width, height);
            for a in actions {
                app.apply(a);
            }
            let mut terminal =
                Terminal::new(TestBackend::new(width, height)).expect("test terminal");
            group.bench_function(BenchmarkId::new(format!("frame_{place}"), &size), |b| {
                b.iter(|| {
                    terminal
                        .draw(|f| view::render(f, black_box(&app)))
                        .expect("draws");
                });
            });
        }
    }

    for (width, height) in SIZES {
        let mut app = app(&text, width, height);
        app.apply(Action::ToggleFlows);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        let size = format!("{width}x{height}");
        group.bench_function(BenchmarkId::new("frame_all_flows", &size), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| view::render(f, black_box(&app)))
                    .expect("draws");
            });
        });
    }

    for (name, action) in [
        ("inventory", Action::ShowInventory),
        ("findings", Action::ShowFindings),
    ] {
        let mut app = app(&text, 160, 48);
        app.apply(action);
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test terminal");
        group.bench_function(BenchmarkId::new("frame_view", name), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| view::render(f, black_box(&app)))
                    .expect("draws");
            });
        });
    }

    let mut moving = app(&text, 160, 48);
    group.bench_function("apply_move_down", |b| {
        b.iter(|| moving.apply(Action::Down));
    });
    let mut filtering = app(&text, 160, 48);
    group.bench_function("apply_toggle_problems_filter", |b| {
        b.iter(|| filtering.apply(Action::ToggleProblems));
    });
    // A letter typed into the findings list's filter, and taken back: each filters every
    // finding by its text, made as it is searched.
    let mut searching = app(&text, 160, 48);
    searching.apply(Action::ShowFindings);
    searching.apply(Action::Search);
    for c in "repea".chars() {
        searching.apply(Action::Type(c));
    }
    group.bench_function("apply_findings_search_letter", |b| {
        b.iter(|| {
            searching.apply(Action::Type('t'));
            searching.apply(Action::SearchBackspace);
        });
    });
    group.finish();

    // A step taking many data elements, selected: the details beside the grid, then deep in
    // them (the last collection chosen in the full-size details).
    let mut big = c.benchmark_group("tui_big_step");
    big.sample_size(20);
    big.warm_up_time(Duration::from_secs(1));
    big.measurement_time(Duration::from_secs(3));
    for n in [100, 10_000, 100_000] {
        let size = Rect::new(0, 0, 160, 48);
        let app = App::new(big_step(n), "big.ron".into(), Config::default(), size);
        let mut deep = app.clone();
        deep.apply(Action::Select);
        deep.apply(Action::End);
        for (place, app) in [("selected", app), ("last_collection", deep)] {
            let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test terminal");
            big.bench_function(BenchmarkId::new(format!("frame_{place}"), n), |b| {
                b.iter(|| {
                    terminal
                        .draw(|f| view::render(f, black_box(&app)))
                        .expect("draws");
                });
            });
        }
    }
    big.finish();

    let mut first = c.benchmark_group("tui_open");
    first.sample_size(10);
    first.measurement_time(Duration::from_secs(10));
    let dir = tempfile::tempdir().expect("scratch folder");
    let path = dir.path().join("bench.ron");
    std::fs::write(&path, &text).expect("write the map");
    first.bench_function(BenchmarkId::new("file_to_first_frame", STEPS), |b| {
        b.iter(|| {
            let map = load(&path).expect("loads");
            let app = App::new(
                map,
                "bench.ron".into(),
                Config::default(),
                Rect::new(0, 0, 160, 48),
            );
            let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test terminal");
            terminal.draw(|f| view::render(f, &app)).expect("draws");
            black_box(terminal);
        });
    });
    first.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
