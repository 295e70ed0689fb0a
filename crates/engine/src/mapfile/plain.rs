//! A fast reader for plain RON: the part of RON that touchpoint writes and people write by hand.
//!
//! ron reads a map character by character, and on a large map that took longer than all of
//! touchpoint's checks. This reader works on bytes and knows only what a map is made of:
//! structs in parentheses, lists, strings with the common escapes, decimal integers, booleans,
//! enum variants without data, `None`, `Some(…)` and the implicit `Some`, and line comments.
//! On anything else, and on any mistake, it gives up and ron reads the text instead. So ron
//! stays the one judge of what a map says and the source of every error message; this reader
//! only has to agree with ron where it answers at all, which the tests below hold it to.

use std::fmt;

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, EnumAccess, MapAccess, SeqAccess};
use serde::de::{VariantAccess, Visitor};

use crate::source::Bytes;

/// The reader gave up: the text uses RON it does not read, or has a mistake ron will name.
#[derive(Debug)]
pub(super) struct GaveUp;

impl fmt::Display for GaveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to ron")
    }
}

impl std::error::Error for GaveUp {}

impl de::Error for GaveUp {
    fn custom<T: fmt::Display>(_: T) -> GaveUp {
        GaveUp
    }
}

type Result<T> = std::result::Result<T, GaveUp>;

/// The attribute touchpoint writes at the top of a map, the only one this reader accepts.
const IMPLICIT_SOME: &[u8] = b"#![enable(implicit_some)]";

/// Reads `text` as ron would with implicit `Some`, or gives up.
pub(super) fn read<T: DeserializeOwned>(text: &str) -> Result<T> {
    read_from(text.as_bytes())
}

/// As [`read`], from bytes that come as the reader goes (a file read through a window); the
/// bytes of each list item and field are released once they are read.
pub(super) fn read_from<T: DeserializeOwned>(src: impl Bytes) -> Result<T> {
    let mut reader = Reader { src, at: 0 };
    reader.skip()?;
    if reader.peek() == Some(b'#') {
        if !reader.at_bytes(IMPLICIT_SOME) {
            return Err(GaveUp);
        }
        reader.at += IMPLICIT_SOME.len();
    }
    let value = T::deserialize(&mut reader)?;
    reader.skip()?;
    match reader.peek() {
        None => Ok(value),
        Some(_) => Err(GaveUp),
    }
}

struct Reader<B> {
    src: B,
    /// A byte offset, always at a character boundary.
    at: usize,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A string as read: a range of the text, or, where it had escapes, made anew.
enum Str {
    Range(usize, usize),
    Unescaped(String),
}

impl<B: Bytes> Reader<B> {
    fn peek(&mut self) -> Option<u8> {
        self.src.byte(self.at)
    }

    /// The text of bytes `from..to`, which the reader has been through.
    fn text(&self, from: usize, to: usize) -> Result<&str> {
        std::str::from_utf8(self.src.range(from, to)).map_err(|_| GaveUp)
    }

    /// Whether `bytes` stand at the cursor (not consumed).
    fn at_bytes(&mut self, bytes: &[u8]) -> bool {
        let at = self.at;
        bytes
            .iter()
            .enumerate()
            .all(|(i, &b)| self.src.byte(at + i) == Some(b))
    }

    /// Moves past the bytes `keep` accepts, scanning the bytes at hand a slice at a time.
    #[inline]
    fn skip_while(&mut self, keep: impl Fn(u8) -> bool) {
        loop {
            let rest = self.src.ahead(self.at);
            let n = rest.iter().position(|&b| !keep(b));
            self.at += n.unwrap_or(rest.len());
            if n.is_some() || rest.is_empty() {
                return;
            }
        }
    }

    /// Skips spaces and line comments. Block comments and other white space are ron's.
    fn skip(&mut self) -> Result<()> {
        while let Some(c) = self.src.byte(self.at) {
            match c {
                b' ' | b'\n' | b'\t' | b'\r' => {
                    self.skip_while(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r'));
                }
                b'/' if self.src.byte(self.at + 1) == Some(b'/') => {
                    self.skip_while(|b| b != b'\n');
                }
                b'/' => return Err(GaveUp),
                _ => break,
            }
        }
        Ok(())
    }

    /// Skips to `c` and past it.
    fn eat(&mut self, c: u8) -> Result<()> {
        self.skip()?;
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(GaveUp)
        }
    }

