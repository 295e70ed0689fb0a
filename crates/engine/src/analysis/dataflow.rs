//! Which data elements the customer has already given on the way to each step.
//!
//! Two classic dataflow analyses over the journey graph, one bit per catalogue element:
//! *must* (given on every path from an entry) and *may* (given on some path). Each step's
//! sets are the intersection / union of its predecessors' outgoing sets, iterated in reverse
//! post-order to a fixed point. That is correct on cycles and with several entries, and costs
//! O((steps + flows) x elements / 64) per pass, with few passes on journey-shaped graphs.
//!
//! A map with `cases` is analysed once per case, along that case's flows (and the flows that
//! belong to every case), so a loop of one case never joins a route of another: a route is
//! one customer's journey. A step's *must* set is what every case that reaches it has given
//! there; its *may* set, what some case has. Only data about the customer counts (a
//! collection `about` someone else is not the customer giving it).

use std::collections::VecDeque;

use fixedbitset::FixedBitSet;
use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, EdgeReference, NodeIndex};
use petgraph::visit::{
    DfsPostOrder, EdgeFiltered, EdgeIndexable, EdgeRef, IntoEdgeReferences, NodeIndexable,
};

use crate::journey::{Flow, Journey};

/// One case's view of the journey: what its flows reach, and how.
pub struct CaseFlow {
    /// The bit of this case in [`Availability::edge_cases`].
    bit: u64,
    /// Steps reachable from an entry along the case's flows.
    pub reachable: FixedBitSet,
    /// For each reachable step, the step before it on a shortest route from an entry (none
    /// at an entry), so a route to any step can be named without searching.
    pub parent: Vec<Option<NodeIndex>>,
    /// The entry that shortest route starts at.
    pub root: Vec<Option<NodeIndex>>,
    /// How many flows that route takes.
    pub depth: Vec<u32>,
}

/// What each step generates and what reaches it.
pub struct Availability {
    /// Elements collected at each step about the customer (indexed by node index).
    pub gen_: Sets,
    /// Elements collected on every path from an entry to the step, not counting the step.
    pub must_in: Sets,
    /// Elements collected on at least one path from an entry to the step.
    pub may_in: Sets,
    /// Each collection's element, by its place in the catalogue.
    pub elements: Elements,
    /// Steps reachable from an entry (in some case).
    pub reachable: FixedBitSet,
    pub entry: FixedBitSet,
    /// One per case of the map; a single one covering every flow when it has none.
    pub cases: Vec<CaseFlow>,
    /// For each flow (by edge index), the cases it belongs to, one bit each.
    edge_cases: Vec<u64>,
}

impl Availability {
    pub fn compute(journey: &Journey) -> Availability {
        let graph = &journey.graph;
        let n = graph.node_bound();
        let width = journey.elements.len();

        let elements = Elements::of(journey);
        let mut gen_ = Sets::new(n, width);
        for (ix, step) in journey.steps() {
            for (col, e) in step.collects.iter().zip(elements.at(ix)) {
                if col.about.is_none()
                    && let Some(e) = e
                {
                    gen_.insert(ix.index(), e);
                }
            }
        }

        let entries = journey.entries();
        let mut entry = FixedBitSet::with_capacity(n);
        for &e in &entries {
            entry.insert(e.index());
        }

        // Which cases each flow belongs to: none named means every case.
        let case_count = journey.cases.len().clamp(1, 64);
        let all: u64 = if case_count == 64 {
            u64::MAX
        } else {
            (1u64 << case_count) - 1
        };
        let mut edge_cases = vec![0u64; graph.edge_bound()];
        for e in graph.edge_references() {
            let flow = e.weight();
            let mut mask = 0u64;
            for name in &flow.cases {
                if let Some(i) = journey.cases.iter().position(|c| &c.id == name) {
                    mask |= 1 << i.min(63);
                }
            }
            edge_cases[e.id().index()] = if flow.cases.is_empty() { all } else { mask };
        }

        let mut must_in = Sets::new(n, width);
        let mut may_in = Sets::new(n, width);
        let mut reachable = FixedBitSet::with_capacity(n);
        // Whether `must_in` of a step has been set by a case yet.
        let mut must_set = FixedBitSet::with_capacity(n);
        let mut cases = Vec::with_capacity(case_count);
        for c in 0..case_count {
            let bit = 1u64 << c;
            let case = Self::case_flow(journey, &entries, &edge_cases, bit);
            let (case_must, case_may) =
                Self::fixed_point(journey, &case, &entry, &edge_cases, &gen_, width);
            if case_count == 1 {
                // The one case's sets are the journey's (a step it does not reach has none).
                reachable.union_with(&case.reachable);
                (must_in, may_in) = (case_must, case_may);
                cases.push(case);
                break;
            }
            for i in case.reachable.ones() {
                reachable.insert(i);
                may_in.union_row(i, case_may.row(i));
                if must_set.contains(i) {
                    must_in.intersect_row(i, case_must.row(i));
                } else {
                    must_in.row_mut(i).copy_from_slice(case_must.row(i));
                    must_set.insert(i);
                }
            }
            cases.push(case);
        }

        Availability {
            elements,
            gen_,
            must_in,
            may_in,
            reachable,
            entry,
            cases,
            edge_cases,
        }
    }

