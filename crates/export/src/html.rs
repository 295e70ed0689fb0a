//! The HTML report: one self-contained, printable file with the SVG diagram, the findings,
//! the data inventory and the record of processing. Inline CSS and SVG only; it fetches
//! nothing, runs no script.

use std::fmt;

use super::diagram::Diagram;
use super::escape::xml::text;
use super::inventory_table::{COLUMNS, TableRow, rows};
use super::legend;
use super::ropa::{Entry, Field, Record};
use super::{ExportContext, ExportError, Exporter, svg};
use touchpoint_engine::inventory::Inventory;

const STYLE: &str = include_str!("html.css");

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
        out.write_str("<section id=\"diagram\">\n<h2>Journey and privacy overlay</h2>\n")?;
        out.write_str("<div class=\"figure\">\n")?;
        svg::element(out, ctx, &diagram, "tp-")?;
        out.write_str("</div>\n</section>\n")?;
        findings(out, ctx)?;
        inventory_section(out, ctx, &inventory, only.is_none())?;
        record_section(out, &record)?;
        out.write_str(
            "<footer>Made with touchpoint. The same map always gives the same report.</footer>\n",
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
    writeln!(out, "<title>{} · touchpoint report</title>", text(title))?;
    writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>\n<main>")?;
    writeln!(out, "<header>\n<h1>{}</h1>", text(title))?;
    if let Some(d) = &journey.meta.description {
        writeln!(out, "<p class=\"lead\">{}</p>", text(d))?;
    }
    writeln!(
        out,
        "<p class=\"facts\">Map <code>{}</code> · {} steps · {} channels · {} stages · {} \
         collections · findings: {}</p>\n</header>",
        text(ctx.source),
        journey.step_count(),
        journey.channels.len(),
        journey.stages.len(),
        inventory.rows.len(),
        text(&ctx.analysis.tally.to_string())
    )?;
    out.write_str(
        "<nav><a href=\"#diagram\">Diagram</a> <a href=\"#findings\">Findings</a> \
                  <a href=\"#inventory\">Data inventory</a> <a href=\"#record\">Record of \
                  processing</a></nav>\n",
    )
}

fn badge(severity: touchpoint_engine::analysis::Severity) -> String {
    let look = legend::look(Some(severity));
    format!(
        "<span class=\"sev {}\">{} {}</span>",
        look.word, look.symbol, look.word
    )
}

fn findings(out: &mut dyn fmt::Write, ctx: &ExportContext<'_>) -> fmt::Result {
    let journey = ctx.journey;
    let only = ctx.stage_filter().ok().flatten();
    let shown: Vec<_> = ctx
        .analysis
        .findings
        .iter()
        .filter(|f| {
            only.is_none()
                || f.step
                    .as_deref()
                    .and_then(|s| journey.step(s))
                    .is_some_and(|s| journey.stage_index(&s.stage) == only)
        })
        .collect();
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
        "<table class=\"findings\">\n<thead><tr><th>Severity</th><th>Rule</th><th>Where</th>\
         <th>Finding</th><th>What to do</th></tr></thead>\n<tbody>\n",
    )?;
    for f in shown {
        let mut place = Vec::new();
        if let Some(step) = &f.step {
            place.push(format!("step “{}”", journey.step_title(step)));
        }
        if let Some(element) = &f.element {
            place.push(format!("element “{}”", journey.element_name(element)));
        }
        if let Some(pos) = f.pos {
            place.push(format!("line {}", pos.line));
        }
        writeln!(
            out,
            "<tr class=\"{}\"><td>{}</td><td><code>{}</code> {}</td><td>{}</td><td>{}</td>\
             <td>{}</td></tr>",
            f.severity,
            badge(f.severity),
            f.rule.code,
            text(f.rule.name),
            text(&place.join(", ")),
            text(&f.message),
            text(&f.help)
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
         <p>Grouped by purpose. <span class=\"missing\">missing</span> marks what the record \
         needs and the map does not say.</p>\n<h3>Controller</h3>\n",
    )?;
    fields_table(out, &record.controller)?;
    for (i, a) in record.activities.iter().enumerate() {
        writeln!(
            out,
            "<div class=\"activity\">\n<h3>{}. {}</h3>",
            i + 1,
            text(&a.purpose)
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
