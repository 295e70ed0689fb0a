//! The bytes a lexer reads, by offset: a whole text in memory, or a file read through a window
//! that holds only the bytes from the current token on, so that a 200 MB map is never held
//! whole while it is parsed and outlined.

use std::io::Read;

/// Bytes a lexer asks for by their offset from the start of the text.
pub(crate) trait Bytes {
    /// The byte at offset `at`, or `None` past the end.
    fn byte(&mut self, at: usize) -> Option<u8>;
    /// Bytes `from..to`, each of which [`Bytes::byte`] has returned and which are not released.
    fn range(&self, from: usize, to: usize) -> &[u8];
    /// The bytes from `at` on that are at hand (at least one, unless the text ends before
    /// `at`): a lexer scans them in a tight loop rather than asking byte by byte.
    fn ahead(&mut self, at: usize) -> &[u8];
    /// The bytes before `before` will not be asked for again.
    fn release(&mut self, before: usize);
}

impl Bytes for &[u8] {
    #[inline]
    fn byte(&mut self, at: usize) -> Option<u8> {
        self.get(at).copied()
    }

    #[inline]
    fn range(&self, from: usize, to: usize) -> &[u8] {
        &self[from..to]
    }

    #[inline]
    fn ahead(&mut self, at: usize) -> &[u8] {
        self.get(at..).unwrap_or_default()
    }

    #[inline]
    fn release(&mut self, _: usize) {}
}

impl<B: Bytes + ?Sized> Bytes for &mut B {
    #[inline]
    fn byte(&mut self, at: usize) -> Option<u8> {
        (**self).byte(at)
    }

    #[inline]
    fn range(&self, from: usize, to: usize) -> &[u8] {
        (**self).range(from, to)
    }

    #[inline]
    fn ahead(&mut self, at: usize) -> &[u8] {
        (**self).ahead(at)
    }

    #[inline]
    fn release(&mut self, before: usize) {
        (**self).release(before)
    }
}

/// How much a window reads at a time.
pub(crate) const CHUNK: usize = 1 << 20;

/// A UTF-8 byte-order mark, which the text does not include (as for a text read whole).
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A text read from `src` as the lexer goes. It checks what it reads as the whole-text path
/// does (no NUL, valid UTF-8); where that fails, or the read does, the window says so in
/// [`Window::failed`] and the caller reads the file whole to name the problem.
pub(crate) struct Window<R> {
    src: R,
    /// Bytes from offset `base` on.
    buf: Vec<u8>,
    base: usize,
    /// Bytes before this offset are released.
    kept: usize,
    /// Offset up to which the bytes are known to be UTF-8.
    checked: usize,
    chunk: usize,
    /// Whether what is read is taken as checked (another window checks the same bytes).
    trusting: bool,
    started: bool,
    done: bool,
    failed: bool,
}

impl<R: Read> Window<R> {
    /// A window reading `chunk` bytes at a time (tests use tiny ones).
    pub(crate) fn with_chunk(src: R, chunk: usize) -> Window<R> {
        Window {
            src,
            buf: Vec::new(),
            base: 0,
            kept: 0,
            checked: 0,
            chunk: chunk.max(1),
            trusting: false,
            started: false,
            done: false,
            failed: false,
        }
    }

    /// As [`Window::with_chunk`], for a second reader of bytes another window checks: this one
    /// does not check them again.
    pub(crate) fn trusting(src: R, chunk: usize) -> Window<R> {
        Window {
            trusting: true,
            ..Window::with_chunk(src, chunk)
        }
    }

    /// What the window reads from.
    pub(crate) fn into_source(self) -> R {
        self.src
    }

    /// Whether the text could not be read, or is not a map's text (NUL bytes, not UTF-8).
    pub(crate) fn failed(&self) -> bool {
        self.failed
    }

    /// Reads the rest of the text (checking it), and says how long it is.
    pub(crate) fn finish(&mut self) -> usize {
        while !self.done && !self.failed {
            self.kept = self.base + self.buf.len();
            self.read_chunk();
        }
        self.base + self.buf.len()
    }

    #[cold]
    fn fill(&mut self, at: usize) -> Option<u8> {
        if at < self.base {
            debug_assert!(false, "byte {at} was released");
            // Not the end of the text: the caller falls back to reading it whole.
            self.failed = true;
            return None;
        }
        while at >= self.base + self.buf.len() {
            // Where the text failed, the reader stops: the whole-text path takes over.
            if self.done || self.failed {
                return None;
            }
            self.read_chunk();
        }
        Some(self.buf[at - self.base])
    }

