//! The journey grid: channels as lanes, stages as columns, each step a card in its cell, and
//! the flows between cards as lines through the gutters (laid out by `tui::flowlines`). Only
//! the lanes and stages on screen are drawn; markers say how many are off each edge.

use std::ops::Range;

use petgraph::stable_graph::NodeIndex;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::flowlines::{self, Ink};
use crate::tui::screen::Grid;
use crate::tui::theme::{FOLLOW, Theme, emotion_glyph, marker};
use touchpoint_engine::analysis::Severity;
use touchpoint_engine::journey::{Journey, Step};
use touchpoint_engine::text::{clean, truncate, width, wrap_clipped};

/// How a card relates to the selected step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    None,
    /// A flow leads from this step to the selected one.
    Before,
    /// A flow leads from the selected step to this one.
    After,
    /// The flow `next` would follow, when there is a choice.
    Chosen,
}

/// One step card.
struct Card<'a> {
    step: &'a Step,
    /// Where the names of the data it takes are looked up.
    journey: &'a Journey,
    worst: Option<Severity>,
    selected: bool,
    relation: Relation,
    followed: bool,
    theme: &'a Theme,
}

impl Widget for Card<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let (border_type, border_style) = if self.selected {
            (BorderType::Thick, t.selected())
        } else {
            match self.relation {
                Relation::None if self.followed => (BorderType::Rounded, t.follow()),
                Relation::None => (BorderType::Rounded, t.border()),
                Relation::Chosen => (BorderType::Double, t.branch()),
                Relation::Before | Relation::After => (BorderType::Rounded, t.flow()),
            }
        };
        let data = match self.step.collects.len() {
            0 => "no data".to_string(),
            n => format!("{n} data"),
        };
        let info = Line::from(vec![
            Span::styled(data, t.dim()),
            Span::raw(" "),
            Span::styled(
                emotion_glyph(self.step.emotion),
                t.emotion(self.step.emotion),
            ),
        ]);
        let mut marks = Vec::new();
        if self.followed {
            marks.push(Span::styled(FOLLOW, t.follow()));
        }
        match self.relation {
            Relation::Before => marks.push(Span::styled("←", t.flow())),
            Relation::After => marks.push(Span::styled("→", t.flow())),
            Relation::Chosen => marks.push(Span::styled("⇒", t.branch())),
            Relation::None => {}
        }
        let block = Block::bordered()
            .border_type(border_type)
            .border_style(border_style)
            .title(Span::styled(marker(self.worst), t.severity(self.worst)))
            .title_bottom(info)
            .title_bottom(Line::from(marks).alignment(Alignment::Right));
        let inner = block.inner(area);
        block.render(area, buf);
        let width = usize::from(inner.width).max(1);
        let room = usize::from(inner.height);
        let title_style = if self.selected {
            t.selected()
        } else {
            t.plain()
        };
        // The title in full when there is room (cut with … when not), then what the step
        // takes, then its description, each as far as the card has lines.
        let mut text: Vec<(String, Style)> = fit(&clean(&self.step.title), width, room)
            .into_iter()
            .map(|l| (l, title_style))
            .collect();
        let left = room.saturating_sub(text.len());
        if left > 0 && !self.step.collects.is_empty() {
            // Only as many names as could show.
            let mut names = String::new();
            for c in &self.step.collects {
                if !names.is_empty() {
                    names.push_str(", ");
                }
                names.push_str(&clean(self.journey.element_name(&c.element)));
                if names.len() > width * left {
                    break;
                }
            }
            text.extend(fit(&names, width, left).into_iter().map(|l| (l, t.dim())));
        }
        let left = room.saturating_sub(text.len());
        if let (true, Some(description)) = (left > 0, &self.step.description) {
            let lines = fit(&clean(description), width, left);
            text.extend(lines.into_iter().map(|l| (l, t.dim())));
        }
        for (dy, (line, style)) in (0..inner.height).zip(text) {
            buf.set_stringn(inner.x, inner.y + dy, line, width, style);
        }
    }
}

