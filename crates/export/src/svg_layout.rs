//! The native SVG's layout: a deterministic grid of channels (rows) by stages (columns), steps
//! stacked in their cells in file order, flows routed between box sides.
//!
//! Everything is in whole pixels and computed in one pass over steps and flows, so the same
//! map always gives the same picture and a 1,000-step map lays out in milliseconds. Text
//! widths are estimated from character counts (no font metrics), generously.

use super::diagram::Diagram;
use super::legend;
use super::svg_geometry::{
    BOX_PAD, BOX_W, COL_PAD, COL_W, DATA_LINE, GAP, LABEL_LINE, LANE_HEAD, LEGEND_LINE, LEGEND_TOP,
    MARGIN, Route, SUB_LINE, StepBox, TITLE_LINE,
};
use super::svg_labels;
use touchpoint_engine::text::{self, wrap_lines};

/// Columns of 13 px text that fit a box, at about 0.6 em per column.
const TITLE_COLS: usize = 25;
/// Columns of 11 px text that fit a box.
const DATA_COLS: usize = 28;
/// Columns of 9 px flow label text that fit between two boxes.
const LABEL_COLS: usize = 18;
/// Extra room right of the grid for labels of flows that loop round the last column.
const RIGHT_ROOM: i64 = 40;

/// A stage column.
#[derive(Debug, Clone)]
pub struct Column {
    /// Index into `journey.stages`.
    pub stage: usize,
    pub x: i64,
    pub lines: Vec<String>,
}

/// A channel row.
#[derive(Debug, Clone)]
pub struct Lane {
    pub channel: usize,
    pub y: i64,
    pub h: i64,
    pub lines: Vec<String>,
}

/// The whole picture.
#[derive(Debug, Clone)]
pub struct Layout {
    pub width: i64,
    pub height: i64,
    /// Top of the stage header row.
    pub header_y: i64,
    pub header_h: i64,
    pub columns: Vec<Column>,
    pub lanes: Vec<Lane>,
    pub boxes: Vec<StepBox>,
    pub routes: Vec<Route>,
    /// Top of the legend.
    pub legend_y: i64,
    /// The legend's lines after its severity row: one per rule with findings.
    pub legend_rules: Vec<String>,
}

