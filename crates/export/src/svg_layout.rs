//! The native SVG's layout: a deterministic grid of channels (rows) by stages (columns), steps
//! stacked in their cells in file order, flows routed between box sides.
//!
//! Everything is in whole pixels and computed in one pass over steps and flows, so the same
//! map always gives the same picture and a 1,000-step map lays out in milliseconds. Text
//! widths are estimated from character counts (no font metrics), generously.

use super::diagram::{Diagram, Edge, Node};
use super::legend;
use super::svg_geometry::{
    BOX_PAD, BOX_W, CHANNEL_LINE, COL_PAD, COL_W, DATA_LINE, DATA_RULE, GAP, LABEL_LINE, LANE_HEAD,
    LEGEND_CHAR_W, LEGEND_LINE, LEGEND_RULES_GAP, LEGEND_TOP, MARGIN, Route, STAGE_LINE, SUB_LINE,
    StepBox, TITLE_LINE,
};
use super::svg_labels;
use touchpoint_engine::text::{self, wrap_lines};

/// Height of the map's title and findings summary, above the grid.
const HEADING_H: i64 = 58;
/// Columns of 14 px stage name text that fit a stage's header, and the most lines it takes.
const STAGE_COLS: usize = 32;
const STAGE_MAX_LINES: usize = 2;
/// Padding above and below the stage names in the header row.
const HEADER_PAD: i64 = 16;
/// Columns of 13 px channel name text that fit the lane heading, and the most lines it takes.
const CHANNEL_COLS: usize = 18;
const CHANNEL_MAX_LINES: usize = 4;
/// Padding above and below a channel's name in its lane.
const CHANNEL_PAD: i64 = 20;
/// The least height of a lane, even of an empty one.
const MIN_LANE_H: i64 = 60;
/// Columns of 13 px text that fit a box, at about 0.6 em per column.
const TITLE_COLS: usize = 25;
/// Columns of 11 px text that fit a box.
const DATA_COLS: usize = 28;
/// Columns of 9 px flow label text that fit between two boxes.
const LABEL_COLS: usize = 18;
/// The most lines a step title, a data point and a flow label take; the tooltip has the rest.
const TITLE_MAX_LINES: usize = 4;
const DATA_MAX_LINES: usize = 3;
const LABEL_MAX_LINES: usize = 2;
/// Extra room under a flow label that runs between two boxes stacked in one cell.
const LABEL_ROOM_PAD: i64 = 4;
/// Space between the grid and the legend, and under the legend's last line.
const LEGEND_GAP: i64 = 28;
const LEGEND_BOTTOM: i64 = 8;
/// Extra room right of the grid for labels of flows that loop round the last column.
const RIGHT_ROOM: i64 = 40;
/// Width of one column of 20 px title text, and the most columns the page widens for.
const TITLE_CHAR_W: i64 = 11;
const TITLE_MAX_COLS: usize = 160;
/// The narrowest page.
const MIN_WIDTH: i64 = 640;
/// The least horizontal pull of a forward flow's control points, so a short flow still curves.
const MIN_PULL: i64 = 30;
/// The vertical pull of a flow dropping straight to the next box in its cell.
const DROP_PULL: i64 = 4;
/// How far the label of a straight drop sits right of the line.
const DROP_LABEL_DX: i64 = 6;
/// How far a loop within a column reaches into the gutter: the innermost, then each next
/// one `LOOP_STEP` further, starting again after `LOOP_SLOTS`.
const LOOP_REACH: i64 = 16;
const LOOP_STEP: i64 = 12;
const LOOP_SLOTS: i64 = 6;

/// A stage column.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// Index into `journey.stages`.
    pub stage: usize,
    pub x: i64,
    pub lines: Vec<String>,
}

/// A channel row.
#[derive(Debug, Clone)]
pub(crate) struct Lane {
    pub channel: usize,
    pub y: i64,
    pub h: i64,
    pub lines: Vec<String>,
}

