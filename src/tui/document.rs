//! Text laid out for a view, with a role per piece instead of a style: the state can measure
//! it (to scroll and to keep a row in sight), and the views paint it with the theme.

use touchpoint_engine::analysis::Severity;
use touchpoint_engine::text::{clean, pad, wrap_words};

/// What a piece of text is; the theme decides how it looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    #[default]
    Plain,
    /// A section title.
    Accent,
    /// A name or title in bold.
    Heading,
    /// Secondary text: labels, hints, places.
    Dim,
    /// A severity marker or label (`None`: clean).
    Severity(Option<Severity>),
    /// A flow into or out of the selected step.
    Flow,
    /// The flow `next` follows.
    Branch,
    /// The followed data element.
    Follow,
    /// The cursor row of a list.
    Cursor,
}

/// One line: pieces of text with their roles, and a role for the whole line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct DocLine {
    pub spans: Vec<(String, Role)>,
    pub role: Role,
}

impl DocLine {
    pub(crate) fn new(spans: Vec<(String, Role)>) -> DocLine {
        DocLine {
            spans,
            role: Role::Plain,
        }
    }

    /// One piece of text in one role.
    pub(crate) fn text(text: impl Into<String>, role: Role) -> DocLine {
        DocLine::new(vec![(text.into(), role)])
    }
}

/// Lines of text wrapped to a width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Document {
    pub lines: Vec<DocLine>,
    /// The width the text was wrapped at.
    pub width: usize,
}

/// The width of a label column (`purpose   …`).
const LABEL: usize = 11;

impl Document {
    pub(crate) fn new(width: usize) -> Document {
        Document {
            lines: Vec::new(),
            width,
        }
    }

    pub(crate) fn push(&mut self, line: DocLine) {
        self.lines.push(line);
    }

    pub(crate) fn blank(&mut self) {
        self.push(DocLine::default());
    }

    pub(crate) fn heading(&mut self, text: &str) {
        self.para(text, 0, Role::Accent);
    }

    /// A wrapped paragraph of untrusted text, indented by `indent` columns.
    pub(crate) fn para(&mut self, text: &str, indent: usize, role: Role) {
        for part in wrap_words(&clean(text), self.width.saturating_sub(indent)) {
            self.push(DocLine::new(vec![
                (" ".repeat(indent), Role::Plain),
                (part, role),
            ]));
        }
    }

    /// `label   value`, the value wrapped under itself; a missing value shows as a dim dash.
    pub(crate) fn field(&mut self, indent: usize, label: &str, value: Option<&str>) {
        let label = (pad(label, LABEL), Role::Dim);
        let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
            self.push(DocLine::new(vec![
                (" ".repeat(indent), Role::Plain),
                label,
                ("—".to_string(), Role::Dim),
            ]));
            return;
        };
        let width = self.width.saturating_sub(indent + LABEL);
        for (i, part) in wrap_words(&clean(value), width).into_iter().enumerate() {
            let lead = if i == 0 {
                label.clone()
            } else {
                (" ".repeat(LABEL), Role::Plain)
            };
            self.push(DocLine::new(vec![
                (" ".repeat(indent), Role::Plain),
                lead,
                (part, Role::Plain),
            ]));
        }
    }
}
