//! Exports: the journey and its privacy overlay as diagrams, reports and records.
//!
//! Each format lives in its own module behind [`Exporter`]; [`EXPORTERS`] lists them for the
//! command line. Exporters are pure: they write an [`ExportContext`] as text into a
//! [`std::fmt::Write`] sink, byte for byte the same for the same map, and never open files
//! themselves ([`sink::IoSink`] streams into a file or stdout the caller opened).

pub mod diagram;
pub mod dot;
pub mod escape;
pub mod html;
pub mod inventory_csv;
pub mod inventory_markdown;
mod inventory_table;
pub mod legend;
pub mod mermaid_flowchart;
pub mod mermaid_journey;
pub mod minutes;
pub mod minutes_html;
pub mod minutes_markdown;
pub mod plantuml;
pub mod ropa;
pub mod ropa_csv;
pub mod ropa_markdown;
pub mod sink;
pub mod svg;
mod svg_card;
mod svg_geometry;
mod svg_layout;
mod svg_route;

use std::fmt;

use touchpoint_engine::analysis::Analysis;
use touchpoint_engine::journey::Journey;

/// Choices that narrow or shape an export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Only the steps of this stage (by id): one diagram per stage for large maps.
    pub stage: Option<String>,
    /// A date to print in the HTML report (e.g. `2025-01-31`). None by default, so the same
    /// map always gives the same bytes.
    pub date: Option<String>,
    /// Start the CSV exports with a UTF-8 byte-order mark, so Excel on Windows reads them as
    /// UTF-8 (curly quotes, accents, symbols) instead of the ANSI code page.
    pub bom: bool,
}

/// Everything an exporter reads: the journey, its findings and how they map onto it.
#[derive(Debug, Clone, Copy)]
pub struct ExportContext<'a> {
    /// The map's file name as the user gave it, shown in report headers.
    pub source: &'a str,
    pub journey: &'a Journey,
    pub analysis: &'a Analysis,
    pub options: &'a Options,
    /// The map's text, when the caller has it: reports name the map by its SHA-256.
    pub map_text: Option<&'a str>,
}

impl<'a> ExportContext<'a> {
    /// A context over `journey` and its analysis. Only the file name of `source` is kept: an
    /// export is shared, and the folder it was made in is nobody else's business (it also
    /// keeps the output the same whichever path the map was named by).
    pub fn new(
        source: &'a str,
        journey: &'a Journey,
        analysis: &'a Analysis,
        options: &'a Options,
    ) -> ExportContext<'a> {
        let source = std::path::Path::new(source)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(source);
        ExportContext {
            source,
            journey,
            analysis,
            options,
            map_text: None,
        }
    }

    /// The same context with the map's text, which reports identify by its SHA-256.
    pub fn with_map_text(self, text: &'a str) -> ExportContext<'a> {
        ExportContext {
            map_text: Some(text),
            ..self
        }
    }

    /// The SHA-256 of the map's text in hex, when the context has the text: what
    /// `sha256sum` prints for the map file (saved without a byte-order mark).
    pub fn map_sha256(&self) -> Option<String> {
        use sha2::{Digest, Sha256};
        self.map_text.map(|t| {
            Sha256::digest(t.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        })
    }

    /// The stage `--stage` names, as an index into `journey.stages`.
    /// `--stage` may name a stage by its id or, as people read it, by its name (any case).
    pub fn stage_filter(&self) -> Result<Option<usize>, ExportError> {
        let Some(wanted) = &self.options.stage else {
            return Ok(None);
        };
        let stages = &self.journey.stages;
        let by_name = || {
            let wanted = wanted.trim().to_lowercase();
            stages
                .iter()
                .position(|s| s.name.trim().to_lowercase() == wanted)
        };
        self.journey
            .stage_index(wanted)
            .or_else(by_name)
            .map(Some)
            .ok_or_else(|| ExportError::UnknownStage {
                stage: wanted.clone(),
                known: stages.iter().map(|s| s.id.clone()).collect(),
            })
    }
}

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    /// `--stage` names no stage of the map.
    UnknownStage { stage: String, known: Vec<String> },
    /// The output would be larger than its renderer accepts.
    TooLarge {
        format: &'static str,
        what: String,
        hint: String,
    },
    /// The sink refused the text. [`std::fmt::Error`] says no more than that; an
    /// [`sink::IoSink`] keeps the I/O error behind it for the caller to report.
    Write,
}

