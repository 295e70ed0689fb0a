//! The record of processing (GDPR Art. 30(1)) as CSV: one row per activity, one column per
//! field, "missing: ..." where the map is silent; with `--bom`, a UTF-8 byte-order mark first.

use std::fmt;

use super::escape::csv::Records;
use super::ropa::{ACTIVITY_FIELDS, Record};
use super::{BOM, ExportContext, ExportError, Exporter};
use touchpoint_engine::inventory::Inventory;

pub struct RopaCsv;

impl Exporter for RopaCsv {
    fn id(&self) -> &'static str {
        "ropa-csv"
    }

    fn extension(&self) -> &'static str {
        "csv"
    }

    fn description(&self) -> &'static str {
        "Record of processing (GDPR Art. 30) as CSV: one row per activity"
    }

    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError> {
        ctx.stage_filter()?;
        let inventory = Inventory::new(ctx.journey, ctx.analysis);
        let rec = Record::new(ctx, &inventory);
        let mut header: Vec<String> = vec!["Activity".to_string()];
        header.extend(rec.about.iter().map(|f| f.name.to_string()));
        header.extend(rec.controller.iter().map(|f| f.name.to_string()));
        header.extend(ACTIVITY_FIELDS.iter().map(|(name, _)| name.to_string()));
        header.push("Collected at".to_string());
        header.push("Findings".to_string());
        if ctx.options.bom {
            out.write_char(BOM)?;
        }
        let mut records = Records::new(out);
        records.write(&header)?;
        for (i, activity) in rec.activities.iter().enumerate() {
            let mut cells = vec![(i + 1).to_string()];
            cells.extend(rec.about.iter().map(|f| f.text()));
            cells.extend(rec.controller.iter().map(|f| f.text()));
            cells.extend(activity.fields.iter().map(|f| f.text()));
            cells.push(activity.collected_at.join("; "));
            cells.push(activity.findings.join("; "));
            records.write(&cells)?;
        }
        records.finish()
    }
}
