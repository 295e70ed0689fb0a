//! The HTML report: one self-contained, printable file with the SVG diagram, the findings,
//! the data inventory and the record of processing. Inline CSS and SVG only; it fetches
//! nothing, runs no script.
//!
//! On screen the diagram scrolls in its own frame with the lane names and stage names kept in
//! view (sticky copies over the drawing). In print each stage is a diagram of its own on a
//! page of its own, turned landscape or portrait to fit, instead of the whole map shrunk to
//! one page.

use std::collections::HashMap;
use std::fmt;

use super::diagram::Diagram;
use super::escape::xml::text;
use super::inventory_table::{COLUMNS, TableRow, rows};
use super::legend;
use super::ropa::{Entry, Field, Record};
use super::svg::{self, Frame};
use super::{ExportContext, ExportError, Exporter, VERSION};
use touchpoint_engine::analysis::{FindingRef, Severity};
use touchpoint_engine::inventory::Inventory;

const STYLE: &str = include_str!("html.css");
/// The ids of the screen diagram's elements start with this; steps link as `tp-step-N`.
const IDS: &str = "tp-";
/// A4 less the print margins, in CSS pixels (96 to the inch): landscape width and height.
const PAGE_LONG: i64 = 1046;
const PAGE_SHORT: i64 = 680;

pub struct Html;

impl Exporter for Html {
    fn id(&self) -> &'static str {
        "html"
    }

    fn extension(&self) -> &'static str {
        "html"
    }

    fn description(&self) -> &'static str {
        "Self-contained, printable HTML report: diagram, findings, inventory, record"
    }

    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError> {
        let only = ctx.stage_filter()?;
        let diagram = Diagram::new(ctx)?;
        let journey = ctx.journey;
        let inventory = Inventory::new(journey, ctx.analysis);
        let record = Record::new(ctx, &inventory);
        let mut title = journey.meta.title.clone();
        if let Some(s) = only {
            title = format!("{title}: {}", journey.stages[s].name);
        }
        head(out, ctx, &inventory, &title)?;
        diagram_section(out, ctx, &diagram)?;
        findings(out, ctx, &diagram)?;
        inventory_section(out, ctx, &inventory, only.is_none())?;
        record_section(out, &record)?;
        writeln!(
            out,
            "<footer>Made with touchpoint {VERSION}{}. The same map always gives the same \
             report{}.</footer>",
            ctx.map_sha256()
                .map(|h| format!(" from the map with SHA-256 {h}"))
                .unwrap_or_default(),
            if ctx.options.date.is_some() {
                ", apart from its date"
            } else {
                ""
            }
        )?;
        out.write_str("</main>\n</body>\n</html>\n")?;
        Ok(())
    }
}

/// The document head, the report's header with the map's facts, and the navigation.
fn head(
    out: &mut dyn fmt::Write,
    ctx: &ExportContext<'_>,
    inventory: &Inventory<'_>,
    title: &str,
) -> fmt::Result {
    let journey = ctx.journey;
    out.write_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")?;
    out.write_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")?;
    writeln!(
        out,
        "<meta name=\"generator\" content=\"touchpoint {VERSION}\"/>"
    )?;
    writeln!(out, "<title>{} · touchpoint report</title>", text(title))?;
    writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>\n<main>")?;
    writeln!(out, "<header>\n<h1>{}</h1>", text(title))?;
    if let Some(d) = &journey.meta.description {
        writeln!(out, "<p class=\"lead\">{}</p>", rich(d))?;
    }
    writeln!(
        out,
        "<p class=\"facts\">{} steps · {} channels · {} stages · {} collections · findings: \
         {}</p>",
        journey.step_count(),
        journey.channels.len(),
        journey.stages.len(),
        inventory.rows.len(),
        text(&ctx.analysis.tally.to_string())
    )?;
    write!(
        out,
        "<dl class=\"meta\"><dt>Map</dt><dd><code>{}</code></dd>",
        text(ctx.source)
    )?;
    if let Some(hash) = ctx.map_sha256() {
        write!(
            out,
            "<dt>SHA-256 of the map</dt><dd><code>{hash}</code></dd>"
        )?;
    }
    write!(out, "<dt>Made with</dt><dd>touchpoint {VERSION}</dd>")?;
    if let Some(date) = &ctx.options.date {
        write!(out, "<dt>Date</dt><dd>{}</dd>", text(date))?;
    }
    out.write_str("</dl>\n</header>\n")?;
    out.write_str(
        "<nav><a href=\"#diagram\">Diagram</a> <a href=\"#findings\">Findings</a> \
                  <a href=\"#inventory\">Data inventory</a> <a href=\"#record\">Record of \
                  processing</a></nav>\n",
    )
}

