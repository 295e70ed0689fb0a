//! The command line: argument definitions and dispatch to each subcommand.
//!
//! Exit codes: 0 clean, 1 findings at or above the `--deny` threshold (for `diff`, introduced
//! findings at the `--fail-on` level), 2 a map could not be loaded or the command line is
//! wrong.

mod check;
mod diff;
mod export;
mod new;
mod report;
mod rules;
mod stream;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::{ContextKind, ErrorKind};
use clap::{CommandFactory, Parser, Subcommand};

use crate::cli::report::ColorChoice;

/// Exit code when every map is clean enough.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit code when findings reach the `--deny` threshold.
pub(crate) const EXIT_FINDINGS: u8 = 1;
/// Exit code when a map cannot be loaded or a file cannot be written.
pub(crate) const EXIT_LOAD: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "touchpoint",
    version,
    about = "Map customer journeys and the personal data each step collects",
    long_about = "Map customer journeys across channels and stages, with every data point each \
                  step collects and why. Finds unjustified and repeated collection.\n\n\
                  Run with no arguments to explore a built-in example map.",
    args_conflicts_with_subcommands = true
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A map to open in the workbench (the built-in example when left out).
    file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open a map in the interactive workbench.
    Open {
        /// The map file (the built-in example when left out).
        file: Option<PathBuf>,
    },
    /// Check maps for unjustified and repeated data collection.
    Check(check::Args),
    /// Show what changed between two versions of a map (files or git revisions), and the
    /// findings the change introduces and resolves.
    Diff(diff::Args),
    /// Export a map as a diagram (Mermaid, DOT, PlantUML, SVG), an HTML report, the data
    /// inventory or the record of processing (CSV, Markdown).
    Export(export::Args),
    /// Write a small commented starter map.
    New(new::Args),
    /// Show the documentation of every rule, or of one.
    Rules(rules::Args),
    /// Open a map in the workbench's review walk: each open question in turn, the decisions
    /// written into the map's `reviews` section.
    Review {
        /// The map file.
        file: PathBuf,
    },
}

/// Shared by subcommands that print.
#[derive(Debug, Clone, clap::Args)]
struct Output {
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// Parses the command line and runs it.
pub(crate) fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if let Some(message) = misuse(&args) {
        stream::eprint(ColorChoice::Auto, &message);
        return ExitCode::from(EXIT_LOAD);
    }
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Diff(args)) => diff::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::New(args)) => new::run(&args),
        Some(Command::Rules(args)) => rules::run(&args),
        Some(Command::Open { file }) => open(file, false),
        Some(Command::Review { file }) => open(Some(file), true),
        None => open(cli.file, false),
    };
    ExitCode::from(code)
}

/// Command lines without a subcommand that clap would reject in its own grammar ("the
/// subcommand 'b.ron' cannot be used with '[FILE]'", "to pass '--format' as a value, use
/// '-- --format'"), said in the person's terms, with the command they probably meant. The
/// subcommands and their options come from clap's own definitions.
fn misuse(args: &[OsString]) -> Option<String> {
    let words: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let cli = Cli::command();
    let subcommands: Vec<&clap::Command> = cli.get_subcommands().collect();
    let first_word = words.iter().find(|w| !w.starts_with('-'));
    if words.contains(&"--")
        || first_word
            .is_some_and(|w| *w == "help" || subcommands.iter().any(|c| c.get_name() == *w))
    {
        return None;
    }
    let line = |command: &str| {
        let quoted: Vec<String> = words.iter().map(|w| quote(w)).collect();
        format!("touchpoint {command} {}", quoted.join(" "))
    };
    for word in words.iter().filter(|w| w.starts_with('-')) {
        let name = word.split('=').next().unwrap_or(word);
        if cli.get_arguments().any(|a| takes(a, name)) || is_global(name) {
            continue;
        }
        let owners: Vec<&str> = subcommands
            .iter()
            .filter(|c| c.get_arguments().any(|a| takes(a, name)))
            .map(|c| c.get_name())
            .collect();
        if let Some(first) = owners.first() {
            let owners: Vec<String> = owners.iter().map(|o| format!("`touchpoint {o}`")).collect();
            return Some(format!(
                "error: `{name}` is an option of {}, and no command was given\n\n  \
                 did you mean: {}\n",
                owners.join(" and "),
                line(first)
            ));
        }
    }
    let files = words.iter().filter(|w| !w.starts_with('-')).count();
    (files > 1).then(|| {
        format!(
            "error: the workbench opens one map at a time, and {files} were given\n\n  \
             to check them all: {}\n",
            line("check")
        )
    })
}

/// Whether `arg` is the option `name` (`--long` or `-s`).
fn takes(arg: &clap::Arg, name: &str) -> bool {
    match name.strip_prefix("--") {
        Some(long) => arg.get_long() == Some(long),
        None => name
            .strip_prefix('-')
            .and_then(|s| s.chars().next())
            .is_some_and(|c| arg.get_short() == Some(c)),
    }
}

/// Options clap adds to every command.
fn is_global(name: &str) -> bool {
    matches!(name, "-h" | "--help" | "-V" | "--version")
}

/// `word` as a shell would need it in a suggested command line.
fn quote(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./=:,+@%".contains(c))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

fn open(file: Option<PathBuf>, review: bool) -> u8 {
    use crate::cli::report::human;
    use touchpoint::tui::Failure;
    if let Some(typo) = file.as_deref().and_then(mistyped_command) {
        // clap renders it: "unrecognized subcommand", the similar one, and the usage.
        let _ = typo.print();
        return EXIT_LOAD;
    }
    let ran = match (file, review) {
        (Some(file), true) => touchpoint::tui::run_review(file),
        (file, _) => touchpoint::tui::run(file),
    };
    match ran {
        Ok(()) => EXIT_OK,
        Err(Failure::Load(e)) => {
            stream::eprint(ColorChoice::Auto, &human::load_error(&e));
            EXIT_LOAD
        }
        Err(Failure::Config(d)) => {
            stream::eprint(ColorChoice::Auto, &human::diagnostic(&d));
            EXIT_LOAD
        }
        Err(Failure::Terminal(e)) => {
            stream::eprint(ColorChoice::Auto, &format!("touchpoint: {e}\n"));
            EXIT_LOAD
        }
        // The shell's convention for a process ended by a signal.
        Err(Failure::Signal(signal)) => u8::try_from(128 + signal).unwrap_or(u8::MAX),
    }
}

/// `touchpoint exprot` reads as a file to open. When no such file exists and clap knows a
/// subcommand close to the word, its "unrecognized subcommand" error (with the suggestion)
/// says what the person meant. The suggestions come from clap's own list of subcommands, so
/// they cannot miss one.
fn mistyped_command(path: &Path) -> Option<clap::Error> {
    let word = path.to_str()?;
    if path.exists() || word.contains(['/', '\\', '.']) {
        return None;
    }
    let cli = Cli::command();
    let usage = cli.clone().render_usage().to_string();
    let probe = clap::Command::new("touchpoint")
        .override_usage(usage.trim_start_matches("Usage: ").to_string())
        .subcommands(cli.get_subcommands().cloned())
        .subcommand_required(true);
    match probe.try_get_matches_from(["touchpoint", word]) {
        Err(e)
            if e.kind() == ErrorKind::InvalidSubcommand
                && e.get(ContextKind::SuggestedSubcommand).is_some() =>
        {
            Some(e)
        }
        _ => None,
    }
}
