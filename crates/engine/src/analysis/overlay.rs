//! Findings indexed by where they point, for views and exports that highlight the map.

use super::finding::Finding;
use super::findings::Findings;
use super::numbers::Numbers;
use super::rule::Severity;

/// Which findings touch each step, collection and element.
///
/// Built once per analysis, for hundreds of thousands of findings on a large map: each id is
/// held once, and the findings of all steps (or elements) share one list, cut by offsets.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    /// Each step with findings, numbered in order of its first finding.
    steps: Numbers,
    /// The findings on each numbered step, in finding order.
    by_step: Groups,
    /// The most severe finding on each numbered step.
    worst_step: Vec<Severity>,
    /// (step number, collection) of each group of `by_collection`, sorted.
    collections: Vec<(u32, usize)>,
    by_collection: Groups,
    elements: Numbers,
    by_element: Groups,
}

/// Lists of finding indices, one per number, stored end to end.
#[derive(Debug, Clone, Default)]
struct Groups {
    /// Where each group starts in `items`; one more entry than there are groups.
    start: Vec<usize>,
    items: Vec<usize>,
}

impl Groups {
    /// Groups `(group, finding)` pairs (findings ascending), keeping finding order in each.
    fn of(groups: usize, pairs: &[(u32, usize)]) -> Groups {
        let mut start = vec![0; groups + 1];
        for &(g, _) in pairs {
            start[g as usize + 1] += 1;
        }
        for g in 0..groups {
            start[g + 1] += start[g];
        }
        let mut next = start.clone();
        let mut items = vec![0; pairs.len()];
        for &(g, i) in pairs {
            items[next[g as usize]] = i;
            next[g as usize] += 1;
        }
        Groups { start, items }
    }

    fn get(&self, group: u32) -> &[usize] {
        let g = group as usize;
        match (self.start.get(g), self.start.get(g + 1)) {
            (Some(&a), Some(&b)) => &self.items[a..b],
            _ => &[],
        }
    }
}

impl Overlay {
    /// Indexes `findings` (indices are their places in file order).
    pub fn new<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Overlay {
        let mut steps = Numbers::default();
        let mut elements = Numbers::default();
        let mut on_steps = Vec::new();
        let mut on_collections = Vec::new();
        let mut on_elements = Vec::new();
        let mut worst_step: Vec<Severity> = Vec::new();
        for (i, f) in findings.into_iter().enumerate() {
            if let Some(step) = &f.step {
                let s = steps.of(step);
                on_steps.push((s, i));
                match worst_step.get_mut(s as usize) {
                    Some(w) => *w = (*w).max(f.severity),
                    None => worst_step.push(f.severity),
                }
                if let Some(c) = f.collection {
                    on_collections.push(((s, c), i));
                }
            }
            if let Some(e) = &f.element {
                on_elements.push((elements.of(e), i));
            }
        }
        // Collections are numbered in sorted order, so that a lookup is a binary search.
        on_collections.sort_unstable();
        let mut collections: Vec<(u32, usize)> = Vec::new();
        let mut pairs = Vec::with_capacity(on_collections.len());
        for &(key, i) in &on_collections {
            if collections.last() != Some(&key) {
                collections.push(key);
            }
            pairs.push((collections.len() as u32 - 1, i));
        }
        Overlay {
            by_step: Groups::of(steps.len(), &on_steps),
            by_collection: Groups::of(collections.len(), &pairs),
            by_element: Groups::of(elements.len(), &on_elements),
            steps,
            worst_step,
            collections,
            elements,
        }
    }

    /// Findings on a step, including those on its collections.
    pub fn step(&self, step: &str) -> &[usize] {
        self.steps.get(step).map_or(&[], |s| self.by_step.get(s))
    }

    /// Findings on one collection of a step.
    pub fn collection(&self, step: &str, collection: usize) -> &[usize] {
        let Some(s) = self.steps.get(step) else {
            return &[];
        };
        self.collections
            .binary_search(&(s, collection))
            .map_or(&[], |g| self.by_collection.get(g as u32))
    }

    /// Findings about an element, anywhere.
    pub fn element(&self, element: &str) -> &[usize] {
        self.elements
            .get(element)
            .map_or(&[], |e| self.by_element.get(e))
    }

    /// The most severe finding on a step, if any.
    pub fn worst_on_step(&self, step: &str) -> Option<Severity> {
        self.steps
            .get(step)
            .and_then(|s| self.worst_step.get(s as usize))
            .copied()
    }

    /// The most severe finding on one collection, if any.
    pub fn worst_on_collection(
        &self,
        findings: &Findings,
        step: &str,
        c: usize,
    ) -> Option<Severity> {
        self.collection(step, c)
            .iter()
            .map(|&i| findings[i].severity)
            .max()
    }
}