/// The diagram: on screen in a scrolling frame that keeps lane and stage names in view; in
/// print one page per stage when there are several, else the one diagram fitted to its page.
fn diagram_section(
    out: &mut dyn fmt::Write,
    ctx: &ExportContext<'_>,
    diagram: &Diagram<'_>,
) -> fmt::Result {
    let per_stage = diagram.stages.len() > 1;
    writeln!(
        out,
        "<section id=\"diagram\">\n<h2{}>Journey and privacy overlay</h2>",
        if per_stage {
            " class=\"screen-only\""
        } else {
            ""
        }
    )?;
    let mut svg_text = String::new();
    let frame = svg::element(&mut svg_text, ctx, diagram, IDS)?;
    if per_stage {
        out.write_str(
            "<p class=\"screen-only hint\">Scroll the diagram: lane and stage names stay in \
             view. Printed, each stage gets a page of its own.</p>\n",
        )?;
    }
    writeln!(
        out,
        "<div class=\"figure{}\">",
        if per_stage {
            " screen-only".to_string()
        } else {
            format!(" page {}", orientation(&frame))
        }
    )?;
    writeln!(
        out,
        "<div class=\"frame\" style=\"width:{}px;height:{}px\">",
        frame.width, frame.height
    )?;
    out.write_str(&svg_text)?;
    freeze_panes(out, &frame)?;
    out.write_str("</div>\n</div>\n")?;
    if per_stage {
        out.write_str("<div class=\"print-only\">\n")?;
        for (k, &stage) in diagram.stages.iter().enumerate() {
            let d = Diagram::of_stage(ctx, stage);
            let mut stage_svg = String::new();
            let frame = svg::element(&mut stage_svg, ctx, &d, &format!("tp-p{k}-"))?;
            writeln!(
                out,
                "<div class=\"page {}\">\n<h3>Journey and privacy overlay · stage {} of {}: \
                 {}</h3>",
                orientation(&frame),
                k + 1,
                diagram.stages.len(),
                text(diagram.stage_name(stage))
            )?;
            out.write_str(&stage_svg)?;
            out.write_str("</div>\n")?;
        }
        out.write_str("</div>\n")?;
    }
    out.write_str("</section>\n")
}

/// `wide` (a landscape page) or `tall` (portrait): whichever prints the drawing larger.
fn orientation(frame: &Frame) -> &'static str {
    let (w, h) = (frame.width.max(1) as f64, frame.height.max(1) as f64);
    let landscape = (PAGE_LONG as f64 / w).min(PAGE_SHORT as f64 / h);
    let portrait = (PAGE_SHORT as f64 / w).min(PAGE_LONG as f64 / h);
    if landscape >= portrait {
        "wide"
    } else {
        "tall"
    }
}

/// Copies of the lane names, the stage names and their corner over the drawing, sticky to the
/// frame's edges so they stay in view while it scrolls. Hidden from screen readers (the
/// drawing has the same names) and from print.
fn freeze_panes(out: &mut dyn fmt::Write, f: &Frame) -> fmt::Result {
    let head_w = f.lane_head_right - f.left;
    let first = f.lanes.first().map_or(f.header_y + f.header_h, |l| l.0);
    let lanes_h: i64 = f.lanes.iter().map(|l| l.1).sum();
    writeln!(
        out,
        "<div class=\"freeze lanes\" aria-hidden=\"true\" style=\"width:{head_w}px;\
         height:{lanes_h}px;margin:{first}px 0 0 {}px\">",
        f.left
    )?;
    for (i, (y, h, name)) in f.lanes.iter().enumerate() {
        writeln!(
            out,
            "<div style=\"top:{}px;height:{h}px;background:{}\">{}</div>",
            y - first,
            svg::lane_fill(i),
            text(name)
        )?;
    }
    out.write_str("</div>\n")?;
    let grid_w = f.right - f.lane_head_right;
    writeln!(
        out,
        "<div class=\"freeze stages\" aria-hidden=\"true\" style=\"width:{grid_w}px;\
         height:{}px;margin:{}px 0 0 {}px\">",
        f.header_h, f.header_y, f.lane_head_right
    )?;
    for (left, right, name) in &f.stages {
        writeln!(
            out,
            "<div style=\"left:{}px;width:{}px\">{}</div>",
            left - f.lane_head_right,
            right - left,
            text(name)
        )?;
    }
    out.write_str("</div>\n")?;
    writeln!(
        out,
        "<div class=\"freeze corner\" aria-hidden=\"true\" style=\"width:{head_w}px;\
         height:{}px;margin:{}px 0 0 {}px\">channel \\ stage</div>",
        f.header_h, f.header_y, f.left
    )
}

