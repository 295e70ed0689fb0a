//! `touchpoint export`: load a map, run the rules, write one export format to stdout or a file.

use std::io::Write;
use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser};

use super::{EXIT_LOAD, EXIT_OK};
use crate::cli::report::{ColorChoice, human};
use touchpoint_engine::mapfile;
use touchpoint_engine::output::write_atomic;
use touchpoint_export::{self as export, ExportContext, Exporter, Options};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Every export shows the privacy overlay: unjustified and repeated collection \
                  highlighted by colour and symbol, with a legend. Output is the same, byte for \
                  byte, for the same map.\n\nExit status: 0 when written, 2 when the map cannot \
                  be loaded, the export is refused (e.g. too large for Mermaid) or the file \
                  cannot be written."
)]
pub(super) struct Args {
    /// The map file.
    file: PathBuf,
    /// Output format (inferred from `-o` when its extension names one format).
    #[arg(short, long, value_name = "FORMAT", value_parser = format_parser())]
    format: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Export only the steps of this stage (by id), e.g. one Mermaid diagram per stage.
    #[arg(long, value_name = "STAGE")]
    stage: Option<String>,
    /// Date the HTML report: today (UTC, or `SOURCE_DATE_EPOCH`), or the DATE given as
    /// YYYY-MM-DD. Without it a report is the same, byte for byte, for the same map.
    #[arg(long, value_name = "DATE", num_args = 0..=1, default_missing_value = "today")]
    date: Option<String>,
}

fn format_parser() -> PossibleValuesParser {
    PossibleValuesParser::new(
        export::EXPORTERS
            .iter()
            .map(|e| PossibleValue::new(e.id()).help(e.description())),
    )
}

fn format_list() -> String {
    export::EXPORTERS
        .iter()
        .map(|e| e.id())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn run(args: &Args) -> u8 {
    let exporter: &dyn Exporter = match (&args.format, &args.output) {
        (Some(id), _) => match export::find(id) {
            Some(e) => e,
            None => {
                eprintln!("error: unknown format `{id}`; formats: {}", format_list());
                return EXIT_LOAD;
            }
        },
        (None, Some(out)) => {
            let ext = out.extension().and_then(|e| e.to_str()).unwrap_or_default();
            match export::by_extension(ext) {
                Some(e) => e,
                None => {
                    eprintln!(
                        "error: cannot tell the format from `{}`; pass `--format FORMAT` \
                         (one of: {})",
                        out.display(),
                        format_list()
                    );
                    return EXIT_LOAD;
                }
            }
        }
        (None, None) => {
            eprintln!(
                "error: name a format with `--format FORMAT` (one of: {})",
                format_list()
            );
            return EXIT_LOAD;
        }
    };
    let map = match mapfile::load(&args.file) {
        Ok(map) => map,
        Err(e) => {
            let _ = write!(ColorChoice::Auto.stderr(), "{}", human::load_error(&e));
            return EXIT_LOAD;
        }
    };
    let date = match args.date.as_deref().map(report_date).transpose() {
        Ok(date) => date,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_LOAD;
        }
    };
    let analysis = map.analyse();
    let options = Options {
        stage: args.stage.clone(),
        date,
        ..Options::default()
    };
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options)
        .with_map_text(map.source.text());
    let text = match exporter.export(&ctx) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_LOAD;
        }
    };
    match &args.output {
        Some(path) => match write_atomic(path, &text) {
            Ok(()) => {
                eprintln!("wrote {} ({})", path.display(), exporter.id());
                EXIT_OK
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                EXIT_LOAD
            }
        },
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            EXIT_OK
        }
    }
}

/// The date `--date` asks for, as YYYY-MM-DD: `today` is the current date in UTC, or the one
/// `SOURCE_DATE_EPOCH` gives (reproducible builds); anything else must be a date already.
fn report_date(arg: &str) -> Result<String, String> {
    if arg == "today" {
        let secs = match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(v) => v
                .trim()
                .parse::<i64>()
                .map_err(|_| format!("SOURCE_DATE_EPOCH is not a number of seconds: `{v}`"))?,
            Err(_) => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64),
        };
        let (y, m, d) = civil_date(secs.div_euclid(86_400));
        return Ok(format!("{y:04}-{m:02}-{d:02}"));
    }
    let parts: Vec<&str> = arg.split('-').collect();
    let valid = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            match (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) {
                (Ok(_), Ok(m), Ok(d)) => (1..=12).contains(&m) && (1..=31).contains(&d),
                _ => false,
            }
        }
        _ => false,
    };
    if valid {
        Ok(arg.to_string())
    } else {
        Err(format!(
            "`--date {arg}` is not a date; give YYYY-MM-DD, or `--date` alone for today"
        ))
    }
}

/// The (year, month, day) of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
fn civil_date(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_calendar_dates() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(11_016), (2000, 2, 29));
        assert_eq!(civil_date(20_119), (2025, 1, 31));
        assert_eq!(civil_date(-1), (1969, 12, 31));
    }

    #[test]
    fn a_given_date_is_checked() {
        assert_eq!(report_date("2025-01-31").as_deref(), Ok("2025-01-31"));
        assert!(report_date("31/01/2025").is_err());
        assert!(report_date("2025-13-01").is_err());
    }
}
