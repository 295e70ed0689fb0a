//! The exports' integration tests, built as one test binary: every format's snapshot, what
//! the exports say about a map, and hostile text kept inert in each format.

mod escaping;
mod golden;
mod model;
mod workspace;
