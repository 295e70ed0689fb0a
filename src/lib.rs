//! touchpoint's interactive workbench: a terminal UI over one journey map, with live reload.
//!
//! The engine (journey model, map files, analysis, inventory) is the `touchpoint-engine` crate
//! and the exports are `touchpoint-export`; this crate adds the terminal front end. The
//! command line is the `touchpoint` binary (`src/main.rs` and `src/cli/`).

pub mod tui;
