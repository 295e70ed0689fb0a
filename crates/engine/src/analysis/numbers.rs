//! Texts numbered as first seen, so that rules and indexes group by a number, not by text.

use foldhash::HashMap;

/// Each text given a number, 0 upwards, in the order first seen.
#[derive(Debug, Clone, Default)]
pub(super) struct Numbers(HashMap<String, u32>);

impl Numbers {
    /// The number of `text`, numbering it next if it is new (copied only then).
    pub(super) fn of(&mut self, text: &str) -> u32 {
        if let Some(&n) = self.0.get(text) {
            return n;
        }
        let n = self.0.len() as u32;
        self.0.insert(text.to_string(), n);
        n
    }

    /// The number of `text`, if it has one.
    pub(super) fn get(&self, text: &str) -> Option<u32> {
        self.0.get(text).copied()
    }

    /// How many texts are numbered.
    pub(super) fn len(&self) -> usize {
        self.0.len()
    }
}