    /// Whether the flow `edge` belongs to `case`.
    pub fn in_case(&self, edge: EdgeIndex, case: &CaseFlow) -> bool {
        self.edge_cases
            .get(edge.index())
            .is_some_and(|m| m & case.bit != 0)
    }

    /// The case's reachable steps and its shortest routes from the entries (a breadth-first
    /// forest along the case's flows).
    fn case_flow(
        journey: &Journey,
        entries: &[NodeIndex],
        edge_cases: &[u64],
        bit: u64,
    ) -> CaseFlow {
        let graph = &journey.graph;
        let n = graph.node_bound();
        let mut case = CaseFlow {
            bit,
            reachable: FixedBitSet::with_capacity(n),
            parent: vec![None; n],
            root: vec![None; n],
            depth: vec![0; n],
        };
        let mut queue = VecDeque::with_capacity(entries.len());
        for &e in entries {
            case.reachable.insert(e.index());
            case.root[e.index()] = Some(e);
            queue.push_back(e);
        }
        let mut out = Vec::new();
        while let Some(ix) = queue.pop_front() {
            // In file order, so the shortest routes are the ones a reader expects.
            out.clear();
            out.extend(
                graph
                    .edges_directed(ix, Direction::Outgoing)
                    .map(|e| (e.id(), e.target())),
            );
            out.sort_unstable_by_key(|(id, _)| *id);
            for &(id, to) in &out {
                if edge_cases[id.index()] & bit == 0 || case.reachable.contains(to.index()) {
                    continue;
                }
                case.reachable.insert(to.index());
                case.parent[to.index()] = Some(ix);
                case.root[to.index()] = case.root[ix.index()];
                case.depth[to.index()] = case.depth[ix.index()] + 1;
                queue.push_back(to);
            }
        }
        case
    }

    /// Must and may sets of one case, iterated in reverse post-order to a fixed point.
    fn fixed_point(
        journey: &Journey,
        case: &CaseFlow,
        entry: &FixedBitSet,
        edge_cases: &[u64],
        gen_: &Sets,
        width: usize,
    ) -> (Sets, Sets) {
        let graph = &journey.graph;
        let n = graph.node_bound();
        let in_case = |e: EdgeIndex| edge_cases[e.index()] & case.bit != 0;

        // Reverse post-order from the entries, along this case's flows: each step after its
        // predecessors except across a loop, so few passes reach the fixed point.
        let filtered = EdgeFiltered::from_fn(graph, |e: EdgeReference<'_, Flow>| in_case(e.id()));
        let mut post = Vec::with_capacity(case.reachable.count_ones(..));
        let mut dfs = DfsPostOrder::empty(&filtered);
        for e in entry.ones() {
            dfs.move_to(NodeIndex::new(e));
            while let Some(ix) = dfs.next(&filtered) {
                post.push(ix.index());
            }
        }
        let order: Vec<usize> = post.into_iter().rev().collect();
        // Each step's predecessors in the case, read once: the passes below go over them
        // again and again.
        let mut first = Vec::with_capacity(order.len() + 1);
        let mut preds: Vec<usize> = Vec::new();
        for &i in &order {
            first.push(preds.len());
            preds.extend(
                graph
                    .edges_directed(NodeIndex::new(i), Direction::Incoming)
                    .filter(|e| in_case(e.id()) && case.reachable.contains(e.source().index()))
                    .map(|e| e.source().index()),
            );
        }
        first.push(preds.len());

        let full = Sets::full_row(width);
        // Must: start from "everything" (top) except at entries, shrink to the fixed point.
        let mut must_out = Sets {
            words: full.len(),
            bits: full.repeat(n),
        };
        let mut may_out = Sets::new(n, width);
        let mut must_in = Sets::new(n, width);
        let mut may_in = Sets::new(n, width);

        let words = full.len();
        let (mut must, mut may) = (vec![0u64; words], vec![0u64; words]);
        let mut changed = true;
        while changed {
            changed = false;
            for (k, &i) in order.iter().enumerate() {
                if entry.contains(i) {
                    must.fill(0);
                } else {
                    must.copy_from_slice(&full);
                }
                may.fill(0);
                for &p in &preds[first[k]..first[k + 1]] {
                    and(&mut must, must_out.row(p));
                    or(&mut may, may_out.row(p));
                }
                must_in.row_mut(i).copy_from_slice(&must);
                may_in.row_mut(i).copy_from_slice(&may);
                // Out: what reached the step and what it collects.
                or(&mut must, gen_.row(i));
                or(&mut may, gen_.row(i));
                if must != must_out.row(i) || may != may_out.row(i) {
                    must_out.row_mut(i).copy_from_slice(&must);
                    may_out.row_mut(i).copy_from_slice(&may);
                    changed = true;
                }
            }
        }
        (must_in, may_in)
    }
}

/// Each collection's element, by its place in the catalogue, for every step (by node
/// index): looked up once, so that rules compare numbers rather than ids.
#[derive(Debug, Clone)]
pub struct Elements {
    /// Where each step's collections start in `of`; one more than the steps.
    start: Vec<u32>,
    /// `u32::MAX` for an element missing from the catalogue.
    of: Vec<u32>,
}

impl Elements {
    fn of(journey: &Journey) -> Elements {
        let n = journey.graph.node_bound();
        // Each step's count after its place, then summed into where each starts.
        let mut start = vec![0u32; n + 1];
        for (ix, step) in journey.steps() {
            start[ix.index() + 1] = step.collects.len() as u32;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut of = vec![u32::MAX; start[n] as usize];
        for (ix, step) in journey.steps() {
            let from = start[ix.index()] as usize;
            for (slot, col) in of[from..].iter_mut().zip(&step.collects) {
                if let Some(e) = journey.element_index(&col.element) {
                    *slot = e as u32;
                }
            }
        }
        Elements { start, of }
    }

    /// The element of each collection of `step`, in order.
    pub fn at(&self, step: NodeIndex) -> impl Iterator<Item = Option<usize>> + '_ {
        let i = step.index();
        let range = match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        self.of[range]
            .iter()
            .map(|&e| (e != u32::MAX).then_some(e as usize))
    }
}

/// A set of elements for each step (by node index), one bit per element, all in one
/// allocation: a 100,000-step map's sets were half a million small ones.
#[derive(Debug, Clone)]
pub struct Sets {
    /// The `u64`s of each step's set.
    words: usize,
    bits: Vec<u64>,
}

impl Sets {
    fn new(steps: usize, width: usize) -> Sets {
        let words = width.div_ceil(64);
        Sets {
            words,
            bits: vec![0; steps * words],
        }
    }

