//! Reading map files: bytes to text to document to journey, with precise errors on the way.

mod diagnostic;
pub mod fingerprint;
mod lines;
mod plain;
mod save;
mod stream;
mod syntax;
mod validate;

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io::Read;
use std::path::Path;

use ron::extensions::Extensions;

pub use diagnostic::{Diagnostic, LoadError};
pub use lines::Lines;
pub use save::{to_ron, write_journey};

use crate::analysis::Analysis;
use crate::journey::{Document, Journey};
use crate::source::{Outline, Pos, SourceMap, window};

/// The largest map file touchpoint reads. A 100,000-step map is well under it.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// A map as loaded: where it came from, the journey, and where each value stands in the text.
#[derive(Debug, Clone)]
pub struct LoadedMap {
    /// The file name as the user gave it (used in every message).
    pub file: String,
    pub journey: Journey,
    pub source: SourceMap,
}

impl LoadedMap {
    /// A map with nothing in it yet, not even a title, named `file` (what a front end shows
    /// while the real one loads).
    pub fn empty(file: &str) -> LoadedMap {
        LoadedMap {
            file: file.to_string(),
            journey: Journey::from_document(Document::default()),
            source: SourceMap::default(),
        }
    }

    /// The map's findings, each at its line and column, in file order.
    pub fn check(&self) -> Vec<crate::analysis::Finding> {
        crate::analysis::check(&self.journey, &self.source)
    }

    /// As [`LoadedMap::check`], as if today were `today` (for reproducible runs).
    pub fn check_on(&self, today: crate::journey::Date) -> Vec<crate::analysis::Finding> {
        crate::analysis::check_on(&self.journey, &self.source, today)
    }

    /// As [`LoadedMap::check_on`], with the findings kept small and read in place.
    pub fn findings_on(&self, today: crate::journey::Date) -> crate::analysis::Findings {
        crate::analysis::findings_on(&self.journey, &self.source, today)
    }

    /// The map's findings with the indexes views and exports read them through.
    pub fn analyse(&self) -> Analysis {
        Analysis::new(self.findings_on(crate::journey::Date::today()))
    }
}

/// Reads and checks the map at `path`.
pub fn load(path: &Path) -> Result<LoadedMap, LoadError> {
    let bytes = read(path, &mut |_, _| {})?;
    load_bytes(&path.display().to_string(), bytes)
}

/// As [`load`], for a report that prints no source line, or reads the lines it shows back
/// from the file ([`Lines`]). A large map is read a piece at a time and its text is never
/// held whole; a smaller one's text is let go as soon as the map is known to be valid, before
/// the journey is built.
pub fn load_without_text(path: &Path) -> Result<LoadedMap, LoadError> {
    load_streamed(path, &mut |_, _| {}, None).map(|(map, _)| map)
}

