//! Findings indexed by where they point, for views and exports that highlight the map.

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

/// No step, element or collection: a finding on none is in no group.
const NONE: u32 = u32::MAX;

/// Lists of finding indices, one per number, stored end to end, each in finding order.
#[derive(Debug, Clone, Default)]
struct Groups {
    /// Where each group starts in `items`; one more entry than there are groups.
    start: Vec<usize>,
    items: Vec<usize>,
}

impl Groups {
    /// Room for `groups` groups, to be counted, then placed.
    fn sized(groups: usize) -> Groups {
        Groups {
            start: vec![0; groups + 1],
            items: Vec::new(),
        }
    }

    /// Counts one more finding in `group` (none when it is [`NONE`]).
    fn count(&mut self, group: u32) {
        if group != NONE {
            self.start[group as usize + 1] += 1;
        }
    }

    /// Turns the counts into where each group starts, and where each group's next finding
    /// goes.
    fn places(&mut self) -> Vec<usize> {
        for g in 1..self.start.len() {
            self.start[g] += self.start[g - 1];
        }
        self.items = vec![0; self.start.last().copied().unwrap_or(0)];
        self.start.clone()
    }

    /// Places finding `i` in `group` (counted before; none when it is [`NONE`]).
    fn place(&mut self, next: &mut [usize], group: u32, i: usize) {
        if group != NONE {
            let at = &mut next[group as usize];
            self.items[*at] = i;
            *at += 1;
        }
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
    /// Indexes `findings` (indices are their places in file order). In two passes, one to
    /// count and one to place: lists of (group, finding) pairs to group took 40 MB on a map
    /// with 700,000 findings, as the workbench's memory peaked.
    pub fn new(findings: &Findings) -> Overlay {
        let mut steps = Numbers::default();
        let mut elements = Numbers::default();
        let mut worst_step: Vec<Severity> = Vec::new();
        // Each finding's step and element, numbered, and the index of its collection in the
        // step; then, in place of that index, the collection's number.
        let mut numbered: Vec<[u32; 3]> = Vec::with_capacity(findings.len());
        let mut collections: Vec<(u32, usize)> = Vec::new();
        for f in findings {
            let s = f.step().map_or(NONE, |step| steps.of(step));
            let mut c = NONE;
            if s != NONE {
                match worst_step.get_mut(s as usize) {
                    Some(w) => *w = (*w).max(f.severity()),
                    None => worst_step.push(f.severity()),
                }
                if let Some(index) = f.collection() {
                    collections.push((s, index));
                    c = index as u32;
                }
            }
            let e = f.element().map_or(NONE, |e| elements.of(e));
            numbered.push([s, e, c]);
        }
        // Collections are numbered in sorted order, so that a lookup is a binary search.
        collections.sort_unstable();
        collections.dedup();
        let mut by_step = Groups::sized(steps.len());
        let mut by_collection = Groups::sized(collections.len());
        let mut by_element = Groups::sized(elements.len());
        for [s, e, c] in &mut numbered {
            by_step.count(*s);
            by_element.count(*e);
            if *c != NONE {
                *c = collections
                    .binary_search(&(*s, *c as usize))
                    .map_or(NONE, |g| g as u32);
                by_collection.count(*c);
            }
        }
        let (mut steps_at, mut collections_at, mut elements_at) = (
            by_step.places(),
            by_collection.places(),
            by_element.places(),
        );
        for (i, &[s, e, c]) in numbered.iter().enumerate() {
            by_step.place(&mut steps_at, s, i);
            by_element.place(&mut elements_at, e, i);
            by_collection.place(&mut collections_at, c, i);
        }
        Overlay {
            by_step,
            by_collection,
            by_element,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Finding, RULES};
    use proptest::prelude::*;

    proptest! {
        /// Each list holds the findings on it, in finding order, as a scan of them all finds.
        #[test]
        fn lists_what_a_scan_finds(
            about in proptest::collection::vec(
                (
                    proptest::option::of(0u8..4),
                    proptest::option::of(0usize..3),
                    proptest::option::of(0u8..3),
                    0usize..RULES.len(),
                ),
                0..300,
            ),
        ) {
            let findings: Vec<Finding> = about
                .iter()
                .map(|&(step, collection, element, rule)| {
                    let mut f = Finding::new(RULES[rule], String::new());
                    f.step = step.map(|s| format!("s{s}"));
                    f.collection = collection;
                    f.element = element.map(|e| format!("e{e}"));
                    f
                })
                .collect();
            let findings = Findings::from(findings);
            let overlay = Overlay::new(&findings);
            let spelt = findings.to_vec();
            let scan = |keep: &dyn Fn(&Finding) -> bool| -> Vec<usize> {
                spelt.iter().enumerate().filter(|(_, f)| keep(f)).map(|(i, _)| i).collect()
            };
            for s in 0..5 {
                let step = format!("s{s}");
                let on = |f: &Finding| f.step.as_deref() == Some(step.as_str());
                prop_assert_eq!(overlay.step(&step), &scan(&on)[..]);
                let worst = spelt.iter().filter(|f| on(f)).map(|f| f.severity).max();
                prop_assert_eq!(overlay.worst_on_step(&step), worst);
                for c in 0..4 {
                    let on_c = |f: &Finding| on(f) && f.collection == Some(c);
                    prop_assert_eq!(overlay.collection(&step, c), &scan(&on_c)[..]);
                }
            }
            for e in 0..4 {
                let element = format!("e{e}");
                let on = |f: &Finding| f.element.as_deref() == Some(element.as_str());
                prop_assert_eq!(overlay.element(&element), &scan(&on)[..]);
            }
        }
    }
}
