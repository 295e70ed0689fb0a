//! End-to-end tests of editing in the workbench, in tmux: a step and a collection added and
//! justified, undone and redone, saved, and the file on disk read back (its comments kept); a
//! workbench killed with `kill -9` and its edits recovered on the next start; a file changed
//! on disk while edits are unsaved.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::tmux::{BIN, TIMEOUT, Tmux, WORKSHOP, quote};

/// A comment written next to the step the tests edit.
const COMMENT: &str = "// The comparison is emailed only when asked for.";

/// The workshop map with a comment just above the step the tests add a collection to.
fn commented() -> String {
    let at = WORKSHOP
        .find("            id: \"web-browse\",")
        .expect("the step is in the fixture");
    let mut text = WORKSHOP.to_string();
    text.insert_str(at, &format!("            {COMMENT}\n"));
    text
}

fn open(tmux: &Tmux, name: &str) {
    tmux.type_line(&format!("{} {name}; echo exit=$?", quote(Path::new(BIN))));
    tmux.wait_for(&format!("Phone upgrade · {name} · Journey grid"));
}

/// Types `text` as keys (tmux's literal mode).
fn type_text(tmux: &Tmux, text: &str) {
    tmux.keys(&["-l", text]);
}

#[test]
#[ignore = "needs tmux"]
fn a_step_and_a_collection_are_added_justified_undone_redone_and_saved() {
    let tmux = Tmux::start(120, 40);
    let path = tmux.path("workshop.ron");
    std::fs::write(&path, commented()).expect("write the map");
    open(&tmux, "workshop.ron");

    // A new step beside the selected one.
    tmux.keys(&["A", "Enter"]);
    tmux.wait_for("Enter keep");
    type_text(&tmux, "Read the size guide");
    tmux.keys(&["Enter", "C-s"]);
    tmux.wait_for("step “Read the size guide” added");
    tmux.wait_for("● 1 unsaved edit");

    // A collection on the first step, justified in the form.
    tmux.keys(&["Home", "Enter", "A", "Enter"]);
    tmux.wait_for("type to narrow the list");
    type_text(&tmux, "phone");
    tmux.keys(&["Enter", "Down", "Enter"]);
    type_text(&tmux, "Text the comparison");
    tmux.keys(&["Enter", "Down", "Down", "Enter"]);
    type_text(&tmux, "consent");
    tmux.keys(&["Enter", "C-s"]);
    let screen = tmux.wait_for("Phone number written down");
    assert!(screen.contains("● 2 unsaved edits"), "{screen}");

    // Undo, redo.
    tmux.keys(&["u"]);
    tmux.wait_for("undid: add Phone number");
    tmux.keys(&["U"]);
    tmux.wait_for("redid: add Phone number");

    tmux.keys(&["C-s"]);
    tmux.wait_for("saved workshop.ron");
    let saved = std::fs::read_to_string(&path).expect("read the map");
    assert!(saved.contains("title: \"Read the size guide\""), "{saved}");
    assert!(
        saved.contains("purpose: \"Text the comparison\""),
        "{saved}"
    );
    assert!(saved.contains("basis: Consent"), "{saved}");
    assert!(
        saved.contains(COMMENT),
        "the comment by the edit is kept:\n{saved}"
    );
    let backup = std::fs::read_to_string(tmux.path("workshop.ron~")).expect("a backup");
    assert_eq!(backup, commented());
    // Everything outside the edits is as it was: the old text is a subsequence of the new.
    let kept = commented().lines().filter(|l| saved.contains(l)).count();
    assert_eq!(
        kept,
        commented().lines().count(),
        "no line of the file was lost"
    );

    // Quitting asks nothing: the edits are saved.
    tmux.quit_cleanly(&["q"]);
}