fn badge(severity: Severity) -> String {
    let look = legend::look(Some(severity));
    format!(
        "<span class=\"sev {}\">{} {}</span>",
        look.word, look.symbol, look.word
    )
}

/// Text with Markdown code spans (`like this`) shown as `<code>`, everything else escaped.
fn rich(s: &str) -> String {
    let escaped = text(s);
    let parts: Vec<&str> = escaped.split('`').collect();
    // An unpaired backtick stays a backtick.
    let paired = parts.len() % 2 == 1;
    let mut out = String::with_capacity(escaped.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            out.push_str(part);
        } else if !paired && i == parts.len() - 1 {
            out.push('`');
            out.push_str(part);
        } else if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(part);
        } else {
            out.push_str("</code>");
            out.push_str(part);
        }
    }
    out
}

/// The findings, most severe first, each linked to its step in the diagram.
fn findings(out: &mut dyn fmt::Write, ctx: &ExportContext<'_>, d: &Diagram<'_>) -> fmt::Result {
    let journey = ctx.journey;
    let only = ctx.stage_filter().ok().flatten();
    let drawn: HashMap<&str, usize> = d
        .nodes
        .iter()
        .enumerate()
        .map(|(n, node)| (node.step.id.as_str(), n))
        .collect();
    let mut shown: Vec<FindingRef<'_>> = ctx
        .analysis
        .findings
        .iter()
        .filter(|f| {
            only.is_none()
                || f.step()
                    .and_then(|s| journey.step(s))
                    .is_some_and(|s| journey.stage_index(&s.stage) == only)
        })
        .collect();
    // Most severe first; the analysis's order (by place in the map) within a severity.
    shown.sort_by_key(|f| std::cmp::Reverse(f.severity()));
    writeln!(
        out,
        "<section id=\"findings\">\n<h2>Findings ({})</h2>",
        shown.len()
    )?;
    if shown.is_empty() {
        out.write_str("<p>No findings: every collection is justified and asked once.</p>\n")?;
        out.write_str("</section>\n")?;
        return Ok(());
    }
    out.write_str(
        "<p class=\"screen-only hint\">Most severe first. A step's name leads to it in the \
         diagram.</p>\n<table class=\"findings\">\n<thead><tr><th>Severity</th><th>Rule</th>\
         <th>Where</th><th>Finding</th><th>What to do</th></tr></thead>\n<tbody>\n",
    )?;
    let step_link = |id: &str| -> String {
        let title = text(journey.step_title(id));
        match drawn.get(id) {
            Some(&n) => format!("<a href=\"#{}\">“{title}”</a>", svg::step_id(IDS, n)),
            None => format!("“{title}”"),
        }
    };
    for f in shown {
        let mut place = Vec::new();
        if let Some(step) = f.step() {
            place.push(format!("step {}", step_link(step)));
        }
        if let Some(element) = f.element() {
            place.push(format!("element “{}”", text(journey.element_name(element))));
        }
        if let Some(pos) = f.pos() {
            place.push(format!("line {}", pos.line));
        }
        if let Some(phrase) = legend::related_phrase(f.rule()) {
            let related: Vec<String> = f
                .related()
                .filter(|r| Some(*r) != f.step())
                .map(step_link)
                .collect();
            if !related.is_empty() {
                place.push(format!("{phrase} {}", related.join(", ")));
            }
        }
        writeln!(
            out,
            "<tr class=\"{}\"><td>{}</td><td><code>{}</code> {}<br/><small>{}</small></td>\
             <td>{}</td><td>{}</td><td>{}</td></tr>",
            f.severity(),
            badge(f.severity()),
            f.rule().code,
            text(legend::kind(f.rule())),
            text(f.rule().name),
            place.join(", "),
            rich(&f.message()),
            rich(&f.help())
        )?;
    }
    out.write_str("</tbody>\n</table>\n</section>\n")
}

fn inventory_section(
    out: &mut dyn fmt::Write,
    ctx: &ExportContext<'_>,
    inventory: &Inventory<'_>,
    with_matrix: bool,
) -> fmt::Result {
    let table = rows(ctx, inventory);
    writeln!(
        out,
        "<section id=\"inventory\">\n<h2>Data inventory ({} collections)</h2>",
        table.len()
    )?;
    collections_table(out, &table)?;
    if with_matrix && !ctx.journey.elements.is_empty() {
        channel_matrix(out, ctx, inventory)?;
    }
    out.write_str("</section>\n")
}

