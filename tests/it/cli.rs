//! The `touchpoint` binary as a person or a CI job uses it: output, formats and exit codes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
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

/// The starter map with one collection's benefit removed: a single advice finding.
fn with_advice() -> String {
    STARTER.replace("benefit: \"They get the newsletter\",", "")
}

/// The starter map without a retention period: a warning (and nothing worse).
fn with_warning() -> String {
    STARTER.replace("retention: \"Until the customer unsubscribes\",", "")
}

/// The starter map with no lawful basis: an error.
fn with_error() -> String {
    STARTER.replace("basis: Consent,", "")
}

#[test]
fn check_on_a_clean_map_exits_zero_with_a_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let map = write(dir.path(), "clean.ron", STARTER);
    touchpoint()
        .arg("check")
        .arg(&map)
        .assert()
        .code(0)
        .stdout(contains("0 errors, 0 warnings, 0 advice"));
}

#[test]
fn deny_sets_the_threshold_for_the_exit_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let warn = write(dir.path(), "warn.ron", &with_warning());
    let advice = write(dir.path(), "advice.ron", &with_advice());
    let error = write(dir.path(), "error.ron", &with_error());
    touchpoint().arg("check").arg(&warn).assert().code(0);
    touchpoint()
        .args(["check", "--deny", "warnings"])
        .arg(&warn)
        .assert()
        .code(1);
    touchpoint()
        .args(["check", "--deny", "warning"])
        .arg(&advice)
        .assert()
        .code(0);
    touchpoint()
        .args(["check", "--deny", "advice"])
        .arg(&advice)
        .assert()
        .code(1);
    touchpoint().arg("check").arg(&error).assert().code(1);
    touchpoint()
        .args(["check", "--deny", "sometimes"])
        .arg(&error)
        .assert()
        .code(2)
        .stderr(contains("use error, warning or advice"));
}

#[test]
fn human_output_is_rustc_style() {
    let dir = tempfile::tempdir().expect("tempdir");
    let map = write(dir.path(), "journey.ron", &with_warning());
    let out = touchpoint()
        .arg("check")
        .arg(&map)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("utf-8");
    assert!(
        out.contains("warning[TP005/missing-retention]: \"Email address\" is kept after"),
        "{out}"
    );
    let line = STARTER
        .lines()
        .position(|l| l.contains("element: \"email\""))
        .expect("line")
        + 1;
    assert!(out.contains(&format!("journey.ron:{line}:")), "{out}");
    assert!(
        out.contains("= at: step `signup`, element `email`"),
        "{out}"
    );
    assert!(out.contains("= help: Add `retention:`"), "{out}");
    assert!(out.contains("0 errors, 1 warning, 0 advice"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour when not on a terminal");
}

#[test]
fn colour_can_be_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let map = write(dir.path(), "journey.ron", &with_warning());
    touchpoint()
        .args(["check", "--color", "always"])
        .arg(&map)
        .assert()
        .stdout(contains("\u{1b}[1m\u{1b}[33mwarning"));
}

#[test]
fn no_color_means_no_colour_unless_it_is_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let map = write(dir.path(), "journey.ron", &with_warning());
    // CLICOLOR_FORCE asks for colour off a terminal; a set NO_COLOR still wins over it, and an
    // empty NO_COLOR counts as unset (as in the workbench).
    let check = |no_color: &str| {
        let out = touchpoint()
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", no_color)
            .arg("check")
            .arg(&map)
            .output()
            .expect("check runs");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    assert!(!check("1").contains('\u{1b}'), "NO_COLOR=1: no colour");
    assert!(check("").contains('\u{1b}'), "NO_COLOR empty: colour");
}

#[test]
fn json_output_has_stable_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    let map = write(dir.path(), "journey.ron", &with_error());
    let out = touchpoint()
        .args(["check", "--format", "json"])
        .arg(&map)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    assert_eq!(v["version"], 1);
    let f = &v["findings"][0];
    assert_eq!(f["code"], "TP002");
    assert_eq!(f["name"], "missing-lawful-basis");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["step"], "signup");
    assert_eq!(f["element"], "email");
    assert!(f["line"].as_u64().is_some_and(|l| l > 1));
    assert!(f["column"].as_u64().is_some());
    assert!(
        f["message"]
            .as_str()
            .is_some_and(|m| m.contains("lawful basis"))
    );
    assert!(
        f["file"]
            .as_str()
            .is_some_and(|p| p.ends_with("journey.ron"))
    );
    assert_eq!(v["summary"]["error"], 1);
    assert_eq!(v["load_errors"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_broken_map_exits_two_with_the_position_and_a_hint() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = write(dir.path(), "good.ron", STARTER);
    let bad = write(
        dir.path(),
        "bad.ron",
        &STARTER.replace("purpose:", "purpse:"),
    );
    let line = STARTER
        .lines()
        .position(|l| l.contains("purpose:"))
        .expect("line")
        + 1;
    touchpoint()
        .arg("check")
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(contains(format!("bad.ron:{line}:21")))
        .stderr(contains("unknown field `purpse` in a collection"))
        .stderr(contains("help: did you mean `purpose`?"))
        .stderr(contains("1 map could not be loaded"))
        .stdout(contains("good.ron: 0 errors"));
    let out = touchpoint()
        .args(["check", "--format", "json"])
        .arg(&bad)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    assert_eq!(v["load_errors"][0]["line"], line);
    assert_eq!(v["load_errors"][0]["hint"], "did you mean `purpose`?");
}

#[test]
fn binary_and_missing_files_exit_two_without_panicking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = dir.path().join("image.ron");
    std::fs::write(&bin, b"\x89PNG\0\0\xff\xfe").expect("write");
    touchpoint()
        .arg("check")
        .arg(&bin)
        .assert()
        .code(2)
        .stderr(contains("binary file"))
        .stderr(contains("panicked").not());
    touchpoint()
        .args(["check", "does-not-exist.ron"])
        .assert()
        .code(2)
        .stderr(contains("does-not-exist.ron"))
        .stderr(contains("cannot open the file"));
}

