//! A finding: one rule's verdict on one place in the map, as plain data.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use serde::Serialize;

use super::rule::{Rule, Severity};
use crate::source::{Key, Pos};

/// One finding. `path` says which value of the file it is about; `pos` is filled from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    /// What is wrong here and why it matters.
    pub message: String,
    /// What to do about it: most often the rule's own advice, which is not copied.
    pub help: Cow<'static, str>,
    /// The step it is about, if any.
    pub step: Option<String>,
    /// The index of the collection within the step's `collects`, if any.
    pub collection: Option<usize>,
    /// The data element it is about, if any.
    pub element: Option<String>,
    /// The system it is about, if any (a transfer, security measures).
    pub system: Option<String>,
    /// The other organisation (`parties`) it is about, if any.
    pub party: Option<String>,
    /// Other steps involved (e.g. where a repeated element was first collected).
    pub related: Vec<String>,
    /// The value of the document the finding points at.
    pub place: Place,
    /// Where `path` stands in the file, once located.
    pub pos: Option<Pos>,
}

impl Finding {
    pub fn new(rule: &'static Rule, mut message: String) -> Finding {
        message.shrink_to_fit();
        Finding {
            rule,
            severity: rule.severity,
            message,
            help: Cow::Borrowed(rule.fix),
            step: None,
            collection: None,
            element: None,
            system: None,
            party: None,
            related: Vec::new(),
            place: Place::Root,
            pos: None,
        }
    }

    pub fn help(mut self, help: String) -> Finding {
        self.help = Cow::Owned(help);
        self
    }
}

/// The value of the document a finding points at: a path of [`Key`]s, kept small. A large
/// map has hundreds of thousands of findings, nearly all on a step, a collection or a
/// catalogue entry; a path of their own (five keys on the heap) was an eighth of their memory.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Place {
    /// The document as a whole.
    #[default]
    Root,
    /// `field` of item `index` of a top-level list: `steps[3].id`, `systems[0].security`.
    Entry {
        list: List,
        index: u32,
        field: &'static str,
    },
    /// `steps[step].collects[collection].field`.
    Collection {
        step: u32,
        collection: u32,
        field: &'static str,
    },
    /// Any other value, by its whole path.
    Path(Box<[Key<'static>]>),
}

/// The top-level lists a [`Place::Entry`] can stand in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Steps,
    Data,
    Systems,
    Parties,
}

impl List {
    /// The list's field name in the file.
    pub const fn field(self) -> &'static str {
        match self {
            List::Steps => "steps",
            List::Data => "data",
            List::Systems => "systems",
            List::Parties => "parties",
        }
    }
}

impl Place {
    pub fn entry(list: List, index: usize, field: &'static str) -> Place {
        Place::Entry {
            list,
            index: index as u32,
            field,
        }
    }

    /// A place given by its whole path.
    pub fn path(keys: impl Into<Box<[Key<'static>]>>) -> Place {
        Place::Path(keys.into())
    }

    /// The place as a path, to look up in the text.
    pub fn keys(&self) -> Keys<'_> {
        let mut inline = [Key::Index(0); 5];
        let len = match *self {
            Place::Root => 0,
            Place::Entry { list, index, field } => {
                inline[..3].copy_from_slice(&[
                    Key::Field(list.field()),
                    Key::Index(index as usize),
                    Key::Field(field),
                ]);
                3
            }
            Place::Collection {
                step,
                collection,
                field,
            } => {
                inline = [
                    Key::Field("steps"),
                    Key::Index(step as usize),
                    Key::Field("collects"),
                    Key::Index(collection as usize),
                    Key::Field(field),
                ];
                5
            }
            Place::Path(ref keys) => return Keys::Borrowed(keys),
        };
        Keys::Inline(inline, len)
    }
}

/// A [`Place`]'s path, made on the stack when it is asked for.
#[derive(Debug, Clone, Copy)]
pub enum Keys<'a> {
    Inline([Key<'static>; 5], usize),
    Borrowed(&'a [Key<'static>]),
}

impl Deref for Keys<'_> {
    type Target = [Key<'static>];

    fn deref(&self) -> &[Key<'static>] {
        match self {
            Keys::Inline(keys, len) => &keys[..*len],
            Keys::Borrowed(keys) => keys,
        }
    }
}

/// Counts of findings per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub error: usize,
    pub warning: usize,
    pub advice: usize,
}

impl Tally {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Tally {
        let mut t = Tally::default();
        for f in findings {
            t.add(f.severity);
        }
        t
    }

    pub fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Advice => self.advice += 1,
        }
    }

    pub fn get(&self, s: Severity) -> usize {
        match s {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Advice => self.advice,
        }
    }

    pub fn total(&self) -> usize {
        self.error + self.warning + self.advice
    }

    /// Findings at or above `threshold`.
    pub fn at_least(&self, threshold: Severity) -> usize {
        Severity::ALL
            .iter()
            .filter(|&&s| s >= threshold)
            .map(|&s| self.get(s))
            .sum()
    }
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        self.error += other.error;
        self.warning += other.warning;
        self.advice += other.advice;
    }
}

impl fmt::Display for Tally {
    /// "2 errors, 1 warning, 0 advice".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, word: &str| {
            if n == 1 || word == "advice" {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        write!(
            f,
            "{}, {}, {}",
            plural(self.error, "error"),
            plural(self.warning, "warning"),
            plural(self.advice, "advice")
        )
    }
}