/// The collections, in the short tables' columns, each row styled by its worst finding.
fn collections_table(out: &mut dyn fmt::Write, table: &[TableRow<'_>]) -> fmt::Result {
    let shown: Vec<usize> = (0..COLUMNS.len()).filter(|&i| COLUMNS[i].short).collect();
    let findings_col = COLUMNS.iter().position(|c| c.key == "findings");
    out.write_str("<table class=\"inventory\">\n<thead><tr>")?;
    for &i in &shown {
        write!(out, "<th>{}</th>", text(COLUMNS[i].heading))?;
    }
    out.write_str("</tr></thead>\n<tbody>\n")?;
    for row in table {
        let class = row.worst.map_or("clean", |s| s.label());
        write!(out, "<tr class=\"{class}\">")?;
        for &i in &shown {
            if Some(i) == findings_col {
                let badges: Vec<String> = row
                    .findings
                    .iter()
                    .map(|f| {
                        format!(
                            "<span class=\"sev {}\">{} {}</span>",
                            f.severity,
                            legend::look(Some(f.severity)).symbol,
                            f.rule.code
                        )
                    })
                    .collect();
                write!(out, "<td>{}</td>", badges.join(" "))?;
            } else {
                write!(out, "<td>{}</td>", text(&row.cells[i]))?;
            }
        }
        out.write_str("</tr>\n")?;
    }
    out.write_str("</tbody>\n</table>\n")
}

/// How often each channel collects each element, marked by the most severe finding.
fn channel_matrix(
    out: &mut dyn fmt::Write,
    ctx: &ExportContext<'_>,
    inventory: &Inventory<'_>,
) -> fmt::Result {
    out.write_str(
        "<h3>Elements by channel</h3>\n<p>How often each channel collects each element; \
         the symbol marks the most severe finding.</p>\n<table class=\"matrix\">\n\
         <thead><tr><th>Data element</th>",
    )?;
    for c in &ctx.journey.channels {
        write!(out, "<th>{}</th>", text(&c.name))?;
    }
    out.write_str("</tr></thead>\n<tbody>\n")?;
    for (e, element) in ctx.journey.elements.iter().enumerate() {
        write!(out, "<tr><th>{}</th>", text(&element.name))?;
        for cell in &inventory.by_channel[e] {
            match (cell.count, cell.worst) {
                (0, _) => out.write_str("<td></td>")?,
                (n, None) => write!(out, "<td>{n}</td>")?,
                (n, Some(w)) => write!(
                    out,
                    "<td class=\"{w}\">{n} {}</td>",
                    legend::look(Some(w)).symbol
                )?,
            }
        }
        out.write_str("</tr>\n")?;
    }
    out.write_str("</tbody>\n</table>\n")
}

fn fields_table(out: &mut dyn fmt::Write, fields: &[Field]) -> fmt::Result {
    out.write_str("<table class=\"record\">\n<tbody>\n")?;
    for f in fields {
        let entries: Vec<String> = f
            .entries
            .iter()
            .map(|e| match e {
                Entry::Missing(_) => format!("<span class=\"missing\">{}</span>", text(&e.text())),
                Entry::Note(_) => format!("<span class=\"note\">{}</span>", text(&e.text())),
                Entry::Given(_) => text(&e.text()),
            })
            .collect();
        writeln!(
            out,
            "<tr><th>{}<br/><small>{}</small></th><td>{}</td></tr>",
            text(f.name),
            text(f.article),
            entries.join("<br/>")
        )?;
    }
    out.write_str("</tbody>\n</table>\n")
}

fn record_section(out: &mut dyn fmt::Write, record: &Record) -> fmt::Result {
    out.write_str(
        "<section id=\"record\">\n<h2>Record of processing activities (GDPR Art. 30)</h2>\n\
         <p>Grouped by processing activity (or, where a collection names none, by purpose). \
         <span class=\"missing\">missing</span> marks what the record needs and the map does \
         not say.</p>\n<h3>This record</h3>\n",
    )?;
    fields_table(out, &record.about)?;
    out.write_str("<h3>Controller</h3>\n")?;
    fields_table(out, &record.controller)?;
    for (i, a) in record.activities.iter().enumerate() {
        writeln!(
            out,
            "<div class=\"activity\">\n<h3>{}. {}</h3>",
            i + 1,
            text(&a.name)
        )?;
        fields_table(out, &a.fields)?;
        write!(
            out,
            "<p class=\"where\">Collected at: {}",
            text(&a.collected_at.join("; "))
        )?;
        if !a.findings.is_empty() {
            write!(out, " · findings: {}", text(&a.findings.join(", ")))?;
        }
        out.write_str("</p>\n</div>\n")?;
    }
    out.write_str("</section>\n")
}