#[test]
fn terminal_control_characters_in_a_map_are_not_printed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let hostile = with_warning().replace(
        "Enter email on sign-up form",
        r"Sign up \u{1b}]0;pwned\u{7}\u{1b}[2J now",
    );
    let map = write(dir.path(), "hostile.ron", &hostile);
    let out = touchpoint()
        .arg("check")
        .arg(&map)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("utf-8");
    assert!(out.contains("Sign up ]0;pwned[2J now"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
}

#[test]
fn new_writes_a_starter_that_checks_clean_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mine.ron");
    touchpoint()
        .arg("new")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(contains("wrote"));
    touchpoint()
        .args(["check", "--deny", "advice"])
        .arg(&path)
        .assert()
        .code(0);
    std::fs::write(&path, "my work").expect("write");
    touchpoint()
        .arg("new")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "my work");
    touchpoint()
        .arg("new")
        .arg(&path)
        .arg("--force")
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), STARTER);
}

#[test]
fn rules_lists_every_rule_and_explains_one() {
    let out = touchpoint()
        .arg("rules")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("utf-8");
    for r in touchpoint_engine::analysis::RULES {
        assert!(
            out.contains(r.code) && out.contains(r.name),
            "{} missing",
            r.code
        );
    }
    touchpoint()
        .args(["rules", "TP007"])
        .assert()
        .code(0)
        .stdout(contains("certain-repeat"))
        .stdout(contains("Why it matters"))
        .stdout(contains("What to do"))
        .stdout(contains("Flagged"))
        .stdout(contains("Passes"));
    touchpoint()
        .args(["check", "--explain", "possible-repeat"])
        .assert()
        .code(0)
        .stdout(contains("TP008"));
    touchpoint()
        .args(["rules", "certain-repaet"])
        .assert()
        .code(2)
        .stderr(contains("did you mean `certain-repeat`?"));
}

#[test]
fn every_subcommand_has_help() {
    for sub in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["new", "--help"],
        vec!["rules", "--help"],
        vec!["open", "--help"],
    ] {
        touchpoint()
            .args(&sub)
            .assert()
            .code(0)
            .stdout(contains("Usage:"));
    }
    touchpoint()
        .args(["check", "--help"])
        .assert()
        .stdout(contains("--deny"));
    touchpoint()
        .arg("chekc")
        .assert()
        .code(2)
        .stderr(contains("check"));
    // Every subcommand is suggested, from clap's own list (a hand-kept one missed `export`).
    touchpoint()
        .arg("exprot")
        .assert()
        .code(2)
        .stderr(contains("a similar subcommand exists: 'export'"));
}

