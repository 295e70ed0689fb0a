//! `touchpoint export`: load a map, run the rules, write one export format to stdout or a file.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser};

use super::stream::{self, Written};
use super::{EXIT_LOAD, EXIT_OK};
use crate::cli::report::{ColorChoice, human};
use touchpoint_engine::{mapfile, output};
use touchpoint_export::sink::IoSink;
use touchpoint_export::{self as export, ExportContext, ExportError, Exporter, Options};

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
    /// Export only the steps of this stage (its id or its name), e.g. one Mermaid diagram
    /// per stage.
    #[arg(long, value_name = "STAGE")]
    stage: Option<String>,
    /// Date the HTML report and the record of processing: today (UTC, or `SOURCE_DATE_EPOCH`), or the DATE given as
    /// YYYY-MM-DD. Without it a report is the same, byte for byte, for the same map.
    #[arg(long, value_name = "DATE", num_args = 0..=1, default_missing_value = "today")]
    date: Option<String>,
    /// Start CSV files with a UTF-8 byte-order mark, so Excel on Windows shows accents and
    /// curly quotes correctly.
    #[arg(long)]
    bom: bool,
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

/// Extensions people give these files besides the one each format writes by default.
const ALIASES: [(&str, &str); 5] = [
    ("gv", "dot"),
    ("htm", "html"),
    ("plantuml", "puml"),
    ("pu", "puml"),
    ("markdown", "md"),
];

/// The formats whose files end in `.ext` (any case; aliases such as `.gv` count).
fn formats_for(ext: &str) -> Vec<&'static dyn Exporter> {
    let ext = ext.to_ascii_lowercase();
    let ext = ALIASES
        .iter()
        .find(|(alias, _)| *alias == ext)
        .map_or(ext.as_str(), |(_, canonical)| canonical);
    export::EXPORTERS
        .iter()
        .copied()
        .filter(|e| e.extension().eq_ignore_ascii_case(ext))
        .collect()
}

fn ids(formats: &[&dyn Exporter]) -> String {
    let ids: Vec<&str> = formats.iter().map(|e| e.id()).collect();
    match ids.split_last() {
        Some((last, [])) => format!("`{last}`"),
        Some((last, rest)) => format!("`{}` or `{last}`", rest.join("`, `")),
        None => String::new(),
    }
}

/// The format to write: `--format`, or the one `-o`'s extension names. A `--format` whose
/// files end otherwise than `-o` says is refused: HTML silently written into `out.svg` would
/// open as a broken picture.
fn choose(args: &Args) -> Result<&'static dyn Exporter, String> {
    let ext = args
        .output
        .as_deref()
        .and_then(|o| o.extension())
        .and_then(|e| e.to_str());
    // A compound extension (`.minutes.md`) names its format before the last part does.
    let file = args
        .output
        .as_deref()
        .and_then(|o| o.file_name())
        .and_then(|n| n.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let compound: Vec<&'static dyn Exporter> = export::EXPORTERS
        .iter()
        .copied()
        .filter(|e| e.extension().contains('.') && file.ends_with(&format!(".{}", e.extension())))
        .collect();
    let named = if compound.is_empty() {
        ext.map(formats_for).unwrap_or_default()
    } else {
        compound
    };
    match (&args.format, &args.output) {
        (Some(id), out) => {
            let exporter = export::find(id)
                .ok_or_else(|| format!("unknown format `{id}`; formats: {}", format_list()))?;
            match (out, ext) {
                (Some(out), Some(_))
                    if !named.is_empty() && !named.iter().any(|e| e.id() == id) =>
                {
                    Err(format!(
                        "`{}` ends like {} output, but --format {id} writes a .{} file; name it \
                         `{}`, or pass --format {}",
                        out.display(),
                        ids(&named),
                        exporter.extension(),
                        out.with_extension(exporter.extension()).display(),
                        named[0].id(),
                    ))
                }
                _ => Ok(exporter),
            }
        }
        (None, Some(out)) => match named.as_slice() {
            [one] => Ok(*one),
            [] => Err(format!(
                "cannot tell the format from `{}`; pass `--format FORMAT` (one of: {})",
                out.display(),
                format_list()
            )),
            many => Err(format!(
                "`{}` could be {}; pass `--format` with one of them",
                out.display(),
                ids(many)
            )),
        },
        (None, None) => Err(format!(
            "name a format with `--format FORMAT` (one of: {})",
            format_list()
        )),
    }
}

pub(super) fn run(args: &Args) -> u8 {
    let exporter = match choose(args) {
        Ok(e) => e,
        Err(message) => {
            stream::eprint(ColorChoice::Auto, &format!("error: {message}\n"));
            return EXIT_LOAD;
        }
    };
    let map = match mapfile::load(&args.file) {
        Ok(map) => map,
        Err(e) => {
            stream::eprint(ColorChoice::Auto, &human::load_error(&e));
            return EXIT_LOAD;
        }
    };
    let date = match args.date.as_deref().map(report_date).transpose() {
        Ok(date) => date,
        Err(e) => {
            stream::eprint(ColorChoice::Auto, &format!("error: {e}\n"));
            return EXIT_LOAD;
        }
    };
    let options = Options {
        stage: args.stage.clone(),
        date,
        bom: args.bom,
    };
    // What the map alone rules out is refused before the analysis, the longest part.
    if let Err(e) = exporter.precheck(&map.file, &map.journey, &options) {
        stream::eprint(ColorChoice::Auto, &format!("error: {e}\n"));
        return EXIT_LOAD;
    }
    let analysis = map.analyse();
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options)
        .with_map_text(map.source.text());
    match &args.output {
        Some(path) => {
            let mut refused = None;
            let written = output::write_with(path, |out| write(exporter, &ctx, out, &mut refused));
            match (refused, written) {
                (Some(e), _) => {
                    stream::eprint(ColorChoice::Auto, &format!("error: {e}\n"));
                    EXIT_LOAD
                }
                (None, Ok(())) => {
                    stream::eprint(
                        ColorChoice::Auto,
                        &format!("wrote {} ({})\n", path.display(), exporter.id()),
                    );
                    EXIT_OK
                }
                (None, Err(e)) => {
                    stream::report_failure(&format!("{}", path.display()), &e);
                    EXIT_LOAD
                }
            }
        }
        None => {
            let mut refused = None;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let written = write(exporter, &ctx, &mut out, &mut refused);
            if let Some(e) = refused {
                stream::eprint(ColorChoice::Auto, &format!("error: {e}\n"));
                return EXIT_LOAD;
            }
            match stream::finish(written) {
                Written::Done => EXIT_OK,
                Written::Failed(code) => code,
            }
        }
    }
}

/// Streams the export into `out`. A refusal (an unknown stage, too large for Mermaid) comes
/// back in `refused`, before anything is written; a failed write as the I/O error that
/// caused it.
fn write(
    exporter: &dyn Exporter,
    ctx: &ExportContext<'_>,
    out: &mut dyn Write,
    refused: &mut Option<ExportError>,
) -> io::Result<()> {
    let mut sink = IoSink::new(out);
    match exporter.write(ctx, &mut sink) {
        Ok(()) => sink.finish().map(|_| ()),
        Err(ExportError::Write) => Err(sink
            .finish()
            .err()
            .unwrap_or_else(|| io::Error::other("the export stopped part-way"))),
        Err(e) => {
            *refused = Some(e);
            Err(io::Error::other("refused"))
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
