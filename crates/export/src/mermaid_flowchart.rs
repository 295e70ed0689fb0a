//! Mermaid flowchart: channels as swimlane subgraphs, steps as nodes listing their data
//! points, flows as edges, the overlay as `classDef` styles, and a compact legend.
//!
//! A whole map of several stages is a wide diagram a wiki shrinks to illegible; the file's
//! first lines say so and name the `--stage` command that gives one readable diagram per
//! stage. Lanes are top-level subgraphs with a neutral fill: Mermaid's default cluster fill is
//! the pale yellow a room reads as a warning, and lanes nested in one outer subgraph were
//! drawn inside each other by its layout.
//!
//! Mermaid refuses diagrams over 50,000 characters or 500 edges by default; such a map is
//! refused here too, with the advice to export one stage at a time (`--stage`).

use std::fmt;

use super::diagram::{Diagram, Node, kinds};
use super::escape::mermaid::text;
use super::legend::{self, Look};
use super::{ExportContext, ExportError, Exporter, Options};
use touchpoint_engine::analysis::Analysis;
use touchpoint_engine::analysis::Severity;
use touchpoint_engine::journey::Journey;

/// Mermaid's default `maxTextSize`, in UTF-16 code units.
pub const MAX_TEXT: usize = 50_000;
/// Mermaid's default `maxEdges`.
pub const MAX_EDGES: usize = 500;

pub struct MermaidFlowchart;

impl Exporter for MermaidFlowchart {
    fn id(&self) -> &'static str {
        "mermaid-flowchart"
    }

    fn extension(&self) -> &'static str {
        "mmd"
    }

    fn description(&self) -> &'static str {
        "Mermaid flowchart: channels as swimlanes, findings styled; `--stage` gives one readable \
         diagram per stage for wikis"
    }

    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError> {
        let diagram = Diagram::new(ctx)?;
        check_edges(ctx, &diagram)?;
        // The size limit is on the finished text: draw it aside, hand it over only if it fits,
        // so a refusal writes nothing.
        let mut text = String::new();
        render(&mut text, &diagram, ctx)?;
        let size = text.encode_utf16().count();
        if size > MAX_TEXT {
            return Err(too_large(
                ctx,
                format!("{size} characters, over Mermaid's limit of {MAX_TEXT}"),
            ));
        }
        out.write_str(&text)?;
        Ok(())
    }

    /// The edges are the map's flows, whatever its findings: a map with too many is refused
    /// from a diagram drawn without them, before the analysis.
    fn precheck(
        &self,
        source: &str,
        journey: &Journey,
        options: &Options,
    ) -> Result<(), ExportError> {
        let none = Analysis::new(Vec::new());
        let ctx = ExportContext::new(source, journey, &none, options);
        check_edges(&ctx, &Diagram::new(&ctx)?)
    }
}

/// Refuses a diagram with more edges than Mermaid draws: every flow is an edge, and so is
/// every arrow to or from another stage.
fn check_edges(ctx: &ExportContext<'_>, diagram: &Diagram<'_>) -> Result<(), ExportError> {
    let edges = diagram.edges.len() + diagram.boundary.len();
    if edges > MAX_EDGES {
        return Err(too_large(
            ctx,
            format!("{edges} edges, over Mermaid's limit of {MAX_EDGES}"),
        ));
    }
    Ok(())
}

/// The refusal of a map over Mermaid's limits (`what`), with what to do instead.
fn too_large(ctx: &ExportContext<'_>, what: String) -> ExportError {
    let hint = if ctx.options.stage.is_some() {
        "even this one stage is too large for Mermaid; use `--format svg` or \
         `--format dot`, which have no such limit"
            .to_string()
    } else {
        let ids: Vec<&str> = ctx.journey.stages.iter().map(|s| s.id.as_str()).collect();
        format!(
            "export one diagram per stage with `--stage STAGE` (stages: {}), or use \
             `--format svg`",
            ids.join(", ")
        )
    };
    ExportError::TooLarge {
        format: "Mermaid",
        what,
        hint,
    }
}

fn class(worst: Option<Severity>) -> &'static str {
    match worst {
        Some(Severity::Error) => "error",
        Some(Severity::Warning) => "warning",
        Some(Severity::Advice) => "advice",
        None => "clean",
    }
}

fn class_def(out: &mut dyn fmt::Write, name: &str, look: Look) -> fmt::Result {
    writeln!(
        out,
        "    classDef {name} fill:{},stroke:{},stroke-width:{}px,color:#101828",
        look.fill, look.stroke, look.width
    )
}

/// The look of a lane, the legend's frame and the boundary notes: neutral greys.
const NEUTRAL: &str = "fill:#f9fafb,stroke:#98a2b3,color:#101828";