/// `text` in at most `lines` lines of `width` columns, cut with `…`; a line when it fits in one.
fn fit(text: &str, width: usize, lines: usize) -> Vec<String> {
    if touchpoint_engine::text::width(text) <= width {
        vec![text.to_string()]
    } else if lines <= 1 {
        vec![truncate(text, width)]
    } else {
        wrap_clipped(text, width, lines)
    }
}

/// Marks off-screen lanes (`▲ 2 lanes`) in `room` columns; `None` when there is nothing to say.
fn lanes_mark(arrow: &str, count: usize, more: bool, room: usize) -> Option<String> {
    let long = match count {
        0 if more => format!("{arrow} more"),
        0 => return None,
        1 => format!("{arrow} 1 lane"),
        n => format!("{arrow} {n} lanes"),
    };
    if width(&long) <= room {
        Some(long)
    } else {
        Some(truncate(&format!("{arrow} {count}"), room))
    }
}

/// The stage names over their cards, with how many stages are off to each side; how many
/// lanes are above, over the lane names.
fn heading(buf: &mut Buffer, grid: &Grid, app: &App, visible: &Range<usize>) {
    let journey = app.board.journey();
    let t = &app.theme;
    let left = grid.first_stage;
    let right = journey
        .stages
        .len()
        .saturating_sub(grid.first_stage + grid.stages_shown);
    let last = grid.first_stage + grid.stages_shown.saturating_sub(1);
    for s in grid.first_stage..grid.first_stage + grid.stages_shown {
        let (Some(x), Some(stage)) = (grid.stage_x(s), journey.stages.get(s)) else {
            continue;
        };
        let mut from = x;
        let mut to = x + grid.card_width;
        if s == grid.first_stage && left > 0 {
            let mark = format!("◀ {left}");
            buf.set_stringn(
                x,
                grid.heading.y,
                &mark,
                usize::from(grid.card_width),
                t.accent(),
            );
            from += width(&mark) as u16 + 1;
        }
        if s == last && right > 0 {
            let mark = format!("{right} ▶");
            let end = x + grid.stage_width;
            let at = end.saturating_sub(width(&mark) as u16).max(x);
            buf.set_stringn(at, grid.heading.y, &mark, usize::from(end - at), t.accent());
            to = to.min(at.saturating_sub(1));
        }
        let w = usize::from(to.saturating_sub(from));
        let name = truncate(&clean(&stage.name), w);
        let pad = (w.saturating_sub(width(&name))) / 2;
        buf.set_stringn(from + pad as u16, grid.heading.y, &name, w, t.accent());
    }
    let (above, _) = app.lanes.lanes_off(visible.clone());
    let room = usize::from(grid.label_width.saturating_sub(1));
    if let Some(mark) = lanes_mark("▲", above, visible.start > 0, room) {
        buf.set_stringn(grid.heading.x, grid.heading.y, mark, room, t.accent());
    }
}

