//! The data inventory as a table of plain text cells, shared by its CSV, Markdown and HTML
//! exports so they agree column for column. Built on [`touchpoint_engine::inventory::Inventory`].

use touchpoint_engine::analysis::{Note, Severity, is_placeholder};
use touchpoint_engine::inventory::{Inventory, Row};
use touchpoint_engine::journey::{Collection, Method, Sensitivity};

use super::ExportContext;

/// A column: its CSV name, its heading for people, and whether the short tables show it.
pub(crate) struct Column {
    pub key: &'static str,
    pub heading: &'static str,
    pub short: bool,
}

const fn col(key: &'static str, heading: &'static str, short: bool) -> Column {
    Column {
        key,
        heading,
        short,
    }
}

/// Every column, in order. The CSV heads its columns with the headings, as the record of
/// processing's CSV does, so a spreadsheet reads the same words in both.
pub(crate) const COLUMNS: [Column; 20] = [
    col("step_id", "Step id", false),
    col("step", "Step", true),
    col("channel", "Channel", true),
    col("stage", "Stage", true),
    col("element_id", "Element id", false),
    col("element", "Data element", true),
    col("category", "Category", true),
    col("sensitivity", "Sensitivity", false),
    col("purpose", "Purpose", true),
    col("data_use", "Data use", false),
    col("basis", "Lawful basis", true),
    col("condition", "Art. 9/10 condition", true),
    col("retention", "Retention", true),
    col("benefit", "Benefit to the customer", false),
    col("method", "How taken", false),
    col("optional", "Optional", false),
    col("storage", "Stored in", true),
    col("repeat_reason", "Repeat reason", false),
    col("worst", "Worst finding", false),
    col("findings", "Findings", true),
];

/// One inventory row as text cells (one per column), plus its findings for styling.
pub(crate) struct TableRow<'r> {
    pub cells: Vec<String>,
    pub worst: Option<Severity>,
    pub findings: Vec<&'r Note>,
}

/// The rows `--stage` keeps, in file order.
pub(crate) fn rows<'r>(ctx: &ExportContext<'r>, inventory: &'r Inventory<'r>) -> Vec<TableRow<'r>> {
    let journey = ctx.journey;
    let only = ctx.stage_filter().ok().flatten();
    inventory
        .rows
        .iter()
        .filter(|r| only.is_none() || journey.stage_index(r.stage) == only)
        .map(|row| table_row(ctx, row))
        .collect()
}

fn table_row<'r>(ctx: &ExportContext<'r>, row: &'r Row<'r>) -> TableRow<'r> {
    let journey = ctx.journey;
    let col = row.detail;
    let findings: Vec<&Note> = row
        .findings
        .iter()
        .map(|&i| &ctx.analysis.findings[i])
        .collect();
    let worst = findings.iter().map(|f| f.severity).max();
    let sensitivity = journey
        .element(row.element)
        .map_or(Sensitivity::Ordinary, |e| journey.sensitivity(e));
    let storage: Vec<&str> = col
        .stored_in
        .iter()
        .map(|s| journey.system(s).map_or(s.as_str(), |x| x.name.as_str()))
        .collect();
    let stage = journey
        .stage(row.stage)
        .map_or(row.stage, |s| s.name.as_str());
    let finding_text: Vec<String> = findings
        .iter()
        .map(|f| format!("{} {} ({})", f.rule.code, f.rule.name, f.severity))
        .collect();
    let cells = vec![
        row.step.to_string(),
        row.step_title.to_string(),
        journey.channel_name(row.channel).to_string(),
        stage.to_string(),
        row.element.to_string(),
        row.element_name.to_string(),
        row.category.to_string(),
        sensitivity.label().to_string(),
        col.purpose.clone().unwrap_or_default(),
        col.data_use.clone().unwrap_or_default(),
        col.basis
            .map(|b| format!("{} ({})", b.label(), b.article()))
            .unwrap_or_default(),
        col.condition
            .map(|c| format!("{} ({})", c.label(), c.article()))
            .unwrap_or_default(),
        retention(col),
        col.benefit.clone().unwrap_or_default(),
        col.method.label().to_string(),
        if col.optional { "yes" } else { "no" }.to_string(),
        storage.join("; "),
        col.repeat_reason.clone().unwrap_or_default(),
        worst.map(|s| s.label().to_string()).unwrap_or_default(),
        finding_text.join("; "),
    ];
    TableRow {
        cells,
        worst,
        findings,
    }
}

/// The retention as written; where none is (or only a placeholder), "missing", so a blank is
/// never read as "kept for ever" or "not kept". Data verified and thrown away is not kept.
fn retention(col: &Collection) -> String {
    match (&col.retention, col.method) {
        (Some(r), _) if !is_placeholder(Some(r)) => r.clone(),
        (_, Method::Verified) => "not kept (verified and discarded)".to_string(),
        _ => "missing".to_string(),
    }
}