    /// After a value in a list or struct: a comma, or the closing bracket (left in place).
    fn after_item(&mut self, close: u8) -> Result<()> {
        self.skip()?;
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                Ok(())
            }
            Some(c) if c == close => Ok(()),
            _ => Err(GaveUp),
        }
    }

    /// Where an ASCII identifier stands. Raw identifiers and strings (`r#type`, `r"…"`) and
    /// Unicode ones are ron's.
    fn ident_range(&mut self) -> Result<(usize, usize)> {
        self.skip()?;
        let start = self.at;
        if !self
            .src
            .byte(start)
            .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
        {
            return Err(GaveUp);
        }
        let mut end = start + 1;
        while self.src.byte(end).is_some_and(is_word_byte) {
            end += 1;
        }
        if self
            .src
            .byte(end)
            .is_some_and(|c| c == b'#' || c == b'"' || !c.is_ascii())
        {
            return Err(GaveUp);
        }
        self.at = end;
        Ok((start, end))
    }

    fn ident(&mut self) -> Result<&str> {
        let (start, end) = self.ident_range()?;
        self.text(start, end)
    }

    /// Whether the whole word `word` stands at the cursor (not consumed).
    fn at_word(&mut self, word: &str) -> bool {
        self.at_bytes(word.as_bytes())
            && !self
                .src
                .byte(self.at + word.len())
                .is_some_and(|c| is_word_byte(c) || !c.is_ascii())
    }

    /// A string in double quotes: where it stands, unless it has escapes.
    fn string(&mut self) -> Result<Str> {
        self.eat(b'"')?;
        let start = self.at;
        // Most strings have no escape: find the end a slice at a time.
        self.skip_while(|b| b != b'"' && b != b'\\');
        let mut i = self.at;
        self.at = start;
        loop {
            match self.src.byte(i) {
                None => return Err(GaveUp),
                Some(b'"') => {
                    self.at = i + 1;
                    return Ok(Str::Range(start, i));
                }
                Some(b'\\') => break,
                Some(_) => i += 1,
            }
        }
        let mut s = String::with_capacity(i - start + 16);
        let mut from = start;
        loop {
            match self.src.byte(i) {
                None => return Err(GaveUp),
                Some(b'"') => {
                    s.push_str(self.text(from, i)?);
                    self.at = i + 1;
                    return Ok(Str::Unescaped(s));
                }
                Some(b'\\') => {
                    s.push_str(self.text(from, i)?);
                    // `\x` and `\u{…}` are ron's.
                    s.push(match self.src.byte(i + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'\'') => '\'',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'0') => '\0',
                        _ => return Err(GaveUp),
                    });
                    i += 2;
                    from = i;
                }
                Some(_) => i += 1,
            }
        }
    }

    /// A decimal integer. Signs other than `-`, leading zeros, underscores, other bases and
    /// anything with a fraction are ron's.
    fn integer(&mut self) -> Result<i128> {
        self.skip()?;
        let start = self.at;
        let mut i = start;
        if self.src.byte(i) == Some(b'-') {
            i += 1;
        }
        let digits = i;
        while self.src.byte(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        let n = i - digits;
        if n == 0
            || n > 30
            || (n > 1 && self.src.byte(digits) == Some(b'0'))
            || self
                .src
                .byte(i)
                .is_some_and(|c| is_word_byte(c) || c == b'.')
        {
            return Err(GaveUp);
        }
        let value = self.text(start, i)?.parse().map_err(|_| GaveUp)?;
        self.at = i;
        Ok(value)
    }

    fn signed<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let n = i64::try_from(self.integer()?).map_err(|_| GaveUp)?;
        visitor.visit_i64(n)
    }

    fn unsigned<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let n = u64::try_from(self.integer()?).map_err(|_| GaveUp)?;
        visitor.visit_u64(n)
    }

    /// The bytes read so far are done with: what comes next is a new list item or field.
    fn release(&mut self) {
        self.src.release(self.at);
    }
}

/// What this reader leaves to ron: every kind of value a map does not use.
macro_rules! left_to_ron {
    ($($method:ident),*) => {
        $(fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
            Err(GaveUp)
        })*
    };
}

/// Integers of every width, read as the widest and narrowed by the visitor (which refuses what
/// does not fit, and ron then says so).
macro_rules! integers {
    ($read:ident: $($method:ident),*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            self.$read(visitor)
        })*
    };
}

impl<'de, B: Bytes> de::Deserializer<'de> for &mut Reader<B> {
    type Error = GaveUp;

