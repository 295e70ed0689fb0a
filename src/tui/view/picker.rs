//! A list to pick from: what was typed to narrow it, the choices that match (marks where
//! several can be taken), and the entry that makes a new thing from what was typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::picker::Picker;
use crate::tui::screen;
use touchpoint_engine::text::{clean, truncate, width};

/// Draws `picker` centred over `area`.
pub(crate) fn render(frame: &mut Frame, area: Rect, app: &App, picker: &Picker) {
    let t = &app.theme;
    let rows = picker.rows();
    let rect = screen::dialog(
        area,
        72,
        u16::try_from(rows)
            .unwrap_or(u16::MAX)
            .saturating_add(5)
            .max(8),
    );
    let hints: Vec<String> = app
        .keymap
        .hints(Context::Picker)
        .into_iter()
        .map(|h| format!("{} {}", h.key, h.text))
        .collect();
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.accent())
        .title(Span::styled(
            format!(" {} ", clean(&picker.title)),
            t.heading(),
        ))
        .title_bottom(Line::styled(format!(" {} ", hints.join(" · ")), t.dim()));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    let text_width = usize::from(inner.width.saturating_sub(1));
    let mut lines = vec![Line::from(vec![
        Span::styled(" › ", t.accent()),
        Span::styled(clean(&picker.typed).into_owned(), t.heading()),
        Span::styled("█", t.accent()),
        Span::styled(
            if picker.typed.is_empty() {
                "  type to narrow the list"
            } else {
                ""
            },
            t.dim(),
        ),
    ])];
    let visible = usize::from(inner.height.saturating_sub(1)).max(1);
    let offset = picker.cursor.saturating_sub(visible - 1);
    if rows == 0 {
        lines.push(Line::styled("   nothing matches", t.dim()));
    }
    for row in (offset..rows).take(visible) {
        let selected = row == picker.cursor;
        let line = match picker.shown.get(row) {
            Some(&i) => {
                let c = &picker.choices[i];
                let mark = match &picker.marked {
                    Some(_) if picker.is_marked(i) => "[x] ",
                    Some(_) => "[ ] ",
                    None => "",
                };
                let label = format!(" {mark}{}", clean(&c.label));
                let label = truncate(&label, text_width);
                let room = text_width.saturating_sub(width(&label) + 2);
                let detail = if c.detail.is_empty() || room < 4 {
                    String::new()
                } else {
                    format!("  {}", truncate(&clean(&c.detail), room))
                };
                Line::from(vec![Span::raw(label), Span::styled(detail, t.dim())])
            }
            None => {
                let make = picker.create.as_deref().unwrap_or("new");
                let text = format!(" + {make} \u{201c}{}\u{201d}", clean(picker.typed.trim()));
                Line::styled(truncate(&text, text_width), t.accent())
            }
        };
        lines.push(if selected {
            line.style(t.cursor())
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
