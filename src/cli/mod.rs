//! The command line: argument definitions and dispatch to each subcommand.
//!
//! Exit codes: 0 clean, 1 findings at or above the `--deny` threshold, 2 a map could not be
//! loaded or the command line is wrong.

mod check;
mod export;
mod new;
mod report;
mod rules;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::cli::report::ColorChoice;

/// Exit code when every map is clean enough.
pub const EXIT_OK: u8 = 0;
/// Exit code when findings reach the `--deny` threshold.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code when a map cannot be loaded or a file cannot be written.
pub const EXIT_LOAD: u8 = 2;

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
pub struct Cli {
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
pub fn main() -> ExitCode {
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
    use crate::cli::report::{Style, human};
    use touchpoint::tui::Failure;
    let style = Style::for_stderr(ColorChoice::Auto);
    // `touchpoint chekc` reads as a file name; point at the command it probably meant.
    let command = file
        .as_deref()
        .filter(|p| !p.exists())
        .and_then(|p| p.to_str())
        .and_then(|name| {
            touchpoint_engine::suggest::closest(name, ["check", "new", "rules", "open"])
                .map(|c| (name, c))
        })
        .map(|(name, c)| format!("there is no file `{name}`; did you mean `touchpoint {c}`?"));
    match touchpoint::tui::run(file) {
        Ok(()) => EXIT_OK,
        Err(Failure::Load(mut e)) => {
            if let Some(hint) = command {
                for d in &mut e.diagnostics {
                    d.hint = Some(hint.clone());
                }
            }
            eprint!("{}", human::load_error(&style, &e));
            EXIT_LOAD
        }
        Err(Failure::Config(d)) => {
            eprint!("{}", human::diagnostic(&style, &d));
            EXIT_LOAD
        }
        Err(Failure::Terminal(e)) => {
            eprintln!("touchpoint: {e}");
            EXIT_LOAD
        }
    }
}
