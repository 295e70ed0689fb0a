//! The workshop minutes as Markdown, ready to paste into the meeting notes: participants,
//! finding counts before and after, every decision, the actions with owners and due dates,
//! and the collections dropped. Map text is escaped so that it shows literally.

use std::fmt;

use super::escape::markdown::inline;
use super::minutes::{Minutes, counts};
use super::{ExportContext, ExportError, Exporter};
use touchpoint_engine::journey::Outcome;

pub struct MinutesMarkdown;

impl Exporter for MinutesMarkdown {
    fn id(&self) -> &'static str {
        "minutes-md"
    }

    fn extension(&self) -> &'static str {
        "minutes.md"
    }

    fn description(&self) -> &'static str {
        "Minutes of the map's latest review as Markdown: decisions, actions, what was dropped"
    }

    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError> {
        let m = Minutes::new(ctx)?;
        writeln!(out, "# Review minutes: {}\n", inline(m.title))?;
        let Some(review) = m.review else {
            writeln!(
                out,
                "No review is recorded in `{}`: `touchpoint review FILE` runs one.",
                inline(m.source)
            )?;
            return Ok(());
        };
        writeln!(
            out,
            "Review of {} on the map `{}`{}: {}.\n",
            inline(&review.date),
            inline(m.source),
            m.after_earlier(),
            m.tally()
        )?;
        writeln!(out, "**Participants:** {}\n", m.participants(inline))?;
        if let Some(f) = review.findings {
            writeln!(
                out,
                "**Findings:** before {} · after {}\n",
                counts(&f.before),
                counts(&f.after)
            )?;
        }
        out.write_str("## Decisions\n\n| Step | Data | Outcome | Note |\n|---|---|---|---|\n")?;
        for i in &m.items {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                step(&i.step, i.channel.as_deref()),
                inline(&i.element),
                i.outcome.label(),
                i.note.as_deref().map(inline).unwrap_or_default()
            )?;
        }
        let actions: Vec<_> = m.with(Outcome::Deferred).collect();
        if !actions.is_empty() {
            out.write_str(
                "\n## Actions\n\n| Owner | Due | Step | Data | Note |\n|---|---|---|---|---|\n",
            )?;
            for i in actions {
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    i.owner.as_deref().map(inline).unwrap_or_default(),
                    i.due.as_deref().map(inline).unwrap_or_default(),
                    step(&i.step, i.channel.as_deref()),
                    inline(&i.element),
                    i.note.as_deref().map(inline).unwrap_or_default()
                )?;
            }
        }
        let dropped: Vec<_> = m.with(Outcome::Dropped).collect();
        if !dropped.is_empty() {
            out.write_str("\n## Collections dropped\n\n")?;
            for i in dropped {
                writeln!(
                    out,
                    "- {} at {}",
                    inline(&i.element),
                    step(&i.step, i.channel.as_deref())
                )?;
            }
        }
        Ok(())
    }
}

/// "Show ID in the shop (Shop)".
fn step(title: &str, channel: Option<&str>) -> String {
    match channel {
        Some(c) => format!("{} ({})", inline(title), inline(c)),
        None => inline(title),
    }
}
