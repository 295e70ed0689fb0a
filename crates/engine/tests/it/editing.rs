//! Editing a map's text: each edit touches only what it is about, in the style of the text
//! around it, keeps comments, and undoes byte for byte.

use touchpoint_engine::edit::{Editor, field_order};
use touchpoint_engine::journey::{Collection, LawfulBasis, Step};
use touchpoint_engine::mapfile::load_str;
use touchpoint_engine::path;

pub(crate) const MAP: &str = r#"// A map with comments that must survive.
(
    meta: (title: "Edits"),
    channels: [
        (id: "web", name: "Web"),
        // The phone line.
        (id: "phone", name: "Phone"),
    ],
    stages: [(id: "one", name: "One"), (id: "two", name: "Two")],
    data: [
        (id: "email", name: "Email", category: "user.contact.email"),
        (id: "dob", name: "Date of birth", category: "user.demographic.date_of_birth"),
    ],
    steps: [
        (
            id: "sign-up",
            title: "Sign up",
            channel: "web",
            stage: "one",
            // Why this step asks so much.
            collects: [
                (
                    element: "email",
                    purpose: "Send the receipt", // agreed in March
                    basis: Contract,
                ),
            ],
        ),
        (id: "call", title: "Call", channel: "phone", stage: "two"),
    ],
    flows: [(from: "sign-up", to: "call")],
)
"#;

fn editor() -> Editor {
    load_str("m.ron", MAP.to_string()).expect("the map loads");
    Editor::new(MAP.to_string())
}

fn loads(text: &str) {
    if let Err(e) = load_str("m.ron", text.to_string()) {
        panic!("the edited map loads: {e}\n{text}");
    }
}

/// The lines of `after` that are not in `before`, and the other way round.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let b: Vec<&str> = before.lines().collect();
    let a: Vec<&str> = after.lines().collect();
    let added = a
        .iter()
        .filter(|l| !b.contains(l))
        .map(|l| l.to_string())
        .collect();
    let gone = b
        .iter()
        .filter(|l| !a.contains(l))
        .map(|l| l.to_string())
        .collect();
    (added, gone)
}

#[test]
fn a_field_set_changes_only_its_value() {
    let mut e = editor();
    let col = path!["steps", 0, "collects", 0];
    e.set_field(
        col,
        "purpose",
        Some("\"Send the order receipt\""),
        field_order::<Collection>(),
        "purpose",
    )
    .expect("edits");
    let (added, gone) = changed_lines(MAP, e.text());
    assert_eq!(
        added,
        ["                    purpose: \"Send the order receipt\", // agreed in March"]
    );
    assert_eq!(gone.len(), 1);
    loads(e.text());
    assert!(e.is_dirty());
    e.undo();
    assert_eq!(e.text(), MAP, "undo gives the text back byte for byte");
    assert!(!e.is_dirty());
    e.redo();
    assert!(e.text().contains("Send the order receipt"));
}

#[test]
fn a_new_field_takes_its_place_in_the_declared_order_on_its_own_line() {
    let mut e = editor();
    let col = path!["steps", 0, "collects", 0];
    e.set_field(
        col,
        "retention",
        Some("\"2 years\""),
        field_order::<Collection>(),
        "retention",
    )
    .expect("edits");
    assert!(
        e.text().contains(
            "                    basis: Contract,\n                    retention: \"2 years\",\n                ),"
        ),
        "{}",
        e.text()
    );
    e.set_field(
        col,
        "data_use",
        Some("\"essential.service\""),
        field_order::<Collection>(),
        "use",
    )
    .expect("edits");
    assert!(
        e.text().contains(
            "purpose: \"Send the receipt\", // agreed in March\n                    data_use: \"essential.service\",\n"
        ),
        "after purpose, before basis:\n{}",
        e.text()
    );
    loads(e.text());
    e.undo();
    e.undo();
    assert_eq!(e.text(), MAP);
}

