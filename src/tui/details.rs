//! The selected step's details, laid out: its place and feelings, each collection with its
//! justification and findings, and the flows in and out. Laid out a block at a time, only as
//! far as a window needs: the inspector view paints a window; the state scrolls by anchor.

use petgraph::stable_graph::NodeIndex;

use super::board::Board;
use super::document::{DocLine, Document, Role};
use super::theme::{FOLLOW, emotion_glyph, emotion_word, marker};
use touchpoint_engine::analysis::{FindingRef, Severity};
use touchpoint_engine::journey::{Collection, Journey, Sensitivity, Step};
use touchpoint_engine::text::{clean, width, wrap_words};

/// What the person has chosen on the step: it changes how the details read.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Focus {
    /// The chosen collection (marked with ▶).
    pub collection: Option<usize>,
    /// The followed data element (marked with ★).
    pub follow: Option<usize>,
    /// Which outgoing flow `next` follows.
    pub branch: usize,
}

/// A place in the details: a block (the step's head, one of its collections, its tail of
/// findings and flows) and a line in it. The inspector scrolls by anchor, so that it lays out
/// only the blocks on screen: a step taking 100,000 data elements costs no more to draw or to
/// scroll than one taking three.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Anchor {
    pub block: usize,
    pub line: usize,
}

/// The details of one step at one width, laid out a block at a time as they are needed.
pub(crate) struct Details<'a> {
    board: &'a Board,
    ix: NodeIndex,
    focus: Focus,
    width: usize,
    /// How many collections the step has.
    collections: usize,
}

/// What a window of the details shows.
#[derive(Debug, Default)]
pub(crate) struct Window {
    pub lines: Vec<DocLine>,
    /// There is more below the window.
    pub more: bool,
    /// The collections the window shows lines of (0-based), when it shows any.
    pub collections: Option<(usize, usize)>,
}

impl<'a> Details<'a> {
    /// The details of step `ix` at `width` columns, with what the person has chosen on it.
    pub(super) fn new(board: &'a Board, ix: NodeIndex, focus: Focus, width: usize) -> Self {
        let collections = board.step(ix).map_or(0, |s| s.collects.len());
        Details {
            board,
            ix,
            focus,
            width,
            collections,
        }
    }

    /// How many collections the step has.
    pub(crate) fn collections(&self) -> usize {
        self.collections
    }

    /// The blocks: the head, one per collection, the tail.
    fn blocks(&self) -> usize {
        self.collections + 2
    }

    /// The block of collection `c`.
    pub(crate) fn collection_block(c: usize) -> usize {
        c + 1
    }

    /// The lines of block `b`.
    pub(crate) fn block(&self, b: usize) -> Vec<DocLine> {
        let mut doc = Document::new(self.width);
        let Some(step) = self.board.step(self.ix) else {
            return doc.lines;
        };
        if b == 0 {
            head(&mut doc, self.board, self.ix, step, self.width);
        } else if let Some(col) = step.collects.get(b - 1) {
            collection(&mut doc, self.board, self.focus, &step.id, b - 1, col);
        } else if b == self.blocks() - 1 {
            let on_step = self.board.step_findings(&step.id);
            if !on_step.is_empty() {
                doc.blank();
                doc.heading("Findings on the step");
                for f in on_step {
                    finding(&mut doc, 1, f);
                }
            }
            flows(&mut doc, self.board.journey(), self.ix, self.focus.branch);
        }
        doc.lines
    }

    fn height(&self, b: usize) -> usize {
        self.block(b).len()
    }

