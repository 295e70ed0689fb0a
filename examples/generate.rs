//! Writes a generated journey map of N steps to standard output, for trying touchpoint at scale:
//! `cargo run --release --example generate -- 10000 > big.ron`; add `--allows` for `allow`
//! entries on about one step in a hundred.

use touchpoint_engine::journey::synthetic::{Shape, generate};
use touchpoint_engine::mapfile::to_ron;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let allows = args.iter().any(|a| a == "--allows");
    let steps = match args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(|a| a.parse::<usize>())
    {
        None => 1_000,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!(
                "usage: generate [STEPS] [--allows]   (STEPS: a positive number; 1000 by default)"
            );
            return std::process::ExitCode::from(2);
        }
    };
    let shape = if allows {
        Shape::with_allows(steps)
    } else {
        Shape::with_steps(steps)
    };
    match to_ron(&generate(shape)) {
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
