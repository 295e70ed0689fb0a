//! `touchpoint new`: write a commented starter map that passes `check` cleanly.

use std::path::PathBuf;

use super::{EXIT_LOAD, EXIT_OK};
use touchpoint_engine::output::write_atomic;

/// The starter map, commented for someone writing their first map.
pub(super) const STARTER: &str = include_str!("starter.ron");

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Where to write the map (e.g. `journey.ron`).
    file: PathBuf,
    /// Overwrite the file if it exists.
    #[arg(long)]
    force: bool,
}

pub(super) fn run(args: &Args) -> u8 {
    let path = &args.file;
    if path.exists() && !args.force {
        eprintln!(
            "error: {} already exists; pass --force to overwrite it",
            path.display()
        );
        return EXIT_LOAD;
    }
    match write_atomic(path, STARTER) {
        Ok(()) => {
            println!(
                "wrote {0}\nnext: edit it, then `touchpoint check {0}` or `touchpoint {0}`",
                path.display()
            );
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            EXIT_LOAD
        }
    }
}
