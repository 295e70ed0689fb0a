//! Routing the native SVG's flows in the gutters, never across a card.
//!
//! The cards stand in a grid of lanes (channels, rows) and columns (stages). Between two
//! columns runs a *gutter* and between two lanes a *corridor*; neither holds a card. Every
//! flow is drawn in horizontal and vertical pieces through them only:
//!
//! - to the card stacked right below in the same cell: straight down;
//! - between neighbouring columns, or between two cards of one column: out of a card's side
//!   into the gutter between them, along a vertical *track* of that gutter, into the other
//!   card's side (a straight line when the two ends line up);
//! - across columns: along a track of the first card's gutter to a corridor, across the
//!   columns in between on a horizontal track of that corridor, and along a track of the
//!   second card's gutter to it.
//!
//! Forward flows leave a card's right side and enter the left side; flows back to an earlier
//! stage leave the left side and enter the right side; flows within a column loop round the
//! right. Flows meeting one side have *ports* spread along it, ordered by where their other
//! ends are. Tracks are shared by flows whose pieces do not overlap and given out so that no
//! two flows ever run along the same line; a gutter is as wide as its tracks need.
//!
//! Each label sits right above the piece where its flow leaves the card, in a *label zone*
//! beside the card that the tracks keep clear of, and below the port above it: a card's side
//! is made tall enough for the labels of the flows leaving it. So labels never touch a card or
//! each other. A flow straight down has its label beside it, in room left between the cards.
//!
//! The routing works in phases the layout calls in turn, as it learns the cards' heights, then
//! their heights on the page, then the gutters' widths: [`Plan::new`], [`Plan::place_ports`],
//! [`Plan::routes`]. All of it is linear in flows, apart from sorting.

use super::diagram::Diagram;
use super::svg_card::StepBox;
use super::svg_geometry::{BOX_W, CHAR_W, GAP, LINE, Label, Rect, Route};
use touchpoint_engine::text::{self, wrap_lines};

/// Columns of a flow's label text and the most lines it takes; the tooltip has the rest.
const LABEL_COLS: usize = 18;
const LABEL_MAX_LINES: usize = 3;
/// Columns of a label beside a flow going straight down, in half a card's width.
const DOWN_LABEL_COLS: usize = 14;
/// Space between a label and the card it stands beside, and between it and the tracks.
const LABEL_INSET: i64 = 5;
/// Space between a label's bottom and its flow's line, and above its top.
const LABEL_CLEAR: i64 = 3;
/// Space between neighbouring tracks in a gutter and in a corridor.
pub(crate) const TRACK: i64 = 9;
/// Space between the pieces of two flows that take turns on one track.
const TRACK_SEP: i64 = 8;
/// Space between a gutter's edge (a card's side) and what runs in it.
const GUTTER_PAD: i64 = 14;
/// The narrowest gutter.
const MIN_GUTTER: i64 = 40;
/// How far apart two ports on one side are at least, and how far from the side's ends.
const PORT_SEP: i64 = 12;
const PORT_END: i64 = 9;
/// Two flows at different ports closer than this in height would look like one line.
const AVOID: i64 = 4;
/// Where a corridor's first track runs below the line between two lanes.
pub(crate) const CORRIDOR_TOP: i64 = GAP / 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

