//! Loading and checking generated maps of 1,000 to 100,000 steps, against a floor measured in
//! the same run: ron deserialising the same text into touchpoint's own document structs and
//! nothing else. Two shapes: the plain generator, and one with `allow` entries on about one
//! step in a hundred (the shape that once hid a quadratic suppression); both have branches,
//! loops back and hand-overs between strands.
//!
//! The floor is measured twice: in this process (the parse alone), and as a program (this
//! benchmark run again as a parse-only process on the file: reading it, parsing it, exiting),
//! which is what `touchpoint check` is compared with, program to program.
//!
//! `cargo bench --bench check` prints criterion's figures, then a table of each measure as a
//! ratio to the floor and its growth from one size to the next (10x the steps should cost
//! about 10x the time). `TOUCHPOINT_BENCH_MAPS=a.ron:b.ron` adds maps from elsewhere (such as
//! the independent generator's) to the end, program to program.

// The allocator the binary uses, so that the in-process figures (and the floor) are
// measured as `touchpoint` runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use ron::extensions::Extensions;
use touchpoint_engine::journey::Document;
use touchpoint_engine::journey::synthetic::{Shape, generate};
use touchpoint_engine::mapfile::{load_str, to_ron};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn floor(text: &str) -> Document {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .from_str(text)
        .expect("the generated map parses")
}

/// Set to a map's path, this benchmark is the parse-only program: it reads and parses the map
/// and exits.
const FLOOR_PROGRAM: &str = "TOUCHPOINT_BENCH_FLOOR";

