//! The map's text under edit: each edit changes only the bytes of what it is about, in the
//! style of the text around it, so comments, blank lines, field order and formatting of
//! everything else stay as the person wrote them; and each edit can be undone and redone
//! byte for byte.

use std::ops::Range;

use serde::Serialize;

use super::change::{Change, Patch};
use super::render::{self, STEP};
use super::tree::Tree;
use crate::source::{Key, Locate, Pos};

/// Why an edit could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The path names nothing in the text.
    NotFound(String),
    /// The value at the path is not a struct or list to edit inside.
    NotAContainer(String),
    /// The value could not be written as RON.
    Render(String),
    /// The edit would make the map invalid: why.
    Invalid(String),
    /// The edit is refused while something depends on what it would change: what.
    Refused(String),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NotFound(p) => write!(f, "the map has nothing at {p}"),
            EditError::NotAContainer(p) => write!(f, "{p} holds no fields or items"),
            EditError::Render(e) => write!(f, "cannot write the value: {e}"),
            EditError::Invalid(why) | EditError::Refused(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for EditError {}

fn show(path: &[Key<'_>]) -> String {
    let mut out = String::new();
    for key in path {
        match key {
            Key::Field(f) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(f);
            }
            Key::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() {
        "the top".into()
    } else {
        out
    }
}

/// The text, its tree, and the edits made to it.
#[derive(Debug, Clone)]
pub struct Editor {
    text: String,
    tree: Tree,
    /// Where each line starts, kept up to date edit by edit.
    lines: Vec<usize>,
    undone: Vec<Change>,
    done: Vec<Change>,
    /// How many edits were done when the text was last saved; `None` when that state can no
    /// longer be reached by undo and redo.
    saved: Option<usize>,
}

/// Where a container's children go.
struct Layout {
    /// Just after the opening bracket.
    open: usize,
    /// The closing bracket.
    close: usize,
    /// The children sit on lines of their own.
    multiline: bool,
    /// The children's indentation.
    indent: String,
}

impl Editor {
    /// An editor over `text` as loaded (nothing to save yet).
    pub fn new(text: String) -> Editor {
        let tree = Tree::new(&text);
        let lines = line_starts(&text, 0).collect();
        Editor {
            text,
            tree,
            lines,
            undone: Vec::new(),
            done: Vec::new(),
            saved: Some(0),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the text differs from what was last saved (or loaded).
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.done.len())
    }

    /// Says the current text is what the file now holds.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.done.len());
    }

    /// The edits done, oldest first (what a journal replays).
    pub fn done(&self) -> &[Change] {
        &self.done
    }

    /// The edits undone, the last one undone last (what redo makes again).
    pub fn undone(&self) -> &[Change] {
        &self.undone
    }

    /// The edits made since the text was last saved, oldest first; none when the saved
    /// text is ahead in the history (reached by redo), which a journal then cannot replay.
    pub fn unsaved(&self) -> &[Change] {
        match self.saved {
            Some(s) if s <= self.done.len() => &self.done[s..],
            _ => &[],
        }
    }

    /// The byte range of the value at `path`.
    pub fn range(&self, path: &[Key<'_>]) -> Option<Range<usize>> {
        let n = self.tree.node(self.tree.find(&self.text, path)?);
        Some(n.start as usize..n.end as usize)
    }

    /// The text of the value at `path`.
    pub fn value(&self, path: &[Key<'_>]) -> Option<&str> {
        self.range(path).map(|r| &self.text[r])
    }

    /// Where the value at `path` stands: 1-based line and column (in characters), and the
    /// characters to underline on its first line.
    pub fn position(&self, path: &[Key<'_>]) -> Option<Pos> {
        let n = self.tree.node(self.tree.find(&self.text, path)?);
        let (start, end) = (n.start as usize, n.end as usize);
        let line = self.lines.partition_point(|&s| s <= start);
        let line_start = self.lines[line - 1];
        let first_line_end = self.text[start..end].find('\n').map_or(end, |i| start + i);
        Some(Pos {
            line: line as u32,
            col: self.text[line_start..start].chars().count() as u32 + 1,
            len: (self.text[start..first_line_end].chars().count() as u32).max(1),
        })
    }

    /// Sets field `name` of the struct at `at` to `value` (its RON text; `None` removes the
    /// field). A field that is not there yet goes where `order` (the struct's declared field
    /// order) puts it, on a line of its own when its neighbours are on lines of their own.
    pub fn set_field(
        &mut self,
        at: &[Key<'_>],
        name: &str,
        value: Option<&str>,
        order: &[&str],
        label: &str,
    ) -> Result<(), EditError> {
        let parent = self.container(at)?;
        let existing = self.tree.field(&self.text, parent, name);
        let patches = match (existing, value) {
            (Some(c), Some(v)) => {
                let n = self.tree.node(c);
                vec![self.replace(n.start as usize..n.end as usize, v)]
            }
            (Some(c), None) => self.remove_child(parent, c),
            (None, Some(v)) => {
                let position = self.field_position(parent, name, order);
                self.insert_child(parent, position, &format!("{name}: {v}"))
            }
            (None, None) => Vec::new(),
        };
        self.commit(parent, label, patches);
        Ok(())
    }

    /// Inserts `item` at `index` of the list in field `list` of the struct at `parent`
    /// (creating the field where `order` puts it when the list is not written yet), in the
    /// style of the items already there.
    pub fn insert_item<T: Serialize + ?Sized>(
        &mut self,
        parent: &[Key<'_>],
        list: &str,
        order: &[&str],
        index: usize,
        item: &T,
        label: &str,
    ) -> Result<(), EditError> {
        let owner = self.container(parent)?;
        let Some(list_node) = self.tree.field(&self.text, owner, list) else {
            // No list yet: the field arrives with the item in it.
            let layout = self.layout(owner);
            let value = if layout.multiline {
                let inner = format!("{}{STEP}", layout.indent);
                let rendered = self.render_item(item, &inner, true)?;
                format!("[\n{inner}{rendered},\n{}]", layout.indent)
            } else {
                format!("[{}]", self.render_item(item, "", false)?)
            };
            let position = self.field_position(owner, list, order);
            let patches = self.insert_child(owner, position, &format!("{list}: {value}"));
            self.commit(owner, label, patches);
            return Ok(());
        };
        let items: Vec<usize> = self.tree.items(list_node).collect();
        let layout = self.layout(list_node);
        // New items look like their neighbours: on several lines when those are.
        let expanded = match items.first() {
            Some(&first) => {
                let n = self.tree.node(first);
                self.text[n.start as usize..n.end as usize].contains('\n')
            }
            None => false,
        };
        let rendered = self.render_item(item, &layout.indent, expanded)?;
        let patches = self.insert_child(list_node, index.min(items.len()), &rendered);
        self.commit(list_node, label, patches);
        Ok(())
    }

    /// Removes item `index` of the list at `list`: its lines when it has lines of its own,
    /// else the item and its comma.
    pub fn remove_item(
        &mut self,
        list: &[Key<'_>],
        index: usize,
        label: &str,
    ) -> Result<(), EditError> {
        let list_node = self.container(list)?;
        let item = self
            .tree
            .items(list_node)
            .nth(index)
            .ok_or_else(|| EditError::NotFound(format!("{}[{index}]", show(list))))?;
        let patches = self.remove_child(list_node, item);
        self.commit(list_node, label, patches);
        Ok(())
    }

    /// Moves item `from` of the list at `list` to position `to` (counted before the move), its
    /// text unchanged.
    pub fn move_item(
        &mut self,
        list: &[Key<'_>],
        from: usize,
        to: usize,
        label: &str,
    ) -> Result<(), EditError> {
        let list_node = self.container(list)?;
        let items: Vec<usize> = self.tree.items(list_node).collect();
        let item = *items
            .get(from)
            .ok_or_else(|| EditError::NotFound(format!("{}[{from}]", show(list))))?;
        if to == from || to >= items.len() {
            return Ok(());
        }
        let n = self.tree.node(item);
        let value = self.text[n.start as usize..n.end as usize].to_string();
        // Two steps, one change: out of its place, then into the new one.
        let mut patches = self.remove_child(list_node, item);
        let mut scratch = self.clone();
        scratch.apply(list_node, &patches);
        let list_node = scratch
            .tree
            .find(&scratch.text, list)
            .ok_or_else(|| EditError::NotFound(show(list)))?;
        patches.extend(scratch.insert_child(list_node, to, &value));
        let container = self
            .tree
            .find(&self.text, list)
            .ok_or_else(|| EditError::NotFound(show(list)))?;
        self.commit(container, label, patches);
        Ok(())
    }

    /// Makes the edits `edits` makes as one: one undo takes them all back. When `edits` fails,
    /// the ones it made are taken back and the text is as it was.
    pub fn group<T>(
        &mut self,
        label: &str,
        edits: impl FnOnce(&mut Editor) -> Result<T, EditError>,
    ) -> Result<T, EditError> {
        let before = self.done.len();
        let redo = std::mem::take(&mut self.undone);
        let saved = self.saved;
        match edits(self) {
            Ok(value) => {
                let patches: Vec<Patch> =
                    self.done.drain(before..).flat_map(|c| c.patches).collect();
                if patches.is_empty() {
                    self.undone = redo;
                } else {
                    self.done.push(Change {
                        label: label.to_string(),
                        patches,
                    });
                }
                Ok(value)
            }
            Err(e) => {
                while self.done.len() > before {
                    self.undo();
                }
                self.undone = redo;
                self.saved = saved;
                Err(e)
            }
        }
    }

    /// Makes `change` again (from a journal); `false` when it does not fit the text.
    pub fn replay(&mut self, change: Change) -> bool {
        let mut probe = self.text.clone();
        for p in &change.patches {
            if probe.get(p.old_range()) != Some(p.removed.as_str()) {
                return false;
            }
            p.apply(&mut probe);
        }
        self.apply_anywhere(&change.patches);
        if self.saved.is_some_and(|s| s > self.done.len()) {
            self.saved = None;
        }
        self.undone.clear();
        self.done.push(change);
        true
    }

    /// Takes back the last edit; its label, if there was one.
    pub fn undo(&mut self) -> Option<String> {
        let change = self.done.pop()?;
        let inverse = change.inverse();
        self.apply_anywhere(&inverse.patches);
        let label = change.label.clone();
        self.undone.push(change);
        Some(label)
    }

    /// Makes the last undone edit again; its label, if there was one.
    pub fn redo(&mut self) -> Option<String> {
        let change = self.undone.pop()?;
        self.apply_anywhere(&change.patches);
        let label = change.label.clone();
        self.done.push(change);
        Some(label)
    }

    /// The node of the struct or list at `path`.
    fn container(&self, path: &[Key<'_>]) -> Result<usize, EditError> {
        let node = self
            .tree
            .find(&self.text, path)
            .ok_or_else(|| EditError::NotFound(show(path)))?;
        let n = self.tree.node(node);
        let value = &self.text[n.start as usize..n.end as usize];
        if value.ends_with([')', ']', '}']) {
            Ok(node)
        } else {
            Err(EditError::NotAContainer(show(path)))
        }
    }

    fn render_item<T: Serialize + ?Sized>(
        &self,
        item: &T,
        indent: &str,
        expanded: bool,
    ) -> Result<String, EditError> {
        let rendered = if expanded {
            render::multiline(item, indent)
        } else {
            render::compact(item)
        };
        rendered.map_err(|e| EditError::Render(e.to_string()))
    }

    /// Where among `parent`'s children a new field `name` goes: after the last field that
    /// `order` puts before it.
    fn field_position(&self, parent: usize, name: &str, order: &[&str]) -> usize {
        let rank = |field: &str| order.iter().position(|f| *f == field).unwrap_or(usize::MAX);
        let wanted = rank(name);
        let fields: Vec<&str> = self
            .tree
            .fields(&self.text, parent)
            .map(|(n, _)| n)
            .collect();
        fields
            .iter()
            .rposition(|f| rank(f) < wanted)
            .map_or(0, |i| i + 1)
    }

    fn layout(&self, node: usize) -> Layout {
        let n = self.tree.node(node);
        let text = &self.text;
        let start = n.start as usize;
        let open = start + text[start..].find(['(', '[', '{']).unwrap_or(0) + 1;
        let close = (n.end as usize).saturating_sub(1).max(open);
        let multiline = text[open..close].contains('\n');
        let line_of_container = if n.field != u32::MAX {
            n.field as usize
        } else {
            start
        };
        let outer = indentation(text, line_of_container);
        let indent = self
            .tree
            .children(node)
            .next()
            .map(|c| item_start(&self.tree.node(c)))
            .filter(|&at| text[line_start(text, at)..at].trim().is_empty())
            .map_or_else(|| format!("{outer}{STEP}"), |at| indentation(text, at));
        Layout {
            open,
            close,
            multiline,
            indent,
        }
    }

    /// Patches inserting `child` (the text of one field or item, no comma) at `position`
    /// among `parent`'s children.
    fn insert_child(&self, parent: usize, position: usize, child: &str) -> Vec<Patch> {
        let text = &self.text;
        let layout = self.layout(parent);
        let children: Vec<usize> = self.tree.children(parent).collect();
        let own_line = |c: usize| {
            let at = item_start(&self.tree.node(c));
            text[line_start(text, at)..at].trim().is_empty()
        };
        if layout.multiline && children.iter().all(|&c| own_line(c)) {
            let line = format!("{}{child},\n", layout.indent);
            if let Some(&next) = children.get(position) {
                let at =
                    leading_comments(text, line_start(text, item_start(&self.tree.node(next))));
                return vec![self.insert(at, &line)];
            }
            let mut patches = Vec::new();
            let at = match children.last() {
                Some(&last) => {
                    let n = self.tree.node(last);
                    let tail = tail(text, n.end as usize);
                    if tail.comma.is_none() {
                        patches.push(self.insert(n.end as usize, ","));
                    }
                    match tail.newline {
                        Some(nl) => nl + 1,
                        None => line_start(text, layout.close),
                    }
                }
                None => line_start(text, layout.close),
            };
            // Patches apply in order: a comma before this point shifts it.
            let shift = patches.iter().map(|p| p.inserted.len()).sum::<usize>();
            patches.push(Patch {
                at: at + shift,
                removed: String::new(),
                inserted: line,
            });
            return patches;
        }
        if children.is_empty() {
            if layout.multiline {
                // `[` newline `]` with nothing between: the child on its own line.
                let at = line_start(text, layout.close);
                return vec![self.insert(at, &format!("{}{child},\n", layout.indent))];
            }
            return vec![self.insert(layout.open, child)];
        }
        match children.get(position) {
            Some(&next) => {
                vec![self.insert(item_start(&self.tree.node(next)), &format!("{child}, "))]
            }
            None => {
                let last = self.tree.node(children[children.len() - 1]);
                vec![self.insert(last.end as usize, &format!(", {child}"))]
            }
        }
    }

    /// Patches removing child `child` of `parent`: its lines when it has lines of its own
    /// (with a comment at the end of its last line), else the child and one comma.
    fn remove_child(&self, parent: usize, child: usize) -> Vec<Patch> {
        let text = &self.text;
        let n = self.tree.node(child);
        let start = item_start(&n);
        let tail = tail(text, n.end as usize);
        let first_line = line_start(text, start);
        if text[first_line..start].trim().is_empty()
            && let Some(nl) = tail.newline
        {
            return vec![self.replace(first_line..nl + 1, "")];
        }
        if let Some(comma) = tail.comma {
            let mut end = comma + 1;
            while text[end..].starts_with(' ') {
                end += 1;
            }
            return vec![self.replace(start..end, "")];
        }
        // The last child on a shared line: the comma before it goes with it.
        let before = self
            .tree
            .children(parent)
            .take_while(|&c| c != child)
            .last()
            .map(|c| self.tree.node(c).end as usize);
        match before {
            Some(prev_end) => vec![self.replace(prev_end..n.end as usize, "")],
            None => vec![self.replace(start..n.end as usize, "")],
        }
    }

    fn insert(&self, at: usize, text: &str) -> Patch {
        Patch {
            at,
            removed: String::new(),
            inserted: text.to_string(),
        }
    }

    fn replace(&self, range: Range<usize>, text: &str) -> Patch {
        Patch {
            at: range.start,
            removed: self.text[range].to_string(),
            inserted: text.to_string(),
        }
    }

    /// Applies `patches` (all inside `container`'s value) as one change a person made.
    fn commit(&mut self, container: usize, label: &str, patches: Vec<Patch>) {
        if patches.is_empty() {
            return;
        }
        self.apply(container, &patches);
        if self.saved.is_some_and(|s| s > self.done.len()) {
            // The saved state lay in the undone edits, which this edit drops.
            self.saved = None;
        }
        self.undone.clear();
        self.done.push(Change {
            label: label.to_string(),
            patches,
        });
    }

    /// Applies patches inside `container`'s value, updating the tree from that value alone.
    fn apply(&mut self, container: usize, patches: &[Patch]) {
        let n = self.tree.node(container);
        let mut range = n.start as usize..n.end as usize;
        let old_len = range.len();
        for p in patches {
            p.apply(&mut self.text);
            self.update_lines(p);
            let delta = p.inserted.len() as isize - p.removed.len() as isize;
            range.end = (range.end as isize + delta) as usize;
        }
        let inserted = range.len();
        self.tree.update(
            &self.text,
            container,
            n.start as usize..n.start as usize + old_len,
            inserted,
        );
        // The incremental updates must agree with reading the whole text again.
        debug_assert!(self.lines == line_starts(&self.text, 0).collect::<Vec<_>>());
        #[cfg(debug_assertions)]
        {
            let fresh = Tree::new(&self.text);
            if self.tree != fresh {
                let (a, b) = (format!("{:?}", self.tree), format!("{fresh:?}"));
                let at = a
                    .bytes()
                    .zip(b.bytes())
                    .position(|(x, y)| x != y)
                    .unwrap_or(0);
                panic!(
                    "the tree drifted from the text after patching node {container}:\n  kept  {}\n  fresh {}",
                    &a[at.saturating_sub(200)..(at + 200).min(a.len())],
                    &b[at.saturating_sub(200)..(at + 200).min(b.len())]
                );
            }
        }
    }

    /// Keeps the line starts true after `patch`: the ones in the bytes it replaced go, the
    /// ones after it move, and its own text brings new ones.
    fn update_lines(&mut self, patch: &Patch) {
        let (at, removed_end) = (patch.at, patch.at + patch.removed.len());
        let delta = patch.inserted.len() as isize - patch.removed.len() as isize;
        // A line starting in (at, removed_end] began after a line break the patch removed.
        let first = self.lines.partition_point(|&s| s <= at);
        let last = self.lines.partition_point(|&s| s <= removed_end);
        for s in &mut self.lines[last..] {
            *s = (*s as isize + delta) as usize;
        }
        let fresh: Vec<usize> = line_starts(&patch.inserted, at).skip(1).collect();
        self.lines.splice(first..last, fresh);
    }

    /// Applies patches (undo, redo) wherever they are: the tree is brought up to date from
    /// the smallest value holding each.
    fn apply_anywhere(&mut self, patches: &[Patch]) {
        for p in patches {
            let container = self.tree.enclosing(&p.old_range());
            self.apply(container, std::slice::from_ref(p));
        }
    }
}

/// Where a child's text starts: its field name, or its value for a list item.
fn item_start(n: &super::tree::Node) -> usize {
    if n.field != u32::MAX {
        n.field as usize
    } else {
        n.start as usize
    }
}

/// Where each line of `text` starts (the first at 0), offset by `base`.
fn line_starts(text: &str, base: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(base).chain(
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(move |(i, _)| base + i + 1),
    )
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The whitespace that starts the line holding byte `at`.
fn indentation(text: &str, at: usize) -> String {
    let start = line_start(text, at);
    text[start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// The start of the comment lines directly above the line starting at `line` (a comment
/// describing what follows belongs with it).
fn leading_comments(text: &str, line: usize) -> usize {
    let mut at = line;
    while at > 0 {
        let prev = line_start(text, at - 1);
        if text[prev..at].trim_start().starts_with("//") {
            at = prev;
        } else {
            break;
        }
    }
    at
}

/// What follows a value on its line.
struct Tail {
    /// The comma after it, if any.
    comma: Option<usize>,
    /// The line break ending its line, if only a comma, spaces and a comment come first.
    newline: Option<usize>,
}

fn tail(text: &str, end: usize) -> Tail {
    let bytes = text.as_bytes();
    let mut at = end;
    let skip_spaces = |mut at: usize| {
        while at < bytes.len() && (bytes[at] == b' ' || bytes[at] == b'\t' || bytes[at] == b'\r') {
            at += 1;
        }
        at
    };
    at = skip_spaces(at);
    let comma = (at < bytes.len() && bytes[at] == b',').then_some(at);
    if comma.is_some() {
        at = skip_spaces(at + 1);
    }
    if text[at..].starts_with("//") {
        at += text[at..].find('\n').unwrap_or(text.len() - at);
    }
    let newline = (at < bytes.len() && bytes[at] == b'\n').then_some(at);
    Tail { comma, newline }
}

impl Locate for Editor {
    fn nearest(&self, path: &[Key<'_>]) -> Pos {
        (0..=path.len())
            .rev()
            .find_map(|n| self.position(&path[..n]))
            .unwrap_or(Pos {
                line: 1,
                col: 1,
                len: 1,
            })
    }
}
