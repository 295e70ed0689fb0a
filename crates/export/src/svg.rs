//! Native SVG, drawn by touchpoint itself: the swimlane grid of channels by stages, cards for
//! the steps with their data points and the kind of each problem, flows routed in the gutters
//! between cards, the overlay (colour, symbol and border style) and a legend, in plain shapes
//! and text that print well and need no emoji font. The layout is in [`super::svg_layout`],
//! the routing in [`super::svg_route`], the measures in [`super::svg_geometry`].

use std::fmt;

use super::diagram::{Diagram, Node};
use super::escape::xml::text;
use super::legend::{self, Look};
use super::svg_card::StepBox;
use super::svg_geometry::{
    BOX_PAD, BOX_W, CHANNEL_LINE, CHAR_W, DATA_RULE, LEGEND_FACES, LEGEND_LINE, LEGEND_RULES_GAP,
    LEGEND_TOP, LINE, Label, MARGIN, STAGE_LINE, STATUS_LINE, TITLE_LINE,
};
use super::svg_layout::{Layout, key};
use super::{ExportContext, ExportError, Exporter};
use touchpoint_engine::text;

const FONT: &str = "Helvetica, Arial, 'DejaVu Sans', sans-serif";
/// Indent of the problem lines under a data point.
const PROBLEM_INDENT: i64 = 12;

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
        element(out, ctx, &d, "tp-")?;
        Ok(())
    }
}

/// Where a drawn diagram's grid stands, for a page that keeps the lane names and stage names
/// in view while the diagram scrolls under them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub width: i64,
    pub height: i64,
    /// The grid's left and right edges, and the right edge of the lane names' column.
    pub left: i64,
    pub right: i64,
    pub lane_head_right: i64,
    /// The stage header row's top and height.
    pub header_y: i64,
    pub header_h: i64,
    /// Each lane's top, height and channel name.
    pub lanes: Vec<(i64, i64, String)>,
    /// Each stage column's left and right edges and name.
    pub stages: Vec<(i64, i64, String)>,
}

/// The id an `element` drawn with `ids` gives step `n` of its diagram, to link to.
pub fn step_id(ids: &str, n: usize) -> String {
    format!("{ids}step-{n}")
}

/// The `<svg>` element of `d` alone, for embedding in HTML. Its ids (the arrowhead, the
/// title, each step: [`step_id`]) start with `ids`, so several diagrams can share a page.
pub fn element(
    out: &mut dyn fmt::Write,
    ctx: &ExportContext<'_>,
    d: &Diagram<'_>,
    ids: &str,
) -> Result<Frame, fmt::Error> {
    let layout = Layout::new(d);
    let (w, h) = (layout.width, layout.height);
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" \
         xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" font-family=\"{FONT}\" role=\"img\" \
         aria-labelledby=\"{ids}title\">"
    )?;
    writeln!(out, "<title id=\"{ids}title\">{}</title>", text(&d.title()))?;
    writeln!(
        out,
        "<defs><marker id=\"{ids}arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
         markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">\
         <path d=\"M0,0 L10,5 L0,10 z\" fill=\"#344054\"/></marker>"
    )?;
    face_defs(out, ids)?;
    out.write_str("</defs>\n")?;
    writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>"
    )?;
    heading(out, d)?;
    grid(out, d, &layout)?;
    flows(out, d, &layout, ids)?;
    steps(out, ctx, d, &layout, ids)?;
    legend_block(out, d, &layout, ids)?;
    out.write_str("</svg>\n")?;
    Ok(Frame {
        width: w,
        height: h,
        left: MARGIN,
        right: layout.right,
        lane_head_right: layout.columns.first().map_or(layout.right, |c| c.left),
        header_y: layout.header_y,
        header_h: layout.header_h,
        lanes: layout
            .lanes
            .iter()
            .map(|l| (l.y, l.h, d.channel_name(l.channel).to_string()))
            .collect(),
        stages: layout
            .columns
            .iter()
            .map(|c| (c.left, c.right, d.stage_name(c.stage).to_string()))
            .collect(),
    })
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
    out.write_str("<g class=\"grid\">\n")?;
    lanes(out, d, l)?;
    header_row(out, d, l)?;
    grid_lines(out, l)?;
    out.write_str("</g>\n")
}