    /// A set of all `width` elements.
    fn full_row(width: usize) -> Vec<u64> {
        let mut row = vec![u64::MAX; width.div_ceil(64)];
        if let Some(last) = row.last_mut()
            && !width.is_multiple_of(64)
        {
            *last = (1 << (width % 64)) - 1;
        }
        row
    }

    /// Whether the set of step `step` holds element `element`.
    pub fn contains(&self, step: usize, element: usize) -> bool {
        self.row(step)
            .get(element / 64)
            .is_some_and(|w| w & (1 << (element % 64)) != 0)
    }

    fn insert(&mut self, step: usize, element: usize) {
        self.row_mut(step)[element / 64] |= 1 << (element % 64);
    }

    fn row(&self, step: usize) -> &[u64] {
        &self.bits[step * self.words..(step + 1) * self.words]
    }

    fn row_mut(&mut self, step: usize) -> &mut [u64] {
        &mut self.bits[step * self.words..(step + 1) * self.words]
    }

    fn union_row(&mut self, step: usize, other: &[u64]) {
        or(self.row_mut(step), other);
    }

    fn intersect_row(&mut self, step: usize, other: &[u64]) {
        and(self.row_mut(step), other);
    }
}

fn and(set: &mut [u64], other: &[u64]) {
    for (a, b) in set.iter_mut().zip(other) {
        *a &= b;
    }
}

fn or(set: &mut [u64], other: &[u64]) {
    for (a, b) in set.iter_mut().zip(other) {
        *a |= b;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_row_holds_exactly_the_width() {
        for width in [0, 1, 63, 64, 65, 130] {
            let full = Sets::full_row(width);
            let ones: u32 = full.iter().map(|w| w.count_ones()).sum();
            assert_eq!(ones as usize, width, "width {width}");
        }
    }

    #[test]
    fn sets_keep_each_step_apart() {
        let mut sets = Sets::new(3, 70);
        sets.insert(1, 0);
        sets.insert(1, 69);
        sets.insert(2, 64);
        assert!(sets.contains(1, 0) && sets.contains(1, 69) && sets.contains(2, 64));
        assert!(!sets.contains(0, 0) && !sets.contains(1, 64) && !sets.contains(2, 69));
        sets.intersect_row(1, &[1, 0]);
        assert!(sets.contains(1, 0) && !sets.contains(1, 69));
        sets.union_row(0, &[0, 1 << 5]);
        assert!(sets.contains(0, 69));
    }
}
