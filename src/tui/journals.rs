//! Where the journals of unsaved edits live: one file per map, in the platform's data
//! folder (`~/.local/share/touchpoint/journals` on Linux), named after the map and a hash
//! of its full path so that two `map.ron` in different folders never share one.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use touchpoint_engine::edit::journal;

/// The folder journals are kept in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journals {
    dir: PathBuf,
}

impl Journals {
    /// The platform's folder (none when the platform has no home to put it in).
    pub fn platform() -> Option<Journals> {
        directories::ProjectDirs::from("", "", "touchpoint").map(|dirs| Journals {
            dir: dirs.data_dir().join("journals"),
        })
    }

    /// Journals kept in `dir`.
    pub fn at(dir: PathBuf) -> Journals {
        Journals { dir }
    }

    /// The journal of the map at `map`.
    pub(crate) fn of(&self, map: &Path) -> PathBuf {
        let full = fs::canonicalize(map).unwrap_or_else(|_| map.to_path_buf());
        let name = map
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "map".into());
        let name: String = name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '.' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let hash = journal::hash(&full.to_string_lossy());
        self.dir.join(format!("{name}.{hash:016x}.journal"))
    }

    /// A fresh journal for the map at `map`, replacing any there was.
    pub(crate) fn create(&self, map: &Path) -> io::Result<File> {
        fs::create_dir_all(&self.dir)?;
        OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(self.of(map))
    }

    /// The journal of the map at `map`, if one was left behind.
    pub(crate) fn read(&self, map: &Path) -> Option<String> {
        fs::read_to_string(self.of(map)).ok()
    }

    /// Removes the journal of the map at `map` (its edits were saved or dropped).
    pub(crate) fn remove(&self, map: &Path) {
        let _ = fs::remove_file(self.of(map));
    }

    /// Moves a journal that no longer fits its map aside (nothing is thrown away unasked);
    /// where it went.
    pub(crate) fn set_aside(&self, map: &Path) -> Option<PathBuf> {
        let from = self.of(map);
        let to = from.with_extension("journal.old");
        fs::rename(&from, &to).ok().map(|()| to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_of_the_same_name_in_two_folders_get_two_journals() {
        let j = Journals::at(PathBuf::from("journals"));
        let a = j.of(Path::new("one/map.ron"));
        let b = j.of(Path::new("two/map.ron"));
        assert_ne!(a, b);
        let name = a.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        assert!(
            name.starts_with("map.ron.") && name.ends_with(".journal"),
            "{name}"
        );
    }
}
