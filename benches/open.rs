//! Opening the workbench as a person does: the real binary in a terminal (a pty made by
//! `script`, 160x48), on generated maps of 1,000 to 100,000 steps. Two times from the start
//! of the process: the first frame (the header, with the load's progress when the map is not
//! ready yet) and the grid (the first lane's name drawn). Medians of a few runs, as a table.
//!
//! `cargo bench --bench open`; needs `script` (util-linux), and says so if it is missing.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use touchpoint_engine::journey::synthetic::{Shape, generate};
use touchpoint_engine::mapfile::to_ron;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const RUNS: usize = 5;
/// A run that has not drawn the grid by then has failed.
const GIVE_UP: Duration = Duration::from_secs(60);

/// Times to the first frame and to the grid, for one opening of `map`.
fn open(map: &Path) -> (Duration, Duration) {
    let binary = env!("CARGO_BIN_EXE_touchpoint");
    let command = format!(
        "stty cols 160 rows 48 && exec '{binary}' '{}'",
        map.display()
    );
    let start = Instant::now();
    let mut child = Command::new("script")
        .args(["-qfec", &command, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("script runs");
    let mut stdout = child.stdout.take().expect("piped");
    let (tx, rx) = mpsc::channel();
    // The screen is read on its own thread, so that a run that never draws is given up on.
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut first = None;
        let mut chunk = [0u8; 65536];
        while let Ok(n) = stdout.read(&mut chunk) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&chunk[..n]);
            let has = |what: &str| seen.windows(what.len()).any(|w| w == what.as_bytes());
            if first.is_none() && has("Journey grid") {
                first = Some(start.elapsed());
            }
            if let Some(first) = first
                && has("Channel 0")
            {
                let _ = tx.send((first, start.elapsed()));
                return;
            }
            // Only the end can hold a marker not seen yet: keep what a split marker needs.
            if seen.len() > 4096 {
                seen.drain(..seen.len() - 64);
            }
        }
    });
    let times = rx.recv_timeout(GIVE_UP);
    if let Some(stdin) = child.stdin.as_mut() {
        let _ = stdin.write_all(b"q");
    }
    drop(child.stdin.take());
    std::thread::sleep(Duration::from_millis(200));
    let _ = child.kill();
    let _ = child.wait();
    times.expect("the workbench draws its grid")
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    if Command::new("script").arg("--version").output().is_err() {
        println!("`script` (util-linux) is not installed: nothing measured");
        return;
    }
    let dir = tempfile::tempdir().expect("a scratch folder");
    println!("median of {RUNS} openings, from process start, 160x48 pty\n");
    for steps in SIZES {
        let path = dir.path().join(format!("open-{steps}.ron"));
        let text = to_ron(&generate(Shape::with_steps(steps))).expect("generated maps serialise");
        std::fs::write(&path, text).expect("write the map");
        // One opening first, so that every run finds the file in the page cache.
        open(&path);
        let (first, grid): (Vec<_>, Vec<_>) = (0..RUNS).map(|_| open(&path)).unzip();
        println!(
            "{:>7} steps | first frame {:>6.1} ms | grid {:>8.1} ms",
            steps,
            median(first).as_secs_f64() * 1e3,
            median(grid).as_secs_f64() * 1e3,
        );
    }
}
