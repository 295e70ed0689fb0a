//! An edit as text: the bytes it replaced and what it put there, so that it can be undone
//! (and redone, and journaled) byte for byte.

use std::ops::Range;

/// One replacement in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patch {
    /// Where the removed text started.
    pub at: usize,
    /// What was there.
    pub removed: String,
    /// What is there now.
    pub inserted: String,
}

impl Patch {
    /// The bytes it replaced, in the text before it.
    pub fn old_range(&self) -> Range<usize> {
        self.at..self.at + self.removed.len()
    }

    /// The patch that takes it back.
    pub fn inverse(&self) -> Patch {
        Patch {
            at: self.at,
            removed: self.inserted.clone(),
            inserted: self.removed.clone(),
        }
    }

    /// Applies it to `text`, which must hold `removed` at `at`.
    pub(crate) fn apply(&self, text: &mut String) {
        debug_assert_eq!(&text[self.old_range()], self.removed);
        text.replace_range(self.old_range(), &self.inserted);
    }
}

/// One edit a person made: a label for undo and the history, and its patches in the order
/// they apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub label: String,
    pub patches: Vec<Patch>,
}

impl Change {
    /// The change that takes this one back: the inverse patches, last first.
    pub fn inverse(&self) -> Change {
        Change {
            label: self.label.clone(),
            patches: self.patches.iter().rev().map(Patch::inverse).collect(),
        }
    }
}
