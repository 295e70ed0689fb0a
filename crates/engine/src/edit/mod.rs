//! Editing a map file without losing a word of it: changes are made to the text itself,
//! each touching only the bytes of what it is about, with undo and redo.

mod change;
mod editor;
pub mod ids;
pub mod journal;
mod render;
mod session;
mod tree;

pub use change::{Change, Patch};
pub use editor::{EditError, Editor};
pub use render::{field_order, variant_names};
pub use session::{SaveError, Session, backup_path};