#[test]
fn a_field_on_a_compact_line_is_added_and_removed_in_line() {
    let mut e = editor();
    e.set_field(
        path!["steps", 1],
        "notes",
        Some("\"Busy on Mondays\""),
        field_order::<Step>(),
        "notes",
    )
    .expect("edits");
    assert!(
        e.text().contains(
            "(id: \"call\", title: \"Call\", channel: \"phone\", stage: \"two\", notes: \"Busy on Mondays\"),"
        ),
        "{}",
        e.text()
    );
    loads(e.text());
    e.set_field(
        path!["steps", 1],
        "title",
        None,
        field_order::<Step>(),
        "no title",
    )
    .expect("edits");
    assert!(
        e.text().contains("(id: \"call\", channel: \"phone\""),
        "{}",
        e.text()
    );
    e.undo();
    e.undo();
    assert_eq!(e.text(), MAP);
}

#[test]
fn a_removed_field_takes_its_line_and_its_comment() {
    let mut e = editor();
    e.set_field(
        path!["steps", 0, "collects", 0],
        "purpose",
        None,
        field_order::<Collection>(),
        "drop",
    )
    .expect("edits");
    assert!(!e.text().contains("agreed in March"));
    assert!(
        e.text()
            .contains("element: \"email\",\n                    basis: Contract,")
    );
    assert!(
        e.text().contains("// Why this step asks so much."),
        "other comments stay"
    );
    loads(e.text());
    e.undo();
    assert_eq!(e.text(), MAP);
}

#[test]
fn a_new_collection_looks_like_its_neighbours() {
    let mut e = editor();
    let new = Collection {
        element: "dob".into(),
        purpose: Some("Check the customer is an adult".into()),
        basis: Some(LawfulBasis::LegalObligation),
        ..Collection::default()
    };
    e.insert_item(
        path!["steps", 0],
        "collects",
        field_order::<Step>(),
        1,
        &new,
        "add dob",
    )
    .expect("edits");
    assert!(
        e.text().contains(
            "                ),\n                (\n                    element: \"dob\",\n                    purpose: \"Check the customer is an adult\",\n                    basis: LegalObligation,\n                ),\n            ],"
        ),
        "{}",
        e.text()
    );
    loads(e.text());
    // The first collection of a step with none: the list arrives in the step's style.
    e.insert_item(
        path!["steps", 1],
        "collects",
        field_order::<Step>(),
        0,
        &new,
        "add to call",
    )
    .expect("edits");
    assert!(
        e.text().contains("stage: \"two\", collects: [(element: \"dob\", purpose: \"Check the customer is an adult\", basis: LegalObligation)])"),
        "{}",
        e.text()
    );
    loads(e.text());
    e.undo();
    e.undo();
    assert_eq!(e.text(), MAP);
}

#[test]
fn items_are_removed_and_moved_with_their_text() {
    let mut e = editor();
    e.remove_item(path!["stages"], 0, "drop stage")
        .expect("edits");
    assert!(
        e.text().contains("stages: [(id: \"two\", name: \"Two\")],"),
        "{}",
        e.text()
    );
    e.undo();
    e.move_item(path!["channels"], 1, 0, "phone first")
        .expect("edits");
    assert!(
        e.text().contains("    channels: [\n        // The phone line.\n        (id: \"web\", name: \"Web\"),\n        (id: \"phone\", name: \"Phone\"),\n"
        ) || e.text().contains("(id: \"phone\", name: \"Phone\"),\n        (id: \"web\", name: \"Web\")"),
        "{}",
        e.text()
    );
    loads(e.text());
    e.undo();
    assert_eq!(e.text(), MAP);
    e.remove_item(path!["steps"], 1, "drop call")
        .expect("edits");
    assert!(!e.text().contains("\"Call\""));
    e.undo();
    assert_eq!(e.text(), MAP);
}

