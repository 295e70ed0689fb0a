//! The exports' integration tests, built as one test binary: every format's snapshot, what
//! the exports say about a map, hostile text kept inert in each format, and exports streamed
//! into a sink.

mod dot_layout;
mod escaping;
mod geometry;
mod golden;
mod looks;
mod model;
mod report;
mod sink;
mod workspace;