/// The floor as a program: this benchmark's executable, run as the parse-only program.
fn floor_program(path: &std::path::Path) {
    let status = Command::new(std::env::current_exe().expect("the benchmark's own path"))
        .env(FLOOR_PROGRAM, path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the floor program runs");
    assert!(status.success(), "the floor program failed");
}

/// The whole `touchpoint check --format json`, as a person runs it (output discarded).
fn check_binary(path: &std::path::Path) {
    run_check(path, &["--format", "json"]);
}

/// `touchpoint check` in its default format, printed to a file (colour dropped), as a CI log
/// gets it: once a write per line of the report, which the table would not have shown.
fn check_binary_human(path: &std::path::Path) {
    run_check(path, &[]);
}

fn run_check(path: &std::path::Path, options: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_touchpoint"))
        .arg("check")
        .args(options)
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("touchpoint runs");
    // Exit 1 means findings at the deny level: expected on generated maps.
    assert!(matches!(status.code(), Some(0 | 1)), "check failed");
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

/// One row of the closing table: a measure at each size.
struct Row {
    name: String,
    times: Vec<Duration>,
}

fn main() {
    if let Some(path) = std::env::var_os(FLOOR_PROGRAM) {
        let text = std::fs::read_to_string(path).expect("the map reads");
        // Exit without freeing, as `touchpoint check` does.
        std::mem::forget(floor(&text));
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    let dir = tempfile::tempdir().expect("a scratch folder");
    let mut rows: Vec<Row> = Vec::new();
    for (label, shape) in [
        ("plain", Shape::with_steps as fn(usize) -> Shape),
        ("allows", Shape::with_allows),
    ] {
        let mut group = c.benchmark_group(format!("check/{label}"));
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(5));
        let mut floor_row = Row {
            name: format!("{label}: floor (ron parse)"),
            times: Vec::new(),
        };
        let mut floor_program_row = Row {
            name: format!("{label}: floor program (read, parse)"),
            times: Vec::new(),
        };
        let mut load_row = Row {
            name: format!("{label}: load (parse, outline, validate)"),
            times: Vec::new(),
        };
        let mut check_row = Row {
            name: format!("{label}: load + analyse + locate"),
            times: Vec::new(),
        };
        let mut binary_row = Row {
            name: format!("{label}: touchpoint check --format json"),
            times: Vec::new(),
        };
        let mut human_row = Row {
            name: format!("{label}: touchpoint check (human, to a file)"),
            times: Vec::new(),
        };
        for steps in SIZES {
            let text = to_ron(&generate(shape(steps))).expect("generated maps serialise");
            let path = dir.path().join(format!("{label}-{steps}.ron"));
            std::fs::File::create(&path)
                .and_then(|mut f| f.write_all(text.as_bytes()))
                .expect("write the map");
            group.throughput(Throughput::Elements(steps as u64));
            group.bench_with_input(BenchmarkId::new("floor", steps), &text, |b, text| {
                b.iter(|| black_box(floor(text)));
            });
            group.bench_with_input(BenchmarkId::new("load", steps), &text, |b, text| {
                b.iter(|| black_box(load_str("bench.ron", text.clone()).expect("loads")));
            });
            let map = load_str("bench.ron", text.clone()).expect("loads");
            group.bench_with_input(BenchmarkId::new("analyse+locate", steps), &map, |b, m| {
                b.iter(|| black_box(m.check()));
            });
            group.bench_with_input(BenchmarkId::new("binary", steps), &path, |b, p| {
                b.iter(|| check_binary(p));
            });
            // The table's figures: medians of runs paired in the same stretch of time.
            let runs = if steps >= 100_000 { 5 } else { 7 };
            floor_row.times.push(time(runs, || {
                black_box(floor(&text));
            }));
            floor_program_row
                .times
                .push(time(runs, || floor_program(&path)));
            load_row.times.push(time(runs, || {
                black_box(load_str("bench.ron", text.clone()).expect("loads"));
            }));
            check_row.times.push(time(runs, || {
                let map = load_str("bench.ron", text.clone()).expect("loads");
                black_box(map.check());
            }));
            binary_row.times.push(time(runs, || check_binary(&path)));
            human_row
                .times
                .push(time(runs, || check_binary_human(&path)));
        }
        group.finish();
        rows.extend([
            floor_row,
            load_row,
            check_row,
            floor_program_row,
            binary_row,
            human_row,
        ]);
    }
    c.final_summary();
    print_table(&rows);
    other_maps();
}

/// Maps from elsewhere, named in `TOUCHPOINT_BENCH_MAPS` (paths separated by `:`), such as
/// those of the independent generator in the project's shared bench folder: the floor program
/// and `touchpoint check --format json` on each, median of 5.
fn other_maps() {
    let Some(paths) = std::env::var_os("TOUCHPOINT_BENCH_MAPS") else {
        return;
    };
    println!("\nother maps (TOUCHPOINT_BENCH_MAPS), median of 5:\n");
    for path in std::env::split_paths(&paths) {
        let floor = time(5, || floor_program(&path));
        let check = time(5, || check_binary(&path));
        println!(
            "{:<40} | floor program {:>8.1} ms | check {:>8.1} ms | {:.2}x floor",
            path.display(),
            floor.as_secs_f64() * 1e3,
            check.as_secs_f64() * 1e3,
            check.as_secs_f64() / floor.as_secs_f64()
        );
    }
}

fn print_table(rows: &[Row]) {
    println!("\nmedian times; x floor = ratio to the same shape's floor at that size: the");
    println!("in-process parse for in-process measures, the floor program for programs;");
    println!("growth = time at this size / time at the size before (10x steps)\n");
    let is_program = |name: &str| name.contains("program") || name.contains("touchpoint check");
    let floor_of = |name: &str| {
        let shape = name.split(':').next().unwrap_or("");
        let floor = if is_program(name) {
            "floor program"
        } else {
            "floor (ron parse)"
        };
        rows.iter()
            .find(|r| r.name.starts_with(shape) && r.name.contains(floor))
            .map(|r| r.times.clone())
            .unwrap_or_default()
    };
    for row in rows {
        let floor = floor_of(&row.name);
        let mut line = format!("{:<48}", row.name);
        for (i, (t, steps)) in row.times.iter().zip(SIZES).enumerate() {
            let ratio = floor
                .get(i)
                .map_or(0.0, |f| t.as_secs_f64() / f.as_secs_f64());
            let growth = if i > 0 {
                format!(
                    " growth {:.1}",
                    t.as_secs_f64() / row.times[i - 1].as_secs_f64()
                )
            } else {
                String::new()
            };
            line.push_str(&format!(
                " | {}k: {:>8.1} ms {:>4.2}x floor{growth}",
                steps / 1000,
                t.as_secs_f64() * 1e3,
                ratio
            ));
        }
        println!("{line}");
    }
}