impl Side {
    fn index(self) -> usize {
        match self {
            Side::Left => 0,
            Side::Right => 1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Straight down to the card stacked right below in the same cell.
    Down,
    /// Through one gutter.
    Gutter(usize),
    /// Through the first card's gutter, a corridor (`track` of it) and the second card's.
    Corridor {
        out_gutter: usize,
        in_gutter: usize,
        corridor: usize,
        track: usize,
    },
}

/// A flow to route.
#[derive(Debug, Clone)]
struct Flow {
    from: usize,
    to: usize,
    out_side: Side,
    in_side: Side,
    shape: Shape,
    back: bool,
    label: Vec<String>,
}

/// One flow's end on a card's side.
#[derive(Debug, Clone, Copy)]
struct Port {
    flow: usize,
    /// Whether the flow leaves the card here.
    out: bool,
    /// The room the port needs above it: its label's, or the least spacing.
    need: i64,
    /// Height on the page, once placed.
    y: i64,
}

/// Where each card stands in the grid: its lane and column.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell {
    pub lane: usize,
    pub col: usize,
}

/// The routing of one diagram, filled in phase by phase.
pub(crate) struct Plan {
    flows: Vec<Flow>,
    cells: Vec<Cell>,
    cols: usize,
    /// Per card, the ports on its left and right sides, top to bottom once placed.
    sides: Vec<[Vec<Port>; 2]>,
    /// Tracks each corridor needs (corridor `k` runs along the top of lane `k`; the last
    /// one along the bottom of the last lane).
    pub corridor_tracks: Vec<usize>,
    /// Per flow and end (out, in), its port's index on its side.
    port_of: Vec<[usize; 2]>,
    /// Per flow and gutter piece (out, in), its track in that gutter.
    track_of: Vec<[usize; 2]>,
    /// Per card, the room above it for the label of a flow straight down into it.
    room_above: Vec<i64>,
    /// Per gutter: tracks, and the widths of its label zones (left, right).
    pub gutter_tracks: Vec<usize>,
    zones: Vec<[i64; 2]>,
}

impl Plan {
    /// Phase one, from the grid alone: each flow's shape and sides, its corridor and
    /// corridor track, and the ports each side will carry. `previous[n]` is the card stacked
    /// right above card `n` in its cell.
    pub(crate) fn new(
        d: &Diagram<'_>,
        cells: Vec<Cell>,
        previous: &[Option<usize>],
        lanes: usize,
        cols: usize,
    ) -> Plan {
        let mut flows = Vec::with_capacity(d.edges.len());
        let mut down_taken = vec![false; cells.len()];
        for e in &d.edges {
            let (a, b) = (cells[e.from], cells[e.to]);
            let label = |cols| {
                e.label
                    .map(|l| wrap_lines(l, cols, LABEL_MAX_LINES))
                    .unwrap_or_default()
            };
            let flow = if a.col == b.col && previous[e.to] == Some(e.from) && !down_taken[e.to] {
                down_taken[e.to] = true;
                Flow {
                    from: e.from,
                    to: e.to,
                    out_side: Side::Right,
                    in_side: Side::Right,
                    shape: Shape::Down,
                    back: false,
                    label: label(DOWN_LABEL_COLS),
                }
            } else {
                let (out_side, in_side, out_gutter, in_gutter) = if a.col < b.col {
                    (Side::Right, Side::Left, a.col + 1, b.col)
                } else if a.col > b.col {
                    (Side::Left, Side::Right, a.col, b.col + 1)
                } else {
                    (Side::Right, Side::Right, a.col + 1, a.col + 1)
                };
                let shape = if out_gutter == in_gutter {
                    Shape::Gutter(out_gutter)
                } else {
                    Shape::Corridor {
                        out_gutter,
                        in_gutter,
                        corridor: 0,
                        track: 0,
                    }
                };
                Flow {
                    from: e.from,
                    to: e.to,
                    out_side,
                    in_side,
                    shape,
                    back: a.col > b.col,
                    label: label(LABEL_COLS),
                }
            };
            flows.push(flow);
        }
        let corridor_tracks = choose_corridors(&mut flows, &cells, lanes, cols);
        let mut sides: Vec<[Vec<Port>; 2]> = vec![[Vec::new(), Vec::new()]; cells.len()];
        let mut port_of = vec![[0usize; 2]; flows.len()];
        for (i, f) in flows.iter().enumerate() {
            if f.shape == Shape::Down {
                continue;
            }
            let need = if f.label.is_empty() {
                PORT_SEP
            } else {
                label_height(&f.label) + 2 * LABEL_CLEAR + 2
            };
            let out = &mut sides[f.from][f.out_side.index()];
            port_of[i][0] = out.len();
            out.push(Port {
                flow: i,
                out: true,
                need: need.max(PORT_SEP),
                y: 0,
            });
            let into = &mut sides[f.to][f.in_side.index()];
            port_of[i][1] = into.len();
            into.push(Port {
                flow: i,
                out: false,
                need: PORT_SEP,
                y: 0,
            });
        }
        let mut room_above = vec![0; cells.len()];
        for f in flows
            .iter()
            .filter(|f| f.shape == Shape::Down && !f.label.is_empty())
        {
            room_above[f.to] = label_height(&f.label) + 2 * LABEL_CLEAR;
        }
        Plan {
            room_above,
            track_of: vec![[0; 2]; flows.len()],
            flows,
            cells,
            cols,
            sides,
            corridor_tracks,
            port_of,
            gutter_tracks: vec![0; cols + 1],
            zones: vec![[0, 0]; cols + 1],
        }
    }

