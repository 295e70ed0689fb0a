//! The command line: argument definitions and dispatch to each subcommand.
//!
//! Exit codes: 0 clean, 1 findings at or above the `--deny` threshold, 2 a map could not be
//! loaded or the command line is wrong.

mod check;
mod export;
mod new;
mod report;
mod rules;

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
    /// Export a map as a diagram (Mermaid, DOT, PlantUML, SVG), an HTML report, the data
    /// inventory or the record of processing (CSV, Markdown).
    Export(export::Args),
    /// Write a small commented starter map.
    New(new::Args),
    /// Show the documentation of every rule, or of one.
    Rules(rules::Args),
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
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::New(args)) => new::run(&args),
        Some(Command::Rules(args)) => rules::run(&args),
        Some(Command::Open { file }) => open(file),
        None => open(cli.file),
    };
    ExitCode::from(code)
}

fn open(file: Option<PathBuf>) -> u8 {
    use crate::cli::report::human;
    use std::io::Write;
    use touchpoint::tui::Failure;
    if let Some(typo) = file.as_deref().and_then(mistyped_command) {
        // clap renders it: "unrecognized subcommand", the similar one, and the usage.
        let _ = typo.print();
        return EXIT_LOAD;
    }
    match touchpoint::tui::run(file) {
        Ok(()) => EXIT_OK,
        Err(Failure::Load(e)) => {
            let _ = write!(ColorChoice::Auto.stderr(), "{}", human::load_error(&e));
            EXIT_LOAD
        }
        Err(Failure::Config(d)) => {
            let _ = write!(ColorChoice::Auto.stderr(), "{}", human::diagnostic(&d));
            EXIT_LOAD
        }
        Err(Failure::Terminal(e)) => {
            eprintln!("touchpoint: {e}");
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