#[test]
fn a_group_is_one_undo_and_a_failed_group_leaves_no_trace() {
    let mut e = editor();
    let col = path!["steps", 0, "collects", 0];
    let order = field_order::<Collection>();
    e.group("justify", |e| {
        e.set_field(col, "retention", Some("\"1 year\""), order, "r")?;
        e.set_field(col, "benefit", Some("\"A receipt\""), order, "b")
    })
    .expect("edits");
    assert!(e.text().contains("retention") && e.text().contains("A receipt"));
    assert_eq!(e.done().len(), 1);
    assert_eq!(e.undo().as_deref(), Some("justify"));
    assert_eq!(e.text(), MAP);
    let failed = e.group("half", |e| {
        e.set_field(col, "retention", Some("\"1 year\""), order, "r")?;
        e.set_field(path!["steps", 9], "title", Some("\"x\""), order, "t")
    });
    assert!(failed.is_err());
    assert_eq!(e.text(), MAP, "the half-made group is taken back");
    assert!(!e.is_dirty());
    assert_eq!(
        e.redo().as_deref(),
        Some("justify"),
        "the redo history is kept"
    );
}

mod random {
    //! Random edits on real maps: after each, the text reads back as the model the same edits
    //! made; undoing them all gives the original text byte for byte; comments survive.

    use proptest::prelude::*;
    use ron::extensions::Extensions;
    use touchpoint_engine::edit::{Editor, field_order};
    use touchpoint_engine::journey::{Collection, Document, Flow, LawfulBasis, Stage, Step};
    use touchpoint_engine::path;

    const MAPS: [&str; 4] = [
        include_str!("../../../../maps/broadband-fault.ron"),
        include_str!("../../../../maps/bank-account-opening.ron"),
        include_str!("../../../../maps/online-shopping-returns.ron"),
        super::MAP,
    ];

    fn parse(text: &str) -> Document {
        ron::Options::default()
            .with_default_extension(Extensions::IMPLICIT_SOME)
            .from_str(text)
            .unwrap_or_else(|e| panic!("the edited text parses: {e}\n{text}"))
    }

