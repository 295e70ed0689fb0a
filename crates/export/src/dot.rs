//! Graphviz DOT: a cluster per channel, stages ranked left to right, HTML-like labels listing
//! each step's data points with the problematic ones coloured, flow labels as `xlabel`s.

use std::fmt;

use super::diagram::Diagram;
use super::escape::xml::graphviz as text;
use super::legend;
use super::{ExportContext, ExportError, Exporter};
use touchpoint_engine::text::wrap;

const FONT: &str = "Helvetica,Arial,sans-serif";
/// Columns before a step title wraps.
const TITLE_WIDTH: usize = 30;
/// Columns before a stage name or a flow label wraps.
const LABEL_WIDTH: usize = 24;

pub struct Dot;

impl Exporter for Dot {
    fn id(&self) -> &'static str {
        "dot"
    }

    fn extension(&self) -> &'static str {
        "dot"
    }

    fn description(&self) -> &'static str {
        "Graphviz DOT: channel clusters, stages left to right (render with `dot -Tsvg`)"
    }

    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError> {
        let d = Diagram::new(ctx)?;
        render(out, &d)?;
        Ok(())
    }
}

/// Escaped, wrapped text joined with `<BR/>`.
fn lines(s: &str, width: usize) -> String {
    wrap(s, width)
        .iter()
        .map(|l| text(l))
        .collect::<Vec<_>>()
        .join("<BR ALIGN=\"LEFT\"/>")
}

fn render(out: &mut dyn fmt::Write, d: &Diagram<'_>) -> fmt::Result {
    writeln!(out, "// {}", text(&d.title()).replace('\n', " "))?;
    out.write_str("digraph touchpoint {\n")?;
    writeln!(
        out,
        "    graph [rankdir=LR, newrank=true, nodesep=0.25, ranksep=0.5, fontname=\"{FONT}\", \
         fontsize=16, labelloc=t, labeljust=l, label=<<B>{}</B>>]",
        text(&d.title())
    )?;
    writeln!(
        out,
        "    node [shape=plain, fontname=\"{FONT}\", fontsize=10]"
    )?;
    writeln!(
        out,
        "    edge [fontname=\"{FONT}\", fontsize=9, color=\"#475467\", arrowsize=0.7]"
    )?;
    stage_headers(out, d)?;
    lanes(out, d)?;
    stage_order(out, d)?;
    flows(out, d)?;
    out.write_str("    legend [label=<")?;
    legend_label(out, d)?;
    out.write_str(">]\n}\n")
}

/// A header per stage, kept in one band across the top and chained invisibly so stages keep
/// their order.
fn stage_headers(out: &mut dyn fmt::Write, d: &Diagram<'_>) -> fmt::Result {
    for &s in &d.stages {
        writeln!(
            out,
            "    stage{s} [shape=box, style=\"rounded,filled\", fillcolor=\"#eaecf0\", \
             color=\"#98a2b3\", fontsize=12, label=<<B>{}</B>>]",
            lines(d.stage_name(s), LABEL_WIDTH)
        )?;
    }
    // The headers share an invisible cluster, which keeps them in one band across the top.
    let headers: Vec<String> = d.stages.iter().map(|s| format!("stage{s}")).collect();
    writeln!(
        out,
        "    subgraph cluster_stages {{ style=invis; {} }}",
        headers.join("; ")
    )?;
    if headers.len() > 1 {
        writeln!(
            out,
            "    {} [style=invis, weight=100]",
            headers.join(" -> ")
        )?;
    }
    Ok(())
}

/// A cluster per channel holding its steps.
fn lanes(out: &mut dyn fmt::Write, d: &Diagram<'_>) -> fmt::Result {
    for channel in d.used_channels() {
        writeln!(out, "    subgraph cluster_lane{channel} {{")?;
        writeln!(
            out,
            "        label=<<B>{}</B>>; style=\"rounded,filled\"; fillcolor=\"#f9fafb\"; \
             color=\"#98a2b3\"; fontsize=12",
            text(d.channel_name(channel))
        )?;
        for (n, _) in d
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.channel == channel)
        {
            write!(out, "        s{n} [label=<")?;
            node_label(out, d, n)?;
            out.write_str(">]\n")?;
        }
        out.write_str("    }\n")?;
    }
    Ok(())
}

