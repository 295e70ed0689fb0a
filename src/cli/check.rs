//! `touchpoint check`: load maps, run the rules, print findings, set the exit code.

use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::stream::{self, Written};
use super::{EXIT_FINDINGS, EXIT_LOAD, EXIT_OK, Output};
use crate::cli::report::snippet::LineCache;
use crate::cli::report::style::{paint, severity, strip};
use crate::cli::report::{human, json, pieces};
use touchpoint_engine::analysis::{Findings, Severity, Tally};
use touchpoint_engine::journey::Date;
use touchpoint_engine::mapfile::{self, Diagnostic, Lines, LoadedMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum Format {
    /// rustc-style blocks with the source line and a summary.
    Human,
    /// One JSON document with every finding and load error.
    Json,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when no finding reaches the --deny level, 1 when one \
                        does, 2 when a map cannot be loaded."
)]
pub(super) struct Args {
    /// Map files to check; a folder means every `.ron` file in it and in its subfolders.
    #[arg(required_unless_present = "explain")]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) on findings at or above this severity: error, warning or advice.
    #[arg(long, value_name = "SEVERITY", default_value = "error", value_parser = parse_severity)]
    deny: Severity,
    /// Check as if today were DATE (YYYY-MM-DD), for review actions past their due date;
    /// makes a run reproducible (CI logs, tests). Default: today, from the system clock.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<Date>,
    /// Print the documentation of a rule (code or name) instead of checking.
    #[arg(long, value_name = "RULE")]
    explain: Option<String>,
    #[command(flatten)]
    output: Output,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::parse(s)
        .ok_or_else(|| format!("`{s}` is not a severity: use error, warning or advice"))
}

pub(super) fn run(args: &Args) -> u8 {
    if let Some(rule) = &args.explain {
        return super::rules::explain(rule, args.output.color);
    }
    let mut loaded: Vec<(LoadedMap, Findings)> = Vec::new();
    // The lines of each map's file: the default report reads each finding's line back.
    let mut lines: Vec<Lines> = Vec::new();
    let mut failures: Vec<Diagnostic> = Vec::new();
    let files = match expand(&args.files) {
        Ok(files) => files,
        Err(d) => {
            stream::eprint(args.output.color, &human::diagnostic(&d));
            return EXIT_LOAD;
        }
    };
    for file in files {
        // The text is the largest thing held: JSON shows no source line, and the default
        // report reads the lines it shows back from the file, in file order.
        // Taken before the load: if the file changes after, its lines are not shown. Only
        // the default report reads them.
        let file_lines = (args.format == Format::Human).then(|| Lines::new(&file));
        match mapfile::load_without_text(&file) {
            Ok(map) => {
                let findings = map.findings_on(args.today.unwrap_or_else(Date::today));
                loaded.push((map, findings));
                lines.extend(file_lines);
            }
            Err(e) => failures.extend(e.diagnostics),
        }
    }
    let mut tally = Tally::default();
    for (_, findings) in &loaded {
        tally += findings.tally();
    }
    // Load errors go to stderr, findings to stdout, written as they are made (a 100,000-step
    // map has hundreds of thousands of findings).
    let color = args.output.color;
    if args.format == Format::Human {
        stream::eprint(color, &load_errors(&failures));
    }
    // Neither report is filtered on its way out: JSON has no colour, and the default report
    // drops its own when it is not kept, on the threads that format it.
    let mut out = stream::plain_stdout();
    let written = match args.format {
        Format::Human => human_output(&mut out, &loaded, lines, &tally, color.kept_on_stdout()),
        Format::Json => json_output(&mut out, &loaded, &failures, &tally),
    };
    let finished = stream::finish(written.and_then(|()| out.flush()));
    // The process ends next: freeing a 100,000-step map and its findings one allocation at a
    // time would cost a tenth of the run and give nothing back.
    std::mem::forget(loaded);
    if let Written::Failed(code) = finished {
        return code;
    }
    if !failures.is_empty() {
        EXIT_LOAD
    } else if tally.at_least(args.deny) > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// The files to check: each folder is replaced by the map files (`.ron`, any case) in it and
/// in its subfolders, in path order; hidden files and folders (`.git`) and links to folders
/// are passed over. `Err` names a folder that holds no map, so that a mistyped CI path
/// cannot pass green.
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Box<Diagnostic>> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            // Not a folder: load it as a file, which reports it if it is missing.
            files.push(path.clone());
            continue;
        }
        let before = files.len();
        collect_maps(path, &mut files);
        if files.len() == before {
            return Err(Box::new(
                Diagnostic::whole_file(
                    &path.display().to_string(),
                    "no map file (`.ron`) in this folder or its subfolders",
                )
                .with_hint(Some(
                    "check the path; `touchpoint new FILE` writes a starter map".into(),
                )),
            ));
        }
        files[before..].sort();
    }
    Ok(files)
}

