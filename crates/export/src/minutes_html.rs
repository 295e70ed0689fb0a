//! The workshop minutes as one self-contained HTML page (no scripts, no network), for a
//! meeting-notes tool that takes HTML or for printing: the same content as the Markdown
//! minutes, every piece of map text escaped.

use std::fmt;

use super::escape::xml::text;
use super::minutes::{Item, Minutes, counts};
use super::{ExportContext, ExportError, Exporter};
use touchpoint_engine::journey::Outcome;

pub struct MinutesHtml;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;\
padding:0 1rem;line-height:1.4}table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}\
th{background:#eee}";

impl Exporter for MinutesHtml {
    fn id(&self) -> &'static str {
        "minutes-html"
    }

    fn extension(&self) -> &'static str {
        "minutes.html"
    }

    fn description(&self) -> &'static str {
        "Minutes of the map's latest review as a self-contained HTML page"
    }

    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError> {
        let m = Minutes::new(ctx)?;
        out.write_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")?;
        writeln!(out, "<title>Review minutes: {}</title>", text(m.title))?;
        writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>")?;
        writeln!(out, "<h1>Review minutes: {}</h1>", text(m.title))?;
        let Some(review) = m.review else {
            writeln!(
                out,
                "<p>No review is recorded in <code>{}</code>: <code>touchpoint review FILE</code> \
                 runs one.</p>\n</body>\n</html>",
                text(m.source)
            )?;
            return Ok(());
        };
        writeln!(
            out,
            "<p>Review of {} on the map <code>{}</code>{}: {}.</p>",
            text(&review.date),
            text(m.source),
            m.after_earlier(),
            text(&m.tally())
        )?;
        writeln!(
            out,
            "<p><strong>Participants:</strong> {}</p>",
            m.participants(text)
        )?;
        if let Some(f) = review.findings {
            writeln!(
                out,
                "<p><strong>Findings:</strong> before {} · after {}</p>",
                counts(&f.before),
                counts(&f.after)
            )?;
        }
        out.write_str(
            "<h2>Decisions</h2>\n<table>\n<tr><th>Step</th><th>Data</th><th>Outcome</th>\
             <th>Note</th></tr>\n",
        )?;
        for i in &m.items {
            writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                step(i),
                text(&i.element),
                i.outcome.label(),
                opt(i.note.as_deref())
            )?;
        }
        out.write_str("</table>\n")?;
        let actions: Vec<_> = m.with(Outcome::Deferred).collect();
        if !actions.is_empty() {
            out.write_str(
                "<h2>Actions</h2>\n<table>\n<tr><th>Owner</th><th>Due</th><th>Step</th>\
                 <th>Data</th><th>Note</th></tr>\n",
            )?;
            for i in actions {
                writeln!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    opt(i.owner.as_deref()),
                    opt(i.due.as_deref()),
                    step(i),
                    text(&i.element),
                    opt(i.note.as_deref())
                )?;
            }
            out.write_str("</table>\n")?;
        }
        let dropped: Vec<_> = m.with(Outcome::Dropped).collect();
        if !dropped.is_empty() {
            out.write_str("<h2>Collections dropped</h2>\n<ul>\n")?;
            for i in dropped {
                writeln!(out, "<li>{} at {}</li>", text(&i.element), step(i))?;
            }
            out.write_str("</ul>\n")?;
        }
        out.write_str("</body>\n</html>\n")?;
        Ok(())
    }
}

fn opt(value: Option<&str>) -> String {
    value.map(text).unwrap_or_default()
}

fn step(i: &Item) -> String {
    match &i.channel {
        Some(c) => format!("{} ({})", text(&i.step), text(c)),
        None => text(&i.step),
    }
}
