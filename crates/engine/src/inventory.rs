//! The data inventory: every collection as a row, and elements against channels and stages.
//!
//! Shared by the workbench's inventory view and the CSV/Markdown exports.

use crate::analysis::{Analysis, Concern, Note, Severity};
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

/// One cell of an element x channel (or x stage) matrix.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    /// How many collections of the element happen in the channel or stage.
    pub count: usize,
    /// The most severe finding on those collections.
    pub worst: Option<Severity>,
    /// One of them is unjustified (no purpose, basis or condition).
    pub unjustified: bool,
    /// One of them asks the customer again.
    pub repeated: bool,
}

impl Cell {
    fn add(&mut self, findings: &[&Note]) {
        self.count += 1;
        for f in findings {
            self.worst = self.worst.max(Some(f.severity));
            match f.rule.concern {
                Concern::Unjustified => self.unjustified = true,
                Concern::Repeated => self.repeated = true,
                Concern::Incomplete | Concern::Map => {}
            }
        }
    }
}

/// Rows in file order, and the element matrices.
#[derive(Debug, Clone)]
pub struct Inventory<'a> {
    pub rows: Vec<Row<'a>>,
    /// `by_channel[element][channel]`, in catalogue and channel order.
    pub by_channel: Vec<Vec<Cell>>,
    /// `by_stage[element][stage]`, in catalogue and stage order.
    pub by_stage: Vec<Vec<Cell>>,
}

impl<'a> Inventory<'a> {
    pub fn new(journey: &'a Journey, analysis: &Analysis) -> Inventory<'a> {
        let Analysis {
            findings, overlay, ..
        } = analysis;
        let mut rows = Vec::new();
        let elements = journey.elements.len();
        let mut by_channel = vec![vec![Cell::default(); journey.channels.len()]; elements];
        let mut by_stage = vec![vec![Cell::default(); journey.stages.len()]; elements];
        for (_, step) in journey.steps() {
            for (c, col) in step.collects.iter().enumerate() {
                let element = journey.element(&col.element);
                let row_findings = overlay.collection(&step.id, c).to_vec();
                if let Some(e) = journey.element_index(&col.element) {
                    let these: Vec<&Note> = row_findings.iter().map(|&i| &findings[i]).collect();
                    if let Some(ch) = journey.channel_index(&step.channel) {
                        by_channel[e][ch].add(&these);
                    }
                    if let Some(st) = journey.stage_index(&step.stage) {
                        by_stage[e][st].add(&these);
                    }
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
        Inventory {
            rows,
            by_channel,
            by_stage,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapfile::load_str;

    #[test]
    fn cells_count_collections_and_flag_unjustified_and_repeated() {
        let text = r#"(
            meta: (title: "t"),
            channels: [(id: "web", name: "Web"), (id: "phone", name: "Phone")],
            stages: [(id: "one", name: "One"), (id: "two", name: "Two")],
            data: [(id: "email", name: "Email", category: "user.contact.email")],
            steps: [
                (id: "a", title: "A", channel: "web", stage: "one", collects: [
                    (element: "email", purpose: "p", basis: Contract, retention: "1y", benefit: "b"),
                ]),
                (id: "b", title: "B", channel: "phone", stage: "two", collects: [
                    (element: "email", purpose: "p", retention: "1y", benefit: "b"),
                ]),
            ],
            flows: [(from: "a", to: "b")],
        )"#;
        let map = load_str("t.ron", text.to_string()).expect("loads");
        let inv = Inventory::new(&map.journey, &map.analyse());
        assert_eq!(inv.rows.len(), 2);
        let web = inv.by_channel[0][0];
        assert_eq!(
            (web.count, web.worst, web.unjustified, web.repeated),
            (1, None, false, false)
        );
        let phone = inv.by_channel[0][1];
        assert_eq!(phone.count, 1);
        assert!(phone.unjustified && phone.repeated, "{phone:?}");
        assert_eq!(phone.worst, Some(Severity::Error));
        assert_eq!(
            inv.by_stage[0][1], phone,
            "stage two holds the same collection"
        );
    }
}
