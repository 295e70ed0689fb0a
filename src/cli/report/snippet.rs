//! The rustc-style location block: `--> file:line:col`, the source line, and a caret under
//! the value, placed by display width so that wide characters (CJK, emoji) before it do not
//! shift it.

use super::style::{GUTTER, paint};
use touchpoint_engine::source::Pos;
use touchpoint_engine::text::{clean, truncate, width};

/// How many columns of a long source line are shown.
const SHOWN: usize = 200;
/// The longest caret drawn.
const CARET: usize = 80;

/// Renders the arrow line, the source line and a caret under `pos`.
pub(super) fn render(file: &str, pos: Option<Pos>, line_text: Option<&str>) -> String {
    let arrow = paint(GUTTER, "-->");
    let Some(pos) = pos else {
        return format!("  {arrow} {}\n", clean(file));
    };
    let number = pos.line.to_string();
    let pad = " ".repeat(number.len());
    let mut out = format!("{pad}{arrow} {}:{}:{}\n", clean(file), pos.line, pos.col);
    if let Some(text) = line_text {
        let text = clean(text);
        let bar = paint(GUTTER, "|");
        // `col` and `len` count characters; the caret goes by the columns they take up.
        let col = (pos.col as usize).saturating_sub(1);
        let before: String = text.chars().take(col).collect();
        let value: String = text
            .chars()
            .skip(col)
            .take((pos.len as usize).max(1))
            .collect();
        let indent = width(&before);
        let len = width(&value).max(1);
        out.push_str(&format!("{pad} {bar}\n"));
        out.push_str(&format!(
            "{} {bar} {}\n",
            paint(GUTTER, &number),
            truncate(&text, SHOWN)
        ));
        if indent < SHOWN {
            out.push_str(&format!(
                "{pad} {bar} {}{}\n",
                " ".repeat(indent),
                paint(GUTTER, &"^".repeat(len.min(CARET)))
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caret_line(text: &str, col: u32, len: u32) -> String {
        let out = render("m.ron", Some(Pos { line: 7, col, len }), Some(text));
        let lines: Vec<&str> = out.lines().collect();
        // The source line, then the caret line; strip colour and the gutter.
        let strip = |l: &str| {
            let plain = String::from_utf8(anstream::adapter::strip_bytes(l.as_bytes()).into_vec())
                .expect("text");
            plain
                .split_once("| ")
                .map_or(String::new(), |(_, r)| r.to_string())
        };
        format!("{}\n{}", strip(lines[2]), strip(lines[3]))
    }

    #[test]
    fn the_caret_sits_under_the_value_after_wide_characters() {
        // Eight CJK characters take sixteen columns: the caret must move past all of them.
        let text = "title: \"顾客旅程地图标题\", purpse: 1";
        let col = text
            .find("purpse")
            .map(|b| text[..b].chars().count() as u32 + 1);
        let shown = caret_line(text, col.expect("in the text"), 6);
        let (line, caret) = shown.split_once('\n').expect("two lines");
        let at = caret.find('^').expect("a caret");
        assert_eq!(&caret[at..], "^^^^^^");
        assert_eq!(width(&line[..line.find("purpse").expect("shown")]), at);
    }

    #[test]
    fn the_caret_is_as_wide_as_the_value() {
        let shown = caret_line("name: \"日本\"", 7, 4);
        assert!(shown.ends_with("      ^^^^^^"), "{shown:?}");
    }

    #[test]
    fn plain_text_is_unchanged() {
        let shown = caret_line("    purpose: \"x\",", 5, 7);
        assert_eq!(shown, "    purpose: \"x\",\n    ^^^^^^^");
    }
}