#[test]
fn a_folder_with_no_map_fails_and_maps_are_found_in_subfolders_in_any_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    write(&empty, "notes.txt", "not a map");
    touchpoint()
        .arg("check")
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(contains(
            "no map file (`.ron`) in this folder or its subfolders",
        ));
    let team = dir.path().join("team");
    std::fs::create_dir_all(team.join("web/checkout")).expect("mkdir");
    std::fs::create_dir_all(team.join(".git")).expect("mkdir");
    write(&team, "MAP.RON", STARTER);
    write(&team.join("web/checkout"), "pay.ron", &with_warning());
    write(&team.join(".git"), "ignored.ron", "not even RON");
    touchpoint()
        .arg("check")
        .arg(&team)
        .assert()
        .code(0)
        .stdout(contains("MAP.RON: 0 errors"))
        .stdout(contains("pay.ron: 0 errors, 1 warning"))
        .stdout(contains("2 maps: 0 errors, 1 warning, 0 advice"));
}

#[test]
fn a_folder_checks_every_map_in_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.ron", STARTER);
    write(dir.path(), "b.ron", &with_warning());
    write(dir.path(), "notes.txt", "not a map");
    touchpoint()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(contains("a.ron: 0 errors"))
        .stdout(contains("b.ron: 0 errors, 1 warning"))
        .stdout(contains("2 maps: 0 errors, 1 warning, 0 advice"));
}

#[test]
fn invisible_and_separator_characters_never_reach_the_terminal() {
    const HIDDEN: [char; 10] = [
        '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{61c}', '\u{2028}',
        '\u{2029}', '\u{2060}', '\u{feff}',
    ];
    let hidden: String = HIDDEN.iter().collect();
    // In a title (quoted by the finding's message) and on the line the snippet shows.
    let map = with_error()
        .replace("on sign-up form", &format!("on sign{hidden}up form"))
        .replace(
            "element: \"email\",",
            &format!("element: \"email\", // {hidden}"),
        );
    assert!(map.contains(&hidden), "the starter map was changed");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "hidden.ron", &map);
    let out = touchpoint()
        .arg("check")
        .arg(&path)
        .output()
        .expect("check runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.contains("at \"Enter email on sign  up form\""),
        "{text}"
    );
    for c in HIDDEN {
        assert!(
            !text.contains(c),
            "U+{:04X} reached the terminal",
            u32::from(c)
        );
    }
}

#[test]
fn options_or_several_maps_without_a_command_say_what_was_meant() {
    touchpoint()
        .args(["a.ron", "b.ron"])
        .assert()
        .code(2)
        .stderr(contains("the workbench opens one map at a time"))
        .stderr(contains("touchpoint check a.ron b.ron"));
    touchpoint()
        .args(["--format", "json", "maps"])
        .assert()
        .code(2)
        .stderr(contains("`--format` is an option of `touchpoint check`"))
        .stderr(contains(
            "did you mean: touchpoint check --format json maps",
        ));
}

#[test]
fn new_on_a_folder_says_to_name_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    for force in [false, true] {
        let mut cmd = touchpoint();
        cmd.arg("new").arg(dir.path());
        if force {
            cmd.arg("--force");
        }
        cmd.assert()
            .code(2)
            .stderr(contains("is a folder; name the map file"))
            .stderr(contains("journey.ron"))
            .stderr(contains("--force").not());
    }
}

#[test]
fn the_rules_table_is_aligned() {
    let out = touchpoint().arg("rules").output().expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    // Every rule's summary starts in the same column (the severity column is padded).
    let columns: Vec<usize> = touchpoint_engine::analysis::RULES
        .iter()
        .map(|r| {
            let row = text
                .lines()
                .find(|l| l.starts_with(r.code))
                .expect("a row per rule");
            row.find(r.summary).expect("the summary is on the row")
        })
        .collect();
    assert!(
        columns.windows(2).all(|w| w[0] == w[1]),
        "{columns:?}\n{text}"
    );
}

#[test]
fn an_overdue_review_action_is_reported_as_of_today_or_the_given_day() {
    let map = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/maps/online-shopping-returns.ron"
    );
    let run = |today: &str| {
        let out = touchpoint()
            .args(["check", "--color", "never", "--today", today, map])
            .output()
            .expect("check runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(
        !run("2026-02-28").contains("TP023"),
        "due that day: not yet late"
    );
    let late = run("2026-03-01");
    assert!(
        late.contains("warning[TP023/overdue-action]")
            && late.contains("due 2026-02-28: still open on 2026-03-01"),
        "{late}"
    );
    touchpoint()
        .args(["check", "--today", "tomorrow", map])
        .assert()
        .code(2)
        .stderr(contains("is not a date written YYYY-MM-DD"));
    touchpoint()
        .args(["rules", "overdue-action"])
        .assert()
        .code(0)
        .stdout(contains("TP023"))
        .stdout(contains("Art. 5(2)"));
}

