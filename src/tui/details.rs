//! The selected step's details, laid out: its place and feelings, each collection with its
//! justification and findings, and the flows in and out. The inspector view paints it; the
//! state measures it to scroll.

use petgraph::stable_graph::NodeIndex;

use super::board::Board;
use super::document::{DocLine, Document, Role};
use super::theme::{FOLLOW, emotion_glyph, emotion_word, marker};
use touchpoint_engine::analysis::{Finding, Severity};
use touchpoint_engine::journey::{Collection, Journey, Sensitivity};
use touchpoint_engine::text::{clean, width, wrap};

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

/// The details of one step, with where each collection's block starts and ends.
#[derive(Debug, Default)]
pub(crate) struct Details {
    pub doc: Document,
    pub collection_starts: Vec<usize>,
    pub collection_ends: Vec<usize>,
}

/// Lays out the details of step `ix` at `width` columns.
pub(super) fn lay_out(board: &Board, ix: NodeIndex, focus: Focus, width: usize) -> Details {
    let mut d = Details {
        doc: Document::new(width),
        ..Details::default()
    };
    let journey = board.journey();
    let Some(step) = board.step(ix) else {
        return d;
    };
    let doc = &mut d.doc;
    let worst = board.worst(ix);
    let mut title = vec![
        (marker(worst).to_string(), Role::Severity(worst)),
        (" ".to_string(), Role::Plain),
    ];
    for (i, part) in wrap(&clean(&step.title), width.saturating_sub(2))
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
    for (c, col) in step.collects.iter().enumerate() {
        d.collection_starts.push(d.doc.lines.len());
        collection(&mut d.doc, board, focus, &step.id, c, col);
        d.collection_ends.push(d.doc.lines.len());
    }

    let doc = &mut d.doc;
    let on_step = board.step_findings(&step.id);
    if !on_step.is_empty() {
        doc.blank();
        doc.heading("Findings on the step");
        for f in on_step {
            finding(doc, 1, f);
        }
    }
    flows(doc, journey, ix, focus.branch);
    d
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
    for (i, part) in wrap(&text, doc.width.saturating_sub(3))
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

fn finding(doc: &mut Document, indent: usize, f: &Finding) {
    let role = Role::Severity(Some(f.severity));
    doc.push(DocLine::new(vec![
        (" ".repeat(indent), Role::Plain),
        (marker(Some(f.severity)).to_string(), role),
        (" ".to_string(), Role::Plain),
        (format!("{} {}", f.rule.code, f.rule.name), role),
    ]));
    doc.para(&f.message, indent + 2, Role::Plain);
    doc.para(&format!("help: {}", f.help), indent + 2, Role::Dim);
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
    let worst = findings.first().map(|f| f.severity);
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
    for f in findings {
        finding(doc, 3, f);
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
