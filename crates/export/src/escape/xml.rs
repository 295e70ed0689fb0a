//! XML escaping, for SVG, HTML and Graphviz HTML-like labels.

use super::line;

/// `text` as XML character data or an attribute value (either quote style).
pub fn text(text: &str) -> String {
    let text = line(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` for a Graphviz HTML-like label: XML, with `]` as a character reference, because
/// Graphviz 2.43 rejects a label whose text is exactly `]`.
pub fn graphviz(text: &str) -> String {
    self::text(text).replace(']', "&#93;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            text("<script>alert('x & \"y\"')</script>"),
            "&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;"
        );
        assert_eq!(text("a\nb\u{0}"), "a b");
    }

    #[test]
    fn graphviz_labels_never_hold_a_bare_bracket() {
        assert_eq!(graphviz("]"), "&#93;");
        assert_eq!(graphviz("[1] <b>"), "[1&#93; &lt;b&gt;");
    }
}