    /// An edit, by positions that are taken modulo what the map has.
    #[derive(Debug, Clone)]
    enum Op {
        Purpose(usize, usize, Option<String>),
        Basis(usize, usize, Option<LawfulBasis>),
        Retention(usize, usize, Option<String>),
        Title(usize, String),
        Notes(usize, Option<String>),
        AddCollection(usize, usize, String),
        DropCollection(usize, usize),
        MoveCollection(usize, usize, usize),
        AddStep(usize, String),
        DropStep(usize),
        MoveStep(usize, usize),
        AddFlow(usize, usize),
        DropFlow(usize),
        AddStage(usize, String),
        AddRead(usize, usize, String),
        DropRead(usize, usize),
        AddPainPoint(usize, usize, String),
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z ]{0,20}",
            Just("quote \" back\\slash".to_string()),
            Just("émoji 😀 עברית\nnew line".to_string()),
            Just("// not a comment, ( [ {".to_string()),
        ]
    }

    fn basis() -> impl Strategy<Value = Option<LawfulBasis>> {
        prop_oneof![
            Just(None),
            Just(Some(LawfulBasis::Contract)),
            Just(Some(LawfulBasis::Consent)),
            Just(Some(LawfulBasis::LegitimateInterests)),
        ]
    }

    fn op() -> impl Strategy<Value = Op> {
        let n = 0usize..40;
        prop_oneof![
            (n.clone(), n.clone(), prop::option::of(text()))
                .prop_map(|(s, c, t)| Op::Purpose(s, c, t)),
            (n.clone(), n.clone(), basis()).prop_map(|(s, c, b)| Op::Basis(s, c, b)),
            (n.clone(), n.clone(), prop::option::of(text()))
                .prop_map(|(s, c, t)| Op::Retention(s, c, t)),
            (n.clone(), text()).prop_map(|(s, t)| Op::Title(s, t)),
            (n.clone(), prop::option::of(text())).prop_map(|(s, t)| Op::Notes(s, t)),
            (n.clone(), n.clone(), text()).prop_map(|(s, c, t)| Op::AddCollection(s, c, t)),
            (n.clone(), n.clone()).prop_map(|(s, c)| Op::DropCollection(s, c)),
            (n.clone(), n.clone(), n.clone()).prop_map(|(s, a, b)| Op::MoveCollection(s, a, b)),
            (n.clone(), "[a-z]{1,8}").prop_map(|(i, t)| Op::AddStep(i, t)),
            n.clone().prop_map(Op::DropStep),
            (n.clone(), n.clone()).prop_map(|(a, b)| Op::MoveStep(a, b)),
            (n.clone(), n.clone()).prop_map(|(a, b)| Op::AddFlow(a, b)),
            n.clone().prop_map(Op::DropFlow),
            (n.clone(), "[a-z]{1,8}").prop_map(|(i, t)| Op::AddStage(i, t)),
            (n.clone(), n.clone(), "[a-z]{1,8}").prop_map(|(c, i, t)| Op::AddRead(c, i, t)),
            (n.clone(), n.clone()).prop_map(|(c, i)| Op::DropRead(c, i)),
            (n.clone(), n, text()).prop_map(|(s, i, t)| Op::AddPainPoint(s, i, t)),
        ]
    }

    /// Applies `op` to the text (through the editor) and to the model (directly).
    fn apply(e: &mut Editor, doc: &mut Document, op: &Op) {
        let steps = doc.steps.len();
        let step = |i: usize| i % steps.max(1);
        let col = |doc: &Document, s: usize, c: usize| {
            let n = doc.steps[s].collects.len();
            (n > 0).then(|| c % n)
        };
        let order_c = field_order::<Collection>();
        let order_s = field_order::<Step>();
        let order_d = field_order::<Document>();
        let q = |t: &str| ron::to_string(t).expect("a string renders");
        match op {
            Op::Purpose(s, c, t) | Op::Retention(s, c, t) if steps > 0 => {
                let s = step(*s);
                let Some(c) = col(doc, s, *c) else { return };
                let field = if matches!(op, Op::Purpose(..)) {
                    "purpose"
                } else {
                    "retention"
                };
                e.set_field(
                    path!["steps", s, "collects", c],
                    field,
                    t.as_deref().map(q).as_deref(),
                    order_c,
                    field,
                )
                .expect("edits");
                let target = &mut doc.steps[s].collects[c];
                *(if field == "purpose" {
                    &mut target.purpose
                } else {
                    &mut target.retention
                }) = t.clone();
            }
            Op::Basis(s, c, b) if steps > 0 => {
                let s = step(*s);
                let Some(c) = col(doc, s, *c) else { return };
                let v = b.map(|b| ron::to_string(&b).expect("renders"));
                e.set_field(
                    path!["steps", s, "collects", c],
                    "basis",
                    v.as_deref(),
                    order_c,
                    "basis",
                )
                .expect("edits");
                doc.steps[s].collects[c].basis = *b;
            }
            Op::Title(s, t) if steps > 0 => {
                let s = step(*s);
                e.set_field(path!["steps", s], "title", Some(&q(t)), order_s, "title")
                    .expect("edits");
                doc.steps[s].title = t.clone();
            }
            Op::Notes(s, t) if steps > 0 => {
                let s = step(*s);
                e.set_field(
                    path!["steps", s],
                    "notes",
                    t.as_deref().map(q).as_deref(),
                    order_s,
                    "notes",
                )
                .expect("edits");
                doc.steps[s].notes = t.clone();
            }
            Op::AddCollection(s, c, t) if steps > 0 => {
                let s = step(*s);
                let at = c % (doc.steps[s].collects.len() + 1);
                let new = Collection {
                    element: "x".into(),
                    purpose: Some(t.clone()),
                    ..Collection::default()
                };
                e.insert_item(path!["steps", s], "collects", order_s, at, &new, "add")
                    .expect("edits");
                doc.steps[s].collects.insert(at, new);
            }
            Op::DropCollection(s, c) if steps > 0 => {
                let s = step(*s);
                let Some(c) = col(doc, s, *c) else { return };
                e.remove_item(path!["steps", s, "collects"], c, "drop")
                    .expect("edits");
                doc.steps[s].collects.remove(c);
            }
            Op::MoveCollection(s, a, b) if steps > 0 => {
                let s = step(*s);
                let (Some(a), Some(b)) = (col(doc, s, *a), col(doc, s, *b)) else {
                    return;
                };
                e.move_item(path!["steps", s, "collects"], a, b, "move")
                    .expect("edits");
                let item = doc.steps[s].collects.remove(a);
                doc.steps[s].collects.insert(b, item);
            }
            Op::AddStep(i, t) => {
                let at = i % (steps + 1);
                let new = Step {
                    id: t.clone(),
                    title: t.clone(),
                    channel: "web".into(),
                    stage: "one".into(),
                    ..Step::default()
                };
                e.insert_item(path![], "steps", order_d, at, &new, "add step")
                    .expect("edits");
                doc.steps.insert(at, new);
            }
            Op::DropStep(i) if steps > 0 => {
                let i = step(*i);
                e.remove_item(path!["steps"], i, "drop step")
                    .expect("edits");
                doc.steps.remove(i);
            }
            Op::MoveStep(a, b) if steps > 0 => {
                let (a, b) = (step(*a), step(*b));
                e.move_item(path!["steps"], a, b, "move step")
                    .expect("edits");
                let item = doc.steps.remove(a);
                doc.steps.insert(b, item);
            }
            Op::AddFlow(a, b) if steps > 0 => {
                let flow = Flow {
                    from: doc.steps[step(*a)].id.clone(),
                    to: doc.steps[step(*b)].id.clone(),
                    label: None,
                    cases: Vec::new(),
                };
                let at = doc.flows.len();
                e.insert_item(path![], "flows", order_d, at, &flow, "add flow")
                    .expect("edits");
                doc.flows.push(flow);
            }
            Op::DropFlow(i) if !doc.flows.is_empty() => {
                let i = i % doc.flows.len();
                e.remove_item(path!["flows"], i, "drop flow")
                    .expect("edits");
                doc.flows.remove(i);
            }
            Op::AddStage(i, t) => {
                let at = i % (doc.stages.len() + 1);
                let stage = Stage {
                    id: t.clone(),
                    name: t.clone(),
                };
                e.insert_item(path![], "stages", order_d, at, &stage, "add stage")
                    .expect("edits");
                doc.stages.insert(at, stage);
            }
            Op::AddRead(c, i, t) if !doc.channels.is_empty() => {
                let c = c % doc.channels.len();
                let at = i % (doc.channels[c].reads.len() + 1);
                let order = field_order::<touchpoint_engine::journey::Channel>();
                e.insert_item(path!["channels", c], "reads", order, at, t, "read")
                    .expect("edits");
                doc.channels[c].reads.insert(at, t.clone());
            }
            Op::DropRead(c, i) if !doc.channels.is_empty() => {
                let c = c % doc.channels.len();
                let n = doc.channels[c].reads.len();
                if n == 0 {
                    return;
                }
                e.remove_item(path!["channels", c, "reads"], i % n, "unread")
                    .expect("edits");
                doc.channels[c].reads.remove(i % n);
            }
            Op::AddPainPoint(s, i, t) if steps > 0 => {
                let s = step(*s);
                let at = i % (doc.steps[s].pain_points.len() + 1);
                e.insert_item(path!["steps", s], "pain_points", order_s, at, t, "pain")
                    .expect("edits");
                doc.steps[s].pain_points.insert(at, t.clone());
            }
            _ => {}
        }
    }

    fn comments(text: &str) -> Vec<&str> {
        text.lines()
            .filter(|l| l.trim_start().starts_with("//"))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn edits_read_back_as_the_model_and_undo_byte_for_byte(
            map in 0usize..4,
            ops in prop::collection::vec(op(), 1..12),
        ) {
            let original = MAPS[map];
            let mut e = Editor::new(original.to_string());
            let mut doc = parse(original);
            for op in &ops {
                apply(&mut e, &mut doc, op);
                prop_assert_eq!(&parse(e.text()), &doc, "after {:?}", op);
            }
            while e.undo().is_some() {}
            prop_assert_eq!(e.text(), original);
            while e.redo().is_some() {}
            prop_assert_eq!(&parse(e.text()), &doc);
        }

        #[test]
        fn field_edits_keep_every_comment_line(
            map in 0usize..4,
            ops in prop::collection::vec(op(), 1..12),
        ) {
            let original = MAPS[map];
            let mut e = Editor::new(original.to_string());
            let mut doc = parse(original);
            for op in ops.iter().filter(|o| matches!(o, Op::Title(..) | Op::Basis(..) | Op::AddCollection(..) | Op::AddStep(..) | Op::AddFlow(..))) {
                apply(&mut e, &mut doc, op);
            }
            let kept = comments(e.text());
            for line in comments(original) {
                prop_assert!(kept.contains(&line), "lost the comment {line:?}");
            }
        }
    }
}

