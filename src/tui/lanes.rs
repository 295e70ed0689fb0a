//! The grid's geometry in lines: which steps each swimlane cell shows under the filter, and
//! where each lane starts. Built when the map or the filter changes, never per frame; fitted
//! to the screen's height (cards grow when there is room) when the size changes.

use std::ops::Range;

use petgraph::stable_graph::NodeIndex;

use super::board::Board;
use super::filter::Filter;

/// Lines a step card takes at least: a border, two lines of title, a border with the details.
pub(super) const CARD_HEIGHT: usize = 4;
/// Lines a card grows to at most when every lane fits with room to spare (the title in full,
/// then the data it takes).
pub(super) const MAX_CARD_HEIGHT: usize = 8;

/// Where a step sits: lane (row), stage (column) and position in the cell's stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    pub row: usize,
    pub stage: usize,
    pub slot: usize,
}

/// The visible steps laid out in lanes and stages.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lanes {
    /// The channels shown, one lane each, in map order.
    pub rows: Vec<usize>,
    /// `cells[row][stage]`: the steps shown there, in file order.
    pub cells: Vec<Vec<Vec<NodeIndex>>>,
    /// The first line of each lane, and the total height last.
    tops: Vec<usize>,
    /// The deepest stack of each lane.
    depths: Vec<usize>,
    /// Lines a card takes.
    card_height: usize,
    /// Per node index: where the step is, if shown.
    places: Vec<Option<Place>>,
    /// How many steps are shown.
    pub shown: usize,
}

impl Lanes {
    pub(crate) fn new(board: &Board, filter: &Filter) -> Lanes {
        let journey = board.journey();
        let rows: Vec<usize> = match filter.channel {
            Some(c) if c < journey.channels.len() => vec![c],
            _ => (0..journey.channels.len()).collect(),
        };
        let mut places = vec![None; petgraph::visit::NodeIndexable::node_bound(&journey.graph)];
        let mut shown = 0;
        let mut cells = Vec::with_capacity(rows.len());
        let mut depths = Vec::with_capacity(rows.len());
        for (row, &channel) in rows.iter().enumerate() {
            let mut lane = Vec::with_capacity(journey.stages.len());
            let mut depth = 0;
            for (stage, all) in board.cells[channel].iter().enumerate() {
                let cell: Vec<NodeIndex> = if filter.is_active() {
                    all.iter()
                        .copied()
                        .filter(|&ix| filter.admits(board, ix))
                        .collect()
                } else {
                    all.clone()
                };
                for (slot, ix) in cell.iter().enumerate() {
                    if let Some(p) = places.get_mut(ix.index()) {
                        *p = Some(Place { row, stage, slot });
                    }
                }
                shown += cell.len();
                depth = depth.max(cell.len());
                lane.push(cell);
            }
            depths.push(depth);
            cells.push(lane);
        }
        let mut lanes = Lanes {
            rows,
            cells,
            tops: Vec::new(),
            depths,
            card_height: CARD_HEIGHT,
            places,
            shown,
        };
        lanes.set_card_height(CARD_HEIGHT);
        lanes
    }

    /// Grows the cards to use `lines` when every lane fits in them with room to spare;
    /// otherwise cards keep their least height and the grid scrolls.
    pub(crate) fn fit(&mut self, lines: usize) {
        let stacked: usize = self.depths.iter().sum();
        let rules: usize = self.depths.iter().map(|&d| lane_height(d, 0)).sum();
        let height = match lines.checked_sub(rules) {
            Some(room) if stacked > 0 => (room / stacked).clamp(CARD_HEIGHT, MAX_CARD_HEIGHT),
            _ => CARD_HEIGHT,
        };
        if height != self.card_height || self.tops.is_empty() {
            self.set_card_height(height);
        }
    }

    fn set_card_height(&mut self, height: usize) {
        self.card_height = height;
        self.tops.clear();
        let mut line = 0;
        for &depth in &self.depths {
            self.tops.push(line);
            line += lane_height(depth, height);
        }
        self.tops.push(line);
    }

    /// Lines a card takes.
    pub(crate) fn card_height(&self) -> usize {
        self.card_height
    }

    /// How many stages each lane has.
    pub(crate) fn stages(&self) -> usize {
        self.cells.first().map_or(0, Vec::len)
    }

    /// How many lanes lie wholly above and wholly below the lines `lines` (a lane cut by an
    /// edge counts as shown).
    pub(crate) fn lanes_off(&self, lines: Range<usize>) -> (usize, usize) {
        if self.rows.is_empty() {
            return (0, 0);
        }
        let on = self.rows_in(lines);
        (on.start, self.rows.len().saturating_sub(on.end))
    }

    /// All lanes' lines together.
    pub(crate) fn height(&self) -> usize {
        self.tops.last().copied().unwrap_or(0)
    }

    /// The first line of lane `row`.
    pub(crate) fn top(&self, row: usize) -> usize {
        self.tops.get(row).copied().unwrap_or(0)
    }

    /// The lines of lane `row`, its separator line included.
    pub(crate) fn lines(&self, row: usize) -> Range<usize> {
        self.top(row)..self.tops.get(row + 1).copied().unwrap_or(self.top(row))
    }

    /// The lanes that overlap lines `range`.
    pub(crate) fn rows_in(&self, range: Range<usize>) -> Range<usize> {
        let n = self.rows.len();
        // The last lane starting at or before `range.start`.
        let first = self.tops[..n].partition_point(|&t| t <= range.start);
        let first = first.saturating_sub(1);
        let last = self.tops[..n].partition_point(|&t| t < range.end);
        first..last.max(first)
    }

    /// The lane holding line `line`.
    pub(crate) fn row_at(&self, line: usize) -> Option<usize> {
        let n = self.rows.len();
        let row = self.tops[..n]
            .partition_point(|&t| t <= line)
            .checked_sub(1)?;
        (line < self.height()).then_some(row)
    }

    pub(crate) fn place(&self, ix: NodeIndex) -> Option<Place> {
        self.places.get(ix.index()).copied().flatten()
    }

    pub(crate) fn cell(&self, row: usize, stage: usize) -> &[NodeIndex] {
        self.cells
            .get(row)
            .and_then(|lane| lane.get(stage))
            .map_or(&[], Vec::as_slice)
    }

    pub(crate) fn get(&self, row: usize, stage: usize, slot: usize) -> Option<NodeIndex> {
        self.cell(row, stage).get(slot).copied()
    }

    /// The first line of a step's card.
    pub(crate) fn card_top(&self, place: Place) -> usize {
        self.top(place.row) + place.slot * self.card_height
    }

    /// The first shown step, reading lane by lane, stage by stage.
    pub(crate) fn first(&self) -> Option<NodeIndex> {
        self.cells
            .iter()
            .flat_map(|lane| lane.iter().flatten())
            .next()
            .copied()
    }

    /// The last shown step in the same reading order.
    pub(crate) fn last(&self) -> Option<NodeIndex> {
        self.cells
            .iter()
            .rev()
            .flat_map(|lane| lane.iter().rev().flat_map(|cell| cell.iter().rev()))
            .next()
            .copied()
    }
}

/// A lane is as tall as its deepest stack of cards `card` lines high (one line when empty),
/// plus a separator line.
fn lane_height(depth: usize, card: usize) -> usize {
    if depth == 0 { 2 } else { depth * card + 1 }
}
