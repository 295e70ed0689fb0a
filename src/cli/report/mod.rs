//! Printers for findings and load errors: human (rustc-style, optional colour) and JSON.

pub mod human;
pub mod json;
mod snippet;
pub mod style;

pub use style::ColorChoice;
