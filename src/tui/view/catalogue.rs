//! The catalogue: the map's channels, stages, systems and data elements, one list at a time,
//! each entry with what uses it, so a workshop can see what deleting it would touch.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::app::App;
use crate::tui::app::catalogue::List;
use crate::tui::screen;
use touchpoint_engine::text::{clean, truncate, width};

/// Draws the catalogue into `area`.
pub(crate) fn render(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let journey = app.board.journey();
    let current = app.catalogue.list;
    let mut tabs = vec![Span::raw(" ")];
    for list in List::ALL {
        let text = format!(" {} {} ", list.title(), list.len(journey));
        let style = if list == current {
            t.cursor().patch(t.heading())
        } else {
            t.dim()
        };
        tabs.push(Span::styled(text, style));
        tabs.push(Span::raw(" "));
    }
    let buf = frame.buffer_mut();
    buf.set_line(area.x, area.y, &Line::from(tabs), area.width);
    if area.height < 2 {
        return;
    }
    let total = usize::from(area.width.saturating_sub(2));
    let name_w = (total * 3 / 10).max(8);
    let id_w = (total / 5).max(6);
    let used_w = 12;
    let about_w = total.saturating_sub(name_w + id_w + used_w + 3);
    let pad = |text: &str, w: usize| {
        let text = truncate(text, w);
        let fill = w.saturating_sub(width(&text));
        format!("{text}{}", " ".repeat(fill))
    };
    let header = format!(
        " {} {} {} {}",
        pad("name", name_w),
        pad("id", id_w),
        pad("about", about_w),
        pad("used by", used_w)
    );
    buf.set_line(
        area.x,
        area.y + 1,
        &Line::styled(header, t.dim()),
        area.width,
    );
    let rows = screen::catalogue_rows(area);
    let len = current.len(journey);
    if len == 0 {
        let add = app.keymap.key_for(&crate::tui::action::Action::Add);
        let line = format!(
            " No {} yet: {add} adds one.",
            current.title().to_lowercase()
        );
        buf.set_line(area.x, area.y + 2, &Line::styled(line, t.dim()), area.width);
        return;
    }
    let cursor = app.catalogue.cursor;
    for (line, i) in (cursor.offset..len).take(rows).enumerate() {
        let Some((id, name, about)) = current.entry(journey, i) else {
            break;
        };
        // Counted for the rows shown only: a list of thousands stays quick to draw.
        let users = current.users(journey, id).len();
        let used = match users {
            0 => "nothing".to_string(),
            1 => "1 place".to_string(),
            n => format!("{n} places"),
        };
        let text = format!(
            " {} {} {} {}",
            pad(&clean(name), name_w),
            pad(&clean(id), id_w),
            pad(&clean(&about), about_w),
            pad(&used, used_w)
        );
        let style = if i == cursor.row {
            t.cursor()
        } else {
            t.plain()
        };
        let y = area.y + 2 + line as u16;
        buf.set_line(area.x, y, &Line::styled(text, style), area.width);
    }
}
