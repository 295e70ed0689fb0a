//! The data inventory as Markdown: the collections table and the element by channel matrix.

use std::fmt;

use super::escape::markdown::inline;
use super::inventory_table::{COLUMNS, rows};
use super::legend;
use super::{ExportContext, ExportError, Exporter};
use touchpoint_engine::inventory::Inventory;

pub struct InventoryMarkdown;

impl Exporter for InventoryMarkdown {
    fn id(&self) -> &'static str {
        "inventory-md"
    }

    fn extension(&self) -> &'static str {
        "md"
    }

    fn description(&self) -> &'static str {
        "Data inventory as Markdown: collections table and element x channel matrix"
    }

    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError> {
        let only = ctx.stage_filter()?;
        let journey = ctx.journey;
        let inventory = Inventory::new(journey, ctx.analysis);
        write!(out, "# Data inventory: {}\n\n", inline(&journey.meta.title))?;
        if let Some(s) = only {
            writeln!(out, "Stage: {}\n", inline(&journey.stages[s].name))?;
        }
        let table = rows(ctx, &inventory);
        writeln!(
            out,
            "{} collections of personal data. Findings: {}.\n",
            table.len(),
            legend::key_line()
        )?;
        out.write_str("## Collections\n\n")?;
        let shown: Vec<usize> = (0..COLUMNS.len()).filter(|&i| COLUMNS[i].short).collect();
        let heads: Vec<&str> = shown.iter().map(|&i| COLUMNS[i].heading).collect();
        writeln!(out, "| {} |", heads.join(" | "))?;
        writeln!(out, "|{}", "---|".repeat(shown.len()))?;
        let findings_col = COLUMNS.iter().position(|c| c.key == "findings");
        for row in &table {
            let cells: Vec<String> = shown
                .iter()
                .map(|&i| {
                    if Some(i) == findings_col {
                        row.findings
                            .iter()
                            .map(|f| {
                                format!(
                                    "{} {} {}",
                                    legend::look(Some(f.severity)).symbol,
                                    f.rule.code,
                                    inline(f.rule.name)
                                )
                            })
                            .collect::<Vec<_>>()
                            .join("<br>")
                    } else {
                        inline(&row.cells[i])
                    }
                })
                .collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        if only.is_none() {
            matrix(out, ctx, &inventory)?;
        }
        Ok(())
    }
}

/// Which channels collect which elements, and how often.
fn matrix(
    out: &mut dyn fmt::Write,
    ctx: &ExportContext<'_>,
    inventory: &Inventory<'_>,
) -> fmt::Result {
    let journey = ctx.journey;
    out.write_str("\n## Elements by channel\n\n")?;
    out.write_str(
        "How many times each channel collects each element; the symbol marks the most severe \
         finding.\n\n",
    )?;
    let mut heads = vec!["Data element".to_string()];
    heads.extend(journey.channels.iter().map(|c| inline(&c.name)));
    writeln!(out, "| {} |", heads.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(heads.len()))?;
    for (e, element) in journey.elements.iter().enumerate() {
        let mut cells = vec![inline(&element.name)];
        for cell in &inventory.by_channel[e] {
            cells.push(match (cell.count, cell.worst) {
                (0, _) => String::new(),
                (n, None) => n.to_string(),
                (n, w) => format!("{n} {}", legend::look(w).symbol),
            });
        }
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}