#[test]
#[ignore = "needs tmux"]
fn edits_of_a_workbench_killed_mid_session_are_recovered() {
    let tmux = Tmux::start(120, 40);
    let path = tmux.path("killed.ron");
    std::fs::write(&path, WORKSHOP).expect("write the map");
    open(&tmux, "killed.ron");
    tmux.keys(&["A", "Enter"]);
    tmux.wait_for("Enter keep");
    type_text(&tmux, "Survives kill -9");
    tmux.keys(&["Enter", "C-s"]);
    tmux.wait_for("● 1 unsaved edit");

    // Killed: nothing restores the terminal, nothing is saved.
    // A name no other test opens: the tests run side by side, and pkill matches by name.
    let kill = std::process::Command::new("pkill")
        .args(["-9", "-f", &format!("^{BIN} killed.ron")])
        .status()
        .expect("pkill runs");
    assert!(kill.success(), "the workbench was running");
    tmux.wait_for("exit=137");
    // The terminal as kill -9 left it (raw, on the alternate screen) made usable again; in
    // raw mode Enter does not end a line, Ctrl-j does. A first Ctrl-j ends whatever the
    // workbench left unread as a line of its own: a stray Enter before `stty` made it
    // `\rstty`, not found, and the terminal stayed raw.
    tmux.keys(&["C-j"]);
    tmux.keys(&[
        "-l",
        "stty sane; printf '\\033[?1049l\\033[?1000l\\033[?1002l\\033[?1003l\\033[?1006l'; clear; echo terminal-restored",
    ]);
    tmux.keys(&["C-j"]);
    wait_for_pane(&tmux, "alternate_on", "0");
    // The shell is done with that line (a command typed while `clear` still ran was wiped
    // from the screen, or lost, under load).
    tmux.wait_until("the terminal restored", |s| {
        s.lines().any(|l| l.trim() == "terminal-restored")
    });
    assert_eq!(std::fs::read_to_string(&path).expect("read"), WORKSHOP);

    open(&tmux, "killed.ron");
    tmux.wait_for("1 edit unsaved from a session that ended without saving");
    tmux.wait_for("add step Survives kill -9");
    tmux.keys(&["r"]);
    tmux.wait_for("recovered 1 edit");
    tmux.keys(&["C-s"]);
    tmux.wait_for("saved killed.ron");
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("Survives kill -9")
    );
    tmux.quit_cleanly(&["q"]);
}

#[test]
#[ignore = "needs tmux"]
fn closing_the_terminal_ends_the_workbench_and_its_edits_wait_in_the_journal() {
    let tmux = Tmux::start(120, 40);
    let path = tmux.path("hangup.ron");
    std::fs::write(&path, WORKSHOP).expect("write the map");
    open(&tmux, "hangup.ron");
    tmux.keys(&["A", "Enter"]);
    tmux.wait_for("Enter keep");
    type_text(&tmux, "Survives a hangup");
    tmux.keys(&["Enter", "C-s"]);
    tmux.wait_for("● 1 unsaved edit");
    let found = std::process::Command::new("pgrep")
        .args(["-f", &format!("^{BIN} hangup.ron")])
        .output()
        .expect("pgrep runs");
    let pid = String::from_utf8_lossy(&found.stdout).trim().to_string();
    assert!(!pid.is_empty(), "the workbench runs");

    // The terminal goes away, as when its window is closed or an SSH session drops: reading
    // it then gives an end of file, which must not keep the workbench spinning.
    tmux.tmux(&["kill-server"]);
    let deadline = Instant::now() + TIMEOUT;
    let running = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
            !stat
                .rsplit(')')
                .next()
                .unwrap_or("")
                .trim()
                .starts_with('Z')
        })
    };
    while running() {
        assert!(
            std::time::Instant::now() < deadline,
            "the workbench still runs {TIMEOUT:?} after its terminal hung up"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(std::fs::read_to_string(&path).expect("read"), WORKSHOP);
    let journals = tmux.path("data/touchpoint/journals");
    let journal = std::fs::read_dir(&journals)
        .expect("the journals folder")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("hangup.ron."))
        .expect("the journal stays for the next start");
    assert!(
        std::fs::read_to_string(journal.path())
            .expect("read the journal")
            .contains("Survives a hangup")
    );
}

