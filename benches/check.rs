//! Load + analysis time on generated maps of 1k, 10k and 100k steps.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use touchpoint_engine::analysis;
use touchpoint_engine::journey::Journey;
use touchpoint_engine::journey::synthetic::{Shape, generate};
use touchpoint_engine::mapfile::{load_str, to_ron};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    for steps in [1_000usize, 10_000, 100_000] {
        let doc = generate(Shape::with_steps(steps));
        let text = to_ron(&doc).expect("generated maps serialise");
        group.throughput(Throughput::Elements(steps as u64));
        group.bench_with_input(
            BenchmarkId::new("parse+validate", steps),
            &text,
            |b, text| {
                b.iter(|| black_box(load_str("bench.ron", text.clone()).expect("loads")));
            },
        );
        let map = load_str("bench.ron", text.clone()).expect("loads");
        group.bench_with_input(BenchmarkId::new("analysis", steps), &map, |b, map| {
            b.iter(|| black_box(map.check()));
        });
        group.bench_with_input(
            BenchmarkId::new("dataflow", steps),
            &map.journey,
            |b, j: &Journey| {
                b.iter(|| black_box(analysis::Availability::compute(j)));
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
