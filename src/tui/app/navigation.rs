//! Moving around: the grid, the inspector, the lists, clicks, jumps to findings, and keeping
//! the selection in view. Called only from [`App::apply`].

use petgraph::stable_graph::NodeIndex;
use ratatui::layout::Position;

use super::{App, View};
use crate::tui::action::Action;
use crate::tui::details::{Anchor, Details};
use crate::tui::outline::Row;
use crate::tui::screen::{self, Screen, inspector_text_size};
use touchpoint_engine::text::clean;

impl App {
    /// Selects a step. `walking`: along a flow, so the trail back is kept.
    pub(super) fn set_selected(&mut self, ix: Option<NodeIndex>, walking: bool) {
        if ix != self.selected {
            self.branch = 0;
            self.collection = None;
            self.scroll.inspector = Anchor::default();
        }
        if !walking {
            self.trail.clear();
        }
        self.selected = ix;
    }

    pub(super) fn title_of(&self, ix: NodeIndex) -> String {
        self.board
            .step(ix)
            .map_or_else(String::new, |s| clean(&s.title).into_owned())
    }

    pub(super) fn vertical(&mut self, delta: isize) {
        match self.view {
            View::Grid => self.grid_vertical(delta),
            View::Inspector => self.inspector_vertical(delta),
            View::Inventory => {
                let at = self.inventory_position();
                if let Some(&e) = self
                    .elements
                    .get(step_index(at, delta, self.elements.len()))
                {
                    self.inventory.row = e;
                }
            }
            View::Findings => self.findings_move(delta),
            View::Catalogue => self.catalogue_move(delta),
        }
    }

    /// Where the inventory's cursor is in the shown elements (the first when it is hidden).
    fn inventory_position(&self) -> usize {
        self.elements
            .binary_search(&self.inventory.row)
            .unwrap_or(0)
    }

    fn grid_vertical(&mut self, delta: isize) {
        let Some(p) = self.selected.and_then(|ix| self.lanes.place(ix)) else {
            self.set_selected(self.lanes.first(), false);
            return;
        };
        let cell = self.lanes.cell(p.row, p.stage);
        let slot = p.slot as isize + delta;
        if let Some(&ix) = usize::try_from(slot).ok().and_then(|s| cell.get(s)) {
            self.set_selected(Some(ix), false);
            return;
        }
        let rows = self.lanes.rows.len();
        let found = if delta > 0 {
            (p.row + 1..rows).find_map(|r| self.nearest_in_row(r, p.stage, true))
        } else {
            (0..p.row)
                .rev()
                .find_map(|r| self.nearest_in_row(r, p.stage, false))
        };
        if let Some(ix) = found {
            self.set_selected(Some(ix), false);
        }
    }

    /// The step of lane `row` nearest to `stage`: the top of its stack, or the bottom.
    fn nearest_in_row(&self, row: usize, stage: usize, top: bool) -> Option<NodeIndex> {
        let stages = self.board.journey().stages.len();
        (0..stages).find_map(|d| {
            [
                stage.checked_sub(d),
                Some(stage + d).filter(|&s| s < stages && d > 0),
            ]
            .into_iter()
            .flatten()
            .find_map(|s| {
                let cell = self.lanes.cell(row, s);
                if top { cell.first() } else { cell.last() }.copied()
            })
        })
    }

    pub(super) fn horizontal(&mut self, delta: isize) {
        match self.view {
            View::Grid | View::Inspector => {
                let Some(p) = self.selected.and_then(|ix| self.lanes.place(ix)) else {
                    return;
                };
                let stages = self.board.journey().stages.len() as isize;
                let mut s = p.stage as isize + delta;
                while (0..stages).contains(&s) {
                    let cell = self.lanes.cell(p.row, s as usize);
                    if let Some(&ix) = cell.get(p.slot.min(cell.len().saturating_sub(1))) {
                        self.set_selected(Some(ix), false);
                        return;
                    }
                    s += delta;
                }
            }
            View::Inventory => {
                let columns = match self.axis {
                    super::Axis::Channels => self.board.journey().channels.len(),
                    super::Axis::Stages => self.board.journey().stages.len(),
                };
                self.scroll.inventory_column =
                    step_index(self.scroll.inventory_column, delta, columns);
            }
            View::Catalogue => self.next_list(delta),
            View::Findings => {}
        }
    }

