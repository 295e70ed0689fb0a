//! A question over the screen: what is at stake, and the key of each answer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::reply::Reply;
use crate::tui::question::Question;
use crate::tui::screen;
use touchpoint_engine::text::{clean, wrap_words};

/// Draws `question` centred over `area`.
pub(crate) fn render(frame: &mut Frame, area: Rect, app: &App, question: &Question<Reply>) {
    let t = &app.theme;
    let width = area.width.saturating_sub(4).min(76);
    let text_width = usize::from(width.saturating_sub(4)).max(10);
    let mut lines: Vec<Line> = Vec::new();
    for line in &question.lines {
        for part in wrap_words(&clean(line), text_width) {
            lines.push(Line::raw(format!(" {part}")));
        }
    }
    if !lines.is_empty() {
        lines.push(Line::raw(""));
    }
    for a in &question.answers {
        lines.push(Line::from(vec![
            Span::styled(format!("  {} ", a.key), t.accent()),
            Span::raw(clean(&a.label).into_owned()),
        ]));
    }
    let back = app.keymap.key_for(&Action::Back);
    let leave = "not now";
    lines.push(Line::from(vec![
        Span::styled(format!("  {back} "), t.accent()),
        Span::styled(leave, t.dim()),
    ]));
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let rect = screen::dialog(area, width, height);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.accent())
        .title(Span::styled(
            format!(" {} ", clean(&question.title)),
            t.heading(),
        ));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
