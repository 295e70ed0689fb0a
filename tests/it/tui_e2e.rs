//! End-to-end tests of the workbench: the real binary in a real terminal (tmux), driven by
//! keys, read back from the screen. Those that need `tmux` are `#[ignore = "needs tmux"]`, so
//! a plain `cargo test` counts them as ignored rather than passing them silently;
//! `cargo test -- --include-ignored` (as `.ci/run` does) runs them, and fails if tmux is
//! missing.

use std::path::Path;
use std::process::{Command, Output};

use crate::tmux::{BIN, Tmux, WORKSHOP, quote};

/// The fixture's finding counts, as `touchpoint check` sees them.
fn tally() -> touchpoint_engine::analysis::Tally {
    let map = touchpoint_engine::mapfile::load_str("workshop.ron", WORKSHOP.to_string())
        .expect("the fixture loads");
    map.analyse().tally
}

#[test]
#[ignore = "needs tmux"]
fn moves_around_opens_the_views_jumps_to_a_finding_and_quits() {
    let tmux = Tmux::start(120, 40);
    std::fs::write(tmux.path("workshop.ron"), WORKSHOP).expect("write the map");
    tmux.type_line(&format!(
        "{} workshop.ron; echo exit=$?",
        quote(Path::new(BIN))
    ));
    let screen = tmux.wait_for("Phone upgrade · workshop.ron · Journey grid");
    let tally = tally();
    let totals = format!("✖ {}  ▲ {}  ◆ {}", tally.error, tally.warning, tally.advice);
    assert!(
        screen.contains(&totals),
        "{totals} in the header:\n{screen}"
    );
    assert_eq!(tmux.pane("alternate_on"), "1");
    assert_eq!(tmux.pane("mouse_any_flag"), "1", "mouse capture is on");

    // Move along the lane: the inspector beside the grid follows.
    tmux.keys(&["l"]);
    tmux.wait_for("See their offers");
    // Walk the flow to the next step.
    tmux.keys(&["n"]);
    tmux.wait_for("→ Choose a handset and a plan");

    // The inventory, and follow an element from it.
    tmux.keys(&["i"]);
    tmux.wait_for("Data inventory: 9 elements × 4 channels");
    tmux.keys(&["j", "Enter"]);
    tmux.wait_for("★ Phone number: 2 steps");

    // The findings list, and jump to the first finding.
    tmux.keys(&["f"]);
    let screen = tmux.wait_for(&format!("Findings: {tally}"));
    assert!(
        screen.contains("TP001 unjustified-collection (2)"),
        "{screen}"
    );
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_until("the finding in the step details", |s| {
        s.contains("Journey grid") && s.contains("✖ TP001 unjustified-collection")
    });
    assert!(
        screen.contains("▶✖ Date of birth"),
        "the collection is chosen:\n{screen}"
    );

    // Help, then back.
    tmux.keys(&["?"]);
    tmux.wait_for("walk to the next step along the chosen flow");
    tmux.keys(&["Escape"]);
    tmux.wait_until("the help to close", |s| {
        !s.contains("walk to the next step")
    });

    tmux.quit_cleanly(&["q"]);
}

#[test]
#[ignore = "needs tmux"]
fn the_first_screen_keys_work_in_a_real_terminal() {
    let tmux = Tmux::start(80, 24);
    tmux.type_line(&format!("{}; echo exit=$?", quote(Path::new(BIN))));
    let screen = tmux.wait_for("built-in example");
    let bar = screen.lines().nth(23).unwrap_or_default();
    assert!(bar.contains("? help") && bar.contains("q quit"), "{screen}");
    // The selected step's flows are drawn, and every flow with a.
    assert!(screen.contains('▶'), "{screen}");
    tmux.keys(&["a"]);
    tmux.wait_for("every flow drawn");
    // / filters the inventory in place; t narrows the findings to a concern.
    tmux.keys(&["i", "/"]);
    tmux.keys(&["m", "o", "b", "i", "l", "e", "Enter"]);
    tmux.wait_for("Data inventory: 1 of 15 elements");
    tmux.keys(&["f", "t"]);
    tmux.wait_for("· unjustified");
    tmux.quit_cleanly(&["q"]);
}

#[test]
#[ignore = "needs tmux"]
fn ctrl_c_quits_and_restores_the_terminal() {
    let tmux = Tmux::start(80, 24);
    tmux.type_line(&format!("{}; echo exit=$?", quote(Path::new(BIN))));
    tmux.wait_for("built-in example");
    tmux.keys(&["/", "x"]);
    tmux.wait_for("/ x");
    tmux.quit_cleanly(&["C-c"]);
}

#[test]
#[ignore = "needs tmux"]
fn sigterm_sighup_and_sigint_restore_the_terminal() {
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("INT", 2)] {
        let tmux = Tmux::start(80, 24);
        tmux.type_line(&format!("{}; echo exit=$?", quote(Path::new(BIN))));
        tmux.wait_for("built-in example");
        assert_eq!(tmux.pane("alternate_on"), "1");
        // The workbench is the shell's child in the pane.
        let shell = tmux.pane("pane_pid");
        let child = Command::new("pgrep")
            .args(["-P", &shell])
            .output()
            .expect("pgrep runs");
        let pid = String::from_utf8_lossy(&child.stdout).trim().to_string();
        assert!(!pid.is_empty(), "the workbench runs under the shell");
        let killed = Command::new("kill")
            .args([format!("-{signal}"), pid])
            .status()
            .expect("kill runs");
        assert!(killed.success());
        tmux.wait_for(&format!("exit={}", 128 + number));
        assert_eq!(
            tmux.pane("alternate_on"),
            "0",
            "SIG{signal}: left the alternate screen"
        );
        assert_eq!(
            tmux.pane("mouse_any_flag"),
            "0",
            "SIG{signal}: mouse capture is off"
        );
        assert_eq!(
            tmux.pane("cursor_flag"),
            "1",
            "SIG{signal}: the cursor shows"
        );
    }
}