    pub(super) fn page(&mut self, direction: isize) {
        match self.view {
            View::Grid => {
                let lines = usize::from(self.grid().lanes.height);
                for _ in 0..(lines / self.lanes.card_height()).max(1) {
                    self.grid_vertical(direction);
                }
            }
            View::Inspector => {
                let page = usize::from(self.screen().body.height.saturating_sub(3)).max(1);
                self.scroll_inspector(direction * page as isize);
            }
            View::Inventory => {
                let (matrix, _) = screen::inventory(self.screen().body, self.elements.len());
                let page = screen::inventory_rows(matrix).max(1) as isize;
                self.vertical(direction * page);
            }
            View::Findings => {
                let (list, _) = screen::findings(self.screen().body, self.outline.rows.len());
                let page = screen::findings_rows(list).max(1) as isize;
                self.findings_move(direction * page);
            }
            View::Catalogue => {
                let page = screen::catalogue_rows(self.screen().body).max(1) as isize;
                self.catalogue_move(direction * page);
            }
        }
    }

    pub(super) fn home_end(&mut self, end: bool) {
        match self.view {
            View::Grid => {
                let ix = if end {
                    self.lanes.last()
                } else {
                    self.lanes.first()
                };
                self.set_selected(ix, false);
            }
            View::Inspector => {
                let n = self.selected_step_collections();
                self.collection = if end {
                    n.checked_sub(1)
                } else {
                    (n > 0).then_some(0)
                };
                self.scroll.inspector = Anchor::default();
                self.reveal_collection();
            }
            View::Inventory => {
                let e = if end {
                    self.elements.last()
                } else {
                    self.elements.first()
                };
                if let Some(&e) = e {
                    self.inventory.row = e;
                }
            }
            View::Findings => {
                let rows = &self.outline;
                let row = if end {
                    rows.finding_row_near(usize::MAX, false)
                } else {
                    rows.finding_row_near(0, true)
                };
                self.findings.row = row.unwrap_or(0);
            }
            View::Catalogue => {
                self.catalogue.cursor.row = if end { usize::MAX } else { 0 };
                self.clamp_catalogue();
            }
        }
    }

    fn inspector_vertical(&mut self, delta: isize) {
        let n = self.selected_step_collections();
        match self.collection {
            _ if n == 0 => self.scroll_inspector(delta),
            None if delta > 0 => {
                self.collection = Some(0);
                self.reveal_collection();
            }
            None => self.scroll_inspector(delta),
            Some(c) if delta > 0 && c + 1 >= n => self.scroll_inspector(delta),
            Some(0) if delta < 0 => {
                self.collection = None;
                self.scroll.inspector = Anchor::default();
            }
            Some(c) => {
                self.collection = Some(step_index(c, delta, n));
                self.reveal_collection();
            }
        }
    }

    /// The inspector's area, if shown, and the width its text wraps at.
    fn inspector_area(&self) -> Option<ratatui::layout::Rect> {
        let screen = self.screen();
        match self.view {
            View::Inspector => Some(screen.body),
            View::Grid => screen.side,
            _ => None,
        }
    }

    fn scroll_inspector(&mut self, delta: isize) {
        let (Some(area), Some(ix)) = (self.inspector_area(), self.selected) else {
            return;
        };
        let (width, height) = inspector_text_size(area);
        let anchor = self.scroll.inspector;
        self.scroll.inspector = self.details(ix, width).scroll(anchor, delta, height);
    }