    /// The least height of card `n` for the ports on its sides and their labels.
    pub(crate) fn side_height(&self, n: usize) -> i64 {
        self.sides[n]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.iter().map(|p| p.need).sum::<i64>() + PORT_END)
            .max()
            .unwrap_or(0)
    }

    /// The room card `n` needs above it for the label of a flow straight down into it.
    pub(crate) fn room_above(&self, n: usize) -> i64 {
        self.room_above[n]
    }

    /// Phase two, once the cards have their heights on the page: places the ports along each
    /// side, column by column, then gives every piece in a gutter its track. `corridor_y`
    /// gives the height of a corridor's track.
    pub(crate) fn place_ports(
        &mut self,
        boxes: &[StepBox],
        corridor_y: &dyn Fn(usize, usize) -> i64,
    ) {
        let mut by_col: Vec<Vec<usize>> = vec![Vec::new(); self.cols];
        for (n, c) in self.cells.iter().enumerate() {
            by_col[c.col].push(n);
        }
        // Heights of the ports on the right sides of the previous column, sorted.
        let mut facing: Vec<(i64, usize)> = Vec::new();
        for col in &by_col {
            for &n in col {
                self.place_side(n, Side::Left, boxes, corridor_y, &facing);
            }
            facing.clear();
            for &n in col {
                self.place_side(n, Side::Right, boxes, corridor_y, &[]);
                facing.extend(self.sides[n][1].iter().map(|p| (p.y, p.flow)));
            }
            facing.sort_unstable();
        }
        self.assign_tracks(corridor_y);
        self.size_zones();
    }

    /// Where the other end of flow `flow` is, seen from the end `out` (for ordering ports).
    fn other_end(
        &self,
        flow: usize,
        out: bool,
        boxes: &[StepBox],
        corridor_y: &dyn Fn(usize, usize) -> i64,
    ) -> (i64, Option<i64>) {
        let f = &self.flows[flow];
        match f.shape {
            Shape::Corridor {
                corridor, track, ..
            } => (corridor_y(corridor, track), None),
            _ => {
                let (other, side, end) = if out {
                    (f.to, f.in_side, 1)
                } else {
                    (f.from, f.out_side, 0)
                };
                let b = &boxes[other];
                let placed = self.sides[other][side.index()][self.port_of[flow][end]].y;
                if placed > 0 {
                    (placed, Some(placed))
                } else {
                    (b.y + b.h / 2, None)
                }
            }
        }
    }