/// The whole picture.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
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
    pub(crate) fn new(d: &Diagram<'_>) -> Layout {
        let grid = Grid::new(d);
        let header_y = MARGIN + HEADING_H;
        let columns = columns(d);
        let header_h = HEADER_PAD
            + STAGE_LINE * columns.iter().map(|c| c.lines.len()).max().unwrap_or(1) as i64;
        let mut boxes: Vec<StepBox> = d
            .nodes
            .iter()
            .enumerate()
            .map(|(n, node)| step_box(n, node))
            .collect();
        let previous = grid.stacked_above(d);
        let (cell_h, offset) = grid.stack(d, &boxes, &label_room(d, &previous));
        let lanes = grid.lanes(d, &cell_h, header_y + header_h);
        let grid_bottom = lanes.last().map_or(header_y + header_h, |l| l.y + l.h);
        for b in &mut boxes {
            if let (Some(r), Some(c)) = grid.lane_and_column(&d.nodes[b.node]) {
                b.x = columns[c].x + COL_PAD;
                b.y = lanes[r].y + offset[b.node];
            }
        }
        let mut routes = route(d, &boxes, &grid.col_of, &previous);
        svg_labels::place(&mut routes, &boxes);
        let legend_rules = legend_rules(d);
        let legend_y = grid_bottom + LEGEND_GAP;
        let legend_h =
            LEGEND_TOP + LEGEND_RULES_GAP + LEGEND_LINE * legend_rules.len() as i64 + LEGEND_BOTTOM;
        Layout {
            width: page_width(d, columns.len(), &legend_rules),
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

/// Which lane each channel takes and which column each stage takes (`None`: not shown).
struct Grid {
    /// The channels with a lane, in order: all of them for the whole map, only those with
    /// steps for one stage.
    lane_channels: Vec<usize>,
    /// By channel.
    lane_of: Vec<Option<usize>>,
    /// By stage.
    col_of: Vec<Option<usize>>,
    /// How many columns: the stages shown.
    cols: usize,
}

impl Grid {
    fn new(d: &Diagram<'_>) -> Grid {
        let journey = d.journey;
        let lane_channels: Vec<usize> = if d.stages.len() == journey.stages.len() {
            (0..journey.channels.len()).collect()
        } else {
            d.used_channels()
        };
        let mut lane_of = vec![None; journey.channels.len()];
        for (i, &c) in lane_channels.iter().enumerate() {
            lane_of[c] = Some(i);
        }
        let mut col_of = vec![None; journey.stages.len()];
        for (i, &s) in d.stages.iter().enumerate() {
            col_of[s] = Some(i);
        }
        Grid {
            lane_channels,
            lane_of,
            col_of,
            cols: d.stages.len(),
        }
    }

    fn lane_and_column(&self, node: &Node<'_>) -> (Option<usize>, Option<usize>) {
        (self.lane_of[node.channel], self.col_of[node.stage])
    }

    /// The cell a step is stacked in (lane by lane, column by column), if it is shown.
    fn cell(&self, node: &Node<'_>) -> Option<usize> {
        match self.lane_and_column(node) {
            (Some(r), Some(c)) => Some(r * self.cols + c),
            _ => None,
        }
    }

    /// For each step, the step stacked right above it in its cell.
    fn stacked_above(&self, d: &Diagram<'_>) -> Vec<Option<usize>> {
        let mut last_in_cell = vec![None; self.lane_channels.len() * self.cols];
        let mut previous = vec![None; d.nodes.len()];
        for (n, node) in d.nodes.iter().enumerate() {
            if let Some(cell) = self.cell(node) {
                previous[n] = last_in_cell[cell];
                last_in_cell[cell] = Some(n);
            }
        }
        previous
    }

    /// Stacks the boxes in their cells, in file order, leaving `room[n]` above box `n` when it
    /// is not the first. Gives each cell's height and each box's offset from its lane's top.
    fn stack(&self, d: &Diagram<'_>, boxes: &[StepBox], room: &[i64]) -> (Vec<i64>, Vec<i64>) {
        let mut cell_h = vec![GAP; self.lane_channels.len() * self.cols];
        let mut offset = vec![0i64; boxes.len()];
        for b in boxes {
            let Some(cell) = self.cell(&d.nodes[b.node]) else {
                continue;
            };
            let h = &mut cell_h[cell];
            if *h > GAP {
                *h += room[b.node];
            }
            offset[b.node] = *h;
            *h += b.h + GAP;
        }
        (cell_h, offset)
    }

    /// The lanes from `top` down, each as tall as its tallest cell and its channel's name.
    fn lanes(&self, d: &Diagram<'_>, cell_h: &[i64], top: i64) -> Vec<Lane> {
        let cols = self.cols;
        let mut lanes = Vec::with_capacity(self.lane_channels.len());
        let mut y = top;
        for (r, &channel) in self.lane_channels.iter().enumerate() {
            let lines = wrap_lines(d.channel_name(channel), CHANNEL_COLS, CHANNEL_MAX_LINES);
            let label_h = CHANNEL_PAD + CHANNEL_LINE * lines.len() as i64;
            let h = cell_h[r * cols..(r + 1) * cols]
                .iter()
                .copied()
                .max()
                .unwrap_or(GAP)
                .max(label_h)
                .max(MIN_LANE_H);
            lanes.push(Lane {
                channel,
                y,
                h,
                lines,
            });
            y += h;
        }
        lanes
    }
}

/// The stage columns, left to right after the lane headings, with their wrapped names.
fn columns(d: &Diagram<'_>) -> Vec<Column> {
    d.stages
        .iter()
        .enumerate()
        .map(|(i, &s)| Column {
            stage: s,
            x: MARGIN + LANE_HEAD + i as i64 * COL_W,
            lines: wrap_lines(d.stage_name(s), STAGE_COLS, STAGE_MAX_LINES),
        })
        .collect()
}

/// Step `n`'s box, sized to its wrapped text and not yet placed.
fn step_box(n: usize, node: &Node<'_>) -> StepBox {
    let title = wrap_lines(node.title, TITLE_COLS, TITLE_MAX_LINES);
    let data: Vec<Vec<String>> = node
        .data
        .iter()
        .map(|p| wrap_lines(&p.label(), DATA_COLS, DATA_MAX_LINES))
        .collect();
    let data_lines: usize = data.iter().map(Vec::len).sum();
    let h = 2 * BOX_PAD
        + TITLE_LINE * title.len() as i64
        + SUB_LINE
        + if data.is_empty() { 0 } else { DATA_RULE }
        + DATA_LINE * data_lines as i64;
    StepBox {
        node: n,
        x: 0,
        y: 0,
        h,
        title,
        data,
    }
}

/// For each step, the room its cell leaves above it for the label of a flow from the box
/// stacked right above it (0 when there is none).
fn label_room(d: &Diagram<'_>, previous: &[Option<usize>]) -> Vec<i64> {
    let mut room = vec![0i64; d.nodes.len()];
    for e in &d.edges {
        if let Some(label) = e.label
            && previous[e.to] == Some(e.from)
        {
            let lines = wrap_lines(label, LABEL_COLS, LABEL_MAX_LINES).len() as i64;
            room[e.to] = LABEL_LINE * lines + LABEL_ROOM_PAD;
        }
    }
    room
}

/// The legend's lines after its severity row: one per rule with findings.
fn legend_rules(d: &Diagram<'_>) -> Vec<String> {
    d.rules
        .iter()
        .map(|r| {
            format!(
                "{} {} ×{}: {}",
                r.rule.code, r.rule.name, r.count, r.rule.summary
            )
        })
        .collect()
}

/// The page's width: the grid's, or wider for a long legend line or title.
fn page_width(d: &Diagram<'_>, cols: usize, legend_rules: &[String]) -> i64 {
    let widest_rule = legend_rules
        .iter()
        .map(|l| text::width(l))
        .max()
        .unwrap_or(0) as i64;
    let title = text::width(&d.title()).min(TITLE_MAX_COLS) as i64;
    (MARGIN * 2 + RIGHT_ROOM + LANE_HEAD + cols as i64 * COL_W)
        .max(MARGIN * 2 + widest_rule * LEGEND_CHAR_W)
        .max(MARGIN * 2 + title * TITLE_CHAR_W)
        .max(MIN_WIDTH)
}

/// How a flow runs between its boxes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// To a later column: right side to left side.
    Forward,
    /// Straight down to the box stacked right below in the same cell.
    Down,
    /// To another box in the same column: a loop out of and back into the right sides.
    Loop,
    /// To an earlier column: under the boxes.
    Back,
}

impl Kind {
    fn of(
        e: &Edge<'_>,
        d: &Diagram<'_>,
        col_of: &[Option<usize>],
        previous: &[Option<usize>],
    ) -> Kind {
        let (ca, cb) = (col_of[d.nodes[e.from].stage], col_of[d.nodes[e.to].stage]);
        if ca < cb {
            Kind::Forward
        } else if ca > cb {
            Kind::Back
        } else if previous[e.to] == Some(e.from) {
            Kind::Down
        } else {
            Kind::Loop
        }
    }
}

/// Where flows leave and enter boxes: right side to left side going forward, a loop on the
/// right within a column, under the boxes going back. Ports spread along a side when several
/// flows share it, in the order of the boxes at their other end, so lines do not cross there.
/// `previous[n]` is the box stacked right above box `n` in its cell.
fn route(
    d: &Diagram<'_>,
    boxes: &[StepBox],
    col_of: &[Option<usize>],
    previous: &[Option<usize>],
) -> Vec<Route> {
    let kinds: Vec<Kind> = d
        .edges
        .iter()
        .map(|e| Kind::of(e, d, col_of, previous))
        .collect();
    let ports = Ports::new(d, boxes, &kinds);
    let reach = loop_reach(d, boxes, &kinds);
    d.edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let kind = kinds[i];
            let points = curve(kind, i, e, boxes, &ports, reach[i]);
            Route {
                edge: i,
                points,
                back: kind == Kind::Back,
                label: e
                    .label
                    .map(|l| wrap_lines(l, LABEL_COLS, LABEL_MAX_LINES))
                    .unwrap_or_default(),
                label_at: label_anchor(kind, points),
                starts_at_anchor: kind == Kind::Down,
            }
        })
        .collect()
}

