//! The native SVG's layout: a deterministic grid of channels (rows) by stages (columns), cards
//! stacked in their cells in file order, flows routed in the gutters between them
//! ([`super::svg_route`]).
//!
//! Everything is in whole pixels and computed in a few passes over steps and flows, so the
//! same map always gives the same picture and a 1,000-step map lays out in milliseconds. Text
//! widths are estimated from character counts (no font metrics), generously.

use super::diagram::{Diagram, Node};
use super::legend;
use super::svg_card::CardText;
use super::svg_card::StepBox;
use super::svg_geometry::{
    BOX_W, CHANNEL_LINE, CHAR_W, GAP, HEADING_H, LANE_HEAD, LEGEND_FACES, LEGEND_LINE,
    LEGEND_RULES_GAP, LEGEND_TOP, MARGIN, Route, STAGE_LINE,
};
use super::svg_route::{CORRIDOR_TOP, Cell, Plan, TRACK};
use touchpoint_engine::text::{self, wrap_lines};

/// Columns of 14 px stage name text that fit a stage's header, and the most lines it takes.
const STAGE_COLS: usize = 28;
const STAGE_MAX_LINES: usize = 2;
/// Padding above and below the stage names in the header row.
const HEADER_PAD: i64 = 16;
/// Columns of 13 px channel name text that fit the lane heading, and the most lines it takes.
const CHANNEL_COLS: usize = 17;
const CHANNEL_MAX_LINES: usize = 4;
/// Padding above and below a channel's name in its lane.
const CHANNEL_PAD: i64 = 20;
/// The least height of a lane, even of an empty one.
const MIN_LANE_H: i64 = 60;
/// Space between the grid and the legend, and under the legend's last line.
const LEGEND_GAP: i64 = 28;
const LEGEND_BOTTOM: i64 = 8;
/// Width of one column of 20 px title text, and the most columns the page widens for.
const TITLE_CHAR_W: i64 = 11;
const TITLE_MAX_COLS: usize = 160;
/// The narrowest page.
const MIN_WIDTH: i64 = 640;

