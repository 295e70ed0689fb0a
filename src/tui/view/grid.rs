//! The journey grid: channels as lanes, stages as columns, each step a card in its cell.
//! Only the lanes and stages on screen are drawn.

use petgraph::stable_graph::NodeIndex;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::lanes::CARD_HEIGHT;
use crate::tui::theme::{FOLLOW, Theme, emotion_glyph, marker};
use touchpoint_engine::analysis::Severity;
use touchpoint_engine::journey::Step;
use touchpoint_engine::text::clean;
use touchpoint_engine::text::{truncate, wrap, wrap_cut};

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
        let title = clean(&self.step.title);
        let mut lines = wrap(&title, width);
        if lines.len() > 2 {
            let rest = lines[1..].join(" ");
            lines.truncate(1);
            lines.push(truncate(&rest, width));
        }
        let title_style = if self.selected {
            t.selected()
        } else {
            Style::new()
        };
        let text: Vec<Line> = lines
            .into_iter()
            .map(|l| Line::styled(l, title_style))
            .collect();
        Paragraph::new(text).render(inner, buf);
    }
}

/// Draws the grid into `area`.
pub(crate) fn render(frame: &mut Frame, area: Rect, app: &App) {
    let journey = app.board.journey();
    let grid = app.grid_in(area);
    let t = &app.theme;
    let buf = frame.buffer_mut();

    // Stage names, and arrows when stages are off to the sides.
    let hidden_right = journey
        .stages
        .len()
        .saturating_sub(grid.first_stage + grid.stages_shown);
    if grid.first_stage > 0 {
        buf.set_stringn(grid.heading.x, grid.heading.y, "◀", 1, t.accent());
    }
    for s in grid.first_stage..grid.first_stage + grid.stages_shown {
        let (Some(x), Some(stage)) = (grid.stage_x(s), journey.stages.get(s)) else {
            continue;
        };
        let w = usize::from(grid.stage_width.saturating_sub(1));
        let name = truncate(&clean(&stage.name), w);
        let pad = (w.saturating_sub(touchpoint_engine::text::width(&name))) / 2;
        buf.set_stringn(x + pad as u16, grid.heading.y, &name, w, t.accent());
    }
    if hidden_right > 0 {
        let x = grid.heading.x + grid.heading.width.saturating_sub(2);
        buf.set_stringn(x, grid.heading.y, " ▶", 2, t.accent());
    }

    if app.lanes.shown == 0 {
        let text = if let (true, Some(p)) = (app.waiting_for_first_map(), app.loading) {
            format!(
                "Loading {}… {}",
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

    let first_line = app.scroll.grid_line;
    let visible = first_line..first_line + usize::from(grid.lanes.height);
    let relations = relations(app);
    for row in app.lanes.rows_in(visible.clone()) {
        let lines = app.lanes.lines(row);
        let screen_y = |line: usize| -> Option<u16> {
            (visible.contains(&line)).then(|| grid.lanes.y + (line - first_line) as u16)
        };
        // The channel name, wrapped in the label column, from the lane's first line shown (so a
        // lane scrolled into still says which channel it is).
        let label_top = lines.start.max(visible.start);
        if let Some(channel) = app
            .lanes
            .rows
            .get(row)
            .and_then(|&c| journey.channels.get(c))
        {
            let w = usize::from(grid.label_width.saturating_sub(1)).max(1);
            for (i, part) in wrap_cut(&clean(&channel.name), w).iter().enumerate() {
                if let Some(y) = screen_y(label_top + i).filter(|_| label_top + i < lines.end - 1) {
                    buf.set_stringn(grid.lanes.x, y, part, w, t.heading());
                }
            }
        }
        for s in grid.first_stage..grid.first_stage + grid.stages_shown {
            let Some(x) = grid.stage_x(s) else { continue };
            let cell = app.lanes.cell(row, s);
            for (slot, &ix) in cell.iter().enumerate() {
                let top = lines.start + slot * CARD_HEIGHT;
                if top + CARD_HEIGHT <= visible.start || top >= visible.end {
                    continue;
                }
                let Some(step) = app.board.step(ix) else {
                    continue;
                };
                let card = Card {
                    step,
                    worst: app.board.worst(ix),
                    selected: app.selected == Some(ix),
                    relation: relations.of(ix),
                    followed: app.follow.is_some_and(|e| app.board.takes(ix, e)),
                    theme: t,
                };
                let width = grid.stage_width.saturating_sub(1).max(4);
                draw_clipped(card, x, top, width, &visible, grid.lanes.y, buf);
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
        if app
            .lanes
            .cells
            .get(row)
            .is_some_and(|lane| lane.iter().all(Vec::is_empty))
            && let Some(y) = screen_y(lines.start)
        {
            let x = grid.lanes.x + grid.label_width;
            let w = usize::from(grid.lanes.width.saturating_sub(grid.label_width));
            buf.set_stringn(x, y, "(no step shown in this channel)", w, t.dim());
        }
    }
}

/// Renders a card whose top is at lane line `top`, keeping only the lines on screen.
fn draw_clipped(
    card: Card<'_>,
    x: u16,
    top: usize,
    width: u16,
    visible: &std::ops::Range<usize>,
    screen_top: u16,
    buf: &mut Buffer,
) {
    let height = CARD_HEIGHT as u16;
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
