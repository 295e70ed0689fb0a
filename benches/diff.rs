//! `touchpoint diff` on two generated 10,000-step maps, one a light edit of the other (a step
//! retitled, a collection's benefit dropped, a few steps removed): the issue asks for under a
//! second, binary included. Prints criterion's figures, then the binary's median time and
//! whether it is within that second.
//!
//! `cargo bench --bench diff`

// The allocator the binary uses, so that the in-process figures (and the floor) are
// measured as `touchpoint` runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::Criterion;
use touchpoint_engine::diff;
use touchpoint_engine::journey::synthetic::{Shape, generate};
use touchpoint_engine::mapfile::{load_str, to_ron};

const STEPS: usize = 10_000;

/// The whole `touchpoint diff --format json`, as CI runs it (output discarded).
fn diff_binary(old: &std::path::Path, new: &std::path::Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_touchpoint"))
        .args(["diff", "--format", "json"])
        .arg(old)
        .arg(new)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("touchpoint runs");
    assert_eq!(status.code(), Some(0), "diff failed");
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let dir = tempfile::tempdir().expect("a scratch folder");
    let mut doc = generate(Shape::with_steps(STEPS));
    let old_text = to_ron(&doc).expect("generated maps serialise");
    // A change of the size a pull request makes: a few steps gone, one retitled.
    if let Some(step) = doc.steps.get_mut(STEPS / 2) {
        step.title.push_str(" (revised)");
    }
    doc.steps.truncate(STEPS - 10);
    let ids: std::collections::HashSet<String> = doc.steps.iter().map(|s| s.id.clone()).collect();
    doc.flows
        .retain(|f| ids.contains(&f.from) && ids.contains(&f.to));
    let new_text = to_ron(&doc).expect("generated maps serialise");
    let old_path = dir.path().join("old.ron");
    let new_path = dir.path().join("new.ron");
    std::fs::write(&old_path, &old_text).expect("write the old map");
    std::fs::write(&new_path, &new_text).expect("write the new map");

    let old = load_str("old.ron", old_text).expect("the old map loads");
    let new = load_str("new.ron", new_text).expect("the new map loads");
    let mut group = c.benchmark_group("diff");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("between/10000", |b| {
        b.iter(|| black_box(diff::between(&old, &new)));
    });
    group.bench_function("binary/10000", |b| {
        b.iter(|| diff_binary(&old_path, &new_path));
    });
    group.finish();
    c.final_summary();

    let mut samples: Vec<Duration> = (0..7)
        .map(|_| {
            let t = Instant::now();
            diff_binary(&old_path, &new_path);
            t.elapsed()
        })
        .collect();
    samples.sort();
    let median = samples[samples.len() / 2];
    println!(
        "\ntouchpoint diff, two {STEPS}-step maps: median {median:?} ({})",
        if median < Duration::from_secs(1) {
            "within the second the issue asks for"
        } else {
            "OVER the second the issue asks for"
        }
    );
}