    /// Places the ports of one side of card `n`, top to bottom in the order of their other
    /// ends. A port lines up with its other end when that is placed and fits (a straight
    /// line), and keeps `AVOID` away from the ports across the gutter (`facing`) other than
    /// its own other end.
    fn place_side(
        &mut self,
        n: usize,
        side: Side,
        boxes: &[StepBox],
        corridor_y: &dyn Fn(usize, usize) -> i64,
        facing: &[(i64, usize)],
    ) {
        let count = self.sides[n][side.index()].len();
        if count == 0 {
            return;
        }
        let b = &boxes[n];
        let mut order: Vec<(i64, usize, usize, Option<i64>)> = (0..count)
            .map(|k| {
                let p = self.sides[n][side.index()][k];
                let (key, partner) = self.other_end(p.flow, p.out, boxes, corridor_y);
                (key, p.flow, k, partner)
            })
            .collect();
        order.sort_unstable_by_key(|&(key, flow, k, _)| (key, flow, k));
        let ports: Vec<Port> = order
            .iter()
            .map(|&(_, _, k, _)| self.sides[n][side.index()][k])
            .collect();
        let (top, bottom) = (b.y, b.y + b.h - PORT_END);
        let blocked = |y: i64, flow: usize| {
            let from = facing.partition_point(|&(fy, _)| fy < y - AVOID);
            facing[from..]
                .iter()
                .take_while(|&&(fy, _)| fy <= y + AVOID)
                .find(|&&(_, f)| f != flow)
                .map(|&(fy, _)| fy)
        };
        let mut ys = vec![0i64; count];
        // Down the side: at least the room each port needs below the one above.
        let mut floor = top;
        for (i, p) in ports.iter().enumerate() {
            let even = top + b.h * (i as i64 + 1) / (count as i64 + 1);
            let wanted = match order[i].3 {
                Some(y) if y >= floor + p.need && y <= bottom => y,
                _ => even,
            };
            let mut y = wanted.max(floor + p.need);
            while let Some(fy) = blocked(y, p.flow) {
                y = fy + AVOID + 1;
            }
            ys[i] = y;
            floor = y;
        }
        // Up the side: nothing below the bottom end, the room above each port kept.
        let mut ceiling = bottom;
        for i in (0..count).rev() {
            let mut y = ys[i].min(ceiling);
            if y < ys[i] {
                while let Some(fy) = blocked(y, ports[i].flow) {
                    y = fy - AVOID - 1;
                }
            }
            ys[i] = y;
            ceiling = y - ports[i].need;
        }
        let mut placed = ports;
        for (p, y) in placed.iter_mut().zip(ys) {
            p.y = y;
        }
        for (k, p) in placed.iter().enumerate() {
            let end = if p.out { 0 } else { 1 };
            self.port_of[p.flow][end] = k;
        }
        self.sides[n][side.index()] = placed;
    }

    fn port_y(&self, flow: usize, end: usize) -> i64 {
        let f = &self.flows[flow];
        let (card, side) = if end == 0 {
            (f.from, f.out_side)
        } else {
            (f.to, f.in_side)
        };
        self.sides[card][side.index()][self.port_of[flow][end]].y
    }

    /// Gives each vertical piece in a gutter a track: pieces that overlap (with a margin)
    /// never share one, so no two flows run along one line.
    fn assign_tracks(&mut self, corridor_y: &dyn Fn(usize, usize) -> i64) {
        // (gutter, top, bottom, flow, piece)
        let mut pieces: Vec<(usize, i64, i64, usize, usize)> = Vec::new();
        for (i, f) in self.flows.iter().enumerate() {
            let (ya, yb) = (self.port_y_or(i, 0), self.port_y_or(i, 1));
            match f.shape {
                Shape::Down => {}
                Shape::Gutter(g) => {
                    if ya != yb {
                        pieces.push((g, ya.min(yb), ya.max(yb), i, 0));
                    }
                }
                Shape::Corridor {
                    out_gutter,
                    in_gutter,
                    corridor,
                    track,
                } => {
                    let yc = corridor_y(corridor, track);
                    pieces.push((out_gutter, ya.min(yc), ya.max(yc), i, 0));
                    pieces.push((in_gutter, yb.min(yc), yb.max(yc), i, 1));
                }
            }
        }
        pieces.sort_unstable();
        let mut ends: Vec<Vec<i64>> = vec![Vec::new(); self.cols + 1];
        for &(g, top, bottom, flow, piece) in &pieces {
            let tracks = &mut ends[g];
            let t = match tracks.iter().position(|&end| end + TRACK_SEP <= top) {
                Some(t) => t,
                None => {
                    tracks.push(0);
                    tracks.len() - 1
                }
            };
            tracks[t] = bottom;
            self.track_of[flow][piece] = t;
        }
        self.gutter_tracks = ends.iter().map(Vec::len).collect();
    }

