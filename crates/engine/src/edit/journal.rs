//! The journal of unsaved edits: one line per thing a person did (an edit, an undo, a redo),
//! appended as it happens, so that a workbench killed mid-session loses at most the edit being
//! typed. Replaying the lines on the text they started from gives back the text and the undo
//! history as they were. Pure: where the lines are kept is the caller's business.

use crate::mapfile::fingerprint;

use serde::{Deserialize, Serialize};

use super::change::{Change, Patch};
use super::editor::Editor;

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entry {
    /// The journal is about edits to a text with this hash (the first line).
    Base {
        hash: u64,
        file: String,
    },
    Edit {
        label: String,
        patches: Vec<(usize, String, String)>,
    },
    Undo,
    Redo,
    /// The text was saved: what came before is on disk.
    Saved,
}

impl Entry {
    /// The line for an edit.
    pub fn edit(change: &Change) -> Entry {
        Entry::Edit {
            label: change.label.clone(),
            patches: change
                .patches
                .iter()
                .map(|p| (p.at, p.removed.clone(), p.inserted.clone()))
                .collect(),
        }
    }

    /// The entry as one line of text (no line breaks inside: strings are escaped).
    pub fn line(&self) -> String {
        let mut line = ron::to_string(self).unwrap_or_default();
        line.push('\n');
        line
    }
}

/// The hash a journal records of its base text.
pub fn hash(text: &str) -> u64 {
    hash_bytes(text.as_bytes())
}

/// The same hash, of bytes (as read from a file, before they are known to be text): the
/// file's fingerprint.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    fingerprint::of(bytes)
}

/// What a journal holds, read back.
#[derive(Debug)]
pub struct Recovered {
    /// The editor with every journaled edit, undo and redo made again.
    pub editor: Editor,
    /// The labels of the edits made (for showing what will be recovered).
    pub edits: Vec<String>,
}

/// Why a journal cannot be replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JournalError {
    /// It has no base line.
    Empty,
    /// It was written for another text than the one given (the file changed since).
    OtherText,
    /// An edit does not fit the text (the journal is damaged).
    Damaged(usize),
}

impl std::fmt::Display for JournalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JournalError::Empty => f.write_str("the journal is empty"),
            JournalError::OtherText => {
                f.write_str("the journal's edits were made to another version of the file")
            }
            JournalError::Damaged(line) => {
                write!(f, "line {line} of the journal does not fit the text")
            }
        }
    }
}

impl std::error::Error for JournalError {}

/// Replays `journal` (its lines) on `base`, the text it started from. A last line cut short
/// (the process killed while writing it) is left out.
pub fn replay(base: &str, journal: &str) -> Result<Recovered, JournalError> {
    let mut lines = journal.lines().enumerate();
    let Some((_, first)) = lines.next() else {
        return Err(JournalError::Empty);
    };
    match ron::from_str::<Entry>(first) {
        Ok(Entry::Base { hash: h, .. }) if h == hash(base) => {}
        Ok(Entry::Base { .. }) => return Err(JournalError::OtherText),
        _ => return Err(JournalError::Empty),
    }
    let mut editor = Editor::new(base.to_string());
    let mut edits = Vec::new();
    for (i, line) in lines {
        let Ok(entry) = ron::from_str::<Entry>(line) else {
            // Only the last line may be cut short.
            break;
        };
        match entry {
            Entry::Base { .. } => return Err(JournalError::Damaged(i + 1)),
            Entry::Edit { label, patches } => {
                let change = Change {
                    label: label.clone(),
                    patches: patches
                        .into_iter()
                        .map(|(at, removed, inserted)| Patch {
                            at,
                            removed,
                            inserted,
                        })
                        .collect(),
                };
                if !editor.replay(change) {
                    return Err(JournalError::Damaged(i + 1));
                }
                edits.push(label);
            }
            Entry::Undo => {
                editor.undo();
            }
            Entry::Redo => {
                editor.redo();
            }
            Entry::Saved => editor.mark_saved(),
        }
    }
    Ok(Recovered { editor, edits })
}
