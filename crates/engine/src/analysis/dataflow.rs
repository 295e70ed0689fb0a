//! Which data elements the customer has already given on the way to each step.
//!
//! Two classic dataflow analyses over the journey graph, one bit per catalogue element:
//! *must* (given on every path from an entry) and *may* (given on some path). Each step's
//! sets are the intersection / union of its predecessors' outgoing sets, iterated in reverse
//! post-order to a fixed point. That is correct on cycles and with several entries, and costs
//! O((steps + flows) x elements / 64) per pass, with few passes on journey-shaped graphs.

use std::collections::HashSet;

use fixedbitset::FixedBitSet;
use petgraph::Direction;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{DfsPostOrder, NodeIndexable};

use crate::journey::Journey;

/// What each step generates and what reaches it.
pub struct Availability {
    /// Elements collected at each step (indexed by node index).
    pub gen_: Vec<FixedBitSet>,
    /// Elements collected on every path from an entry to the step, not counting the step.
    pub must_in: Vec<FixedBitSet>,
    /// Elements collected on at least one path from an entry to the step.
    pub may_in: Vec<FixedBitSet>,
    /// Steps reachable from an entry.
    pub reachable: FixedBitSet,
    pub entry: FixedBitSet,
}

impl Availability {
    pub fn compute(journey: &Journey) -> Availability {
        let graph = &journey.graph;
        let n = graph.node_bound();
        let width = journey.elements.len();
        let empty = FixedBitSet::with_capacity(width);

        let mut gen_ = vec![empty.clone(); n];
        for (ix, step) in journey.steps() {
            for col in &step.collects {
                if let Some(e) = journey.element_index(&col.element) {
                    gen_[ix.index()].insert(e);
                }
            }
        }

        let entries = journey.entries();
        let mut entry = FixedBitSet::with_capacity(n);
        let mut post = Vec::with_capacity(journey.step_count());
        let mut dfs = DfsPostOrder::empty(graph);
        for &e in &entries {
            entry.insert(e.index());
            dfs.move_to(e);
            while let Some(ix) = dfs.next(graph) {
                post.push(ix);
            }
        }
        let mut reachable = FixedBitSet::with_capacity(n);
        for ix in &post {
            reachable.insert(ix.index());
        }
        let order: Vec<NodeIndex> = post.into_iter().rev().collect();

        let mut full = FixedBitSet::with_capacity(width);
        full.insert_range(..);
        // Must: start from "everything" (top) except at entries, shrink to the fixed point.
        let mut must_out: Vec<FixedBitSet> = vec![full.clone(); n];
        let mut may_out: Vec<FixedBitSet> = vec![empty.clone(); n];
        let mut must_in = vec![empty.clone(); n];
        let mut may_in = vec![empty.clone(); n];

        let mut changed = true;
        while changed {
            changed = false;
            for &ix in &order {
                let i = ix.index();
                let mut must = if entry.contains(i) {
                    empty.clone()
                } else {
                    full.clone()
                };
                let mut may = empty.clone();
                for p in graph.neighbors_directed(ix, Direction::Incoming) {
                    let p = p.index();
                    if !reachable.contains(p) {
                        continue;
                    }
                    must.intersect_with(&must_out[p]);
                    may.union_with(&may_out[p]);
                }
                let mut m_out = must.clone();
                m_out.union_with(&gen_[i]);
                let mut y_out = may.clone();
                y_out.union_with(&gen_[i]);
                if m_out != must_out[i] || y_out != may_out[i] {
                    must_out[i] = m_out;
                    may_out[i] = y_out;
                    changed = true;
                }
                must_in[i] = must;
                may_in[i] = may;
            }
        }

        Availability {
            gen_,
            must_in,
            may_in,
            reachable,
            entry,
        }
    }

    /// Up to `limit` nearest earlier steps that collect `element` on the way to `step`,
    /// found by walking flows backwards and stopping at each collecting step.
    pub fn earlier_collectors(
        &self,
        journey: &Journey,
        step: NodeIndex,
        element: usize,
        limit: usize,
    ) -> Vec<NodeIndex> {
        // Bounds the walk on huge maps; the nearest collectors are found first anyway.
        const MAX_VISITS: usize = 20_000;
        // A set sized by what is visited, not by the map: this runs once per repeat finding.
        let mut seen: HashSet<NodeIndex> = HashSet::new();
        let mut queue = std::collections::VecDeque::new();
        let mut found = Vec::new();
        for p in journey.graph.neighbors_directed(step, Direction::Incoming) {
            if seen.insert(p) {
                queue.push_back(p);
            }
        }
        let mut visits = 0;
        while let Some(ix) = queue.pop_front() {
            visits += 1;
            if visits > MAX_VISITS || found.len() >= limit {
                break;
            }
            if !self.reachable.contains(ix.index()) {
                continue;
            }
            if self.gen_[ix.index()].contains(element) {
                found.push(ix);
                continue;
            }
            for p in journey.graph.neighbors_directed(ix, Direction::Incoming) {
                if seen.insert(p) {
                    queue.push_back(p);
                }
            }
        }
        found
    }
}
