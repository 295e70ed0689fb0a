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
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
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
pub(super) struct Earlier<'a> {
    pub step: NodeIndex,
    pub kind: Kind,
    /// Systems it was kept in (ids), in the order named.
    pub stored: Vec<&'a str>,
    /// Of those, the ones this channel reads and could look it up in.
    pub readable: Vec<&'a str>,
    /// Of those, the ones this channel reads but sees the element masked in.
    pub masked: Vec<&'a str>,
    /// How it was taken (for "only checked", "observed").
    pub method: Method,
}

/// What became of `element` at step `p`, if `p` collects it about the customer.
pub(super) fn earlier<'a>(
    journey: &'a Journey,
    p: NodeIndex,
    element: &str,
    channel: Option<&Channel>,
) -> Option<Earlier<'a>> {
    let step = &journey.graph[p];
    let mut found = false;
    let mut method = Method::Verified;
    let mut stored: Vec<&str> = Vec::new();
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
            if !stored.contains(&s.as_str()) {
                stored.push(s);
            }
        }
    }
    if !found {
        return None;
    }
    let readable: Vec<&str> = stored
        .iter()
        .copied()
        .filter(|&s| reads(channel, s) && !masks(channel, s, element))
        .collect();
    let masked: Vec<&str> = stored
        .iter()
        .copied()
        .filter(|&s| reads(channel, s) && masks(channel, s, element))
        .collect();
    let kind = classify(
        step.lost_if_abandoned,
        !readable.is_empty(),
        !stored.is_empty(),
        method == Method::Verified,
    );
    Some(Earlier {
        step: p,
        kind,
        stored,
        readable,
        masked,
        method,
    })
}

/// What [`earlier`] would say became of `element` at `p`, without gathering the systems: a
/// walk asks it of every step it passes, and needs the systems only for the route it keeps.
fn kind_at(
    journey: &Journey,
    flow: &Availability,
    p: NodeIndex,
    (element, e): (&str, usize),
    channel: Option<&Channel>,
) -> Option<Kind> {
    // Most steps a walk passes do not collect the element: one bit says so.
    if !flow.gen_.contains(p.index(), e) {
        debug_assert!(earlier(journey, p, element, channel).is_none());
        return None;
    }
    let step = &journey.graph[p];
    let mut found = false;
    let mut verified = true;
    let mut stored = false;
    let mut readable = false;
    for (col, _) in step
        .collects
        .iter()
        .zip(flow.elements.at(p))
        .filter(|(c, x)| *x == Some(e) && c.about.is_none())
    {
        found = true;
        if col.method == Method::Verified {
            continue;
        }
        verified = false;
        for s in &col.stored_in {
            stored = true;
            readable |= reads(channel, s) && !masks(channel, s, element);
        }
    }
    if !found {
        return None;
    }
    let kind = classify(step.lost_if_abandoned, readable, stored, verified);
    debug_assert_eq!(
        Some(kind),
        earlier(journey, p, element, channel).map(|e| e.kind)
    );
    Some(kind)
}

/// Whether `channel` reads system `s`.
fn reads(channel: Option<&Channel>, s: &str) -> bool {
    channel.is_some_and(|c| c.reads.iter().any(|r| r == s))
}

/// Whether `channel` sees `element` masked in system `s`.
fn masks(channel: Option<&Channel>, s: &str, element: &str) -> bool {
    channel.is_some_and(|c| {
        c.masked
            .iter()
            .any(|m| m.system == s && m.elements.iter().any(|e| e == element))
    })
}

/// What became of the data at a step: typed into a form that keeps no progress, kept where
/// the channel reads it, kept elsewhere, only checked, or kept where the map does not say.
fn classify(lost_if_abandoned: bool, readable: bool, stored: bool, verified: bool) -> Kind {
    if lost_if_abandoned {
        Kind::Lost
    } else if readable {
        Kind::Friction
    } else if stored {
        Kind::Gap
    } else if verified {
        Kind::NotKept
    } else {
        Kind::Unstated
    }
}

/// One route to the step: from `entry`, through the earlier collection, to the step.
#[derive(Debug, Clone)]
pub(super) struct Route<'a> {
    pub entry: NodeIndex,
    /// Whether steps lie between the entry and the earlier collection.
    pub gap_before: bool,
    pub earlier: Earlier<'a>,
    /// The steps strictly between the earlier collection and this step, in order.
    pub between: Vec<NodeIndex>,
}

/// The routes found for one repeat: at most one per kind, the main one first.
#[derive(Debug, Clone, Default)]
pub(super) struct Routes<'a> {
    pub list: Vec<Route<'a>>,
    /// False when a walk hit its cap: some routes were not examined.
    pub complete: bool,
}

