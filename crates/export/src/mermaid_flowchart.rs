//! Mermaid flowchart: channels as swimlane subgraphs, steps as nodes listing their data
//! points, flows as edges, the overlay as `classDef` styles, and a legend.
//!
//! Mermaid refuses diagrams over 50,000 characters or 500 edges by default; such a map is
//! refused here too, with the advice to export one stage at a time (`--stage`).

use std::fmt;

use super::diagram::{Diagram, Node};
use super::escape::mermaid::text;
use super::legend::{self, Look};
use super::{ExportContext, ExportError, Exporter};
use touchpoint_engine::analysis::Severity;

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
        "Mermaid flowchart: channels as swimlanes, findings styled (for wikis and pull requests)"
    }

    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError> {
        let diagram = Diagram::new(ctx)?;
        // Every flow is an edge, and so is every arrow to or from another stage.
        let edges = diagram.edges.len() + diagram.boundary.len();
        if edges > MAX_EDGES {
            return Err(too_large(
                ctx,
                format!("{edges} edges, over Mermaid's limit of {MAX_EDGES}"),
            ));
        }
        // The size limit is on the finished text: draw it aside, hand it over only if it fits,
        // so a refusal writes nothing.
        let mut text = String::new();
        render(&mut text, &diagram)?;
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

/// The diagram text.
fn render(out: &mut dyn fmt::Write, d: &Diagram<'_>) -> fmt::Result {
    // The title frames the lanes as an outer subgraph: Mermaid's front-matter `title` is
    // sanitised as HTML (dropping `<script>...` and mangling `&`), a subgraph label is not.
    out.write_str("flowchart LR\n")?;
    writeln!(
        out,
        "    subgraph map[\"<b>{}</b>\"]\n        direction LR",
        text(&d.title())
    )?;
    if d.nodes.is_empty() {
        out.write_str("        empty[\"This map has no steps yet\"]\n")?;
    }
    for channel in d.used_channels() {
        writeln!(
            out,
            "        subgraph lane{channel}[\"{}\"]",
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
        out.write_str("        end\n")?;
    }
    out.write_str("    end\n")?;
    flows(out, d)?;
    legend_subgraph(out, d)?;
    classes(out, d)
}

/// Step `n`'s node: its title marked by its worst finding, its stage, its data points.
fn step(out: &mut dyn fmt::Write, d: &Diagram<'_>, n: usize, node: &Node<'_>) -> fmt::Result {
    let look = legend::look(node.worst);
    let mut title = node.title.to_string();
    if look != legend::CLEAN {
        title = format!("{} {title}", look.symbol);
    }
    write!(out, "            s{n}[\"<b>{}</b>", text(&title))?;
    let mut sub = d.stage_name(node.stage).to_string();
    if !node.step_codes.is_empty() {
        sub = format!("{sub} ({})", node.step_codes.join(", "));
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

fn legend_subgraph(out: &mut dyn fmt::Write, d: &Diagram<'_>) -> fmt::Result {
    writeln!(
        out,
        "    subgraph legend[\"{}\"]",
        text("Legend: privacy findings")
    )?;
    for (severity, look) in legend::severities() {
        writeln!(
            out,
            "        legend_{}[\"{}\"]:::{}",
            class(Some(severity)),
            text(&format!(
                "{} {}: {}",
                look.symbol,
                look.word,
                d.tally.get(severity)
            )),
            class(Some(severity))
        )?;
    }
    if !d.rules.is_empty() {
        let lines: Vec<String> = d
            .rules
            .iter()
            .map(|r| text(&format!("{} {} ×{}", r.rule.code, r.rule.name, r.count)))
            .collect();
        writeln!(
            out,
            "        legend_rules[\"{}\"]:::note",
            lines.join("<br/>")
        )?;
    }
    out.write_str("    end\n")
}
