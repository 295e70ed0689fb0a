//! Native SVG, drawn by touchpoint itself: the swimlane grid of channels by stages, steps
//! with their data points, flows, the overlay (colour and symbol) and a legend, in plain
//! shapes and text that print well. The layout is in [`super::svg_layout`], its measures in
//! [`super::svg_geometry`].

use std::fmt;

use super::diagram::{Diagram, Node};
use super::escape::xml::text;
use super::legend::{self, Look};
use super::svg_geometry::{
    BOX_PAD, BOX_W, CHANNEL_LINE, COL_W, DATA_LINE, DATA_RULE, LABEL_LINE, LANE_HEAD,
    LEGEND_CHAR_W, LEGEND_LINE, LEGEND_RULES_GAP, LEGEND_TOP, MARGIN, STAGE_LINE, SUB_LINE,
    StepBox, TITLE_LINE,
};
use super::svg_layout::{Layout, key};
use super::{ExportContext, ExportError, Exporter};
use touchpoint_engine::text;

const FONT: &str = "Helvetica, Arial, 'DejaVu Sans', sans-serif";

pub struct Svg;

impl Exporter for Svg {
    fn id(&self) -> &'static str {
        "svg"
    }

    fn extension(&self) -> &'static str {
        "svg"
    }

    fn description(&self) -> &'static str {
        "SVG drawn by touchpoint: the channel x stage grid with the overlay and a legend"
    }

    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError> {
        let d = Diagram::new(ctx)?;
        out.write_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
        element(out, ctx, &d)?;
        Ok(())
    }
}

/// The `<svg>` element of `d` alone, for embedding in HTML.
pub fn element(out: &mut dyn fmt::Write, ctx: &ExportContext<'_>, d: &Diagram<'_>) -> fmt::Result {
    let layout = Layout::new(d);
    let (w, h) = (layout.width, layout.height);
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" font-family=\"{FONT}\" role=\"img\" \
         aria-labelledby=\"tp-title\">"
    )?;
    writeln!(out, "<title id=\"tp-title\">{}</title>", text(&d.title()))?;
    out.write_str(
        "<defs><marker id=\"tp-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
         markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">\
         <path d=\"M0,0 L10,5 L0,10 z\" fill=\"#344054\"/></marker></defs>\n",
    )?;
    writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>"
    )?;
    heading(out, d)?;
    grid(out, d, &layout)?;
    flows(out, d, &layout)?;
    steps(out, ctx, d, &layout)?;
    legend_block(out, d, &layout)?;
    out.write_str("</svg>\n")
}

fn heading(out: &mut dyn fmt::Write, d: &Diagram<'_>) -> fmt::Result {
    writeln!(
        out,
        "<text x=\"{MARGIN}\" y=\"{}\" font-size=\"20\" font-weight=\"bold\" \
         fill=\"#101828\">{}</text>",
        MARGIN + 18,
        text(&d.title())
    )?;
    let t = &d.tally;
    let summary = format!(
        "{} steps · {} flows · findings: {} error{}, {} warning{}, {} advice",
        d.nodes.len(),
        d.edges.len(),
        t.error,
        if t.error == 1 { "" } else { "s" },
        t.warning,
        if t.warning == 1 { "" } else { "s" },
        t.advice
    );
    writeln!(
        out,
        "<text x=\"{MARGIN}\" y=\"{}\" font-size=\"12\" fill=\"#475467\">{}</text>",
        MARGIN + 40,
        text(&summary)
    )
}

fn grid(out: &mut dyn fmt::Write, d: &Diagram<'_>, l: &Layout) -> fmt::Result {
    let right = MARGIN + LANE_HEAD + l.columns.len() as i64 * COL_W;
    out.write_str("<g class=\"grid\">\n")?;
    lanes(out, d, l, right)?;
    header_row(out, d, l, right)?;
    grid_lines(out, l, right)?;
    out.write_str("</g>\n")
}

