//! Findings' words: each message a template and its arguments, each argument's text kept once.
//!
//! A 100,000-step map can have 700,000 findings. Their messages repeat a few sentences about
//! a few thousand names, titles and periods; written out, they were about half of `check`'s
//! memory. A finding keeps a template and the ids of its arguments' texts instead, and the
//! report writes each message out as it prints it.

use std::borrow::Cow;
use std::fmt::{Display, Write};
use std::hash::BuildHasher;
use std::num::NonZeroU32;
use std::sync::OnceLock;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

/// The arguments a template can take. A message with more is kept whole.
const ARGS: usize = 5;

/// The bit of a [`TextId`] that marks texts joined one after the other.
const JOINED: u32 = 1 << 30;

/// A text in [`Texts`]: one string, or several joined ([`Texts::join`]). Never zero, so that
/// an `Option<TextId>` is four bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct TextId(NonZeroU32);

impl TextId {
    fn new(raw: u32) -> TextId {
        TextId(NonZeroU32::MIN.saturating_add(raw))
    }

    fn raw(self) -> u32 {
        self.0.get() - 1
    }

    fn joined(self) -> Option<usize> {
        let raw = self.raw();
        (raw & JOINED != 0).then_some((raw & !JOINED) as usize)
    }
}

/// The sentence of a message, its `{}` to be filled with texts: written once, where a rule
/// says it (`words!`).
#[derive(Debug)]
pub(super) struct Template {
    text: &'static str,
    /// The text before, between and after the `{}` (`{{` and `}}` read as one brace), cut
    /// the first time the template is filled: a report fills it hundreds of thousands of
    /// times, and a search for either brace goes a character at a time.
    between: OnceLock<Box<[Cow<'static, str>]>>,
}

impl Template {
    pub(super) const fn new(text: &'static str) -> Template {
        Template {
            text,
            between: OnceLock::new(),
        }
    }

    fn between(&self) -> &[Cow<'static, str>] {
        self.between.get_or_init(|| cut(self.text))
    }
}

/// `template`'s text before, between and after its `{}`.
fn cut(template: &'static str) -> Box<[Cow<'static, str>]> {
    let mut between = Vec::new();
    let mut piece: Cow<'static, str> = Cow::Borrowed("");
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        let brace = &rest[at..=at];
        let pair = rest.get(at..at + 2);
        append(&mut piece, &rest[..at]);
        rest = if pair == Some("{}") {
            between.push(std::mem::take(&mut piece));
            &rest[at + 2..]
        } else if pair == Some("{{") || pair == Some("}}") {
            append(&mut piece, brace);
            &rest[at + 2..]
        } else {
            // Not a template's (`words` checks them): kept as it stands.
            append(&mut piece, brace);
            &rest[at + 1..]
        };
    }
    append(&mut piece, rest);
    between.push(piece);
    between.into_boxed_slice()
}

/// `text` after `piece`, borrowed while it can be.
fn append(piece: &mut Cow<'static, str>, text: &'static str) {
    if piece.is_empty() {
        *piece = Cow::Borrowed(text);
    } else if !text.is_empty() {
        piece.to_mut().push_str(text);
    }
}

/// A message: a template whose `{}` are filled with texts, in order.
#[derive(Debug, Clone, Copy)]
pub(super) struct Words {
    template: &'static Template,
    args: [Option<TextId>; ARGS],
}

/// The template of a message kept whole.
static WHOLE: Template = Template::new("{}");

/// Something a template's `{}` can be filled with: any text, or one already kept.
pub(super) trait Arg {
    fn id(&self, texts: &mut Texts) -> TextId;
}

impl<T: Display + ?Sized> Arg for T {
    fn id(&self, texts: &mut Texts) -> TextId {
        texts.add(self)
    }
}

impl Arg for TextId {
    fn id(&self, _: &mut Texts) -> TextId {
        *self
    }
}

/// Every text the findings of an analysis use, each kept once.
#[derive(Debug, Clone, Default)]
pub(super) struct Texts {
    strings: Vec<Box<str>>,
    /// Each string's index, by its content; let go when no text is to be added
    /// ([`Texts::seal`]).
    index: HashTable<u32>,
    /// Texts joined: each a range of `parts`.
    joined: Vec<(u32, u32)>,
    parts: Vec<TextId>,
    /// The texts of the journey's steps and elements, by their index ([`Texts::of`]).
    known: [Vec<Option<TextId>>; OF],
    /// Literals of the program's own, by their address and length ([`Texts::add_static`]).
    statics: Vec<((usize, usize), TextId)>,
    /// Where an argument is formatted before it is looked up.
    scratch: String,
}