/// Draws the grid into `area`.
pub(crate) fn render(frame: &mut Frame, area: Rect, app: &App) {
    let journey = app.board.journey();
    let grid = app.grid_in(area);
    let t = &app.theme;
    let buf = frame.buffer_mut();
    let first_line = app.scroll.grid_line;
    let visible = first_line..first_line + usize::from(grid.lanes.height);
    heading(buf, &grid, app, &visible);

    if app.lanes.shown == 0 {
        let text = if let (true, Some(p)) = (app.waiting_for_map(), app.loading) {
            let (verb, again) = if app.waiting_for_first_map() {
                ("Loading", "")
            } else {
                ("Reading", " again")
            };
            format!(
                "{verb} {}{again}… {}",
                clean(&app.source),
                super::status::loading_label(p)
            )
        } else if journey.step_count() == 0 {
            "This map has no steps yet: add some to `steps` in the file.".to_string()
        } else {
            let clear = app.keymap.key_for(&Action::ClearFilters);
            format!("No step passes the filters. {clear} clears them.")
        };
        let y = grid.lanes.y + grid.lanes.height / 2;
        let line = Line::styled(text, t.dim()).alignment(Alignment::Center);
        line.render(Rect::new(grid.lanes.x, y, grid.lanes.width, 1), buf);
        return;
    }

    let (_, below) = app.lanes.lanes_off(visible.clone());
    let label_room = usize::from(grid.label_width.saturating_sub(1)).max(1);
    let below_mark = lanes_mark("▼", below, visible.end < app.lanes.height(), label_room);
    let card_height = app.lanes.card_height();
    let relations = relations(app);
    let mut covered = Covered::new(grid.lanes);
    let screen_y = |line: usize| -> Option<u16> {
        (visible.contains(&line)).then(|| grid.lanes.y + (line - first_line) as u16)
    };
    for row in app.lanes.rows_in(visible.clone()) {
        let lines = app.lanes.lines(row);
        // The channel name, wrapped in the label column, from the lane's first line shown (so a
        // lane scrolled into still says which channel it is), cut with … where it has no room.
        let label_top = lines.start.max(visible.start);
        let mut label_end = (lines.end - 1).min(visible.end);
        if below_mark.is_some() {
            label_end = label_end.min(visible.end - 1);
        }
        if let Some(channel) = app
            .lanes
            .rows
            .get(row)
            .and_then(|&c| journey.channels.get(c))
            && label_end > label_top
        {
            let parts = wrap_clipped(&clean(&channel.name), label_room, label_end - label_top);
            for (i, part) in parts.iter().enumerate() {
                if let Some(y) = screen_y(label_top + i) {
                    buf.set_stringn(grid.lanes.x, y, part, label_room, t.heading());
                }
            }
        }
        if let Some(y) = screen_y(lines.end - 1) {
            let rule = "─".repeat(usize::from(grid.lanes.width));
            buf.set_stringn(
                grid.lanes.x,
                y,
                rule,
                usize::from(grid.lanes.width),
                t.border(),
            );
        }
        for s in grid.first_stage..grid.first_stage + grid.stages_shown {
            let Some(x) = grid.stage_x(s) else { continue };
            let cell = app.lanes.cell(row, s);
            for (slot, &ix) in cell.iter().enumerate() {
                let top = lines.start + slot * card_height;
                if top + card_height <= visible.start || top >= visible.end {
                    continue;
                }
                let Some(step) = app.board.step(ix) else {
                    continue;
                };
                let card = Card {
                    step,
                    journey,
                    worst: app.board.worst(ix),
                    selected: app.selected == Some(ix),
                    relation: relations.of(ix),
                    followed: app.follow.is_some_and(|e| app.board.takes(ix, e)),
                    theme: t,
                };
                let size = (grid.card_width.max(4), card_height as u16);
                draw_clipped(
                    card,
                    (x, top),
                    size,
                    &visible,
                    grid.lanes.y,
                    buf,
                    &mut covered,
                );
            }
        }
        if app
            .lanes
            .cells
            .get(row)
            .is_some_and(|lane| lane.iter().all(Vec::is_empty))
            && let Some(y) = screen_y(lines.start)
        {
            let x = grid.lanes.x + grid.label_width;
            let text = "(no step shown in this channel)";
            let w = usize::from(grid.lanes.width.saturating_sub(grid.label_width));
            buf.set_stringn(x, y, text, w, t.dim());
            for dx in 0..width(text).min(w) as u16 {
                covered.set(x + dx, y);
            }
        }
    }

    let focus = flowlines::Focus {
        selected: app.selected,
        branch: app.branch,
        all: app.show_flows,
    };
    let flows = flowlines::lay_out(&app.board, &app.lanes, &grid, first_line, focus);
    for (x, y, glyph, ink) in flows.cells() {
        if covered.get(x, y) {
            continue;
        }
        let style = match ink {
            Ink::Chosen => t.branch(),
            Ink::Near => t.flow(),
            Ink::All | Ink::None => t.line(),
        };
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_char(glyph).set_style(style);
        }
    }

    if let (Some(mark), Some(y)) = (below_mark, visible.end.checked_sub(1).and_then(screen_y)) {
        buf.set_stringn(grid.lanes.x, y, mark, label_room, t.accent());
    }
}

