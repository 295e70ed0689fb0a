//! Graphviz DOT, laid out as the swimlane grid the native SVG draws: a header row of stage
//! names, a cluster per channel in the map's order, and stage columns aligned from the header
//! down through every lane; each step an HTML-like table listing its data points, problem
//! ones coloured and marked by kind, its border solid, dashed or dotted by severity.
//!
//! Graphviz orders nodes within a rank as it likes, so the grid is built from what it keeps:
//! ranks run top to bottom, a lane taking one rank per step stacked in its cells (at most
//! [`MAX_ROWS`]; deeper cells put steps side by side), so lanes keep the map's order; within
//! a rank invisible separator points chained left to right mark where each stage column
//! starts and ends, and the separators of one column are tied into a vertical line, so
//! columns align under their header. Flows never rank the grid (`constraint=false`); one
//! that runs up or left is written the other way round with `dir=back`. A flow between two
//! rows has a real `label`, for which Graphviz leaves room; a flow within a row (where a
//! label would need a rank of its own) an `xlabel`, which Graphviz places clear of nodes
//! where it can.
//!
//! On large, densely linked maps Graphviz's crossing minimisation can still move separators
//! out of line; the export says so at the top of such a file and suggests `--stage`.

use std::fmt;

use super::diagram::Diagram;
use super::escape::xml::graphviz as text;
use super::legend;
use super::{ExportContext, ExportError, Exporter};
use touchpoint_engine::text::{wrap, wrap_lines};

const FONT: &str = "Helvetica,Arial,sans-serif";
/// Columns before a step title wraps.
const TITLE_WIDTH: usize = 30;
/// Columns before a flow label, a stage name or a channel name wraps.
const LABEL_WIDTH: usize = 22;
const NAME_WIDTH: usize = 16;
/// The width of the lane names' column, in inches (16 columns of 12 pt bold text).
const HEAD_WIDTH: &str = "2.0";
/// The most ranks a lane takes; a deeper cell puts its steps side by side.
pub const MAX_ROWS: usize = 6;
/// From this many steps a whole-map export warns that Graphviz may bend the columns.
const LARGE: usize = 40;

pub struct Dot;

impl Exporter for Dot {
    fn id(&self) -> &'static str {
        "dot"
    }

    fn extension(&self) -> &'static str {
        "dot"
    }

    fn description(&self) -> &'static str {
        "Graphviz DOT: the channel x stage grid with a header row (render with `dot -Tsvg`)"
    }

    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError> {
        let d = Diagram::new(ctx)?;
        render(out, &d)?;
        Ok(())
    }
}

/// Escaped, wrapped text joined with left-aligned line breaks.
fn lines(s: &str, width: usize) -> String {
    wrap(s, width)
        .iter()
        .map(|l| text(l))
        .collect::<Vec<_>>()
        .join("<BR ALIGN=\"LEFT\"/>")
}

/// Where each step goes: its lane (index into the used channels), row within the lane, and
/// place in that row's left-to-right chain.
struct Grid {
    channels: Vec<usize>,
    /// Per lane, how many ranks it takes.
    rows: Vec<usize>,
    /// Per step: (lane, row).
    at: Vec<(usize, usize)>,
    /// Per lane and row, per stage column, the steps in it, in file order.
    cells: Vec<Vec<Vec<Vec<usize>>>>,
    /// The steps a flow joins, as (lower, higher) indices.
    pairs: std::collections::HashSet<(usize, usize)>,
}

