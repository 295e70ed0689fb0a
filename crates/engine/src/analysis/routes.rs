//! The routes that make a repeat: entry → … → earlier collection → … → this step.
//!
//! A repeat finding names, for each kind of route that leads to it, one such route: where the
//! customer started, where they gave the data before, and what became of it there — kept where
//! this step's channel can read it (friction), kept where it cannot (an integration gap), only
//! checked and not kept, kept where the map does not say, or typed into a form that keeps no
//! progress. A route is classified by everything collected along it, so data stored upstream
//! of a later check still counts.
//!
//! The work per finding is bounded: a breadth-first walk backwards from the step over (step,
//! kind so far) pairs, that stops at a step where the data is readable (nothing upstream can
//! change that), and where no earlier step on any route collected it (the dataflow's *may*
//! set says so); the route from an entry to such a step is read off the case's shortest-route
//! forest, never searched for. A cap on the walk keeps huge maps linear; a finding then says
//! that not every route was examined.

use std::collections::VecDeque;

use foldhash::HashSet;

use fixedbitset::FixedBitSet;
use petgraph::Direction;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::dataflow::{Availability, CaseFlow};
use crate::journey::{Channel, Journey, Method};

/// How many (step, kind) pairs one finding's walk may visit in one case.
const CAP: usize = 2_000;
/// How far back along a shortest route a certain repeat's main route is followed.
const WALK: u32 = 10_000;

/// What became of the data at an earlier collection, as seen from this step's channel; in
/// order of how much a route that passes it tells (the most telling one classifies it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Kind {
    /// Checked and not kept (`Verified`).
    NotKept,
    /// Taken and kept, but the map does not say where (no `stored_in`): nothing can be said
    /// about whether this channel could read it, and nothing is claimed.
    Unstated,
    /// Kept, but where this channel cannot read it (or sees it masked).
    Gap,
    /// Typed into a step whose form keeps no progress (`lost_if_abandoned`). It tells more
    /// than a gap further back: a customer who finished the form left the data where the
    /// form keeps it (which the message also says), so a gap upstream is not the story of
    /// the route; only a record this channel reads, kept on the way, tells more.
    Lost,
    /// Kept where this channel can read it.
    Friction,
}

/// An earlier collection of the element, and what became of it.
#[derive(Debug, Clone)]
pub(super) struct Earlier {
    pub step: NodeIndex,
    pub kind: Kind,
    /// Systems it was kept in (ids), in the order named.
    pub stored: Vec<String>,
    /// Of those, the ones this channel reads and could look it up in.
    pub readable: Vec<String>,
    /// Of those, the ones this channel reads but sees the element masked in.
    pub masked: Vec<String>,
    /// How it was taken (for "only checked", "observed").
    pub method: Method,
}

/// What became of `element` at step `p`, if `p` collects it about the customer.
pub(super) fn earlier(
    journey: &Journey,
    p: NodeIndex,
    element: &str,
    channel: Option<&Channel>,
) -> Option<Earlier> {
    let step = &journey.graph[p];
    let mut found = false;
    let mut method = Method::Verified;
    let mut stored: Vec<String> = Vec::new();
    for col in step
        .collects
        .iter()
        .filter(|c| c.element == element && c.about.is_none())
    {
        if !found {
            method = col.method;
        }
        found = true;
        if col.method == Method::Verified {
            continue;
        }
        method = col.method;
        for s in &col.stored_in {
            if !stored.contains(s) {
                stored.push(s.clone());
            }
        }
    }
    if !found {
        return None;
    }
    let reads = |s: &String| channel.is_some_and(|c| c.reads.contains(s));
    let hidden = |s: &String| {
        channel.is_some_and(|c| {
            c.masked
                .iter()
                .any(|m| &m.system == s && m.elements.iter().any(|e| e == element))
        })
    };
    let readable: Vec<String> = stored
        .iter()
        .filter(|s| reads(s) && !hidden(s))
        .cloned()
        .collect();
    let masked: Vec<String> = stored
        .iter()
        .filter(|s| reads(s) && hidden(s))
        .cloned()
        .collect();
    let kind = if step.lost_if_abandoned {
        Kind::Lost
    } else if !readable.is_empty() {
        Kind::Friction
    } else if !stored.is_empty() {
        Kind::Gap
    } else if method == Method::Verified {
        Kind::NotKept
    } else {
        Kind::Unstated
    };
    Some(Earlier {
        step: p,
        kind,
        stored,
        readable,
        masked,
        method,
    })
}

