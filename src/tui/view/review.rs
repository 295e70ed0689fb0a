//! The review walk on screen: one question at a time, large and plain for the back of the
//! room (wide margins, one fact a line, the question itself in bold), the progress line
//! always at the top; at the end, the summary with the finding counts before and after.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::paint;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::review::{self, Review};
use crate::tui::document::{DocLine, Document, Role};
use touchpoint_engine::analysis::{Severity, Tally};
use touchpoint_engine::journey::Outcome;
use touchpoint_engine::text::clean;

/// Draws the review into `area`.
pub(crate) fn render(frame: &mut Frame, area: Rect, app: &App) {
    let Some(r) = &app.review else {
        return;
    };
    // Margins that grow with the screen: the text stays in a readable column.
    let margin = if area.width >= 120 { 8 } else { 2 };
    let width = usize::from(area.width).saturating_sub(margin * 2).max(20);
    let mut doc = Document::new(width);
    doc.push(DocLine::new(vec![
        (r.progress(), Role::Heading),
        (format!("   ({})", r.order.label()), Role::Dim),
    ]));
    doc.blank();
    if r.finished {
        summary(&mut doc, app, r);
    } else {
        question(&mut doc, app, r);
    }
    let buf = frame.buffer_mut();
    let x = area.x + margin as u16;
    for (i, line) in doc.lines.iter().take(usize::from(area.height)).enumerate() {
        let y = area.y + i as u16;
        buf.set_line(x, y, &paint(line, &app.theme), width as u16);
    }
}

fn tally(t: &Tally) -> String {
    Severity::ALL
        .iter()
        .map(|&s| {
            let n = t.get(s);
            match (s, n) {
                (Severity::Advice, _) | (_, 1) => format!("{n} {}", s.label()),
                _ => format!("{n} {}s", s.label()),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn question(doc: &mut Document, app: &App, r: &Review) {
    let Some(item) = r.items.get(r.at) else {
        return;
    };
    let journey = app.board.journey();
    let name = journey.element_name(&item.element);
    let Some(subject) = review::subject(journey, item) else {
        doc.field(0, "data", Some(name));
        doc.blank();
        doc.para(
            &format!(
                "This collection is no longer at step `{}`. {} skips the question, {} undoes the last answer.",
                item.step,
                app.keymap.key_for(&Action::Skip),
                app.keymap.key_for(&Action::Undo)
            ),
            0,
            Role::Dim,
        );
        return;
    };
    let step = subject.step;
    doc.field(
        0,
        "step",
        Some(&format!(
            "\u{201c}{}\u{201d} · {} · {}",
            step.title,
            journey.channel_name(&step.channel),
            journey.stage_name(&step.stage)
        )),
    );
    doc.field(0, "data", Some(name));
    let findings = app
        .board
        .collection_findings(&item.step, subject.collection);
    match findings.first() {
        Some(f) => {
            let mut line = vec![
                (format!("{:<11}", "problem"), Role::Dim),
                (
                    format!("{} ", f.severity().symbol()),
                    Role::Severity(Some(f.severity())),
                ),
            ];
            let mut parts = touchpoint_engine::text::wrap_words(
                &clean(&f.message()),
                doc.width.saturating_sub(13),
            )
            .into_iter();
            if let Some(first) = parts.next() {
                line.push((first, Role::Plain));
            }
            doc.push(DocLine::new(line));
            for part in parts {
                doc.push(DocLine::new(vec![
                    (" ".repeat(13), Role::Plain),
                    (part, Role::Plain),
                ]));
            }
            if findings.len() > 1 {
                let more: Vec<&str> = findings[1..].iter().map(|f| f.rule().name).collect();
                doc.field(0, "and", Some(&more.join(", ")));
            }
        }
        None => doc.field(0, "problem", Some("none left: answered by an edit")),
    }
    let elsewhere: Vec<String> = journey
        .steps()
        .filter(|(_, s)| s.id != step.id && s.collects.iter().any(|c| c.element == item.element))
        .map(|(_, s)| {
            format!(
                "\u{201c}{}\u{201d} ({})",
                s.title,
                journey.channel_name(&s.channel)
            )
        })
        .collect();
    doc.field(
        0,
        "also at",
        Some(&if elsewhere.is_empty() {
            "nowhere else".to_string()
        } else {
            elsewhere.join(", ")
        }),
    );
    for (past, d) in journey.decisions_about(&item.step, &item.element) {
        let mut text = format!("{} {}", past.date, d.outcome);
        if let Some(owner) = &d.owner {
            text.push_str(&format!(" to {owner}"));
        }
        if let Some(due) = &d.due {
            text.push_str(&format!(", due {due}"));
        }
        doc.field(0, "decided", Some(&text));
    }
    doc.blank();
    doc.para(
        &review::question(journey, step, &item.element),
        0,
        Role::Heading,
    );
    doc.blank();
    if let Some(answer) = item.answer {
        doc.para(&format!("Answered: {}", answer.label()), 0, Role::Accent);
    } else {
        let k = |a: Action| app.keymap.key_for(&a);
        doc.para(
            &format!(
                "{} justify · {} drop · {} keep the repeat · {} defer · {} skip",
                k(Action::Justify),
                k(Action::DropCollection),
                k(Action::KeepRepeat),
                k(Action::Defer),
                k(Action::Skip)
            ),
            0,
            Role::Dim,
        );
    }
}

fn summary(doc: &mut Document, app: &App, r: &Review) {
    doc.heading("The review is done");
    doc.blank();
    let open = r.items.iter().filter(|i| i.answer.is_none()).count();
    let mut decided: Vec<String> = Outcome::ALL
        .iter()
        .map(|&o| format!("{} {}", r.count(o), o.label()))
        .collect();
    decided.push(format!("{open} not answered"));
    doc.field(0, "decisions", Some(&decided.join(" · ")));
    doc.field(0, "before", Some(&tally(&r.before)));
    doc.field(0, "after", Some(&tally(&app.board.analysis.tally)));
    if !r.dropped.is_empty() {
        doc.field(0, "dropped", Some(&r.dropped.join(", ")));
    }
    doc.blank();
    doc.para(
        &format!(
            "The decisions are in the map's reviews section. {} saves the map, {} leaves the review, {} goes back to the questions.",
            app.keymap.key_for(&Action::Save),
            app.keymap.key_for(&Action::Back),
            app.keymap.key_for(&Action::PrevStep)
        ),
        0,
        Role::Dim,
    );
}
