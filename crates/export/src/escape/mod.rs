//! Making map text safe for each export's target language.
//!
//! Map text is untrusted: it comes from whoever wrote the map. Each target has its own module;
//! all of them start from [`line`], which removes what no target should carry.

pub mod csv;
pub mod markdown;
pub mod mermaid;
pub mod plantuml;
pub mod xml;

use std::borrow::Cow;

use touchpoint_engine::text;

/// `text` as one line of display text: control characters, bidirectional overrides and the
/// noncharacters XML forbids removed, line breaks and tabs turned into spaces.
pub fn line(text: &str) -> Cow<'_, str> {
    let cleaned = text::clean(text);
    if cleaned.contains(['\u{fffe}', '\u{ffff}']) {
        Cow::Owned(
            cleaned
                .chars()
                .filter(|c| !matches!(c, '\u{fffe}' | '\u{ffff}'))
                .collect(),
        )
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_removes_controls_and_joins_lines() {
        assert_eq!(line("a\nb\tc\u{7}\u{1b}d\u{202e}e\u{ffff}"), "a b cde");
        assert!(matches!(line("plain 😀 עברית"), Cow::Borrowed(_)));
    }
}