    /// Scrolls the inspector so the chosen collection shows whole (or from its start).
    pub(super) fn reveal_collection(&mut self) {
        let (Some(area), Some(ix), Some(c)) =
            (self.inspector_area(), self.selected, self.collection)
        else {
            return;
        };
        let (width, height) = inspector_text_size(area);
        let details = self.details(ix, width);
        if c >= details.collections() {
            return;
        }
        let block = Details::collection_block(c);
        self.scroll.inspector = details.reveal(self.scroll.inspector, block, height);
    }

    fn findings_move(&mut self, delta: isize) {
        let outline = &self.outline;
        let mut row = self.findings.row;
        let mut left = delta.unsigned_abs();
        while left > 0 {
            let next = if delta > 0 {
                (row + 1..outline.rows.len()).find(|&r| matches!(outline.rows[r], Row::Finding(_)))
            } else {
                (0..row)
                    .rev()
                    .find(|&r| matches!(outline.rows[r], Row::Finding(_)))
            };
            match next {
                Some(r) => row = r,
                None => break,
            }
            left -= 1;
        }
        self.findings.row = row;
    }

    pub(super) fn select_here(&mut self) {
        match self.view {
            View::Grid => {
                if self.selected.is_some() {
                    self.view = View::Inspector;
                    if self.collection.is_none() && self.selected_step_collections() > 0 {
                        self.collection = Some(0);
                    }
                    self.reveal_collection();
                }
            }
            View::Inspector => {
                let element = self
                    .selected
                    .and_then(|ix| self.board.step(ix))
                    .zip(self.collection)
                    .and_then(|(s, c)| s.collects.get(c))
                    .and_then(|col| self.board.journey().element_index(&col.element));
                match element {
                    Some(e) => self.follow_element(e),
                    None => {
                        self.message = Some(format!(
                            "choose a collection with {} first",
                            self.keymap.key_for(&Action::Down)
                        ));
                    }
                }
            }
            View::Inventory => {
                if let Some(e) = self.inventory_element() {
                    self.follow_element(e);
                }
            }
            View::Findings => {
                if let Some(Row::Finding(i)) = self.outline.rows.get(self.findings.row) {
                    self.jump_to_finding(*i);
                }
            }
            View::Catalogue => self.edit_here(),
        }
    }

