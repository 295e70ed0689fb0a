//! The journey model: channels, stages, systems, the data catalogue, and steps joined by flows.
//!
//! Pure data and lookups; nothing here knows about files, terminals or findings.

pub mod category;
mod document;
mod graph;
mod review;
#[cfg(feature = "synthetic")]
pub mod synthetic;
mod vocabulary;

pub use document::{
    Allow, Channel, Collection, DataElement, Document, Flow, Meta, Organisation, Stage, Step,
    System,
};
pub use graph::Journey;
pub use review::{Counts, Date, Decision, FindingCounts, Outcome, Review};
pub use vocabulary::{Actor, Condition, LawfulBasis, Method, Sensitivity};
