//! CSV (RFC 4180) fields, guarded against spreadsheet formula injection.

use std::borrow::Cow;

use super::line;

/// The record separator: RFC 4180 asks for CRLF.
pub const EOL: &str = "\r\n";

/// `text` as one CSV field: on one line, quoted when it holds a separator or a quote, and
/// prefixed with `'` when a spreadsheet would read it as a formula (`=`, `+`, `-`, `@`).
pub fn field(text: &str) -> String {
    let text = line(text);
    let text: Cow<'_, str> = match text.trim_start().chars().next() {
        Some('=' | '+' | '-' | '@') => Cow::Owned(format!("'{text}")),
        _ => text,
    };
    if text.contains([',', '"', ';', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

/// One record: the fields escaped and joined, with the line ending.
pub fn record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = fields
        .iter()
        .map(|f| field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str(EOL);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("line\nbreak"), "line break");
    }

    #[test]
    fn guards_formulas() {
        assert_eq!(field("=SUM(A1:A2)"), "'=SUM(A1:A2)");
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field(" -1"), "' -1");
        assert_eq!(field("@cmd"), "'@cmd");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
