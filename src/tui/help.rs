//! The help's content, written from the keymap table, so it always tells the keys in force.
//! The help view paints it; the state counts its lines to scroll.

use super::document::{DocLine, Role};
use super::keymap::{Context, Keymap};
use super::theme::FOLLOW;
use touchpoint_engine::analysis::Severity;
use touchpoint_engine::text::pad;

/// The width of the keys column.
const KEYS: usize = 16;

/// Every line of the help.
pub(super) fn lines(keymap: &Keymap) -> Vec<DocLine> {
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
            out.push(key_line(&b.keys_label(" "), b.help));
        }
        if context == Context::Search {
            out.push(key_line(
                "(letters)",
                "type to search; the grid narrows as you type",
            ));
        }
        out.push(DocLine::default());
    }
    out.push(DocLine::text("Mouse", Role::Accent));
    out.push(DocLine::text(
        "  click a step, an element or a finding to select it; the wheel moves",
        Role::Plain,
    ));
    out.push(DocLine::default());
    out.push(DocLine::text("Markers", Role::Accent));
    out.push(markers());
    let piece = |text: &str, role| vec![("  ".to_string(), Role::Plain), (text.to_string(), role)];
    out.push(DocLine::new(
        [
            piece("← leads here", Role::Flow),
            piece("→ comes next", Role::Flow),
            piece("⇒ the branch n follows", Role::Branch),
            piece(
                &format!("{FOLLOW} takes the followed element"),
                Role::Follow,
            ),
        ]
        .concat(),
    ));
    out.push(DocLine::text(
        "  thick border: the selected step · ☹☹ ☹ · ☺ ☺☺ how the customer feels",
        Role::Plain,
    ));
    out
}

fn key_line(keys: &str, help: &str) -> DocLine {
    DocLine::new(vec![
        ("  ".to_string(), Role::Plain),
        (pad(keys, KEYS), Role::Heading),
        (help.to_string(), Role::Plain),
    ])
}

/// The severity markers and the clean mark, each in its colour.
fn markers() -> DocLine {
    let mut spans = Vec::new();
    for s in Severity::ALL {
        spans.push(("  ".to_string(), Role::Plain));
        spans.push((
            format!("{} {}", s.symbol(), s.label()),
            Role::Severity(Some(s)),
        ));
    }
    spans.push(("  ".to_string(), Role::Plain));
    spans.push(("✓ no finding".to_string(), Role::Severity(None)));
    DocLine::new(spans)
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
