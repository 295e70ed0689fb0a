//! The findings list: grouped by severity and rule with counts; the chosen finding in full below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use crate::tui::action::Action;
use crate::tui::app::{App, concern_label};
use crate::tui::outline::Row;
use crate::tui::screen;
use crate::tui::theme::marker;
use touchpoint_engine::analysis::{FindingRef, Severity};
use touchpoint_engine::text::clean;
use touchpoint_engine::text::{truncate, width, wrap_words};

/// Draws the findings list into `area`.
pub(crate) fn render(frame: &mut Frame, area: Rect, app: &App) {
    let (list_area, detail_area) = screen::findings(area, app.outline.rows.len());
    list(frame, list_area, app);
    if let Some(d) = detail_area {
        detail(frame, d, app);
    }
}

fn heading(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Advice => "Advice",
    }
}

/// Where a finding is, in words: `step › element`.
fn place(app: &App, f: FindingRef<'_>) -> String {
    let journey = app.board.journey();
    let step = f
        .step()
        .map(|id| clean(journey.step_title(id)).into_owned());
    let element = f
        .element()
        .map(|id| clean(journey.element_name(id)).into_owned());
    match (step, element) {
        (Some(s), Some(e)) => format!("{s} › {e}"),
        (Some(s), None) => s,
        (None, Some(e)) => format!("catalogue › {e}"),
        (None, None) => "the map".into(),
    }
}

fn list(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let buf = frame.buffer_mut();
    let total = usize::from(area.width);
    let all = app.board.analysis.findings.len();
    let filter = &app.findings_filter;
    let mut title = vec![];
    if all == 0 {
        title.push(Span::styled(
            " Findings: none. Every collection is justified and nothing is asked twice. ",
            t.accent(),
        ));
    } else if filter.is_active() || app.concern.is_some() {
        let mut narrowed = format!(" Findings: {} of {all}", app.outline.findings());
        if let Some(c) = app.concern {
            narrowed.push_str(&format!(" · {}", concern_label(c)));
        }
        if filter.is_active() {
            narrowed.push_str(&format!(
                " · matching \u{201c}{}\u{201d}",
                clean(filter.search().trim())
            ));
        }
        title.push(Span::styled(narrowed + " ", t.accent()));
        let back = app.keymap.key_for(&Action::Back);
        title.push(Span::styled(format!(" ({back} clears)"), t.dim()));
    } else {
        title.push(Span::styled(
            format!(" Findings: {} ", app.board.analysis.tally),
            t.accent(),
        ));
    }
    buf.set_line(area.x, area.y, &Line::from(title), area.width);
    let rows = screen::findings_rows(area);
    if all > 0 && app.outline.rows.is_empty() && rows > 0 {
        let text = "  No finding matches: Esc clears the filter, t shows another concern.";
        let back = app.keymap.key_for(&Action::Back);
        let concern = app.keymap.key_for(&Action::CycleConcern);
        let text = text
            .replace("Esc", &back)
            .replace(" t ", &format!(" {concern} "));
        buf.set_stringn(area.x, area.y + 1, text, total, t.dim());
    }
    for (i, row) in app
        .outline
        .rows
        .iter()
        .enumerate()
        .skip(app.findings.offset)
        .take(rows)
    {
        let y = area.y + 1 + (i - app.findings.offset) as u16;
        let cursor = i == app.findings.row;
        let line = match *row {
            Row::Severity(s, n) => Line::from(vec![
                Span::styled(
                    format!("{} {} ", marker(Some(s)), heading(s)),
                    t.severity(Some(s)),
                ),
                Span::styled(format!("({n})"), t.dim()),
            ]),
            Row::Rule(rule, n) => {
                let head = format!("{} {}", rule.code, rule.name);
                let room = total.saturating_sub(3 + width(&head));
                Line::from(vec![
                    Span::raw("   "),
                    Span::styled(head, t.heading()),
                    Span::styled(
                        truncate(&format!(" ({n}): {}", rule.summary), room),
                        t.dim(),
                    ),
                ])
            }
            Row::Finding(f) => {
                let Some(f) = app.board.analysis.findings.get(f) else {
                    continue;
                };
                let place = place(app, f);
                let lead = if cursor { " ▶    " } else { "      " };
                let room = total.saturating_sub(width(lead) + 2 + width(&place) + 2);
                let mut line = Line::from(vec![
                    Span::raw(lead),
                    Span::styled(marker(Some(f.severity())), t.severity(Some(f.severity()))),
                    Span::raw(" "),
                    Span::styled(place, t.heading()),
                    Span::raw(": "),
                    Span::raw(truncate(&clean(&f.message()), room)),
                ]);
                if cursor {
                    line = line.style(t.cursor());
                }
                line
            }
        };
        buf.set_line(area.x, y, &line, area.width);
    }
}

fn detail(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.border());
    let finding = match app.outline.rows.get(app.findings.row) {
        Some(Row::Finding(i)) => app.board.analysis.findings.get(*i),
        _ => None,
    };
    let Some(f) = finding else {
        frame.render_widget(Paragraph::new("").block(block), area);
        return;
    };
    let block = block.title(Line::from(vec![
        Span::raw(" "),
        Span::styled(marker(Some(f.severity())), t.severity(Some(f.severity()))),
        Span::styled(
            format!(" {}[{}/{}] ", f.severity(), f.rule().code, f.rule().name),
            t.severity(Some(f.severity())),
        ),
    ]));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width.saturating_sub(1)).max(10);
    let mut lines: Vec<Line> = Vec::new();
    let mut para = |text: &str, style: Style| {
        for part in wrap_words(&clean(text), w) {
            lines.push(Line::styled(part, style));
        }
    };
    para(&f.message(), Style::new());
    let mut at = match f.pos() {
        Some(p) => format!("at {}:{}:{}", app.board.map.file, p.line, p.col),
        None => format!("in {}", app.board.map.file),
    };
    at.push_str(&format!(" · {}", place(app, f)));
    let journey = app.board.journey();
    let related: Vec<String> = f
        .related()
        .map(|id| format!("\u{201c}{}\u{201d}", journey.step_title(id)))
        .collect();
    if !related.is_empty() {
        at.push_str(&format!(" · see also {}", related.join(", ")));
    }
    para(&at, t.accent());
    para(&format!("help: {}", f.help()), t.dim());
    let room = usize::from(inner.height);
    if lines.len() > room && room > 0 {
        lines.truncate(room - 1);
        lines.push(Line::styled("… Enter shows it with its step", t.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
