//! `touchpoint diff OLD NEW`: what changed between two versions of a map (either one a file or
//! a git revision of one), in the map's terms, with the findings the change introduces and
//! resolves; `--fail-on` makes it a gate for pull requests.

mod human;
mod json;
mod markdown;
mod revision;

use std::ffi::OsString;
use std::io::Write;

use super::stream::{self, Written};
use super::{EXIT_FINDINGS, EXIT_LOAD, EXIT_OK, Output};
use crate::cli::report::human as report;
use crate::cli::report::style::{paint, severity};
use touchpoint_engine::analysis::{Severity, Tally};
use touchpoint_engine::diff::{self, Counts, Summary};
use touchpoint_engine::mapfile::LoadError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum Format {
    /// Headings per kind of change, `+` `-` `~` marks, `file:line`, old → new.
    Human,
    /// One JSON document with stable field names.
    Json,
    /// A summary line and tables, for a pull-request comment.
    Markdown,
}

/// The level of introduced findings that fails the command. The values read as the option's
/// words (`--fail-on new-error`), hence the shared prefix.
#[allow(clippy::enum_variant_names)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum FailOn {
    /// An introduced error.
    NewError,
    /// An introduced warning or error.
    NewWarning,
    /// Any introduced finding.
    NewAdvice,
}

impl FailOn {
    fn threshold(self) -> Severity {
        match self {
            FailOn::NewError => Severity::Error,
            FailOn::NewWarning => Severity::Warning,
            FailOn::NewAdvice => Severity::Advice,
        }
    }
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "OLD and NEW are map files, or a git revision and a path \
                        (`main:maps/x.ron`, `HEAD~1:maps/x.ron`, `:maps/x.ron` for the staged \
                        version), read with `git show`; a path that exists is always a file. \
                        Paths after `REV:` start at the repository's top folder (`REV:./x.ron` \
                        starts at the current one).\n\n\
                        To check a pull request in CI: \
                        touchpoint diff main:maps/x.ron maps/x.ron --fail-on new-error\n\n\
                        Exit status: 0 when compared, 1 when the change introduces findings at \
                        the --fail-on level or above, 2 when a side cannot be read or loaded."
)]
pub(super) struct Args {
    /// The old version: a map file or `REV:PATH`.
    old: OsString,
    /// The new version: a map file or `REV:PATH`.
    new: OsString,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) when the change introduces findings at this level or above; findings
    /// already in OLD are tolerated.
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    #[command(flatten)]
    output: Output,
}

pub(super) fn run(args: &Args) -> u8 {
    let color = args.output.color;
    // The two sides are read and loaded side by side (a big map takes a while to load).
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| revision::load(&args.old));
        let new = revision::load(&args.new);
        let old = old
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (old, new)
    });
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            let errors: Vec<LoadError> = [old.err(), new.err()].into_iter().flatten().collect();
            return load_failed(args, &errors);
        }
    };
    let diff = diff::between(&old, &new);
    let mut out: Box<dyn Write> = match args.format {
        Format::Human => Box::new(stream::stdout(color)),
        Format::Json | Format::Markdown => Box::new(stream::plain_stdout()),
    };
    let written = match args.format {
        Format::Human => human::write(&mut out, &diff, &old.file, &new.file),
        Format::Json => json::write(&mut out, &diff, &old.file, &new.file),
        Format::Markdown => markdown::write(&mut out, &diff, &old.file, &new.file),
    };
    if let Written::Failed(code) = stream::finish(written.and_then(|()| out.flush())) {
        return code;
    }
    let Some(fail_on) = args.fail_on else {
        return EXIT_OK;
    };
    let threshold = fail_on.threshold();
    let introduced = diff.findings.introduced_at_least(threshold);
    if introduced == 0 {
        return EXIT_OK;
    }
    stream::eprint(
        color,
        &format!(
            "{}: the change introduces {introduced} finding{} at {} level or above ({})\n",
            paint(severity(Severity::Error), "error"),
            if introduced == 1 { "" } else { "s" },
            threshold.label(),
            match fail_on {
                FailOn::NewError => "--fail-on new-error",
                FailOn::NewWarning => "--fail-on new-warning",
                FailOn::NewAdvice => "--fail-on new-advice",
            },
        ),
    );
    EXIT_FINDINGS
}

/// Reports the sides that could not be loaded (in the JSON document for `--format json`, on
/// standard error otherwise).
fn load_failed(args: &Args, errors: &[LoadError]) -> u8 {
    if args.format == Format::Json {
        let mut out = stream::plain_stdout();
        let written = json::write_load_errors(
            &mut out,
            errors,
            &args.old.to_string_lossy(),
            &args.new.to_string_lossy(),
        );
        if let Written::Failed(code) = stream::finish(written.and_then(|()| out.flush())) {
            return code;
        }
    } else {
        let mut text: String = errors.iter().map(report::load_error).collect();
        text.push_str(&format!(
            "{}: cannot compare: {} could not be loaded\n",
            paint(severity(Severity::Error), "error"),
            if errors.len() == 2 {
                "neither version".to_string()
            } else {
                errors
                    .first()
                    .and_then(|e| e.diagnostics.first())
                    .map_or("a version".to_string(), |d| {
                        format!("`{}`", touchpoint_engine::text::clean(&d.file))
                    })
            }
        ));
        stream::eprint(args.output.color, &text);
    }
    EXIT_LOAD
}

/// "steps: 1 added, 2 changed" for each list that has changes, and the map's own fields.
pub(super) fn change_phrases(s: &Summary) -> Vec<String> {
    let mut out = Vec::new();
    for (noun, counts) in [
        ("steps", &s.steps),
        ("flows", &s.flows),
        ("collections", &s.collections),
        ("catalogue", &s.catalogue),
    ] {
        if let Some(p) = counts_phrase(counts) {
            out.push(format!("{noun}: {p}"));
        }
    }
    if s.reordered > 0 {
        out.push(format!(
            "{} reordered",
            plural(s.reordered, "catalogue", "catalogues")
        ));
    }
    if let Some(p) = counts_phrase(&s.decisions) {
        out.push(format!("review decisions: {p}"));
    }
    if s.map > 0 {
        out.push(format!("map: {} changed", plural(s.map, "field", "fields")));
    }
    out
}

fn counts_phrase(c: &Counts) -> Option<String> {
    let parts: Vec<String> = [
        (c.added, "added"),
        (c.removed, "removed"),
        (c.moved, "moved"),
        (c.relabelled, "relabelled"),
        (c.changed, "changed"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, word)| format!("{n} {word}"))
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// "2 introduced (1 error, 1 warning), 1 resolved (1 advice)", or "none introduced or
/// resolved".
pub(super) fn findings_phrase(s: &Summary) -> String {
    let part = |t: &Tally, word: &str| {
        if t.total() == 0 {
            format!("0 {word}")
        } else {
            format!("{} {word} ({})", t.total(), tally_phrase(t))
        }
    };
    format!(
        "{}, {}",
        part(&s.introduced, "introduced"),
        part(&s.resolved, "resolved")
    )
}

/// The non-zero counts of a tally: "1 error, 2 warnings".
pub(super) fn tally_phrase(t: &Tally) -> String {
    let parts: Vec<String> = Severity::ALL
        .iter()
        .filter(|&&s| t.get(s) > 0)
        .map(|&s| {
            let n = t.get(s);
            match s {
                Severity::Advice => format!("{n} advice"),
                _ => plural(n, s.label(), &format!("{}s", s.label())),
            }
        })
        .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    }
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}
