//! Export speed: the native SVG against Graphviz `dot -Tsvg` on the same generated
//! 1,000-step map, plus every other format's text generation.
//!
//! `cargo bench --bench export` prints criterion's figures and, at the end, the SVG-vs-dot
//! ratio from a few timed runs of each, and a table of every format at 1,000 and 10,000 steps
//! with its growth (10x the steps should cost about 10x the time). The `dot` benchmarks are
//! skipped when Graphviz is not installed.

// The allocator the binary uses, so that the in-process figures (and the floor) are
// measured as `touchpoint` runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion};
use touchpoint_engine::analysis::Analysis;
use touchpoint_engine::journey::Journey;
use touchpoint_engine::journey::synthetic::{Shape, generate};
use touchpoint_export::{EXPORTERS, Options, dot::Dot, svg::Svg};
use touchpoint_export::{ExportContext, Exporter};

const STEPS: usize = 1_000;

fn dot_available() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `dot -Tsvg` on `input`, returning the SVG's length.
fn dot_tsvg(input: &str) -> usize {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dot starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("dot reads the graph");
    let out = child.wait_with_output().expect("dot finishes");
    assert!(out.status.success(), "dot -Tsvg fails");
    out.stdout.len()
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

fn bench(c: &mut Criterion, ctx: &ExportContext<'_>, dot_input: &str) {
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    for e in EXPORTERS {
        group.bench_with_input(BenchmarkId::new(e.id(), STEPS), ctx, |b, ctx| {
            b.iter(|| black_box(e.export(ctx).map(|s| s.len())));
        });
    }
    if dot_available() {
        group.measurement_time(Duration::from_secs(20));
        group.bench_with_input(
            BenchmarkId::new("dot -Tsvg", STEPS),
            dot_input,
            |b, input| b.iter(|| black_box(dot_tsvg(input))),
        );
    }
    group.finish();
}

/// Every format at 1,000 and 10,000 steps: median times and the growth between them.
fn growth_table() {
    let sizes = [1_000, 10_000];
    let maps: Vec<(Journey, Analysis)> = sizes
        .iter()
        .map(|&n| {
            let journey = Journey::from_document(generate(Shape::with_steps(n)));
            let analysis = Analysis::of_journey(&journey);
            (journey, analysis)
        })
        .collect();
    let options = Options::default();
    println!("\nmedian of 5 runs (analysis excluded); growth = 10k time / 1k time\n");
    for e in EXPORTERS {
        let mut times = Vec::new();
        let mut refused = false;
        for (journey, analysis) in &maps {
            let ctx = ExportContext::new("generated.ron", journey, analysis, &options);
            refused |= e.export(&ctx).is_err();
            times.push(time(5, || {
                black_box(e.export(&ctx).map(|s| s.len()).unwrap_or_default());
            }));
        }
        println!(
            "{:<20} | 1k: {:>8.2} ms | 10k: {:>8.2} ms | growth {:>5.1}{}",
            e.id(),
            times[0].as_secs_f64() * 1e3,
            times[1].as_secs_f64() * 1e3,
            times[1].as_secs_f64() / times[0].as_secs_f64(),
            if refused {
                " (refused: over the format's limits)"
            } else {
                ""
            }
        );
    }
}

fn main() {
    let journey = Journey::from_document(generate(Shape::with_steps(STEPS)));
    let analysis = Analysis::of_journey(&journey);
    let options = Options::default();
    let ctx = ExportContext::new("generated.ron", &journey, &analysis, &options);
    let dot_input = Dot.export(&ctx).expect("DOT export");

    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, &ctx, &dot_input);
    c.final_summary();

    // The headline: SVG export (analysis excluded, as for dot) against `dot -Tsvg` on the
    // DOT export of the same map.
    let svg = time(11, || {
        black_box(Svg.export(&ctx).map(|s| s.len()).unwrap_or_default());
    });
    if dot_available() {
        let dot = time(3, || {
            black_box(dot_tsvg(&dot_input));
        });
        println!(
            "\n{STEPS}-step map: touchpoint SVG {:.2} ms, dot -Tsvg {:.0} ms: SVG takes {:.2}% \
             of dot's time ({:.0}x faster)",
            svg.as_secs_f64() * 1e3,
            dot.as_secs_f64() * 1e3,
            100.0 * svg.as_secs_f64() / dot.as_secs_f64(),
            dot.as_secs_f64() / svg.as_secs_f64()
        );
    } else {
        println!(
            "\n{STEPS}-step map: touchpoint SVG {:.2} ms (Graphviz `dot` is not installed)",
            svg.as_secs_f64() * 1e3
        );
    }
    growth_table();
}
