//! A finding as the analysis keeps it: what and where, with its texts as ids into [`Texts`].
//!
//! A [`Finding`] spells everything out (about 250 bytes and half a dozen strings); a note is
//! 128 bytes and owns nothing on the heap but a rare path or help. Rules write
//! [`Draft`]s, the analysis keeps notes, and a front end makes the finding when it reads one.

use std::borrow::Cow;

use super::finding::{Finding, List, Place};
use super::rule::{Rule, Severity};
use super::words::{Of, TextId, Texts, Words};
use crate::source::Pos;

/// A message or help as a rule writes it: a template with its arguments, or whole.
#[derive(Debug)]
pub(super) enum Said {
    Words(Words),
    Text(String),
}

impl From<Words> for Said {
    fn from(words: Words) -> Said {
        Said::Words(words)
    }
}

impl From<String> for Said {
    fn from(text: String) -> Said {
        Said::Text(text)
    }
}

impl Said {
    fn into_words(self, texts: &mut Texts) -> Words {
        match self {
            Said::Words(words) => words,
            Said::Text(text) => texts.whole(&text),
        }
    }
}

/// A finding as a rule makes it, its ids borrowed from the journey until it is kept.
#[derive(Debug)]
pub(super) struct Draft<'a> {
    pub(super) rule: &'static Rule,
    pub(super) severity: Severity,
    message: Said,
    help: Option<Said>,
    pub(super) step: Option<&'a str>,
    /// The step's place in the file's `steps`, when the draft is at a step.
    step_index: Option<u32>,
    pub(super) collection: Option<usize>,
    pub(super) element: Option<&'a str>,
    /// The element's place in the catalogue, when the rule knows it ([`Draft::element_at`]).
    element_index: Option<u32>,
    pub(super) system: Option<&'a str>,
    pub(super) party: Option<&'a str>,
    related: Related<'a>,
    pub(super) place: Place,
}

/// The other steps a draft names: their ids, or their ids already kept and joined.
#[derive(Debug)]
enum Related<'a> {
    Ids(Vec<&'a str>),
    Kept(TextId),
}

impl<'a> Draft<'a> {
    pub(super) fn new(rule: &'static Rule, message: impl Into<Said>) -> Draft<'a> {
        Draft {
            rule,
            severity: rule.severity,
            message: message.into(),
            help: None,
            step: None,
            step_index: None,
            collection: None,
            element: None,
            element_index: None,
            system: None,
            party: None,
            related: Related::Ids(Vec::new()),
            place: Place::Root,
        }
    }

    /// What to do, when it is not the rule's own advice.
    pub(super) fn help(mut self, help: impl Into<Said>) -> Draft<'a> {
        self.help = Some(help.into());
        self
    }

    /// Points the finding at a step (by its index in the file's `steps` list).
    pub(super) fn at_step(mut self, index: usize, id: &'a str) -> Draft<'a> {
        self.step = Some(id);
        self.step_index = Some(index as u32);
        self.place = Place::entry(List::Steps, index, "id");
        self
    }

    /// Points the finding at one collection of a step, and at `field` within it.
    pub(super) fn at_collection(
        mut self,
        index: usize,
        id: &'a str,
        collection: usize,
        element: &'a str,
        field: &'static str,
    ) -> Draft<'a> {
        self.step = Some(id);
        self.step_index = Some(index as u32);
        self.collection = Some(collection);
        self.element = Some(element);
        self.place = Place::Collection {
            step: index as u32,
            collection: collection as u32,
            field,
        };
        self
    }