/// The diagram text.
fn render(out: &mut dyn fmt::Write, d: &Diagram<'_>, ctx: &ExportContext<'_>) -> fmt::Result {
    out.write_str("flowchart LR\n")?;
    if ctx.options.stage.is_none() && d.stages.len() > 1 {
        let ids: Vec<&str> = d
            .stages
            .iter()
            .map(|&s| ctx.journey.stages[s].id.as_str())
            .collect();
        // A comment, so Mermaid ignores it; ids are touchpoint's own (letters, digits, - and _)
        // but are written through `text` all the same.
        writeln!(
            out,
            "    %% For a wiki, one readable diagram per stage: touchpoint export MAP --format \
             mermaid-flowchart --stage STAGE, for each of {}",
            text(&ids.join(" "))
        )?;
    }
    if d.nodes.is_empty() {
        out.write_str("    empty[\"This map has no steps yet\"]\n")?;
    }
    let lanes = d.used_channels();
    for &channel in &lanes {
        writeln!(
            out,
            "    subgraph lane{channel}[\"{}\"]\n        direction LR",
            text(d.channel_name(channel))
        )?;
        for (n, node) in d
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.channel == channel)
        {
            step(out, d, n, node)?;
        }
        out.write_str("    end\n")?;
    }
    flows(out, d)?;
    legend_subgraph(out, d)?;
    classes(out, d)?;
    for &channel in &lanes {
        writeln!(out, "    style lane{channel} {NEUTRAL}")?;
    }
    writeln!(out, "    style key {NEUTRAL}")
}

/// Step `n`'s node: its title marked by its worst finding, its stage, its data points.
fn step(out: &mut dyn fmt::Write, d: &Diagram<'_>, n: usize, node: &Node<'_>) -> fmt::Result {
    let look = legend::look(node.worst);
    let mut title = node.title.to_string();
    if look != legend::CLEAN {
        title = format!("{} {title}", look.symbol);
    }
    write!(out, "        s{n}[\"<b>{}</b>", text(&title))?;
    let mut sub = d.stage_name(node.stage).to_string();
    if !node.step_problems.is_empty() {
        sub = format!("{sub}: {}", kinds(&node.step_problems));
    }
    write!(out, "<br/><i>{}</i>", text(&sub))?;
    for point in &node.data {
        // No inline `style=`: Mermaid's entity pre-pass mangles lines holding
        // `style...:...#...;`, so problem data points are bold instead of coloured.
        if point.worst.is_some() {
            write!(out, "<br/><b>{}</b>", text(&point.label()))?;
        } else {
            write!(out, "<br/>{}", text(&point.label()))?;
        }
    }
    out.write_str("\"]\n")
}

/// The flows, and an arrow to or from each other stage a flow crosses into.
fn flows(out: &mut dyn fmt::Write, d: &Diagram<'_>) -> fmt::Result {
    for e in &d.edges {
        match e.label {
            Some(l) => writeln!(out, "    s{} -->|\"{}\"| s{}", e.from, text(l), e.to)?,
            None => writeln!(out, "    s{} --> s{}", e.from, e.to)?,
        }
    }
    for (k, b) in d.boundary.iter().enumerate() {
        let stage = text(d.stage_name(b.stage));
        if b.outgoing {
            writeln!(out, "    x{k}>\"to {stage}\"]\n    s{} -.-> x{k}", b.node)?;
        } else {
            writeln!(out, "    x{k}>\"from {stage}\"]\n    x{k} -.-> s{}", b.node)?;
        }
    }
    Ok(())
}

/// The overlay's styles, and each step put in the class of its worst finding.
fn classes(out: &mut dyn fmt::Write, d: &Diagram<'_>) -> fmt::Result {
    for (name, look) in [
        ("error", legend::look(Some(Severity::Error))),
        ("warning", legend::look(Some(Severity::Warning))),
        ("advice", legend::look(Some(Severity::Advice))),
        ("clean", legend::CLEAN),
    ] {
        class_def(out, name, look)?;
    }
    out.write_str("    classDef note fill:#f9fafb,stroke:#98a2b3,color:#101828\n")?;
    for severity in [
        Some(Severity::Error),
        Some(Severity::Warning),
        Some(Severity::Advice),
        None,
    ] {
        let ids: Vec<String> = d
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.worst == severity)
            .map(|(i, _)| format!("s{i}"))
            .collect();
        if !ids.is_empty() {
            writeln!(out, "    class {} {}", ids.join(","), class(severity))?;
        }
    }
    Ok(())
}

/// The legend, titled with the map: the severities with their counts side by side, and one
/// short line per rule that fired ("repeat (TP007) ×4"), the rule's name left to the report.
fn legend_subgraph(out: &mut dyn fmt::Write, d: &Diagram<'_>) -> fmt::Result {
    writeln!(
        out,
        "    subgraph key[\"<b>{}</b><br/>{}\"]\n        direction LR",
        text(&d.title()),
        text("Legend: privacy findings")
    )?;
    let mut ids = Vec::new();
    for (severity, look) in legend::severities() {
        let id = format!("legend_{}", class(Some(severity)));
        writeln!(
            out,
            "        {id}[\"{}\"]:::{}",
            text(&format!(
                "{} {}: {}",
                look.symbol,
                look.word,
                d.tally.get(severity)
            )),
            class(Some(severity))
        )?;
        ids.push(id);
    }
    if !d.rules.is_empty() {
        let lines: Vec<String> = d
            .rules
            .iter()
            .map(|r| {
                text(&format!(
                    "{} ({}) ×{}",
                    legend::kind(r.rule),
                    r.rule.code,
                    r.count
                ))
            })
            .collect();
        writeln!(
            out,
            "        legend_rules[\"{}\"]:::note",
            lines.join("<br/>")
        )?;
        ids.push("legend_rules".to_string());
    }
    // Invisible links keep the key in one row.
    writeln!(out, "        {}", ids.join(" ~~~ "))?;
    out.write_str("    end\n")
}
