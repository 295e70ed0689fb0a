//! Where the commands write: standard output and error, colour kept or dropped as chosen,
//! and what a failed write means. A closed pipe (`touchpoint check … | head`) ends the output
//! quietly; any other failure (a full disk) is a message and exit status 2, never a panic or
//! a cut-off file passed off as success.

use std::io::{self, BufWriter, Write};

use super::EXIT_LOAD;
use super::report::ColorChoice;

/// Standard output, buffered, colour as chosen.
pub(crate) fn stdout(color: ColorChoice) -> BufWriter<anstream::AutoStream<Box<dyn Write + Send>>> {
    BufWriter::with_capacity(1 << 16, color.stdout())
}

/// Standard output, buffered, for text that is never coloured (JSON): nothing scans it for
/// colour codes to strip.
pub(crate) fn plain_stdout() -> BufWriter<io::Stdout> {
    BufWriter::with_capacity(1 << 16, io::stdout())
}

/// What a command's writing came to.
pub(crate) enum Written {
    /// All written (or the reader went away: `| head`).
    Done,
    /// A real failure, already reported on standard error: exit with this status.
    Failed(u8),
}

/// Classifies the result of writing to standard output (after flushing it).
pub(crate) fn finish(result: io::Result<()>) -> Written {
    match result {
        Ok(()) => Written::Done,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Written::Done,
        Err(e) => {
            report_failure("standard output", &e);
            Written::Failed(EXIT_LOAD)
        }
    }
}

/// Writes `text` to standard output and flushes it.
pub(crate) fn print(color: ColorChoice, text: &str) -> Written {
    let mut out = stdout(color);
    finish(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// Writes `text` to standard error (where failures go; if even that fails, there is no one
/// left to tell).
pub(crate) fn eprint(color: ColorChoice, text: &str) {
    let mut err = color.stderr();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// Says on standard error that writing to `what` failed, and why.
pub(crate) fn report_failure(what: &str, e: &io::Error) {
    eprint(
        ColorChoice::Auto,
        &format!("error: cannot write to {what}: {e}\n"),
    );
}
