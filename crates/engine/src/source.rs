//! Where every value of a map file stands: a light outline of the RON text, keyed by path.
//!
//! serde hands over values without positions, so after a successful parse the text is scanned
//! once more to record where each field and list item starts. Findings and semantic errors use
//! it to point at `file:line:col`.

use std::collections::HashMap;

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

/// Builds a path of [`Key`]s: `path!["steps", 3, "collects", 0, "element"]`.
#[macro_export]
macro_rules! path {
    ($($k:expr),* $(,)?) => { &[$($crate::source::Key::from($k)),*] };
}

const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
enum NodeKey {
    /// A field name, as a byte range of the text.
    Field {
        start: u32,
        len: u32,
    },
    Index(u32),
    Root,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    pos: Pos,
    key: NodeKey,
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
}

/// The outline of one map file: positions by path, and the text for snippets.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    text: String,
    nodes: Vec<Node>,
    /// List items by (list node, index), so a lookup in a 100,000-step list stays O(1).
    items: HashMap<(u32, u32), u32>,
    /// Byte offset where each line starts, so printing a snippet does not rescan the text.
    line_starts: Vec<usize>,
}

impl SourceMap {
    /// Outlines `text`. Never fails: text that is not valid RON just yields fewer positions.
    pub fn new(text: String) -> SourceMap {
        let (nodes, items) = Outliner::new(text.as_bytes()).run();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceMap {
            text,
            nodes,
            items,
            line_starts,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The position of the value at `path`, if the text has it.
    pub fn find(&self, path: &[Key<'_>]) -> Option<Pos> {
        let mut node = 0u32;
        if self.nodes.is_empty() {
            return None;
        }
        for key in path {
            node = match *key {
                Key::Index(i) => *self.items.get(&(node, u32::try_from(i).ok()?))?,
                Key::Field(name) => self.field(node, name)?,
            };
        }
        Some(self.nodes[node as usize].pos)
    }

    /// The position of the deepest value along `path` that the text has: a missing optional
    /// field then points at the struct that lacks it.
    pub fn nearest(&self, path: &[Key<'_>]) -> Pos {
        (0..=path.len())
            .rev()
            .find_map(|n| self.find(&path[..n]))
            .unwrap_or(Pos {
                line: 1,
                col: 1,
                len: 1,
            })
    }

    fn field(&self, parent: u32, name: &str) -> Option<u32> {
        let mut child = self.nodes[parent as usize].first_child;
        while child != NONE {
            let node = &self.nodes[child as usize];
            if let NodeKey::Field { start, len } = node.key {
                let s = start as usize;
                if self.text.get(s..s + len as usize) == Some(name) {
                    return Some(child);
                }
            }
            child = node.next_sibling;
        }
        None
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line(&self, line: u32) -> Option<&str> {
        let start = *self.line_starts.get(line.checked_sub(1)? as usize)?;
        let rest = self.text.get(start..)?;
        let l = rest.split('\n').next().unwrap_or(rest);
        Some(l.strip_suffix('\r').unwrap_or(l))
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
    /// Brackets count items; parentheses and braces name them with fields.
    pending_field: Option<(u32, u32)>,
    index: u32,
}

struct Outliner<'t> {
    src: &'t [u8],
    at: usize,
    line: u32,
    col: u32,
    peeked: Option<(Tok, Pos)>,
    nodes: Vec<Node>,
    items: HashMap<(u32, u32), u32>,
}

impl<'t> Outliner<'t> {
    fn new(src: &'t [u8]) -> Self {
        Outliner {
            src,
            at: 0,
            line: 1,
            col: 1,
            peeked: None,
            nodes: Vec::new(),
            items: HashMap::new(),
        }
    }

    fn run(mut self) -> (Vec<Node>, HashMap<(u32, u32), u32>) {
        let mut frames: Vec<Frame> = Vec::new();
        let mut root_done = false;
        loop {
            let (tok, pos) = self.next();
            match tok {
                Tok::End => break,
                Tok::Hash => self.skip_attribute(),
                Tok::Ident { start, len } => {
                    if !frames.is_empty() && self.peek().0 == Tok::Colon {
                        self.next();
                        if let Some(top) = frames.last_mut() {
                            top.pending_field = Some((start, len));
                        }
                        continue;
                    }
                    let node = self.value(&mut frames, &mut root_done, pos);
                    // A struct name or enum variant with a body: the body belongs to this value.
                    if let (Tok::Open(_), _) = self.peek() {
                        self.next();
                        frames.push(Frame {
                            node,
                            pending_field: None,
                            index: 0,
                        });
                    }
                }
                Tok::Literal => {
                    self.value(&mut frames, &mut root_done, pos);
                }
                Tok::Open(_) => {
                    let node = self.value(&mut frames, &mut root_done, pos);
                    frames.push(Frame {
                        node,
                        pending_field: None,
                        index: 0,
                    });
                }
                Tok::Close => {
                    frames.pop();
                }
                Tok::Comma => {
                    if let Some(top) = frames.last_mut() {
                        top.pending_field = None;
                        top.index += 1;
                    }
                }
                Tok::Colon | Tok::Other => {}
            }
        }
        (self.nodes, self.items)
    }

    /// Records the start of a value in the innermost open container.
    fn value(&mut self, frames: &mut [Frame], root_done: &mut bool, pos: Pos) -> u32 {
        let Some(top) = frames.last_mut() else {
            if *root_done {
                return 0;
            }
            *root_done = true;
            self.nodes.push(Node {
                pos,
                key: NodeKey::Root,
                first_child: NONE,
                last_child: NONE,
                next_sibling: NONE,
            });
            return 0;
        };
        let key = match top.pending_field.take() {
            Some((start, len)) => NodeKey::Field { start, len },
            None => NodeKey::Index(top.index),
        };
        let parent = top.node;
        let id = self.nodes.len() as u32;
        self.nodes.push(Node {
            pos,
            key,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        });
        let p = &mut self.nodes[parent as usize];
        if p.first_child == NONE {
            p.first_child = id;
        } else {
            let last = p.last_child as usize;
            self.nodes[last].next_sibling = id;
        }
        self.nodes[parent as usize].last_child = id;
        if let NodeKey::Index(i) = key {
            self.items.insert((parent, i), id);
        }
        id
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

    fn peek(&mut self) -> (Tok, Pos) {
        if let Some(p) = self.peeked {
            return p;
        }
        let p = self.lex();
        self.peeked = Some(p);
        p
    }

    fn next(&mut self) -> (Tok, Pos) {
        match self.peeked.take() {
            Some(p) => p,
            None => self.lex(),
        }
    }

    fn byte(&self, offset: usize) -> u8 {
        self.src.get(self.at + offset).copied().unwrap_or(0)
    }

    fn bump(&mut self) {
        if let Some(&b) = self.src.get(self.at) {
            self.at += 1;
            if b == b'\n' {
                self.line += 1;
                self.col = 1;
            } else if b & 0xC0 != 0x80 {
                self.col += 1;
            }
        }
    }

    fn lex(&mut self) -> (Tok, Pos) {
        self.skip_trivia();
        let start = Pos {
            line: self.line,
            col: self.col,
            len: 1,
        };
        let start_at = self.at;
        let start_col = self.col;
        let Some(&b) = self.src.get(self.at) else {
            return (Tok::End, start);
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
                while self.byte(0).is_ascii_alphanumeric() || self.byte(0) == b'_' {
                    self.bump();
                }
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
            let first_line_end = self.src[start_at..]
                .iter()
                .position(|&c| c == b'\n')
                .unwrap_or(0);
            String::from_utf8_lossy(&self.src[start_at..start_at + first_line_end])
                .chars()
                .count() as u32
        };
        (
            tok,
            Pos {
                len: len.max(1),
                ..start
            },
        )
    }

    fn skip_trivia(&mut self) {
        loop {
            match (self.byte(0), self.byte(1)) {
                (b' ' | b'\t' | b'\r' | b'\n', _) => self.bump(),
                (b'/', b'/') => {
                    while self.at < self.src.len() && self.byte(0) != b'\n' {
                        self.bump();
                    }
                }
                (b'/', b'*') => {
                    let mut depth = 0;
                    while self.at < self.src.len() {
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
        while self.at < self.src.len() {
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

    fn raw_string_ahead(&self) -> bool {
        let rest = &self.src[self.at + 1..];
        let hashes = rest.iter().take_while(|&&c| c == b'#').count();
        rest.get(hashes) == Some(&b'"')
    }

    fn raw_string(&mut self) {
        let mut hashes = 0;
        while self.byte(0) == b'#' {
            hashes += 1;
            self.bump();
        }
        self.bump(); // opening quote
        while self.at < self.src.len() {
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
            let prev = self.src.get(self.at.wrapping_sub(1)).copied().unwrap_or(0);
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
