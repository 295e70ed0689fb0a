//! A problem found while loading a map, pointing at the file, line and column.

use std::fmt;

use crate::source::Pos;

/// One load problem: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it.
    pub file: String,
    /// Where in the file; `None` when the file as a whole is the problem.
    pub pos: Option<Pos>,
    pub message: String,
    /// The offending line of the file, for a snippet with a caret.
    pub snippet: Option<String>,
    /// How to fix it ("did you mean ...").
    pub hint: Option<String>,
    /// Further context, such as where a duplicate was first defined.
    pub note: Option<String>,
}

impl Diagnostic {
    pub fn whole_file(file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            pos: None,
            message: message.into(),
            snippet: None,
            hint: None,
            note: None,
        }
    }

    pub fn with_hint(mut self, hint: Option<String>) -> Diagnostic {
        self.hint = hint;
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.note = Some(note.into());
        self
    }

    /// `file:line:col`, or just the file.
    pub fn location(&self) -> String {
        match self.pos {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.col),
            None => self.file.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `file:line:col: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)
    }
}

/// Why a map could not be loaded: every problem found, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.diagnostics.first() {
            Some(first) if self.diagnostics.len() == 1 => write!(f, "{first}"),
            Some(first) => write!(f, "{first} (and {} more)", self.diagnostics.len() - 1),
            None => write!(f, "the map could not be loaded"),
        }
    }
}

impl std::error::Error for LoadError {}
