//! `touchpoint rules` and `check --explain`: every rule's documentation.

use super::stream::{self, Written};
use super::{EXIT_LOAD, EXIT_OK, Output};
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
            // As wide as the longest name, so every summary starts in one column.
            let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
            for r in RULES {
                out.push_str(&format!(
                    "{}  {:<width$} {:<8} {}\n",
                    paint(BOLD, r.code),
                    r.name,
                    r.severity,
                    r.summary
                ));
            }
            out.push_str("\nRun `touchpoint rules CODE` for why a rule matters and what to do.\n");
            match stream::print(args.output.color, &out) {
                Written::Done => EXIT_OK,
                Written::Failed(code) => code,
            }
        }
    }
}

/// Prints one rule's documentation; exit code 2 when there is no such rule.
pub(super) fn explain(name: &str, color: ColorChoice) -> u8 {
    match find_rule(name) {
        Some(r) => match stream::print(color, &document(r)) {
            Written::Done => EXIT_OK,
            Written::Failed(code) => code,
        },
        None => {
            let names = RULES.iter().flat_map(|r| [r.code, r.name]);
            let hint =
                did_you_mean(name, names).unwrap_or_else(|| "`touchpoint rules` lists them".into());
            stream::eprint(color, &format!("error: no rule `{name}`: {hint}\n"));
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