/// One route to the step: from `entry`, through the earlier collection, to the step.
#[derive(Debug, Clone)]
pub(super) struct Route {
    pub entry: NodeIndex,
    /// Whether steps lie between the entry and the earlier collection.
    pub gap_before: bool,
    pub earlier: Earlier,
    /// The steps strictly between the earlier collection and this step, in order.
    pub between: Vec<NodeIndex>,
}

/// The routes found for one repeat: at most one per kind, the main one first.
#[derive(Debug, Clone, Default)]
pub(super) struct Routes {
    pub list: Vec<Route>,
    /// False when a walk hit its cap: some routes were not examined.
    pub complete: bool,
}

/// The routes that make the customer give `element` (catalogue index `e`) again at `s`. For
/// a certain repeat the first is the shortest route from an entry to the step.
pub(super) fn find(
    journey: &Journey,
    flow: &Availability,
    s: NodeIndex,
    element: &str,
    e: usize,
    certain: bool,
) -> Routes {
    let channel = journey.channel(&journey.graph[s].channel);
    let mut routes = Routes {
        list: Vec::new(),
        complete: true,
    };
    let mut cases: Vec<&CaseFlow> = flow
        .cases
        .iter()
        .filter(|c| c.reachable.contains(s.index()))
        .collect();
    cases.sort_by_key(|c| c.depth[s.index()]);
    if certain
        && let Some(case) = cases.first()
        && let Some(main) = shortest_route(journey, case, s, element, channel)
    {
        routes.list.push(main);
    }
    for case in cases {
        let mut w = Walk::new(journey, flow, case, s, element, e);
        w.run(&mut routes);
    }
    // The main route first, then the others from the most telling kind down.
    if routes.list.len() > 1 {
        let main = if certain {
            Some(routes.list.remove(0))
        } else {
            None
        };
        routes
            .list
            .sort_by_key(|r| std::cmp::Reverse(r.earlier.kind));
        if let Some(m) = main {
            routes.list.insert(0, m);
        }
    }
    routes
}

/// The shortest route from an entry to `s` in `case`, with the collection on it that tells
/// the most (the nearest one among equals): every route collects it when the repeat is certain.
fn shortest_route(
    journey: &Journey,
    case: &CaseFlow,
    s: NodeIndex,
    element: &str,
    channel: Option<&Channel>,
) -> Option<Route> {
    // Back from s to the entry: at most WALK steps.
    let mut back = Vec::new();
    let mut at = case.parent[s.index()];
    while let Some(p) = at {
        if back.len() as u32 >= WALK {
            return None;
        }
        back.push(p);
        at = case.parent[p.index()];
    }
    let entry = *back.last()?;
    let mut best: Option<(usize, Earlier)> = None;
    for (i, &p) in back.iter().enumerate() {
        if let Some(found) = earlier(journey, p, element, channel)
            && best.as_ref().is_none_or(|(_, b)| found.kind > b.kind)
        {
            best = Some((i, found));
        }
    }
    let (i, earlier) = best?;
    let between: Vec<NodeIndex> = back[..i].iter().rev().copied().collect();
    Some(Route {
        entry,
        gap_before: back.len() - i > 2,
        earlier,
        between,
    })
}

/// One state of the backward walk: a step, what the route from it to `s` has collected so far
/// (its most telling kind, and the state where that was), and the next state towards `s`.
struct State {
    node: NodeIndex,
    kind: Option<Kind>,
    collector: Option<usize>,
    next: Option<usize>,
    /// What became of the data at this step, if it collects it.
    here: Option<Earlier>,
}

struct Walk<'a> {
    journey: &'a Journey,
    flow: &'a Availability,
    case: &'a CaseFlow,
    s: NodeIndex,
    element: &'a str,
    e: usize,
    channel: Option<&'a Channel>,
    arena: Vec<State>,
    seen: HashSet<(NodeIndex, Option<Kind>)>,
    queue: VecDeque<usize>,
}

