//! A map's findings in file order, each kept small and spelt out when it is read.
//!
//! A 100,000-step map can have 700,000 findings. Spelt out, with their messages, they were
//! most of `check`'s memory and of the workbench's; kept as [`Note`]s with their texts once
//! each ([`Texts`]), they are a fifth of that. A view of one ([`FindingRef`]) reads its ids
//! and writes its message; a report that prints them all spells each out in turn
//! ([`Findings::each`]).

use std::borrow::Cow;
use std::ops::{Index, Range};

use super::finding::Place;
use super::note::Note;
use super::ordered::{Ordered, OrderedIter};
use super::rule::{Rule, Severity};
use super::words::Texts;
use super::{Finding, Tally};
use crate::source::Pos;

/// A map's findings, in file order.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    notes: Ordered<Note>,
    /// The texts of each group of rules.
    texts: Vec<Texts>,
}

impl Findings {
    pub(super) fn new(notes: Ordered<Note>, texts: Vec<Texts>) -> Findings {
        Findings { notes, texts }
    }

    pub fn len(&self) -> usize {
        self.notes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }

    /// The `n`th finding in file order.
    pub fn get(&self, n: usize) -> Option<FindingRef<'_>> {
        self.notes
            .get(n)
            .map(|note| FindingRef::of(note, &self.texts))
    }

    /// Every finding, in file order.
    pub fn iter(&self) -> InFileOrder<'_> {
        self.range(0..self.len())
    }

    /// The findings in file order from `range.start` up to `range.end`.
    pub fn range(&self, range: Range<usize>) -> InFileOrder<'_> {
        InFileOrder {
            notes: self.notes.range(range),
            texts: &self.texts,
        }
    }

    /// The findings from `range.start` up to `range.end`, in file order, each spelt out in
    /// turn in one [`Finding`] given to `f`: for a report that prints each once.
    pub fn each(&self, range: Range<usize>, mut f: impl FnMut(&Finding)) {
        let mut notes = self.notes.range(range);
        let Some(first) = notes.next() else {
            return;
        };
        let mut finding = first.render(first.texts_in(&self.texts), &mut String::new());
        f(&finding);
        for note in notes {
            note.render_into(note.texts_in(&self.texts), &mut finding);
            f(&finding);
        }
    }

    /// How many findings there are of each severity.
    pub fn tally(&self) -> Tally {
        let mut tally = Tally::default();
        for note in self.notes.iter() {
            tally.add(note.severity);
        }
        tally
    }

    /// The findings spelt out, in one list, in file order.
    pub fn to_vec(&self) -> Vec<Finding> {
        let mut scratch = String::new();
        self.notes
            .iter()
            .map(|note| note.render(note.texts_in(&self.texts), &mut scratch))
            .collect()
    }
}

impl Index<usize> for Findings {
    type Output = Note;

    /// The `n`th finding in file order, without its texts: its rule, severity and place.
    fn index(&self, n: usize) -> &Note {
        &self.notes[n]
    }
}

impl<'a> IntoIterator for &'a Findings {
    type Item = FindingRef<'a>;
    type IntoIter = InFileOrder<'a>;

    fn into_iter(self) -> InFileOrder<'a> {
        self.iter()
    }
}

/// Findings already in the order they are to be read in, their texts kept whole.
impl From<Vec<Finding>> for Findings {
    fn from(findings: Vec<Finding>) -> Findings {
        let mut texts = Texts::default();
        let notes: Vec<Note> = findings
            .iter()
            .map(|f| Note::of(f, &mut texts, 0))
            .collect();
        texts.seal();
        Findings::new(Ordered::from(notes), vec![texts])
    }
}

/// Findings in file order ([`Findings::iter`], [`Findings::range`]).
#[derive(Debug, Clone)]
pub struct InFileOrder<'a> {
    notes: OrderedIter<'a, Note>,
    texts: &'a [Texts],
}

impl<'a> Iterator for InFileOrder<'a> {
    type Item = FindingRef<'a>;

    fn next(&mut self) -> Option<FindingRef<'a>> {
        let texts = self.texts;
        self.notes.next().map(|note| FindingRef::of(note, texts))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.notes.size_hint()
    }
}

impl DoubleEndedIterator for InFileOrder<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let texts = self.texts;
        self.notes
            .next_back()
            .map(|note| FindingRef::of(note, texts))
    }
}

impl ExactSizeIterator for InFileOrder<'_> {}

/// One finding of [`Findings`], read where it is kept: its ids are borrowed, its message and
/// help written when asked for.
#[derive(Debug, Clone, Copy)]
pub struct FindingRef<'a> {
    note: &'a Note,
    texts: &'a Texts,
}

impl<'a> FindingRef<'a> {
    /// `note`, read with its texts among its list's.
    fn of(note: &'a Note, shelves: &'a [Texts]) -> FindingRef<'a> {
        FindingRef {
            note,
            texts: note.texts_in(shelves),
        }
    }

    pub fn rule(&self) -> &'static Rule {
        self.note.rule
    }

    pub fn severity(&self) -> Severity {
        self.note.severity
    }

    /// The value of the document it points at.
    pub fn place(&self) -> &'a Place {
        &self.note.place
    }

    /// Where it stands in the file, once located.
    pub fn pos(&self) -> Option<Pos> {
        self.note.pos
    }

    /// The step it is about, if any.
    pub fn step(&self) -> Option<&'a str> {
        self.note.step(self.texts)
    }

    /// The index of the collection within the step's `collects`, if any.
    pub fn collection(&self) -> Option<usize> {
        self.note.collection()
    }

    /// The data element it is about, if any.
    pub fn element(&self) -> Option<&'a str> {
        self.note.element(self.texts)
    }

    /// The system it is about, if any.
    pub fn system(&self) -> Option<&'a str> {
        self.note.system(self.texts)
    }

    /// The other organisation it is about, if any.
    pub fn party(&self) -> Option<&'a str> {
        self.note.party(self.texts)
    }

    /// Other steps involved (e.g. where a repeated element was first collected).
    pub fn related(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.note.related(self.texts)
    }

    /// What is wrong here and why it matters.
    pub fn message(&self) -> String {
        let mut text = String::new();
        self.write_message(&mut text);
        text
    }

    /// Appends the message to `out`.
    pub fn write_message(&self, out: &mut String) {
        self.note.write_message(self.texts, out);
    }

    /// Gives the message to `out` a piece at a time, for a report that copies it once (as
    /// it escapes it, say) rather than writing it out first.
    pub fn message_pieces(&self, mut out: impl FnMut(&str)) {
        self.note.message_pieces(self.texts, &mut out);
    }

    /// Gives the help to `out` a piece at a time, as [`FindingRef::message_pieces`].
    pub fn help_pieces(&self, mut out: impl FnMut(&str)) {
        self.note.help_pieces(self.texts, &mut out);
    }

    /// What to do about it.
    pub fn help(&self) -> Cow<'static, str> {
        self.note.help(self.texts)
    }

    /// The finding, spelt out.
    pub fn to_finding(&self) -> Finding {
        self.note.render(self.texts, &mut String::new())
    }
}
