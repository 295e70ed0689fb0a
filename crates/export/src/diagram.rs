//! The part of a journey a diagram shows, with the overlay resolved: steps placed in lanes
//! (channels) and columns (stages), their data points with the worst finding on each, and
//! the flows between them. Shared by every diagram format so they agree.

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::NodeIndexable;

use super::escape;
use super::legend::{self, RuleCount};
use super::{ExportContext, ExportError};
use touchpoint_engine::analysis::{Rule, Severity, Tally};
use touchpoint_engine::journey::{Journey, Step};

/// A step as drawn.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    pub ix: NodeIndex,
    pub step: &'a Step,
    /// The title to show: the step's, or its id when the title shows nothing.
    pub title: &'a str,
    /// Index into `journey.channels`.
    pub channel: usize,
    /// Index into `journey.stages`.
    pub stage: usize,
    /// The most severe finding on the step or any of its collections.
    pub worst: Option<Severity>,
    /// Codes of findings on the step itself rather than on one collection (e.g. TP012).
    pub step_codes: Vec<&'static str>,
    /// The findings on the step itself, one per rule, most severe first.
    pub step_problems: Vec<Problem<'a>>,
    pub data: Vec<DataPoint<'a>>,
}

/// The findings of one rule on one data point (or step), as a diagram shows them: the kind
/// of problem, its code, and for a repeat where the data was first collected.
#[derive(Debug, Clone)]
pub struct Problem<'a> {
    pub rule: &'static Rule,
    pub severity: Severity,
    /// Titles of the related steps worth naming (a repeat's first collections), in order;
    /// never the step itself.
    pub related: Vec<&'a str>,
    /// Whether the step itself is related: a repeat on an earlier pass round a loop.
    pub itself: bool,
}

impl Problem<'_> {
    /// "repeat (TP007), first at “Run the online line test”".
    pub fn text(&self) -> String {
        let s = format!("{} ({})", legend::kind(self.rule), self.rule.code);
        let Some(phrase) = legend::related_phrase(self.rule) else {
            return s;
        };
        if !self.related.is_empty() {
            let names: Vec<String> = self.related.iter().map(|t| format!("“{t}”")).collect();
            format!("{s}, {phrase} {}", names.join(", "))
        } else if self.itself {
            format!("{s}, on an earlier pass through this step")
        } else {
            s
        }
    }
}

/// One collection of a step, as a line of its box.
#[derive(Debug, Clone)]
pub struct DataPoint<'a> {
    pub name: &'a str,
    pub worst: Option<Severity>,
    /// Rule codes of its findings, in code order, without repeats.
    pub codes: Vec<&'static str>,
    /// Its findings, one per rule, most severe first.
    pub problems: Vec<Problem<'a>>,
}

impl DataPoint<'_> {
    /// "✖ Date of birth: unjustified (TP001), no retention (TP005)".
    pub fn label(&self) -> String {
        let look = legend::look(self.worst);
        if self.problems.is_empty() {
            format!("{} {}", look.symbol, self.name)
        } else {
            format!("{} {}: {}", look.symbol, self.name, kinds(&self.problems))
        }
    }
}

/// "unjustified (TP001), no retention (TP005)": the kinds and codes of `problems`.
pub fn kinds(problems: &[Problem<'_>]) -> String {
    problems
        .iter()
        .map(|p| format!("{} ({})", legend::kind(p.rule), p.rule.code))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A flow between two drawn steps (indices into `nodes`).
#[derive(Debug, Clone)]
pub struct Edge<'a> {
    pub from: usize,
    pub to: usize,
    pub label: Option<&'a str>,
}

/// A flow that leaves the drawn stage or comes into it from another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Boundary {
    /// Index into `nodes`.
    pub node: usize,
    /// The other stage (index into `journey.stages`).
    pub stage: usize,
    /// Whether the flow goes out of `node` (else it comes in).
    pub outgoing: bool,
}

/// What one diagram shows.
#[derive(Debug, Clone)]
pub struct Diagram<'a> {
    pub journey: &'a Journey,
    /// Stages shown, as indices into `journey.stages`, in order.
    pub stages: Vec<usize>,
    /// Steps in file order.
    pub nodes: Vec<Node<'a>>,
    /// Flows in file order.
    pub edges: Vec<Edge<'a>>,
    /// Flows to and from other stages when one stage is shown, deduplicated.
    pub boundary: Vec<Boundary>,
    /// Rules with findings on the shown steps, for the legend.
    pub rules: Vec<RuleCount>,
    /// Findings on the shown steps, by severity.
    pub tally: Tally,
}

