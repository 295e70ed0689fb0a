//! Colour for terminal output. Printers always paint (with anstyle); the stream they write
//! to (anstream) keeps the colour or drops it: kept on a terminal, dropped when the output is
//! not one or `NO_COLOR` is set (to anything but the empty string, as the workbench reads it
//! too), always kept with `--color always`, never with `--color never`. A long report drops
//! it itself, piece by piece on the threads that format it ([`strip`]): on one stream it was
//! an eighth of `check` on a 100,000-step map.

use std::fmt::Write;
use std::io;

use anstyle::{AnsiColor, Style};

use touchpoint_engine::analysis::Severity;

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    fn stream(self) -> anstream::ColorChoice {
        match self {
            ColorChoice::Auto => anstream::ColorChoice::Auto,
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
        }
    }

    /// Standard output, colour kept or dropped as chosen, and buffered beneath the colour
    /// filter too: dropping colour writes the text between two colour codes piece by piece,
    /// and standard output flushes at every line break, so each line of a report was a write
    /// of its own (two thirds of `check` on a 100,000-step map, printed to a file).
    pub(crate) fn stdout(self) -> anstream::AutoStream<Box<dyn io::Write + Send>> {
        let choice = self.on_stdout();
        let raw: Box<dyn io::Write + Send> =
            Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout()));
        anstream::AutoStream::new(raw, choice)
    }

    /// Whether colour is kept on standard output, for a report that drops it itself.
    pub(crate) fn kept_on_stdout(self) -> bool {
        self.on_stdout() != anstream::ColorChoice::Never
    }

    /// The choice made for standard output: decided on standard output itself, as the buffer
    /// in front of it is no terminal.
    fn on_stdout(self) -> anstream::ColorChoice {
        let stdout = io::stdout();
        let choice = match self.stream() {
            anstream::ColorChoice::Auto => anstream::AutoStream::choice(&stdout),
            chosen => chosen,
        };
        if choice != anstream::ColorChoice::Never && io::IsTerminal::is_terminal(&stdout) {
            // What anstream does for a terminal it writes to (Windows consoles only).
            let _ = anstyle_query::windows::enable_ansi_colors();
        }
        choice
    }

    /// Standard error, colour kept or dropped as chosen.
    pub(crate) fn stderr(self) -> anstream::AutoStream<io::Stderr> {
        anstream::AutoStream::new(io::stderr(), self.stream())
    }
}

/// Names, headings and messages.
pub(crate) const BOLD: Style = Style::new().bold();
/// The `-->`, `|` and `=` of a location block.
pub(crate) const GUTTER: Style = AnsiColor::Blue.on_default().bold();

/// The colour of a severity's label.
pub(crate) const fn severity(s: Severity) -> Style {
    match s {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        Severity::Advice => AnsiColor::Cyan.on_default().bold(),
    }
}

/// Drops the colour from `text` (painted here), with `spare` as room to work in: what the
/// stream does when colour is not kept.
pub(crate) fn strip(text: &mut Vec<u8>, spare: &mut Vec<u8>) {
    spare.clear();
    // What this module paints is `ESC [ digits and semicolons m`, and text from a map is
    // cleaned of control characters before it is painted: those are all there is to drop,
    // found by their one escape byte (the generic parser took a sixth of a long report's
    // time). Anything else is left to the generic parser.
    let mut rest: &[u8] = text;
    while let Some(at) = memchr::memchr(0x1b, rest) {
        let Some(len) = painted(&rest[at..]) else {
            spare.clear();
            for part in anstream::adapter::strip_bytes(text) {
                spare.extend_from_slice(part);
            }
            std::mem::swap(text, spare);
            return;
        };
        spare.extend_from_slice(&rest[..at]);
        rest = &rest[at + len..];
    }
    spare.extend_from_slice(rest);
    std::mem::swap(text, spare);
}

/// The length of the colour code `seq` starts with (`ESC [ 1 ; 33 m`), if it is one.
fn painted(seq: &[u8]) -> Option<usize> {
    if seq.get(1) != Some(&b'[') {
        return None;
    }
    for (i, &b) in seq.iter().enumerate().skip(2) {
        match b {
            b'0'..=b'9' | b';' => {}
            b'm' => return Some(i + 1),
            _ => return None,
        }
    }
    None
}

/// `text` in `style`.
pub(crate) fn paint(style: Style, text: &str) -> String {
    let mut out = String::new();
    paint_into(&mut out, style, text);
    out
}

/// Appends `text` in `style` to `out`.
pub(crate) fn paint_into(out: &mut String, style: Style, text: &str) {
    // Writing to a String cannot fail.
    let _ = write!(out, "{style}{text}{style:#}");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Colour is dropped as the generic parser drops it: what this module paints, and any
    /// other escape in the text.
    #[test]
    fn stripping_leaves_what_the_generic_parser_leaves() {
        let painted = format!(
            "{}: {} é\n{}",
            paint(severity(Severity::Warning), "warning[TP001]"),
            paint(BOLD, "a message"),
            paint(GUTTER, "-->")
        );
        for text in [
            painted.clone(),
            String::new(),
            "plain".to_string(),
            format!("{painted}\u{1b}]0;title\u{7}{painted}"),
            format!("{painted}\u{1b}[2J{painted}\u{1b}"),
            "\u{1b}[".to_string(),
        ] {
            let mut ours = text.clone().into_bytes();
            strip(&mut ours, &mut Vec::new());
            let theirs: Vec<u8> = anstream::adapter::strip_bytes(text.as_bytes())
                .flatten()
                .copied()
                .collect();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }
}
