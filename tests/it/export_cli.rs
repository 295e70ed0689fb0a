//! `touchpoint export` as a person or a CI job uses it: every format to standard output and
//! to a file, helpful errors, and exit codes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;
use touchpoint_engine::journey::synthetic::{Shape, generate};
use touchpoint_engine::mapfile::to_ron;
use touchpoint_export::EXPORTERS;

const SAMPLE: &str = "maps/broadband-fault.ron";

fn touchpoint() -> Command {
    Command::cargo_bin("touchpoint").expect("binary built")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path
}

#[test]
fn every_format_goes_to_stdout_and_to_a_file_identically() {
    let dir = tempfile::tempdir().expect("tempdir");
    for e in EXPORTERS {
        let stdout = touchpoint()
            .args(["export", SAMPLE, "--format", e.id()])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(!stdout.is_empty(), "{} writes something", e.id());
        let out = dir.path().join(format!("map.{}", e.extension()));
        touchpoint()
            .args(["export", SAMPLE, "--format", e.id(), "-o"])
            .arg(&out)
            .assert()
            .success()
            .stdout("")
            .stderr(contains("wrote"));
        let written = std::fs::read(&out).expect("the file exists");
        assert_eq!(written, stdout, "{}: file and stdout agree", e.id());
    }
}

#[test]
fn the_format_is_inferred_from_an_unambiguous_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("journey.svg");
    touchpoint()
        .args(["export", SAMPLE, "-o"])
        .arg(&out)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&out).expect("written");
    assert!(svg.contains("<svg"));
    touchpoint()
        .args(["export", SAMPLE, "-o"])
        .arg(dir.path().join("inventory.csv"))
        .assert()
        .code(2)
        .stderr(contains("--format"))
        .stderr(contains("inventory-csv"));
}

