//! Text from a map, made fit to show: safe for a terminal, and sized to a number of columns.

mod clean;
mod layout;

pub use clean::clean;
pub use layout::{pad, truncate, width, wrap, wrap_clipped, wrap_cut, wrap_lines, wrap_words};
