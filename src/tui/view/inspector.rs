//! The step inspector: the selected step's details, each collection with its justification and
//! findings, and the flows in and out.

use petgraph::stable_graph::NodeIndex;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use crate::tui::app::App;
use crate::tui::theme::{FOLLOW, Theme, emotion_glyph, emotion_word, marker};
use touchpoint_engine::analysis::Finding;
use touchpoint_engine::journey::{Collection, Journey, Sensitivity};
use touchpoint_engine::text::clean;
use touchpoint_engine::text::{pad, wrap};

/// The inspector's text, wrapped, with where each collection's block starts and ends.
#[derive(Debug, Default)]
pub struct Document {
    pub lines: Vec<Line<'static>>,
    pub collection_starts: Vec<usize>,
    pub collection_ends: Vec<usize>,
}

/// The width text wraps at inside the inspector's frame.
pub fn text_width(area: Rect) -> usize {
    usize::from(area.width.saturating_sub(4)).max(10)
}

/// The lines of text the frame holds.
pub fn text_height(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2)).max(1)
}

const LABEL: usize = 11;

struct Writer<'t> {
    doc: Document,
    width: usize,
    theme: &'t Theme,
}

impl Writer<'_> {
    fn push(&mut self, line: Line<'static>) {
        self.doc.lines.push(line);
    }

    fn blank(&mut self) {
        self.push(Line::default());
    }

    fn heading(&mut self, text: &str) {
        let style = self.theme.accent();
        self.para(text, 0, style);
    }

    /// A wrapped paragraph, indented by `indent` columns.
    fn para(&mut self, text: &str, indent: usize, style: Style) {
        for part in wrap(&clean(text), self.width.saturating_sub(indent)) {
            self.push(Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(part, style),
            ]));
        }
    }

    /// `label   value`, the value wrapped under itself; a missing value shows as a dim dash.
    fn field(&mut self, indent: usize, label: &str, value: Option<&str>) {
        let label_span = Span::styled(pad(label, LABEL), self.theme.dim());
        let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
            self.push(Line::from(vec![
                Span::raw(" ".repeat(indent)),
                label_span,
                Span::styled("—", self.theme.dim()),
            ]));
            return;
        };
        let width = self.width.saturating_sub(indent + LABEL);
        for (i, part) in wrap(&clean(value), width).into_iter().enumerate() {
            let lead = if i == 0 {
                label_span.clone()
            } else {
                Span::raw(" ".repeat(LABEL))
            };
            self.push(Line::from(vec![
                Span::raw(" ".repeat(indent)),
                lead,
                Span::raw(part),
            ]));
        }
    }

    fn finding(&mut self, indent: usize, f: &Finding) {
        let head = format!("{} {}", f.rule.code, f.rule.name);
        self.push(Line::from(vec![
            Span::raw(" ".repeat(indent)),
            Span::styled(
                marker(Some(f.severity)),
                self.theme.severity(Some(f.severity)),
            ),
            Span::raw(" "),
            Span::styled(head, self.theme.severity(Some(f.severity))),
        ]));
        self.para(&f.message, indent + 2, Style::new());
        let help = format!("help: {}", f.help);
        let dim = self.theme.dim();
        self.para(&help, indent + 2, dim);
    }
}

