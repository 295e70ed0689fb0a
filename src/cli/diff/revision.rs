//! One side of a diff: a map file, or a file at a git revision (`main:maps/x.ron`), read with
//! `git show` run as a subprocess. Every way that can fail is a load error that says which.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use touchpoint_engine::mapfile::{self, Diagnostic, LoadError, LoadedMap};

/// Where one side is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Spec<'a> {
    File(&'a Path),
    /// `rev` is empty for the staged version (`:path`).
    Git {
        rev: &'a str,
        path: &'a str,
    },
}

/// Reads `spec` as a person means it: a path that exists is a file, whatever it holds; else
/// `REV:PATH` is a git revision of a file; anything else is a file (missing, which loading
/// reports).
pub(super) fn parse(spec: &OsStr) -> Spec<'_> {
    let as_path = Path::new(spec);
    if as_path.exists() {
        return Spec::File(as_path);
    }
    let Some(text) = spec.to_str() else {
        return Spec::File(as_path);
    };
    match text.split_once(':') {
        // `C:\maps\x.ron` or `C:/maps/x.ron` is a Windows path, not revision `C`.
        Some((rev, path))
            if rev.len() == 1
                && rev.chars().all(|c| c.is_ascii_alphabetic())
                && path.starts_with(['\\', '/']) =>
        {
            Spec::File(as_path)
        }
        Some((rev, path)) => Spec::Git { rev, path },
        None => Spec::File(as_path),
    }
}

/// Loads the map `spec` names; its name in every message is `spec` as given. A comparison
/// shows positions, never source lines: the text is not kept (two 100,000-step maps are
/// 400 MB of it).
pub(super) fn load(spec: &OsStr) -> Result<LoadedMap, LoadError> {
    match parse(spec) {
        Spec::File(path) => mapfile::load_without_text(path),
        Spec::Git { rev, path } => {
            let name = spec.to_string_lossy();
            let bytes = show(rev, path, &name)?;
            mapfile::load_bytes_without_text(&name, bytes)
        }
    }
}

fn fail(name: &str, message: String, hint: &str) -> LoadError {
    LoadError {
        diagnostics: vec![Diagnostic::whole_file(name, message).with_hint(Some(hint.into()))],
    }
}

/// git's own words, on one line, for a note.
fn said(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    format!("git said: {}", lines.join(" "))
}

fn git(args: &[&str]) -> std::io::Result<Output> {
    Command::new("git")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
}

/// The bytes of `path` at revision `rev`.
fn show(rev: &str, path: &str, name: &str) -> Result<Vec<u8>, LoadError> {
    if rev.starts_with('-') {
        // Not a revision: git would read it as an option.
        return Err(fail(
            name,
            format!("`{rev}` is not a git revision"),
            "name a branch, tag or commit (`main`, `HEAD~1`) before the colon, or a file",
        ));
    }
    if path.is_empty() {
        return Err(fail(
            name,
            format!("no file after the revision `{rev}:`"),
            "name the map's path after the colon: `main:maps/x.ron`",
        ));
    }
    let missing_git = |e: std::io::Error| {
        let message = if e.kind() == std::io::ErrorKind::NotFound {
            "git is not installed (or not on the PATH), so a revision cannot be read".to_string()
        } else {
            format!("git could not be run: {e}")
        };
        fail(
            name,
            message,
            "install git, or compare two files: `git show REV:PATH > old.ron` first",
        )
    };
    if !rev.is_empty() {
        let commit = format!("{rev}^{{commit}}");
        let found = git(&["rev-parse", "--verify", "--quiet", &commit]).map_err(missing_git)?;
        if !found.status.success() {
            let stderr = String::from_utf8_lossy(&found.stderr);
            if stderr.contains("not a git repository") {
                return Err(not_a_repository(name, &found));
            }
            let mut e = fail(
                name,
                format!("unknown git revision `{rev}`"),
                "name a branch, tag or commit such as `main`, `origin/main` or `HEAD~1`; in CI, \
                 fetch it first (`git fetch origin main`), a shallow clone has no other commits",
            );
            if !found.stderr.is_empty() {
                e.diagnostics[0].note = Some(said(&found));
            }
            return Err(e);
        }
    }
    let object = format!("{rev}:{path}");
    let kind = git(&["cat-file", "-t", &object]).map_err(missing_git)?;
    if !kind.status.success() {
        if String::from_utf8_lossy(&kind.stderr).contains("not a git repository") {
            return Err(not_a_repository(name, &kind));
        }
        let at = if rev.is_empty() {
            "is not in git's index (staged files)".to_string()
        } else {
            format!("does not exist at revision `{rev}`")
        };
        let mut e = fail(
            name,
            format!("`{path}` {at}"),
            "paths after `REV:` start at the repository's top folder; `REV:./x.ron` starts at \
             the current folder",
        );
        e.diagnostics[0].note = Some(said(&kind));
        return Err(e);
    }
    if String::from_utf8_lossy(&kind.stdout).trim() != "blob" {
        return Err(fail(
            name,
            format!(
                "`{path}` is a folder at `{}`, not a map file",
                display_rev(rev)
            ),
            "name a `.ron` file in it",
        ));
    }
    let shown = git(&["show", "--no-textconv", &object]).map_err(missing_git)?;
    if !shown.status.success() {
        let mut e = fail(
            name,
            format!("git could not show `{object}`"),
            "check the revision and the path",
        );
        e.diagnostics[0].note = Some(said(&shown));
        return Err(e);
    }
    Ok(shown.stdout)
}

fn display_rev(rev: &str) -> &str {
    if rev.is_empty() { "the index" } else { rev }
}

fn not_a_repository(name: &str, output: &Output) -> LoadError {
    let mut e = fail(
        name,
        "not inside a git repository, so a revision cannot be read".to_string(),
        "run touchpoint from within the repository, or name a file",
    );
    e.diagnostics[0].note = Some(said(output));
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_and_a_path() {
        assert_eq!(
            parse(OsStr::new("main:maps/x.ron")),
            Spec::Git {
                rev: "main",
                path: "maps/x.ron"
            }
        );
        assert_eq!(
            parse(OsStr::new("HEAD~1:x.ron")),
            Spec::Git {
                rev: "HEAD~1",
                path: "x.ron"
            }
        );
        assert_eq!(
            parse(OsStr::new(":x.ron")),
            Spec::Git {
                rev: "",
                path: "x.ron"
            }
        );
    }

    #[test]
    fn files_stay_files() {
        assert_eq!(
            parse(OsStr::new("maps/none.ron")),
            Spec::File(Path::new("maps/none.ron"))
        );
        assert_eq!(
            parse(OsStr::new("C:\\maps\\x.ron")),
            Spec::File(Path::new("C:\\maps\\x.ron"))
        );
        // A file that exists is a file, colon or not.
        let dir = tempfile::tempdir().expect("tempdir");
        let odd = dir.path().join("a:b.ron");
        std::fs::write(&odd, "x").expect("write");
        assert_eq!(parse(odd.as_os_str()), Spec::File(&odd));
    }

    #[test]
    fn an_option_is_not_a_revision() {
        let e = show("--output=x", "y.ron", "--output=x:y.ron").expect_err("refused");
        assert!(e.diagnostics[0].message.contains("not a git revision"));
    }
}
