//! The flows drawn between the cards on the grid, as box-drawing lines that never run through
//! a card: out of a card's right side into the gutter right of its stage, along the gutter's
//! track, and into the next card with an arrow (from the left when it lies in a later stage,
//! from the right otherwise). A flow that skips stages, or goes back, crosses the stages
//! between along a row free of cards there (below the shorter stacks of a lane, or the line
//! between lanes). Laid out per frame for what is on screen; the grid view paints it.

use std::collections::HashSet;
use std::ops::Range;

use petgraph::stable_graph::NodeIndex;

use super::board::Board;
use super::lanes::{Lanes, Place};
use super::screen::Grid;

/// How a line stands out, least first: where lines meet, the stronger wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(crate) enum Ink {
    #[default]
    None,
    /// Any flow (when all flows are shown).
    All,
    /// Into or out of the selected step.
    Near,
    /// The flow `next` follows.
    Chosen,
}

/// Which flows to draw.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Focus {
    pub selected: Option<NodeIndex>,
    /// Which outgoing flow of the selected step `next` follows.
    pub branch: usize,
    /// Every flow with a card on screen, not only the selected step's.
    pub all: bool,
}

const UP: u8 = 1;
const DOWN: u8 = 2;
const LEFT: u8 = 4;
const RIGHT: u8 = 8;

/// An arrowhead where a line enters a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arrow {
    /// Into a card on its left side.
    Right,
    /// Into a card on its right side.
    Left,
}

#[derive(Debug, Clone, Copy, Default)]
struct Mark {
    dirs: u8,
    ink: Ink,
    arrow: Option<Arrow>,
}

/// The lines over the visible part of the grid.
#[derive(Debug, Clone)]
pub(crate) struct Lines {
    /// The screen column and row of the first cell.
    x: i32,
    y: u16,
    width: usize,
    height: usize,
    cells: Vec<Mark>,
}

impl Lines {
    /// Every cell a line passes: screen column and row, what to draw, how it stands out.
    pub(crate) fn cells(&self) -> impl Iterator<Item = (u16, u16, char, Ink)> + '_ {
        self.cells.iter().enumerate().filter_map(move |(i, m)| {
            if m.dirs == 0 && m.arrow.is_none() {
                return None;
            }
            let x = u16::try_from(self.x + (i % self.width) as i32).ok()?;
            let y = self.y + (i / self.width) as u16;
            let glyph = match m.arrow {
                Some(Arrow::Right) => '▶',
                Some(Arrow::Left) => '◀',
                None => glyph(m.dirs),
            };
            Some((x, y, glyph, m.ink))
        })
    }
}

/// The box-drawing character joining the given sides of a cell.
fn glyph(dirs: u8) -> char {
    match dirs {
        d if d == UP | DOWN || d == UP || d == DOWN => '│',
        d if d == LEFT | RIGHT || d == LEFT || d == RIGHT => '─',
        d if d == DOWN | RIGHT => '╭',
        d if d == DOWN | LEFT => '╮',
        d if d == UP | RIGHT => '╰',
        d if d == UP | LEFT => '╯',
        d if d == UP | DOWN | RIGHT => '├',
        d if d == UP | DOWN | LEFT => '┤',
        d if d == LEFT | RIGHT | DOWN => '┬',
        d if d == LEFT | RIGHT | UP => '┴',
        d if d == UP | DOWN | LEFT | RIGHT => '┼',
        _ => ' ',
    }
}

