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
    pub gen_: Vec<FixedBitSet>,
    /// Elements collected on every path from an entry to the step, not counting the step.
    pub must_in: Vec<FixedBitSet>,
    /// Elements collected on at least one path from an entry to the step.
    pub may_in: Vec<FixedBitSet>,
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
        let empty = FixedBitSet::with_capacity(width);

        let mut gen_ = vec![empty.clone(); n];
        for (ix, step) in journey.steps() {
            for col in step.collects.iter().filter(|c| c.about.is_none()) {
                if let Some(e) = journey.element_index(&col.element) {
                    gen_[ix.index()].insert(e);
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

        let mut must_in = vec![empty.clone(); n];
        let mut may_in = vec![empty.clone(); n];
        let mut reachable = FixedBitSet::with_capacity(n);
        // Whether `must_in` of a step has been set by a case yet.
        let mut must_set = FixedBitSet::with_capacity(n);
        let mut cases = Vec::with_capacity(case_count);
        for c in 0..case_count {
            let bit = 1u64 << c;
            let case = Self::case_flow(journey, &entries, &edge_cases, bit);
            let (case_must, case_may) =
                Self::fixed_point(journey, &case, &entry, &edge_cases, &gen_, width);
            for i in case.reachable.ones() {
                reachable.insert(i);
                may_in[i].union_with(&case_may[i]);
                if must_set.contains(i) {
                    must_in[i].intersect_with(&case_must[i]);
                } else {
                    must_in[i] = case_must[i].clone();
                    must_set.insert(i);
                }
            }
            cases.push(case);
        }

        Availability {
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
        gen_: &[FixedBitSet],
        width: usize,
    ) -> (Vec<FixedBitSet>, Vec<FixedBitSet>) {
        let graph = &journey.graph;
        let n = graph.node_bound();
        let empty = FixedBitSet::with_capacity(width);
        let in_case = |e: EdgeIndex| edge_cases[e.index()] & case.bit != 0;

        // Reverse post-order of a depth-first walk from the entries, along the case's flows.
        let filtered = EdgeFiltered::from_fn(graph, |e: EdgeReference<'_, Flow>| in_case(e.id()));
        let mut post = Vec::with_capacity(case.reachable.count_ones(..));
        let mut dfs = DfsPostOrder::empty(&filtered);
        for e in entry.ones() {
            dfs.move_to(NodeIndex::new(e));
            while let Some(ix) = dfs.next(&filtered) {
                post.push(ix);
            }
        }
        let order: Vec<NodeIndex> = post.into_iter().rev().collect();

        let mut full = FixedBitSet::with_capacity(width);
        full.insert_range(..);
        // Must: start from "everything" (top) except at entries, shrink to the fixed point.
        let mut must_out: Vec<FixedBitSet> = vec![full.clone(); n];
        let mut may_out: Vec<FixedBitSet> = vec![empty.clone(); n];
        let mut must_in = vec![empty.clone(); n];
        let mut may_in = vec![empty.clone(); n];

        // Scratch sets, filled anew for each step: a pass over 100,000 steps made and dropped
        // four sets per step.
        let (mut must, mut may) = (empty.clone(), empty.clone());
        let (mut m_out, mut y_out) = (empty.clone(), empty.clone());
        let mut changed = true;
        while changed {
            changed = false;
            for &ix in &order {
                let i = ix.index();
                must.clone_from(if entry.contains(i) { &empty } else { &full });
                may.clone_from(&empty);
                for edge in graph.edges_directed(ix, Direction::Incoming) {
                    let p = edge.source().index();
                    if !in_case(edge.id()) || !case.reachable.contains(p) {
                        continue;
                    }
                    must.intersect_with(&must_out[p]);
                    may.union_with(&may_out[p]);
                }
                m_out.clone_from(&must);
                m_out.union_with(&gen_[i]);
                y_out.clone_from(&may);
                y_out.union_with(&gen_[i]);
                if m_out != must_out[i] || y_out != may_out[i] {
                    must_out[i].clone_from(&m_out);
                    may_out[i].clone_from(&y_out);
                    changed = true;
                }
                must_in[i].clone_from(&must);
                may_in[i].clone_from(&may);
            }
        }
        (must_in, may_in)
    }
}
