//! Writing an output file safely: a map being saved or an export written with `-o`.
//!
//! A regular file is replaced atomically (a new file with an unpredictable name, created
//! exclusively in the same folder, filled, synced, then renamed over the old one), keeping the
//! old file's permissions, so a crash or a full disk never leaves half a file and a private
//! record never turns world-readable. A symbolic link is followed, and its target replaced.
//! Anything that is not a regular file (a device such as `/dev/null`, a FIFO, `/dev/stdout`)
//! is written straight through, never replaced by a plain file.

use std::fs::{self, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// How many symbolic links are followed before giving up (as the kernel does).
const MAX_LINKS: usize = 40;

/// Writes `text` to `path` (see the module's documentation).
pub fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    write_with(path, |out| out.write_all(text.as_bytes()))
}

/// Writes what `fill` writes to `path` (see the module's documentation). `fill` may stream;
/// when it fails, `path` is left as it was.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let target = resolve_links(path)?;
    let existing = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "it is a folder; name a file",
            ));
        }
        if !meta.is_file() {
            let mut device = OpenOptions::new().write(true).open(&target)?;
            fill(&mut device)?;
            return device.flush();
        }
    }
    replace(&target, existing.map(|m| m.permissions()), fill)
}

/// Fills a new file beside `target` and renames it over `target`.
fn replace(
    target: &Path,
    permissions: Option<fs::Permissions>,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets the usual permissions (0666 less the umask), not the temporary file's 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    // Created exclusively (O_EXCL) under a random name: a link planted under a predictable
    // name cannot redirect the write.
    let mut tmp = builder.tempfile_in(dir)?;
    {
        let mut out = BufWriter::new(tmp.as_file_mut());
        fill(&mut out)?;
        out.flush()?;
    }
    if let Some(permissions) = permissions {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(target).map_err(|e| e.error)?;
    // The rename itself survives a crash once the folder is synced (best effort: not every
    // platform can open a folder).
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// `path` with symbolic links followed to the file they end at (which may not exist yet).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> String {
        fs::read_to_string(path).expect("readable")
    }

    #[test]
    fn replaces_a_file_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").expect("write");
        write_atomic(&path, "new").expect("written");
        assert_eq!(read(&path), "new");
        let left: Vec<_> = fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_failed_fill_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").expect("write");
        let err = write_with(&path, |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(err.is_err());
        assert_eq!(read(&path), "old");
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_and_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        fs::write(&real, "old").expect("write");
        std::os::unix::fs::symlink("real.txt", &link).expect("symlink");
        write_atomic(&link, "new").expect("written");
        assert!(
            fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink(),
            "the link stays a link"
        );
        assert_eq!(read(&real), "new", "its target has the new text");
    }

    #[cfg(unix)]
    #[test]
    fn a_private_file_stays_private_and_a_new_one_follows_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let private = dir.path().join("record.md");
        fs::write(&private, "old").expect("write");
        fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).expect("chmod");
        write_atomic(&private, "new").expect("written");
        let mode = fs::metadata(&private).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let fresh = dir.path().join("fresh.md");
        write_atomic(&fresh, "new").expect("written");
        let mode = fs::metadata(&fresh).expect("meta").permissions().mode() & 0o777;
        assert_ne!(mode, 0o600, "not the temporary file's mode");
        assert_eq!(mode & 0o600, 0o600, "readable and writable by its owner");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_or_fifo_is_written_through_not_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        // A null device of our own (mknod needs root, as the reported bug did); never the
        // machine's /dev/null, which a regression would replace.
        let null = dir.path().join("null");
        let made = std::process::Command::new("mknod")
            .arg(&null)
            .args(["c", "1", "3"])
            .status();
        if made.is_ok_and(|s| s.success()) {
            write_atomic(&null, "gone").expect("written to the device");
            assert!(
                !fs::metadata(&null).expect("meta").is_file(),
                "the device is still a device"
            );
        }

        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo))
        };
        write_atomic(&fifo, "through").expect("written into the FIFO");
        assert_eq!(reader.join().expect("reader").expect("read"), "through");
        assert!(
            !fs::metadata(&fifo).expect("meta").is_file(),
            "the FIFO is still a FIFO"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_under_a_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "precious").expect("write");
        // The old code wrote `.out.txt.<pid>.tmp`; plant links under that and similar names.
        for name in [
            format!(".out.txt.{}.tmp", std::process::id()),
            ".out.txt.tmp".to_string(),
        ] {
            std::os::unix::fs::symlink(&victim, dir.path().join(name)).expect("symlink");
        }
        write_atomic(&dir.path().join("out.txt"), "export").expect("written");
        assert_eq!(
            read(&victim),
            "precious",
            "the planted link was not followed"
        );
        assert_eq!(read(&dir.path().join("out.txt")), "export");
    }
}