    /// Says which catalogue element (by its index in `data`) the finding's element is, so
    /// that its id is looked up by index.
    pub(super) fn element_at(mut self, index: usize) -> Draft<'a> {
        self.element_index = Some(index as u32);
        self
    }

    /// Points the finding at a catalogue element (by its index in `data`).
    pub(super) fn at_element(mut self, index: usize, id: &'a str) -> Draft<'a> {
        self.element = Some(id);
        self.element_index = Some(index as u32);
        self.place = Place::entry(List::Data, index, "id");
        self
    }

    /// Points the finding at `field` of a system (by its index in `systems`).
    pub(super) fn at_system(mut self, index: usize, id: &'a str, field: &'static str) -> Draft<'a> {
        self.system = Some(id);
        self.place = Place::entry(List::Systems, index, field);
        self
    }

    /// Points the finding at `field` of another organisation (by its index in `parties`).
    pub(super) fn at_party(mut self, index: usize, id: &'a str, field: &'static str) -> Draft<'a> {
        self.party = Some(id);
        self.place = Place::entry(List::Parties, index, field);
        self
    }

    /// Other steps involved (e.g. where a repeated element was first collected).
    pub(super) fn related(mut self, steps: Vec<&'a str>) -> Draft<'a> {
        self.related = Related::Ids(steps);
        self
    }

    /// As [`Draft::related`], with the ids already kept, joined ([`Texts::join`]).
    pub(super) fn related_kept(mut self, steps: TextId) -> Draft<'a> {
        self.related = Related::Kept(steps);
        self
    }

    /// The note of this draft, its texts kept in `texts`, the `shelf`th of its list's.
    pub(super) fn into_note(self, texts: &mut Texts, shelf: u8) -> Note {
        // Steps and elements by their index when it is known; anything else by its text.
        let mut id = |s: Option<&str>, known: Option<(Of, u32)>| {
            s.map(|s| match known {
                Some((what, i)) => texts.of(what, i as usize, |texts| texts.add_str(s)),
                None => texts.add_str(s),
            })
        };
        let (step, element, system, party) = (
            id(self.step, self.step_index.map(|i| (Of::StepId, i))),
            id(self.element, self.element_index.map(|i| (Of::ElementId, i))),
            id(self.system, None),
            id(self.party, None),
        );
        let related = match self.related {
            Related::Ids(ids) if ids.is_empty() => None,
            Related::Ids(ids) => {
                let ids: Vec<TextId> = ids.iter().map(|s| texts.add_str(s)).collect();
                Some(texts.join(&ids))
            }
            Related::Kept(joined) => Some(joined),
        };
        Note {
            rule: self.rule,
            severity: self.severity,
            message: self.message.into_words(texts),
            help: self.help.map(|h| Box::new(h.into_words(texts))),
            step,
            element,
            system,
            party,
            collection: self.collection.map(|c| c as u32),
            related,
            place: self.place,
            pos: None,
            shelf,
        }
    }
}

/// One finding, its texts in the [`Texts`] of the analysis that made it
/// ([`super::FindingRef`] reads them).
#[derive(Debug, Clone)]
pub struct Note {
    pub rule: &'static Rule,
    pub severity: Severity,
    message: Words,
    /// `None`: the rule's own advice.
    help: Option<Box<Words>>,
    step: Option<TextId>,
    element: Option<TextId>,
    system: Option<TextId>,
    party: Option<TextId>,
    collection: Option<u32>,
    /// The related steps' ids, joined.
    related: Option<TextId>,
    /// The value of the document it points at.
    pub place: Place,
    /// Where `place` stands in the file, once located.
    pub pos: Option<Pos>,
    /// Which of its list's [`Texts`] holds its texts.
    shelf: u8,
}

