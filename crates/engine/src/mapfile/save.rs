//! Writing a map back to RON, atomically, so a crash never leaves half a file.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::journey::Document;

/// The map as RON text, in the same style a person writes it.
pub fn to_ron(doc: &Document) -> Result<String, ron::Error> {
    let config = PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false)
        .extensions(Extensions::IMPLICIT_SOME);
    ron::ser::to_string_pretty(doc, config).map(|mut s| {
        s.push('\n');
        s
    })
}

/// Writes `text` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
