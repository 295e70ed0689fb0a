//! CSV (RFC 4180) records, written by the `csv` crate and guarded against spreadsheet formula
//! injection.

use std::borrow::Cow;
use std::fmt;

use super::line;
use crate::ExportError;
use crate::sink::TextBridge;

/// `text` as one CSV cell's value: on one line, and prefixed with `'` when a spreadsheet would
/// read it as a formula (`=`, `+`, `-`, `@`). Quoting is left to [`Records`].
pub fn guard(text: &str) -> Cow<'_, str> {
    let text = line(text);
    match text.trim_start().chars().next() {
        Some('=' | '+' | '-' | '@') => Cow::Owned(format!("'{text}")),
        _ => text,
    }
}

/// CSV records written into an export's sink, each cell guarded.
pub struct Records<'o> {
    writer: csv::Writer<TextBridge<'o>>,
}

impl<'o> Records<'o> {
    pub fn new(out: &'o mut dyn fmt::Write) -> Records<'o> {
        let writer = csv::WriterBuilder::new()
            // RFC 4180 ends records with CRLF.
            .terminator(csv::Terminator::CRLF)
            // Quotes only a cell that holds a comma, a quote or a line break...
            .quote_style(csv::QuoteStyle::Necessary)
            // ...or a `;`: the writer quotes its comment character wherever it appears, and a
            // spreadsheet that splits on `;` (the list separator where the decimal mark is a
            // comma) then keeps the cell whole.
            .comment(Some(b';'))
            .from_writer(TextBridge::new(out));
        Records { writer }
    }

    /// One record: every cell guarded, then quoted where needed, and the line ending.
    pub fn write<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), ExportError> {
        for cell in cells {
            self.writer
                .write_field(guard(cell.as_ref()).as_bytes())
                .map_err(refused)?;
        }
        self.writer.write_record(None::<&[u8]>).map_err(refused)
    }

    /// Hands the records still buffered to the sink.
    pub fn finish(mut self) -> Result<(), ExportError> {
        self.writer.flush().map_err(|_| ExportError::Write)
    }
}

/// The exports write records as wide as their header, so the writer's only error is the
/// sink's.
fn refused(_: csv::Error) -> ExportError {
    ExportError::Write
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as the one cell of a record, without the record's line ending.
    fn field(text: &str) -> String {
        let mut out = String::new();
        let mut records = Records::new(&mut out);
        records.write(&[text]).expect("a String takes everything");
        records.finish().expect("a String takes everything");
        out.strip_suffix("\r\n")
            .expect("a record ends with CRLF")
            .to_string()
    }

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("line\nbreak"), "line break");
        assert_eq!(field("a; b"), "\"a; b\"");
    }

    #[test]
    fn guards_formulas() {
        assert_eq!(field("=SUM(A1:A2)"), "'=SUM(A1:A2)");
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field(" -1"), "' -1");
        assert_eq!(field("@cmd"), "'@cmd");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }

    #[test]
    fn records_join_cells_and_end_with_crlf() {
        let mut out = String::new();
        let mut records = Records::new(&mut out);
        records.write(&["a", "", "c d"]).expect("written");
        records.write(&["1", "2", "3"]).expect("written");
        records.finish().expect("flushed");
        assert_eq!(out, "a,,c d\r\n1,2,3\r\n");
    }

    #[test]
    fn long_text_survives_the_writers_buffer() {
        // Longer than the writer's buffer, in characters of 1 to 4 bytes, so a flush falls
        // inside one of them.
        let text = "aé€😀".repeat(3_000);
        let mut out = String::new();
        let mut records = Records::new(&mut out);
        records.write(&[text.as_str(), "x"]).expect("written");
        records.finish().expect("flushed");
        assert_eq!(out, format!("{text},x\r\n"));
    }
}