    left_to_ron!(
        deserialize_any,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_unit,
        deserialize_map,
        deserialize_ignored_any
    );

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(GaveUp),
        }
    }

    integers!(signed: deserialize_i8, deserialize_i16, deserialize_i32, deserialize_i64);
    integers!(unsigned: deserialize_u8, deserialize_u16, deserialize_u32, deserialize_u64);

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Str::Range(from, to) => visitor.visit_str(self.text(from, to)?),
            Str::Unescaped(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip()?;
        if self.at_word("None") {
            self.at += "None".len();
            return visitor.visit_none();
        }
        if self.at_word("Some") {
            self.at += "Some".len();
            // `Some` not followed by `(` is a case ron reads its own way.
            self.eat(b'(')?;
            let value = visitor.visit_some(&mut *self)?;
            self.eat(b')')?;
            return Ok(value);
        }
        visitor.visit_some(self)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.eat(b'[')?;
        let value = visitor.visit_seq(List { reader: self })?;
        self.eat(b']')?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value> {
        Err(GaveUp)
    }

    /// `(field: value, …)`. A struct written with its name (`Step(…)`) is ron's.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.eat(b'(')?;
        let value = visitor.visit_map(Fields { reader: self })?;
        self.eat(b')')?;
        Ok(value)
    }

    /// A variant without data, written as its name.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let name = self.ident()?;
        visitor.visit_enum(Variant { name })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_str(self.ident()?)
    }
}

struct List<'r, B> {
    reader: &'r mut Reader<B>,
}

impl<'de, B: Bytes> SeqAccess<'de> for List<'_, B> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        self.reader.release();
        self.reader.skip()?;
        if self.reader.peek() == Some(b']') {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_item(b']')?;
        Ok(Some(value))
    }
}

struct Fields<'r, B> {
    reader: &'r mut Reader<B>,
}

impl<'de, B: Bytes> MapAccess<'de> for Fields<'_, B> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        self.reader.release();
        self.reader.skip()?;
        if self.reader.peek() == Some(b')') {
            return Ok(None);
        }
        let (from, to) = self.reader.ident_range()?;
        self.reader.eat(b':')?;
        let name = self.reader.text(from, to)?;
        seed.deserialize(StrDeserializer::new(name)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_item(b')')?;
        Ok(value)
    }
}

struct Variant<'a> {
    name: &'a str,
}

