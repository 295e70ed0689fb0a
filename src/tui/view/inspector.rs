//! The step inspector: draws the selected step's details (laid out by `tui::details`) in a
//! frame that keeps the step's title in view when scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::paint;
use crate::tui::app::App;
use crate::tui::details::Anchor;
use crate::tui::screen::inspector_text_size;
use touchpoint_engine::text::{clean, truncate};

/// Draws the inspector for the selected step into `area`.
pub(crate) fn render(frame: &mut Frame, area: Rect, app: &App, zoomed: bool) {
    let t = &app.theme;
    let border = if zoomed {
        BorderType::Thick
    } else {
        BorderType::Rounded
    };
    let mut block = Block::bordered()
        .border_type(border)
        .border_style(t.border());
    // Scrolled down, the frame keeps the step's title in view.
    let title = app
        .selected
        .and_then(|ix| app.board.step(ix))
        .filter(|_| app.scroll.inspector != Anchor::default())
        .map_or_else(
            || " Step details ".to_string(),
            |s| {
                let room = usize::from(area.width.saturating_sub(14));
                format!(" {} ", truncate(&clean(&s.title), room))
            },
        );
    block = block.title(Span::styled(title, t.heading()));
    let Some(ix) = app.selected else {
        frame.render_widget(
            Paragraph::new("No step selected.")
                .style(t.dim())
                .block(block),
            area,
        );
        return;
    };
    let (width, height) = inspector_text_size(area);
    let details = app.details(ix, width);
    let window = details.window(app.scroll.inspector, height);
    // Many collections: which of them the window shows.
    let n = details.collections();
    let partly = |&(first, last): &(usize, usize)| first > 0 || last + 1 < n;
    if let Some((first, last)) = window.collections.filter(partly) {
        let range = if first == last {
            format!(" data {} of {n} ", first + 1)
        } else {
            format!(" data {}–{} of {n} ", first + 1, last + 1)
        };
        block = block.title_bottom(Line::styled(range, t.dim()));
    }
    if window.more {
        block = block.title_bottom(Line::styled(" ↓ more ", t.dim()).right_aligned());
    }
    if app.scroll.inspector != Anchor::default() {
        block = block.title_top(Line::styled(" ↑ more ", t.dim()).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text_area = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let lines: Vec<Line> = window.lines.iter().map(|l| paint(l, t)).collect();
    frame.render_widget(Paragraph::new(lines), text_area);
}