    /// Goes to a finding's step and collection (or its element in the inventory).
    pub(super) fn jump_to_finding(&mut self, i: usize) {
        let Some(f) = self.board.analysis.findings.get(i) else {
            return;
        };
        let journey = self.board.journey();
        let step = f.step().and_then(|id| journey.step_index(id));
        let element = f.element().and_then(|id| journey.element_index(id));
        let collection = f.collection();
        if let Some(ix) = step {
            if self.lanes.place(ix).is_none() {
                self.filter = Default::default();
                self.refilter();
                self.message = Some("filters cleared to show the finding's step".into());
            }
            self.set_selected(Some(ix), false);
            self.collection = collection;
            self.view = if self.size.width >= screen::WIDE {
                View::Grid
            } else {
                View::Inspector
            };
            self.reveal_collection();
        } else if let Some(e) = element {
            if self.elements.binary_search(&e).is_err() {
                self.inventory_filter = Default::default();
                self.refilter_elements();
                self.message = Some("the inventory's filter cleared to show the element".into());
            }
            self.inventory.row = e;
            self.view = View::Inventory;
        } else {
            self.message = Some("this finding is about the map as a whole".into());
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        if self.overlays.help.take().is_some() {
            return;
        }
        let at = Position { x: column, y: row };
        let screen = self.screen();
        match self.view {
            View::Grid => {
                let grid = self.grid();
                if !grid.lanes.contains(at) {
                    return;
                }
                let line = self.scroll.grid_line + usize::from(row - grid.lanes.y);
                let (Some(r), Some(stage)) = (self.lanes.row_at(line), grid.stage_at(column))
                else {
                    return;
                };
                let slot = (line - self.lanes.top(r)) / self.lanes.card_height();
                if let Some(ix) = self.lanes.get(r, stage, slot) {
                    self.set_selected(Some(ix), false);
                }
            }
            View::Inventory => {
                let (matrix, _) = screen::inventory(screen.body, self.elements.len());
                if matrix.contains(at) && row >= matrix.y + 3 {
                    let r = self.inventory.offset + usize::from(row - matrix.y - 3);
                    if let Some(&e) = self.elements.get(r) {
                        self.inventory.row = e;
                    }
                }
            }
            View::Findings => {
                let (list, _) = screen::findings(screen.body, self.outline.rows.len());
                if list.contains(at) && row > list.y {
                    let r = self.findings.offset + usize::from(row - list.y - 1);
                    if let Some(Row::Finding(_)) = self.outline.rows.get(r) {
                        self.findings.row = r;
                    }
                }
            }
            View::Catalogue => {
                let body = screen.body;
                if body.contains(at) && row >= body.y + 2 {
                    let r = self.catalogue.cursor.offset + usize::from(row - body.y - 2);
                    if r < self.catalogue.list.len(self.board.journey()) {
                        self.catalogue.cursor.row = r;
                    }
                }
            }
            View::Inspector => {}
        }
    }

    /// Scrolls the current view so the selection shows.
    pub(super) fn ensure_visible(&mut self) {
        let screen = self.screen();
        // Cards grow to use the room there is, whichever view is on top of the grid.
        let grid_body = Screen::new(
            self.size,
            View::Grid,
            self.filter.is_active(),
            self.board.journey().stages.len(),
        )
        .body;
        self.lanes
            .fit(usize::from(grid_body.height.saturating_sub(1)));
        match self.view {
            View::Grid => {
                let grid = self.grid();
                let height = usize::from(grid.lanes.height);
                if let Some(p) = self.selected.and_then(|ix| self.lanes.place(ix)) {
                    let shown = grid.stages_shown;
                    if p.stage < grid.first_stage {
                        self.scroll.grid_stage = p.stage;
                    } else if p.stage >= grid.first_stage + shown {
                        self.scroll.grid_stage = p.stage + 1 - shown;
                    } else {
                        self.scroll.grid_stage = grid.first_stage;
                    }
                    let top = self.lanes.card_top(p);
                    let bottom = top + self.lanes.card_height();
                    let lane_top = self.lanes.top(p.row);
                    let line = &mut self.scroll.grid_line;
                    if top < *line {
                        *line = if bottom - lane_top <= height {
                            lane_top
                        } else {
                            top
                        };
                    } else if bottom > *line + height {
                        *line = bottom.saturating_sub(height);
                    }
                }
                let max = self.lanes.height().saturating_sub(height);
                self.scroll.grid_line = self.scroll.grid_line.min(max);
            }
            View::Inventory => {
                let (matrix, _) = screen::inventory(screen.body, self.elements.len());
                let mut at = super::Cursor {
                    row: self.inventory_position(),
                    offset: self.inventory.offset,
                };
                keep_in_view(&mut at, screen::inventory_rows(matrix));
                self.inventory.offset = at.offset;
            }
            View::Findings => {
                let (list, _) = screen::findings(screen.body, self.outline.rows.len());
                keep_in_view(&mut self.findings, screen::findings_rows(list));
            }
            View::Catalogue => {
                keep_in_view(
                    &mut self.catalogue.cursor,
                    screen::catalogue_rows(screen.body),
                );
            }
            View::Inspector => {}
        }
    }
}

/// `index` moved by `delta`, kept within `0..len`.
fn step_index(index: usize, delta: isize, len: usize) -> usize {
    index
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1))
}

fn keep_in_view(cursor: &mut super::Cursor, rows: usize) {
    let rows = rows.max(1);
    if cursor.row < cursor.offset {
        cursor.offset = cursor.row;
    } else if cursor.row >= cursor.offset + rows {
        cursor.offset = cursor.row + 1 - rows;
    }
}