    fn port_y_or(&self, flow: usize, end: usize) -> i64 {
        if self.flows[flow].shape == Shape::Down {
            0
        } else {
            self.port_y(flow, end)
        }
    }

    /// The label zones beside each gutter's cards: as wide as the widest label of a flow
    /// leaving a card into that gutter.
    fn size_zones(&mut self) {
        for f in &self.flows {
            if f.label.is_empty() || f.shape == Shape::Down {
                continue;
            }
            let col = self.cells[f.from].col;
            let (gutter, zone) = match f.out_side {
                Side::Right => (col + 1, 0),
                Side::Left => (col, 1),
            };
            let w = label_width(&f.label) + 2 * LABEL_INSET;
            let z = &mut self.zones[gutter][zone];
            *z = (*z).max(w);
        }
    }

    /// The width of gutter `g` (left of column `g`; the last one right of the last column).
    pub(crate) fn gutter_width(&self, g: usize) -> i64 {
        let [left, right] = self.zones[g];
        let tracks = self.gutter_tracks[g] as i64 * TRACK;
        (2 * GUTTER_PAD + left + tracks + right).max(MIN_GUTTER)
    }

    /// Where the line between two stage columns runs in gutter `g` starting at `x`: between
    /// the middle two of its tracks (never on one), or mid-gutter when it has none.
    pub(crate) fn gutter_middle(&self, g: usize, x: i64) -> i64 {
        let [left, _] = self.zones[g];
        if self.gutter_tracks[g] == 0 {
            x + self.gutter_width(g) / 2
        } else {
            x + GUTTER_PAD + left + (self.gutter_tracks[g] / 2) as i64 * TRACK
        }
    }

    fn track_x(&self, gutter: usize, track: usize, gutter_x: &[i64]) -> i64 {
        gutter_x[gutter] + GUTTER_PAD + self.zones[gutter][0] + TRACK / 2 + track as i64 * TRACK
    }

    /// Phase three, once the gutters stand at `gutter_x` and the cards have their places:
    /// every flow's path and label.
    pub(crate) fn routes(
        &self,
        boxes: &[StepBox],
        gutter_x: &[i64],
        corridor_y: &dyn Fn(usize, usize) -> i64,
    ) -> Vec<Route> {
        self.flows
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let (a, b) = (&boxes[f.from], &boxes[f.to]);
                let side_x = |bx: &StepBox, side: Side| match side {
                    Side::Left => bx.x,
                    Side::Right => bx.x + BOX_W,
                };
                let points = match f.shape {
                    Shape::Down => {
                        let x = a.x + BOX_W / 2;
                        vec![(x, a.y + a.h), (x, b.y)]
                    }
                    Shape::Gutter(g) => {
                        let (ya, yb) = (self.port_y(i, 0), self.port_y(i, 1));
                        let s = (side_x(a, f.out_side), ya);
                        let t = (side_x(b, f.in_side), yb);
                        if ya == yb {
                            vec![s, t]
                        } else {
                            let x = self.track_x(g, self.track_of[i][0], gutter_x);
                            vec![s, (x, ya), (x, yb), t]
                        }
                    }
                    Shape::Corridor {
                        out_gutter,
                        in_gutter,
                        corridor,
                        track,
                    } => {
                        let (ya, yb) = (self.port_y(i, 0), self.port_y(i, 1));
                        let yc = corridor_y(corridor, track);
                        let x1 = self.track_x(out_gutter, self.track_of[i][0], gutter_x);
                        let x2 = self.track_x(in_gutter, self.track_of[i][1], gutter_x);
                        vec![
                            (side_x(a, f.out_side), ya),
                            (x1, ya),
                            (x1, yc),
                            (x2, yc),
                            (x2, yb),
                            (side_x(b, f.in_side), yb),
                        ]
                    }
                };
                Route {
                    edge: i,
                    label: self.label(f, &points),
                    points,
                    back: f.back,
                }
            })
            .collect()
    }

    /// The label of flow `f` whose path starts at `points[0]`: above the piece leaving the
    /// card, or beside a flow straight down.
    fn label(&self, f: &Flow, points: &[(i64, i64)]) -> Option<Label> {
        if f.label.is_empty() {
            return None;
        }
        let (w, h) = (label_width(&f.label), label_height(&f.label));
        let (sx, sy) = points[0];
        let (rect, end_anchored) = match (f.shape, f.out_side) {
            (Shape::Down, _) => {
                let gap_top = sy;
                let gap = points[1].1 - sy;
                (
                    Rect {
                        x: sx + LABEL_INSET,
                        y: gap_top + (gap - h) / 2,
                        w,
                        h,
                    },
                    false,
                )
            }
            (_, Side::Right) => (
                Rect {
                    x: sx + LABEL_INSET,
                    y: sy - LABEL_CLEAR - h,
                    w,
                    h,
                },
                false,
            ),
            (_, Side::Left) => (
                Rect {
                    x: sx - LABEL_INSET - w,
                    y: sy - LABEL_CLEAR - h,
                    w,
                    h,
                },
                true,
            ),
        };
        Some(Label {
            lines: f.label.clone(),
            rect,
            end_anchored,
        })
    }
}