/// Each lane's band, shaded in turn, with its channel's name.
fn lanes(out: &mut dyn fmt::Write, d: &Diagram<'_>, l: &Layout, right: i64) -> fmt::Result {
    let left = MARGIN;
    for (i, lane) in l.lanes.iter().enumerate() {
        let fill = if i % 2 == 0 { "#f9fafb" } else { "#f2f4f7" };
        writeln!(
            out,
            "<rect x=\"{left}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"/>",
            lane.y,
            right - left,
            lane.h
        )?;
        let name = d.channel_name(lane.channel);
        write!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" fill=\"#101828\">",
            left + 10,
            lane.y + 22
        )?;
        tspans(out, &lane.lines, left + 10, CHANNEL_LINE)?;
        writeln!(out, "<title>{}</title></text>", text(name))?;
    }
    Ok(())
}

/// The header row: its band, the corner caption and each stage's name.
fn header_row(out: &mut dyn fmt::Write, d: &Diagram<'_>, l: &Layout, right: i64) -> fmt::Result {
    let left = MARGIN;
    writeln!(
        out,
        "<rect x=\"{left}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#eaecf0\"/>",
        l.header_y,
        right - left,
        l.header_h
    )?;
    writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#475467\">channel \\ stage</text>",
        left + 10,
        l.header_y + 20
    )?;
    for c in &l.columns {
        let cx = c.x + COL_W / 2;
        write!(
            out,
            "<text x=\"{cx}\" y=\"{}\" font-size=\"14\" font-weight=\"bold\" \
             text-anchor=\"middle\" fill=\"#101828\">",
            l.header_y + 22
        )?;
        tspans(out, &c.lines, cx, STAGE_LINE)?;
        writeln!(out, "<title>{}</title></text>", text(d.stage_name(c.stage)))?;
    }
    Ok(())
}

/// The lines between lanes and between stages, as one path.
fn grid_lines(out: &mut dyn fmt::Write, l: &Layout, right: i64) -> fmt::Result {
    let left = MARGIN;
    let bottom = l
        .lanes
        .last()
        .map_or(l.header_y + l.header_h, |x| x.y + x.h);
    out.write_str("<path d=\"")?;
    for lane in &l.lanes {
        write!(out, "M{left},{}H{right}", lane.y)?;
    }
    write!(out, "M{left},{bottom}H{right}")?;
    for x in std::iter::once(left + LANE_HEAD)
        .chain(l.columns.iter().map(|c| c.x + COL_W))
        .chain(std::iter::once(left))
    {
        write!(out, "M{x},{}V{bottom}", l.header_y)?;
    }
    write!(out, "M{left},{}H{right}", l.header_y)?;
    out.write_str("\" fill=\"none\" stroke=\"#98a2b3\" stroke-width=\"1\"/>\n")
}

/// `<tspan>`s for lines of text, the first at the text's own `y`.
fn tspans(out: &mut dyn fmt::Write, lines: &[String], x: i64, step: i64) -> fmt::Result {
    for (i, line) in lines.iter().enumerate() {
        let dy = if i == 0 { 0 } else { step };
        write!(out, "<tspan x=\"{x}\" dy=\"{dy}\">{}</tspan>", text(line))?;
    }
    Ok(())
}

