//! Making untrusted map text safe to print on a terminal.
//!
//! A map is shared between people, so its titles and notes may hold escape sequences that
//! would move the cursor, change the title bar or hide text. They are removed before printing.

use std::borrow::Cow;

/// `text` without terminal control characters; line breaks and tabs become spaces.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\n' | '\t' | '\r' => Some(' '),
                c if is_unsafe(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// C0 and C1 controls, DEL, and the bidirectional overrides that can disguise text.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences_and_controls() {
        assert_eq!(clean("a\u{1b}[2Jb\u{7}c"), "a[2Jbc");
        assert_eq!(clean("line\nbreak"), "line break");
        assert_eq!(clean("\u{9b}31m"), "31m");
        assert_eq!(clean("evil\u{202e}txt"), "eviltxt");
    }

    #[test]
    fn leaves_plain_text_alone() {
        assert!(matches!(clean("Café 😀 عربى"), Cow::Borrowed(_)));
    }
}
