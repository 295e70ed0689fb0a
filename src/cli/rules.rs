//! `touchpoint rules` and `check --explain`: every rule's documentation.

use super::{EXIT_LOAD, EXIT_OK, Output};
use std::io::Write;

use crate::cli::report::ColorChoice;
use crate::cli::report::style::{BOLD, paint};
use touchpoint_engine::analysis::{RULES, Rule, find_rule};
use touchpoint_engine::suggest::did_you_mean;
use touchpoint_engine::text::wrap;

#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// One rule, by code (TP007) or name (certain-repeat); all rules when left out.
    rule: Option<String>,
    #[command(flatten)]
    output: Output,
}

pub(super) fn run(args: &Args) -> u8 {
    match &args.rule {
        Some(r) => explain(r, args.output.color),
        None => {
            let mut out = String::new();
            for r in RULES {
                out.push_str(&format!(
                    "{}  {:<36} {:<8} {}\n",
                    paint(BOLD, r.code),
                    r.name,
                    r.severity,
                    r.summary
                ));
            }
            out.push_str("\nRun `touchpoint rules CODE` for why a rule matters and what to do.\n");
            let _ = args.output.color.stdout().write_all(out.as_bytes());
            EXIT_OK
        }
    }
}

/// Prints one rule's documentation; exit code 2 when there is no such rule.
pub(super) fn explain(name: &str, color: ColorChoice) -> u8 {
    match find_rule(name) {
        Some(r) => {
            let _ = color.stdout().write_all(document(r).as_bytes());
            EXIT_OK
        }
        None => {
            let names = RULES.iter().flat_map(|r| [r.code, r.name]);
            let hint =
                did_you_mean(name, names).unwrap_or_else(|| "`touchpoint rules` lists them".into());
            eprintln!("error: no rule `{name}`: {hint}");
            EXIT_LOAD
        }
    }
}

fn document(r: &Rule) -> String {
    format!(
        "{} {} ({} by default)\n\n{}\n\n{}\n{}\n\n{}\n{}\n\n{}\n{}\n\n{}\n{}\n\nSuppress with: allow: [(rule: \"{}\", reason: \"...\")]\n",
        paint(BOLD, r.code),
        paint(BOLD, r.name),
        r.severity,
        wrap(r.summary, 88).join("\n"),
        paint(BOLD, "Why it matters"),
        wrap(r.why, 88).join("\n"),
        paint(BOLD, "What to do"),
        wrap(r.fix, 88).join("\n"),
        paint(BOLD, "Flagged"),
        r.example,
        paint(BOLD, "Passes"),
        r.good,
        r.name
    )
}
