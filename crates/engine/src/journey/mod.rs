//! The journey model: channels, stages, systems, the data catalogue, and steps joined by flows.
//!
//! Pure data and lookups; nothing here knows about files, terminals or findings.

pub mod category;
mod document;
mod exact;
mod graph;
mod review;
#[cfg(feature = "synthetic")]
pub mod synthetic;
mod vocabulary;

pub use document::{
    Allow, Case, Channel, Collection, CustomCategory, DataElement, Decision, Document, Flow,
    Masked, Meta, Organisation, Party, Stage, Step, Subject, System,
};
pub use graph::Journey;
pub use review::{Counts, Date, FindingCounts, Outcome, Review, ReviewDecision};
pub use vocabulary::{
    Actor, Condition, ConsentMethod, DecisionBasis, LawfulBasis, Method, PartyKind, Sensitivity,
    Transfers,
};