impl<'de> EnumAccess<'de> for Variant<'_> {
    type Error = GaveUp;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let value = seed.deserialize(StrDeserializer::new(self.name))?;
        Ok((value, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'_> {
    type Error = GaveUp;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value> {
        Err(GaveUp)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value> {
        Err(GaveUp)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ron::extensions::Extensions;

    use super::*;
    use crate::journey::{Collection, Document, LawfulBasis, Method, Step};
    use crate::mapfile::to_ron;

    fn ron_reads(text: &str) -> std::result::Result<Document, ron::error::SpannedError> {
        ron::Options::default()
            .with_default_extension(Extensions::IMPLICIT_SOME)
            .from_str(text)
    }

    const MAPS: [&str; 3] = [
        include_str!("../../../../maps/broadband-fault.ron"),
        include_str!("../../../../maps/bank-account-opening.ron"),
        include_str!("../../../../maps/online-shopping-returns.ron"),
    ];

    #[test]
    fn reads_the_example_maps_as_ron_does() {
        for text in MAPS {
            let plain: Document = read(text).expect("the example maps are plain RON");
            assert_eq!(Ok(plain), ron_reads(text).map_err(|e| e.to_string()));
        }
    }

    #[test]
    fn reads_the_forms_a_person_writes() {
        let text = r#"// a comment before everything
            #![enable(implicit_some)]
            (
                meta: (title: "Esc\"aped \\ \n\t\r\0 \'q\' ünïcödé", ), // trailing comma
                steps: [
                    (id: "a", title: "A", channel: "web", stage: "s", emotion: -3,
                     collects: [
                        (element: "email", purpose: Some("Send the receipt"), basis: Contract,
                         retention : None, optional: true, method: Verified),
                        (element: "phone", purpose: Some ( "x" ) , stored_in: ["crm",],),
                     ]),
                ],
            )
            // and one after"#;
        let plain: Document = read(text).expect("plain RON");
        assert_eq!(
            Ok(plain.clone()),
            ron_reads(text).map_err(|e| e.to_string())
        );
        assert_eq!(plain.meta.title, "Esc\"aped \\ \n\t\r\0 'q' ünïcödé");
        assert_eq!(plain.steps[0].emotion, -3);
        assert!(plain.steps[0].collects[0].optional);
    }

    #[test]
    fn leaves_to_ron_what_it_does_not_read() {
        for text in [
            r#"(meta: (title: "\u{41}"))"#,
            r#"(meta: (title: r"raw"))"#,
            r#"(meta: /* block */ (title: "x"))"#,
            r#"Document(meta: (title: "x"))"#,
            r#"#![enable(unwrap_newtypes)] (meta: (title: "x"))"#,
            r#"(meta: (title: "x"), steps: [(id: "a", title: "A", channel: "c", stage: "s", emotion: 0x1)])"#,
            r#"(meta: (title: "x"), steps: [(id: "a", title: "A", channel: "c", stage: "s", emotion: 1_0)])"#,
            r#"(meta: (title: "x"), steps: [(id: "a", title: "A", channel: "c", stage: "s", emotion: +1)])"#,
            r#"(meta: (title: Some ("x",)))"#,
            "(meta: (title:\u{a0}\"x\"))",
        ] {
            assert!(read::<Document>(text).is_err(), "{text}");
        }
    }

    #[test]
    fn every_mistake_is_left_to_ron() {
        for text in [
            "",
            "(",
            r#"(meta: (title: "x")) trailing"#,
            r#"(meta: (title: "x"), meta: (title: "y"))"#,
            r#"(meta: (titel: "x"))"#,
            r#"(meta: (title: "x"), steps: [(id: "a", title: "A", channel: "c", stage: "s", emotion: 300)])"#,
            r#"(meta: (title: "x"), steps: [(id: "a", title: "A", channel: "c", stage: "s", emotion: 1, collects: [(element: "e", basis: Contrakt)])])"#,
            r#"(meta: (title: "unclosed))"#,
        ] {
            assert!(read::<Document>(text).is_err(), "{text}");
            assert!(ron_reads(text).is_err(), "{text}");
        }
    }

    /// Printable ASCII (quotes and backslashes included), any printable text, or anything.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof!["[ -~]{0,24}", "\\PC{0,24}", any::<String>()]
    }

    fn collection() -> impl Strategy<Value = Collection> {
        (
            "[a-z]{1,8}",
            proptest::option::of(text()),
            proptest::option::of(prop::sample::select(vec![
                LawfulBasis::Consent,
                LawfulBasis::Contract,
                LawfulBasis::LegalObligation,
            ])),
            any::<bool>(),
            prop::collection::vec(text(), 0..3),
            prop::sample::select(vec![Method::Asked, Method::Verified, Method::Observed]),
        )
            .prop_map(|(element, purpose, basis, optional, stored_in, method)| {
                Collection {
                    element,
                    purpose,
                    basis,
                    optional,
                    stored_in,
                    method,
                    ..Collection::default()
                }
            })
    }

    fn document() -> impl Strategy<Value = Document> {
        (
            text(),
            prop::collection::vec(
                (
                    text(),
                    text(),
                    any::<i8>(),
                    prop::collection::vec(collection(), 0..4),
                ),
                0..4,
            ),
        )
            .prop_map(|(title, steps)| {
                let mut doc = Document::default();
                doc.meta.title = title;
                doc.steps = steps
                    .into_iter()
                    .map(|(id, title, emotion, collects)| Step {
                        id,
                        title,
                        emotion,
                        collects,
                        ..Step::default()
                    })
                    .collect();
                doc
            })
    }

    /// Snippets that sit at the edge of what this reader reads.
    const EDGES: &[&str] = &[
        "\"", "\\", "\\u{41}", "\\x41", "/*", "*/", "//", "r#\"", "Some(", "Some", "None", ")",
        "(", "]", "[", ",", ":", "#", "-", "0", "01", "1.5", "true", "\u{a0}", "\u{feff}", "é",
        "_", "r#type", "\n",
    ];

    proptest! {
        /// Whatever touchpoint writes, this reader reads, and reads as ron does.
        #[test]
        fn reads_what_touchpoint_writes(doc in document()) {
            let text = to_ron(&doc).expect("serialises");
            let ron = ron_reads(&text).expect("ron reads what it wrote");
            match read::<Document>(&text) {
                Ok(plain) => prop_assert_eq!(&plain, &ron),
                // Strings ron writes with `\u{…}` or `\x` escapes are ron's to read.
                Err(GaveUp) => {
                    let escaped = text.contains("\\u{") || text.contains("\\x");
                    prop_assert!(escaped, "gave up on plain text: {}", text);
                }
            }
            prop_assert_eq!(ron, doc);
        }

        /// Wherever an example map is cut or has something put in, this reader either gives
        /// up or reads exactly what ron reads; it never accepts what ron refuses.
        #[test]
        fn never_disagrees_with_ron(
            map in 0..MAPS.len(),
            at in any::<prop::sample::Index>(),
            cut in 0usize..12,
            edge in prop::sample::select(EDGES),
        ) {
            let text = MAPS[map];
            let mut at = at.index(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let changed = format!("{}{edge}{}", &text[..at], &text[end..]);
            if let Ok(plain) = read::<Document>(&changed) {
                let ron = ron_reads(&changed);
                prop_assert!(ron.is_ok(), "ron refuses what this reader read: {ron:?}");
                prop_assert_eq!(Ok(plain), ron.map_err(|e| e.to_string()));
            }
        }
    }
}