impl Grid {
    fn new(d: &Diagram<'_>) -> Grid {
        let channels = d.used_channels();
        let mut lane_of = vec![usize::MAX; d.journey.channels.len()];
        for (l, &c) in channels.iter().enumerate() {
            lane_of[c] = l;
        }
        let mut col_of = vec![usize::MAX; d.journey.stages.len()];
        for (k, &s) in d.stages.iter().enumerate() {
            col_of[s] = k;
        }
        let cols = d.stages.len();
        // Steps per cell, in file order.
        let mut by_cell: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); cols]; channels.len()];
        for (n, node) in d.nodes.iter().enumerate() {
            by_cell[lane_of[node.channel]][col_of[node.stage]].push(n);
        }
        let rows: Vec<usize> = by_cell
            .iter()
            .map(|lane| {
                lane.iter()
                    .map(Vec::len)
                    .max()
                    .unwrap_or(0)
                    .clamp(1, MAX_ROWS)
            })
            .collect();
        let mut at = vec![(0, 0); d.nodes.len()];
        let mut cells: Vec<Vec<Vec<Vec<usize>>>> = rows
            .iter()
            .map(|&r| vec![vec![Vec::new(); cols]; r])
            .collect();
        for (l, lane) in by_cell.iter().enumerate() {
            for (k, steps) in lane.iter().enumerate() {
                let per_row = steps.len().div_ceil(rows[l]).max(1);
                for (i, &n) in steps.iter().enumerate() {
                    let row = i / per_row;
                    at[n] = (l, row);
                    cells[l][row][k].push(n);
                }
            }
        }
        Grid {
            channels,
            rows,
            at,
            cells,
            pairs: d
                .edges
                .iter()
                .map(|e| (e.from.min(e.to), e.from.max(e.to)))
                .collect(),
        }
    }

    /// Whether a flow joins the two nodes (named `sN`) either way.
    fn joined(&self, a: &str, b: &str) -> bool {
        let step = |s: &str| s.strip_prefix('s').and_then(|n| n.parse::<usize>().ok());
        match (step(a), step(b)) {
            (Some(a), Some(b)) => self.pairs.contains(&(a.min(b), a.max(b))),
            _ => false,
        }
    }

    /// Where step `n` stands in reading order: its global row, then its place in the row.
    fn order(&self, n: usize) -> (usize, usize, usize) {
        let (l, row) = self.at[n];
        let global: usize = self.rows[..l].iter().sum::<usize>() + row;
        let place = self.cells[l][row]
            .iter()
            .flatten()
            .position(|&m| m == n)
            .unwrap_or(0);
        (global, place, n)
    }
}

