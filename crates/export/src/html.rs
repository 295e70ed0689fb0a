//! The HTML report: one self-contained, printable file with the SVG diagram, the findings,
//! the data inventory and the record of processing. Inline CSS and SVG only; it fetches
//! nothing, runs no script.

use std::fmt::Write;

use super::escape::xml::text;
use super::inventory_table::{COLUMNS, rows};
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

    fn export(&self, ctx: &ExportContext<'_>) -> Result<String, ExportError> {
        let only = ctx.stage_filter()?;
        let journey = ctx.journey;
        let diagram = svg::render(ctx)?;
        let inventory = Inventory::new(journey, ctx.analysis);
        let record = Record::new(ctx, &inventory);
        let meta = &journey.meta;
        let mut title = meta.title.clone();
        if let Some(s) = only {
            title = format!("{title}: {}", journey.stages[s].name);
        }

        let mut out = String::with_capacity(diagram.len() + 64 * 1024);
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        let _ = writeln!(out, "<title>{} · touchpoint report</title>", text(&title));
        let _ = writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>\n<main>");
        let _ = writeln!(out, "<header>\n<h1>{}</h1>", text(&title));
        if let Some(d) = &meta.description {
            let _ = writeln!(out, "<p class=\"lead\">{}</p>", text(d));
        }
        let tally = ctx.analysis.tally;
        let _ = writeln!(
            out,
            "<p class=\"facts\">Map <code>{}</code> · {} steps · {} channels · {} stages · {} \
             collections · findings: {}</p>\n</header>",
            text(ctx.source),
            journey.step_count(),
            journey.channels.len(),
            journey.stages.len(),
            inventory.rows.len(),
            text(&tally.to_string())
        );
        out.push_str(
            "<nav><a href=\"#diagram\">Diagram</a> <a href=\"#findings\">Findings</a> \
                      <a href=\"#inventory\">Data inventory</a> <a href=\"#record\">Record of \
                      processing</a></nav>\n",
        );

        out.push_str("<section id=\"diagram\">\n<h2>Journey and privacy overlay</h2>\n");
        out.push_str("<div class=\"figure\">\n");
        out.push_str(&diagram);
        out.push_str("</div>\n</section>\n");

        findings(&mut out, ctx);
        inventory_section(&mut out, ctx, &inventory, only.is_none());
        record_section(&mut out, &record);
        out.push_str(
            "<footer>Made with touchpoint. The same map always gives the same report.</footer>\n",
        );
        out.push_str("</main>\n</body>\n</html>\n");
        Ok(out)
    }
}

fn badge(severity: touchpoint_engine::analysis::Severity) -> String {
    let look = legend::look(Some(severity));
    format!(
        "<span class=\"sev {}\">{} {}</span>",
        look.word, look.symbol, look.word
    )
}

fn findings(out: &mut String, ctx: &ExportContext<'_>) {
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
    let _ = writeln!(
        out,
        "<section id=\"findings\">\n<h2>Findings ({})</h2>",
        shown.len()
    );
    if shown.is_empty() {
        out.push_str("<p>No findings: every collection is justified and asked once.</p>\n");
        out.push_str("</section>\n");
        return;
    }
    out.push_str(
        "<table class=\"findings\">\n<thead><tr><th>Severity</th><th>Rule</th><th>Where</th>\
         <th>Finding</th><th>What to do</th></tr></thead>\n<tbody>\n",
    );
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
        let _ = writeln!(
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
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn inventory_section(
    out: &mut String,
    ctx: &ExportContext<'_>,
    inventory: &Inventory<'_>,
    with_matrix: bool,
) {
    let table = rows(ctx, inventory);
    let _ = writeln!(
        out,
        "<section id=\"inventory\">\n<h2>Data inventory ({} collections)</h2>",
        table.len()
    );
    let shown: Vec<usize> = (0..COLUMNS.len()).filter(|&i| COLUMNS[i].short).collect();
    let findings_col = COLUMNS.iter().position(|c| c.key == "findings");
    out.push_str("<table class=\"inventory\">\n<thead><tr>");
    for &i in &shown {
        let _ = write!(out, "<th>{}</th>", text(COLUMNS[i].heading));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table {
        let class = row.worst.map_or("clean", |s| s.label());
        let _ = write!(out, "<tr class=\"{class}\">");
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
                let _ = write!(out, "<td>{}</td>", badges.join(" "));
            } else {
                let _ = write!(out, "<td>{}</td>", text(&row.cells[i]));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if with_matrix && !ctx.journey.elements.is_empty() {
        out.push_str(
            "<h3>Elements by channel</h3>\n<p>How often each channel collects each element; \
             the symbol marks the most severe finding.</p>\n<table class=\"matrix\">\n\
             <thead><tr><th>Data element</th>",
        );
        for c in &ctx.journey.channels {
            let _ = write!(out, "<th>{}</th>", text(&c.name));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for (e, element) in ctx.journey.elements.iter().enumerate() {
            let _ = write!(out, "<tr><th>{}</th>", text(&element.name));
            for cell in &inventory.by_channel[e] {
                match (cell.count, cell.worst) {
                    (0, _) => out.push_str("<td></td>"),
                    (n, None) => {
                        let _ = write!(out, "<td>{n}</td>");
                    }
                    (n, Some(w)) => {
                        let _ = write!(
                            out,
                            "<td class=\"{w}\">{n} {}</td>",
                            legend::look(Some(w)).symbol
                        );
                    }
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn fields_table(out: &mut String, fields: &[Field]) {
    out.push_str("<table class=\"record\">\n<tbody>\n");
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
        let _ = writeln!(
            out,
            "<tr><th>{}<br/><small>{}</small></th><td>{}</td></tr>",
            text(f.name),
            text(f.article),
            entries.join("<br/>")
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn record_section(out: &mut String, record: &Record) {
    out.push_str(
        "<section id=\"record\">\n<h2>Record of processing activities (GDPR Art. 30)</h2>\n\
         <p>Grouped by purpose. <span class=\"missing\">missing</span> marks what the record \
         needs and the map does not say.</p>\n<h3>Controller</h3>\n",
    );
    fields_table(out, &record.controller);
    for (i, a) in record.activities.iter().enumerate() {
        let _ = writeln!(
            out,
            "<div class=\"activity\">\n<h3>{}. {}</h3>",
            i + 1,
            text(&a.purpose)
        );
        fields_table(out, &a.fields);
        let _ = write!(
            out,
            "<p class=\"where\">Collected at: {}",
            text(&a.collected_at.join("; "))
        );
        if !a.findings.is_empty() {
            let _ = write!(out, " · findings: {}", text(&a.findings.join(", ")));
        }
        out.push_str("</p>\n</div>\n");
    }
    out.push_str("</section>\n");
}
