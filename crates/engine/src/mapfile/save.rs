//! Writing a map back to RON (`output::write_atomic` puts it on disk).

use std::io;

use petgraph::stable_graph::EdgeIndex;
use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::{Serialize, Serializer};

use crate::journey::{
    Case, Channel, CustomCategory, DataElement, Document, Journey, Meta, Party, Review, Stage,
    Subject, System,
};

/// The style a person writes a map in.
fn style() -> PrettyConfig {
    PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        .extensions(Extensions::IMPLICIT_SOME)
}

/// The map as RON text, in the same style a person writes it.
pub fn to_ron(doc: &Document) -> Result<String, ron::Error> {
    ron::ser::to_string_pretty(doc, style()).map(|mut s| {
        s.push('\n');
        s
    })
}

/// How [`write_journey`] lays the text out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// As [`to_ron`] writes a document: the style a person writes a map in.
    Readable,
    /// One line, no spaces: for a copy only touchpoint reads back (about half the size).
    Compact,
}

/// Writes `journey` into `out` as its document would be written, without copying the journey
/// into a document first (a large map is set aside this way while it is read again).
pub fn write_journey(
    journey: &Journey,
    mut out: impl io::Write,
    layout: Layout,
) -> Result<(), ron::Error> {
    let mut flows: Vec<EdgeIndex> = journey.graph.edge_indices().collect();
    flows.sort();
    let view = JourneyFile {
        meta: &journey.meta,
        channels: &journey.channels,
        stages: &journey.stages,
        systems: &journey.systems,
        parties: &journey.parties,
        subjects: &journey.subjects,
        categories: &journey.categories,
        data: &journey.elements,
        steps: Steps(journey),
        flows: Flows(journey, &flows),
        entries: journey.entry_ids(),
        cases: &journey.cases,
        reviews: &journey.reviews,
    };
    match layout {
        Layout::Readable => {
            ron::Options::default().to_io_writer_pretty(&mut out, &view, style())?;
            out.write_all(b"\n")
                .map_err(|e| ron::Error::Io(e.to_string()))
        }
        // Read back with implicit `Some`, as every map is.
        Layout::Compact => ron::Options::default()
            .with_default_extension(Extensions::IMPLICIT_SOME)
            .to_io_writer(&mut out, &view),
    }
}

/// A journey borrowed in the shape of [`Document`], field for field (a test holds the two to
/// the same text).
#[derive(Serialize)]
struct JourneyFile<'a> {
    meta: &'a Meta,
    channels: &'a [Channel],
    stages: &'a [Stage],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    systems: &'a [System],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    parties: &'a [Party],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    subjects: &'a [Subject],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    categories: &'a [CustomCategory],
    data: &'a [DataElement],
    steps: Steps<'a>,
    flows: Flows<'a>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    entries: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    cases: &'a [Case],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    reviews: &'a [Review],
}

/// The steps in file order.
struct Steps<'a>(&'a Journey);

impl Serialize for Steps<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.steps().map(|(_, step)| step))
    }
}

/// The flows in the order of their edges (the file's).
struct Flows<'a>(&'a Journey, &'a [EdgeIndex]);

impl Serialize for Flows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.1.iter().map(|&e| &self.0.graph[e]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapfile::load_str;

    #[test]
    fn a_journey_is_written_as_its_document_is() {
        for text in [
            include_str!("../../../../maps/broadband-fault.ron"),
            include_str!("../../../../maps/bank-account-opening.ron"),
            include_str!("../../../../maps/online-shopping-returns.ron"),
        ] {
            let journey = load_str("x.ron", text.to_string()).expect("loads").journey;
            let mut written = Vec::new();
            write_journey(&journey, &mut written, Layout::Readable).expect("writes");
            let expected = to_ron(&journey.to_document()).expect("serialises");
            assert_eq!(String::from_utf8(written).expect("UTF-8"), expected);
            // The compact copy is smaller and reads back as the same map.
            let mut compact = Vec::new();
            write_journey(&journey, &mut compact, Layout::Compact).expect("writes");
            assert!(compact.len() < expected.len() * 3 / 4);
            let back = load_str("copy.ron", String::from_utf8(compact).expect("UTF-8"))
                .expect("reads back");
            assert_eq!(back.journey.to_document(), journey.to_document());
        }
    }
}