#[test]
fn an_unknown_format_lists_the_formats() {
    touchpoint()
        .args(["export", SAMPLE, "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(contains("pdf"))
        .stderr(contains("mermaid-flowchart"))
        .stderr(contains("ropa-csv"));
    touchpoint()
        .args(["export", SAMPLE, "--format", "sv"])
        .assert()
        .code(2)
        .stderr(contains("svg"));
}

#[test]
fn help_lists_every_format_with_its_description() {
    let out = touchpoint().args(["export", "--help"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for e in EXPORTERS {
        assert!(text.contains(e.id()), "help names {}", e.id());
    }
    assert!(text.contains("--stage"));
}

#[test]
fn a_broken_map_exits_2_with_a_located_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let map = write(
        dir.path(),
        "broken.ron",
        "(meta: (title: \"x\"), steps: [oops])\n",
    );
    let out = dir.path().join("out.svg");
    touchpoint()
        .args(["export"])
        .arg(&map)
        .args(["--format", "svg", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("broken.ron:1:"));
    assert!(!out.exists(), "nothing is written for a broken map");
    touchpoint()
        .args(["export", "no-such-map.ron", "--format", "dot"])
        .assert()
        .code(2)
        .stderr(contains("cannot open"));
}

#[test]
fn an_unwritable_output_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    touchpoint()
        .args(["export", SAMPLE, "--format", "html", "-o"])
        .arg(dir.path().join("no-such-folder").join("report.html"))
        .assert()
        .code(2)
        .stderr(contains("cannot write"));
}

#[test]
fn an_unknown_stage_names_the_stages() {
    touchpoint()
        .args(["export", SAMPLE, "--format", "dot", "--stage", "nope"])
        .assert()
        .code(2)
        .stderr(contains("unknown stage `nope`"))
        .stderr(contains("selfhelp"));
}

#[test]
fn exports_are_the_same_from_run_to_run() {
    for e in EXPORTERS {
        let run = || {
            touchpoint()
                .args(["export", SAMPLE, "--format", e.id()])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone()
        };
        assert_eq!(run(), run(), "{} is deterministic across processes", e.id());
    }
}

#[test]
fn mermaid_refuses_a_map_over_its_limits_and_offers_stages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = to_ron(&generate(Shape::with_steps(1_000))).expect("serialises");
    let map = write(dir.path(), "big.ron", &text);
    touchpoint()
        .arg("export")
        .arg(&map)
        .args(["--format", "mermaid-flowchart"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("too large for Mermaid"))
        .stderr(contains("--stage"))
        .stderr(contains("st0"));
    // One stage of it fits, and every other format takes the whole map.
    let out = touchpoint()
        .arg("export")
        .arg(&map)
        .args(["--format", "mermaid-flowchart", "--stage", "st0"])
        .assert()
        .success();
    let stage = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stage.encode_utf16().count() <= 50_000);
    assert!(stage.matches("-->").count() + stage.matches("-.->").count() <= 500);
    for id in ["svg", "dot", "plantuml", "mermaid-journey", "html"] {
        touchpoint()
            .arg("export")
            .arg(&map)
            .args(["--format", id])
            .assert()
            .success();
    }
}

#[test]
fn the_report_is_dated_only_when_asked() {
    let plain = touchpoint()
        .args(["export", SAMPLE, "--format", "html"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let plain = String::from_utf8(plain).expect("UTF-8");
    assert!(!plain.contains("<dt>Date</dt>"));
    assert!(
        plain.contains("SHA-256 of the map"),
        "the map is identified"
    );
    touchpoint()
        .args(["export", SAMPLE, "--format", "html", "--date", "2025-01-31"])
        .assert()
        .success()
        .stdout(contains("<dt>Date</dt><dd>2025-01-31</dd>"));
    // Today, as reproducible builds give it.
    touchpoint()
        .args(["export", SAMPLE, "--format", "html", "--date"])
        .env("SOURCE_DATE_EPOCH", "1738281600")
        .assert()
        .success()
        .stdout(contains("<dt>Date</dt><dd>2025-01-31</dd>"));
    touchpoint()
        .args(["export", SAMPLE, "--format", "html", "--date", "31/01/2025"])
        .assert()
        .code(2)
        .stderr(contains("YYYY-MM-DD"));
}

#[test]
fn a_format_that_contradicts_the_file_name_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.svg");
    touchpoint()
        .args(["export", SAMPLE, "--format", "html", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("--format html writes a .html file"))
        .stderr(contains("out.html"));
    assert!(!out.exists(), "nothing written");
    // A name no format claims is fine.
    touchpoint()
        .args(["export", SAMPLE, "--format", "html", "-o"])
        .arg(dir.path().join("report.txt"))
        .assert()
        .success();
}

#[test]
fn an_ambiguous_extension_names_the_candidates_and_aliases_are_known() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, candidates) in [
        ("x.mmd", ["mermaid-flowchart", "mermaid-journey"]),
        ("x.md", ["inventory-md", "ropa-md"]),
        ("x.csv", ["inventory-csv", "ropa-csv"]),
    ] {
        touchpoint()
            .args(["export", SAMPLE, "-o"])
            .arg(dir.path().join(name))
            .assert()
            .code(2)
            .stderr(contains(format!(
                "could be `{}` or `{}`",
                candidates[0], candidates[1]
            )));
    }
    for (name, format) in [
        ("map.puml", "plantuml"),
        ("map.pu", "plantuml"),
        ("map.htm", "html"),
    ] {
        touchpoint()
            .args(["export", SAMPLE, "-o"])
            .arg(dir.path().join(name))
            .assert()
            .success()
            .stderr(contains(format!("({format})")));
    }
    let gv = dir.path().join("map.gv");
    touchpoint()
        .args(["export", SAMPLE, "-o"])
        .arg(&gv)
        .assert()
        .success()
        .stderr(contains("(dot)"));
    assert!(
        std::fs::read_to_string(&gv)
            .expect("written")
            .starts_with("// ")
    );
}

#[test]
fn a_stage_can_be_named_by_its_name() {
    let by_id = touchpoint()
        .args(["export", SAMPLE, "--format", "dot", "--stage", "selfhelp"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let by_name = touchpoint()
        .args(["export", SAMPLE, "--format", "dot", "--stage", "self-help"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(by_id, by_name);
}

#[cfg(unix)]
#[test]
fn a_full_disk_is_an_error_and_a_closed_pipe_is_quiet() {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full")
    };
    let bin = assert_cmd::cargo::cargo_bin("touchpoint");
    // Standard output on a full device: a message and exit 2, never 0 or a panic (101).
    for args in [
        vec!["export", SAMPLE, "--format", "html"],
        vec!["check", SAMPLE],
        vec!["check", SAMPLE, "--format", "json"],
        vec!["rules"],
        vec!["rules", "TP007"],
        vec!["check", "--explain", "TP007"],
    ] {
        let out = std::process::Command::new(&bin)
            .args(&args)
            .stdout(full())
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "{args:?}: {stderr}"
        );
    }
    // -o onto a full device: written through, and the failure reported.
    touchpoint()
        .args(["export", SAMPLE, "--format", "html", "-o", "/dev/full"])
        .assert()
        .code(2)
        .stderr(contains("cannot write to /dev/full"));
    // A reader that goes away (`| head`): the rest is dropped quietly.
    let mut child = std::process::Command::new(&bin)
        .args(["export", SAMPLE, "--format", "html"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("ends");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn csv_exports_start_with_a_byte_order_mark_only_when_asked() {
    for format in ["inventory-csv", "ropa-csv"] {
        let plain = touchpoint()
            .args(["export", SAMPLE, "--format", format])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(!plain.starts_with("\u{feff}".as_bytes()), "{format}");
        let marked = touchpoint()
            .args(["export", SAMPLE, "--format", format, "--bom"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(&marked[..3], b"\xef\xbb\xbf", "{format}");
        assert_eq!(&marked[3..], &plain[..], "{format}: the rest is the same");
    }
}

#[test]
fn the_record_is_dated_only_when_asked_and_names_the_map_by_its_hash() {
    let plain = touchpoint()
        .args(["export", SAMPLE, "--format", "ropa-md"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let plain = String::from_utf8(plain).expect("UTF-8");
    assert!(plain.contains("SHA-256 ") && !plain.contains("| Date |"));
    touchpoint()
        .args([
            "export",
            SAMPLE,
            "--format",
            "ropa-md",
            "--date",
            "2025-01-31",
        ])
        .assert()
        .success()
        .stdout(contains("| Date | Art. 5(2) | 2025-01-31 |"));
}

#[test]
fn the_minutes_are_named_by_their_compound_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let map = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/maps/online-shopping-returns.ron"
    );
    let out = dir.path().join("workshop.minutes.md");
    touchpoint()
        .args(["export", map, "-o"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.starts_with("# Review minutes: "), "{text}");
    // `.html` alone still means the report.
    let report = dir.path().join("report.html");
    touchpoint()
        .args(["export", map, "-o"])
        .arg(&report)
        .assert()
        .success();
    let text = std::fs::read_to_string(&report).expect("written");
    assert!(
        !text.contains("Review minutes"),
        "the report, not the minutes"
    );
}