impl From<fmt::Error> for ExportError {
    fn from(_: fmt::Error) -> ExportError {
        ExportError::Write
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::UnknownStage { stage, known } if known.is_empty() => {
                write!(f, "unknown stage `{stage}`: the map defines no stages")
            }
            ExportError::UnknownStage { stage, known } => write!(
                f,
                "unknown stage `{stage}`; the map's stages are: {}",
                known.join(", ")
            ),
            ExportError::TooLarge { format, what, hint } => {
                write!(f, "this map is too large for {format}: {what}; {hint}")
            }
            ExportError::Write => write!(f, "the export could not be written to its output"),
        }
    }
}

impl std::error::Error for ExportError {}

/// One export format.
pub trait Exporter: Sync {
    /// The `--format` value, e.g. `mermaid-flowchart`.
    fn id(&self) -> &'static str;
    /// The usual file extension, without the dot.
    fn extension(&self) -> &'static str;
    /// One line for `--help`.
    fn description(&self) -> &'static str;
    /// Writes the export into `out`. Refusals (unknown stage, too large for the renderer) are
    /// decided before anything is written, so a refused export leaves `out` untouched; a
    /// failed write ([`ExportError::Write`]) may leave part of the text behind.
    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError>;
    /// Refuses, from the map alone, an export that [`Exporter::write`] would refuse whatever
    /// the findings: a caller asks before it runs the analysis, which on a large map takes
    /// longer than the rest. `Ok` promises nothing; `write` decides.
    fn precheck(
        &self,
        _source: &str,
        _journey: &Journey,
        _options: &Options,
    ) -> Result<(), ExportError> {
        Ok(())
    }
    /// The export as a String.
    fn export(&self, ctx: &ExportContext<'_>) -> Result<String, ExportError> {
        let mut out = String::new();
        self.write(ctx, &mut out)?;
        Ok(out)
    }
}

/// The version of touchpoint that made an export, for reports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The UTF-8 byte-order mark the CSV exports start with when [`Options::bom`] asks for it.
pub const BOM: char = '\u{feff}';

/// Every format, in the order `--help` lists them.
pub static EXPORTERS: [&dyn Exporter; 12] = [
    &mermaid_flowchart::MermaidFlowchart,
    &mermaid_journey::MermaidJourney,
    &dot::Dot,
    &plantuml::PlantUml,
    &svg::Svg,
    &html::Html,
    &inventory_csv::InventoryCsv,
    &inventory_markdown::InventoryMarkdown,
    &ropa_markdown::RopaMarkdown,
    &ropa_csv::RopaCsv,
    &minutes_markdown::MinutesMarkdown,
    &minutes_html::MinutesHtml,
];

/// The exporter with this `--format` id.
pub fn find(id: &str) -> Option<&'static dyn Exporter> {
    EXPORTERS.iter().copied().find(|e| e.id() == id)
}

/// The one exporter whose extension is `ext`, if exactly one has it (to infer `--format`
/// from `-o report.html`).
pub fn by_extension(ext: &str) -> Option<&'static dyn Exporter> {
    let mut matching = EXPORTERS
        .iter()
        .copied()
        .filter(|e| e.extension().eq_ignore_ascii_case(ext));
    match (matching.next(), matching.next()) {
        (Some(e), None) => Some(e),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_findable() {
        let mut seen = HashSet::new();
        for e in EXPORTERS {
            assert!(seen.insert(e.id()), "duplicate id {}", e.id());
            assert_eq!(find(e.id()).map(|f| f.id()), Some(e.id()));
            assert!(!e.description().is_empty());
        }
        assert!(find("nope").is_none());
    }

    #[test]
    fn extensions_infer_only_unambiguous_formats() {
        assert_eq!(by_extension("svg").map(|e| e.id()), Some("svg"));
        assert_eq!(by_extension("HTML").map(|e| e.id()), Some("html"));
        assert_eq!(by_extension("dot").map(|e| e.id()), Some("dot"));
        assert!(by_extension("csv").is_none(), "inventory or record?");
        assert!(by_extension("md").is_none());
        assert!(by_extension("mmd").is_none());
    }
}