    /// The `height` lines from `anchor` on, laying out only the blocks they come from.
    pub(crate) fn window(&self, anchor: Anchor, height: usize) -> Window {
        let mut window = Window::default();
        if height == 0 {
            return window;
        }
        let mut b = anchor.block.min(self.blocks() - 1);
        let mut skip = anchor.line;
        while b < self.blocks() {
            let block = self.block(b);
            let from = skip.min(block.len());
            skip = 0;
            let shown = block.len() - from;
            if shown > 0 && (1..=self.collections).contains(&b) {
                let c = b - 1;
                let first = window.collections.map_or(c, |(first, _)| first);
                window.collections = Some((first, c));
            }
            let room = height - window.lines.len();
            window.lines.extend(block.into_iter().skip(from).take(room));
            if shown > room {
                window.more = true;
                break;
            }
            b += 1;
            if window.lines.len() == height {
                // Full: more below if any block left has a line.
                window.more = (b..self.blocks()).any(|b| self.height(b) > 0);
                break;
            }
        }
        window
    }

    /// Whether at least `height` lines follow `anchor` (counting no further than that).
    fn fills(&self, anchor: Anchor, height: usize) -> bool {
        let mut lines = 0;
        for b in anchor.block..self.blocks() {
            let h = self.height(b);
            lines += if b == anchor.block {
                h.saturating_sub(anchor.line)
            } else {
                h
            };
            if lines >= height {
                return true;
            }
        }
        false
    }

    /// The anchor whose window ends with the last line of block `last`.
    fn ending_with(&self, last: usize, height: usize) -> Anchor {
        let mut left = height;
        let mut b = last.min(self.blocks() - 1);
        loop {
            let h = self.height(b);
            if h >= left {
                return Anchor {
                    block: b,
                    line: h - left,
                };
            }
            left -= h;
            if b == 0 {
                return Anchor::default();
            }
            b -= 1;
        }
    }

    /// The anchor `delta` lines on from `anchor` (back when negative), never past the top nor
    /// so far that the window would not be full.
    pub(crate) fn scroll(&self, anchor: Anchor, delta: isize, height: usize) -> Anchor {
        let mut at = anchor;
        if delta < 0 {
            let mut left = delta.unsigned_abs();
            while left > 0 {
                if at.line >= left {
                    at.line -= left;
                    break;
                }
                left -= at.line;
                if at.block == 0 {
                    return Anchor::default();
                }
                at.block -= 1;
                at.line = self.height(at.block);
            }
            return at;
        }
        let mut left = delta.unsigned_abs();
        while left > 0 && at.block < self.blocks() {
            let rest = self.height(at.block).saturating_sub(at.line);
            if rest > left {
                at.line += left;
                left = 0;
            } else {
                left -= rest;
                at = Anchor {
                    block: at.block + 1,
                    line: 0,
                };
            }
        }
        if at.block >= self.blocks() || !self.fills(at, height) {
            return self.ending_with(self.blocks() - 1, height);
        }
        at
    }

    /// The anchor that shows block `block` whole (or from its start, when it is taller than
    /// the window), moving from `anchor` as little as it can.
    pub(crate) fn reveal(&self, anchor: Anchor, block: usize, height: usize) -> Anchor {
        let start = Anchor { block, line: 0 };
        if start < anchor {
            return start;
        }
        // Lines from the anchor to the end of the block, counting no further than a screen.
        let mut lines = 0;
        for b in anchor.block..=block.min(self.blocks() - 1) {
            let h = self.height(b);
            lines += if b == anchor.block {
                h.saturating_sub(anchor.line)
            } else {
                h
            };
            if lines > height {
                break;
            }
        }
        if lines <= height {
            return anchor;
        }
        if self.height(block) >= height {
            start
        } else {
            self.ending_with(block, height)
        }
    }
}

