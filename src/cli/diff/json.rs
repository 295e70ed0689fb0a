//! A diff as one JSON document with stable field names, for CI and dashboards: `version`, the
//! two sides' names, a `summary` of counts, then every change (each with `at`: `file`,
//! `side`, `line`, `column`) and the findings introduced and resolved.

use std::io::{self, Write};

use serde::Serialize;

use crate::cli::report::json::LoadErrorJson;
use touchpoint_engine::diff::{Diff, Summary};
use touchpoint_engine::mapfile::LoadError;

/// Bumped when a field changes meaning or goes away.
const VERSION: u32 = 1;

#[derive(Debug, Serialize)]
struct Report<'a> {
    version: u32,
    old: &'a str,
    new: &'a str,
    summary: Summary,
    #[serde(flatten)]
    diff: &'a Diff,
    load_errors: [(); 0],
}

#[derive(Debug, Serialize)]
struct Failed<'a> {
    version: u32,
    old: &'a str,
    new: &'a str,
    load_errors: Vec<LoadErrorJson<'a>>,
}

pub(super) fn write(out: &mut dyn Write, diff: &Diff, old: &str, new: &str) -> io::Result<()> {
    let report = Report {
        version: VERSION,
        old,
        new,
        summary: diff.summary(),
        diff,
        load_errors: [],
    };
    serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// The document when a side could not be loaded: no changes, the load errors.
pub(super) fn write_load_errors(
    out: &mut dyn Write,
    errors: &[LoadError],
    old: &str,
    new: &str,
) -> io::Result<()> {
    let report = Failed {
        version: VERSION,
        old,
        new,
        load_errors: errors
            .iter()
            .flat_map(|e| e.diagnostics.iter().map(LoadErrorJson::new))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
    out.write_all(b"\n")
}