fn collect_maps(folder: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect_maps(&path, out);
        } else if path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("ron"))
            && path.is_file()
        {
            out.push(path);
        }
    }
}

fn human_output(
    out: &mut dyn Write,
    loaded: &[(LoadedMap, Findings)],
    lines: Vec<Lines>,
    tally: &Tally,
    colour: bool,
) -> io::Result<()> {
    // Pieces of one map's findings, each formatted with that map's lines.
    let pieces: Vec<(usize, Range<usize>)> = loaded
        .iter()
        .enumerate()
        .flat_map(|(m, (_, fs))| {
            (0..fs.len())
                .step_by(PER_PIECE)
                .map(move |start| (m, start..fs.len().min(start + PER_PIECE)))
        })
        .collect();
    let format = |(at, spare): &mut (Option<Reading>, Vec<u8>),
                  buf: &mut Vec<u8>,
                  _,
                  (m, piece): &(usize, Range<usize>)| {
        let m = *m;
        // A map of its own: its file's lines (pushed with the map, so there are as
        // many), and a cache that knows a line by its number alone.
        let reading = match at {
            Some(r) if r.map == m => r,
            _ => at.insert(Reading {
                map: m,
                lines: lines[m].again(),
                cache: LineCache::default(),
            }),
        };
        let (map, findings) = &loaded[m];
        let mut text = String::new();
        findings.each(piece.clone(), |f| {
            text.clear();
            human::finding_into(&mut text, map, f, &mut reading.lines, &mut reading.cache);
            buf.extend_from_slice(text.as_bytes());
            buf.push(b'\n');
        });
        if !colour {
            strip(buf, spare);
        }
    };
    pieces::write_in_order(out, &pieces, || (None, Vec::new()), format)?;
    let mut summaries = String::new();
    for (map, findings) in loaded {
        summaries.push_str(&human::summary(&map.file, &findings.tally()));
    }
    if loaded.len() > 1 {
        summaries.push_str(&human::summary(&format!("{} maps", loaded.len()), tally));
    }
    let mut summaries = summaries.into_bytes();
    if !colour {
        strip(&mut summaries, &mut Vec::new());
    }
    out.write_all(&summaries)
}

/// Findings per piece of the default report's work (16 pieces on, two threads format them).
const PER_PIECE: usize = 1_024;

/// Where a thread of the default report is: the map it is printing and that map's lines.
struct Reading {
    map: usize,
    lines: Lines,
    cache: LineCache,
}

/// Every load problem, and a line that counts them.
fn load_errors(failures: &[Diagnostic]) -> String {
    let mut err = String::new();
    for d in failures {
        err.push_str(&human::diagnostic(d));
        err.push('\n');
    }
    if !failures.is_empty() {
        let mut bad: Vec<&str> = failures.iter().map(|d| d.file.as_str()).collect();
        bad.dedup();
        let problems = failures.len();
        err.push_str(&format!(
            "{}: {} could not be loaded ({problems} problem{})\n",
            paint(severity(Severity::Error), "error"),
            if bad.len() == 1 {
                format!("{} map", bad.len())
            } else {
                format!("{} maps", bad.len())
            },
            if problems == 1 { "" } else { "s" },
        ));
    }
    err
}

fn json_output(
    out: &mut dyn Write,
    loaded: &[(LoadedMap, Findings)],
    failures: &[Diagnostic],
    tally: &Tally,
) -> io::Result<()> {
    json::write_report(out, loaded, failures, tally)?;
    out.write_all(b"\n")
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
}