fn flows(out: &mut dyn fmt::Write, d: &Diagram<'_>, l: &Layout) -> fmt::Result {
    out.write_str("<g class=\"flows\" fill=\"none\" stroke=\"#344054\" stroke-width=\"1.4\">\n")?;
    for r in &l.routes {
        let [p0, p1, p2, p3] = r.points;
        let dash = if r.back {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let e = &d.edges[r.edge];
        writeln!(
            out,
            "<path d=\"M{},{} C{},{} {},{} {},{}\"{dash} marker-end=\"url(#tp-arrow)\">\
             <title>{} → {}</title></path>",
            p0.0,
            p0.1,
            p1.0,
            p1.1,
            p2.0,
            p2.1,
            p3.0,
            p3.1,
            text(d.nodes[e.from].title),
            text(d.nodes[e.to].title)
        )?;
    }
    out.write_str("</g>\n")
}

fn steps(
    out: &mut dyn fmt::Write,
    ctx: &ExportContext<'_>,
    d: &Diagram<'_>,
    l: &Layout,
) -> fmt::Result {
    out.write_str("<g class=\"steps\">\n")?;
    for b in &l.boxes {
        step(out, ctx, d, b)?;
    }
    out.write_str("</g>\n")?;
    flow_labels(out, l)
}

/// One step: its tooltip, its box in the overlay's look, its title and status line, and its
/// data points under a rule.
fn step(
    out: &mut dyn fmt::Write,
    ctx: &ExportContext<'_>,
    d: &Diagram<'_>,
    b: &StepBox,
) -> fmt::Result {
    let node = &d.nodes[b.node];
    let look = legend::look(node.worst);
    writeln!(out, "<g class=\"step\">")?;
    writeln!(out, "<title>{}</title>", text(&tooltip(ctx, d, b.node)))?;
    writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{BOX_W}\" height=\"{}\" rx=\"5\" fill=\"{}\" \
         stroke=\"{}\" stroke-width=\"{}\"/>",
        b.x, b.y, b.h, look.fill, look.stroke, look.width
    )?;
    let tx = b.x + BOX_PAD + 2;
    let mut y = b.y + BOX_PAD + 12;
    write!(
        out,
        "<text x=\"{tx}\" y=\"{y}\" font-size=\"13\" font-weight=\"bold\" fill=\"#101828\">"
    )?;
    tspans(out, &b.title, tx, TITLE_LINE)?;
    out.write_str("</text>\n")?;
    y += TITLE_LINE * (b.title.len() as i64 - 1) + SUB_LINE;
    writeln!(
        out,
        "<text x=\"{tx}\" y=\"{y}\" font-size=\"10\" fill=\"{}\">{}</text>",
        if look == legend::CLEAN {
            "#475467"
        } else {
            look.ink
        },
        text(&status_line(node, look))
    )?;
    data_points(out, node, b, look, tx, y)?;
    out.write_str("</g>\n")
}

/// The rule under a step's status line at baseline `y`, and its data points below it.
fn data_points(
    out: &mut dyn fmt::Write,
    node: &Node<'_>,
    b: &StepBox,
    look: Look,
    tx: i64,
    mut y: i64,
) -> fmt::Result {
    if !b.data.is_empty() {
        y += DATA_RULE;
        writeln!(
            out,
            "<path d=\"M{},{}H{}\" stroke=\"{}\" stroke-width=\"0.6\"/>",
            b.x + 4,
            y - 2,
            b.x + BOX_W - 4,
            look.stroke
        )?;
    }
    for (point, lines) in node.data.iter().zip(&b.data) {
        y += DATA_LINE;
        let bad = point.worst.is_some();
        write!(
            out,
            "<text x=\"{tx}\" y=\"{y}\" font-size=\"11\" fill=\"{}\"{}>",
            legend::look(point.worst).ink,
            if bad { " font-weight=\"bold\"" } else { "" }
        )?;
        tspans(out, lines, tx, DATA_LINE)?;
        out.write_str("</text>\n")?;
        y += DATA_LINE * (lines.len() as i64 - 1);
    }
    Ok(())
}

/// The line under a step's title: its worst finding, actor, the customer's mood and the
/// codes of findings on the step itself.
fn status_line(node: &Node<'_>, look: Look) -> String {
    let mut sub = format!(
        "{} · {}",
        node.step.actor.label(),
        legend::emotion_face(node.step.emotion)
    );
    if look != legend::CLEAN {
        sub = format!("{} {} · {sub}", look.symbol, look.word);
    }
    if !node.step_codes.is_empty() {
        sub = format!("{sub} · {}", node.step_codes.join(", "));
    }
    sub
}

