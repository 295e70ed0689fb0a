//! Findings and load errors as JSON, with stable field names for CI and other tools.

use serde::Serialize;

use touchpoint_engine::analysis::{Finding, Severity, Tally};
use touchpoint_engine::mapfile::{Diagnostic, LoadedMap};

/// The whole `check --format json` output.
#[derive(Debug, Serialize)]
pub(crate) struct Report<'a> {
    /// Bumped when a field changes meaning or goes away.
    pub version: u32,
    pub findings: Findings<'a>,
    pub load_errors: Vec<LoadErrorJson<'a>>,
    pub summary: Tally,
}

/// Every map's findings as one JSON list, written one by one rather than gathered first.
#[derive(Debug)]
pub(crate) struct Findings<'a>(pub(crate) &'a [(LoadedMap, Vec<Finding>)]);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.0
                .iter()
                .flat_map(|(map, fs)| fs.iter().map(move |f| FindingJson::new(map, f))),
        )
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct FindingJson<'a> {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: &'a str,
    pub help: &'a str,
    pub file: &'a str,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub step: Option<&'a str>,
    pub collection: Option<usize>,
    pub element: Option<&'a str>,
    pub system: Option<&'a str>,
    pub party: Option<&'a str>,
    pub related_steps: &'a [String],
}

#[derive(Debug, Serialize)]
pub(crate) struct LoadErrorJson<'a> {
    pub file: &'a str,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: &'a str,
    pub hint: Option<&'a str>,
    pub note: Option<&'a str>,
}

impl<'a> FindingJson<'a> {
    pub(crate) fn new(map: &'a LoadedMap, f: &'a Finding) -> Self {
        FindingJson {
            code: f.rule.code,
            name: f.rule.name,
            severity: f.severity,
            message: &f.message,
            help: &f.help,
            file: &map.file,
            line: f.pos.map(|p| p.line),
            column: f.pos.map(|p| p.col),
            step: f.step.as_deref(),
            collection: f.collection,
            element: f.element.as_deref(),
            system: f.system.as_deref(),
            party: f.party.as_deref(),
            related_steps: &f.related,
        }
    }
}

impl<'a> LoadErrorJson<'a> {
    pub(crate) fn new(d: &'a Diagnostic) -> Self {
        LoadErrorJson {
            file: &d.file,
            line: d.pos.map(|p| p.line),
            column: d.pos.map(|p| p.col),
            message: &d.message,
            hint: d.hint.as_deref(),
            note: d.note.as_deref(),
        }
    }
}
