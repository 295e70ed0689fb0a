//! The rustc-style location block: `--> file:line:col`, the source line, and a caret under
//! the value, placed by display width so that wide characters (CJK, emoji) before it do not
//! shift it.

use std::fmt::Write;

use super::style::{GUTTER, paint_into};
use touchpoint_engine::source::Pos;
use touchpoint_engine::text::{clean, width};

/// How many characters of a long source line are shown.
const SHOWN: usize = 160;
/// How many characters before the value a long line keeps in view.
const LEAD: usize = 60;
/// The longest caret drawn.
const CARET: usize = 80;

/// Where each character of the last line shown starts: many findings on one long line (a
/// minified map) then cost a window each, not the whole line each.
#[derive(Debug, Default)]
pub(crate) struct LineCache {
    line: Option<u32>,
    starts: Vec<usize>,
}

impl LineCache {
    /// Byte offsets of each character of `text` (line `line`), and of its end.
    fn starts(&mut self, line: u32, text: &str) -> &[usize] {
        if self.line != Some(line) {
            self.line = Some(line);
            self.starts.clear();
            self.starts.extend(text.char_indices().map(|(i, _)| i));
            self.starts.push(text.len());
        }
        &self.starts
    }
}

/// Renders the arrow line, the source line and a caret under `pos`.
pub(crate) fn render(
    file: &str,
    pos: Option<Pos>,
    line_text: Option<&str>,
    cache: &mut LineCache,
) -> String {
    let mut out = String::new();
    render_into(&mut out, file, pos, line_text, cache);
    out
}

/// As [`render`], appended to `out` (a long report writes hundreds of thousands).
pub(crate) fn render_into(
    out: &mut String,
    file: &str,
    pos: Option<Pos>,
    line_text: Option<&str>,
    cache: &mut LineCache,
) {
    // Writing to a String cannot fail.
    let Some(pos) = pos else {
        out.push_str("  ");
        paint_into(out, GUTTER, "-->");
        let _ = writeln!(out, " {}", clean(file));
        return;
    };
    let number = pos.line.to_string();
    let pad = gutter_width(Some(pos));
    push_spaces(out, pad);
    paint_into(out, GUTTER, "-->");
    let _ = writeln!(out, " {}:{}:{}", clean(file), pos.line, pos.col);
    if let Some(text) = line_text {
        let starts = cache.starts(pos.line, text);
        let chars = starts.len() - 1;
        // `col` and `len` count characters; the window shown keeps the value in sight, and
        // the caret goes by the columns the text before it takes up.
        let col = (pos.col as usize).saturating_sub(1).min(chars);
        let end = (col + (pos.len as usize).max(1)).min(chars);
        let from = col.saturating_sub(LEAD);
        let to = (from + SHOWN).min(chars);
        let slice = |a: usize, b: usize| clean(&text[starts[a]..starts[b.max(a)]]);
        let lead = if from > 0 { "…" } else { "" };
        let tail = if to < chars { "…" } else { "" };
        let indent = width(lead) + width(&slice(from, col));
        let len = width(&slice(col, end.min(to))).max(1);
        let bar = |out: &mut String| paint_into(out, GUTTER, "|");
        push_spaces(out, pad);
        out.push(' ');
        bar(out);
        out.push('\n');
        paint_into(out, GUTTER, &number);
        out.push(' ');
        bar(out);
        let _ = writeln!(out, " {lead}{}{tail}", slice(from, to));
        push_spaces(out, pad);
        out.push(' ');
        bar(out);
        out.push(' ');
        push_spaces(out, indent);
        paint_into(out, GUTTER, &"^".repeat(len.min(CARET)));
        out.push('\n');
    }
}

/// How wide the gutter before `|` and `=` is: the line number's digits (one without a
/// position), so that the lines under a location block line up with it.
pub(crate) fn gutter_width(pos: Option<Pos>) -> usize {
    pos.map_or(1, |p| p.line.checked_ilog10().unwrap_or(0) as usize + 1)
}

pub(crate) fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caret_line(text: &str, col: u32, len: u32) -> String {
        let out = render(
            "m.ron",
            Some(Pos { line: 7, col, len }),
            Some(text),
            &mut LineCache::default(),
        );
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
    fn a_long_line_shows_a_window_around_the_value() {
        let text = format!("{}purpse: 1{}", "x".repeat(5000), "y".repeat(5000));
        let col = 5001;
        let shown = caret_line(&text, col, 6);
        let (line, caret) = shown.split_once('\n').expect("two lines");
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        assert!(width(line) <= SHOWN + 2);
        let at = caret.find('^').expect("a caret");
        assert_eq!(width(&line[..line.find("purpse").expect("in view")]), at);
    }

    #[test]
    fn plain_text_is_unchanged() {
        let shown = caret_line("    purpose: \"x\",", 5, 7);
        assert_eq!(shown, "    purpose: \"x\",\n    ^^^^^^^");
    }
}