/// The cells cards (and notes) cover this frame: lines never go there.
struct Covered {
    area: Rect,
    cells: Vec<bool>,
}

impl Covered {
    fn new(area: Rect) -> Covered {
        Covered {
            area,
            cells: vec![false; usize::from(area.width) * usize::from(area.height)],
        }
    }

    fn index(&self, x: u16, y: u16) -> Option<usize> {
        let dx = x.checked_sub(self.area.x)?;
        let dy = y.checked_sub(self.area.y)?;
        (dx < self.area.width && dy < self.area.height)
            .then(|| usize::from(dy) * usize::from(self.area.width) + usize::from(dx))
    }

    fn set(&mut self, x: u16, y: u16) {
        if let Some(i) = self.index(x, y) {
            self.cells[i] = true;
        }
    }

    fn set_rect(&mut self, area: Rect) {
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                self.set(x, y);
            }
        }
    }

    fn get(&self, x: u16, y: u16) -> bool {
        self.index(x, y).is_some_and(|i| self.cells[i])
    }
}

/// Renders a card whose top is at lane line `top`, keeping only the lines on screen.
fn draw_clipped(
    card: Card<'_>,
    (x, top): (u16, usize),
    (width, height): (u16, u16),
    visible: &Range<usize>,
    screen_top: u16,
    buf: &mut Buffer,
    covered: &mut Covered,
) {
    let bottom = top + usize::from(height);
    let fits_across = buf.area.contains(ratatui::layout::Position {
        x: x + width.saturating_sub(1),
        y: screen_top,
    });
    if top >= visible.start && bottom <= visible.end && fits_across {
        // Wholly on screen: drawn in place.
        let y = screen_top + (top - visible.start) as u16;
        let area = Rect::new(x, y, width, height);
        card.render(area, buf);
        covered.set_rect(area);
        return;
    }
    let mut scratch = Buffer::empty(Rect::new(0, 0, width, height));
    card.render(scratch.area, &mut scratch);
    for dy in 0..height {
        let line = top + usize::from(dy);
        if !visible.contains(&line) {
            continue;
        }
        let y = screen_top + (line - visible.start) as u16;
        for dx in 0..width {
            if let (Some(src), Some(dst)) = (scratch.cell((dx, dy)), buf.cell_mut((x + dx, y))) {
                *dst = src.clone();
                covered.set(x + dx, y);
            }
        }
    }
}

/// The selected step's neighbours along flows.
struct Relations {
    before: Vec<NodeIndex>,
    after: Vec<NodeIndex>,
    chosen: Option<NodeIndex>,
}

impl Relations {
    fn of(&self, ix: NodeIndex) -> Relation {
        if self.chosen == Some(ix) {
            Relation::Chosen
        } else if self.after.contains(&ix) {
            Relation::After
        } else if self.before.contains(&ix) {
            Relation::Before
        } else {
            Relation::None
        }
    }
}

fn relations(app: &App) -> Relations {
    let Some(sel) = app.selected else {
        return Relations {
            before: Vec::new(),
            after: Vec::new(),
            chosen: None,
        };
    };
    let journey = app.board.journey();
    let after: Vec<NodeIndex> = journey.outgoing(sel).iter().map(|&(_, to)| to).collect();
    let chosen = (after.len() > 1).then(|| after[app.branch % after.len()]);
    Relations {
        before: journey
            .incoming(sel)
            .iter()
            .map(|&(_, from)| from)
            .collect(),
        after,
        chosen,
    }
}
