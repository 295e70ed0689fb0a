//! The lines of a map file read back from the file, one by one: a report that shows the line
//! of each finding, in file order, reads the file once more instead of holding its text.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// A UTF-8 byte-order mark, which is not part of the first line (as in a text read whole).
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Lines of one map file, read as they are asked for. Asking in order reads the file once;
/// asking for an earlier line reads it again from the start.
#[derive(Debug)]
pub struct Lines {
    path: PathBuf,
    /// The size of the text that was loaded: a file that no longer has it has changed since,
    /// and its lines would not be the ones the positions point into.
    size: usize,
    reader: Option<BufReader<File>>,
    /// The number of the line in `buf` (0 before the first).
    at: u32,
    buf: Vec<u8>,
    text: String,
    changed: bool,
}

impl Lines {
    /// The lines of the file at `path`, whose text (without a byte-order mark) was `size`
    /// bytes when it was loaded.
    pub fn new(path: &Path, size: usize) -> Lines {
        Lines {
            path: path.to_path_buf(),
            size,
            reader: None,
            at: 0,
            buf: Vec::new(),
            text: String::new(),
            changed: false,
        }
    }

    /// Line `line` (1-based) without its line break, or `None` past the end, or if the file
    /// cannot be read or has changed since it was loaded.
    pub fn line(&mut self, line: u32) -> Option<&str> {
        if line == 0 || self.changed {
            return None;
        }
        if line < self.at || self.reader.is_none() {
            self.reopen();
        }
        let reader = self.reader.as_mut()?;
        while self.at < line {
            // A text that ends in a line break has an empty last line after it.
            let broke = self.at > 0 && self.buf.last() == Some(&b'\n');
            self.buf.clear();
            match reader.read_until(b'\n', &mut self.buf) {
                Ok(0) if broke => self.at += 1,
                Ok(0) | Err(_) => {
                    // Past the end: the next question starts again.
                    self.reader = None;
                    return None;
                }
                Ok(_) => self.at += 1,
            }
        }
        let mut l = self.buf.as_slice();
        l = l.strip_suffix(b"\n").unwrap_or(l);
        l = l.strip_suffix(b"\r").unwrap_or(l);
        if line == 1 {
            l = l.strip_prefix(BOM).unwrap_or(l);
        }
        self.text = String::from_utf8_lossy(l).into_owned();
        Some(&self.text)
    }

    fn reopen(&mut self) {
        self.reader = None;
        self.at = 0;
        let Ok(file) = File::open(&self.path) else {
            return;
        };
        let len = file.metadata().map_or(u64::MAX, |m| m.len());
        if len != self.size as u64 && len != (self.size + BOM.len()) as u64 {
            self.changed = true;
            return;
        }
        self.reader = Some(BufReader::with_capacity(1 << 16, file));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn lines_of(text: &str) -> (tempfile::TempDir, Lines) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("map.ron");
        std::fs::write(&path, text).expect("write");
        let size = text.strip_prefix('\u{feff}').unwrap_or(text).len();
        let lines = Lines::new(&path, size);
        (dir, lines)
    }

    #[test]
    fn gives_the_lines_the_text_has() {
        for text in [
            "(\n  a: 1,\r\n  b: \"ü\",\n)",
            "(\n)\n",
            "\u{feff}(\r\n)\r\n",
            "",
            "\n\n",
        ] {
            let whole = text.strip_prefix('\u{feff}').unwrap_or(text);
            let source = SourceMap::new(whole.to_string());
            let (_dir, mut lines) = lines_of(text);
            // In order, out of order, and again.
            for n in [0, 1, 2, 3, 4, 5, 6, 2, 1, 1, 3, 9, 2] {
                assert_eq!(lines.line(n), source.line(n), "line {n} of {text:?}");
            }
        }
    }

    #[test]
    fn a_file_changed_since_it_was_loaded_gives_no_lines() {
        let (dir, mut lines) = lines_of("(\n  a: 1,\n)\n");
        std::fs::write(dir.path().join("map.ron"), "(\n  a: 12,\n)\n").expect("write");
        assert_eq!(lines.line(2), None);
        let mut gone = Lines::new(&dir.path().join("gone.ron"), 3);
        assert_eq!(gone.line(1), None);
    }
}
