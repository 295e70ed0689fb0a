//! The lines of a map file read back from the file, one by one: a report that shows the line
//! of each finding, in file order, reads the file once more instead of holding its text.

use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A UTF-8 byte-order mark, which is not part of the first line (as in a text read whole).
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Lines of one map file, read as they are asked for. Asking in order reads the file once;
/// asking for an earlier line reads it again from the start.
#[derive(Debug)]
pub struct Lines {
    path: PathBuf,
    /// The file's size and modification time before it was loaded: a file that no longer has
    /// them has changed since, and its lines would not be the ones the positions point into.
    stamp: Option<(u64, SystemTime)>,
    reader: Option<BufReader<File>>,
    /// The number of the line in `buf` (0 before the first).
    at: u32,
    buf: Vec<u8>,
    text: String,
    changed: bool,
}

impl Lines {
    /// The lines of the file at `path`, as it is now: made before the file is loaded, they
    /// are the lines of what was loaded, or none if it changes in between.
    pub fn new(path: &Path) -> Lines {
        Lines {
            path: path.to_path_buf(),
            stamp: stamp(path),
            reader: None,
            at: 0,
            buf: Vec::new(),
            text: String::new(),
            changed: false,
        }
    }

    /// The same file's lines for another reader (another thread of a report): the same
    /// stamp, read from the start.
    pub fn again(&self) -> Lines {
        Lines {
            path: self.path.clone(),
            stamp: self.stamp,
            reader: None,
            at: 0,
            buf: Vec::new(),
            text: String::new(),
            changed: self.changed,
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
        // Checked before it is opened: a FIFO put in the file's place would block the open.
        if self.stamp.is_none() || stamp(&self.path) != self.stamp {
            self.changed = true;
            return;
        }
        self.reader = File::open(&self.path)
            .ok()
            .map(|file| BufReader::with_capacity(1 << 16, file));
    }
}

/// A regular file's size and modification time.
fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    let meta = fs::metadata(path).ok().filter(fs::Metadata::is_file)?;
    Some((meta.len(), meta.modified().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn lines_of(text: &str) -> (tempfile::TempDir, Lines) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("map.ron");
        std::fs::write(&path, text).expect("write");
        let lines = Lines::new(&path);
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
    fn another_reader_reads_the_same_lines_and_sees_the_same_change() {
        let (dir, mut lines) = lines_of("(\n  a: 1,\n)\n");
        let mut again = lines.again();
        assert_eq!(lines.line(2), Some("  a: 1,"));
        assert_eq!(again.line(2), Some("  a: 1,"));
        std::fs::write(dir.path().join("map.ron"), "(\n  a: 12,\n)\n").expect("write");
        assert_eq!(lines.again().line(2), None);
    }

    #[test]
    fn a_file_changed_since_it_was_loaded_gives_no_lines() {
        let (dir, mut lines) = lines_of("(\n  a: 1,\n)\n");
        let path = dir.path().join("map.ron");
        std::fs::write(&path, "(\n  a: 12,\n)\n").expect("write");
        assert_eq!(lines.line(2), None);
        // The same size, written later.
        let (dir, mut lines) = lines_of("(\n  a: 1,\n)\n");
        let path = dir.path().join("map.ron");
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open");
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        std::fs::write(&path, "(\n  a: 2,\n)\n").expect("write");
        file.set_modified(later).expect("touch");
        assert_eq!(lines.line(2), None);
        let mut gone = Lines::new(&dir.path().join("gone.ron"));
        assert_eq!(gone.line(1), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_the_files_place_gives_no_lines_and_does_not_block() {
        let (dir, mut lines) = lines_of("(\n  a: 1,\n)\n");
        let path = dir.path().join("map.ron");
        std::fs::remove_file(&path).expect("remove");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        assert_eq!(lines.line(1), None);
    }
}
