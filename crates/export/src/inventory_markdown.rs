//! The data inventory as Markdown: the collections table and the element by channel matrix.

use std::fmt::Write;

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

    fn export(&self, ctx: &ExportContext<'_>) -> Result<String, ExportError> {
        let only = ctx.stage_filter()?;
        let journey = ctx.journey;
        let inventory = Inventory::new(journey, ctx.analysis);
        let mut out = format!("# Data inventory: {}\n\n", inline(&journey.meta.title));
        if let Some(s) = only {
            let _ = writeln!(out, "Stage: {}\n", inline(&journey.stages[s].name));
        }
        let table = rows(ctx, &inventory);
        let _ = writeln!(
            out,
            "{} collections of personal data. Findings: {}.\n",
            table.len(),
            legend::key_line()
        );
        out.push_str("## Collections\n\n");
        let shown: Vec<usize> = (0..COLUMNS.len()).filter(|&i| COLUMNS[i].short).collect();
        let heads: Vec<&str> = shown.iter().map(|&i| COLUMNS[i].heading).collect();
        let _ = writeln!(out, "| {} |", heads.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(shown.len()));
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
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        if only.is_none() {
            matrix(&mut out, ctx, &inventory);
        }
        Ok(out)
    }
}

/// Which channels collect which elements, and how often.
fn matrix(out: &mut String, ctx: &ExportContext<'_>, inventory: &Inventory<'_>) {
    let journey = ctx.journey;
    out.push_str("\n## Elements by channel\n\n");
    out.push_str(
        "How many times each channel collects each element; the symbol marks the most severe \
         finding.\n\n",
    );
    let mut heads = vec!["Data element".to_string()];
    heads.extend(journey.channels.iter().map(|c| inline(&c.name)));
    let _ = writeln!(out, "| {} |", heads.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(heads.len()));
    for (e, element) in journey.elements.iter().enumerate() {
        let mut cells = vec![inline(&element.name)];
        for cell in &inventory.by_channel[e] {
            cells.push(match (cell.count, cell.worst) {
                (0, _) => String::new(),
                (n, None) => n.to_string(),
                (n, w) => format!("{n} {}", legend::look(w).symbol),
            });
        }
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}
