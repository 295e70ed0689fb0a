//! Mermaid escaping: entity codes (`#quot;`, `#35;`), never backslashes.
//!
//! Mermaid replaces `#name;` and `#123;` codes before it parses a diagram and turns them into
//! HTML entities in the drawing, so a label holding only letters, spaces and codes can break
//! no statement, comment, shape or markup.

use super::line;

/// `text` for a quoted label, title or task name.
pub fn text(text: &str) -> String {
    encode(text, false)
}

/// `text` for a name in a comma-separated list (journey actors).
pub fn list_item(text: &str) -> String {
    encode(text, true)
}

fn encode(text: &str, comma: bool) -> String {
    let text = line(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' | ';' | ':' | '\\' | '|' | '[' | ']' | '{' | '}' | '(' | ')' | '`' | '%' => {
                out.push_str(&format!("#{};", u32::from(c)));
            }
            ',' if comma => out.push_str("#44;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_every_syntax_character() {
        assert_eq!(
            text("a \"b\" [c] {d} (e) #f; g:h | i\\j <k> & `l` %%"),
            "a #quot;b#quot; #91;c#93; #123;d#125; #40;e#41; #35;f#59; g#58;h #124; i#92;j \
             #lt;k#gt; #amp; #96;l#96; #37;#37;"
        );
        assert_eq!(text("😀 مرحبا"), "😀 مرحبا");
        assert_eq!(list_item("a, b"), "a#44; b");
        assert_eq!(text("a, b"), "a, b");
    }

    #[test]
    fn an_existing_code_is_shown_not_decoded() {
        assert_eq!(text("#quot;"), "#35;quot#59;");
    }
}
