//! A form over the screen: one field a line (label, value), the field being changed opened
//! in place (a text field, or a list to pick from over the form), a hint for the field under
//! the cursor, and why the last apply was refused.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::picker;
use crate::tui::app::App;
use crate::tui::form::{Editing, Form, Kind, shown};
use crate::tui::keymap::Context;
use crate::tui::screen;
use touchpoint_engine::text::{clean, truncate, width, wrap_words};

/// Lines a text field of several lines gets while it is being typed in.
const LINES_OPEN: u16 = 6;

/// Draws `form` centred over `area`.
pub(crate) fn render(frame: &mut Frame, area: Rect, app: &App, form: &Form) {
    let t = &app.theme;
    let label_w = form
        .fields
        .iter()
        .map(|f| width(f.label))
        .max()
        .unwrap_or(0)
        + 1;
    let open_lines = match (&form.editing, form.field().map(|f| &f.kind)) {
        (Some(Editing::Text(_)), Some(Kind::Lines)) => LINES_OPEN,
        _ => 1,
    };
    let box_width = area.width.saturating_sub(4).min(96);
    let text_width = usize::from(box_width.saturating_sub(2));
    let error = form
        .error
        .as_deref()
        .map(|e| wrap_words(&format!("✖ {}", clean(e)), text_width.saturating_sub(2)))
        .unwrap_or_default();
    // Fields, the open field's extra lines, a blank, the hint, the error.
    let wanted = form.fields.len() as u16 + open_lines - 1 + 2 + error.len() as u16;
    let rect = screen::dialog(area, box_width, wanted + 2);
    let context = app.context();
    let hints: Vec<String> = app
        .keymap
        .hints(if context == Context::Picker {
            Context::Form
        } else {
            context
        })
        .into_iter()
        .map(|h| format!("{} {}", h.key, h.text))
        .collect();
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.accent())
        .title(Span::styled(
            format!(" {} ", clean(&form.title)),
            t.heading(),
        ))
        .title_bottom(Line::styled(format!(" {} ", hints.join(" · ")), t.dim()));
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    // The fields scroll so the cursor's shows, leaving room for the hint and the error.
    let room = inner.height.saturating_sub(2 + error.len() as u16).max(1);
    let before = form.cursor as u16;
    let first = (before + open_lines).saturating_sub(room) as usize;
    let value_x = inner.x + label_w as u16 + 2;
    let value_w = inner.width.saturating_sub(label_w as u16 + 3);
    let mut y = inner.y;
    let bottom = inner.y + room;
    for (i, field) in form.fields.iter().enumerate().skip(first) {
        if y >= bottom {
            break;
        }
        let here = i == form.cursor;
        let label_style = if here { t.accent() } else { t.dim() };
        let label = format!(" {:>w$}", field.label, w = label_w);
        frame.buffer_mut().set_line(
            inner.x,
            y,
            &Line::styled(label, label_style),
            label_w as u16 + 1,
        );
        match (&form.editing, here) {
            (Some(Editing::Text(area)), true) => {
                let height = open_lines.min(bottom - y);
                let rect = Rect::new(value_x, y, value_w, height);
                frame.render_widget(&**area, rect);
                y += height;
                continue;
            }
            _ => {
                let value = shown(field);
                let mut lines = value.lines();
                let first_line = clean(lines.next().unwrap_or("")).into_owned();
                let more = lines.count();
                let text = if more > 0 {
                    format!("{first_line} (+{more} more)")
                } else {
                    first_line
                };
                let (text, style) = if text.is_empty() {
                    ("—".to_string(), t.dim())
                } else {
                    (text, t.plain())
                };
                let text = truncate(&text, usize::from(value_w));
                let style = if here { style.patch(t.cursor()) } else { style };
                frame
                    .buffer_mut()
                    .set_line(value_x, y, &Line::styled(text, style), value_w);
            }
        }
        y += 1;
    }
    let mut lines = Vec::new();
    if let Some(field) = form.field() {
        lines.push(Line::styled(
            format!(" {}", truncate(field.hint, text_width.saturating_sub(1))),
            t.dim(),
        ));
    }
    for part in error {
        lines.push(Line::styled(
            format!(" {part}"),
            t.severity(Some(touchpoint_engine::analysis::Severity::Error)),
        ));
    }
    let tail = Rect {
        y: bottom + 1,
        height: inner.bottom().saturating_sub(bottom + 1),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), tail);
    match &form.editing {
        Some(Editing::Pick(p)) => picker::render(frame, area, app, p),
        Some(Editing::NewElement { picker: p, .. }) => picker::render(frame, area, app, p),
        _ => {}
    }
}