/// A stage column.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// Index into `journey.stages`.
    pub stage: usize,
    /// Where its cell starts and ends: the lines between stages.
    pub left: i64,
    pub right: i64,
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
    /// Right edge of the grid.
    pub right: i64,
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
        let stage_lines: Vec<Vec<String>> = d
            .stages
            .iter()
            .map(|&s| wrap_lines(d.stage_name(s), STAGE_COLS, STAGE_MAX_LINES))
            .collect();
        let header_h =
            HEADER_PAD + STAGE_LINE * stage_lines.iter().map(Vec::len).max().unwrap_or(1) as i64;
        let cells: Vec<Cell> = d
            .nodes
            .iter()
            .map(|n| {
                let (lane, col) = grid.lane_and_column(n);
                Cell { lane, col }
            })
            .collect();
        let previous = grid.stacked_above(&cells);
        let mut plan = Plan::new(
            d,
            cells.clone(),
            &previous,
            grid.lane_channels.len(),
            grid.cols,
        );
        let links = links(d);
        let mut boxes: Vec<StepBox> = d
            .nodes
            .iter()
            .enumerate()
            .map(|(n, node)| {
                let text = CardText::new(node, &links[n]);
                StepBox {
                    node: n,
                    x: 0,
                    y: 0,
                    h: text.height().max(plan.side_height(n)),
                    text,
                }
            })
            .collect();
        // Lanes, top to bottom, each with its corridor's tracks along its top.
        let (cell_h, offset) = grid.stack(&boxes, &cells, &plan);
        let lanes = grid.lanes(d, &cell_h, header_y + header_h, &plan.corridor_tracks);
        let grid_bottom = lanes.last().map_or(header_y + header_h, |l| l.y + l.h);
        for b in &mut boxes {
            let c = cells[b.node];
            b.y = lanes[c.lane].y + offset[b.node];
        }
        let lane_tops: Vec<i64> = lanes.iter().map(|l| l.y).collect();
        let corridor_y = move |k: usize, t: usize| -> i64 {
            match lane_tops.get(k) {
                Some(&top) => top + CORRIDOR_TOP + t as i64 * TRACK,
                None => grid_bottom - CORRIDOR_TOP - t as i64 * TRACK,
            }
        };
        plan.place_ports(&boxes, &corridor_y);
        // Columns, left to right, each after its gutter.
        let mut gutter_x = Vec::with_capacity(grid.cols + 1);
        let mut x = MARGIN + LANE_HEAD;
        let mut card_x = Vec::with_capacity(grid.cols);
        for g in 0..=grid.cols {
            gutter_x.push(x);
            x += plan.gutter_width(g);
            if g < grid.cols {
                card_x.push(x);
                x += BOX_W;
            }
        }
        let right = x;
        let columns: Vec<Column> = d
            .stages
            .iter()
            .zip(stage_lines)
            .enumerate()
            .map(|(c, (&stage, lines))| Column {
                stage,
                left: if c == 0 {
                    MARGIN + LANE_HEAD
                } else {
                    plan.gutter_middle(c, gutter_x[c])
                },
                right: if c + 1 == grid.cols {
                    right
                } else {
                    plan.gutter_middle(c + 1, gutter_x[c + 1])
                },
                lines,
            })
            .collect();
        for b in &mut boxes {
            b.x = card_x[cells[b.node].col];
        }
        let routes = plan.routes(&boxes, &gutter_x, &corridor_y);
        let legend_rules = legend_rules(d);
        let legend_y = grid_bottom + LEGEND_GAP;
        let legend_h = LEGEND_TOP
            + LEGEND_FACES
            + LEGEND_RULES_GAP
            + LEGEND_LINE * legend_rules.len() as i64
            + LEGEND_BOTTOM;
        Layout {
            width: page_width(d, right, &legend_rules),
            height: legend_y + legend_h + MARGIN,
            header_y,
            header_h,
            right,
            columns,
            lanes,
            boxes,
            routes,
            legend_y,
            legend_rules,
        }
    }
}