/// Lays out the inspector for step `ix` at `width` columns.
pub fn document(app: &App, ix: NodeIndex, width: usize) -> Document {
    let t = &app.theme;
    let mut w = Writer {
        doc: Document::default(),
        width,
        theme: t,
    };
    let board = &app.board;
    let journey = board.journey();
    let Some(step) = board.step(ix) else {
        return w.doc;
    };
    let worst = board.worst(ix);
    let mut title = vec![
        Span::styled(marker(worst), t.severity(worst)),
        Span::raw(" "),
    ];
    let title_lines = wrap(&clean(&step.title), width.saturating_sub(2));
    for (i, part) in title_lines.into_iter().enumerate() {
        if i > 0 {
            title = vec![Span::raw("  ")];
        }
        title.push(Span::styled(part, t.heading()));
        w.push(Line::from(std::mem::take(&mut title)));
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
    w.para(&place, 0, t.dim());
    if let Some(d) = &step.description {
        w.para(d, 0, Style::new());
    }
    if !step.pain_points.is_empty() {
        w.blank();
        w.heading("Pain points");
        for p in &step.pain_points {
            w.para(&format!("• {p}"), 1, Style::new());
        }
    }
    if let Some(n) = &step.notes {
        w.blank();
        w.heading("Notes");
        w.para(n, 1, Style::new());
    }

    w.blank();
    match step.collects.len() {
        0 => w.heading("Collects no personal data"),
        n => w.heading(&format!("Data collected ({n})")),
    }
    for (c, col) in step.collects.iter().enumerate() {
        w.doc.collection_starts.push(w.doc.lines.len());
        collection(&mut w, app, journey, &step.id, c, col);
        w.doc.collection_ends.push(w.doc.lines.len());
    }

    let on_step = board.step_findings(&step.id);
    if !on_step.is_empty() {
        w.blank();
        w.heading("Findings on the step");
        for f in on_step {
            w.finding(1, f);
        }
    }

    let incoming = journey.incoming(ix);
    let outgoing = journey.outgoing(ix);
    w.blank();
    w.heading(if incoming.is_empty() {
        "Comes from: nowhere (customers start here)"
    } else {
        "Comes from"
    });
    for (flow, from) in &incoming {
        flow_line(&mut w, journey, "←", t.flow(), *from, flow.label.as_deref());
    }
    w.heading(if outgoing.is_empty() {
        "Leads on to: nothing (the journey ends here)"
    } else {
        "Leads on to"
    });
    let choice = outgoing.len() > 1;
    for (i, (flow, to)) in outgoing.iter().enumerate() {
        let chosen = choice && i == app.branch % outgoing.len();
        let (arrow, style) = if chosen {
            ("⇒", t.branch())
        } else {
            ("→", t.flow())
        };
        flow_line(&mut w, journey, arrow, style, *to, flow.label.as_deref());
    }
    w.doc
}

fn flow_line(
    w: &mut Writer<'_>,
    journey: &Journey,
    arrow: &'static str,
    style: Style,
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
    let width = w.width.saturating_sub(3);
    for (i, part) in wrap(&text, width).into_iter().enumerate() {
        let lead = if i == 0 {
            Span::styled(format!(" {arrow} "), style)
        } else {
            Span::raw("   ")
        };
        w.push(Line::from(vec![lead, Span::raw(part)]));
    }
}

fn collection(
    w: &mut Writer<'_>,
    app: &App,
    journey: &Journey,
    step: &str,
    c: usize,
    col: &Collection,
) {
    let t = w.theme;
    let findings = app.board.collection_findings(step, c);
    let worst = findings.first().map(|f| f.severity);
    let chosen = app.collection == Some(c);
    let element = journey.element(&col.element);
    let name = element.map_or(col.element.as_str(), |e| e.name.as_str());
    let followed = app
        .follow
        .and_then(|e| journey.elements.get(e))
        .is_some_and(|e| e.id == col.element);
    let mut head = vec![
        Span::raw(if chosen { "▶" } else { " " }),
        Span::styled(marker(worst), t.severity(worst)),
        Span::raw(" "),
        Span::styled(clean(name).into_owned(), t.heading()),
    ];
    if followed {
        head.push(Span::styled(format!(" {FOLLOW}"), t.follow()));
    }
    if let Some(e) = element {
        let sensitivity = journey.sensitivity(e);
        if sensitivity != Sensitivity::Ordinary {
            head.push(Span::styled(
                format!("  {}", sensitivity.label()),
                t.severity(Some(touchpoint_engine::analysis::Severity::Warning)),
            ));
        }
        let used: usize = head.iter().map(Span::width).sum();
        let category = format!("  {}", clean(&e.category));
        if used + touchpoint_engine::text::width(&category) <= w.width {
            head.push(Span::styled(category, t.dim()));
        }
    }
    let mut head = Line::from(head);
    if chosen {
        head = head.style(t.cursor());
    }
    w.push(head);
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
    w.field(3, "purpose", col.purpose.as_deref());
    if col.data_use.is_some() {
        w.field(3, "data use", col.data_use.as_deref());
    }
    w.field(3, "basis", basis.as_deref());
    if condition.is_some()
        || element.is_some_and(|e| journey.sensitivity(e) != Sensitivity::Ordinary)
    {
        w.field(3, "condition", condition.as_deref());
    }
    w.field(3, "retention", col.retention.as_deref());
    w.field(3, "benefit", col.benefit.as_deref());
    w.field(3, "how", Some(&how));
    w.field(
        3,
        "stored in",
        (!stored.is_empty()).then(|| stored.join(", ")).as_deref(),
    );
    if col.repeat_reason.is_some() {
        w.field(3, "repeat", col.repeat_reason.as_deref());
    }
    for f in findings {
        w.finding(3, f);
    }
}

/// Draws the inspector for the selected step into `area`.
pub fn render(frame: &mut Frame, area: Rect, app: &App, zoomed: bool) {
    let t = &app.theme;
    let border = if zoomed {
        BorderType::Thick
    } else {
        BorderType::Rounded
    };
    let mut block = Block::bordered().border_type(border).border_style(t.dim());
    // Scrolled down, the frame keeps the step's title in view.
    let title = app
        .selected
        .and_then(|ix| app.board.step(ix))
        .filter(|_| app.scroll.inspector > 0)
        .map_or_else(
            || " Step details ".to_string(),
            |s| {
                let room = usize::from(area.width.saturating_sub(14));
                format!(
                    " {} ",
                    touchpoint_engine::text::truncate(&clean(&s.title), room)
                )
            },
        );
    block = block.title(Span::styled(title, t.heading()));
    let Some(ix) = app.selected else {
        frame.render_widget(
            Paragraph::new("No step selected.")
                .style(t.dim())
                .block(block),
            area,
        );
        return;
    };
    let doc = document(app, ix, text_width(area));
    let height = text_height(area);
    let scroll = app.scroll.inspector.min(doc.lines.len().saturating_sub(1));
    if scroll + height < doc.lines.len() {
        block = block.title_bottom(Line::styled(" ↓ more ", t.dim()).right_aligned());
    }
    if scroll > 0 {
        block = block.title_top(Line::styled(" ↑ more ", t.dim()).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text_area = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let lines: Vec<Line> = doc.lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(lines), text_area);
}