impl<'a> Diagram<'a> {
    /// The diagram for `ctx`: the whole map, or one stage with `--stage`.
    pub fn new(ctx: &ExportContext<'a>) -> Result<Diagram<'a>, ExportError> {
        Ok(Diagram::of(ctx, ctx.stage_filter()?))
    }

    /// The diagram of one stage (an index into `journey.stages`), whatever `--stage` says.
    pub fn of_stage(ctx: &ExportContext<'a>, stage: usize) -> Diagram<'a> {
        Diagram::of(ctx, Some(stage))
    }

    fn of(ctx: &ExportContext<'a>, only: Option<usize>) -> Diagram<'a> {
        let journey = ctx.journey;
        // Each graph node's index into `nodes`, when it is drawn.
        let mut slot: Vec<Option<usize>> = vec![None; journey.graph.node_bound()];
        let mut nodes = Vec::new();
        let mut shown_findings = Vec::new();
        for (ix, step) in journey.steps() {
            let (Some(channel), Some(stage)) = (
                journey.channel_index(&step.channel),
                journey.stage_index(&step.stage),
            ) else {
                continue;
            };
            if only.is_some_and(|s| s != stage) {
                continue;
            }
            shown_findings.extend_from_slice(ctx.analysis.overlay.step(&step.id));
            slot[ix.index()] = Some(nodes.len());
            nodes.push(Node::new(ctx, ix, step, channel, stage));
        }
        let (edges, boundary) = flows(journey, &nodes, &slot);
        shown_findings.sort_unstable();
        shown_findings.dedup();
        let mut tally = Tally::default();
        for &i in &shown_findings {
            tally.add(ctx.analysis.findings[i].severity);
        }
        Diagram {
            journey,
            stages: match only {
                Some(s) => vec![s],
                None => (0..journey.stages.len()).collect(),
            },
            nodes,
            edges,
            boundary,
            rules: legend::rules_of(&ctx.analysis.findings, shown_findings),
            tally,
        }
    }

    /// Channels (indices into `journey.channels`) that hold at least one shown step, in order.
    pub fn used_channels(&self) -> Vec<usize> {
        let mut used = vec![false; self.journey.channels.len()];
        for n in &self.nodes {
            used[n.channel] = true;
        }
        (0..used.len()).filter(|&c| used[c]).collect()
    }

    /// The diagram's title: the map's, with the stage when one is shown.
    pub fn title(&self) -> String {
        let title = shown(&self.journey.meta.title, "Untitled journey");
        match self.stages.as_slice() {
            [one] if self.journey.stages.len() > 1 => {
                format!("{title}: {}", self.stage_name(*one))
            }
            _ => title.to_string(),
        }
    }

    /// A channel's name to show (its id when the name shows nothing).
    pub fn channel_name(&self, channel: usize) -> &'a str {
        let c = &self.journey.channels[channel];
        shown(&c.name, &c.id)
    }

    /// A stage's name to show (its id when the name shows nothing).
    pub fn stage_name(&self, stage: usize) -> &'a str {
        let s = &self.journey.stages[stage];
        shown(&s.name, &s.id)
    }
}

impl<'a> Node<'a> {
    /// Step `step` as drawn in `channel` and `stage`, with the findings on it and on each of
    /// its collections.
    fn new(
        ctx: &ExportContext<'a>,
        ix: NodeIndex,
        step: &'a Step,
        channel: usize,
        stage: usize,
    ) -> Node<'a> {
        let journey = ctx.journey;
        let overlay = &ctx.analysis.overlay;
        let on_step: Vec<usize> = overlay
            .step(&step.id)
            .iter()
            .copied()
            .filter(|&i| ctx.analysis.findings[i].collection().is_none())
            .collect();
        let step_codes = codes(ctx, on_step.iter().copied());
        let step_problems = problems(ctx, &step.id, &on_step);
        let data = step
            .collects
            .iter()
            .enumerate()
            .map(|(c, col)| {
                let on = overlay.collection(&step.id, c);
                DataPoint {
                    name: shown(journey.element_name(&col.element), &col.element),
                    worst: on.iter().map(|&i| ctx.analysis.findings[i].severity).max(),
                    codes: codes(ctx, on.iter().copied()),
                    problems: problems(ctx, &step.id, on),
                }
            })
            .collect();
        Node {
            ix,
            step,
            title: shown(&step.title, &step.id),
            channel,
            stage,
            worst: overlay.worst_on_step(&step.id),
            step_codes,
            step_problems,
            data,
        }
    }
}