/// Lays out the lines of the flows to draw on the grid scrolled to `first_line`.
pub(crate) fn lay_out(
    board: &Board,
    lanes: &Lanes,
    grid: &Grid,
    first_line: usize,
    focus: Focus,
) -> Lines {
    let columns = grid.stage_columns();
    let height = usize::from(grid.lanes.height);
    let width = usize::try_from(columns.end - columns.start).unwrap_or(0);
    let mut router = Router {
        lanes,
        grid,
        card: lanes.card_height(),
        visible: first_line..first_line + height,
        lines: Lines {
            x: columns.start,
            y: grid.lanes.y,
            width,
            height,
            cells: vec![Mark::default(); width * height],
        },
    };
    if width == 0 || height == 0 || lanes.shown == 0 {
        return router.lines;
    }
    let journey = board.journey();
    let mut drawn: HashSet<(NodeIndex, NodeIndex)> = HashSet::new();
    let mut near = Vec::new();
    if let Some(sel) = focus.selected {
        let out = journey.outgoing(sel);
        let chosen = (out.len() > 1).then(|| out[focus.branch % out.len()].1);
        for (_, to) in out {
            let ink = if Some(to) == chosen {
                Ink::Chosen
            } else {
                Ink::Near
            };
            near.push((sel, to, ink));
        }
        for (_, from) in journey.incoming(sel) {
            near.push((from, sel, Ink::Near));
        }
    }
    for &(from, to, _) in &near {
        drawn.insert((from, to));
    }
    if focus.all {
        for ix in router.cards_on_screen() {
            let flows = journey
                .outgoing(ix)
                .into_iter()
                .map(|(_, to)| (ix, to))
                .chain(journey.incoming(ix).into_iter().map(|(_, from)| (from, ix)));
            for pair in flows {
                if drawn.insert(pair) {
                    router.route(pair.0, pair.1, Ink::All);
                }
            }
        }
    }
    // The selected step's flows last, so that they show over the others where lines meet.
    near.sort_by_key(|&(_, _, ink)| ink);
    for (from, to, ink) in near {
        router.route(from, to, ink);
    }
    router.join_lane_rules();
    router.lines
}

struct Router<'a> {
    lanes: &'a Lanes,
    grid: &'a Grid,
    card: usize,
    /// The lane lines on screen.
    visible: Range<usize>,
    lines: Lines,
}