impl Layout {
    pub fn new(d: &Diagram<'_>) -> Layout {
        let journey = d.journey;
        let lane_channels: Vec<usize> = if d.stages.len() == journey.stages.len() {
            (0..journey.channels.len()).collect()
        } else {
            d.used_channels()
        };
        let mut lane_of = vec![usize::MAX; journey.channels.len()];
        for (i, &c) in lane_channels.iter().enumerate() {
            lane_of[c] = i;
        }
        let mut col_of = vec![usize::MAX; journey.stages.len()];
        for (i, &s) in d.stages.iter().enumerate() {
            col_of[s] = i;
        }

        let header_y = MARGIN + 58;
        let columns: Vec<Column> = d
            .stages
            .iter()
            .enumerate()
            .map(|(i, &s)| Column {
                stage: s,
                x: MARGIN + LANE_HEAD + i as i64 * COL_W,
                lines: wrap_lines(d.stage_name(s), 32, 2),
            })
            .collect();
        let header_h = 16 + 18 * columns.iter().map(|c| c.lines.len()).max().unwrap_or(1) as i64;

        // Box sizes, then stack them per cell.
        let mut boxes: Vec<StepBox> = d
            .nodes
            .iter()
            .enumerate()
            .map(|(n, node)| {
                let title = wrap_lines(node.title, TITLE_COLS, 4);
                let data: Vec<Vec<String>> = node
                    .data
                    .iter()
                    .map(|p| wrap_lines(&p.label(), DATA_COLS, 3))
                    .collect();
                let data_lines: usize = data.iter().map(Vec::len).sum();
                let h = 2 * BOX_PAD
                    + TITLE_LINE * title.len() as i64
                    + SUB_LINE
                    + if data.is_empty() { 0 } else { 6 }
                    + DATA_LINE * data_lines as i64;
                StepBox {
                    node: n,
                    x: 0,
                    y: 0,
                    h,
                    title,
                    data,
                }
            })
            .collect();
        let rows = lane_channels.len();
        let cols = columns.len();
        // A labelled flow to the next box down the same cell needs room for its label.
        let mut last_in_cell = vec![usize::MAX; rows * cols];
        let mut previous = vec![usize::MAX; boxes.len()];
        for (n, node) in d.nodes.iter().enumerate() {
            let (r, c) = (lane_of[node.channel], col_of[node.stage]);
            if r != usize::MAX && c != usize::MAX {
                previous[n] = last_in_cell[r * cols + c];
                last_in_cell[r * cols + c] = n;
            }
        }
        let mut room = vec![0i64; boxes.len()];
        for e in &d.edges {
            if let Some(label) = e.label
                && previous[e.to] == e.from
            {
                room[e.to] = LABEL_LINE * wrap_lines(label, LABEL_COLS, 2).len() as i64 + 4;
            }
        }
        let mut cell_h = vec![GAP; rows * cols];
        let mut offset = vec![0i64; boxes.len()];
        for b in &mut boxes {
            let node = &d.nodes[b.node];
            let (r, c) = (lane_of[node.channel], col_of[node.stage]);
            if r == usize::MAX || c == usize::MAX {
                continue;
            }
            let cell = &mut cell_h[r * cols + c];
            if *cell > GAP {
                *cell += room[b.node];
            }
            offset[b.node] = *cell;
            *cell += b.h + GAP;
        }
        let mut lanes = Vec::with_capacity(rows);
        let mut y = header_y + header_h;
        for (r, &channel) in lane_channels.iter().enumerate() {
            let lines = wrap_lines(d.channel_name(channel), 18, 4);
            let label_h = 20 + 16 * lines.len() as i64;
            let h = (0..cols)
                .map(|c| cell_h[r * cols + c])
                .max()
                .unwrap_or(GAP)
                .max(label_h)
                .max(60);
            lanes.push(Lane {
                channel,
                y,
                h,
                lines,
            });
            y += h;
        }
        let grid_bottom = y;
        for b in &mut boxes {
            let node = &d.nodes[b.node];
            let (r, c) = (lane_of[node.channel], col_of[node.stage]);
            if r == usize::MAX || c == usize::MAX {
                continue;
            }
            b.x = columns[c].x + COL_PAD;
            b.y = lanes[r].y + offset[b.node];
        }

        let mut routes = route(d, &boxes, &col_of, &previous);
        svg_labels::place(&mut routes, &boxes);
        let legend_rules: Vec<String> = d
            .rules
            .iter()
            .map(|r| {
                format!(
                    "{} {} ×{}: {}",
                    r.rule.code, r.rule.name, r.count, r.rule.summary
                )
            })
            .collect();
        let legend_y = grid_bottom + 28;
        let legend_h = LEGEND_TOP + 8 + LEGEND_LINE * legend_rules.len() as i64 + 8;
        let widest_rule = legend_rules
            .iter()
            .map(|l| text::width(l))
            .max()
            .unwrap_or(0) as i64;
        let width = (MARGIN * 2 + RIGHT_ROOM + LANE_HEAD + cols as i64 * COL_W)
            .max(MARGIN * 2 + widest_rule * 7)
            .max(MARGIN * 2 + columns_of_title(d) * 11)
            .max(640);
        Layout {
            width,
            height: legend_y + legend_h + MARGIN,
            header_y,
            header_h,
            columns,
            lanes,
            boxes,
            routes,
            legend_y,
            legend_rules,
        }
    }
}

fn columns_of_title(d: &Diagram<'_>) -> i64 {
    text::width(&d.title()).min(160) as i64
}

