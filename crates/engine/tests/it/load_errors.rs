//! Broken map files: each gets a clear message at the right place, with a hint, never a panic.

use std::io::Write;

use touchpoint_engine::mapfile::{Diagnostic, load, load_bytes, load_str};

const STARTER: &str = include_str!("../../../../src/cli/starter.ron");

/// The diagnostics for `text`, which must fail to load.
fn errors(text: &str) -> Vec<Diagnostic> {
    match load_str("broken.ron", text.to_string()) {
        Ok(_) => panic!("expected the map to fail to load:\n{text}"),
        Err(e) => e.diagnostics,
    }
}

fn only(text: &str) -> Diagnostic {
    let mut d = errors(text);
    assert_eq!(d.len(), 1, "{d:#?}");
    d.remove(0)
}

/// The 1-based line and column where `needle` first starts in `text`.
fn where_(text: &str, needle: &str) -> (u32, u32) {
    let at = text.find(needle).expect("needle in text");
    let before = &text[..at];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    (line, col)
}

fn pos(d: &Diagnostic) -> (u32, u32) {
    let p = d.pos.expect("has a position");
    (p.line, p.col)
}

#[test]
fn the_starter_map_loads() {
    assert!(load_str("starter.ron", STARTER.to_string()).is_ok());
}

#[test]
fn a_mistyped_field_names_the_field_and_suggests_the_right_one() {
    let text = STARTER.replace("purpose: \"Send", "purpse: \"Send");
    let d = only(&text);
    assert_eq!(d.message, "unknown field `purpse` in a collection");
    assert_eq!(d.hint.as_deref(), Some("did you mean `purpose`?"));
    assert_eq!(pos(&d), where_(&text, "purpse"));
    assert!(
        d.snippet
            .as_deref()
            .is_some_and(|s| s.contains("purpse: \"Send"))
    );
    assert_eq!(
        d.pos.map(|p| p.len),
        Some(6),
        "the caret underlines the word"
    );
}

#[test]
fn a_mistyped_lawful_basis_suggests_the_variant() {
    let text = STARTER.replace("basis: Consent", "basis: Concent");
    let d = only(&text);
    assert_eq!(d.message, "unknown lawful basis `Concent`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `Consent`?"));
    assert_eq!(pos(&d), where_(&text, "Concent"));
}

#[test]
fn an_unknown_variant_far_from_any_lists_the_choices() {
    let d = only(&STARTER.replace("basis: Consent", "basis: Because"));
    let hint = d.hint.expect("a hint");
    assert!(
        hint.contains("`Contract`") && hint.contains("`LegitimateInterests`"),
        "{hint}"
    );
}

