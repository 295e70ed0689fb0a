//! The engine's integration tests, built as one test binary: loading, the rules and their
//! boundaries, the example maps and the save/load round trip, through the crate's public API
//! only.

mod boundaries;
mod categories;
mod consent;
mod decisions;
mod diff;
mod editing;
mod fixture;
mod load_errors;
mod maps;
mod outline;
mod placeholders;
mod purposes;
mod retention;
mod reviews;
mod roundtrip;
mod routes;
mod rules;
mod session;
mod systems;
mod workspace;