#[test]
fn review_needs_a_map_and_a_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    touchpoint()
        .args(["review", "missing.ron"])
        .current_dir(dir.path())
        .assert()
        .code(2);
    let map = write(dir.path(), "map.ron", STARTER);
    touchpoint()
        .arg("review")
        .arg(&map)
        .assert()
        .code(2)
        .stderr(contains("needs a terminal"));
}

/// A large map is read in pieces and its text is not held; the default report reads the line
/// of each finding back from the file. Each line shown is the file's line of that number, with
/// Windows line breaks and a byte-order mark too, and the JSON report agrees with the text's.
#[test]
fn a_large_map_shows_the_files_own_lines() {
    use touchpoint_engine::journey::synthetic::{Shape, generate};
    let dir = tempfile::tempdir().expect("tempdir");
    let text = touchpoint_engine::mapfile::to_ron(&generate(Shape::with_allows(300))).expect("ron");
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    assert!(crlf.len() > 512 * 1024, "large enough to be read in pieces");
    let path = write(dir.path(), "large.ron", &crlf);
    let out = touchpoint()
        .args(["check", "--today", "2026-11-29", "--color", "never"])
        .arg(&path)
        .output()
        .expect("runs");
    let report = String::from_utf8(out.stdout).expect("utf-8");
    let shown = assert_lines_shown_are(&report, &text);
    assert!(shown > 100, "{shown} lines shown");
    // The same findings as from the whole text.
    let json = |path: &Path| {
        let out = touchpoint()
            .args(["check", "--today", "2026-11-29", "--format", "json"])
            .arg(path)
            .output()
            .expect("runs");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let small = write(dir.path(), "same.ron", &text);
    assert_eq!(
        json(&path).replace("large.ron", "x"),
        json(&small).replace("same.ron", "x")
    );
}

/// The default report drops its colour itself when it is not kept, piece by piece: the same
/// text as the coloured report without its colour codes, over a report long enough for both
/// of its threads.
#[test]
fn a_long_report_without_colour_is_the_coloured_one_stripped() {
    use touchpoint_engine::journey::synthetic::{Shape, generate};
    let dir = tempfile::tempdir().expect("tempdir");
    let text =
        touchpoint_engine::mapfile::to_ron(&generate(Shape::with_steps(2_500))).expect("ron");
    let path = write(dir.path(), "long.ron", &text);
    let report = |colour: &str| {
        let out = touchpoint()
            .args(["check", "--today", "2026-11-29", "--color", colour])
            .arg(&path)
            .output()
            .expect("runs");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let (coloured, plain) = (report("always"), report("never"));
    assert!(coloured.contains('\u{1b}'));
    assert!(!plain.contains('\u{1b}'));
    assert!(
        plain.lines().count() > 16 * 1024,
        "{} lines",
        plain.lines().count()
    );
    // Every code the report paints is `ESC [ ... m`.
    let mut stripped = String::new();
    let mut rest = coloured.as_str();
    while let Some((before, code)) = rest.split_once('\u{1b}') {
        stripped.push_str(before);
        rest = code.split_once('m').expect("a code ends").1;
    }
    stripped.push_str(rest);
    assert!(
        stripped == plain,
        "the plain report is the coloured one, stripped"
    );
}

/// Two maps whose findings stand on the same line numbers, in lines of different lengths:
/// each map's line is shown from its own file (the cache of a line's characters once served
/// the first map's to the second, and cut the line at the wrong places or panicked).
#[test]
fn findings_of_two_maps_show_each_files_own_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let map = include_str!("../../maps/broadband-fault.ron");
    let first = write(dir.path(), "a.ron", map);
    let moved = format!("{}{map}", "\n".repeat(525));
    let second = write(dir.path(), "b.ron", &moved);
    let out = touchpoint()
        .args(["check", "--today", "2026-11-29", "--color", "never"])
        .arg(&first)
        .arg(&second)
        .output()
        .expect("runs");
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    let report = String::from_utf8(out.stdout).expect("utf-8");
    let (a, b) = report.split_once("b.ron:").expect("findings of both maps");
    let shown = assert_lines_shown_are(a, map) + assert_lines_shown_are(b, &moved);
    assert!(shown > 10);
}

/// Holds each source line a report shows (`  123 |             element: "email",`) to the
/// line of that number in `text`; how many there were.
fn assert_lines_shown_are(report: &str, text: &str) -> usize {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut shown = 0;
    for l in report.lines() {
        let Some((number, source)) = l.split_once(" | ") else {
            continue;
        };
        let Ok(n) = number.trim().parse::<usize>() else {
            continue;
        };
        assert_eq!(source, lines[n - 1], "line {n}");
        shown += 1;
    }
    shown
}
