//! The bars: the header (map, source, totals), the filter line, the selected step's one-line
//! summary on narrow screens, and the status bar with key hints from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::screen::View;
use crate::tui::theme::{emotion_glyph, marker};
use crate::tui::{Phase, Progress};
use touchpoint_engine::analysis::Severity;
use touchpoint_engine::text::clean;
use touchpoint_engine::text::{truncate, width};

/// The header: touchpoint, the map's title and source, the view, and the finding totals.
pub(crate) fn header(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let buf = frame.buffer_mut();
    buf.set_style(area, t.bar());
    let tally = &app.board.analysis.tally;
    let mut right = Vec::new();
    let unsaved = app.edits.unsaved();
    if unsaved > 0 {
        let text = match (unsaved, app.edits.disk_changed) {
            (n, true) => format!("● {n} unsaved · file changed on disk"),
            (1, false) => "● 1 unsaved edit".to_string(),
            (n, false) => format!("● {n} unsaved edits"),
        };
        right.push(Span::styled(text, t.severity(Some(Severity::Warning))));
        right.push(Span::raw("  "));
    }
    if let Some(p) = app.loading {
        right.push(Span::styled(format!("⟳ {}", loading_label(p)), t.accent()));
        right.push(Span::raw("  "));
    }
    // While a map loads with none shown there are no findings yet, not zero of them.
    let waiting = app.waiting_for_map();
    for s in Severity::ALL.into_iter().filter(|_| !waiting) {
        right.push(Span::styled(
            format!("{} {}", marker(Some(s)), tally.get(s)),
            t.severity(Some(s)),
        ));
        right.push(Span::raw("  "));
    }
    let right = Line::from(right);
    let right_width = right.width() as u16;
    let view = match app.view {
        _ if app.review.as_ref().is_some_and(|r| r.started) => "Review",
        View::Grid => "Journey grid",
        View::Inspector => "Step details",
        View::Inventory => "Data inventory",
        View::Findings => "Findings",
        View::Catalogue => "Catalogue",
    };
    let room = usize::from(area.width.saturating_sub(right_width + 1));
    let title = clean(&app.board.journey().meta.title);
    let source = clean(&app.source);
    let left = if title.is_empty() {
        format!(" {source} · {view}")
    } else {
        format!(" {title} · {source} · {view}")
    };
    let left = if width(&left) > room {
        format!(
            " {} · {view}",
            truncate(&title, room.saturating_sub(width(view) + 4))
        )
    } else {
        left
    };
    buf.set_line(area.x, area.y, &Line::styled(left, t.heading()), area.width);
    if area.width > right_width {
        buf.set_line(
            area.x + area.width - right_width,
            area.y,
            &right,
            right_width,
        );
    }
}

/// How far a load in the background has come: `reading 45%`, `checking`, `analysing`.
pub(crate) fn loading_label(p: Progress) -> String {
    match p.phase {
        Phase::Reading if p.total > 0 => format!("reading {}%", p.read * 100 / p.total),
        Phase::Reading => "reading".to_string(),
        Phase::Checking => "checking".to_string(),
        Phase::Analysing => "analysing".to_string(),
    }
}

/// What the filters leave, and how to clear them.
pub(crate) fn filters(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let journey = app.board.journey();
    let f = &app.filter;
    let mut parts = Vec::new();
    if f.problems_only {
        parts.push("only steps with findings".to_string());
    }
    if let Some(c) = f.channel.and_then(|c| journey.channels.get(c)) {
        parts.push(format!("channel {}", clean(&c.name)));
    }
    if let Some(e) = f.element.and_then(|e| journey.elements.get(e)) {
        parts.push(format!("taking {}", clean(&e.name)));
    }
    if !f.search().trim().is_empty() {
        parts.push(format!(
            "matching \u{201c}{}\u{201d}",
            clean(f.search().trim())
        ));
    }
    let clear = app.keymap.key_for(&Action::ClearFilters);
    let line = Line::from(vec![
        Span::styled(
            format!(" {} of {} steps: ", app.lanes.shown, journey.step_count()),
            t.follow(),
        ),
        Span::raw(parts.join(" · ")),
        Span::styled(format!("  ({clear} clears)"), t.dim()),
    ]);
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &line, area.width);
}

/// The selected step in one line (where the inspector does not fit beside the grid).
pub(crate) fn selection(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let Some(ix) = app.selected else { return };
    let Some(step) = app.board.step(ix) else {
        return;
    };
    let journey = app.board.journey();
    let worst = app.board.worst(ix);
    let findings = app.board.analysis.overlay.step(&step.id).len();
    let details = app.keymap.key_for(&Action::Select);
    // The title first; then as much of the rest as fits, most useful first.
    let mut extra = vec![
        format!("{} data", step.collects.len()),
        format!(
            "{findings} {}",
            if findings == 1 { "finding" } else { "findings" }
        ),
        clean(journey.channel_name(&step.channel)).into_owned(),
        format!("{details}: details"),
    ];
    let title = clean(&step.title);
    let feeling = match step.emotion {
        0 => "",
        e => emotion_glyph(e),
    };
    let fixed = 5 + width(feeling);
    let room = usize::from(area.width).saturating_sub(fixed);
    let title = truncate(&title, room.max(10));
    let mut used = fixed + width(&title);
    let mut info = String::new();
    for part in extra.drain(..) {
        let piece = format!(" · {part}");
        if used + width(&piece) > usize::from(area.width) {
            break;
        }
        used += width(&piece);
        info.push_str(&piece);
    }
    let line = Line::from(vec![
        Span::raw(" "),
        Span::styled(marker(worst), t.severity(worst)),
        Span::raw(" "),
        Span::styled(title, t.heading()),
        Span::raw(if feeling.is_empty() { "" } else { " " }),
        Span::styled(feeling, t.emotion(step.emotion)),
        Span::styled(info, t.dim()),
    ]);
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &line, area.width);
}

/// The status bar: a message when there is one, then the key hints for the current context.
/// Help and quit always show; a message gets the room they leave, cut with `…`; the other hints
/// follow while they fit.
pub(crate) fn bar(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let buf = frame.buffer_mut();
    buf.set_style(area, t.bar());
    let hints = app.keymap.hints(app.context());
    let piece = |key: &str, text: &str| width(key) + 1 + width(text);
    let (always, others): (Vec<_>, Vec<_>) = hints.into_iter().partition(|h| h.always);
    // The last hint needs no gap after it.
    let reserved = always
        .iter()
        .map(|h| piece(&h.key, h.text) + 2)
        .sum::<usize>()
        .saturating_sub(2);
    let room = usize::from(area.width).saturating_sub(1);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 0;
    if let Some(m) = &app.message {
        let left = room.saturating_sub(reserved + 3);
        let text = truncate(&clean(m), left);
        used += width(&text) + 3;
        spans.push(Span::styled(text, t.accent()));
        spans.push(Span::raw("   "));
    }
    let mut shown = Vec::new();
    for h in &others {
        let w = piece(&h.key, h.text) + 2;
        // A hint that does not fit gives way to shorter ones after it.
        if used + w + reserved > room {
            continue;
        }
        used += w;
        shown.push(h);
    }
    for h in shown.into_iter().chain(&always) {
        spans.push(Span::styled(h.key.clone(), t.heading()));
        spans.push(Span::raw(format!(" {}  ", h.text)));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}
