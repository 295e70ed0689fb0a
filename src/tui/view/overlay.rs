//! The overlays, stacked in one place, bottom to top: the error banner, the search field, a
//! form, a list to pick from, a question, the help.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::help;
use crate::tui::action::Action;
use crate::tui::app::{App, SearchField, SearchTarget};
use crate::tui::screen::Screen;
use touchpoint_engine::text::clean;
use touchpoint_engine::text::{truncate, wrap_words};

/// Draws whatever overlays are open over the screen.
pub(super) fn render(frame: &mut Frame, screen: &Screen, app: &App) {
    let area = frame.area();
    if let Some(diagnostics) = &app.overlays.banner {
        banner(frame, screen, app, diagnostics);
    }
    if let Some(field) = &app.overlays.search {
        search(frame, screen.status, app, field);
    }
    if let Some(form) = &app.overlays.form {
        super::form::render(frame, area, app, form);
    }
    if let Some(pick) = &app.overlays.pick {
        super::picker::render(frame, area, app, &pick.picker);
    }
    if let Some(question) = &app.overlays.question {
        super::question::render(frame, area, app, question);
    }
    if let Some(offset) = app.overlays.help {
        help::render(frame, area, app, offset);
    }
}

/// The last reload failed: say where and why, over the bottom of the body.
fn banner(
    frame: &mut Frame,
    screen: &Screen,
    app: &App,
    diagnostics: &[touchpoint_engine::mapfile::Diagnostic],
) {
    let t = &app.theme;
    let Some(first) = diagnostics.first() else {
        return;
    };
    let width = usize::from(screen.body.width.saturating_sub(2)).max(10);
    let mut lines: Vec<Line> = Vec::new();
    let head = format!("✖ {}: {}", clean(&first.location()), clean(&first.message));
    for part in wrap_words(&head, width).into_iter().take(3) {
        lines.push(Line::raw(format!(" {part}")));
    }
    if let Some(hint) = &first.hint {
        lines.push(Line::raw(format!(
            "   help: {}",
            truncate(&clean(hint), width.saturating_sub(9))
        )));
    }
    let more = match diagnostics.len() {
        1 => String::new(),
        2 => "1 more problem · ".to_string(),
        n => format!("{} more problems · ", n - 1),
    };
    let back = app.keymap.key_for(&Action::Back);
    let note = format!(
        "{more}showing the last map that loaded; save a fix and it reloads · {back} hides this"
    );
    for part in wrap_words(&note, width.saturating_sub(2)) {
        lines.push(Line::raw(format!("   {part}")));
    }
    let height = (lines.len() as u16).min(screen.body.height);
    let rect = Rect {
        y: screen.body.y + screen.body.height - height,
        height,
        ..screen.body
    };
    let full = Rect {
        x: screen.header.x,
        width: screen.header.width,
        ..rect
    };
    frame.render_widget(Clear, full);
    frame.render_widget(Paragraph::new(lines).style(t.banner()), full);
}

/// The search field, over the status bar: what it searches, and how many match.
fn search(frame: &mut Frame, area: Rect, app: &App, field: &SearchField) {
    let t = &app.theme;
    let text = field.text.as_str();
    let (count, what, prompt) = match field.target {
        SearchTarget::Steps => (
            app.lanes.shown,
            ("step", "steps"),
            "type to search titles, notes and data",
        ),
        SearchTarget::Elements => (
            app.elements.len(),
            ("element", "elements"),
            "type to filter the elements",
        ),
        SearchTarget::Findings => (
            app.outline.findings(),
            ("finding", "findings"),
            "type to filter the findings",
        ),
    };
    let result = if text.trim().is_empty() {
        prompt.to_string()
    } else if count == 1 {
        format!("1 {} matches", what.0)
    } else {
        format!("{count} {} match", what.1)
    };
    let hints: Vec<String> = app
        .keymap
        .hints(crate::tui::keymap::Context::Search)
        .into_iter()
        .take(2)
        .map(|h| format!("{} {}", h.key, h.text))
        .collect();
    let line = Line::from(vec![
        Span::styled(" / ", t.accent()),
        Span::styled(clean(text).into_owned(), t.heading()),
        Span::styled("█", t.accent()),
        Span::styled(format!("   {result}   "), t.dim()),
        Span::raw(hints.join("  ")),
    ]);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(line).style(t.bar()), area);
}
