//! `touchpoint new`: write a commented starter map that passes `check` cleanly.

use std::path::PathBuf;

use super::report::ColorChoice;
use super::stream::{self, Written};
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
    let fail = |message: String| {
        stream::eprint(ColorChoice::Auto, &format!("error: {message}\n"));
        EXIT_LOAD
    };
    if path.is_dir() {
        // --force would not help: a folder is never replaced by a map.
        return fail(format!(
            "{} is a folder; name the map file, e.g. `touchpoint new {}`",
            path.display(),
            path.join("journey.ron").display()
        ));
    }
    if path.exists() && !args.force {
        return fail(format!(
            "{} already exists; pass --force to overwrite it",
            path.display()
        ));
    }
    if let Err(e) = write_atomic(path, STARTER) {
        return fail(format!("cannot write {}: {e}", path.display()));
    }
    let next = format!(
        "wrote {0}\nnext: edit it, then `touchpoint check {0}` or `touchpoint {0}`\n",
        path.display()
    );
    match stream::print(ColorChoice::Auto, &next) {
        Written::Done => EXIT_OK,
        Written::Failed(code) => code,
    }
}
