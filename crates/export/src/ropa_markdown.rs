//! The record of processing (GDPR Art. 30(1)) as Markdown: the record's owner and version, the
//! controller, then one section per processing activity with every field the article asks
//! for, "missing" where the map is silent.

use std::fmt;

use super::escape::markdown::inline;
use super::ropa::{Entry, Field, Record};
use super::{ExportContext, ExportError, Exporter};
use touchpoint_engine::inventory::Inventory;

pub struct RopaMarkdown;

impl Exporter for RopaMarkdown {
    fn id(&self) -> &'static str {
        "ropa-md"
    }

    fn extension(&self) -> &'static str {
        "md"
    }

    fn description(&self) -> &'static str {
        "Record of processing (GDPR Art. 30) as Markdown, grouped by activity"
    }

    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError> {
        let only = ctx.stage_filter()?;
        let inventory = Inventory::new(ctx.journey, ctx.analysis);
        let record = Record::new(ctx, &inventory);
        write!(
            out,
            "# Record of processing activities: {}\n\n",
            inline(&record.title)
        )?;
        if let Some(s) = only {
            writeln!(out, "Stage: {}\n", inline(&ctx.journey.stages[s].name))?;
        }
        let gaps = record
            .about
            .iter()
            .chain(&record.controller)
            .chain(record.activities.iter().flat_map(|a| &a.fields))
            .filter(|f| f.is_missing())
            .count();
        writeln!(
            out,
            "Under GDPR Art. 30(1), from the journey map `{}`. {} processing {}, grouped by \
             activity (else purpose); {gaps} field{} marked **missing** where the map does not say.\n",
            inline(ctx.source),
            record.activities.len(),
            if record.activities.len() == 1 {
                "activity"
            } else {
                "activities"
            },
            if gaps == 1 { " is" } else { "s are" },
        )?;
        out.write_str("## This record\n\n")?;
        fields_table(out, &record.about)?;
        out.write_str("\n## Controller\n\n")?;
        fields_table(out, &record.controller)?;
        for (i, activity) in record.activities.iter().enumerate() {
            writeln!(out, "\n## {}. {}\n", i + 1, inline(&activity.name))?;
            fields_table(out, &activity.fields)?;
            writeln!(
                out,
                "\nCollected at: {}.",
                activity
                    .collected_at
                    .iter()
                    .map(|s| inline(s))
                    .collect::<Vec<_>>()
                    .join("; ")
            )?;
            if !activity.findings.is_empty() {
                writeln!(
                    out,
                    "\nFindings on these collections: {} (see `touchpoint check`).",
                    activity.findings.join(", ")
                )?;
            }
        }
        Ok(())
    }
}

fn fields_table(out: &mut dyn fmt::Write, fields: &[Field]) -> fmt::Result {
    out.write_str("| Field | Article | Record |\n|---|---|---|\n")?;
    for f in fields {
        let entries: Vec<String> = f
            .entries
            .iter()
            .map(|e| match e {
                Entry::Missing(_) => format!("**{}**", inline(&e.text())),
                Entry::Note(_) => format!("_{}_", inline(&e.text())),
                Entry::Given(_) => inline(&e.text()),
            })
            .collect();
        writeln!(
            out,
            "| {} | {} | {} |",
            f.name,
            f.article,
            entries.join("<br>")
        )?;
    }
    Ok(())
}