/// As [`load_without_text`], for a front end that watches the file: `progress` hears
/// `(read, total)` bytes as they are read (and parsed, for a large map), and the hash of the
/// bytes loaded ([`fingerprint`]) comes with the map.
pub fn load_without_text_hashed(
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(LoadedMap, u64), LoadError> {
    let (map, hash) = load_streamed(path, progress, Some(fingerprint::hasher()))?;
    // Given a hasher, every way through gives the hash.
    Ok((map, hash.unwrap_or_default()))
}

/// Loads the map at `path` without keeping its text, in pieces if it is large, and hashes its
/// bytes with `hasher` if there is one.
fn load_streamed(
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
    hasher: Option<DefaultHasher>,
) -> Result<(LoadedMap, Option<u64>), LoadError> {
    let name = path.display().to_string();
    let (file, size) = open(path)?;
    let hashing = hasher.is_some();
    if size >= PARALLEL_FROM as u64
        && let Some((map, hash)) = stream::load(
            &name,
            file.take(MAX_FILE_BYTES + 1),
            size as usize,
            window::CHUNK,
            &mut |read| progress(read, size.max(read)),
            hasher,
        )
        && map.source.size() as u64 <= MAX_FILE_BYTES
    {
        return Ok((map, hash));
    }
    // What the pieces could not settle is read whole, which names any problem.
    let bytes = read(path, progress)?;
    let hash = hashing.then(|| fingerprint::of(&bytes));
    Ok((load_bytes_without_text(&name, bytes)?, hash))
}

/// How much to read at a time, between two reports of progress.
const CHUNK: usize = 1 << 20;

/// The bytes of the map file at `path`, reporting `(read, total)` bytes as they come in. Only
/// a regular file is opened: a FIFO or a device named as a map (or swapped in for one) would
/// block the read or never end.
pub fn read(path: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<Vec<u8>, LoadError> {
    let (file, total) = open(path)?;
    let mut bytes = Vec::with_capacity(total as usize);
    let mut reader = file.take(MAX_FILE_BYTES + 1);
    loop {
        let before = bytes.len();
        let read = (&mut reader)
            .take(CHUNK as u64)
            .read_to_end(&mut bytes)
            .map_err(|e| cannot_read(path, &e))?;
        progress(bytes.len() as u64, total.max(bytes.len() as u64));
        if read == 0 || bytes.len() == before {
            break;
        }
    }
    Ok(bytes)
}

/// The hash ([`fingerprint`]) of the bytes of the file at `path`, read a piece at a
/// time: whether a map file changed, without holding it.
pub fn hash_file(path: &Path) -> Result<u64, LoadError> {
    let (file, _) = open(path)?;
    let mut reader = file.take(MAX_FILE_BYTES + 1);
    let mut hasher = fingerprint::hasher();
    let mut piece = vec![0; CHUNK];
    loop {
        match reader.read(&mut piece) {
            Ok(0) => return Ok(hasher.finish()),
            Ok(n) => hasher.write(&piece[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(cannot_read(path, &e)),
        }
    }
}

/// The file at `path` could not be read, for `e`.
fn cannot_read(path: &Path, e: &std::io::Error) -> LoadError {
    let message = format!("cannot read the file: {e}");
    LoadError {
        diagnostics: vec![Diagnostic::whole_file(&path.display().to_string(), message)],
    }
}

/// The map file at `path`, opened, and its size; only a regular file of a size touchpoint
/// reads is opened.
fn open(path: &Path) -> Result<(fs::File, u64), LoadError> {
    let name = path.display().to_string();
    let fail = |message: String, hint: Option<String>| LoadError {
        diagnostics: vec![Diagnostic::whole_file(&name, message).with_hint(hint)],
    };
    let meta = fs::metadata(path).map_err(|e| fail(format!("cannot open the file: {e}"), None))?;
    if meta.is_dir() {
        return Err(fail(
            "this is a folder, not a map file".into(),
            Some("name a `.ron` file".into()),
        ));
    }
    if !meta.is_file() {
        return Err(fail(
            "this is not a regular file (a pipe, a device or a socket), so it is not read".into(),
            Some("name a `.ron` file saved on disk".into()),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(
            format!(
                "the file is too large ({} MiB; touchpoint reads maps up to {} MiB)",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            Some("split the journey into several maps".into()),
        ));
    }
    let file =
        fs::File::open(path).map_err(|e| fail(format!("cannot open the file: {e}"), None))?;
    Ok((file, meta.len()))
}

/// Checks raw bytes from a file named `name`.
pub fn load_bytes(name: &str, bytes: Vec<u8>) -> Result<LoadedMap, LoadError> {
    load_str(name, utf8(name, bytes)?)
}

/// As [`load_bytes`], letting the text go as [`load_without_text`] does.
pub fn load_bytes_without_text(name: &str, bytes: Vec<u8>) -> Result<LoadedMap, LoadError> {
    load_text(name, utf8(name, bytes)?, false)
}

/// The bytes of a file named `name` as text, or why they are not a map's text.
fn utf8(name: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    let fail = |message: String, pos: Option<Pos>, hint: Option<&str>| LoadError {
        diagnostics: vec![Diagnostic {
            pos,
            ..Diagnostic::whole_file(name, message).with_hint(hint.map(str::to_string))
        }],
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail("the file is too large".into(), None, None));
    }
    if bytes.contains(&0) {
        return Err(fail(
            "this is a binary file, not a RON journey map".into(),
            None,
            Some("touchpoint reads text files such as `maps/broadband-fault.ron`"),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(t) => Ok(t),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() as u32 + 1;
            let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
            Err(fail(
                "the file is not UTF-8 text".into(),
                Some(Pos { line, col, len: 1 }),
                Some("save it as UTF-8 in your editor"),
            ))
        }
    }
}

/// From this many bytes on, the text is parsed and outlined on two threads.
const PARALLEL_FROM: usize = 256 * 1024;

/// The fast reader first; ron for whatever it leaves, and for every error message.
fn parse(text: &str) -> Result<Document, ron::error::SpannedError> {
    plain::read(text).or_else(|_| {
        ron::Options::default()
            .with_default_extension(Extensions::IMPLICIT_SOME)
            .from_str(text)
    })
}

/// Checks a map given as text, e.g. the built-in example.
pub fn load_str(name: &str, text: String) -> Result<LoadedMap, LoadError> {
    load_text(name, text, true)
}

/// Checks a map given as text, keeping the text for source lines or not.
fn load_text(name: &str, text: String, keep_text: bool) -> Result<LoadedMap, LoadError> {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.trim().is_empty() {
        return Err(LoadError {
            diagnostics: vec![
                Diagnostic::whole_file(name, "the file is empty").with_hint(Some(
                    "`touchpoint new FILE` writes a starter map to begin from".into(),
                )),
            ],
        });
    }
    // The text is read twice: by ron into the document, and by the outline for positions.
    // The two reads are independent, so a large map does them side by side.
    let (parsed, outline) = if text.len() < PARALLEL_FROM {
        (parse(&text), Outline::of(&text))
    } else {
        std::thread::scope(|scope| {
            let outline = scope.spawn(|| Outline::of(&text));
            let parsed = parse(&text);
            // The outliner never panics (a property test holds it to that); if it did, the
            // map would only lack positions.
            (parsed, outline.join().unwrap_or_default())
        })
    };
    let doc = parsed.map_err(|e| LoadError {
        diagnostics: vec![syntax::diagnostic(name, &text, &e)],
    })?;
    let mut source = SourceMap::from_outline(text, outline);
    let diagnostics = validate::validate(&doc, &source, name);
    if !diagnostics.is_empty() {
        return Err(LoadError { diagnostics });
    }
    if !keep_text {
        source.release_text();
    }
    Ok(LoadedMap {
        file: name.to_string(),
        journey: Journey::from_document(doc),
        source,
    })
}
