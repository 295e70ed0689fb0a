//! The board: one loaded map with its findings and the indexes the views need, built per load.

use petgraph::stable_graph::NodeIndex;

use super::outline::Outline;
use crate::analysis::{self, Finding, Overlay, Severity, Tally};
use crate::inventory::{Cell, Inventory};
use crate::journey::{Journey, Step};
use crate::mapfile::LoadedMap;

/// A map ready to show. Nothing here changes until the file is read again.
#[derive(Debug, Clone)]
pub struct Board {
    pub map: LoadedMap,
    pub findings: Vec<Finding>,
    pub overlay: Overlay,
    pub tally: Tally,
    /// `cells[channel][stage]`: the steps there, in file order.
    pub cells: Vec<Vec<Vec<NodeIndex>>>,
    /// Element x channel and element x stage: how often and how badly each is taken.
    pub by_channel: Matrix,
    pub by_stage: Matrix,
    pub outline: Outline,
    /// Per node index: the worst finding on the step.
    worst: Vec<Option<Severity>>,
    /// Per node index: lower-case text to search in.
    haystack: Vec<String>,
    /// Per element: the steps taking it, in reading order (stage, then channel, then file).
    takers: Vec<Vec<NodeIndex>>,
}

impl Board {
    pub fn new(map: LoadedMap) -> Board {
        let findings = analysis::check(&map);
        let overlay = Overlay::new(&findings);
        let tally = Tally::of(&findings);
        let journey = &map.journey;
        let bound = petgraph::visit::NodeIndexable::node_bound(&journey.graph);
        let mut cells = vec![vec![Vec::new(); journey.stages.len()]; journey.channels.len()];
        let mut worst = vec![None; bound];
        let mut haystack = vec![String::new(); bound];
        let mut takers = vec![Vec::new(); journey.elements.len()];
        for (ix, step) in journey.steps() {
            let place = (
                journey.channel_index(&step.channel),
                journey.stage_index(&step.stage),
            );
            if let (Some(c), Some(s)) = place {
                cells[c][s].push(ix);
            }
            worst[ix.index()] = overlay.worst_on_step(&step.id);
            haystack[ix.index()] = search_text(journey, step);
            for col in &step.collects {
                if let Some(e) = journey.element_index(&col.element)
                    && takers[e].last() != Some(&ix)
                {
                    takers[e].push(ix);
                }
            }
        }
        let reading = |ix: &NodeIndex| {
            let step = &journey.graph[*ix];
            (
                journey.stage_index(&step.stage),
                journey.channel_index(&step.channel),
            )
        };
        for list in &mut takers {
            // Stable: file order among steps in the same cell.
            list.sort_by_key(reading);
        }
        let inventory = Inventory::new(journey, &findings, &overlay);
        let mut by_channel = Matrix::new(journey.elements.len(), journey.channels.len());
        let mut by_stage = Matrix::new(journey.elements.len(), journey.stages.len());
        for row in &inventory.rows {
            let Some(e) = journey.element_index(row.element) else {
                continue;
            };
            let row_findings: Vec<&Finding> = row.findings.iter().map(|&i| &findings[i]).collect();
            if let Some(c) = journey.channel_index(row.channel) {
                by_channel.add(e, c, &row_findings);
            }
            if let Some(s) = journey.stage_index(row.stage) {
                by_stage.add(e, s, &row_findings);
            }
        }
        let outline = Outline::new(&findings);
        Board {
            map,
            findings,
            overlay,
            tally,
            cells,
            by_channel,
            by_stage,
            outline,
            worst,
            haystack,
            takers,
        }
    }

    pub fn journey(&self) -> &Journey {
        &self.map.journey
    }

    pub fn step(&self, ix: NodeIndex) -> Option<&Step> {
        self.map.journey.graph.node_weight(ix)
    }

    /// The worst finding on a step.
    pub fn worst(&self, ix: NodeIndex) -> Option<Severity> {
        self.worst.get(ix.index()).copied().flatten()
    }

    /// Whether the step's text contains `needle` (already lower-case).
    pub fn matches(&self, ix: NodeIndex, needle: &str) -> bool {
        self.haystack
            .get(ix.index())
            .is_some_and(|h| h.contains(needle))
    }