impl Note {
    pub(super) fn step<'t>(&self, texts: &'t Texts) -> Option<&'t str> {
        self.step.map(|id| texts.str(id))
    }

    pub(super) fn element<'t>(&self, texts: &'t Texts) -> Option<&'t str> {
        self.element.map(|id| texts.str(id))
    }

    pub(super) fn system<'t>(&self, texts: &'t Texts) -> Option<&'t str> {
        self.system.map(|id| texts.str(id))
    }

    pub(super) fn party<'t>(&self, texts: &'t Texts) -> Option<&'t str> {
        self.party.map(|id| texts.str(id))
    }

    /// The index of the collection within the step's `collects`, if any.
    pub fn collection(&self) -> Option<usize> {
        self.collection.map(|c| c as usize)
    }

    pub(super) fn related<'t>(&self, texts: &'t Texts) -> impl Iterator<Item = &'t str> + use<'t> {
        self.related
            .into_iter()
            .flat_map(|related| texts.parts(related))
            .map(|id| texts.str(id))
    }

    pub(super) fn write_message(&self, texts: &Texts, out: &mut String) {
        texts.write_words(&self.message, out);
    }

    pub(super) fn message_pieces(&self, texts: &Texts, out: &mut impl FnMut(&str)) {
        texts.words_pieces(&self.message, out);
    }

    pub(super) fn help_pieces(&self, texts: &Texts, out: &mut impl FnMut(&str)) {
        match &self.help {
            Some(help) => texts.words_pieces(help, out),
            None => out(self.rule.fix),
        }
    }

    pub(super) fn help(&self, texts: &Texts) -> Cow<'static, str> {
        match &self.help {
            Some(help) => {
                let mut text = String::new();
                texts.write_words(help, &mut text);
                Cow::Owned(text)
            }
            None => Cow::Borrowed(self.rule.fix),
        }
    }

    /// Its texts, among its list's.
    pub(super) fn texts_in<'t>(&self, shelves: &'t [Texts]) -> &'t Texts {
        &shelves[usize::from(self.shelf)]
    }

    /// Says its texts are `base` places further in its list's (lists were joined).
    pub(super) fn shelve(&mut self, base: usize) {
        self.shelf += base as u8;
    }

    /// The finding, spelt out to be kept: each text in an allocation of its own size (a
    /// workbench keeps 700,000 of them), written first in `scratch`.
    pub(super) fn render(&self, texts: &Texts, scratch: &mut String) -> Finding {
        let mut exact = |words: &Words| {
            scratch.clear();
            texts.write_words(words, scratch);
            String::from(scratch.as_str())
        };
        let message = exact(&self.message);
        let help = match &self.help {
            Some(help) => Cow::Owned(exact(help)),
            None => Cow::Borrowed(self.rule.fix),
        };
        let text = |id: Option<TextId>| id.map(|id| String::from(texts.str(id)));
        Finding {
            rule: self.rule,
            severity: self.severity,
            message,
            help,
            step: text(self.step),
            collection: self.collection.map(|c| c as usize),
            element: text(self.element),
            system: text(self.system),
            party: text(self.party),
            related: self.related.map_or_else(Vec::new, |related| {
                texts
                    .parts(related)
                    .map(|id| String::from(texts.str(id)))
                    .collect()
            }),
            place: self.place.clone(),
            pos: self.pos,
        }
    }

    /// The finding, spelt out in `out`, whose strings are reused.
    pub(super) fn render_into(&self, texts: &Texts, out: &mut Finding) {
        out.rule = self.rule;
        out.severity = self.severity;
        out.message.clear();
        texts.write_words(&self.message, &mut out.message);
        out.help = match &self.help {
            Some(help) => {
                let mut text = match std::mem::take(&mut out.help) {
                    Cow::Owned(mut text) => {
                        text.clear();
                        text
                    }
                    Cow::Borrowed(_) => String::new(),
                };
                texts.write_words(help, &mut text);
                Cow::Owned(text)
            }
            None => Cow::Borrowed(self.rule.fix),
        };
        for (id, field) in [
            (self.step, &mut out.step),
            (self.element, &mut out.element),
            (self.system, &mut out.system),
            (self.party, &mut out.party),
        ] {
            match id {
                Some(id) => {
                    let text = field.get_or_insert_with(String::new);
                    text.clear();
                    text.push_str(texts.str(id));
                }
                None => *field = None,
            }
        }
        out.collection = self.collection.map(|c| c as usize);
        out.related.clear();
        if let Some(related) = self.related {
            out.related
                .extend(texts.parts(related).map(|id| texts.str(id).to_string()));
        }
        out.place.clone_from(&self.place);
        out.pos = self.pos;
    }

    /// The note of `f`, its texts kept whole in `texts`.
    pub(super) fn of(f: &Finding, texts: &mut Texts, shelf: u8) -> Note {
        let related: Vec<&str> = f.related.iter().map(String::as_str).collect();
        let draft = Draft {
            rule: f.rule,
            severity: f.severity,
            message: Said::Text(f.message.clone()),
            help: match &f.help {
                Cow::Borrowed(fix) if *fix == f.rule.fix => None,
                help => Some(Said::Text(help.to_string())),
            },
            step: f.step.as_deref(),
            step_index: None,
            collection: f.collection,
            element: f.element.as_deref(),
            element_index: None,
            system: f.system.as_deref(),
            party: f.party.as_deref(),
            related: Related::Ids(related),
            place: f.place.clone(),
        };
        let mut note = draft.into_note(texts, shelf);
        note.pos = f.pos;
        note
    }
}