/// What a text is of, for [`Texts::of`]: a step's id or title, an element's id or quoted
/// name.
#[derive(Debug, Clone, Copy)]
pub(super) enum Of {
    /// By the step's place in the file's `steps`.
    StepId,
    StepTitle,
    /// By the element's place in the catalogue (`data`).
    ElementId,
    ElementName,
}

const OF: usize = 4;

fn hash(s: &str) -> u64 {
    FixedState::default().hash_one(s)
}

impl Texts {
    /// The id of `s`, kept if it is new.
    pub(super) fn add_str(&mut self, s: &str) -> TextId {
        let Texts { strings, index, .. } = self;
        let h = hash(s);
        if let Some(&i) = index.find(h, |&i| &*strings[i as usize] == s) {
            return TextId::new(i);
        }
        self.keep(h, Box::from(s))
    }

    /// `s`, new: added at the end of `strings`.
    fn keep(&mut self, h: u64, s: Box<str>) -> TextId {
        let i = self.strings.len() as u32;
        debug_assert!(i < JOINED, "more texts than an id can name");
        self.strings.push(s);
        let strings = &self.strings;
        self.index
            .insert_unique(h, i, |&i| hash(&strings[i as usize]));
        TextId::new(i)
    }

    /// The id of `s`, a literal of the program's: found by its address, which no other
    /// text has, before it is hashed (a few literals are parts of every route).
    pub(super) fn add_static(&mut self, s: &'static str) -> TextId {
        let key = (s.as_ptr() as usize, s.len());
        if let Some(&(_, id)) = self.statics.iter().find(|(k, _)| *k == key) {
            return id;
        }
        let id = self.add_str(s);
        if self.statics.len() < 32 {
            self.statics.push((key, id));
        }
        id
    }

    /// The id of the text `what` of the `index`-th step or element, made by `make` the first
    /// time. A large map's findings name the same steps and elements hundreds of thousands
    /// of times: by index, each is looked up by its content once.
    pub(super) fn of(
        &mut self,
        what: Of,
        index: usize,
        make: impl FnOnce(&mut Texts) -> TextId,
    ) -> TextId {
        let known = &mut self.known[what as usize];
        if let Some(Some(id)) = known.get(index) {
            return *id;
        }
        let id = make(self);
        let known = &mut self.known[what as usize];
        if known.len() <= index {
            known.resize(index + 1, None);
        }
        known[index] = Some(id);
        id
    }

    /// The id of what `d` displays.
    pub(super) fn add(&mut self, d: &(impl Display + ?Sized)) -> TextId {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        // Writing to a String cannot fail.
        let _ = write!(scratch, "{d}");
        let id = self.add_str(&scratch);
        self.scratch = scratch;
        id
    }

    /// A text that reads as `parts`, one after the other.
    pub(super) fn join(&mut self, parts: &[TextId]) -> TextId {
        let start = self.parts.len() as u32;
        self.parts.extend_from_slice(parts);
        self.joined.push((start, parts.len() as u32));
        TextId::new(JOINED | (self.joined.len() as u32 - 1))
    }

    /// The texts a joined text reads as, in order; a plain text is its own one part.
    pub(super) fn parts(&self, id: TextId) -> Parts<'_> {
        match id.joined() {
            Some(j) => {
                let (start, len) = self.joined[j];
                Parts::Joined(self.parts[start as usize..(start + len) as usize].iter())
            }
            None => Parts::One(Some(id)),
        }
    }

    /// A message of `template`, its `{}` filled with `args` in turn.
    pub(super) fn words(&mut self, template: &'static Template, args: &[&dyn Arg]) -> Words {
        debug_assert_eq!(
            template.between().len(),
            args.len() + 1,
            "a template takes only `{{}}`, one per argument: {:?}",
            template.text
        );
        if args.len() > ARGS {
            let mut text = String::new();
            let ids: Vec<TextId> = args.iter().map(|a| a.id(self)).collect();
            self.fill(template, ids.into_iter(), &mut |piece| text.push_str(piece));
            return self.whole(&text);
        }
        let mut words = Words {
            template,
            args: [None; ARGS],
        };
        for (slot, arg) in words.args.iter_mut().zip(args) {
            *slot = Some(arg.id(self));
        }
        words
    }

    /// A message kept as it is.
    pub(super) fn whole(&mut self, text: &str) -> Words {
        let id = self.add_str(text);
        self.words(&WHOLE, &[&id])
    }

    /// Lets go of what finds a text by its content: no more can be added.
    pub(super) fn seal(&mut self) {
        self.index = HashTable::new();
        self.known = Default::default();
        self.statics = Vec::new();
        self.scratch = String::new();
    }

    /// The text of a plain (not joined) id.
    pub(super) fn str(&self, id: TextId) -> &str {
        debug_assert!(id.joined().is_none(), "a joined text has no one string");
        &self.strings[id.raw() as usize]
    }

    /// Gives the text of `id` to `out`, a piece at a time.
    fn pieces(&self, id: TextId, out: &mut impl FnMut(&str)) {
        match id.joined() {
            Some(_) => {
                for part in self.parts(id) {
                    self.pieces(part, out);
                }
            }
            None => out(self.str(id)),
        }
    }

    /// Appends the message `words`.
    pub(super) fn write_words(&self, words: &Words, out: &mut String) {
        self.words_pieces(words, &mut |piece| out.push_str(piece));
    }

    /// Gives the message `words` to `out`, a piece at a time: the template's text between
    /// its `{}`, and each argument's text (for a report that copies it once, escaped).
    pub(super) fn words_pieces(&self, words: &Words, out: &mut impl FnMut(&str)) {
        let args = words.args.iter().map_while(|&a| a);
        self.fill(words.template, args, out);
    }

    fn fill(
        &self,
        template: &Template,
        mut args: impl Iterator<Item = TextId>,
        out: &mut impl FnMut(&str),
    ) {
        let between = template.between();
        for (k, text) in between.iter().enumerate() {
            if k > 0
                && let Some(id) = args.next()
            {
                self.pieces(id, out);
            }
            out(text);
        }
    }
}