    /// The steps taking element `e`, in reading order.
    pub fn takers(&self, e: usize) -> &[NodeIndex] {
        self.takers.get(e).map_or(&[], Vec::as_slice)
    }

    /// Whether the step collects element `e`.
    pub fn takes(&self, ix: NodeIndex, e: usize) -> bool {
        let Some(element) = self.map.journey.elements.get(e) else {
            return false;
        };
        self.step(ix)
            .is_some_and(|s| s.collects.iter().any(|c| c.element == element.id))
    }

    /// Findings on one collection, worst first.
    pub fn collection_findings(&self, step: &str, c: usize) -> Vec<&Finding> {
        let mut list: Vec<&Finding> = self
            .overlay
            .collection(step, c)
            .iter()
            .filter_map(|&i| self.findings.get(i))
            .collect();
        list.sort_by_key(|f| std::cmp::Reverse(f.severity));
        list
    }

    /// Findings on a step that are not about one of its collections, worst first.
    pub fn step_findings(&self, step: &str) -> Vec<&Finding> {
        let mut list: Vec<&Finding> = self
            .overlay
            .step(step)
            .iter()
            .filter_map(|&i| self.findings.get(i))
            .filter(|f| f.collection.is_none())
            .collect();
        list.sort_by_key(|f| std::cmp::Reverse(f.severity));
        list
    }

    /// The worst finding about an element: on any of its collections, or on its catalogue entry.
    pub fn element_worst(&self, e: usize) -> Option<Severity> {
        let element = self.map.journey.elements.get(e)?;
        self.overlay
            .element(&element.id)
            .iter()
            .filter_map(|&i| self.findings.get(i))
            .map(|f| f.severity)
            .max()
    }

    /// How many collections take element `e`.
    pub fn element_count(&self, e: usize) -> usize {
        self.by_channel
            .cells
            .get(e)
            .map_or(0, |row| row.iter().map(|c| c.count).sum())
    }
}

/// What kind of problem a cell of the inventory holds, beyond its worst severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Problems {
    /// No purpose, no lawful basis, or sensitive data without its condition.
    pub unjustified: bool,
    /// Asked again (on every path, some paths, or twice in one step).
    pub repeated: bool,
}

impl Problems {
    fn add(&mut self, f: &Finding) {
        match f.rule.name {
            "unjustified-collection"
            | "missing-lawful-basis"
            | "special-category-without-condition"
            | "criminal-data-without-authority" => self.unjustified = true,
            "certain-repeat" | "possible-repeat" | "repeated-in-step" => self.repeated = true,
            _ => {}
        }
    }
}

/// Data elements against channels or stages: `cells[element][column]`.
#[derive(Debug, Clone, Default)]
pub struct Matrix {
    pub cells: Vec<Vec<Cell>>,
    pub problems: Vec<Vec<Problems>>,
}

impl Matrix {
    fn new(elements: usize, columns: usize) -> Matrix {
        Matrix {
            cells: vec![vec![Cell::default(); columns]; elements],
            problems: vec![vec![Problems::default(); columns]; elements],
        }
    }

    /// Counts one collection of element `e` in `column`, with its findings.
    fn add(&mut self, e: usize, column: usize, findings: &[&Finding]) {
        let (Some(cell), Some(problems)) = (
            self.cells.get_mut(e).and_then(|r| r.get_mut(column)),
            self.problems.get_mut(e).and_then(|r| r.get_mut(column)),
        ) else {
            return;
        };
        cell.count += 1;
        cell.worst = cell.worst.max(findings.iter().map(|f| f.severity).max());
        for f in findings {
            problems.add(f);
        }
    }
}

fn search_text(journey: &Journey, step: &Step) -> String {
    let mut text = String::with_capacity(128);
    for part in [Some(&step.title), Some(&step.id)]
        .into_iter()
        .chain([step.description.as_ref(), step.notes.as_ref()])
        .flatten()
        .chain(&step.pain_points)
    {
        text.push_str(&part.to_lowercase());
        text.push('\n');
    }
    for col in &step.collects {
        text.push_str(&journey.element_name(&col.element).to_lowercase());
        text.push('\n');
    }
    text
}