    fn read_chunk(&mut self) {
        // Released bytes go once they are half the buffer, so that each byte moves at most
        // about once.
        // Bytes not yet checked (the start of a character cut by the last read) stay.
        let released = self.kept.min(self.checked) - self.base;
        if released > 0 && released * 2 >= self.buf.len() {
            self.buf.drain(..released);
            self.base += released;
        }
        let old = self.buf.len();
        self.read_more();
        if !self.started {
            // Nothing was read before: the mark, if there is one, is at the start.
            while self.buf.len() < BOM.len() && !self.done {
                self.read_more();
            }
            self.started = true;
            if self.buf.starts_with(BOM) {
                self.buf.drain(..BOM.len());
            }
        }
        if self.trusting {
            self.checked = self.base + self.buf.len();
            return;
        }
        if self.buf[old.min(self.buf.len())..].contains(&0) {
            self.failed = true;
        }
        self.check_utf8();
    }

    /// Appends up to one chunk from the source.
    fn read_more(&mut self) {
        let read = (&mut self.src)
            .take(self.chunk as u64)
            .read_to_end(&mut self.buf);
        match read {
            Ok(n) if n == self.chunk => {}
            Ok(_) => self.done = true,
            Err(_) => {
                self.failed = true;
                self.done = true;
            }
        }
    }

    /// Checks the bytes read since the last check; a character cut at the end of the buffer
    /// waits for the next read.
    fn check_utf8(&mut self) {
        if self.failed {
            return;
        }
        let from = self.checked - self.base;
        match std::str::from_utf8(&self.buf[from..]) {
            Ok(_) => self.checked = self.base + self.buf.len(),
            Err(e) if e.error_len().is_none() && !self.done => {
                self.checked += e.valid_up_to();
            }
            Err(_) => self.failed = true,
        }
    }
}

impl<R: Read> Bytes for Window<R> {
    #[inline]
    fn byte(&mut self, at: usize) -> Option<u8> {
        match self.buf.get(at.wrapping_sub(self.base)) {
            Some(&b) => Some(b),
            None => self.fill(at),
        }
    }

    #[inline]
    fn range(&self, from: usize, to: usize) -> &[u8] {
        &self.buf[from - self.base..to - self.base]
    }

    #[inline]
    fn ahead(&mut self, at: usize) -> &[u8] {
        if self.byte(at).is_none() {
            return &[];
        }
        &self.buf[at - self.base..]
    }

    #[inline]
    fn release(&mut self, before: usize) {
        if before > self.kept {
            self.kept = before.min(self.base + self.buf.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &[u8], chunk: usize) -> (Vec<u8>, bool) {
        let mut w = Window::with_chunk(text, chunk);
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(b) = w.byte(at) {
            out.push(b);
            at += 1;
            // Keep only the last few bytes, as a lexer would.
            w.release(at.saturating_sub(3));
        }
        let len = w.finish();
        if !w.failed() {
            assert_eq!(len, out.len());
        }
        (out, w.failed())
    }

    #[test]
    fn reads_every_byte_at_any_window_size() {
        let text = "(title: \"café ☕\", steps: [])\n".repeat(20);
        for chunk in [1, 2, 3, 7, 64, 4096] {
            assert_eq!(
                all(text.as_bytes(), chunk),
                (text.as_bytes().to_vec(), false)
            );
        }
    }

    #[test]
    fn holds_only_what_is_not_released() {
        let text = vec![b'x'; 100_000];
        let mut w = Window::with_chunk(&text[..], 1000);
        for at in 0..text.len() {
            assert_eq!(w.byte(at), Some(b'x'));
            w.release(at);
        }
        assert!(w.buf.capacity() < 10_000, "{}", w.buf.capacity());
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_text() {
        for chunk in [1, 2, 3, 4, 100] {
            assert_eq!(all(b"\xEF\xBB\xBF()", chunk), (b"()".to_vec(), false));
        }
    }

    #[test]
    fn nul_bytes_and_broken_utf8_fail() {
        for chunk in [1, 2, 5, 100] {
            assert!(all(b"(a: 1)\0", chunk).1);
            assert!(all(b"(a: \"\xC3\x28\")", chunk).1);
            // A character cut by the end of the file.
            assert!(all(b"(a: \"\xE2\x98", chunk).1);
            assert!(!all("(a: \"☕\")".as_bytes(), chunk).1);
        }
    }

    #[test]
    fn a_trusting_window_reads_what_another_checks() {
        let text = b"(a: \"\xC3\x28\")\0 and on";
        for chunk in [1, 3, 100] {
            let mut w = Window::trusting(&text[..], chunk);
            let mut at = 0;
            while w.byte(at).is_some() {
                at += 1;
                w.release(at.saturating_sub(2));
            }
            assert_eq!((at, w.failed()), (text.len(), false));
        }
    }

    #[test]
    fn a_failed_read_fails() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("gone"))
            }
        }
        let mut w = Window::with_chunk(Broken, CHUNK);
        assert_eq!(w.byte(0), None);
        assert!(w.failed());
    }
}