/// Where flows leave and enter boxes: right side to left side going forward, a loop on the
/// right within a column, under the boxes going back. Ports spread along a side when several
/// flows share it, in the order of the boxes at their other end, so lines do not cross there.
/// `previous[n]` is the box stacked right above box `n` in its cell (or `usize::MAX`).
fn route(d: &Diagram<'_>, boxes: &[StepBox], col_of: &[usize], previous: &[usize]) -> Vec<Route> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Kind {
        Forward,
        Down,
        Loop,
        Back,
    }
    let kinds: Vec<Kind> = d
        .edges
        .iter()
        .map(|e| {
            let (ca, cb) = (col_of[d.nodes[e.from].stage], col_of[d.nodes[e.to].stage]);
            if ca < cb {
                Kind::Forward
            } else if ca > cb {
                Kind::Back
            } else if previous[e.to] == e.from {
                Kind::Down
            } else {
                Kind::Loop
            }
        })
        .collect();
    // Ports: per box, the edges using its right (out) and left (in) sides, sorted by the
    // other end's height.
    let mut right: Vec<Vec<(i64, usize)>> = vec![Vec::new(); boxes.len()];
    let mut left: Vec<Vec<(i64, usize)>> = vec![Vec::new(); boxes.len()];
    for (i, e) in d.edges.iter().enumerate() {
        match kinds[i] {
            Kind::Forward => {
                right[e.from].push((mid(&boxes[e.to]), i));
                left[e.to].push((mid(&boxes[e.from]), i));
            }
            Kind::Loop => {
                right[e.from].push((mid(&boxes[e.to]), i));
                right[e.to].push((mid(&boxes[e.from]), i));
            }
            Kind::Down | Kind::Back => {}
        }
    }
    // Loops within a column fan out into the gutter, shortest innermost, so they stay apart.
    let mut loop_dx = vec![0i64; d.edges.len()];
    let mut loops: Vec<(i64, i64, usize)> = (0..d.edges.len())
        .filter(|&i| kinds[i] == Kind::Loop)
        .map(|i| {
            let e = &d.edges[i];
            let span = (mid(&boxes[e.to]) - mid(&boxes[e.from])).abs();
            (boxes[e.from].x, span, i)
        })
        .collect();
    loops.sort_unstable();
    let mut slot = 0;
    for (k, &(x, _, i)) in loops.iter().enumerate() {
        slot = if k > 0 && loops[k - 1].0 == x {
            slot + 1
        } else {
            0
        };
        loop_dx[i] = 16 + 12 * (slot % 6);
    }
    let port = |sides: &[Vec<(i64, usize)>], b: usize, edge: usize| -> i64 {
        let mut list = sides[b].clone();
        list.sort_unstable();
        let k = list.iter().position(|&(_, e)| e == edge).unwrap_or(0) as i64;
        let n = list.len() as i64;
        let bx = &boxes[b];
        bx.y + bx.h * (k + 1) / (n + 1)
    };
    d.edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (a, b) = (&boxes[e.from], &boxes[e.to]);
            let points = match kinds[i] {
                Kind::Forward => {
                    let s = (a.x + BOX_W, port(&right, e.from, i));
                    let t = (b.x, port(&left, e.to, i));
                    let dx = ((t.0 - s.0) / 2).max(30);
                    [s, (s.0 + dx, s.1), (t.0 - dx, t.1), t]
                }
                Kind::Down => {
                    let s = (a.x + BOX_W / 2, a.y + a.h);
                    let t = (b.x + BOX_W / 2, b.y);
                    [s, (s.0, s.1 + 4), (t.0, t.1 - 4), t]
                }
                Kind::Loop => {
                    let s = (a.x + BOX_W, port(&right, e.from, i));
                    let t = (b.x + BOX_W, port(&right, e.to, i));
                    let dx = loop_dx[i];
                    [s, (s.0 + dx, s.1), (t.0 + dx, t.1), t]
                }
                Kind::Back => {
                    let s = (a.x + BOX_W / 3, a.y + a.h);
                    let t = (b.x + 2 * BOX_W / 3, b.y + b.h);
                    let dip = a.y.max(b.y) + a.h.max(b.h) + 2 * GAP;
                    [s, (s.0, dip), (t.0, dip), t]
                }
            };
            let label = e
                .label
                .map(|l| wrap_lines(l, LABEL_COLS, 2))
                .unwrap_or_default();
            let [p0, p1, p2, p3] = points;
            let label_at = match kinds[i] {
                // Beside the line, not on it, where it runs straight down.
                Kind::Down => (p0.0 + 6, (p0.1 + p3.1) / 2),
                _ => (
                    (p0.0 + 3 * p1.0 + 3 * p2.0 + p3.0) / 8,
                    (p0.1 + 3 * p1.1 + 3 * p2.1 + p3.1) / 8,
                ),
            };
            Route {
                edge: i,
                points,
                back: kinds[i] == Kind::Back,
                label,
                label_at,
                starts_at_anchor: kinds[i] == Kind::Down,
            }
        })
        .collect()
}

fn mid(b: &StepBox) -> i64 {
    b.y + b.h / 2
}

/// The colour key's entries: symbol, word, fill, stroke, ink.
pub fn key() -> Vec<legend::Look> {
    let mut looks: Vec<legend::Look> = legend::severities().iter().map(|(_, l)| *l).collect();
    looks.push(legend::CLEAN);
    looks
}