/// Chooses each cross-column flow's corridor and its track there, and gives the tracks each
/// corridor needs. A flow takes, of the corridors between its two lanes (or the two beside
/// its lane), the one least used over the gutters it spans, nearest its start on a tie; its
/// track is the first free one over that span.
fn choose_corridors(flows: &mut [Flow], cells: &[Cell], lanes: usize, cols: usize) -> Vec<usize> {
    let corridors = lanes + 1;
    let mut load = vec![vec![0usize; cols + 1]; corridors];
    let mut runs: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); corridors];
    for (i, f) in flows.iter_mut().enumerate() {
        let Shape::Corridor {
            out_gutter,
            in_gutter,
            ..
        } = f.shape
        else {
            continue;
        };
        let (ra, rb) = (cells[f.from].lane, cells[f.to].lane);
        let candidates: Vec<usize> = if ra == rb {
            vec![ra + 1, ra]
        } else if ra < rb {
            (ra + 1..=rb).collect()
        } else {
            (rb + 1..=ra).rev().collect()
        };
        let (lo, hi) = (out_gutter.min(in_gutter), out_gutter.max(in_gutter));
        let busiest = |k: usize, load: &[Vec<usize>]| load[k][lo..=hi].iter().copied().max();
        let corridor = candidates
            .iter()
            .copied()
            .min_by_key(|&k| busiest(k, &load))
            .unwrap_or(ra);
        for l in &mut load[corridor][lo..=hi] {
            *l += 1;
        }
        runs[corridor].push((lo, hi, i));
        f.shape = Shape::Corridor {
            out_gutter,
            in_gutter,
            corridor,
            track: 0,
        };
    }
    let mut tracks = vec![0usize; corridors];
    for (k, run) in runs.iter_mut().enumerate() {
        run.sort_unstable();
        let mut ends: Vec<usize> = Vec::new();
        for &(lo, hi, i) in run.iter() {
            // Runs touching at a gutter would meet there: a track is free only past its end.
            let t = match ends.iter().position(|&end| end < lo) {
                Some(t) => t,
                None => {
                    ends.push(0);
                    ends.len() - 1
                }
            };
            ends[t] = hi;
            if let Shape::Corridor {
                out_gutter,
                in_gutter,
                corridor,
                ..
            } = flows[i].shape
            {
                flows[i].shape = Shape::Corridor {
                    out_gutter,
                    in_gutter,
                    corridor,
                    track: t,
                };
            }
        }
        tracks[k] = ends.len();
    }
    tracks
}

/// The height of a label's box.
fn label_height(lines: &[String]) -> i64 {
    lines.len() as i64 * LINE + 2
}

/// The width of a label's box, generously.
fn label_width(lines: &[String]) -> i64 {
    lines.iter().map(|l| text::width(l)).max().unwrap_or(0) as i64 * CHAR_W + 4
}
