//! Markdown escaping for table cells, headings and paragraphs (CommonMark and GFM).

use super::line;

/// `text` as inline Markdown that shows literally: markup characters backslash-escaped,
/// `|` escaped for tables, `&` and `<` as entities, on one line.
pub fn inline(text: &str) -> String {
    let text = line(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut start = true;
    let mut leading_digits = false;
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '-' | '+' | '=' if start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if leading_digits => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        leading_digits = (start || leading_digits) && c.is_ascii_digit();
        start = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("<script>"), "&lt;script&gt;");
        assert_eq!(
            inline("*x* _y_ [l](u) `c`"),
            "\\*x\\* \\_y\\_ \\[l\\](u) \\`c\\`"
        );
        assert_eq!(inline("line\nbreak"), "line break");
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("12. x"), "12\\. x");
        assert_eq!(inline("a - b 1."), "a - b 1.");
    }
}