impl Router<'_> {
    /// The steps whose cards are at least partly on screen.
    fn cards_on_screen(&self) -> Vec<NodeIndex> {
        let mut out = Vec::new();
        let grid = self.grid;
        let card = self.card.max(1);
        for row in self.lanes.rows_in(self.visible.clone()) {
            let top = self.lanes.top(row);
            let first = self.visible.start.saturating_sub(top) / card;
            let last = self.visible.end.saturating_sub(top).div_ceil(card);
            for stage in grid.first_stage..grid.first_stage + grid.stages_shown {
                let cell = self.lanes.cell(row, stage);
                out.extend(cell.iter().take(last).skip(first).copied());
            }
        }
        out
    }

    /// The column of stage `stage`'s cards' right side.
    fn exit_x(&self, stage: usize) -> i32 {
        self.grid.virtual_x(stage) + i32::from(self.grid.card_width)
    }

    /// The column of the gutter's track right of stage `stage`.
    fn track_x(&self, stage: usize) -> i32 {
        self.exit_x(stage) + 1
    }

    /// Routes one flow, when both its steps are on the grid.
    fn route(&mut self, from: NodeIndex, to: NodeIndex, ink: Ink) {
        let (Some(a), Some(b)) = (self.lanes.place(from), self.lanes.place(to)) else {
            return;
        };
        if from == to {
            return;
        }
        let ya = self.lanes.card_top(a) + 1;
        let top_b = self.lanes.card_top(b);
        // Into a later stage from the left (on the card's first line); otherwise from the right
        // (on its last line, so that it never meets the card's own way out).
        let (yb, end_x, arrow) = if b.stage > a.stage {
            (top_b + 1, self.grid.virtual_x(b.stage) - 1, Arrow::Right)
        } else {
            (top_b + self.card - 2, self.exit_x(b.stage), Arrow::Left)
        };
        let start = (self.exit_x(a.stage), ya);
        let down_from = (self.track_x(a.stage), ya);
        let mut points = vec![start, down_from];
        if b.stage > a.stage + 1 || b.stage < a.stage {
            // Across the stages between, along a row with no card in them.
            let (crossed, track) = if b.stage > a.stage {
                (a.stage + 1..b.stage, self.track_x(b.stage - 1))
            } else {
                (b.stage + 1..a.stage + 1, self.track_x(b.stage))
            };
            let y = self.free_row(a, b, ya, yb, crossed);
            points.push((down_from.0, y));
            points.push((track, y));
            points.push((track, yb));
        } else {
            points.push((down_from.0, yb));
        }
        points.push((end_x, yb));
        // The line leaves the card through its border.
        self.mark(start.0, start.1, LEFT, ink);
        for pair in points.windows(2) {
            self.segment(pair[0], pair[1], ink);
        }
        self.arrow(end_x, yb, arrow, ink);
    }

    /// A row between the two cards' lanes with no card in stages `crossed`, as near the way
    /// from `ya` to `yb` as there is: below the deepest stack of those stages in a lane, or
    /// the line under a lane.
    fn free_row(&self, a: Place, b: Place, ya: usize, yb: usize, crossed: Range<usize>) -> usize {
        let (lo, hi) = (ya.min(yb), ya.max(yb));
        let mut best: Option<(usize, usize, usize)> = None;
        for row in a.row.min(b.row)..=a.row.max(b.row) {
            let lines = self.lanes.lines(row);
            let Some(rule) = lines.end.checked_sub(1) else {
                continue;
            };
            let empty = (0..self.lanes.stages()).all(|s| self.lanes.cell(row, s).is_empty());
            let deepest = crossed
                .clone()
                .map(|s| self.lanes.cell(row, s).len())
                .max()
                .unwrap_or(0);
            // An empty lane's line says so; its rule is free.
            let from = if empty {
                rule
            } else {
                (lines.start + deepest * self.card).min(rule)
            };
            // Rows with no card are preferred to the rule between lanes.
            let to = if from < rule { rule - 1 } else { rule };
            let y = ya.clamp(from, to);
            let detour = lo.saturating_sub(y) + y.saturating_sub(hi);
            let candidate = (detour, y.abs_diff(ya), y);
            if best.is_none_or(|b| candidate < b) {
                best = Some(candidate);
            }
        }
        best.map_or(ya, |(_, _, y)| y)
    }

    /// The cell at screen column `x` and lane line `line`, if on screen.
    fn cell(&mut self, x: i32, line: usize) -> Option<&mut Mark> {
        let column = usize::try_from(x - self.lines.x).ok()?;
        let row = line.checked_sub(self.visible.start)?;
        if column >= self.lines.width || row >= self.lines.height {
            return None;
        }
        self.lines.cells.get_mut(row * self.lines.width + column)
    }

    fn mark(&mut self, x: i32, line: usize, dirs: u8, ink: Ink) {
        if let Some(m) = self.cell(x, line) {
            m.dirs |= dirs;
            m.ink = m.ink.max(ink);
        }
    }

    fn arrow(&mut self, x: i32, line: usize, arrow: Arrow, ink: Ink) {
        if let Some(m) = self.cell(x, line) {
            m.arrow = Some(arrow);
            m.ink = m.ink.max(ink);
        }
    }

    /// A straight piece of line between two points, clipped to the screen.
    fn segment(&mut self, (x1, y1): (i32, usize), (x2, y2): (i32, usize), ink: Ink) {
        if y1 == y2 {
            if x1 == x2 || !self.visible.contains(&y1) {
                return;
            }
            let (lo, hi) = (x1.min(x2), x1.max(x2));
            let first = lo.max(self.lines.x - 1);
            let last = hi.min(self.lines.x + self.lines.width as i32);
            for x in first..=last {
                let mut dirs = 0;
                if x > lo {
                    dirs |= LEFT;
                }
                if x < hi {
                    dirs |= RIGHT;
                }
                self.mark(x, y1, dirs, ink);
            }
        } else if x1 == x2 {
            let (lo, hi) = (y1.min(y2), y1.max(y2));
            let first = lo.max(self.visible.start.saturating_sub(1));
            let last = hi.min(self.visible.end);
            for y in first..=last {
                let mut dirs = 0;
                if y > lo {
                    dirs |= UP;
                }
                if y < hi {
                    dirs |= DOWN;
                }
                self.mark(x1, y, dirs, ink);
            }
        }
    }

    /// Where a line meets the rule between two lanes, the rule joins it (`┼`, `┴`).
    fn join_lane_rules(&mut self) {
        for row in self.lanes.rows_in(self.visible.clone()) {
            let Some(rule) = self.lanes.lines(row).end.checked_sub(1) else {
                continue;
            };
            let Some(r) = rule.checked_sub(self.visible.start) else {
                continue;
            };
            if r >= self.lines.height {
                continue;
            }
            let width = self.lines.width;
            for m in &mut self.lines.cells[r * width..(r + 1) * width] {
                if m.dirs != 0 && m.arrow.is_none() {
                    m.dirs |= LEFT | RIGHT;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::app::App;
    use crate::tui::app::tests::app;

    /// Every card on screen: its step and its cells (left, top, right, bottom; exclusive).
    fn cards(app: &App) -> Vec<(NodeIndex, (i32, i32, i32, i32))> {
        let grid = app.grid();
        let first = app.scroll.grid_line;
        let visible = first..first + usize::from(grid.lanes.height);
        let h = app.lanes.card_height();
        let mut out = Vec::new();
        for row in app.lanes.rows_in(visible.clone()) {
            for stage in grid.first_stage..grid.first_stage + grid.stages_shown {
                for (slot, &ix) in app.lanes.cell(row, stage).iter().enumerate() {
                    let top = (app.lanes.top(row) + slot * h) as i32 - first as i32;
                    let x = grid.virtual_x(stage);
                    let y = i32::from(grid.lanes.y) + top;
                    out.push((ix, (x, y, x + i32::from(grid.card_width), y + h as i32)));
                }
            }
        }
        out
    }

    fn lines_of(app: &App, all: bool) -> Lines {
        let focus = Focus {
            selected: app.selected,
            branch: app.branch,
            all,
        };
        lay_out(
            &app.board,
            &app.lanes,
            &app.grid(),
            app.scroll.grid_line,
            focus,
        )
    }

    #[test]
    fn lines_never_run_through_a_card_and_end_in_arrows_at_the_cards() {
        for (width, height) in [(80, 24), (120, 40), (160, 48), (250, 70), (60, 16)] {
            for walk in [0, 3, 7] {
                let mut app = app(width, height);
                for _ in 0..walk {
                    app.apply(Action::Down);
                    app.apply(Action::Right);
                }
                let lines = lines_of(&app, true);
                let cards = cards(&app);
                let mut arrows = HashSet::new();
                for (x, y, glyph, _) in lines.cells() {
                    let (x, y) = (i32::from(x), i32::from(y));
                    let inside = cards
                        .iter()
                        .find(|(_, (l, t, r, b))| (*l..*r).contains(&x) && (*t..*b).contains(&y));
                    assert!(
                        inside.is_none(),
                        "{width}x{height}: `{glyph}` at {x},{y} is on a card"
                    );
                    if matches!(glyph, '▶' | '◀') {
                        arrows.insert((x, y, glyph));
                    }
                }
                // Every flow between two cards wholly on screen ends in an arrow at its card.
                let h = app.lanes.card_height() as i32;
                let journey = app.board.journey();
                for &(from, (fl, ft, fr, fb)) in &cards {
                    for (_, to) in journey.outgoing(from) {
                        let Some(&(_, (l, t, r, b))) = cards.iter().find(|(ix, _)| *ix == to)
                        else {
                            continue;
                        };
                        let grid = app.grid();
                        let on_screen = |top: i32, bottom: i32| {
                            top >= i32::from(grid.lanes.y)
                                && bottom <= i32::from(grid.lanes.y + grid.lanes.height)
                        };
                        if from == to || !on_screen(ft, fb) || !on_screen(t, b) {
                            continue;
                        }
                        let expected = if l > fl {
                            (l - 1, t + 1, '▶')
                        } else {
                            (r, t + h - 2, '◀')
                        };
                        assert!(
                            arrows.contains(&expected),
                            "{width}x{height}: no arrow {expected:?} from {fl},{ft}..{fr},{fb}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn without_all_flows_only_the_selected_steps_are_drawn() {
        let app = app(160, 48);
        let some = lines_of(&app, false).cells().count();
        let all = lines_of(&app, true).cells().count();
        assert!(some > 0, "the selected step's flows show");
        assert!(all > some, "every flow shows more: {all} > {some}");
        assert!(
            lines_of(&app, false)
                .cells()
                .all(|(_, _, _, ink)| ink >= Ink::Near)
        );
    }

    #[test]
    fn glyphs_join_the_sides_they_name() {
        assert_eq!(glyph(UP | DOWN), '│');
        assert_eq!(glyph(LEFT | RIGHT), '─');
        assert_eq!(glyph(LEFT | DOWN), '╮');
        assert_eq!(glyph(UP | RIGHT), '╰');
        assert_eq!(glyph(UP | DOWN | LEFT | RIGHT), '┼');
        assert_eq!(glyph(UP | LEFT | RIGHT), '┴');
    }
}