fn render(out: &mut dyn fmt::Write, d: &Diagram<'_>) -> fmt::Result {
    let grid = Grid::new(d);
    let cols = d.stages.len();
    writeln!(out, "// {}", text(&d.title()).replace('\n', " "))?;
    if d.nodes.len() >= LARGE && cols > 1 {
        writeln!(
            out,
            "// {} steps: on a map this large Graphviz may move stage columns out of line; \
             `touchpoint export MAP --format dot --stage STAGE` gives one clean column per stage.",
            d.nodes.len()
        )?;
    }
    out.write_str("digraph touchpoint {\n")?;
    writeln!(
        out,
        "    graph [newrank=true, forcelabels=true, nodesep=0.25, ranksep=0.3, \
         fontname=\"{FONT}\", fontsize=16, labelloc=t, labeljust=l, label=<<B>{}</B>>]",
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
    header(out, d, cols)?;
    let mut above: Vec<String> = (0..=cols).map(|k| format!("head_sep{k}")).collect();
    for (l, &channel) in grid.channels.iter().enumerate() {
        lane(out, d, &grid, l, channel, cols, &mut above)?;
    }
    flows(out, d, &grid)?;
    out.write_str("    legend [label=<")?;
    legend_label(out, d)?;
    out.write_str(">]\n")?;
    writeln!(
        out,
        "    {} -> legend [style=invis, weight=100]",
        above.first().map_or("corner", String::as_str)
    )?;
    out.write_str("}\n")
}

/// The header row: the corner, then each stage's name between its column's separators.
fn header(out: &mut dyn fmt::Write, d: &Diagram<'_>, cols: usize) -> fmt::Result {
    out.write_str(
        "    subgraph cluster_header {\n        style=filled; fillcolor=\"#eaecf0\"; \
         color=\"#98a2b3\"; label=\"\"\n",
    )?;
    writeln!(
        out,
        "        corner [shape=box, style=filled, fillcolor=\"#eaecf0\", color=\"#eaecf0\", \
         width={HEAD_WIDTH}, fixedsize=true, fontsize=10, fontcolor=\"#475467\", \
         label=\"channel / stage\"]"
    )?;
    let mut chain = vec!["corner".to_string()];
    for (k, &s) in d.stages.iter().enumerate() {
        writeln!(
            out,
            "        head_sep{k} [shape=point, style=invis, width=0.05]\n        stage{k} \
             [shape=box, style=filled, fillcolor=\"#eaecf0\", color=\"#eaecf0\", fontsize=13, \
             label=<<B>{}</B>>]",
            lines(d.stage_name(s), LABEL_WIDTH)
        )?;
        chain.push(format!("head_sep{k}"));
        chain.push(format!("stage{k}"));
    }
    writeln!(
        out,
        "        head_sep{cols} [shape=point, style=invis, width=0.05]"
    )?;
    chain.push(format!("head_sep{cols}"));
    writeln!(out, "        {{ rank=same; {}; }}", chain.join("; "))?;
    writeln!(out, "        {} [style=invis]", chain.join(" -> "))?;
    out.write_str("    }\n")
}

/// A channel's cluster: a rank per row, each holding the lane's name (or a blank of its
/// width), then the column separators with each column's steps between them. The separators
/// are tied to those `above` them so the columns run straight down.
fn lane(
    out: &mut dyn fmt::Write,
    d: &Diagram<'_>,
    grid: &Grid,
    l: usize,
    channel: usize,
    cols: usize,
    above: &mut [String],
) -> fmt::Result {
    writeln!(
        out,
        "    subgraph cluster_lane{channel} {{\n        style=filled; fillcolor=\"#f9fafb\"; \
         color=\"#98a2b3\"; label=\"\""
    )?;
    let name_lines = wrap_lines(d.channel_name(channel), NAME_WIDTH, 4);
    let name = name_lines
        .iter()
        .map(|l| text(l))
        .collect::<Vec<_>>()
        .join("<BR/>");
    // Tall enough for its lines: Graphviz warns when a fixed-size node's label overflows.
    let name_h = 0.3 + 0.2 * name_lines.len() as f64;
    for row in 0..grid.rows[l] {
        let head = format!("lane{channel}_{row}");
        if row == 0 {
            writeln!(
                out,
                "        {head} [shape=box, style=filled, fillcolor=\"#f9fafb\", \
                 color=\"#f9fafb\", width={HEAD_WIDTH}, height={name_h:.1}, fixedsize=true, \
                 fontsize=12, label=<<B>{name}</B>>]"
            )?;
        } else {
            writeln!(
                out,
                "        {head} [shape=box, style=invis, width={HEAD_WIDTH}, height=0.02, \
                 fixedsize=true, label=\"\"]"
            )?;
        }
        let mut chain = vec![head];
        for k in 0..=cols {
            let sep = format!("sep{channel}_{row}_{k}");
            writeln!(out, "        {sep} [shape=point, style=invis, width=0.05]")?;
            chain.push(sep);
            if let Some(steps) = grid.cells[l][row].get(k) {
                for &n in steps {
                    write!(out, "        s{n} [label=<")?;
                    node_label(out, d, n)?;
                    out.write_str(">]\n")?;
                    chain.push(format!("s{n}"));
                }
            }
        }
        writeln!(out, "        {{ rank=same; {}; }}", chain.join("; "))?;
        // The chain orders the row; a flow between two steps side by side already does, and
        // Graphviz 2.43 fails on two edges between one pair.
        let mut links: Vec<&str> = vec![chain[0].as_str()];
        for pair in chain.windows(2) {
            if grid.joined(&pair[0], &pair[1]) {
                writeln!(out, "        {} [style=invis]", links.join(" -> "))?;
                links.clear();
            }
            links.push(pair[1].as_str());
        }
        writeln!(out, "        {} [style=invis]", links.join(" -> "))?;
    }
    out.write_str("    }\n")?;
    for row in 0..grid.rows[l] {
        for (k, up) in above.iter_mut().enumerate() {
            let sep = format!("sep{channel}_{row}_{k}");
            writeln!(out, "    {up} -> {sep} [style=invis, weight=1000]")?;
            *up = sep;
        }
    }
    Ok(())
}

/// The flows, labelled, none of them ranking the grid; one back to an earlier stage dashed.
/// A flow running up or left is written the other way round, drawn with its arrow reversed.
fn flows(out: &mut dyn fmt::Write, d: &Diagram<'_>, grid: &Grid) -> fmt::Result {
    for e in &d.edges {
        let mut attrs = vec!["constraint=false".to_string()];
        if let Some(l) = e.label {
            let within_row = grid.order(e.from).0 == grid.order(e.to).0;
            attrs.push(format!(
                "{}=<{}>",
                if within_row { "xlabel" } else { "label" },
                lines(l, LABEL_WIDTH)
            ));
        }
        if d.nodes[e.to].stage != d.nodes[e.from].stage
            && d.stages.iter().position(|&s| s == d.nodes[e.to].stage)
                < d.stages.iter().position(|&s| s == d.nodes[e.from].stage)
        {
            attrs.push("style=dashed".to_string());
        }
        let (from, to) = if grid.order(e.from) > grid.order(e.to) {
            attrs.push("dir=back".to_string());
            (e.to, e.from)
        } else {
            (e.from, e.to)
        };
        writeln!(out, "    s{from} -> s{to} [{}]", attrs.join(", "))?;
    }
    Ok(())
}

/// A step's HTML-like label: a table of its title, actor and data points, its border in the
/// look of its worst finding (colour, width and dash pattern).
fn node_label(out: &mut dyn fmt::Write, d: &Diagram<'_>, n: usize) -> fmt::Result {
    let node = &d.nodes[n];
    let look = legend::look(node.worst);
    let mut title = node.title.to_string();
    if look != legend::CLEAN {
        title = format!("{} {title}", look.symbol);
    }
    let style = match look.border {
        "dashed" | "dotted" => format!("rounded,{}", look.border),
        _ => "rounded".to_string(),
    };
    write!(
        out,
        "<TABLE BORDER=\"{}\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"3\" \
         STYLE=\"{style}\" COLOR=\"{}\" BGCOLOR=\"{}\">",
        look.width, look.stroke, look.fill
    )?;
    write!(
        out,
        "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><B>{}</B></TD></TR>",
        lines(&title, TITLE_WIDTH)
    )?;
    let mut sub = node.step.actor.label().to_string();
    if look != legend::CLEAN {
        sub = format!("{} {} · {sub}", look.symbol, look.word);
    }
    for p in &node.step_problems {
        sub = format!("{sub} · {}", p.text());
    }
    write!(
        out,
        "<TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"{}\">{}</FONT></TD></TR>",
        if look == legend::CLEAN {
            "#475467"
        } else {
            look.ink
        },
        lines(&sub, TITLE_WIDTH + 6)
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

/// The legend's HTML-like label: the severities with their counts and borders, then the
/// rules with their kinds.
fn legend_label(out: &mut dyn fmt::Write, d: &Diagram<'_>) -> fmt::Result {
    out.write_str(
        "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"3\" \
         COLOR=\"#98a2b3\" BGCOLOR=\"#ffffff\"><TR><TD ALIGN=\"LEFT\"><B>Legend: privacy \
         findings</B></TD></TR>",
    )?;
    for (severity, look) in legend::severities() {
        write!(
            out,
            "<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"{}\"><FONT COLOR=\"{}\">{} {}: {} ({} border)</FONT>\
             </TD></TR>",
            look.fill,
            look.ink,
            look.symbol,
            look.word,
            d.tally.get(severity),
            look.border
        )?;
    }
    for r in &d.rules {
        write!(
            out,
            "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">{} {} ({}) ×{}</FONT></TD></TR>",
            text(r.rule.code),
            text(legend::kind(r.rule)),
            text(r.rule.name),
            r.count
        )?;
    }
    out.write_str(
        "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">dashed flow: back to an earlier stage\
         </FONT></TD></TR></TABLE>",
    )
}
