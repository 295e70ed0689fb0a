//! The help overlay: the help's lines (`tui::help`, written from the keymap) in a frame
//! centred over the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::paint;
use crate::tui::app::App;
use crate::tui::{help, screen};

/// Draws the help centred over `area`.
pub(crate) fn render(frame: &mut Frame, area: Rect, app: &App, offset: usize) {
    let t = &app.theme;
    let text = help::lines(&app.keymap, screen::help_text_width(area));
    let rect = screen::help_frame(area, text.len());
    let inner_height = usize::from(rect.height.saturating_sub(2));
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.accent())
        .title(Span::styled(" Keys ", t.heading()))
        .title_bottom(
            Line::styled(
                format!(" {} closes ", help::close_keys(&app.keymap)),
                t.dim(),
            )
            .right_aligned(),
        );
    if offset + inner_height < text.len() {
        block = block.title_bottom(Line::styled(" ↓ more ", t.dim()));
    }
    frame.render_widget(Clear, rect);
    let shown: Vec<Line> = text.iter().skip(offset).map(|l| paint(l, t)).collect();
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let text_area = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(1),
        ..inner
    };
    frame.render_widget(Paragraph::new(shown), text_area);
}
