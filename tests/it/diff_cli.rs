//! `touchpoint diff` as a person and a CI job use it: the three formats, `--fail-on` and its
//! exit codes, git revisions read with `git show`, and what it says when a side cannot be read.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;

const STARTER: &str = include_str!("../../src/cli/starter.ron");

fn touchpoint() -> Command {
    let mut cmd = Command::cargo_bin("touchpoint").expect("binary built");
    cmd.env_remove("NO_COLOR");
    cmd
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path
}

/// The starter map, changed the way a pull request would: the email's lawful basis removed
/// (an error introduced), a step retitled, a step added, and a review decision recorded.
fn changed() -> String {
    let with_review = STARTER.replacen(
        "    ],\n)",
        "    ],\n    reviews: [(date: \"2026-11-29\", participants: [\"Ana\"], decisions: [\n        (step: \"signup\", element: \"email\", outcome: Deferred, owner: \"Ana\", due: \"2099-12-31\", note: \"basis to confirm\"),\n    ])],\n)",
        1,
    );
    with_review
        .replace("basis: Consent,", "")
        .replace("Click the confirmation link", "Click the link in the email")
        .replace(
            "    ],\n\n    // How",
            "        (id: \"welcome\", title: \"Read the welcome email\", channel: \"email\", \
             stage: \"use\"),\n    ],\n\n    // How",
        )
}

/// Both sides in a scratch folder, named the same in every run so snapshots are stable.
fn pair(dir: &Path) -> (PathBuf, PathBuf) {
    (
        write(dir, "old.ron", STARTER),
        write(dir, "new.ron", &changed()),
    )
}

fn stdout_in(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = touchpoint()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("touchpoint runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_fixture_changes_what_it_says() {
    // Guards the replacements above: each one must hit the starter map.
    let text = changed();
    assert!(!text.contains("basis: Consent,"));
    assert!(text.contains("Click the link in the email"));
    assert!(text.contains("\"welcome\""));
    assert!(text.contains("reviews: ["));
}

#[test]
fn a_map_against_itself_is_no_change_and_exits_zero() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (old, _) = pair(dir.path());
    touchpoint()
        .arg("diff")
        .arg(&old)
        .arg(&old)
        .assert()
        .code(0)
        .stdout(contains("changes: none"))
        .stdout(contains("0 introduced, 0 resolved"));
}

#[test]
fn human_output_names_each_change_with_its_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    pair(dir.path());
    let (code, out) = stdout_in(dir.path(), &["diff", "old.ron", "new.ron"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("+ step `welcome` \"Read the welcome email\""),
        "{out}"
    );
    assert!(
        out.contains("title: \"Click the confirmation link\" → \"Click the link in the email\""),
        "{out}"
    );
    assert!(out.contains("basis: Consent → (none)"), "{out}");
    assert!(out.contains("error[TP002/missing-lawful-basis]"), "{out}");
    assert!(
        out.contains("+ 2026-11-29 deferred to Ana, due 2099-12-31: `email` at step `signup`"),
        "{out}"
    );
    // Each item with its file:line in NEW.
    assert!(out.contains("--> new.ron:"), "{out}");
}

#[test]
fn json_output_has_stable_field_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    pair(dir.path());
    let (code, out) = stdout_in(
        dir.path(),
        &["diff", "--format", "json", "old.ron", "new.ron"],
    );
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["steps"]["added"], 1);
    assert_eq!(v["findings"]["introduced"][0]["code"], "TP002");
    insta::assert_snapshot!("diff_json", out);
}

#[test]
fn markdown_output_is_a_pull_request_comment() {
    let dir = tempfile::tempdir().expect("tempdir");
    pair(dir.path());
    let (code, out) = stdout_in(
        dir.path(),
        &["diff", "--format", "markdown", "old.ron", "new.ron"],
    );
    assert_eq!(code, Some(0));
    assert!(out.starts_with("### touchpoint diff:"));
    insta::assert_snapshot!("diff_markdown", out);
}

#[test]
fn fail_on_gates_on_introduced_findings_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    pair(dir.path());
    // The change introduces an error: both levels fail.
    for level in ["new-error", "new-warning"] {
        touchpoint()
            .current_dir(dir.path())
            .args(["diff", "old.ron", "new.ron", "--fail-on", level])
            .assert()
            .code(1)
            .stderr(contains("the change introduces 1 finding"));
    }
    // The way back resolves it and introduces nothing: old debt is tolerated.
    touchpoint()
        .current_dir(dir.path())
        .args(["diff", "new.ron", "old.ron", "--fail-on", "new-warning"])
        .assert()
        .code(0);
    // A map that already has the error, against itself: nothing new, exit 0.
    touchpoint()
        .current_dir(dir.path())
        .args(["diff", "new.ron", "new.ron", "--fail-on", "new-error"])
        .assert()
        .code(0);
    touchpoint()
        .current_dir(dir.path())
        .args(["diff", "old.ron", "new.ron", "--fail-on", "sometimes"])
        .assert()
        .code(2);
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn either_side_may_be_a_git_revision() {
    let dir = tempfile::tempdir().expect("tempdir");
    git(dir.path(), &["init", "-q", "-b", "main"]);
    std::fs::create_dir(dir.path().join("maps")).expect("mkdir");
    write(&dir.path().join("maps"), "x.ron", STARTER);
    git(dir.path(), &["add", "maps/x.ron"]);
    git(dir.path(), &["commit", "-q", "-m", "map"]);
    write(&dir.path().join("maps"), "x.ron", &changed());
    touchpoint()
        .current_dir(dir.path())
        .args([
            "diff",
            "main:maps/x.ron",
            "maps/x.ron",
            "--fail-on",
            "new-error",
        ])
        .assert()
        .code(1)
        .stdout(contains("touchpoint diff: main:maps/x.ron → maps/x.ron"))
        .stdout(contains("+ step `welcome`"));
    // The staged version (`:path`) is the committed one until added.
    touchpoint()
        .current_dir(dir.path())
        .args(["diff", ":maps/x.ron", "main:maps/x.ron"])
        .assert()
        .code(0)
        .stdout(contains("changes: none"));
    touchpoint()
        .current_dir(dir.path())
        .args(["diff", "nope:maps/x.ron", "maps/x.ron"])
        .assert()
        .code(2)
        .stderr(contains("unknown git revision `nope`"));
    touchpoint()
        .current_dir(dir.path())
        .args(["diff", "main:maps/y.ron", "maps/x.ron"])
        .assert()
        .code(2)
        .stderr(contains("`maps/y.ron` does not exist at revision `main`"));
}

#[test]
fn a_side_that_cannot_be_loaded_exits_two() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (old, _) = pair(dir.path());
    let broken = write(dir.path(), "broken.ron", "(meta: (");
    touchpoint()
        .arg("diff")
        .arg(&old)
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(contains("cannot compare"));
    let (code, out) = stdout_in(
        dir.path(),
        &["diff", "--format", "json", "old.ron", "broken.ron"],
    );
    assert_eq!(code, Some(2));
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert!(v["load_errors"].as_array().is_some_and(|a| !a.is_empty()));
}
