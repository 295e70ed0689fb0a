//! The data inventory: data elements against channels (or stages), how often each is taken
//! where, and how badly; below it, every collection of the chosen element.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use crate::tui::action::Action;
use crate::tui::app::{App, Axis};
use crate::tui::screen;
use crate::tui::theme::{FOLLOW, marker};
use touchpoint_engine::inventory::Cell;
use touchpoint_engine::journey::{Collection, Step};
use touchpoint_engine::text::{clean, pad, truncate, width, wrap_clipped, wrap_words};

/// Draws the inventory into `area`.
pub(crate) fn render(frame: &mut Frame, area: Rect, app: &App) {
    let (matrix_area, detail_area) = screen::inventory(area, app.elements.len());
    matrix(frame, matrix_area, app);
    if let Some(d) = detail_area {
        detail(frame, d, app);
    }
}

fn matrix(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let journey = app.board.journey();
    let (names, matrix): (Vec<&str>, &[Vec<Cell>]) = match app.axis {
        Axis::Channels => (
            journey.channels.iter().map(|c| c.name.as_str()).collect(),
            &app.board.matrices().by_channel,
        ),
        Axis::Stages => (
            journey.stages.iter().map(|s| s.name.as_str()).collect(),
            &app.board.matrices().by_stage,
        ),
    };
    let axis = match app.axis {
        Axis::Channels => "channels",
        Axis::Stages => "stages",
    };
    let filter = &app.inventory_filter;
    let title = if filter.is_active() {
        format!(
            " Data inventory: {} of {} elements matching \u{201c}{}\u{201d} × {} {axis} ",
            app.elements.len(),
            journey.elements.len(),
            clean(filter.search().trim()),
            names.len()
        )
    } else {
        format!(
            " Data inventory: {} elements × {} {axis} ",
            journey.elements.len(),
            names.len()
        )
    };
    let buf = frame.buffer_mut();
    let total = usize::from(area.width);
    let longest = journey
        .elements
        .iter()
        .map(|e| width(&e.name))
        .max()
        .unwrap_or(8);
    // Column names take two lines: wide enough for the longest word or half the name.
    let wanted = names
        .iter()
        .map(|n| {
            let word = n.split(' ').map(width).max().unwrap_or(0);
            word.max(width(n).div_ceil(2)) + 1
        })
        .max()
        .unwrap_or(7)
        .clamp(7, 16);
    let mut name_width = longest.clamp(12, 30).min(total / 3);
    // Narrow screens: shorten element names before hiding channels.
    let spare = total.saturating_sub(4 + 7 + names.len() * 7 + 2);
    if spare < name_width {
        name_width = spare.max(14).min(name_width);
    }
    let lead = 4 + name_width + 7;
    let room = total.saturating_sub(lead + 2);
    let column = wanted.min(room / names.len().max(1)).max(7);
    let fit = (room / column).max(1);
    let first = app
        .scroll
        .inventory_column
        .min(names.len().saturating_sub(fit));
    let shown = first..(first + fit).min(names.len());
    // Two heading lines: column names wrap onto the second.
    let lead_text = format!(
        "{}{}{}",
        " ".repeat(4),
        pad("Element", name_width),
        pad("  taken", 7)
    );
    let mut first_line = lead_text;
    let mut second_line = " ".repeat(lead);
    for name in &names[shown.clone()] {
        let (top, rest) = two_lines(&clean(name), column - 1);
        first_line.push_str(&pad(&format!(" {top}"), column));
        second_line.push_str(&pad(&format!(" {rest}"), column));
    }
    let mut title = Line::from(vec![
        Span::styled(title, t.accent()),
        Span::styled(" U unjustified · R asked again ", t.dim()),
    ]);
    if first > 0 {
        title.push_span(Span::styled(format!("  ← {first} more"), t.dim()));
    }
    if shown.end < names.len() {
        title.push_span(Span::styled(
            format!("  → {} more", names.len() - shown.end),
            t.dim(),
        ));
    }
    buf.set_line(area.x, area.y, &title, area.width);
    buf.set_stringn(area.x, area.y + 1, first_line, total, t.heading());
    buf.set_stringn(area.x, area.y + 2, second_line, total, t.heading());
    let rows = screen::inventory_rows(area);
    if app.elements.is_empty() && rows > 0 {
        let clear = app.keymap.key_for(&Action::Back);
        let text = format!("  No element matches the filter: {clear} clears it.");
        buf.set_stringn(area.x, area.y + 3, text, total, t.dim());
    }
    for (i, &e) in app
        .elements
        .iter()
        .skip(app.inventory.offset)
        .take(rows)
        .enumerate()
    {
        let Some(element) = journey.elements.get(e) else {
            continue;
        };
        let y = area.y + 3 + i as u16;
        let worst = app.board.element_worst(e);
        let count = app.board.element_count(e);
        let cursor = app.inventory.row == e;
        let followed = app.follow == Some(e);
        let mut spans = vec![
            Span::raw(if cursor { "▶ " } else { "  " }),
            Span::styled(marker(worst), t.severity(worst)),
            Span::raw(" "),
            Span::styled(
                pad(&clean(&element.name), name_width),
                if followed { t.follow() } else { Style::new() },
            ),
            Span::styled(pad(&format!("{count:>5}× "), 7), t.dim()),
        ];
        if count == 0 {
            spans[4] = Span::styled(pad("unused", 7), t.dim());
        }
        if let Some(row) = matrix.get(e) {
            for cell in &row[shown.clone()] {
                let u = if cell.unjustified { "U" } else { "" };
                let r = if cell.repeated { "R" } else { "" };
                spans.push(match cell.count {
                    0 => Span::styled(pad("  ·", column), t.dim()),
                    n => Span::styled(
                        pad(&format!("{n:>3} {}{u}{r}", marker(cell.worst)), column),
                        t.severity(cell.worst),
                    ),
                });
            }
        }
        if followed {
            spans.push(Span::styled(format!(" {FOLLOW} followed"), t.follow()));
        }
        let mut line = Line::from(spans);
        if cursor {
            line = line.style(t.cursor());
        }
        buf.set_line(area.x, y, &line, area.width);
    }
}

