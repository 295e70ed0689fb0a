//! The help overlay, written from the keymap table (so it always tells the keys in force).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::tui::app::App;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::{FOLLOW, Theme};
use touchpoint_engine::analysis::Severity;
use touchpoint_engine::text::pad;

const ORDER: [Context; 8] = [
    Context::Grid,
    Context::Journey,
    Context::Inspector,
    Context::Inventory,
    Context::Findings,
    Context::Global,
    Context::Search,
    Context::Help,
];

const KEYS: usize = 16;

fn lines(keymap: &Keymap, t: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for context in ORDER {
        let entries: Vec<_> = keymap
            .entries()
            .iter()
            .filter(|e| e.context == context && !e.keys.is_empty())
            .collect();
        if entries.is_empty() {
            continue;
        }
        out.push(Line::styled(context.title().to_string(), t.accent()));
        for e in entries {
            out.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(pad(&e.keys_label(" "), KEYS), t.heading()),
                Span::raw(e.help),
            ]));
        }
        if context == Context::Search {
            out.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(pad("(letters)", KEYS), t.heading()),
                Span::raw("type to search; the grid narrows as you type"),
            ]));
        }
        out.push(Line::default());
    }
    out.push(Line::styled("Mouse", t.accent()));
    out.push(Line::raw(
        "  click a step, an element or a finding to select it; the wheel moves",
    ));
    out.push(Line::default());
    out.push(Line::styled("Markers", t.accent()));
    let mut legend = Vec::new();
    for s in Severity::ALL {
        legend.push(Span::raw("  "));
        legend.push(Span::styled(
            format!("{} {}", s.symbol(), s.label()),
            t.severity(Some(s)),
        ));
    }
    legend.push(Span::raw("  "));
    legend.push(Span::styled("✓ no finding", t.severity(None)));
    out.push(Line::from(legend));
    out.push(Line::from(vec![
        Span::raw("  "),
        Span::styled("← leads here", t.flow()),
        Span::raw("  "),
        Span::styled("→ comes next", t.flow()),
        Span::raw("  "),
        Span::styled("⇒ the branch n follows", t.branch()),
        Span::raw("  "),
        Span::styled(format!("{FOLLOW} takes the followed element"), t.follow()),
    ]));
    out.push(Line::raw(
        "  thick border: the selected step · ☹☹ ☹ · ☺ ☺☺ how the customer feels",
    ));
    out
}

/// The keys that close the help, from the table.
fn close_keys(keymap: &Keymap) -> String {
    let keys: Vec<String> = keymap
        .entries()
        .iter()
        .filter(|e| {
            (e.context == Context::Help && e.action.name() == Some("back"))
                || (e.context == Context::Global && e.action.name() == Some("help"))
        })
        .flat_map(|e| e.keys.iter().map(ToString::to_string))
        .collect();
    keys.join(" ")
}

/// How many lines the help has (for scrolling).
pub fn line_count(keymap: &Keymap) -> usize {
    lines(keymap, &Theme::default()).len()
}

/// Draws the help centred over `area`.
pub fn render(frame: &mut Frame, area: Rect, app: &App, offset: usize) {
    let t = &app.theme;
    let text = lines(&app.keymap, t);
    let width = area.width.saturating_sub(4).min(84);
    let height = area.height.saturating_sub(2).min(text.len() as u16 + 2);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let inner_height = usize::from(height.saturating_sub(2));
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.accent())
        .title(Span::styled(" Keys ", t.heading()))
        .title_bottom(
            Line::styled(format!(" {} closes ", close_keys(&app.keymap)), t.dim()).right_aligned(),
        );
    if offset + inner_height < text.len() {
        block = block.title_bottom(Line::styled(" ↓ more ", t.dim()));
    }
    frame.render_widget(Clear, rect);
    let shown: Vec<Line> = text.into_iter().skip(offset).collect();
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let text_area = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(1),
        ..inner
    };
    frame.render_widget(Paragraph::new(shown), text_area);
}