#[test]
fn positions_follow_the_edits() {
    use touchpoint_engine::source::{Locate, SourceMap};
    let mut e = editor();
    let col = path!["steps", 0, "collects", 0];
    let order = field_order::<Collection>();
    e.set_field(
        path!["meta"],
        "description",
        Some("\"A map\\nof two lines? no: one\""),
        field_order::<touchpoint_engine::journey::Meta>(),
        "d",
    )
    .expect("edits");
    e.insert_item(
        path!["steps", 0],
        "collects",
        field_order::<Step>(),
        0,
        &Collection {
            element: "dob".into(),
            ..Collection::default()
        },
        "add",
    )
    .expect("edits");
    e.set_field(col, "purpose", Some("\"😀 é\""), order, "p")
        .expect("edits");
    let fresh = SourceMap::new(e.text().to_string());
    let paths: [&[touchpoint_engine::source::Key<'_>]; 5] = [
        path!["steps", 0, "collects", 1, "basis"],
        path!["steps", 0, "collects", 0, "purpose"],
        path!["steps", 1, "title"],
        path!["flows", 0, "to"],
        path!["steps", 0, "collects", 0, "retention"],
    ];
    for p in paths {
        assert_eq!(Locate::nearest(&e, p), fresh.nearest(p), "{p:?}");
    }
}

#[test]
fn a_journal_replays_edits_undos_and_redos_and_survives_a_cut_last_line() {
    use touchpoint_engine::edit::journal::{self, Entry, JournalError};
    let mut e = editor();
    let mut lines = Entry::Base {
        hash: journal::hash(MAP),
        file: "m.ron".into(),
    }
    .line();
    let order = field_order::<Collection>();
    let col = path!["steps", 0, "collects", 0];
    e.set_field(col, "retention", Some("\"1 year\""), order, "retention")
        .expect("edits");
    lines.push_str(&Entry::edit(e.done().last().expect("an edit")).line());
    e.set_field(
        col,
        "purpose",
        Some("\"Receipts\nand refunds\""),
        order,
        "purpose",
    )
    .expect("edits");
    lines.push_str(&Entry::edit(e.done().last().expect("an edit")).line());
    e.undo();
    lines.push_str(&Entry::Undo.line());
    assert_eq!(
        lines.lines().count(),
        4,
        "one line each, line breaks escaped"
    );
    let back = journal::replay(MAP, &lines).expect("replays");
    assert_eq!(back.editor.text(), e.text());
    assert_eq!(back.edits, ["retention", "purpose"]);
    let mut redone = back.editor;
    redone.redo();
    assert!(
        redone.text().contains("Receipts"),
        "the undone edit can be redone"
    );
    // Killed while writing a line: that line is left out, the rest recovered.
    let cut = format!("{lines}Edit(label: \"half");
    assert_eq!(
        journal::replay(MAP, &cut).expect("replays").editor.text(),
        e.text()
    );
    // Another version of the file: refused, not applied blindly.
    assert_eq!(
        journal::replay(&MAP.replace("Edits", "Other"), &lines)
            .map(|_| ())
            .expect_err("another text"),
        JournalError::OtherText
    );
}
