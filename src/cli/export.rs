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
    let analysis = map.analyse();
    let options = Options {
        stage: args.stage.clone(),
    };
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
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