#[test]
fn a_missing_comma_is_reported_with_a_hint() {
    let text = STARTER.replace(r#"name: "Website","#, r#"name: "Website""#);
    let d = only(&text);
    assert_eq!(d.message, "expected a comma");
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("comma")));
    assert_eq!(pos(&d).0, where_(&text, r#"name: "Website""#).0);
}

#[test]
fn an_unclosed_bracket_says_so() {
    let text = STARTER.trim_end().trim_end_matches(')');
    let d = only(text);
    assert!(
        d.hint
            .as_deref()
            .is_some_and(|h| h.contains("not closed") || h.contains("missing")),
        "{d:?}"
    );
}

#[test]
fn a_missing_required_field_is_named() {
    let d = only(&STARTER.replace(r#"title: "Click the confirmation link","#, ""));
    assert_eq!(d.message, "missing field `title` in a step");
}

#[test]
fn every_semantic_error_is_reported_at_once_in_file_order() {
    let text = STARTER
        .replace(r#"stage: "join","#, r#"stage: "joim","#)
        .replace(r#"channel: "email","#, r#"channel: "mail","#)
        .replace(r#"id: "confirm""#, r#"id: "signup""#)
        .replace(
            r#"category: "user.contact.email""#,
            r#"category: "user..email""#,
        )
        .replace("emotion: 1,", "emotion: 5,")
        .replace(
            r#"stored_in: ["crm"]"#,
            r#"stored_in: ["crn"], allow: [(rule: "certain-repeet", reason: "")]"#,
        )
        .replace(
            r#"(from: "signup", to: "confirm""#,
            r#"(from: "signup", to: "signup""#,
        );
    let d = errors(&text);
    let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
    let expected = [
        "malformed category key: the category key has an empty segment (two dots, or a dot at an end)",
        "unknown stage `joim`",
        "emotion 5 is out of range",
        "unknown system `crn`",
        "unknown rule `certain-repeet` in `allow`",
        "a suppression needs a reason",
        "duplicate step id `signup`",
        "unknown channel `mail`",
        "emotion 5 is out of range",
        "flow from step `signup` to itself",
    ];
    assert_eq!(messages, expected);
    let hint = |m: &str| {
        d.iter()
            .find(|d| d.message == m)
            .and_then(|d| d.hint.clone())
    };
    assert_eq!(
        hint("unknown stage `joim`").as_deref(),
        Some("did you mean `join`?")
    );
    assert_eq!(
        hint("unknown channel `mail`").as_deref(),
        Some("did you mean `email`?")
    );
    assert_eq!(
        hint("unknown system `crn`").as_deref(),
        Some("did you mean `crm`?")
    );
    assert_eq!(
        hint("unknown rule `certain-repeet` in `allow`").as_deref(),
        Some("did you mean `certain-repeat`?")
    );
    let dup = d
        .iter()
        .find(|d| d.message.starts_with("duplicate"))
        .expect("dup");
    let first = where_(&text, r#""signup""#);
    assert_eq!(
        dup.note.as_deref(),
        Some(format!("first defined at line {}:{}", first.0, first.1).as_str())
    );
    let mut sorted = d.iter().map(|d| d.pos).collect::<Vec<_>>();
    sorted.sort();
    assert_eq!(sorted, d.iter().map(|d| d.pos).collect::<Vec<_>>());
}

#[test]
fn duplicate_flows_and_unknown_elements_are_errors() {
    let text = STARTER
        .replace(r#"element: "email""#, r#"element: "emial""#)
        .replace(
            r#"(from: "signup", to: "confirm", label: "confirmation email sent"),"#,
            r#"(from: "signup", to: "confirm"), (from: "signup", to: "confirm"),"#,
        );
    let d = errors(&text);
    let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "unknown data element `emial`",
            "duplicate flow from `signup` to `confirm`"
        ]
    );
    assert_eq!(d[0].hint.as_deref(), Some("did you mean `email`?"));
}

#[test]
fn ids_with_spaces_are_refused() {
    let d = only(
        &STARTER
            .replace(
                r#"(id: "crm", name: "CRM","#,
                r#"(id: "the crm", name: "CRM","#,
            )
            .replace(r#"["crm"]"#, r#"["the crm"]"#),
    );
    assert!(d.message.contains("contains spaces"), "{}", d.message);
}

#[test]
fn empty_and_blank_files_get_a_starter_hint() {
    for text in ["", "   \n\t\n", "\u{feff}"] {
        let d = only(text);
        assert_eq!(d.message, "the file is empty");
        assert!(
            d.hint
                .as_deref()
                .is_some_and(|h| h.contains("touchpoint new"))
        );
    }
}

#[test]
fn binary_and_non_utf8_files_are_refused_clearly() {
    let d = load_bytes("x.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()).expect_err("binary");
    assert_eq!(
        d.diagnostics[0].message,
        "this is a binary file, not a RON journey map"
    );
    let d = load_bytes(
        "latin1.ron",
        b"(\n  meta: (title: \"Caf\xe9\"),\n)".to_vec(),
    )
    .expect_err("latin-1");
    assert_eq!(d.diagnostics[0].message, "the file is not UTF-8 text");
    let p = d.diagnostics[0].pos.expect("position");
    assert_eq!((p.line, p.col), (2, 21));
}

#[test]
fn a_huge_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(300 * 1024 * 1024).expect("sparse file");
    let e = load(&path).expect_err("too large");
    assert!(e.diagnostics[0].message.contains("too large"), "{e}");
}

#[test]
fn missing_files_and_folders_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let e = load(&dir.path().join("nope.ron")).expect_err("missing");
    assert!(
        e.diagnostics[0].message.starts_with("cannot open the file"),
        "{e}"
    );
    let e = load(dir.path()).expect_err("folder");
    assert!(e.diagnostics[0].message.contains("folder"), "{e}");
}

#[test]
fn deep_nesting_and_garbage_never_panic() {
    let deep = "[".repeat(100_000);
    let d = only(&deep);
    assert!(!d.message.is_empty());
    for text in [
        "(",
        ")",
        "((((",
        "(meta: (title: \"x\"",
        "\"",
        "r#\"",
        "/*",
        "(meta: 5)",
        "#![enable(",
        "💥",
    ] {
        let _ = errors(text);
    }
}

#[test]
fn a_file_on_disk_reports_its_own_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journey.ron");
    let mut f = std::fs::File::create(&path).expect("create");
    f.write_all(
        STARTER
            .replace("basis: Consent", "basis: Consnt")
            .as_bytes(),
    )
    .expect("write");
    let e = load(&path).expect_err("broken");
    assert!(
        e.to_string().starts_with(&format!("{}:", path.display())),
        "{e}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("map.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Opening a FIFO for reading blocks until a writer comes: the load must not even open it.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(load(&fifo).map(|_| ()));
    });
    let result = rx
        .recv_timeout(std::time::Duration::from_secs(5))
        .expect("the load returns instead of blocking on the FIFO");
    let err = result.expect_err("a FIFO is not a map");
    assert!(
        err.diagnostics[0].message.contains("not a regular file"),
        "{}",
        err.diagnostics[0].message
    );
}

/// A map large enough that its flows are checked on a thread of their own: a mistake among
/// the steps and one among the flows are both reported, in file order, as on a small map.
#[test]
fn a_large_maps_mistakes_in_steps_and_in_flows_are_all_reported_in_order() {
    let mut steps = String::new();
    let mut flows = String::new();
    for i in 0..3_000 {
        let element = if i == 2_000 { "emial" } else { "email" };
        steps.push_str(&format!(
            "        (id: \"s{i}\", title: \"Step {i}\", channel: \"web\", stage: \"join\", \
             collects: [(element: \"{element}\", purpose: \"Send the receipt\", basis: Contract)]),\n"
        ));
        let to = if i == 1_000 {
            "nowhere".to_string()
        } else {
            format!("s{}", i + 1)
        };
        if i + 1 < 3_000 {
            flows.push_str(&format!("        (from: \"s{i}\", to: \"{to}\"),\n"));
        }
    }
    let text = STARTER
        .replacen("    steps: [\n", &format!("    steps: [\n{steps}"), 1)
        .replacen("    flows: [\n", &format!("    flows: [\n{flows}"), 1);
    let found = errors(&text);
    let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        ["unknown data element `emial`", "unknown step `nowhere`"],
        "{found:#?}"
    );
    let pos = |d: &Diagnostic| d.pos.map(|p| (p.line, p.col));
    assert_eq!(pos(&found[0]), Some(where_(&text, "\"emial\"")));
    assert_eq!(pos(&found[1]), Some(where_(&text, "\"nowhere\"")));
}
