//! Where every value of a map file stands: a light outline of the RON text, keyed by path.
//!
//! serde hands over values without positions, so after a successful parse the text is scanned
//! once more to record where each field and list item starts. Findings and semantic errors use
//! it to point at `file:line:col`.

pub(crate) mod window;

use std::sync::OnceLock;

use foldhash::{HashMap, HashMapExt};

pub(crate) use window::{Bytes, Window};

/// A position in the text: 1-based line and column (in characters) and a length to underline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
    pub len: u32,
}

/// One step of a path into the document: a field name or a list index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key<'k> {
    Field(&'k str),
    Index(usize),
}

impl From<&'static str> for Key<'static> {
    fn from(s: &'static str) -> Self {
        Key::Field(s)
    }
}

impl From<usize> for Key<'_> {
    fn from(i: usize) -> Self {
        Key::Index(i)
    }
}

/// Anything that can say where a value of a map stands: the outline of a loaded file, or
/// the editor of a map being changed.
pub trait Locate: Sync {
    /// The position of the deepest value along `path` that the text has.
    fn nearest(&self, path: &[Key<'_>]) -> Pos;

    /// As [`Locate::nearest`], for one of many paths looked up in a row: `trail` keeps what
    /// the walks before found, for a source that can resume from there.
    fn nearest_along(&self, trail: &mut Trail, path: &[Key<'static>]) -> Pos {
        let _ = trail;
        self.nearest(path)
    }
}

/// How deep a [`Trail`] remembers a walk: `steps[3].collects[0]` of `steps[3].collects[0].element`.
const TRAIL: usize = 4;

/// Where the last walk down an outline went, for the next to resume from. Findings come a
/// step and a collection at a time, so most walks share all but their last key with the
/// walk before; half a million findings each walked from the root took a quarter of a
/// rules thread.
#[derive(Debug, Default)]
pub struct Trail {
    /// Each key walked, but the last, with the node it reached.
    walked: Vec<(Key<'static>, u32)>,
    /// Field names looked up, with their number in the outline (names are nearly always
    /// the same few literals: compared by address before they are hashed).
    fields: Vec<(&'static str, Option<u16>)>,
}

impl Trail {
    fn field_key(&mut self, map: &SourceMap, name: &'static str) -> Option<u16> {
        let same = |&&(n, _): &&(&'static str, Option<u16>)| {
            std::ptr::eq(n.as_ptr(), name.as_ptr()) && n.len() == name.len()
        };
        if let Some(&(_, key)) = self.fields.iter().find(same) {
            return key;
        }
        let key = map.field_key(name);
        if self.fields.len() < 16 {
            self.fields.push((name, key));
        }
        key
    }
}

/// Builds a path of [`Key`]s: `path!["steps", 3, "collects", 0, "element"]`.
#[macro_export]
macro_rules! path {
    ($($k:expr),* $(,)?) => { &[$($crate::source::Key::from($k)),*] };
}

const NONE: u32 = u32::MAX;

/// Where a value of a text without an outline stands: its first character.
const NOWHERE: Pos = Pos {
    line: 1,
    col: 1,
    len: 1,
};

/// The key of a list item or the root: no field holds it.
const NO_KEY: u16 = u16::MAX;

/// The key of a value held by a field past the 65,534th distinct name (no map has so many):
/// it is never found by name.
const UNNAMED: u16 = u16::MAX - 1;

/// One value of the text, in pre-order: its children follow it, up to `end`. Sixteen bytes:
/// a 100,000-step map has nearly six million values.
#[derive(Debug, Clone, Copy)]
struct Node {
    line: u32,
    col: u32,
    /// One past the last node of this value's subtree: its next sibling, if it has one.
    end: u32,
    /// The field name that holds this value (an index into the outline's names), or
    /// `NO_KEY` for a list item or the root.
    key: u16,
    /// How many characters to underline, at most 65,535.
    len: u16,
}

impl Node {
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
            len: u32::from(self.len),
        }
    }
}

/// Lists with more items than this get an index of their items, so that `steps[99999]` is
/// found at once (a walk along 100,000 siblings per finding would be quadratic).
const INDEXED_LIST: usize = 32;

/// The outline of one map file: positions by path, and the text for snippets.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    text: String,
    /// The size of the text in bytes, kept when the text is let go.
    size: usize,
    nodes: Vec<Node>,
    /// The field names the text uses, each once, by their number: a finding's place is
    /// looked up by name, and a scan of the names for each key was most of a lookup.
    names: HashMap<String, u32>,
    /// The items of each long list, by the list's node.
    lists: HashMap<u32, Vec<u32>>,
    /// Byte offset where each line starts, so printing a snippet does not rescan the text;
    /// found when first asked for, as most runs print no source line.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceMap {
    /// Outlines `text`. Never fails: text that is not valid RON just yields fewer positions.
    pub fn new(text: String) -> SourceMap {
        let outline = Outline::of(&text);
        SourceMap::from_outline(text, outline)
    }

    /// A source map from `text` and its outline, made separately (e.g. on another thread,
    /// while the text is parsed).
    pub fn from_outline(text: String, outline: Outline) -> SourceMap {
        let size = text.len();
        SourceMap {
            text,
            ..SourceMap::without_text(size, outline)
        }
    }

    /// A source map from the outline of a text of `size` bytes that is not held (see
    /// [`SourceMap::release_text`]).
    pub fn without_text(size: usize, outline: Outline) -> SourceMap {
        SourceMap {
            size,
            text: String::new(),
            nodes: outline.nodes,
            names: outline
                .names
                .into_iter()
                .enumerate()
                .map(|(i, name)| (name, i as u32))
                .collect(),
            lists: outline.lists,
            line_starts: OnceLock::new(),
        }
    }

    /// Lets the text go, keeping the positions: for a caller that prints no source lines (JSON
    /// output), the text is the largest thing held. [`SourceMap::line`] then finds nothing.
    pub fn release_text(&mut self) {
        self.text = String::new();
        self.line_starts = OnceLock::new();
    }

    /// The size in bytes of the text this map was made from, even once the text is let go.
    pub fn size(&self) -> usize {
        self.size
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The position of the value at `path`, if the text has it.
    pub fn find(&self, path: &[Key<'_>]) -> Option<Pos> {
        match self.walk(path)? {
            (node, true) => Some(self.nodes[node as usize].pos()),
            (_, false) => None,
        }
    }

    /// One walk down `path` from the root, stopping at the first key the text lacks: the
    /// deepest value reached, and whether it is the whole path's (`None`: no outline).
    fn walk(&self, path: &[Key<'_>]) -> Option<(u32, bool)> {
        self.nodes.first()?;
        let mut at = 0u32;
        for key in path {
            let next = match *key {
                Key::Index(i) => self.item(at, i),
                Key::Field(name) => self.field(at, name),
            };
            match next {
                Some(n) => at = n,
                None => return Some((at, false)),
            }
        }
        Some((at, true))
    }

    /// The children of `parent`, in order.
    fn children(&self, parent: u32) -> impl Iterator<Item = u32> + '_ {
        let end = self.nodes[parent as usize].end;
        let mut next = parent + 1;
        std::iter::from_fn(move || {
            if next >= end || next as usize >= self.nodes.len() {
                return None;
            }
            let this = next;
            next = self.nodes[this as usize].end.max(this + 1);
            Some(this)
        })
    }

    /// Item `i` of the list at `parent`.
    fn item(&self, parent: u32, i: usize) -> Option<u32> {
        match self.lists.get(&parent) {
            Some(items) => items.get(i).copied(),
            None => self
                .children(parent)
                .filter(|&c| self.nodes[c as usize].key == NO_KEY)
                .nth(i),
        }
    }

    /// The position of the deepest value along `path` that the text has: a missing optional
    /// field then points at the struct that lacks it.
    pub fn nearest(&self, path: &[Key<'_>]) -> Pos {
        match self.walk(path) {
            Some((node, _)) => self.nodes[node as usize].pos(),
            None => NOWHERE,
        }
    }

    fn field(&self, parent: u32, name: &str) -> Option<u32> {
        self.field_of(parent, self.field_key(name)?)
    }

    /// The number of the field name `name`, if the text has it.
    fn field_key(&self, name: &str) -> Option<u16> {
        u16::try_from(*self.names.get(name)?)
            .ok()
            .filter(|&k| k < UNNAMED)
    }

    /// The value of `parent`'s field numbered `key`.
    fn field_of(&self, parent: u32, key: u16) -> Option<u32> {
        self.children(parent)
            .find(|&c| self.nodes[c as usize].key == key)
    }

    /// As [`SourceMap::walk`], resuming where `trail` shares the path's start.
    fn walk_along(&self, trail: &mut Trail, path: &[Key<'static>]) -> Option<(u32, bool)> {
        self.nodes.first()?;
        let shared = trail
            .walked
            .iter()
            .zip(&path[..path.len().saturating_sub(1)])
            .take_while(|((walked, _), key)| walked == *key)
            .count();
        trail.walked.truncate(shared);
        let mut at = trail.walked.last().map_or(0, |&(_, node)| node);
        for (depth, key) in path.iter().enumerate().skip(shared) {
            let next = match *key {
                Key::Index(i) => self.item(at, i),
                Key::Field(name) => trail
                    .field_key(self, name)
                    .and_then(|k| self.field_of(at, k)),
            };
            let Some(next) = next else {
                return Some((at, false));
            };
            at = next;
            if depth + 1 < path.len() && trail.walked.len() < TRAIL {
                trail.walked.push((*key, at));
            }
        }
        Some((at, true))
    }

    /// The text of 1-based line `line`, without its line break (`None` once the text is
    /// released).
    pub fn line(&self, line: u32) -> Option<&str> {
        if self.text.is_empty() {
            return None;
        }
        let starts = self
            .line_starts
            .get_or_init(|| std::iter::once(0).chain(memchr_lines(&self.text)).collect());
        let start = *starts.get(line.checked_sub(1)? as usize)?;
        let rest = self.text.get(start..)?;
        let l = rest.split('\n').next().unwrap_or(rest);
        Some(l.strip_suffix('\r').unwrap_or(l))
    }
}

impl Locate for SourceMap {
    fn nearest(&self, path: &[Key<'_>]) -> Pos {
        SourceMap::nearest(self, path)
    }

    fn nearest_along(&self, trail: &mut Trail, path: &[Key<'static>]) -> Pos {
        match self.walk_along(trail, path) {
            Some((node, _)) => self.nodes[node as usize].pos(),
            None => NOWHERE,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Ident { start: u32, len: u32 },
    Literal,
    Open(u8),
    Close,
    Colon,
    Comma,
    Hash,
    Other,
    End,
}

struct Frame {
    node: u32,
    /// Brackets count items; parentheses and braces name them with fields: the byte offset
    /// of the pending field's name.
    pending_field: Option<u32>,
}

/// The outline of a text on its own, before it joins the text in a [`SourceMap`].
#[derive(Debug, Clone, Default)]
pub struct Outline {
    nodes: Vec<Node>,
    names: Vec<String>,
    lists: HashMap<u32, Vec<u32>>,
}

impl Outline {
    /// Outlines `text` (see [`SourceMap::new`]).
    pub fn of(text: &str) -> Outline {
        Outline::read(text.as_bytes(), text.len())
    }

    /// Outlines the text `src` gives, of about `size` bytes.
    pub(crate) fn read(src: impl Bytes, size: usize) -> Outline {
        let mut sink = Compact {
            // About one value per 36 bytes of a typical map.
            nodes: Vec::with_capacity(size / 32),
            name_ids: HashMap::new(),
            names: Vec::new(),
        };
        Outliner::new(src, &mut sink).run();
        let Compact {
            mut nodes, names, ..
        } = sink;
        // Close what the text left open, so every subtree has an end.
        let count = nodes.len() as u32;
        for n in &mut nodes {
            if n.end == NONE {
                n.end = count;
            }
        }
        nodes.shrink_to_fit();
        let mut outline = Outline {
            nodes,
            names,
            lists: HashMap::new(),
        };
        outline.index_long_lists();
        outline
    }

    fn index_long_lists(&mut self) {
        let nodes = &self.nodes;
        for (i, n) in nodes.iter().enumerate() {
            // A container is a node whose subtree holds more than itself; a long list has
            // many unnamed children.
            if (n.end as usize) < i + INDEXED_LIST {
                continue;
            }
            let mut items = Vec::new();
            let mut c = i + 1;
            while c < n.end as usize && c < nodes.len() {
                if nodes[c].key == NO_KEY {
                    items.push(c as u32);
                }
                c = (nodes[c].end as usize).max(c + 1);
            }
            if items.len() > INDEXED_LIST {
                self.lists.insert(i as u32, items);
            }
        }
    }
}

/// Where each line after the first starts.
fn memchr_lines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// What the lexer tells as it walks the text: where each value starts (and the field that
/// holds it) and where it ends. The compact outline of a [`SourceMap`] is one listener; the
/// editing tree, which also needs byte ranges, is another.
pub(crate) trait Sink {
    /// A field named `name` starts at byte `at`; what this returns is given back as the
    /// `field` of the value it holds.
    fn field(&mut self, at: u32, name: &[u8]) -> u32;
    /// A value starts at `pos` (byte `at`), held by the field [`Sink::field`] named, or by a
    /// list or the root when `None`. Returns the value's id.
    fn open(&mut self, field: Option<u32>, pos: Pos, at: u32) -> u32;
    /// Value `id` ends before byte `at` (only the first call counts).
    fn close(&mut self, id: u32, at: u32);
}

/// The compact outline's listener: positions and field names, no byte ranges.
struct Compact {
    nodes: Vec<Node>,
    /// Field names seen, by their text, as indices into `names`.
    name_ids: HashMap<Box<[u8]>, u32>,
    names: Vec<String>,
}

impl Sink for Compact {
    /// The field's name, by its number.
    fn field(&mut self, _at: u32, name: &[u8]) -> u32 {
        if let Some(&id) = self.name_ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(String::from_utf8_lossy(name).into_owned());
        self.name_ids.insert(name.into(), id);
        id
    }

    fn open(&mut self, field: Option<u32>, pos: Pos, _at: u32) -> u32 {
        let key = field.map_or(NO_KEY, |f| {
            u16::try_from(f).map_or(UNNAMED, |k| k.min(UNNAMED))
        });
        let id = self.nodes.len() as u32;
        self.nodes.push(Node {
            line: pos.line,
            col: pos.col,
            end: NONE,
            key,
            len: u16::try_from(pos.len).unwrap_or(u16::MAX),
        });
        id
    }

    fn close(&mut self, id: u32, _at: u32) {
        let count = self.nodes.len() as u32;
        if let Some(n) = self.nodes.get_mut(id as usize)
            && n.end == NONE
        {
            n.end = count;
        }
    }
}

pub(crate) struct Outliner<'s, B> {
    src: B,
    at: usize,
    /// Where the token before the current one starts: bytes before it are released (a field
    /// name is read once the colon after it is seen).
    prev: usize,
    line: u32,
    col: u32,
    peeked: Option<(Tok, Pos, u32)>,
    sink: &'s mut dyn Sink,
}

impl<'s, B: Bytes> Outliner<'s, B> {
    pub(crate) fn new(src: B, sink: &'s mut dyn Sink) -> Self {
        Outliner {
            src,
            at: 0,
            prev: 0,
            line: 1,
            col: 1,
            peeked: None,
            sink,
        }
    }

    /// Walks the whole text, telling the sink every value.
    pub(crate) fn run(mut self) {
        let mut frames: Vec<Frame> = Vec::new();
        let mut root: Option<u32> = None;
        loop {
            let (tok, pos, at) = self.next();
            match tok {
                Tok::End => break,
                Tok::Hash => self.skip_attribute(),
                Tok::Ident { start, len } => {
                    // Where the identifier ends, before looking past it.
                    let end = self.at as u32;
                    if !frames.is_empty() && self.peek().0 == Tok::Colon {
                        self.next();
                        let (from, to) = (start as usize, (start + len) as usize);
                        let field = self.sink.field(start, self.src.range(from, to));
                        if let Some(top) = frames.last_mut() {
                            top.pending_field = Some(field);
                        }
                        continue;
                    }
                    let node = self.value(&mut frames, &mut root, pos, at);
                    // A struct name or enum variant with a body: the body belongs to this value.
                    if let (Tok::Open(_), _, _) = self.peek() {
                        self.next();
                        frames.push(Frame {
                            node,
                            pending_field: None,
                        });
                    } else {
                        self.sink.close(node, end);
                    }
                }
                Tok::Literal => {
                    let node = self.value(&mut frames, &mut root, pos, at);
                    self.sink.close(node, self.at as u32);
                }
                Tok::Open(_) => {
                    let node = self.value(&mut frames, &mut root, pos, at);
                    frames.push(Frame {
                        node,
                        pending_field: None,
                    });
                }
                Tok::Close => {
                    if let Some(frame) = frames.pop() {
                        self.sink.close(frame.node, self.at as u32);
                    }
                }
                Tok::Comma => {
                    if let Some(top) = frames.last_mut() {
                        top.pending_field = None;
                    }
                }
                Tok::Colon | Tok::Other => {}
            }
        }
        // Close what the text left open, innermost first.
        // The end token stands at the end of the text.
        let end = self.at as u32;
        for frame in frames.iter().rev() {
            self.sink.close(frame.node, end);
        }
        if let Some(root) = root {
            self.sink.close(root, end);
        }
    }

    /// Records the start of a value in the innermost open container; stray values after the
    /// root (not RON) count as the root again.
    fn value(&mut self, frames: &mut [Frame], root: &mut Option<u32>, pos: Pos, at: u32) -> u32 {
        let Some(top) = frames.last_mut() else {
            return *root.get_or_insert_with(|| self.sink.open(None, pos, at));
        };
        let field = top.pending_field.take();
        self.sink.open(field, pos, at)
    }

    fn skip_attribute(&mut self) {
        let mut depth = 0i32;
        loop {
            match self.next().0 {
                Tok::End => return,
                Tok::Open(_) => depth += 1,
                Tok::Close => {
                    depth -= 1;
                    if depth <= 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    fn peek(&mut self) -> (Tok, Pos, u32) {
        if let Some(p) = self.peeked {
            return p;
        }
        let p = self.lex();
        self.peeked = Some(p);
        p
    }

    fn next(&mut self) -> (Tok, Pos, u32) {
        match self.peeked.take() {
            Some(p) => p,
            None => self.lex(),
        }
    }

    fn byte(&mut self, offset: usize) -> u8 {
        self.src.byte(self.at + offset).unwrap_or(0)
    }

    /// Bumps over the bytes `keep` accepts, scanning the bytes at hand a slice at a time.
    #[inline]
    fn bump_while(&mut self, keep: impl Fn(u8) -> bool) {
        loop {
            let rest = self.src.ahead(self.at);
            let (mut n, mut line, mut col) = (0, self.line, self.col);
            for &b in rest {
                if !keep(b) {
                    break;
                }
                n += 1;
                if b == b'\n' {
                    line += 1;
                    col = 1;
                } else if b & 0xC0 != 0x80 {
                    col += 1;
                }
            }
            let all = n == rest.len();
            (self.at, self.line, self.col) = (self.at + n, line, col);
            if !all || n == 0 {
                return;
            }
        }
    }

    fn more(&mut self) -> bool {
        self.src.byte(self.at).is_some()
    }

    fn bump(&mut self) {
        if let Some(b) = self.src.byte(self.at) {
            self.at += 1;
            if b == b'\n' {
                self.line += 1;
                self.col = 1;
            } else if b & 0xC0 != 0x80 {
                self.col += 1;
            }
        }
    }

    /// The next token, where it starts, and its byte offset.
    fn lex(&mut self) -> (Tok, Pos, u32) {
        self.skip_trivia();
        let start = Pos {
            line: self.line,
            col: self.col,
            len: 1,
        };
        let start_at = self.at;
        self.src.release(self.prev);
        self.prev = start_at;
        let start_col = self.col;
        let Some(b) = self.src.byte(self.at) else {
            return (Tok::End, start, start_at as u32);
        };
        let tok = match b {
            b'(' | b'[' | b'{' => {
                self.bump();
                Tok::Open(b)
            }
            b')' | b']' | b'}' => {
                self.bump();
                Tok::Close
            }
            b':' => {
                self.bump();
                Tok::Colon
            }
            b',' => {
                self.bump();
                Tok::Comma
            }
            b'#' => {
                self.bump();
                Tok::Hash
            }
            b'"' => {
                self.quoted(b'"');
                Tok::Literal
            }
            b'\'' => {
                self.quoted(b'\'');
                Tok::Literal
            }
            b'r' if self.byte(1) == b'"' || (self.byte(1) == b'#' && self.raw_string_ahead()) => {
                self.bump();
                self.raw_string();
                Tok::Literal
            }
            b'b' if self.byte(1) == b'"' => {
                self.bump();
                self.quoted(b'"');
                Tok::Literal
            }
            b'b' if self.byte(1) == b'\'' => {
                self.bump();
                self.quoted(b'\'');
                Tok::Literal
            }
            b'0'..=b'9' | b'-' | b'+' | b'.' => {
                self.number();
                Tok::Literal
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                if b == b'r' && self.byte(1) == b'#' {
                    self.bump();
                    self.bump();
                }
                let ident_start = self.at;
                self.bump_while(|b| b.is_ascii_alphanumeric() || b == b'_');
                Tok::Ident {
                    start: ident_start as u32,
                    len: (self.at - ident_start) as u32,
                }
            }
            _ => {
                self.bump();
                Tok::Other
            }
        };
        let len = if self.line == start.line {
            self.col - start_col
        } else {
            // A value over several lines: underline to the end of its first line.
            let mut first_line_end = start_at;
            while self.src.byte(first_line_end).is_some_and(|c| c != b'\n') {
                first_line_end += 1;
            }
            String::from_utf8_lossy(self.src.range(start_at, first_line_end))
                .chars()
                .count() as u32
        };
        (
            tok,
            Pos {
                len: len.max(1),
                ..start
            },
            start_at as u32,
        )
    }

    fn skip_trivia(&mut self) {
        loop {
            match (self.byte(0), self.byte(1)) {
                (b' ' | b'\t' | b'\r' | b'\n', _) => {
                    self.bump_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
                }
                (b'/', b'/') => self.bump_while(|b| b != b'\n'),
                (b'/', b'*') => {
                    let mut depth = 0;
                    while self.more() {
                        match (self.byte(0), self.byte(1)) {
                            (b'/', b'*') => {
                                depth += 1;
                                self.bump();
                            }
                            (b'*', b'/') => {
                                depth -= 1;
                                self.bump();
                                if depth == 0 {
                                    self.bump();
                                    break;
                                }
                            }
                            _ => {}
                        }
                        self.bump();
                    }
                }
                _ => return,
            }
        }
    }

    /// Skips a quoted literal opened by `quote`, honouring backslash escapes. Character
    /// literals never span lines, so a stray `'` stops at the end of its line.
    fn quoted(&mut self, quote: u8) {
        self.bump();
        while self.more() {
            self.bump_while(|b| b != quote && b != b'\\' && !(quote == b'\'' && b == b'\n'));
            match self.byte(0) {
                b'\\' => {
                    self.bump();
                    self.bump();
                }
                b if b == quote => {
                    self.bump();
                    return;
                }
                b'\n' if quote == b'\'' => return,
                _ => self.bump(),
            }
        }
    }

    fn raw_string_ahead(&mut self) -> bool {
        let mut at = self.at + 1;
        while self.src.byte(at) == Some(b'#') {
            at += 1;
        }
        self.src.byte(at) == Some(b'"')
    }

    fn raw_string(&mut self) {
        let mut hashes = 0;
        while self.byte(0) == b'#' {
            hashes += 1;
            self.bump();
        }
        self.bump(); // opening quote
        while self.more() {
            if self.byte(0) == b'"' && (1..=hashes).all(|i| self.byte(i) == b'#') {
                for _ in 0..=hashes {
                    self.bump();
                }
                return;
            }
            self.bump();
        }
    }

    fn number(&mut self) {
        self.bump();
        loop {
            let b = self.byte(0);
            // The number's first byte is bumped already, so the one before is in the token.
            let prev = self.src.byte(self.at - 1).unwrap_or(0);
            let exponent_sign = (b == b'+' || b == b'-') && (prev == b'e' || prev == b'E');
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign {
                self.bump();
            } else {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"#![enable(implicit_some)]
// a comment with "quotes" and (parens)
(
    meta: (title: "A /* not a comment */ map"),
    steps: [
        (id: "a", title: r#"raw "quoted" (x)"#, collects: [
            (element: "email"),
            (element: 'x', purpose: "why\" (escaped)"),
        ]),
        /* block /* nested */ comment */
        Step(id: "b", emotion: -2, actor: Agent),
    ],
)
"##;

    #[test]
    fn finds_fields_and_items() {
        let map = SourceMap::new(TEXT.to_string());
        assert_eq!(
            map.find(path!["meta", "title"]),
            Some(Pos {
                line: 4,
                col: 19,
                len: 27
            })
        );
        assert_eq!(
            map.find(path!["steps", 0, "collects", 1, "purpose"])
                .map(|p| (p.line, p.col)),
            Some((8, 37))
        );
        assert_eq!(
            map.find(path!["steps", 1, "emotion"])
                .map(|p| (p.line, p.col, p.len)),
            Some((11, 32, 2))
        );
        assert_eq!(
            map.find(path!["steps", 1, "actor"])
                .map(|p| (p.line, p.col, p.len)),
            Some((11, 43, 5))
        );
        assert_eq!(map.find(path!["steps", 2]), None);
        assert_eq!(map.nearest(path!["steps", 1, "stage"]).line, 11);
    }

    #[test]
    fn positions_outlive_the_text() {
        let mut map = SourceMap::new(TEXT.to_string());
        let before = map.find(path!["steps", 0, "collects", 1, "purpose"]);
        map.release_text();
        assert_eq!(
            map.find(path!["steps", 0, "collects", 1, "purpose"]),
            before
        );
        assert!(before.is_some());
        assert_eq!(map.line(1), None);
        assert_eq!(map.text(), "");
        assert_eq!(map.size(), TEXT.len(), "the size of the text is kept");
    }

    #[test]
    fn more_names_than_a_node_can_number_are_not_found_by_name() {
        let mut text = String::from("(");
        for i in 0..70_000 {
            text.push_str(&format!("f{i}: 1, "));
        }
        text.push_str(&format!("long: \"{}\")", "x".repeat(70_000)));
        let map = SourceMap::new(text);
        assert_eq!(
            map.find(path!["f5"]).map(|p| p.col),
            Some(41),
            "its value, after `f5: `"
        );
        // Past the names a node can number: not found, never another field's position.
        assert_eq!(map.find(path!["f69999"]), None);
        assert_eq!(map.find(path!["long"]), None);
        let first = map.find(path![]).expect("the root");
        assert_eq!(first.line, 1);
    }

    #[test]
    fn a_long_value_is_underlined_up_to_the_most_a_node_holds() {
        let text = format!("(a: \"{}\")", "x".repeat(70_000));
        let map = SourceMap::new(text);
        assert_eq!(
            map.find(path!["a"]).map(|p| p.len),
            Some(u32::from(u16::MAX))
        );
    }

    #[test]
    fn the_nearest_value_is_the_deepest_the_text_has() {
        let map = SourceMap::new(TEXT.to_string());
        let whole = map.find(path!["steps", 1]).expect("the step");
        // A missing field, a missing item, and a path that goes on past both.
        assert_eq!(map.nearest(path!["steps", 1, "nope"]), whole);
        assert_eq!(map.nearest(path!["steps", 1, "nope", 3, "x"]), whole);
        assert_eq!(
            map.nearest(path!["steps", 7, "id"]),
            map.find(path!["steps"]).expect("steps")
        );
        assert_eq!(map.nearest(path![]), map.find(path![]).expect("the root"));
        let empty = SourceMap::new(String::new());
        assert_eq!(
            empty.nearest(path!["steps", 0]),
            Pos {
                line: 1,
                col: 1,
                len: 1
            }
        );
    }

    proptest::proptest! {
        /// Walked in a row along a trail, any paths (present, missing, past the end) land
        /// where a walk from the root does.
        #[test]
        fn a_trail_lands_where_a_walk_from_the_root_does(
            paths in proptest::collection::vec(
                proptest::collection::vec(0usize..8, 0..6),
                1..40,
            ),
        ) {
            const FIELDS: [&str; 6] = ["steps", "collects", "element", "purpose", "id", "meta"];
            let map = SourceMap::new(TEXT.to_string());
            let mut trail = Trail::default();
            for raw in &paths {
                // Even places are fields, odd ones items, as a map's paths go.
                let path: Vec<Key<'static>> = raw
                    .iter()
                    .enumerate()
                    .map(|(d, &k)| if d % 2 == 0 { Key::Field(FIELDS[k % 6]) } else { Key::Index(k % 3) })
                    .collect();
                proptest::prop_assert_eq!(map.nearest_along(&mut trail, &path), map.nearest(&path), "{:?}", path);
            }
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let map = SourceMap::new("(a: \"é€😀\", b: 1)".to_string());
        assert_eq!(map.find(path!["b"]).map(|p| p.col), Some(15));
    }

    #[test]
    fn lines_are_found_by_number() {
        let map = SourceMap::new("one\r\ntwo\n\nfour".to_string());
        assert_eq!(map.line(1), Some("one"));
        assert_eq!(map.line(2), Some("two"));
        assert_eq!(map.line(3), Some(""));
        assert_eq!(map.line(4), Some("four"));
        assert_eq!(map.line(5), None);
        assert_eq!(map.line(0), None);
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "",
            "(",
            ")))",
            "r#",
            "\"unterminated",
            "/* open",
            "(a: [1, 2",
            "#![",
        ] {
            let map = SourceMap::new(text.to_string());
            let _ = map.find(path!["a", 1]);
            let _ = map.nearest(path!["a"]);
        }
    }
}
