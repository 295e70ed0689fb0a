//! End to end in tmux: `touchpoint review` on a map with findings; one collection justified,
//! one dropped, one deferred; saved; the file holds the decisions, the findings are gone, and
//! `touchpoint check` agrees.

use std::path::Path;

use crate::tmux::{BIN, Tmux, WORKSHOP, quote};

/// Presses `n` until the question about `element` at `step` (their names) is on screen.
fn go_to(tmux: &Tmux, step: &str, element: &str) {
    for _ in 0..40 {
        let screen = tmux.screen();
        if screen.contains(&format!("\u{201c}{step}\u{201d} ·"))
            && screen.contains(&format!("data       {element}"))
        {
            return;
        }
        tmux.keys(&["n"]);
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("no question about {element} at {step}:\n{}", tmux.screen());
}

#[test]
#[ignore = "needs tmux"]
fn a_review_justifies_drops_and_defers_and_check_agrees() {
    let tmux = Tmux::start(120, 40);
    let path = tmux.path("workshop.ron");
    std::fs::write(&path, WORKSHOP).expect("write the map");
    tmux.type_line(&format!(
        "{} review workshop.ron; echo exit=$?",
        quote(Path::new(BIN))
    ));
    tmux.wait_for("Start the review");
    tmux.keys(&["Down", "Enter", "-l", "Ana, Ben"]);
    tmux.keys(&["Enter", "C-s"]);
    tmux.wait_for("1 of ");

    // Justify: the form opens on the missing benefit; the finding goes, a note is asked.
    go_to(&tmux, "Choose a handset and a plan", "Full name");
    tmux.keys(&["J"]);
    tmux.wait_for("Enter change");
    tmux.keys(&["Enter", "-l", "The parcel reaches them"]);
    tmux.keys(&["Enter", "C-s"]);
    tmux.wait_for("a note for the minutes");
    tmux.keys(&["-l", "benefit agreed"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("1 justified");

    // Drop, with a note; the element is still taken elsewhere, so nothing more is asked.
    go_to(&tmux, "Show ID in the shop", "Phone number");
    tmux.keys(&["d", "-l", "not needed to check ID"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("1 dropped");

    // Defer, to an owner; the due date is filled in.
    go_to(&tmux, "Old loyalty survey", "Email address");
    tmux.keys(&["w"]);
    tmux.wait_for("Defer");
    tmux.keys(&["Enter", "-l", "Ben"]);
    tmux.keys(&["Enter", "C-s"]);
    tmux.wait_for("1 deferred");

    tmux.keys(&["C-s"]);
    tmux.wait_for("saved workshop.ron");
    let saved = std::fs::read_to_string(&path).expect("read the map");
    for wanted in [
        "reviews: [",
        "participants: [\"Ana\", \"Ben\"]",
        "outcome: Justified",
        "note: \"benefit agreed\"",
        "outcome: Dropped",
        "outcome: Deferred",
        "owner: \"Ben\"",
        "benefit: \"The parcel reaches them\"",
        "// A small phone-upgrade journey",
    ] {
        assert!(saved.contains(wanted), "no `{wanted}` in:\n{saved}");
    }
    // Wait for the review to close before `q`: an Escape and a `q` read together are one
    // Alt-q to the terminal, and the review would stay open.
    tmux.keys(&["Escape"]);
    tmux.wait_until("the review to close", |s| {
        !s.lines().next().unwrap_or("").contains("· Review")
    });
    tmux.quit_cleanly(&["q"]);

    // `check` agrees: the justified and dropped collections have no finding left.
    let out = std::process::Command::new(BIN)
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .expect("check runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let findings = report["findings"].as_array().expect("findings");
    let on = |step: &str, element: &str| {
        findings
            .iter()
            .filter(|f| f["step"] == step && f["element"] == element)
            .count()
    };
    assert_eq!(on("web-order", "name"), 0, "justified: {findings:#?}");
    assert_eq!(on("shop-id", "phone_number"), 0, "dropped");
    assert!(
        findings.iter().all(|f| f["code"] != "TP023"),
        "the action is not due yet"
    );
}
