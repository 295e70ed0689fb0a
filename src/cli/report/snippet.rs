//! The rustc-style location block: `--> file:line:col`, the source line, and a caret.

use super::style::Style;
use touchpoint_engine::source::Pos;
use touchpoint_engine::text::clean;

/// Renders the arrow line, the source line and a caret under `pos`.
pub fn render(style: &Style, file: &str, pos: Option<Pos>, line_text: Option<&str>) -> String {
    let mut out = String::new();
    let Some(pos) = pos else {
        out.push_str(&format!("  {} {}\n", style.gutter("-->"), clean(file)));
        return out;
    };
    let number = pos.line.to_string();
    let pad = " ".repeat(number.len());
    out.push_str(&format!(
        "{pad}{} {}:{}:{}\n",
        style.gutter("-->"),
        clean(file),
        pos.line,
        pos.col
    ));
    if let Some(text) = line_text {
        let text = clean(text);
        let bar = style.gutter("|");
        let shown: String = text.chars().take(200).collect();
        let col = (pos.col as usize).saturating_sub(1);
        let width = text.chars().count();
        let len = (pos.len as usize).clamp(1, width.saturating_sub(col).max(1));
        out.push_str(&format!("{pad} {bar}\n"));
        out.push_str(&format!("{} {bar} {shown}\n", style.gutter(&number)));
        out.push_str(&format!(
            "{pad} {bar} {}{}\n",
            " ".repeat(col.min(200)),
            style.gutter(&"^".repeat(len.min(80)))
        ));
    }
    out
}
