//! The help's content, written from the keymap table, so it always tells the keys in force.
//! The help view paints it; the state counts its lines to scroll.

use super::document::{DocLine, Role};
use super::keymap::{Context, Keymap};
use super::theme::FOLLOW;
use touchpoint_engine::analysis::Severity;
use touchpoint_engine::text::{pad, wrap_words};

/// The width of the keys column.
const KEYS: usize = 16;

/// Every line of the help, wrapped at `width` columns (help texts wrap under their column).
pub(super) fn lines(keymap: &Keymap, width: usize) -> Vec<DocLine> {
    let mut out = Vec::new();
    for context in Context::ALL {
        let bindings: Vec<_> = keymap
            .bindings()
            .iter()
            .filter(|b| b.context == context && !b.keys.is_empty())
            .collect();
        if bindings.is_empty() {
            continue;
        }
        out.push(DocLine::text(context.title(), Role::Accent));
        for b in bindings {
            key_lines(&mut out, &b.keys_label(" "), b.help, width);
        }
        if context == Context::Search {
            key_lines(
                &mut out,
                "(letters)",
                "type to search; the grid (or the list) narrows as you type",
                width,
            );
        }
        out.push(DocLine::default());
    }
    out.push(DocLine::text("Mouse", Role::Accent));
    text_lines(
        &mut out,
        "click a step, an element or a finding to select it; the wheel moves",
        width,
    );
    out.push(DocLine::default());
    out.push(DocLine::text("Markers", Role::Accent));
    let mut markers: Vec<(String, Role)> = Severity::ALL
        .iter()
        .map(|s| {
            (
                format!("{} {}", s.symbol(), s.label()),
                Role::Severity(Some(*s)),
            )
        })
        .collect();
    markers.push(("✓ no finding".to_string(), Role::Severity(None)));
    pack(&mut out, markers, width);
    pack(
        &mut out,
        vec![
            ("← leads here".to_string(), Role::Flow),
            ("→ comes next".to_string(), Role::Flow),
            ("⇒ the branch n follows".to_string(), Role::Branch),
            (format!("{FOLLOW} takes the followed element"), Role::Follow),
        ],
        width,
    );
    pack(
        &mut out,
        vec![
            (
                "─▶ a flow into a card (from the left: a later stage)".to_string(),
                Role::Flow,
            ),
            ("◀ 2  2 ▶ stages off to the sides".to_string(), Role::Accent),
            ("▲ ▼ lanes above and below".to_string(), Role::Accent),
        ],
        width,
    );
    text_lines(
        &mut out,
        "thick border: the selected step · ☹☹ ☹ · ☺ ☺☺ how the customer feels",
        width,
    );
    out
}

/// A binding: its keys in a column, what it does wrapped beside them.
fn key_lines(out: &mut Vec<DocLine>, keys: &str, help: &str, width: usize) {
    let room = width.saturating_sub(2 + KEYS).max(12);
    for (i, part) in wrap_words(help, room).into_iter().enumerate() {
        let keys = if i == 0 {
            pad(keys, KEYS)
        } else {
            " ".repeat(KEYS)
        };
        out.push(DocLine::new(vec![
            ("  ".to_string(), Role::Plain),
            (keys, Role::Heading),
            (part, Role::Plain),
        ]));
    }
}

/// Plain text, indented and wrapped.
fn text_lines(out: &mut Vec<DocLine>, text: &str, width: usize) {
    for part in wrap_words(text, width.saturating_sub(2)) {
        out.push(DocLine::new(vec![
            ("  ".to_string(), Role::Plain),
            (part, Role::Plain),
        ]));
    }
}

/// Pieces in their roles, as many to a line as fit.
fn pack(out: &mut Vec<DocLine>, pieces: Vec<(String, Role)>, width: usize) {
    let mut line: Vec<(String, Role)> = Vec::new();
    let mut used = 0;
    for (text, role) in pieces {
        let w = 2 + touchpoint_engine::text::width(&text);
        if w > width {
            // Too wide for a line of its own: wrapped, on lines of its own.
            if used > 0 {
                out.push(DocLine::new(std::mem::take(&mut line)));
                used = 0;
            }
            for part in wrap_words(&text, width.saturating_sub(2)) {
                out.push(DocLine::new(vec![
                    ("  ".to_string(), Role::Plain),
                    (part, role),
                ]));
            }
            continue;
        }
        if used > 0 && used + w > width {
            out.push(DocLine::new(std::mem::take(&mut line)));
            used = 0;
        }
        line.push(("  ".to_string(), Role::Plain));
        line.push((text, role));
        used += w;
    }
    if !line.is_empty() {
        out.push(DocLine::new(line));
    }
}

/// The keys that close the help, from the table.
pub(super) fn close_keys(keymap: &Keymap) -> String {
    let keys: Vec<String> = keymap
        .bindings()
        .iter()
        .filter(|b| {
            (b.context == Context::Help && b.action.name() == Some("back"))
                || (b.context == Context::Global && b.action.name() == Some("help"))
        })
        .flat_map(|b| b.keys.iter().map(ToString::to_string))
        .collect();
    keys.join(" ")
}