/// Flow labels go over the boxes so none is hidden; a white halo keeps them legible.
fn flow_labels(out: &mut dyn fmt::Write, l: &Layout) -> fmt::Result {
    out.write_str(
        "<g class=\"flow-labels\" font-size=\"9\" fill=\"#344054\" stroke=\"#ffffff\" \
         stroke-width=\"3\" paint-order=\"stroke\" text-anchor=\"middle\">\n",
    )?;
    for r in l.routes.iter().filter(|r| !r.label.is_empty()) {
        let (x, y) = r.label_at;
        let anchor = if r.starts_at_anchor {
            " text-anchor=\"start\""
        } else {
            ""
        };
        let top = y - (r.label.len() as i64 - 1) * LABEL_LINE / 2 + 3;
        // A pale backing keeps the line from showing between the words.
        let w = 5 * r.label.iter().map(|l| text::width(l)).max().unwrap_or(0) as i64 + 4;
        let left = if r.starts_at_anchor { x - 2 } else { x - w / 2 };
        write!(
            out,
            "<rect x=\"{left}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"#ffffff\" \
             fill-opacity=\"0.85\" stroke=\"none\"/>",
            top - 8,
            r.label.len() as i64 * LABEL_LINE + 1
        )?;
        write!(out, "<text x=\"{x}\" y=\"{top}\"{anchor}>")?;
        tspans(out, &r.label, x, LABEL_LINE)?;
        out.write_str("</text>\n")?;
    }
    out.write_str("</g>\n")
}

/// The full text of a step for hovering: everything the box may have cut.
fn tooltip(ctx: &ExportContext<'_>, d: &Diagram<'_>, n: usize) -> String {
    let node = &d.nodes[n];
    let step = node.step;
    let mut parts = vec![format!(
        "{} ({}, {})",
        node.title,
        d.channel_name(node.channel),
        d.stage_name(node.stage)
    )];
    if let Some(desc) = &step.description {
        parts.push(desc.clone());
    }
    for p in &step.pain_points {
        parts.push(format!("pain point: {p}"));
    }
    for &i in ctx.analysis.overlay.step(&step.id) {
        let f = &ctx.analysis.findings[i];
        parts.push(format!(
            "{} {}[{}]: {}",
            legend::look(Some(f.severity)).symbol,
            f.severity,
            f.rule.code,
            f.message
        ));
    }
    parts.join(" | ")
}

fn legend_block(out: &mut dyn fmt::Write, d: &Diagram<'_>, l: &Layout) -> fmt::Result {
    let x = MARGIN;
    let mut y = l.legend_y;
    writeln!(
        out,
        "<g class=\"legend\"><text x=\"{x}\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" \
         fill=\"#101828\">Legend: privacy findings (colour and symbol show the most severe \
         finding)</text>",
        y + 12
    )?;
    y += LEGEND_TOP;
    let mut cx = x;
    for look in key() {
        let count = legend::severities()
            .iter()
            .find(|(_, l)| *l == look)
            .map(|(s, _)| format!(": {}", d.tally.get(*s)))
            .unwrap_or_default();
        let label = format!("{} {}{count}", look.symbol, look.word);
        let w = 28 + LEGEND_CHAR_W * text::width(&label) as i64;
        writeln!(
            out,
            "<rect x=\"{cx}\" y=\"{}\" width=\"{w}\" height=\"18\" rx=\"3\" fill=\"{}\" \
             stroke=\"{}\" stroke-width=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" \
             font-weight=\"bold\" fill=\"{}\">{}</text>",
            y - 13,
            look.fill,
            look.stroke,
            look.width,
            cx + 8,
            y,
            look.ink,
            text(&label)
        )?;
        cx += w + 10;
    }
    let dashed = cx + 10;
    writeln!(
        out,
        "<path d=\"M{dashed},{0}H{1}\" stroke=\"#344054\" stroke-width=\"1.4\" \
         stroke-dasharray=\"6 4\"/><text x=\"{2}\" y=\"{y}\" font-size=\"11\" \
         fill=\"#344054\">flow back to an earlier step</text>",
        y - 4,
        dashed + 30,
        dashed + 36
    )?;
    y += LEGEND_RULES_GAP;
    for line in &l.legend_rules {
        y += LEGEND_LINE;
        writeln!(
            out,
            "<text x=\"{x}\" y=\"{y}\" font-size=\"11\" fill=\"#101828\">{}</text>",
            text(line)
        )?;
    }
    out.write_str("</g>\n")
}
