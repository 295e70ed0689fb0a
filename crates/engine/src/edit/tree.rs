//! The text's values with their byte ranges, for editing: where each value starts and ends,
//! where the field name holding it starts, and its place in the nesting. Built by the same
//! lexer as the positional outline, and kept current after each edit by re-reading only the
//! value the edit was in.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::source::{Key, Outliner, Pos, Sink};

/// "No such node" and "not yet known".
const NONE: u32 = u32::MAX;

/// One value of the text, in pre-order: its subtree runs from it to `next`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Node {
    /// The first byte of the value (a bracket, a quote, an identifier, a digit).
    pub(crate) start: u32,
    /// One past its last byte (after the closing bracket of a container).
    pub(crate) end: u32,
    /// The first byte of the field name holding it (`name: value`), or `NONE` for a list
    /// item or the root.
    pub(crate) field: u32,
    /// One past the last node of its subtree.
    pub(crate) next: u32,
}

/// Every value of one text, in pre-order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tree {
    nodes: Vec<Node>,
    /// The items of each long list, built on the first lookup after a change: placing every
    /// finding of a 10,000-step map walks the steps list once, not once per finding.
    long_lists: OnceLock<HashMap<u32, Vec<u32>>>,
}

/// Lists shorter than this are walked; the index would cost more than it saves.
const LONG_LIST: usize = 32;

impl PartialEq for Tree {
    fn eq(&self, other: &Tree) -> bool {
        self.nodes == other.nodes
    }
}

impl Eq for Tree {}

struct Builder {
    nodes: Vec<Node>,
    /// Added to every byte offset: a snippet's place in the whole text.
    base: u32,
}

impl Sink for Builder {
    /// A field is known by where its name starts.
    fn field(&mut self, at: u32, _name: &[u8]) -> u32 {
        at
    }

    fn open(&mut self, field: Option<u32>, _pos: Pos, at: u32) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(Node {
            start: at + self.base,
            end: NONE,
            field: field.map_or(NONE, |f| f + self.base),
            next: NONE,
        });
        id
    }

    fn close(&mut self, id: u32, at: u32) {
        let count = self.nodes.len() as u32;
        if let Some(n) = self.nodes.get_mut(id as usize)
            && n.end == NONE
        {
            n.end = at + self.base;
            n.next = count;
        }
    }
}

fn outline(text: &str, base: u32) -> Vec<Node> {
    let mut builder = Builder {
        nodes: Vec::new(),
        base,
    };
    Outliner::new(text.as_bytes(), &mut builder).run();
    let (count, end) = (builder.nodes.len() as u32, base + text.len() as u32);
    for n in &mut builder.nodes {
        if n.end == NONE {
            n.end = end;
            n.next = count;
        }
    }
    builder.nodes
}

impl Tree {
    pub(crate) fn new(text: &str) -> Tree {
        Tree {
            nodes: outline(text, 0),
            long_lists: OnceLock::new(),
        }
    }

    /// Item `i` of the list at node `list`.
    fn item(&self, list: usize, i: usize) -> Option<usize> {
        let index = self.long_lists.get_or_init(|| self.index_long_lists());
        match index.get(&(list as u32)) {
            Some(items) => items.get(i).map(|&n| n as usize),
            None => self.items(list).nth(i),
        }
    }

    /// The items of every list with at least [`LONG_LIST`] of them, in one pass.
    fn index_long_lists(&self) -> HashMap<u32, Vec<u32>> {
        let mut items: HashMap<u32, Vec<u32>> = HashMap::new();
        // The open ancestors of the node being read, innermost last.
        let mut open: Vec<usize> = Vec::new();
        for (i, n) in self.nodes.iter().enumerate() {
            while open
                .last()
                .is_some_and(|&a| self.nodes[a].next as usize <= i)
            {
                open.pop();
            }
            if let Some(&parent) = open.last()
                && n.field == NONE
            {
                items.entry(parent as u32).or_default().push(i as u32);
            }
            open.push(i);
        }
        items.retain(|_, list| list.len() >= LONG_LIST);
        items
    }

    pub(crate) fn node(&self, i: usize) -> Node {
        self.nodes[i]
    }

    /// The node of the value at `path`.
    pub(crate) fn find(&self, text: &str, path: &[Key<'_>]) -> Option<usize> {
        if self.nodes.is_empty() {
            return None;
        }
        let mut node = 0;
        for key in path {
            node = match *key {
                Key::Index(i) => self.item(node, i)?,
                Key::Field(name) => self.field(text, node, name)?,
            };
        }
        Some(node)
    }

    /// The children of node `i`, in order.
    pub(crate) fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.nodes[i].next as usize;
        let mut next = i + 1;
        std::iter::from_fn(move || {
            if next >= end || next >= self.nodes.len() {
                return None;
            }
            let this = next;
            next = (self.nodes[this].next as usize).max(this + 1);
            Some(this)
        })
    }

    /// The unnamed children of node `i` (a list's items).
    pub(crate) fn items(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(i)
            .filter(move |&c| self.nodes[c].field == NONE)
    }

