//! Which steps the grid shows: only problems, one channel, one data element, a text search.

use petgraph::stable_graph::NodeIndex;

use super::board::Board;

/// The filters in force; the default shows every step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Filter {
    /// Only steps with at least one finding.
    pub problems_only: bool,
    /// Only this channel (by index).
    pub channel: Option<usize>,
    /// Only steps taking this data element (by index).
    pub element: Option<usize>,
    /// The search as typed.
    search: String,
    /// The search, lower-case, trimmed.
    needle: String,
}

impl Filter {
    pub(crate) fn search(&self) -> &str {
        &self.search
    }

    pub(crate) fn set_search(&mut self, text: String) {
        self.needle = text.trim().to_lowercase();
        self.search = text;
    }

    pub(crate) fn is_active(&self) -> bool {
        self.problems_only
            || self.channel.is_some()
            || self.element.is_some()
            || !self.needle.is_empty()
    }

    /// Whether the grid shows step `ix`.
    pub(crate) fn admits(&self, board: &Board, ix: NodeIndex) -> bool {
        if self.problems_only && board.worst(ix).is_none() {
            return false;
        }
        if let Some(c) = self.channel {
            let channel = board.journey().channels.get(c).map(|c| c.id.as_str());
            if board.step(ix).map(|s| s.channel.as_str()) != channel {
                return false;
            }
        }
        if let Some(e) = self.element
            && !board.takes(ix, e)
        {
            return false;
        }
        self.needle.is_empty() || board.matches(ix, &self.needle)
    }
}

/// A list's filter (the inventory's, the findings'): the text typed after `/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ListFilter {
    /// The text as typed.
    search: String,
    /// The text, lower-case, trimmed.
    needle: String,
}

impl ListFilter {
    pub(crate) fn search(&self) -> &str {
        &self.search
    }

    pub(crate) fn set_search(&mut self, text: String) {
        self.needle = text.trim().to_lowercase();
        self.search = text;
    }

    pub(crate) fn is_active(&self) -> bool {
        !self.needle.is_empty()
    }

    /// Whether a row is shown, given whether its text holds a (lower-case) needle. Asked only
    /// when there is something to look for, as a row's text is made for a search.
    pub(crate) fn admits(&self, holds: impl FnOnce(&str) -> bool) -> bool {
        self.needle.is_empty() || holds(&self.needle)
    }
}
