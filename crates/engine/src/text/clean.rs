//! Making untrusted map text safe to print on a terminal.
//!
//! A map is shared between people, so its titles and notes may hold escape sequences that
//! would move the cursor, change the title bar or hide text. They are removed before printing.

use std::borrow::Cow;

/// `text` without terminal control characters, invisible marks and zero-width characters;
/// line breaks (also the Unicode line and paragraph separators) and tabs become spaces.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\n' | '\t' | '\r' | '\u{2028}' | '\u{2029}' => Some(' '),
                c if is_unsafe(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// What is removed (or, for separators, turned into a space): C0 and C1 controls and DEL;
/// the bidirectional overrides, isolates and marks that can disguise text (U+202A-E,
/// U+2066-9, U+200E-F, U+061C); zero-width characters (U+200B-D, U+2060, U+FEFF), which hide
/// text and throw off column counts; and the line and paragraph separators (U+2028-9), which
/// some terminals and PlantUML take as line breaks.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200b}'..='\u{200f}'
                | '\u{061c}'
                | '\u{2060}'
                | '\u{feff}'
                | '\u{2028}'
                | '\u{2029}'
        )
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
    fn strips_invisible_marks_and_separators() {
        assert_eq!(
            clean("a\u{200e}b\u{200f}c\u{61c}d\u{200b}e\u{200d}f\u{2060}g\u{feff}h"),
            "abcdefgh"
        );
        assert_eq!(clean("one\u{2028}two\u{2029}three"), "one two three");
    }

    #[test]
    fn leaves_plain_text_alone() {
        assert!(matches!(clean("Café 😀 عربى"), Cow::Borrowed(_)));
    }
}
