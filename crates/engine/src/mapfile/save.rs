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

/// The map as RON text, in the same style a person writes it.
pub fn to_ron(doc: &Document) -> Result<String, ron::Error> {
    let config = PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        .extensions(Extensions::IMPLICIT_SOME);
    ron::ser::to_string_pretty(doc, config).map(|mut s| {
        s.push('\n');
        s
    })
}

/// Writes `journey` into `out` as its document would be written, on one line without spaces
/// (about half the size: for a copy only touchpoint reads back, as a large map is set aside
/// while it is read again), without copying the journey into a document first.
pub fn write_journey(journey: &Journey, mut out: impl io::Write) -> Result<(), ron::Error> {
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
    compact().to_io_writer(&mut out, &view)
}

/// Compact RON, read back with implicit `Some` as every map is.
fn compact() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
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
            let mut compact_copy = Vec::new();
            write_journey(&journey, &mut compact_copy).expect("writes");
            let written = String::from_utf8(compact_copy).expect("UTF-8");
            let expected = compact()
                .to_string(&journey.to_document())
                .expect("serialises");
            assert_eq!(written, expected);
            // It is smaller than the readable text, and reads back as the same map.
            let readable = to_ron(&journey.to_document()).expect("serialises");
            assert!(written.len() < readable.len() * 3 / 4);
            let back = load_str("copy.ron", written).expect("reads back");
            assert_eq!(back.journey.to_document(), journey.to_document());
        }
    }
}