#[test]
#[ignore = "needs tmux"]
fn a_map_swapped_for_a_fifo_is_refused_and_the_workbench_stays_live() {
    let tmux = Tmux::start(120, 40);
    let file = tmux.path("workshop.ron");
    std::fs::write(&file, WORKSHOP).expect("write the map");
    tmux.type_line(&format!(
        "{} workshop.ron; echo exit=$?",
        quote(Path::new(BIN))
    ));
    tmux.wait_for("Phone upgrade · workshop.ron");
    std::fs::remove_file(&file).expect("remove the map");
    let made = Command::new("mkfifo")
        .arg(&file)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    tmux.wait_for("not a regular file");
    tmux.quit_cleanly(&["q"]);
}

/// The line and column (1-based) where `needle` starts in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("the needle is in the text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[test]
#[ignore = "needs tmux"]
fn edits_on_disk_reload_and_a_broken_file_keeps_the_last_map() {
    let tmux = Tmux::start(120, 40);
    let file = tmux.path("workshop.ron");
    std::fs::write(&file, WORKSHOP).expect("write the map");
    tmux.type_line(&format!(
        "{} workshop.ron; echo exit=$?",
        quote(Path::new(BIN))
    ));
    tmux.wait_for("Phone upgrade");
    tmux.keys(&["l", "l"]);
    tmux.wait_for("Check affordability");

    // Someone renames the selected step in their editor.
    let renamed = WORKSHOP.replace("title: \"Credit check\"", "title: \"Affordability check\"");
    std::fs::write(&file, &renamed).expect("edit the map");
    let screen = tmux.wait_for("reloaded workshop.ron");
    assert!(screen.contains("Affordability check"), "{screen}");
    assert!(
        screen.contains("Check affordability"),
        "still selected:\n{screen}"
    );

    // Then saves a typo, the way editors do: a new file renamed over the old one.
    let broken = renamed.replace(
        "title: \"Pay the upfront cost\"",
        "titel: \"Pay the upfront cost\"",
    );
    let (line, col) = line_col(&broken, "titel");
    let scratch = tmux.path(".workshop.ron.swp");
    std::fs::write(&scratch, &broken).expect("write the broken map");
    std::fs::rename(&scratch, &file).expect("replace the map");
    let banner = format!("workshop.ron:{line}:{col}: unknown field `titel` in a step");
    let screen = tmux.wait_for(&banner);
    assert!(screen.contains("did you mean `title`?"), "{screen}");
    assert!(
        screen.contains("Affordability check"),
        "the last good map stays:\n{screen}"
    );

    // Fixed: the banner goes and the new map shows.
    std::fs::write(
        &file,
        renamed.replace("Affordability check", "Credit and ID check"),
    )
    .expect("fix the map");
    let screen = tmux.wait_for("Credit and ID check");
    assert!(!screen.contains("unknown field"), "{screen}");

    tmux.quit_cleanly(&["q"]);
}

fn run(args: &[&str], dir: &Path, config: Option<&Path>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env_remove("TOUCHPOINT_CONFIG");
    if let Some(c) = config {
        cmd.env("TOUCHPOINT_CONFIG", c);
    }
    cmd.output().expect("the binary runs")
}

#[test]
fn a_broken_map_is_reported_before_the_workbench_starts() {
    let dir = tempfile::tempdir().expect("scratch");
    let broken = WORKSHOP.replace("purpose: \"Survey\"", "purpse: \"Survey\"");
    std::fs::write(dir.path().join("broken.ron"), &broken).expect("write");
    let out = run(&["broken.ron"], dir.path(), None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let (line, col) = line_col(&broken, "purpse");
    assert!(stderr.contains("error: unknown field `purpse`"), "{stderr}");
    assert!(
        stderr.contains(&format!("--> broken.ron:{line}:{col}")),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `purpose`?"), "{stderr}");
}

#[test]
fn a_broken_config_file_is_an_error_not_silent_defaults() {
    let dir = tempfile::tempdir().expect("scratch");
    std::fs::write(dir.path().join("map.ron"), WORKSHOP).expect("write");
    let config = dir.path().join("config.ron");
    std::fs::write(
        &config,
        "(\n    keys: {\"quit\": [\"q\"]},\n    colours: {},\n)\n",
    )
    .expect("write");
    let out = run(&["open", "map.ron"], dir.path(), Some(&config));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown setting `colours`"), "{stderr}");
    assert!(stderr.contains("config.ron:3:5"), "{stderr}");
    assert!(stderr.contains("did you mean `colors`?"), "{stderr}");

    // The config folder `directories` names is read too.
    let folder = dir.path().join("config/touchpoint");
    std::fs::create_dir_all(&folder).expect("mkdir");
    std::fs::write(
        folder.join("config.ron"),
        "(keys: {\"quit\": [\"hyper-q\"]})",
    )
    .expect("write");
    let out = run(&["map.ron"], dir.path(), None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`hyper-q` is not a key"), "{stderr}");
}

#[test]
fn without_a_terminal_it_says_what_to_use_instead() {
    let dir = tempfile::tempdir().expect("scratch");
    std::fs::write(dir.path().join("map.ron"), WORKSHOP).expect("write");
    let out = run(&["map.ron"], dir.path(), None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(stderr.contains("touchpoint check"), "{stderr}");
}
