//! Writes a generated journey map of N steps to standard output, for trying touchpoint at scale:
//! `cargo run --release --example generate -- 10000 > big.ron`.

use touchpoint_engine::journey::synthetic::{Shape, generate};
use touchpoint_engine::mapfile::to_ron;

fn main() -> std::process::ExitCode {
    let steps = match std::env::args().nth(1).map(|a| a.parse::<usize>()) {
        None => 1_000,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("usage: generate [STEPS]   (a positive number; 1000 by default)");
            return std::process::ExitCode::from(2);
        }
    };
    match to_ron(&generate(Shape::with_steps(steps))) {
        Ok(text) => {
            print!("{text}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write the map: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