impl<'a> Walk<'a> {
    fn new(
        journey: &'a Journey,
        flow: &'a Availability,
        case: &'a CaseFlow,
        s: NodeIndex,
        element: &'a str,
        e: usize,
    ) -> Walk<'a> {
        Walk {
            journey,
            flow,
            case,
            s,
            element,
            e,
            channel: journey.channel(&journey.graph[s].channel),
            arena: Vec::new(),
            seen: HashSet::default(),
            queue: VecDeque::new(),
        }
    }

    /// Walks back from `s`, adding to `found` the first route of each kind it meets.
    fn run(&mut self, found: &mut Routes) {
        self.expand(None);
        let entries: &FixedBitSet = &self.flow.entry;
        while let Some(i) = self.queue.pop_front() {
            let (node, kind) = (self.arena[i].node, self.arena[i].kind);
            let at_entry = entries.contains(node.index());
            let upstream = self.flow.may_in[node.index()].contains(self.e);
            if let Some(kind) = kind {
                if kind == Kind::Friction || !upstream {
                    // Nothing further back can change how this route reads.
                    self.record(found, i, at_entry);
                    continue;
                }
                if at_entry {
                    self.record(found, i, true);
                }
            } else if !upstream {
                continue;
            }
            if self.arena.len() >= CAP {
                found.complete = false;
                break;
            }
            self.expand(Some(i));
        }
    }

    /// Queues the steps the case's flows come from: into `s`, or into state `from`.
    fn expand(&mut self, from: Option<usize>) {
        let to = from.map_or(self.s, |i| self.arena[i].node);
        let graph = &self.journey.graph;
        let mut incoming: Vec<_> = graph
            .edges_directed(to, Direction::Incoming)
            .filter(|e| self.flow.in_case(e.id(), self.case))
            .map(|e| (e.id(), e.source()))
            .collect();
        // In file order, so that among routes as short, the first written is shown.
        incoming.sort_unstable_by_key(|(id, _)| *id);
        for (_, q) in incoming {
            if !self.case.reachable.contains(q.index()) {
                continue;
            }
            let here = earlier(self.journey, q, self.element, self.channel);
            let (kind_before, collector_before) = from.map_or((None, None), |i| {
                (self.arena[i].kind, self.arena[i].collector)
            });
            let here_kind = here.as_ref().map(|h| h.kind);
            let (kind, collector) = if here_kind > kind_before {
                (here_kind, Some(self.arena.len()))
            } else {
                (kind_before, collector_before)
            };
            if self.seen.insert((q, kind)) {
                self.arena.push(State {
                    node: q,
                    kind,
                    collector,
                    next: from,
                    here,
                });
                self.queue.push_back(self.arena.len() - 1);
            }
        }
    }

    /// Keeps the route ending in state `i` as the example of its kind, if it is the first.
    fn record(&self, found: &mut Routes, i: usize, at_entry: bool) {
        let state = &self.arena[i];
        let (Some(kind), Some(c)) = (state.kind, state.collector) else {
            return;
        };
        let Some(earlier) = self.arena[c].here.clone() else {
            return;
        };
        // One route per kind; one through another step beats an earlier pass through this one.
        let this_step = earlier.step == self.s;
        match found.list.iter().position(|r| r.earlier.kind == kind) {
            Some(k) if !this_step && found.list[k].earlier.step == self.s => {
                found.list.remove(k);
            }
            Some(_) => return,
            None => {}
        }
        let (entry, start_depth) = if at_entry {
            (state.node, 0)
        } else {
            match self.case.root[state.node.index()] {
                Some(root) => (root, self.case.depth[state.node.index()]),
                None => return,
            }
        };
        // The route from this state to `s`, and the collection's place on it.
        let mut suffix = Vec::new();
        let mut at = Some(i);
        while let Some(j) = at {
            suffix.push(j);
            at = self.arena[j].next;
        }
        let Some(idx) = suffix.iter().position(|&j| j == c) else {
            return;
        };
        let collector_depth = start_depth as usize + idx;
        let between = suffix[idx + 1..]
            .iter()
            .map(|&j| self.arena[j].node)
            .collect();
        found.list.push(Route {
            entry,
            gap_before: collector_depth >= 2,
            earlier,
            between,
        });
    }
}
