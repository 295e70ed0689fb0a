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
}