fn detail(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let journey = app.board.journey();
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.border());
    let Some((e, element)) = app
        .inventory_element()
        .and_then(|e| journey.elements.get(e).map(|el| (e, el)))
    else {
        let text = if journey.elements.is_empty() {
            "The data catalogue is empty."
        } else {
            ""
        };
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    };
    let block = block.title(Span::styled(
        format!(" {} ", clean(&element.name)),
        t.heading(),
    ));
    let inner = block.inner(area);
    let w = usize::from(inner.width);
    let room = usize::from(inner.height);
    let mut lines = Vec::new();
    let about = format!(
        "{} · {}{}",
        clean(&element.category),
        journey.sensitivity(element).label(),
        element
            .description
            .as_deref()
            .map(|d| format!(" · {}", clean(d)))
            .unwrap_or_default()
    );
    for part in wrap_clipped(&about, w, 2) {
        lines.push(Line::styled(part, t.dim()));
    }
    // Findings on the catalogue entry itself (an element nobody collects, say).
    for f in app
        .board
        .analysis
        .overlay
        .element(&element.id)
        .iter()
        .filter_map(|&i| app.board.analysis.findings.get(i))
        .filter(|f| f.step().is_none())
    {
        let head = format!(
            "{} {} {}: ",
            marker(Some(f.severity())),
            f.rule().code,
            f.rule().name
        );
        let text = format!("{head}{}", clean(&f.message()));
        for (i, part) in wrap_clipped(&text, w, 2).into_iter().enumerate() {
            let style = if i == 0 {
                t.severity(Some(f.severity()))
            } else {
                t.plain()
            };
            lines.push(Line::styled(part, style));
        }
    }
    let takers = app.board.takers(e);
    let total = app.board.element_count(e);
    lines.push(Line::styled(
        match (takers.len(), total) {
            (0, _) => "No step takes it.".to_string(),
            (1, 1) => "Taken at 1 step:".to_string(),
            (1, n) => format!("Taken {n} times at 1 step:"),
            (s, n) if s == n => format!("Taken at {s} steps, in journey order:"),
            (s, n) => format!("Taken {n} times at {s} steps, in journey order:"),
        },
        t.accent(),
    ));
    // Each collection: where (the step, its channel and stage), then why (its purpose and
    // lawful basis) wrapped under it; as many as fit, and how many more (on the frame).
    let mut shown = 0;
    'steps: for &ix in takers {
        let Some(step) = app.board.step(ix) else {
            continue;
        };
        for (c, col) in step.collects.iter().enumerate() {
            if col.element != element.id {
                continue;
            }
            let block = collection(app, step, c, col, w);
            if lines.len() + block.len() > room {
                break 'steps;
            }
            lines.extend(block);
            shown += 1;
        }
    }
    let mut frame_block = block;
    if shown < total {
        let select = app.keymap.key_for(&Action::Select);
        frame_block = frame_block.title_bottom(
            Line::styled(
                format!(
                    " … {} more: {select} follows them all on the grid ",
                    total - shown
                ),
                t.dim(),
            )
            .right_aligned(),
        );
    }
    frame.render_widget(frame_block, area);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One collection of the inventory's element: the step it is taken at, then its purpose and
/// lawful basis wrapped below.
fn collection<'a>(
    app: &'a App,
    step: &Step,
    c: usize,
    col: &Collection,
    w: usize,
) -> Vec<Line<'a>> {
    let t = &app.theme;
    let journey = app.board.journey();
    let worst = app
        .board
        .collection_findings(&step.id, c)
        .first()
        .map(|f| f.severity());
    let place = format!(
        "{} ({} · {})",
        clean(&step.title),
        clean(journey.channel_name(&step.channel)),
        clean(
            journey
                .stage(&step.stage)
                .map_or(step.stage.as_str(), |s| s.name.as_str())
        ),
    );
    let mut out = vec![Line::from(vec![
        Span::raw("  "),
        Span::styled(marker(worst), t.severity(worst)),
        Span::raw(" "),
        Span::styled(truncate(&place, w.saturating_sub(4)), t.heading()),
    ])];
    let why = match (&col.purpose, col.basis) {
        (Some(p), Some(b)) => format!("{} [{}]", clean(p), b.label()),
        (Some(p), None) => format!("{} [no lawful basis]", clean(p)),
        (None, Some(b)) => format!("no purpose [{}]", b.label()),
        (None, None) => "no purpose, no lawful basis".to_string(),
    };
    for part in wrap_words(&why, w.saturating_sub(4)) {
        out.push(Line::from(vec![
            Span::raw("    "),
            Span::styled(part, t.dim()),
        ]));
    }
    out
}

/// A column name on two lines of `max` columns, broken between words, cut with `…`.
fn two_lines(name: &str, max: usize) -> (String, String) {
    let mut top = String::new();
    let mut words = name.split(' ').filter(|w| !w.is_empty()).peekable();
    while let Some(word) = words.peek() {
        let gap = usize::from(!top.is_empty());
        if !top.is_empty() && width(&top) + gap + width(word) > max {
            break;
        }
        if !top.is_empty() {
            top.push(' ');
        }
        top.push_str(word);
        words.next();
    }
    let rest: Vec<&str> = words.collect();
    (truncate(&top, max), truncate(&rest.join(" "), max))
}
