//! Fitting text to a width in columns: display width, truncation, padding and word wrapping.
//!
//! Shared by the workbench, the diagram exports and the terminal printers, so that every
//! place counts wide characters (CJK, emoji) the same way.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `text`.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` cut to `max` columns, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` padded with spaces (or cut) to exactly `columns`.
pub fn pad(text: &str, columns: usize) -> String {
    let cut = truncate(text, columns);
    let w = width(&cut);
    format!("{cut}{}", " ".repeat(columns.saturating_sub(w)))
}

/// A no-break space keeps the words on either side on one line.
const NO_BREAK: char = '\u{a0}';

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() && c != NO_BREAK)
        .filter(|w| !w.is_empty())
}

/// Word-wraps `text` into lines of at most `max` columns at white space (a no-break space
/// keeps words together); words longer than a line are broken.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in words(text) {
        let w = width(word);
        if used > 0 && used + 1 + w <= max {
            line.push(' ');
            line.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        // Start a line with the word, hard-breaking it when it is wider than a line.
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > max && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Like [`wrap`], but a word wider than a line is cut short with `…` instead of broken.
pub fn wrap_cut(text: &str, max: usize) -> Vec<String> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() && c != NO_BREAK)
        .filter(|w| !w.is_empty())
        .map(|w| truncate(w, max))
        .collect();
    wrap(&words.join(" "), max)
}

/// Like [`wrap`], keeping at most `max_lines` and ending the last with `…` when cut.
pub fn wrap_lines(text: &str, max: usize, max_lines: usize) -> Vec<String> {
    let mut lines = wrap(text, max);
    if lines.len() > max_lines.max(1) {
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            while width(last) + 1 > max && last.pop().is_some() {}
            last.push('…');
        }
    }
    lines
}

/// Where an over-long word may break for reading: after one of these (`a.b`, `snake_case`,
/// `kebab-case`, `a/b`).
const BREAK_AFTER: [char; 4] = ['.', '_', '-', '/'];

/// One wrapped line, and whether the next line goes on with the same word.
struct Wrapped {
    text: String,
    width: usize,
    word_goes_on: bool,
}

/// Word-wraps `text` into lines of at most `max` columns, for people to read: lines break at
/// white space (a no-break space keeps words together); a word wider than a line breaks after
/// a `.`, `_`, `-` or `/` (`essential.service.` / `fraud_detection`), and mid-word only when it
/// has none of them. [`wrap`] stays as it is for the exports.
pub fn wrap_words(text: &str, max: usize) -> Vec<String> {
    wrapped(text, max).into_iter().map(|l| l.text).collect()
}

/// Like [`wrap_words`] in at most `max_lines` lines; when the text needs more, the last line
/// holds as much of the rest as fits and ends with `…`.
pub fn wrap_clipped(text: &str, max: usize, max_lines: usize) -> Vec<String> {
    let mut lines = wrapped(text, max);
    let keep = max_lines.max(1);
    if lines.len() <= keep {
        return lines.into_iter().map(|l| l.text).collect();
    }
    let mut rest = String::new();
    for line in lines.drain(keep - 1..) {
        rest.push_str(&line.text);
        if !line.word_goes_on {
            rest.push(' ');
        }
    }
    let mut out: Vec<String> = lines.into_iter().map(|l| l.text).collect();
    // The rest always needs more than a line, so it is always cut.
    let cut = take_width(rest.trim_end(), max.max(1).saturating_sub(1)).trim_end();
    out.push(format!("{cut}…"));
    out
}

/// The longest start of `text` at most `columns` wide.
fn take_width(text: &str, columns: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > columns {
            return &text[..at];
        }
    }
    text
}

fn wrapped(text: &str, max: usize) -> Vec<Wrapped> {
    let max = max.max(1);
    let mut lines: Vec<Wrapped> = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in words(text) {
        let w = width(word);
        if used > 0 && used + 1 + w <= max {
            line.push(' ');
            line.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(Wrapped {
                text: std::mem::take(&mut line),
                width: used,
                word_goes_on: false,
            });
            used = 0;
        }
        if w <= max {
            line.push_str(word);
            used = w;
            continue;
        }
        // A word wider than a line: pieces ending at a break character, packed into lines;
        // a piece wider than a line is broken between characters.
        for piece in word.split_inclusive(BREAK_AFTER) {
            let pw = width(piece);
            if used > 0 && used + pw > max {
                lines.push(Wrapped {
                    text: std::mem::take(&mut line),
                    width: used,
                    word_goes_on: true,
                });
                used = 0;
            }
            for c in piece.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > max && used > 0 {
                    lines.push(Wrapped {
                        text: std::mem::take(&mut line),
                        width: used,
                        word_goes_on: true,
                    });
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(Wrapped {
            text: line,
            width: used,
            word_goes_on: false,
        });
    }
    debug_assert!(
        lines
            .iter()
            .all(|l| l.width <= max || l.text.chars().count() == 1)
    );
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("hello", 5), "hello");
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("日本語です", 5), "日本…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn wraps_words_and_breaks_long_ones() {
        assert_eq!(
            wrap("the quick brown fox", 9),
            vec!["the quick", "brown fox"]
        );
        assert_eq!(wrap("", 5), vec![""]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(
            wrap_cut("Courier (doorstep)", 9),
            vec!["Courier", "(doorste…"]
        );
        for line in wrap("a verylongwordindeed here", 6) {
            assert!(width(&line) <= 6, "{line}");
        }
    }

    #[test]
    fn wraps_at_spaces_and_breaks_long_words() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(wrap("😀😀😀", 4), vec!["😀😀", "😀"]);
    }

    #[test]
    fn cuts_with_an_ellipsis() {
        assert_eq!(
            wrap_lines("one two three four", 7, 2),
            vec!["one two", "three…"]
        );
    }

    #[test]
    fn wrap_words_breaks_long_names_after_punctuation() {
        assert_eq!(
            wrap_words("essential.service.fraud_detection", 20),
            vec!["essential.service.", "fraud_detection"]
        );
        assert_eq!(
            wrap_words("stored in essential.service.fraud_detection today", 24),
            vec!["stored in", "essential.service.fraud_", "detection today"]
        );
        assert_eq!(wrap_words("a/b/c/d", 4), vec!["a/b/", "c/d"]);
        assert_eq!(wrap_words("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap_words("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap_words("", 5), vec![""]);
        for line in wrap_words("a verylong.wordindeed-here x_y", 6) {
            assert!(width(&line) <= 6, "{line}");
        }
    }

    #[test]
    fn wrap_clipped_fills_the_last_line_and_marks_the_cut() {
        assert_eq!(
            wrap_clipped("Website & My Account", 10, 1),
            vec!["Website &…"]
        );
        assert_eq!(
            wrap_clipped("Website & My Account", 19, 1),
            vec!["Website & My Accou…"]
        );
        assert_eq!(
            wrap_clipped("Check the service status page", 11, 2),
            vec!["Check the", "service st…"]
        );
        assert_eq!(
            wrap_clipped("Check the service status page", 11, 3),
            vec!["Check the", "service", "status page"]
        );
        assert_eq!(
            wrap_clipped("essential.service.fraud_detection", 10, 2),
            vec!["essential.", "service.f…"]
        );
        for (text, max, lines) in [("a b c d e f g", 3, 2), ("日本語です日本語", 5, 2)] {
            let out = wrap_clipped(text, max, lines);
            assert!(out.len() <= lines);
            assert!(out.iter().all(|l| width(l) <= max), "{out:?}");
            assert!(out.last().is_some_and(|l| l.ends_with('…')), "{out:?}");
        }
    }
}