/// Per box, the flows using its right (out) and left (in) sides, each side sorted by the
/// height of the flows' other ends.
struct Ports<'b> {
    boxes: &'b [StepBox],
    right: Vec<Vec<(i64, usize)>>,
    left: Vec<Vec<(i64, usize)>>,
}

impl<'b> Ports<'b> {
    fn new(d: &Diagram<'_>, boxes: &'b [StepBox], kinds: &[Kind]) -> Ports<'b> {
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
        for side in right.iter_mut().chain(left.iter_mut()) {
            side.sort_unstable();
        }
        Ports { boxes, right, left }
    }

    /// The height where `edge` meets box `b`'s right side.
    fn right(&self, b: usize, edge: usize) -> i64 {
        self.at(&self.right[b], b, edge)
    }

    /// The height where `edge` meets box `b`'s left side.
    fn left(&self, b: usize, edge: usize) -> i64 {
        self.at(&self.left[b], b, edge)
    }

    /// Spreads the flows of a side evenly along it.
    fn at(&self, side: &[(i64, usize)], b: usize, edge: usize) -> i64 {
        let k = side.iter().position(|&(_, e)| e == edge).unwrap_or(0) as i64;
        let n = side.len() as i64;
        let bx = &self.boxes[b];
        bx.y + bx.h * (k + 1) / (n + 1)
    }
}

