//! Findings indexed by where they point, for views and exports that highlight the map.

use foldhash::HashMap;

use super::finding::Finding;
use super::rule::Severity;

/// Which findings touch each step, collection and element.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    by_step: HashMap<String, Vec<usize>>,
    by_collection: HashMap<(String, usize), Vec<usize>>,
    by_element: HashMap<String, Vec<usize>>,
    worst_step: HashMap<String, Severity>,
}

impl Overlay {
    /// Indexes `findings` (indices refer into that slice).
    pub fn new(findings: &[Finding]) -> Overlay {
        let mut o = Overlay::default();
        for (i, f) in findings.iter().enumerate() {
            if let Some(step) = &f.step {
                o.by_step.entry(step.clone()).or_default().push(i);
                let worst = o.worst_step.entry(step.clone()).or_insert(f.severity);
                *worst = (*worst).max(f.severity);
                if let Some(c) = f.collection {
                    o.by_collection
                        .entry((step.clone(), c))
                        .or_default()
                        .push(i);
                }
            }
            if let Some(e) = &f.element {
                o.by_element.entry(e.clone()).or_default().push(i);
            }
        }
        o
    }

    /// Findings on a step, including those on its collections.
    pub fn step(&self, step: &str) -> &[usize] {
        self.by_step.get(step).map_or(&[], Vec::as_slice)
    }

    /// Findings on one collection of a step.
    pub fn collection(&self, step: &str, collection: usize) -> &[usize] {
        self.by_collection
            .get(&(step.to_string(), collection))
            .map_or(&[], Vec::as_slice)
    }

    /// Findings about an element, anywhere.
    pub fn element(&self, element: &str) -> &[usize] {
        self.by_element.get(element).map_or(&[], Vec::as_slice)
    }

    /// The most severe finding on a step, if any.
    pub fn worst_on_step(&self, step: &str) -> Option<Severity> {
        self.worst_step.get(step).copied()
    }

    /// The most severe finding on one collection, if any.
    pub fn worst_on_collection(
        &self,
        findings: &[Finding],
        step: &str,
        c: usize,
    ) -> Option<Severity> {
        self.collection(step, c)
            .iter()
            .map(|&i| findings[i].severity)
            .max()
    }
}