/// The step's title, place, feelings, description, pain points and notes, and the heading of
/// its data.
fn head(doc: &mut Document, board: &Board, ix: NodeIndex, step: &Step, width: usize) {
    let journey = board.journey();
    let worst = board.worst(ix);
    let mut title = vec![
        (marker(worst).to_string(), Role::Severity(worst)),
        (" ".to_string(), Role::Plain),
    ];
    for (i, part) in wrap_words(&clean(&step.title), width.saturating_sub(2))
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            title = vec![("  ".to_string(), Role::Plain)];
        }
        title.push((part, Role::Heading));
        doc.push(DocLine::new(std::mem::take(&mut title)));
    }
    let feeling = match step.emotion {
        0 => emotion_word(0).to_string(),
        e => format!("{} {}", emotion_glyph(e), emotion_word(e)),
    };
    let place = format!(
        "{} · {} · {} · {feeling}",
        clean(journey.channel_name(&step.channel)),
        clean(
            journey
                .stage(&step.stage)
                .map_or(step.stage.as_str(), |s| s.name.as_str())
        ),
        step.actor.label(),
    );
    doc.para(&place, 0, Role::Dim);
    if let Some(description) = &step.description {
        doc.para(description, 0, Role::Plain);
    }
    if !step.pain_points.is_empty() {
        doc.blank();
        doc.heading("Pain points");
        for p in &step.pain_points {
            doc.para(&format!("• {p}"), 1, Role::Plain);
        }
    }
    if let Some(n) = &step.notes {
        doc.blank();
        doc.heading("Notes");
        doc.para(n, 1, Role::Plain);
    }
    doc.blank();
    match step.collects.len() {
        0 => doc.heading("Collects no personal data"),
        n => doc.heading(&format!("Data collected ({n})")),
    }
}

/// Where the step comes from and leads on to; the branch `next` follows is marked.
fn flows(doc: &mut Document, journey: &Journey, ix: NodeIndex, branch: usize) {
    let incoming = journey.incoming(ix);
    let outgoing = journey.outgoing(ix);
    doc.blank();
    doc.heading(if incoming.is_empty() {
        "Comes from: nowhere (customers start here)"
    } else {
        "Comes from"
    });
    for (flow, from) in &incoming {
        flow_line(doc, journey, "←", Role::Flow, *from, flow.label.as_deref());
    }
    doc.heading(if outgoing.is_empty() {
        "Leads on to: nothing (the journey ends here)"
    } else {
        "Leads on to"
    });
    let choice = outgoing.len() > 1;
    for (i, (flow, to)) in outgoing.iter().enumerate() {
        let (arrow, role) = if choice && i == branch % outgoing.len() {
            ("⇒", Role::Branch)
        } else {
            ("→", Role::Flow)
        };
        flow_line(doc, journey, arrow, role, *to, flow.label.as_deref());
    }
}

fn flow_line(
    doc: &mut Document,
    journey: &Journey,
    arrow: &'static str,
    role: Role,
    other: NodeIndex,
    label: Option<&str>,
) {
    let Some(step) = journey.graph.node_weight(other) else {
        return;
    };
    let mut text = format!(
        "{} ({})",
        clean(&step.title),
        clean(journey.channel_name(&step.channel))
    );
    if let Some(l) = label {
        text.push_str(&format!(": {}", clean(l)));
    }
    for (i, part) in wrap_words(&text, doc.width.saturating_sub(3))
        .into_iter()
        .enumerate()
    {
        let lead = if i == 0 {
            (format!(" {arrow} "), role)
        } else {
            ("   ".to_string(), Role::Plain)
        };
        doc.push(DocLine::new(vec![lead, (part, Role::Plain)]));
    }
}

fn finding(doc: &mut Document, indent: usize, f: FindingRef<'_>) {
    let role = Role::Severity(Some(f.severity()));
    doc.push(DocLine::new(vec![
        (" ".repeat(indent), Role::Plain),
        (marker(Some(f.severity())).to_string(), role),
        (" ".to_string(), Role::Plain),
        (format!("{} {}", f.rule().code, f.rule().name), role),
    ]));
    doc.para(&f.message(), indent + 2, Role::Plain);
    doc.para(&format!("help: {}", f.help()), indent + 2, Role::Dim);
}