/// Each lane's band, shaded in turn, with its channel's name.
fn lanes(out: &mut dyn fmt::Write, d: &Diagram<'_>, l: &Layout) -> fmt::Result {
    let left = MARGIN;
    for (i, lane) in l.lanes.iter().enumerate() {
        writeln!(
            out,
            "<rect x=\"{left}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            lane.y,
            l.right - left,
            lane.h,
            lane_fill(i)
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

/// The shade of lane `i`'s band: lanes alternate, so a row reads across.
pub fn lane_fill(i: usize) -> &'static str {
    if i.is_multiple_of(2) {
        "#f9fafb"
    } else {
        "#f2f4f7"
    }
}

/// The header row: its band, the corner caption and each stage's name.
fn header_row(out: &mut dyn fmt::Write, d: &Diagram<'_>, l: &Layout) -> fmt::Result {
    let left = MARGIN;
    writeln!(
        out,
        "<rect x=\"{left}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#eaecf0\"/>",
        l.header_y,
        l.right - left,
        l.header_h
    )?;
    writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#475467\">channel \\ stage</text>",
        left + 10,
        l.header_y + 20
    )?;
    for c in &l.columns {
        let cx = (c.left + c.right) / 2;
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
fn grid_lines(out: &mut dyn fmt::Write, l: &Layout) -> fmt::Result {
    let (left, right) = (MARGIN, l.right);
    let bottom = l
        .lanes
        .last()
        .map_or(l.header_y + l.header_h, |x| x.y + x.h);
    out.write_str("<path d=\"")?;
    for lane in &l.lanes {
        write!(out, "M{left},{}H{right}", lane.y)?;
    }
    write!(out, "M{left},{bottom}H{right}")?;
    let mut xs: Vec<i64> = vec![left];
    xs.extend(l.columns.iter().map(|c| c.left));
    xs.push(right);
    xs.dedup();
    for x in xs {
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

/// Every flow as a path of horizontal and vertical pieces ending in an arrowhead (dashed back
/// to an earlier stage), with its label right beside it on a pale backing. Nothing else runs
/// through a label and no label touches a card, so a label is drawn with its own flow.
fn flows(out: &mut dyn fmt::Write, d: &Diagram<'_>, l: &Layout, ids: &str) -> fmt::Result {
    out.write_str(
        "<g class=\"flows\" fill=\"none\" stroke=\"#344054\" stroke-width=\"1.4\" \
         stroke-linejoin=\"round\">\n",
    )?;
    for r in &l.routes {
        let dash = if r.back {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        out.write_str("<g class=\"flow\"><path d=\"")?;
        let mut at = (i64::MIN, i64::MIN);
        for (k, &(x, y)) in r.points.iter().enumerate() {
            if k == 0 {
                write!(out, "M{x},{y}")?;
            } else if y == at.1 {
                write!(out, "H{x}")?;
            } else if x == at.0 {
                write!(out, "V{y}")?;
            } else {
                write!(out, "L{x},{y}")?;
            }
            at = (x, y);
        }
        let e = &d.edges[r.edge];
        write!(
            out,
            "\"{dash} marker-end=\"url(#{ids}arrow)\"><title>{} → {}",
            text(d.nodes[e.from].title),
            text(d.nodes[e.to].title)
        )?;
        if let Some(label) = e.label {
            write!(out, ": {}", text(label))?;
        }
        out.write_str("</title></path>")?;
        if let Some(label) = &r.label {
            flow_label(out, label)?;
        }
        out.write_str("</g>\n")?;
    }
    out.write_str("</g>\n")
}

/// A flow's label on its pale backing.
fn flow_label(out: &mut dyn fmt::Write, label: &Label) -> fmt::Result {
    let rect = label.rect;
    let (x, anchor) = if label.end_anchored {
        (rect.x + rect.w - 2, " text-anchor=\"end\"")
    } else {
        (rect.x + 2, "")
    };
    write!(
        out,
        "<g class=\"flow-label\" font-size=\"11\" fill=\"#344054\" stroke=\"none\">\
         <rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"#ffffff\" \
         fill-opacity=\"0.9\"/><text x=\"{x}\" y=\"{}\"{anchor}>",
        rect.x,
        rect.y,
        rect.w,
        rect.h,
        rect.y + 11
    )?;
    tspans(out, &label.lines, x, LINE)?;
    out.write_str("</text></g>")
}

fn steps(
    out: &mut dyn fmt::Write,
    ctx: &ExportContext<'_>,
    d: &Diagram<'_>,
    l: &Layout,
    ids: &str,
) -> fmt::Result {
    out.write_str("<g class=\"steps\">\n")?;
    for b in &l.boxes {
        step(out, ctx, d, b, ids)?;
    }
    out.write_str("</g>\n")
}

/// One step: its tooltip, its card in the overlay's look, its title and status line with the
/// customer's mood, the problems on the step, and its data points under a rule, each with the
/// kinds of its problems.
fn step(
    out: &mut dyn fmt::Write,
    ctx: &ExportContext<'_>,
    d: &Diagram<'_>,
    b: &StepBox,
    ids: &str,
) -> fmt::Result {
    let node = &d.nodes[b.node];
    let look = legend::look(node.worst);
    writeln!(out, "<g class=\"step\" id=\"{}\">", step_id(ids, b.node))?;
    writeln!(out, "<title>{}</title>", text(&tooltip(ctx, d, b.node)))?;
    border(out, b.x, b.y, BOX_W, b.h, 5, look)?;
    let tx = b.x + BOX_PAD + 2;
    let mut y = b.y + BOX_PAD + 12;
    write!(
        out,
        "<text x=\"{tx}\" y=\"{y}\" font-size=\"13\" font-weight=\"bold\" fill=\"#101828\">"
    )?;
    tspans(out, &b.text.title, tx, TITLE_LINE)?;
    out.write_str("</text>\n")?;
    y += TITLE_LINE * (b.text.title.len() as i64 - 1) + STATUS_LINE;
    let status_ink = if look == legend::CLEAN {
        "#475467"
    } else {
        look.ink
    };
    writeln!(
        out,
        "<text x=\"{tx}\" y=\"{y}\" font-size=\"11\" fill=\"{status_ink}\">{}</text>",
        text(&b.text.status)
    )?;
    face(
        out,
        ids,
        b.x + BOX_W - BOX_PAD - 8,
        y - 4,
        node.step.emotion,
    )?;
    for line in &b.text.step_problems {
        y += LINE;
        writeln!(
            out,
            "<text x=\"{tx}\" y=\"{y}\" font-size=\"11\" fill=\"{}\">{}</text>",
            look.ink,
            text(line)
        )?;
    }
    for line in &b.text.links {
        y += LINE;
        writeln!(
            out,
            "<text x=\"{tx}\" y=\"{y}\" font-size=\"11\" fill=\"#475467\">{}</text>",
            text(line)
        )?;
    }
    data_points(out, node, b, look, tx, y)
}

/// A card's border in the look of its worst finding: colour, width and dash pattern.
fn border(
    out: &mut dyn fmt::Write,
    x: i64,
    y: i64,
    w: i64,
    h: i64,
    rx: i64,
    look: Look,
) -> fmt::Result {
    let dash = if look.dash.is_empty() {
        String::new()
    } else {
        format!(
            " stroke-dasharray=\"{}\" stroke-linecap=\"{}\"",
            look.dash,
            if look.border == "dotted" {
                "round"
            } else {
                "butt"
            }
        )
    };
    writeln!(
        out,
        "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"{rx}\" fill=\"{}\" \
         stroke=\"{}\" stroke-width=\"{}\"{dash}/>",
        look.fill, look.stroke, look.width
    )
}

/// The customer's moods (-2..=2) as small drawn faces centred on the origin, defined once
/// for [`face`] to place: a frown, a straight mouth or a smile, brows for anger and an open
/// smile for delight. Drawn, not characters, so they show without an emoji font.
fn face_defs(out: &mut dyn fmt::Write, ids: &str) -> fmt::Result {
    for emotion in -2i8..=2 {
        let mouth = match emotion {
            -2 => "M-3,4 Q0,0 3,4 M-4,-4 L-1,-2 M4,-4 L1,-2",
            -1 => "M-3,4 Q0,1 3,4",
            0 => "M-3,3 H3",
            1 => "M-3,2 Q0,5 3,2",
            _ => "M-4,1 Q0,7 4,1 Z",
        };
        let fill = if emotion >= 2 { "#475467" } else { "none" };
        writeln!(
            out,
            "<g id=\"{ids}face{}\" stroke=\"#475467\" stroke-width=\"1.2\" fill=\"none\">\
             <circle r=\"7\" fill=\"#ffffff\"/><circle cx=\"-3\" cy=\"-1\" r=\"1\" \
             fill=\"#475467\" stroke=\"none\"/><circle cx=\"3\" cy=\"-1\" r=\"1\" \
             fill=\"#475467\" stroke=\"none\"/><path d=\"{mouth}\" fill=\"{fill}\" \
             stroke-linecap=\"round\"/></g>",
            emotion + 2
        )?;
    }
    Ok(())
}

/// The face for the customer's mood, centred at `(cx, cy)`.
fn face(out: &mut dyn fmt::Write, ids: &str, cx: i64, cy: i64, emotion: i8) -> fmt::Result {
    writeln!(
        out,
        "<use class=\"mood\" xlink:href=\"#{ids}face{}\" x=\"{cx}\" y=\"{cy}\"><title>the customer \
         feels {}</title></use>",
        emotion.clamp(-2, 2) + 2,
        legend::mood(emotion)
    )
}

/// The rule under a card's status at baseline `y`, and its data points below it: each one's
/// name, then the kinds of its problems, indented.
fn data_points(
    out: &mut dyn fmt::Write,
    node: &Node<'_>,
    b: &StepBox,
    look: Look,
    tx: i64,
    mut y: i64,
) -> fmt::Result {
    if !b.text.points.is_empty() {
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
    for (point, lines) in node.data.iter().zip(&b.text.points) {
        let ink = legend::look(point.worst).ink;
        y += LINE;
        let bold = if point.worst.is_some() {
            " font-weight=\"bold\""
        } else {
            ""
        };
        write!(
            out,
            "<text x=\"{tx}\" y=\"{y}\" font-size=\"11\" fill=\"{ink}\"{bold}>"
        )?;
        tspans(out, &lines.name, tx, LINE)?;
        out.write_str("</text>\n")?;
        y += LINE * (lines.name.len() as i64 - 1);
        if !lines.problems.is_empty() {
            y += LINE;
            let px = tx + PROBLEM_INDENT;
            write!(
                out,
                "<text x=\"{px}\" y=\"{y}\" font-size=\"11\" fill=\"{ink}\">"
            )?;
            tspans(out, &lines.problems, px, LINE)?;
            out.write_str("</text>\n")?;
            y += LINE * (lines.problems.len() as i64 - 1);
        }
    }
    out.write_str("</g>\n")
}

/// The full text of a step for hovering: everything the card may have cut.
fn tooltip(ctx: &ExportContext<'_>, d: &Diagram<'_>, n: usize) -> String {
    let node = &d.nodes[n];
    let step = node.step;
    let mut parts = vec![format!(
        "{} ({}, {}; the customer feels {})",
        node.title,
        d.channel_name(node.channel),
        d.stage_name(node.stage),
        legend::mood(step.emotion)
    )];
    if let Some(desc) = &step.description {
        parts.push(desc.clone());
    }
    for p in &step.pain_points {
        parts.push(format!("pain point: {p}"));
    }
    for &i in ctx.analysis.overlay.step(&step.id) {
        let Some(f) = ctx.analysis.findings.get(i) else {
            continue;
        };
        parts.push(format!(
            "{} {}[{}]: {}",
            legend::look(Some(f.severity())).symbol,
            f.severity(),
            f.rule().code,
            f.message()
        ));
    }
    parts.join(" | ")
}

/// The legend: what colours, symbols and borders mean, the dashed flow, the faces, and each
/// rule that fired with its kind and count.
fn legend_block(out: &mut dyn fmt::Write, d: &Diagram<'_>, l: &Layout, ids: &str) -> fmt::Result {
    let x = MARGIN;
    let mut y = l.legend_y;
    writeln!(
        out,
        "<g class=\"legend\"><text x=\"{x}\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" \
         fill=\"#101828\">Legend: privacy findings (colour, symbol and border show the most \
         severe finding)</text>",
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
        let label = format!(
            "{} {}{count} · {} border",
            look.symbol, look.word, look.border
        );
        let w = 24 + CHAR_W * text::width(&label) as i64;
        border(out, cx, y - 14, w, 20, 3, look)?;
        writeln!(
            out,
            "<text x=\"{}\" y=\"{y}\" font-size=\"11\" font-weight=\"bold\" fill=\"{}\">{}</text>",
            cx + 8,
            look.ink,
            text(&label)
        )?;
        cx += w + 12;
    }
    let dashed = cx + 8;
    writeln!(
        out,
        "<path d=\"M{dashed},{0}H{1}\" stroke=\"#344054\" stroke-width=\"1.4\" \
         stroke-dasharray=\"6 4\"/><text x=\"{2}\" y=\"{y}\" font-size=\"11\" \
         fill=\"#344054\">flow back to an earlier stage</text>",
        y - 4,
        dashed + 30,
        dashed + 36
    )?;
    y += LEGEND_FACES;
    write!(
        out,
        "<text x=\"{x}\" y=\"{y}\" font-size=\"11\" fill=\"#101828\">How the customer feels:</text>"
    )?;
    let mut fx = x + 150;
    for emotion in -2..=2 {
        face(out, ids, fx + 7, y - 4, emotion)?;
        let word = legend::mood(emotion);
        writeln!(
            out,
            "<text x=\"{}\" y=\"{y}\" font-size=\"11\" fill=\"#101828\">{word}</text>",
            fx + 19
        )?;
        fx += 30 + CHAR_W * word.len() as i64;
    }
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