/// The flows between drawn steps, in file order, and the flows to or from steps of other
/// stages, which are not drawn (`slot` maps graph nodes to drawn steps).
fn flows<'a>(
    journey: &'a Journey,
    nodes: &[Node<'a>],
    slot: &[Option<usize>],
) -> (Vec<Edge<'a>>, Vec<Boundary>) {
    let mut edges = Vec::new();
    let mut boundary = Vec::new();
    let stage_of = |ix: NodeIndex| journey.stage_index(&journey.graph[ix].stage);
    for (n, node) in nodes.iter().enumerate() {
        for (flow, to) in journey.outgoing(node.ix) {
            match slot[to.index()] {
                Some(m) => edges.push(Edge {
                    from: n,
                    to: m,
                    label: flow
                        .label
                        .as_deref()
                        .filter(|l| !escape::line(l).trim().is_empty()),
                }),
                None => {
                    if let Some(stage) = stage_of(to) {
                        boundary.push(Boundary {
                            node: n,
                            stage,
                            outgoing: true,
                        });
                    }
                }
            }
        }
        for (_, from) in journey.incoming(node.ix) {
            if slot[from.index()].is_none()
                && let Some(stage) = stage_of(from)
            {
                boundary.push(Boundary {
                    node: n,
                    stage,
                    outgoing: false,
                });
            }
        }
    }
    // Edges in file order of their flows: sort by edge index through the graph.
    edges.sort_by_key(|e| {
        journey
            .graph
            .find_edge(nodes[e.from].ix, nodes[e.to].ix)
            .map(|ix| ix.index())
    });
    boundary.sort();
    boundary.dedup();
    (edges, boundary)
}

/// `text` when it shows something once cleaned, else `fallback` (an id: never blank).
///
/// Every target chokes on some empty label (`||` in PlantUML, `<B></B>` in Graphviz, an
/// empty Mermaid task), and a blank box tells a reader nothing.
pub fn shown<'t>(text: &'t str, fallback: &'t str) -> &'t str {
    if escape::line(text).trim().is_empty() {
        fallback
    } else {
        text
    }
}

fn codes(ctx: &ExportContext<'_>, indices: impl Iterator<Item = usize>) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = indices
        .map(|i| ctx.analysis.findings[i].rule.code)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The findings `indices` on step `here` as problems: one per rule, most severe first (then
/// by code), each with the titles of its related steps other than `here`.
fn problems<'a>(ctx: &ExportContext<'a>, here: &str, indices: &[usize]) -> Vec<Problem<'a>> {
    let journey = ctx.journey;
    let mut out: Vec<Problem<'a>> = Vec::new();
    for &i in indices {
        let Some(f) = ctx.analysis.findings.get(i) else {
            continue;
        };
        let itself = f.related().any(|id| id == here);
        let titles = f
            .related()
            .filter(|id| *id != here)
            .map(|id| journey.step(id).map_or(id, |s| shown(&s.title, &s.id)));
        match out.iter_mut().find(|p| std::ptr::eq(p.rule, f.rule())) {
            Some(p) => {
                p.severity = p.severity.max(f.severity());
                p.itself |= itself;
                for t in titles {
                    if !p.related.contains(&t) {
                        p.related.push(t);
                    }
                }
            }
            None => {
                let mut related: Vec<&'a str> = Vec::new();
                for t in titles {
                    if !related.contains(&t) {
                        related.push(t);
                    }
                }
                out.push(Problem {
                    rule: f.rule(),
                    severity: f.severity(),
                    related,
                    itself,
                });
            }
        }
    }
    out.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.rule.code.cmp(b.rule.code))
    });
    out
}