/// The parts of a text ([`Texts::parts`]).
pub(super) enum Parts<'a> {
    One(Option<TextId>),
    Joined(std::slice::Iter<'a, TextId>),
}

impl Iterator for Parts<'_> {
    type Item = TextId;

    fn next(&mut self) -> Option<TextId> {
        match self {
            Parts::One(id) => id.take(),
            Parts::Joined(ids) => ids.next().copied(),
        }
    }
}

/// A message of a template and its arguments, each argument's text kept in `$texts`:
/// `words!(texts, "{} is kept for {}", name, period)`. The template takes only `{}`.
macro_rules! words {
    ($texts:expr, $template:literal $(, $arg:expr)* $(,)?) => {{
        static TEMPLATE: $crate::analysis::words::Template =
            $crate::analysis::words::Template::new($template);
        let texts: &mut $crate::analysis::words::Texts = $texts;
        texts.words(&TEMPLATE, &[$(&$arg as &dyn $crate::analysis::words::Arg),*])
    }};
}
pub(super) use words;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn spelt(texts: &Texts, words: &Words) -> String {
        let mut out = String::new();
        texts.write_words(words, &mut out);
        out
    }

    proptest! {
        /// A template filled with its arguments reads as `format!` writes it, braces and all.
        #[test]
        fn words_read_as_format_writes_them(
            a in "[a-z{} é\"]{0,8}",
            b in "[a-z{}→]{0,8}",
            n in 0u32..1000,
        ) {
            let mut texts = Texts::default();
            let words = words!(&mut texts, "{} is {{kept}} for {} ({}) }}", a, b, n);
            prop_assert_eq!(spelt(&texts, &words), format!("{} is {{kept}} for {} ({}) }}", a, b, n));
        }
    }

    #[test]
    fn each_text_is_kept_once() {
        let mut texts = Texts::default();
        let a = texts.add_str("Email address");
        let b = texts.add(&format_args!("Email {}", "address"));
        assert_eq!(a, b);
        assert_ne!(a, texts.add_str("email address"));
        assert_eq!(texts.strings.len(), 2);
    }

    #[test]
    fn joined_texts_read_as_their_parts_and_may_fill_a_template() {
        let mut texts = Texts::default();
        let parts = ["\"Start\"", " → ", "here"].map(|p| texts.add_str(p));
        let route = texts.join(&parts);
        let words = words!(&mut texts, "on the route {}, twice", route);
        assert_eq!(
            spelt(&texts, &words),
            "on the route \"Start\" → here, twice"
        );
        assert_eq!(texts.parts(route).collect::<Vec<_>>(), parts);
        let one = texts.add_str("one");
        assert_eq!(texts.parts(one).collect::<Vec<_>>(), [one]);
    }

    #[test]
    fn a_message_of_more_arguments_than_a_template_holds_is_kept_whole() {
        let mut texts = Texts::default();
        let words = words!(&mut texts, "{}{}{}{}{}{}", 1, 2, 3, 4, 5, 6);
        assert_eq!(spelt(&texts, &words), "123456");
        assert_eq!(words.template.text, "{}");
    }
}