/// The routes that make the customer give `element` (catalogue index `e`) again at `s`. For
/// a certain repeat the first is the shortest route from an entry to the step.
pub(super) fn find<'a>(
    journey: &'a Journey,
    flow: &'a Availability,
    s: NodeIndex,
    element: &'a str,
    e: usize,
    certain: bool,
    scratch: &mut Scratch,
) -> Routes<'a> {
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
        && let Some(main) = shortest_route(journey, flow, case, s, (element, e), channel)
    {
        routes.list.push(main);
    }
    for case in cases {
        let mut w = Walk::new(journey, flow, case, s, element, e, std::mem::take(scratch));
        w.run(&mut routes);
        *scratch = w.buffers;
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
fn shortest_route<'a>(
    journey: &'a Journey,
    flow: &Availability,
    case: &CaseFlow,
    s: NodeIndex,
    (element, e): (&str, usize),
    channel: Option<&Channel>,
) -> Option<Route<'a>> {
    let depth = case.depth[s.index()] as usize;
    if depth == 0 || depth > WALK as usize {
        return None;
    }
    let entry = case.root[s.index()]?;
    // Back from s towards the entry, only as far as an earlier step could have collected
    // it: where nothing before a step collected it (its *may* set), nothing further back did.
    let mut best: Option<(usize, NodeIndex, Kind)> = None;
    let mut at = case.parent[s.index()];
    let mut i = 0;
    while let Some(p) = at {
        if let Some(kind) = kind_at(journey, flow, p, (element, e), channel)
            && best.is_none_or(|(_, _, b)| kind > b)
        {
            best = Some((i, p, kind));
        }
        if !flow.may_in.contains(p.index(), e) {
            break;
        }
        i += 1;
        at = case.parent[p.index()];
    }
    let (i, p, _) = best?;
    let earlier = earlier(journey, p, element, channel)?;
    let mut between: Vec<NodeIndex> = Vec::with_capacity(i);
    let mut at = case.parent[s.index()];
    for _ in 0..i {
        let p = at?;
        between.push(p);
        at = case.parent[p.index()];
    }
    between.reverse();
    Some(Route {
        entry,
        gap_before: depth - i > 2,
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
}

struct Walk<'a> {
    journey: &'a Journey,
    flow: &'a Availability,
    case: &'a CaseFlow,
    s: NodeIndex,
    element: &'a str,
    e: usize,
    channel: Option<&'a Channel>,
    buffers: Scratch,
}

/// A walk's working lists, kept from one walk to the next: a map has a walk for every
/// repeat, and allocating them afresh each time was a large part of the analysis.
#[derive(Default)]
pub(super) struct Scratch {
    arena: Vec<State>,
    seen: HashSet<(NodeIndex, Option<Kind>)>,
    queue: VecDeque<usize>,
    incoming: Vec<(EdgeIndex, NodeIndex)>,
}

impl<'a> Walk<'a> {
    fn new(
        journey: &'a Journey,
        flow: &'a Availability,
        case: &'a CaseFlow,
        s: NodeIndex,
        element: &'a str,
        e: usize,
        mut buffers: Scratch,
    ) -> Walk<'a> {
        buffers.arena.clear();
        buffers.seen.clear();
        buffers.queue.clear();
        Walk {
            journey,
            flow,
            case,
            s,
            element,
            e,
            channel: journey.channel(&journey.graph[s].channel),
            buffers,
        }
    }

    /// Walks back from `s`, adding to `found` the first route of each kind it meets.
    fn run(&mut self, found: &mut Routes<'a>) {
        self.expand(None);
        let entries: &FixedBitSet = &self.flow.entry;
        while let Some(i) = self.buffers.queue.pop_front() {
            let (node, kind) = (self.buffers.arena[i].node, self.buffers.arena[i].kind);
            let at_entry = entries.contains(node.index());
            let upstream = self.flow.may_in.contains(node.index(), self.e);
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
            if self.buffers.arena.len() >= CAP {
                found.complete = false;
                break;
            }
            self.expand(Some(i));
        }
    }

    /// Queues the steps the case's flows come from: into `s`, or into state `from`.
    fn expand(&mut self, from: Option<usize>) {
        let to = from.map_or(self.s, |i| self.buffers.arena[i].node);
        let graph = &self.journey.graph;
        let mut incoming = std::mem::take(&mut self.buffers.incoming);
        incoming.clear();
        incoming.extend(
            graph
                .edges_directed(to, Direction::Incoming)
                .filter(|e| self.flow.in_case(e.id(), self.case))
                .map(|e| (e.id(), e.source())),
        );
        // In file order, so that among routes as short, the first written is shown.
        incoming.sort_unstable_by_key(|(id, _)| *id);
        for &(_, q) in &incoming {
            if !self.case.reachable.contains(q.index()) {
                continue;
            }
            let here_kind = kind_at(
                self.journey,
                self.flow,
                q,
                (self.element, self.e),
                self.channel,
            );
            let (kind_before, collector_before) = from.map_or((None, None), |i| {
                (self.buffers.arena[i].kind, self.buffers.arena[i].collector)
            });
            let (kind, collector) = if here_kind > kind_before {
                (here_kind, Some(self.buffers.arena.len()))
            } else {
                (kind_before, collector_before)
            };
            if self.buffers.seen.insert((q, kind)) {
                self.buffers.arena.push(State {
                    node: q,
                    kind,
                    collector,
                    next: from,
                });
                self.buffers.queue.push_back(self.buffers.arena.len() - 1);
            }
        }
        self.buffers.incoming = incoming;
    }

    /// Keeps the route ending in state `i` as the example of its kind, if it is the first.
    fn record(&self, found: &mut Routes<'a>, i: usize, at_entry: bool) {
        let state = &self.buffers.arena[i];
        let (Some(kind), Some(c)) = (state.kind, state.collector) else {
            return;
        };
        let Some(earlier) = earlier(
            self.journey,
            self.buffers.arena[c].node,
            self.element,
            self.channel,
        ) else {
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
            at = self.buffers.arena[j].next;
        }
        let Some(idx) = suffix.iter().position(|&j| j == c) else {
            return;
        };
        let collector_depth = start_depth as usize + idx;
        let between = suffix[idx + 1..]
            .iter()
            .map(|&j| self.buffers.arena[j].node)
            .collect();
        found.list.push(Route {
            entry,
            gap_before: collector_depth >= 2,
            earlier,
            between,
        });
    }
}