    /// The named children of node `i` (a struct's fields), with their names.
    pub(crate) fn fields<'t>(
        &'t self,
        text: &'t str,
        i: usize,
    ) -> impl Iterator<Item = (&'t str, usize)> + 't {
        self.children(i).filter_map(move |c| {
            let n = self.nodes[c];
            (n.field != NONE).then(|| (ident_at(text, n.field as usize), c))
        })
    }

    /// The child of node `i` held by field `name`.
    pub(crate) fn field(&self, text: &str, i: usize, name: &str) -> Option<usize> {
        self.fields(text, i)
            .find(|(n, _)| *n == name)
            .map(|(_, c)| c)
    }

    /// The smallest node whose value holds `range`: all of it, and an empty range (a point
    /// to insert at) strictly inside, so that text put at a value's edge belongs to the value
    /// around it (the root when none does).
    pub(crate) fn enclosing(&self, range: &Range<usize>) -> usize {
        let holds = |n: &Node| {
            let (start, end) = (n.start as usize, n.end as usize);
            if range.is_empty() {
                start < range.start && range.start < end
            } else {
                start <= range.start && range.end <= end
            }
        };
        let mut node = 0;
        'down: loop {
            for c in self.children(node) {
                let n = self.nodes[c];
                if holds(&n) {
                    node = c;
                    continue 'down;
                }
            }
            return node;
        }
    }

    /// Brings the tree up to date after the bytes `old` of the text were replaced by
    /// `inserted` bytes, all inside the value of node `container`: that value is read again
    /// from `text` (the new text), the rest shifted.
    pub(crate) fn update(
        &mut self,
        text: &str,
        container: usize,
        old: Range<usize>,
        inserted: usize,
    ) {
        self.long_lists = OnceLock::new();
        let c = self.nodes[container];
        let delta = inserted as i64 - old.len() as i64;
        let shift = |at: u32| (i64::from(at) + delta) as u32;
        let new_end = shift(c.end) as usize;
        let mut fresh = outline(&text[c.start as usize..new_end], c.start);
        // The value keeps the field name that holds it (outside the re-read bytes).
        if let Some(root) = fresh.first_mut() {
            root.field = c.field;
        }
        let old_count = c.next as usize - container;
        let count_delta = fresh.len() as i64 - old_count as i64;
        let shift_index = |i: u32| (i64::from(i) + count_delta) as u32;
        for n in &mut fresh {
            n.next += container as u32;
        }
        for n in &mut self.nodes[..container] {
            if n.next as usize > container {
                // An ancestor: its value and subtree grow with the edit.
                n.end = shift(n.end);
                n.next = shift_index(n.next);
            }
        }
        for n in &mut self.nodes[c.next as usize..] {
            n.start = shift(n.start);
            n.end = shift(n.end);
            if n.field != NONE {
                n.field = shift(n.field);
            }
            n.next = shift_index(n.next);
        }
        self.nodes.splice(container..container + old_count, fresh);
    }
}

/// The identifier starting at byte `at`.
pub(crate) fn ident_at(text: &str, at: usize) -> &str {
    let rest = text.get(at..).unwrap_or_default();
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    &rest[..len]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path;

    const TEXT: &str =
        "(\n    a: 1,\n    b: [\"x\", (c: 2)],\n    // note\n    d: Some((e: \"y\")),\n)\n";

    fn range_of(tree: &Tree, text: &str, path: &[Key<'_>]) -> String {
        let n = tree.node(tree.find(text, path).expect("found"));
        text[n.start as usize..n.end as usize].to_string()
    }

    #[test]
    fn values_have_byte_ranges() {
        let tree = Tree::new(TEXT);
        assert_eq!(range_of(&tree, TEXT, path!["a"]), "1");
        assert_eq!(range_of(&tree, TEXT, path!["b"]), "[\"x\", (c: 2)]");
        assert_eq!(range_of(&tree, TEXT, path!["b", 1, "c"]), "2");
        assert_eq!(range_of(&tree, TEXT, path!["d"]), "Some((e: \"y\"))");
        let b = tree.find(TEXT, path!["b"]).expect("b");
        assert_eq!(&TEXT[tree.node(b).field as usize..][..2], "b:");
        let names: Vec<&str> = tree.fields(TEXT, 0).map(|(n, _)| n).collect();
        assert_eq!(names, ["a", "b", "d"]);
    }

    #[test]
    fn long_lists_are_found_by_index_before_and_after_an_update() {
        let items: Vec<String> = (0..100).map(|i| format!("(n: {i})")).collect();
        let mut text = format!("(\n    l: [{}],\n    x: 1,\n)\n", items.join(", "));
        let mut tree = Tree::new(&text);
        for i in [0, 31, 32, 99] {
            assert_eq!(range_of(&tree, &text, path!["l", i, "n"]), i.to_string());
        }
        assert_eq!(tree.find(&text, path!["l", 100]), None);
        let l = tree.find(&text, path!["l"]).expect("l");
        let at = text.find("(n: 0)").expect("in text");
        text.replace_range(at..at + 6, "(n: 0), (n: -1)");
        tree.update(&text, l, at..at + 6, "(n: 0), (n: -1)".len());
        assert_eq!(range_of(&tree, &text, path!["l", 1, "n"]), "-1");
        assert_eq!(range_of(&tree, &text, path!["l", 100, "n"]), "99");
        assert_eq!(tree, Tree::new(&text));
    }

    #[test]
    fn an_update_matches_a_fresh_read() {
        let mut tree = Tree::new(TEXT);
        let b = tree.find(TEXT, path!["b"]).expect("b");
        let at = TEXT.find("(c: 2)").expect("in text");
        let mut text = TEXT.to_string();
        text.replace_range(at..at + 6, "(c: 22, z: [1])");
        tree.update(&text, b, at..at + 6, "(c: 22, z: [1])".len());
        assert_eq!(tree, Tree::new(&text));
    }
}
