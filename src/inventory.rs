//! The data inventory: every collection as a row, and elements against channels as a matrix.
//!
//! Shared by the workbench's inventory view and the CSV/Markdown exports.

use crate::analysis::{Finding, Overlay, Severity};
use crate::journey::{Collection, Journey};

/// One collection with everything a reviewer asks about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    pub step: &'a str,
    pub step_title: &'a str,
    pub channel: &'a str,
    pub stage: &'a str,
    pub element: &'a str,
    pub element_name: &'a str,
    pub category: &'a str,
    pub collection: usize,
    /// The collection itself: purpose, basis, retention, storage.
    pub detail: &'a Collection,
    /// Indices into the findings slice the inventory was built from.
    pub findings: Vec<usize>,
}

/// One cell of the element x channel matrix.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    /// How many collections of the element happen in the channel.
    pub count: usize,
    /// The most severe finding on those collections.
    pub worst: Option<Severity>,
}

/// Rows in file order, and the matrix.
#[derive(Debug, Clone)]
pub struct Inventory<'a> {
    pub rows: Vec<Row<'a>>,
    /// `matrix[element][channel]`, in catalogue and channel order.
    pub matrix: Vec<Vec<Cell>>,
}

impl<'a> Inventory<'a> {
    pub fn new(journey: &'a Journey, findings: &[Finding], overlay: &Overlay) -> Inventory<'a> {
        let mut rows = Vec::new();
        let mut matrix =
            vec![vec![Cell::default(); journey.channels.len()]; journey.elements.len()];
        for (_, step) in journey.steps() {
            for (c, col) in step.collects.iter().enumerate() {
                let element = journey.element(&col.element);
                let row_findings = overlay.collection(&step.id, c).to_vec();
                let worst = row_findings.iter().map(|&i| findings[i].severity).max();
                if let (Some(e), Some(ch)) = (
                    journey.element_index(&col.element),
                    journey.channel_index(&step.channel),
                ) {
                    let cell = &mut matrix[e][ch];
                    cell.count += 1;
                    cell.worst = cell.worst.max(worst);
                }
                rows.push(Row {
                    step: &step.id,
                    step_title: &step.title,
                    channel: &step.channel,
                    stage: &step.stage,
                    element: &col.element,
                    element_name: element.map_or(col.element.as_str(), |e| e.name.as_str()),
                    category: element.map_or("", |e| e.category.as_str()),
                    collection: c,
                    detail: col,
                    findings: row_findings,
                });
            }
        }
        Inventory { rows, matrix }
    }
}
