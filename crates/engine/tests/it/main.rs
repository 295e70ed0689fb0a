//! The engine's integration tests, built as one test binary: loading, the rules and their
//! boundaries, the example maps and the save/load round trip, through the crate's public API
//! only.

mod boundaries;
mod diff;
mod editing;
mod load_errors;
mod maps;
mod outline;
mod reviews;
mod roundtrip;
mod rules;
mod session;
mod workspace;
