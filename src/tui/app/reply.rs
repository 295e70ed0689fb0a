//! What a question's answers and the lists picked from lead to: the workbench's own words
//! for the next thing to do, carried until the person answers.

use petgraph::stable_graph::NodeIndex;

use super::catalogue::List;

/// What an answer to a question does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reply {
    DeleteStep(NodeIndex),
    DeleteCollection {
        step: NodeIndex,
        index: usize,
    },
    /// Open the label form of flow `index` (in file order).
    LabelFlow(usize),
    DeleteFlow(usize),
    DeleteEntry(List, usize),
    /// Close the form on screen, dropping what was typed in it.
    DiscardForm,
    SaveAndQuit,
    QuitWithoutSaving,
    /// The file changed on disk: drop the edits and show the file.
    ReloadFromDisk,
    /// The file changed on disk: write the edits over it anyway.
    Overwrite,
    /// Ask for another name to save under.
    SaveAs,
    /// Make the edits of a journal left behind again.
    Recover,
    /// Throw away a journal left behind.
    DropJournal,
    /// Review: remove data element `usize` (by index) from the catalogue, after its last
    /// collection was dropped.
    DropElement(usize),
    /// Review: keep the element in the catalogue.
    KeepElement,
}

/// What a list picked from (outside a form) is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PickFor {
    /// The step a new flow from this one goes to.
    LinkFrom(NodeIndex),
    /// One of this step's flows, to label or delete.
    FlowOf(NodeIndex),
    /// The format to export the map in.
    ExportFormat,
}
