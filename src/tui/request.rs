//! What the workbench's state asks of the loop around it: things that leave the screen
//! (an editor, the shell) or touch the work in the background (watching, loading).

use std::path::PathBuf;

/// One request, taken by the event loop after each batch of actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Open the map in the person's editor at `line`, then read it again.
    OpenEditor { path: PathBuf, line: usize },
    /// Stop the process until the shell's `fg`.
    Suspend,
    /// The map now lives at this path (saved under another name): watch and load it there.
    Watch(PathBuf),
    /// The workbench itself wrote the file, whose bytes now hash to this: nothing to load.
    Saved(u64),
    /// Read the file again, even unchanged (the edits shown were dropped).
    Reload,
}