fn collection(
    doc: &mut Document,
    board: &Board,
    focus: Focus,
    step: &str,
    c: usize,
    col: &Collection,
) {
    let journey = board.journey();
    let findings = board.collection_findings(step, c);
    let worst = findings.first().map(|f| f.severity());
    let chosen = focus.collection == Some(c);
    let element = journey.element(&col.element);
    let name = element.map_or(col.element.as_str(), |e| e.name.as_str());
    let followed = focus
        .follow
        .and_then(|e| journey.elements.get(e))
        .is_some_and(|e| e.id == col.element);
    let mut head = vec![
        ((if chosen { "▶" } else { " " }).to_string(), Role::Plain),
        (marker(worst).to_string(), Role::Severity(worst)),
        (" ".to_string(), Role::Plain),
        (clean(name).into_owned(), Role::Heading),
    ];
    if followed {
        head.push((format!(" {FOLLOW}"), Role::Follow));
    }
    let sensitive = element.is_some_and(|e| journey.sensitivity(e) != Sensitivity::Ordinary);
    if let Some(e) = element {
        let sensitivity = journey.sensitivity(e);
        if sensitivity != Sensitivity::Ordinary {
            head.push((
                format!("  {}", sensitivity.label()),
                Role::Severity(Some(Severity::Warning)),
            ));
        }
        let used: usize = head.iter().map(|(text, _)| width(text)).sum();
        let category = format!("  {}", clean(&e.category));
        if used + width(&category) <= doc.width {
            head.push((category, Role::Dim));
        }
    }
    let mut head = DocLine::new(head);
    if chosen {
        head.role = Role::Cursor;
    }
    doc.push(head);
    justification(doc, journey, col, sensitive);
    decisions(doc, journey, step, col);
    for f in findings {
        finding(doc, 3, f);
    }
}

/// What reviews decided about this collection, oldest first: the record an auditor reads
/// beside what it is about.
fn decisions(doc: &mut Document, journey: &Journey, step: &str, col: &Collection) {
    for (review, d) in journey.decisions_about(step, &col.element) {
        let mut text = format!("{} {}", review.date, d.outcome);
        if let Some(owner) = &d.owner {
            text.push_str(&format!(" to {owner}"));
        }
        if let Some(due) = &d.due {
            text.push_str(&format!(", due {due}"));
        }
        if let Some(note) = d.note.as_deref().filter(|n| !n.trim().is_empty()) {
            text.push_str(&format!(": {note}"));
        }
        doc.field(3, "review", Some(&text));
    }
}

/// A collection's justification, one labelled field a line.
fn justification(doc: &mut Document, journey: &Journey, col: &Collection, sensitive: bool) {
    // No-break spaces keep "Art. 6(1)(b)" on one line.
    let basis = col
        .basis
        .map(|b| format!("{} ({})", b.label(), b.article().replace(' ', "\u{a0}")));
    let condition = col
        .condition
        .map(|c| format!("{} ({})", c.label(), c.article().replace(' ', "\u{a0}")));
    let mut how = col.method.label().to_string();
    if col.optional {
        how.push_str(" · optional");
    }
    let stored: Vec<String> = col
        .stored_in
        .iter()
        .map(|s| journey.system(s).map_or(s.clone(), |sys| sys.name.clone()))
        .collect();
    doc.field(3, "purpose", col.purpose.as_deref());
    if col.data_use.is_some() {
        doc.field(3, "data use", col.data_use.as_deref());
    }
    doc.field(3, "basis", basis.as_deref());
    if condition.is_some() || sensitive {
        doc.field(3, "condition", condition.as_deref());
    }
    doc.field(3, "retention", col.retention.as_deref());
    doc.field(3, "benefit", col.benefit.as_deref());
    doc.field(3, "how", Some(&how));
    doc.field(
        3,
        "stored in",
        (!stored.is_empty()).then(|| stored.join(", ")).as_deref(),
    );
    if col.repeat_reason.is_some() {
        doc.field(3, "repeat", col.repeat_reason.as_deref());
    }
}