#[test]
#[ignore = "needs tmux"]
fn a_file_changed_on_disk_under_unsaved_edits_is_never_overwritten_blindly() {
    let tmux = Tmux::start(120, 40);
    let path = tmux.path("workshop.ron");
    std::fs::write(&path, WORKSHOP).expect("write the map");
    open(&tmux, "workshop.ron");
    tmux.keys(&["A", "Enter"]);
    tmux.wait_for("Enter keep");
    type_text(&tmux, "Mine");
    tmux.keys(&["Enter", "C-s"]);
    tmux.wait_for("● 1 unsaved edit");

    // Someone else saves the file.
    let theirs = format!("{WORKSHOP}// theirs\n");
    std::fs::write(&path, &theirs).expect("write");
    tmux.wait_for("file changed on disk");
    tmux.keys(&["C-s"]);
    tmux.wait_for("changed on disk since it was read");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);

    // Saved under another name instead; theirs stays.
    tmux.keys(&["a"]);
    tmux.wait_for("Save the map as");
    tmux.keys(&["C-u"]);
    type_text(&tmux, "mine.ron");
    tmux.keys(&["Enter"]);
    tmux.wait_for("saved mine.ron");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);
    assert!(
        std::fs::read_to_string(tmux.path("mine.ron"))
            .expect("read")
            .contains("Mine")
    );
    tmux.quit_cleanly(&["q"]);
}

#[test]
#[ignore = "needs tmux"]
fn the_editor_opens_at_the_selected_step_and_the_map_is_read_again() {
    let tmux = Tmux::start(120, 40);
    let path = tmux.path("workshop.ron");
    std::fs::write(&path, WORKSHOP).expect("write the map");
    // An "editor" that records how it was called and changes a title.
    let editor = tmux.path("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\necho \"$@\" > args.txt\nsed -i 's/Compare handsets online/Compare phones online/' \"$2\"\n",
    )
    .expect("write the editor");
    std::process::Command::new("chmod")
        .args(["+x", &editor.display().to_string()])
        .status()
        .expect("chmod");
    tmux.type_line(&format!("export EDITOR={}", quote(&editor)));
    open(&tmux, "workshop.ron");
    tmux.keys(&["o"]);
    tmux.wait_for("Compare phones online");
    let args = std::fs::read_to_string(tmux.path("args.txt")).expect("the editor ran");
    let line = WORKSHOP
        .lines()
        .position(|l| l.contains("id: \"web-browse\""))
        .expect("the step");
    // The step's opening parenthesis is the line before its id.
    assert_eq!(args.trim(), format!("+{line} workshop.ron"));
    tmux.quit_cleanly(&["q"]);
}

#[test]
#[ignore = "needs tmux"]
fn ctrl_z_suspends_to_the_shell_and_fg_comes_back() {
    let tmux = Tmux::start(100, 30);
    std::fs::write(tmux.path("workshop.ron"), WORKSHOP).expect("write the map");
    // A shell with job control as people use it (dash's `fg` hands the terminal back oddly).
    tmux.type_line("exec bash --norc --noprofile");
    tmux.type_line(&format!("{} workshop.ron", quote(Path::new(BIN))));
    tmux.wait_for("Phone upgrade · workshop.ron · Journey grid");
    tmux.keys(&["C-z"]);
    wait_for_pane(&tmux, "alternate_on", "0");
    tmux.wait_for("Stopped");
    tmux.type_line("fg");
    tmux.wait_for("Phone upgrade · workshop.ron · Journey grid");
    assert_eq!(tmux.pane("alternate_on"), "1");
    tmux.keys(&["q"]);
    wait_for_pane(&tmux, "alternate_on", "0");
    assert_eq!(tmux.pane("mouse_any_flag"), "0", "mouse capture is off");
}

/// Waits until the pane's `name` reads `value`.
fn wait_for_pane(tmux: &Tmux, name: &str, value: &str) {
    let start = Instant::now();
    while tmux.pane(name) != value {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{name} never became {value}:\n{}",
            tmux.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
