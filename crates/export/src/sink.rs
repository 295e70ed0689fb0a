//! Between an export's text sink and byte writers: streaming an export into stdout or a file,
//! and letting a byte writer (the `csv` crate's) write into an export's sink.
//!
//! Exporters write into a [`std::fmt::Write`], whose error carries no detail. [`IoSink`] puts
//! one over any [`std::io::Write`] and keeps the first I/O error, so the caller can say why
//! the export could not be written (a full disk, a closed pipe) when it gets
//! [`ExportError::Write`](crate::ExportError::Write).

use std::fmt;
use std::io;

/// A [`fmt::Write`] over an [`io::Write`] that keeps the first error it meets.
///
/// Exporters write in many small pieces: give it a buffered writer (`BufWriter`, or a locked
/// stdout, which buffers lines) and call [`IoSink::finish`] at the end to flush.
///
/// ```ignore
/// let mut sink = IoSink::new(BufWriter::new(File::create(path)?));
/// let written = exporter.write(&ctx, &mut sink);
/// match (written, sink.finish()) {
///     (Ok(()), Ok(_)) => {}
///     (Err(ExportError::Write), Err(e)) | (Ok(()), Err(e)) => eprintln!("cannot write: {e}"),
///     (Err(e), _) => eprintln!("error: {e}"),
/// }
/// ```
#[derive(Debug)]
pub struct IoSink<W: io::Write> {
    inner: W,
    error: Option<io::Error>,
}

impl<W: io::Write> IoSink<W> {
    pub fn new(inner: W) -> IoSink<W> {
        IoSink { inner, error: None }
    }

    /// The first I/O error a write met, if any.
    pub fn error(&self) -> Option<&io::Error> {
        self.error.as_ref()
    }

    /// Flushes the writer and gives it back, or the first I/O error of any write or of the
    /// flush.
    pub fn finish(mut self) -> io::Result<W> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.inner.flush()?;
        Ok(self.inner)
    }
}

impl<W: io::Write> fmt::Write for IoSink<W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // After a failure nothing more is written: the output would have a hole in it.
        if self.error.is_some() {
            return Err(fmt::Error);
        }
        self.inner.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }
}

/// An [`io::Write`] over an export's text sink, for writers that produce bytes (the `csv`
/// crate). The bytes must be UTF-8; a character split between two writes, as a full buffer
/// may split one, is held back until its last byte comes.
pub(crate) struct TextBridge<'o> {
    out: &'o mut dyn fmt::Write,
    /// The first bytes of a character whose rest is still to come.
    partial: Vec<u8>,
    /// Whether the sink refused text: then nothing more goes to it, not even a retry.
    refused: bool,
}

impl<'o> TextBridge<'o> {
    pub(crate) fn new(out: &'o mut dyn fmt::Write) -> TextBridge<'o> {
        TextBridge {
            out,
            partial: Vec::new(),
            refused: false,
        }
    }
}

impl io::Write for TextBridge<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.refused {
            return Err(io::Error::other("the export's sink refused the text"));
        }
        self.partial.extend_from_slice(buf);
        let whole = match std::str::from_utf8(&self.partial) {
            Ok(text) => text.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => return Err(io::Error::from(io::ErrorKind::InvalidData)),
        };
        let text = std::str::from_utf8(&self.partial[..whole])
            .map_err(|_| io::Error::from(io::ErrorKind::InvalidData))?;
        if self.out.write_str(text).is_err() {
            self.refused = true;
            return Err(io::Error::other("the export's sink refused the text"));
        }
        self.partial.drain(..whole);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    /// Takes `room` bytes, then fails.
    struct Full {
        room: usize,
        got: Vec<u8>,
    }

    impl io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            self.got.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn passes_text_through() {
        let mut sink = IoSink::new(Vec::new());
        let b = 'b';
        write!(sink, "a{b}c").expect("a Vec takes everything");
        sink.write_str("😀").expect("a Vec takes everything");
        assert!(sink.error().is_none());
        assert_eq!(sink.finish().ok(), Some("abc😀".as_bytes().to_vec()));
    }

    #[test]
    fn keeps_the_first_error_and_stops_writing() {
        let mut sink = IoSink::new(Full {
            room: 3,
            got: Vec::new(),
        });
        assert!(sink.write_str("ab").is_ok());
        assert!(sink.write_str("cd").is_err());
        assert_eq!(
            sink.error().map(io::Error::kind),
            Some(io::ErrorKind::StorageFull)
        );
        assert!(sink.write_str("ef").is_err(), "nothing after a failure");
        assert_eq!(sink.inner.got, b"abc");
        assert_eq!(
            sink.finish().err().map(|e| e.to_string()),
            Some("disk full".to_string())
        );
    }

    #[test]
    fn the_bridge_waits_for_a_split_character() {
        use std::io::Write as _;
        let mut text = String::new();
        let mut bridge = TextBridge::new(&mut text);
        let bytes = "a😀b".as_bytes();
        for chunk in bytes.chunks(2) {
            assert_eq!(bridge.write(chunk).ok(), Some(chunk.len()));
        }
        assert!(bridge.partial.is_empty());
        assert_eq!(text, "a😀b");
    }
}
