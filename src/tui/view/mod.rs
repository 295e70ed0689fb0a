//! Drawing: each frame is rebuilt from the state, which the views only borrow.

pub(crate) mod catalogue;
pub(crate) mod findings;
mod form;
pub(crate) mod grid;
pub(crate) mod help;
pub(crate) mod inspector;
pub(crate) mod inventory;
mod overlay;
mod picker;
mod question;
pub(crate) mod review;
pub(crate) mod status;
#[cfg(test)]
mod tests;

use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::app::App;
use super::document::DocLine;
use super::screen::{Screen, View};
use super::theme::Theme;

/// Below this size the views have no room to show a step; the screen says so instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;

/// Draws the whole screen for `app`.
pub fn render(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, app);
        return;
    }
    let stages = app.board.journey().stages.len();
    let screen = Screen::new(frame.area(), app.view, app.filter.is_active(), stages);
    status::header(frame, screen.header, app);
    if let Some(area) = screen.filters {
        status::filters(frame, area, app);
    }
    match app.view {
        _ if app.review.as_ref().is_some_and(|r| r.started) => {
            review::render(frame, screen.body, app);
        }
        View::Grid => {
            grid::render(frame, screen.body, app);
            if let Some(side) = screen.side {
                inspector::render(frame, side, app, false);
            }
            if let Some(footer) = screen.footer {
                status::selection(frame, footer, app);
            }
        }
        View::Inspector => inspector::render(frame, screen.body, app, true),
        View::Inventory => inventory::render(frame, screen.body, app),
        View::Findings => findings::render(frame, screen.body, app),
        View::Catalogue => catalogue::render(frame, screen.body, app),
    }
    status::bar(frame, screen.status, app);
    overlay::render(frame, &screen, app);
}

/// What a terminal too small to work in shows: its size, the size needed, and how to quit.
fn too_small(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let quit = app.keymap.key_for(&super::action::Action::Quit);
    let text = format!(
        "terminal too small: {}x{}, touchpoint needs {MIN_WIDTH}x{MIN_HEIGHT} · {quit} quits",
        area.width, area.height
    );
    let paragraph = ratatui::widgets::Paragraph::new(text)
        .style(app.theme.dim())
        .wrap(ratatui::widgets::Wrap { trim: true });
    frame.render_widget(paragraph, area);
}

/// A laid-out line in the theme's styles.
fn paint(line: &DocLine, theme: &Theme) -> Line<'static> {
    let spans: Vec<Span<'static>> = line
        .spans
        .iter()
        .map(|(text, role)| Span::styled(text.clone(), theme.style(*role)))
        .collect();
    Line::from(spans).style(theme.style(line.role))
}