/// How far each loop within a column reaches into the gutter. Loops from one column fan out,
/// shortest innermost, so they stay apart.
fn loop_reach(d: &Diagram<'_>, boxes: &[StepBox], kinds: &[Kind]) -> Vec<i64> {
    let mut reach = vec![0i64; d.edges.len()];
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
        reach[i] = LOOP_REACH + LOOP_STEP * (slot % LOOP_SLOTS);
    }
    reach
}

/// Flow `i`'s curve `e`: start, two control points, end.
fn curve(
    kind: Kind,
    i: usize,
    e: &Edge<'_>,
    boxes: &[StepBox],
    ports: &Ports<'_>,
    reach: i64,
) -> [(i64, i64); 4] {
    let (a, b) = (&boxes[e.from], &boxes[e.to]);
    match kind {
        Kind::Forward => {
            let s = (a.x + BOX_W, ports.right(e.from, i));
            let t = (b.x, ports.left(e.to, i));
            let dx = ((t.0 - s.0) / 2).max(MIN_PULL);
            [s, (s.0 + dx, s.1), (t.0 - dx, t.1), t]
        }
        Kind::Down => {
            let s = (a.x + BOX_W / 2, a.y + a.h);
            let t = (b.x + BOX_W / 2, b.y);
            [s, (s.0, s.1 + DROP_PULL), (t.0, t.1 - DROP_PULL), t]
        }
        Kind::Loop => {
            let s = (a.x + BOX_W, ports.right(e.from, i));
            let t = (b.x + BOX_W, ports.right(e.to, i));
            [s, (s.0 + reach, s.1), (t.0 + reach, t.1), t]
        }
        Kind::Back => {
            // Off the middle of the bottom side, where a drop to the box below leaves, and at
            // different thirds going out and coming in so the two never meet; the curve dips
            // below both boxes.
            let s = (a.x + BOX_W / 3, a.y + a.h);
            let t = (b.x + 2 * BOX_W / 3, b.y + b.h);
            let dip = a.y.max(b.y) + a.h.max(b.h) + 2 * GAP;
            [s, (s.0, dip), (t.0, dip), t]
        }
    }
}

/// Where a flow's label starts from: beside a straight drop, not on it; else the curve's
/// midpoint (a cubic Bézier at t = 1/2).
fn label_anchor(kind: Kind, [p0, p1, p2, p3]: [(i64, i64); 4]) -> (i64, i64) {
    match kind {
        Kind::Down => (p0.0 + DROP_LABEL_DX, (p0.1 + p3.1) / 2),
        _ => (
            (p0.0 + 3 * p1.0 + 3 * p2.0 + p3.0) / 8,
            (p0.1 + 3 * p1.1 + 3 * p2.1 + p3.1) / 8,
        ),
    }
}

fn mid(b: &StepBox) -> i64 {
    b.y + b.h / 2
}

/// The colour key's entries: symbol, word, fill, stroke, ink.
pub(crate) fn key() -> Vec<legend::Look> {
    let mut looks: Vec<legend::Look> = legend::severities().iter().map(|(_, l)| *l).collect();
    looks.push(legend::CLEAN);
    looks
}
