//! Printers for findings and load errors: human (rustc-style, optional colour) and JSON.

pub(super) mod human;
pub(super) mod json;
pub(super) mod pieces;
pub(super) mod snippet;
pub(super) mod style;

pub(super) use style::ColorChoice;
