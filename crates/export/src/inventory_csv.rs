//! The data inventory as CSV: one row per collection, every column, for spreadsheets; with
//! `--bom`, a UTF-8 byte-order mark first, which Excel on Windows needs to read UTF-8.

use std::fmt;

use super::escape::csv::Records;
use super::inventory_table::{COLUMNS, rows};
use super::{BOM, ExportContext, ExportError, Exporter};
use touchpoint_engine::inventory::Inventory;

pub struct InventoryCsv;

impl Exporter for InventoryCsv {
    fn id(&self) -> &'static str {
        "inventory-csv"
    }

    fn extension(&self) -> &'static str {
        "csv"
    }

    fn description(&self) -> &'static str {
        "Data inventory as CSV: one row per collection (purpose, basis, retention, findings)"
    }

    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError> {
        ctx.stage_filter()?;
        let inventory = Inventory::new(ctx.journey, ctx.analysis);
        let header: Vec<&str> = COLUMNS.iter().map(|c| c.heading).collect();
        if ctx.options.bom {
            out.write_char(BOM)?;
        }
        let mut records = Records::new(out);
        records.write(&header)?;
        for row in rows(ctx, &inventory) {
            records.write(&row.cells)?;
        }
        records.finish()
    }
}