/// Each step sits after its stage's header and before the next stage's: stages read left to
/// right, and steps of one stage can still follow each other within it.
fn stage_order(out: &mut dyn fmt::Write, d: &Diagram<'_>) -> fmt::Result {
    for (k, &s) in d.stages.iter().enumerate() {
        let next = d.stages.get(k + 1);
        for (n, _) in d.nodes.iter().enumerate().filter(|(_, n)| n.stage == s) {
            write!(out, "    stage{s} -> s{n} [style=invis]")?;
            if let Some(next) = next {
                write!(out, "; s{n} -> stage{next} [style=invis]")?;
            }
            out.write_char('\n')?;
        }
    }
    Ok(())
}

/// The flows, labelled; a flow back to an earlier stage dashed.
fn flows(out: &mut dyn fmt::Write, d: &Diagram<'_>) -> fmt::Result {
    for e in &d.edges {
        let mut attrs = Vec::new();
        if let Some(l) = e.label {
            attrs.push(format!("xlabel=<{}>", lines(l, LABEL_WIDTH)));
        }
        // A flow back to an earlier stage must not pull that stage to the right.
        if d.nodes[e.to].stage < d.nodes[e.from].stage {
            attrs.push("constraint=false, style=dashed".to_string());
        }
        if attrs.is_empty() {
            writeln!(out, "    s{} -> s{}", e.from, e.to)?;
        } else {
            writeln!(out, "    s{} -> s{} [{}]", e.from, e.to, attrs.join(", "))?;
        }
    }
    Ok(())
}

/// A step's HTML-like label: a table of its title, actor and data points.
fn node_label(out: &mut dyn fmt::Write, d: &Diagram<'_>, n: usize) -> fmt::Result {
    let node = &d.nodes[n];
    let look = legend::look(node.worst);
    let mut title = node.title.to_string();
    if look != legend::CLEAN {
        title = format!("{} {title}", look.symbol);
    }
    write!(
        out,
        "<TABLE BORDER=\"{}\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"3\" \
         STYLE=\"rounded\" COLOR=\"{}\" BGCOLOR=\"{}\">",
        look.width, look.stroke, look.fill
    )?;
    write!(
        out,
        "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><B>{}</B></TD></TR>",
        lines(&title, TITLE_WIDTH)
    )?;
    let mut sub = node.step.actor.label().to_string();
    if !node.step_codes.is_empty() {
        sub = format!("{sub} · {}", node.step_codes.join(", "));
    }
    write!(
        out,
        "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\" COLOR=\"#475467\">{}</FONT></TD></TR>",
        text(&sub)
    )?;
    for point in &node.data {
        let ink = legend::look(point.worst).ink;
        let text_ = lines(&point.label(), TITLE_WIDTH + 4);
        let body = if point.worst.is_some() {
            format!("<B>{text_}</B>")
        } else {
            text_
        };
        write!(
            out,
            "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT COLOR=\"{ink}\">{body}</FONT></TD></TR>"
        )?;
    }
    out.write_str("</TABLE>")
}

/// The legend's HTML-like label: the severities with their counts, then the rules.
fn legend_label(out: &mut dyn fmt::Write, d: &Diagram<'_>) -> fmt::Result {
    out.write_str(
        "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"3\" \
         COLOR=\"#98a2b3\" BGCOLOR=\"#ffffff\"><TR><TD ALIGN=\"LEFT\"><B>Legend: privacy \
         findings</B></TD></TR>",
    )?;
    for (severity, look) in legend::severities() {
        write!(
            out,
            "<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"{}\"><FONT COLOR=\"{}\">{} {}: {}</FONT></TD></TR>",
            look.fill,
            look.ink,
            look.symbol,
            look.word,
            d.tally.get(severity)
        )?;
    }
    for r in &d.rules {
        write!(
            out,
            "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">{} {} ×{}</FONT></TD></TR>",
            text(r.rule.code),
            text(r.rule.name),
            r.count
        )?;
    }
    out.write_str("</TABLE>")
}