/// Which lane each channel takes and which column each stage takes.
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

    /// A drawn step's lane and column (every drawn step has both: the diagram only holds
    /// steps of shown stages, and a lane for each of their channels).
    fn lane_and_column(&self, node: &Node<'_>) -> (usize, usize) {
        (
            self.lane_of[node.channel].unwrap_or(0),
            self.col_of[node.stage].unwrap_or(0),
        )
    }

    /// For each card, the card stacked right above it in its cell.
    fn stacked_above(&self, cells: &[Cell]) -> Vec<Option<usize>> {
        let mut last_in_cell = vec![None; self.lane_channels.len() * self.cols];
        let mut previous = vec![None; cells.len()];
        for (n, c) in cells.iter().enumerate() {
            let cell = c.lane * self.cols + c.col;
            previous[n] = last_in_cell[cell];
            last_in_cell[cell] = Some(n);
        }
        previous
    }

    /// Stacks the cards in their cells, in file order, below the lane's corridor, leaving
    /// room above a card for the label of a flow straight down into it. Gives each cell's
    /// height and each card's offset from its lane's top.
    fn stack(&self, boxes: &[StepBox], cells: &[Cell], plan: &Plan) -> (Vec<i64>, Vec<i64>) {
        let top = |lane: usize| GAP + plan.corridor_tracks[lane] as i64 * TRACK;
        let mut cell_h: Vec<i64> = (0..self.lane_channels.len() * self.cols)
            .map(|i| top(i / self.cols.max(1)))
            .collect();
        let mut started = vec![false; cell_h.len()];
        let mut offset = vec![0i64; boxes.len()];
        for b in boxes {
            let c = cells[b.node];
            let cell = c.lane * self.cols + c.col;
            let h = &mut cell_h[cell];
            if started[cell] {
                *h += plan.room_above(b.node);
            }
            started[cell] = true;
            offset[b.node] = *h;
            *h += b.h + GAP;
        }
        (cell_h, offset)
    }

    /// The lanes from `top` down, each as tall as its tallest cell and its channel's name;
    /// the last one also holds the bottom corridor's tracks.
    fn lanes(&self, d: &Diagram<'_>, cell_h: &[i64], top: i64, corridors: &[usize]) -> Vec<Lane> {
        let cols = self.cols;
        let count = self.lane_channels.len();
        let mut lanes = Vec::with_capacity(count);
        let mut y = top;
        for (r, &channel) in self.lane_channels.iter().enumerate() {
            let lines = wrap_lines(d.channel_name(channel), CHANNEL_COLS, CHANNEL_MAX_LINES);
            let label_h = CHANNEL_PAD + CHANNEL_LINE * lines.len() as i64;
            let mut h = cell_h[r * cols..(r + 1) * cols]
                .iter()
                .copied()
                .max()
                .unwrap_or(GAP)
                .max(label_h)
                .max(MIN_LANE_H);
            if r + 1 == count {
                h += corridors[count] as i64 * TRACK;
            }
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

/// Per step, the stages not drawn that flows come from ("← from Notice") or go to ("→ to
/// Repair"): a diagram of one stage still says where its steps lead.
fn links(d: &Diagram<'_>) -> Vec<Vec<String>> {
    let mut from: Vec<Vec<&str>> = vec![Vec::new(); d.nodes.len()];
    let mut to: Vec<Vec<&str>> = vec![Vec::new(); d.nodes.len()];
    for b in &d.boundary {
        let side = if b.outgoing { &mut to } else { &mut from };
        side[b.node].push(d.stage_name(b.stage));
    }
    from.iter()
        .zip(&to)
        .map(|(from, to)| {
            let mut links = Vec::new();
            if !from.is_empty() {
                links.push(format!("← from {}", from.join(", ")));
            }
            if !to.is_empty() {
                links.push(format!("→ to {}", to.join(", ")));
            }
            links
        })
        .collect()
}

/// The legend's lines after its severity row: one per rule with findings.
fn legend_rules(d: &Diagram<'_>) -> Vec<String> {
    d.rules
        .iter()
        .map(|r| {
            format!(
                "{} {} ({}) ×{}: {}",
                r.rule.code,
                legend::kind(r.rule),
                r.rule.name,
                r.count,
                r.rule.summary
            )
        })
        .collect()
}

/// The page's width: the grid's, or wider for a long legend line or title.
fn page_width(d: &Diagram<'_>, grid_right: i64, legend_rules: &[String]) -> i64 {
    let widest_rule = legend_rules
        .iter()
        .map(|l| text::width(l))
        .max()
        .unwrap_or(0) as i64;
    let title = text::width(&d.title()).min(TITLE_MAX_COLS) as i64;
    // The colour key: a swatch per look, then the dashed flow's sample and words.
    let key_w: i64 = key()
        .iter()
        .map(|l| 36 + CHAR_W * (text::width(l.word) + text::width(l.border) + 14) as i64)
        .sum::<i64>()
        + 44
        + CHAR_W * 30;
    (grid_right + MARGIN)
        .max(MARGIN * 2 + widest_rule * CHAR_W)
        .max(MARGIN * 2 + key_w)
        .max(MARGIN * 2 + title * TITLE_CHAR_W)
        .max(MIN_WIDTH)
}

/// The colour key's entries: the severities, then no finding.
pub(crate) fn key() -> Vec<legend::Look> {
    let mut looks: Vec<legend::Look> = legend::severities().iter().map(|(_, l)| *l).collect();
    looks.push(legend::CLEAN);
    looks
}
