//! touchpoint: map customer journeys across channels, and the personal data each step collects.
//!
//! - [`journey`]: the model (channels, stages, data catalogue, steps and flows as a graph).
//! - [`mapfile`]: reading and writing `.ron` map files, with precise errors.
//! - [`analysis`]: the privacy rules, producing findings as data.
//! - [`inventory`]: every collection as a row, and elements against channels.
//! - [`report`]: printing findings and load errors for people and machines.
//! - [`tui`]: the interactive workbench.
//! - [`export`]: diagrams, reports and records in other tools' formats.
//! - [`cli`]: the command line.
//! - [`terminal_text`] and [`text_layout`]: untrusted text made safe to print, and fitted to
//!   a width.

pub mod analysis;
pub mod cli;
pub mod export;
pub mod inventory;
pub mod journey;
pub mod mapfile;
pub mod report;
pub mod terminal_text;
pub mod text_layout;
pub mod tui;
