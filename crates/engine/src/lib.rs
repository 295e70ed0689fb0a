//! touchpoint's engine: journeys, map files and the privacy analysis, with no terminal in sight.
//!
//! The layers, each using only those above it in this list:
//! - [`text`]: untrusted text made safe to print, and fitted to a width; [`suggest`]: "did you
//!   mean".
//! - [`journey`]: the model (channels, stages, data catalogue, steps and flows as a graph).
//! - [`source`]: where each value of a map file stands (line and column by path).
//! - [`analysis`]: the privacy rules over a journey, producing findings as data.
//! - [`mapfile`]: reading and writing `.ron` map files, with precise errors.
//! - [`diff`]: what changed between two versions of a map, findings included.
//! - [`inventory`]: every collection as a row, and elements against channels and stages.
//! - [`output`]: writing output files safely (atomically, through links, into devices).
//!
//! Front ends (the command line, the workbench, the exports) sit on top; nothing here prints.

pub mod analysis;
pub mod diff;
pub mod edit;
pub mod inventory;
pub mod journey;
pub mod mapfile;
pub mod output;
mod parallel;
pub mod source;
pub mod suggest;
pub mod text;
