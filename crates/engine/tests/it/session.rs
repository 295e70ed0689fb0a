//! A map under edit: the text and the journey change together, checked edit by edit, undo
//! and redo take both back, saving keeps what is on disk safe.

use proptest::prelude::*;
use ron::extensions::Extensions;
use touchpoint_engine::edit::{EditError, SaveError, Session, backup_path};
use touchpoint_engine::journey::{
    Channel, Collection, ConsentMethod, Document, Flow, Journey, LawfulBasis, Stage, Step,
};
use touchpoint_engine::mapfile::load_str;

use crate::editing::MAP;

fn parse(text: &str) -> Document {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .from_str(text)
        .unwrap_or_else(|e| panic!("the edited text parses: {e}\n{text}"))
}

fn open(text: &str) -> (Session, Journey) {
    let map = load_str("m.ron", text.to_string()).expect("the map loads");
    (Session::new(text.to_string()), map.journey)
}

/// The journey and the text say the same, and the text still loads.
fn agree(session: &Session, journey: &Journey) {
    assert_eq!(
        journey.to_document(),
        parse(session.text()),
        "\n{}",
        session.text()
    );
    if let Err(e) = load_str("m.ron", session.text().to_string()) {
        panic!("the edited map loads: {e}\n{}", session.text());
    }
}

fn step(journey: &Journey, id: &str) -> petgraph::stable_graph::NodeIndex {
    journey.step_index(id).expect("a step of the map")
}

#[test]
fn a_collection_is_justified_then_undone_and_redone() {
    let (mut s, mut j) = open(MAP);
    let ix = step(&j, "sign-up");
    let mut c = j.graph[ix].collects[0].clone();
    c.retention = Some("Until the account closes".into());
    c.benefit = Some("Their receipt".into());
    s.update_collection(&mut j, ix, 0, c).expect("edits");
    agree(&s, &j);
    assert!(
        s.text().contains("// agreed in March"),
        "the comment next to the edit stays"
    );
    assert_eq!(s.undo(&mut j).as_deref(), Some("edit Email"));
    assert_eq!(s.text(), MAP);
    agree(&s, &j);
    s.redo(&mut j);
    assert!(s.text().contains("Until the account closes"));
    agree(&s, &j);
}

#[test]
fn steps_and_flows_are_added_renamed_and_deleted_with_their_flows() {
    let (mut s, mut j) = open(MAP);
    let new = Step {
        id: "confirm".into(),
        title: "Confirm by email".into(),
        channel: "web".into(),
        stage: "two".into(),
        ..Step::default()
    };
    s.add_step(&mut j, 1, new).expect("adds");
    s.add_flow(
        &mut j,
        Flow {
            from: "sign-up".into(),
            to: "confirm".into(),
            label: Some("after payment".into()),
            cases: Vec::new(),
        },
    )
    .expect("links");
    agree(&s, &j);
    // A new id is carried into the flows that name the step.
    let ix = step(&j, "sign-up");
    let mut renamed = j.graph[ix].clone();
    renamed.id = "register".into();
    s.update_step(&mut j, ix, renamed).expect("renames");
    agree(&s, &j);
    assert!(
        s.text().contains("(from: \"register\", to: \"call\")"),
        "{}",
        s.text()
    );
    // Deleting a step takes its flows with it.
    let ix = step(&j, "register");
    s.delete_step(&mut j, ix).expect("deletes");
    agree(&s, &j);
    assert!(!s.text().contains("register"));
    while s.undo(&mut j).is_some() {}
    assert_eq!(s.text(), MAP);
    agree(&s, &j);
}

#[test]
fn edits_that_would_break_the_map_are_refused_and_change_nothing() {
    let (mut s, mut j) = open(MAP);
    let ix = step(&j, "sign-up");
    let mut bad = j.graph[ix].clone();
    bad.channel = "fax".into();
    assert!(
        matches!(s.update_step(&mut j, ix, bad), Err(EditError::Invalid(m)) if m.contains("fax"))
    );
    let mut dup = j.graph[ix].clone();
    dup.id = "call".into();
    assert!(s.update_step(&mut j, ix, dup).is_err(), "ids stay unique");
    let unknown = Collection {
        element: "shoe-size".into(),
        ..Collection::default()
    };
    assert!(s.add_collection(&mut j, ix, 0, unknown).is_err());
    assert!(
        s.add_flow(
            &mut j,
            Flow {
                from: "call".into(),
                to: "call".into(),
                label: None,
                cases: Vec::new(),
            }
        )
        .is_err()
    );
    // A channel in use cannot go; the message names what uses it.
    match s.edit_channel(&mut j, Some(0), None) {
        Err(EditError::Refused(why)) => assert!(why.contains("Sign up"), "{why}"),
        other => panic!("refused, not {other:?}"),
    }
    assert_eq!(s.text(), MAP, "nothing was written");
    assert!(!s.is_dirty());
    agree(&s, &j);
}

#[test]
fn the_catalogue_is_edited_in_place() {
    let (mut s, mut j) = open(MAP);
    s.edit_stage(
        &mut j,
        None,
        Some(Stage {
            id: "three".into(),
            name: "Three".into(),
        }),
    )
    .expect("adds");
    s.edit_channel(
        &mut j,
        Some(1),
        Some(Channel {
            id: "phone".into(),
            name: "Telephone".into(),
            reads: vec![],
            masked: Vec::new(),
        }),
    )
    .expect("renames");
    agree(&s, &j);
    assert!(
        s.text()
            .contains("// The phone line.\n        (id: \"phone\", name: \"Telephone\"),"),
        "{}",
        s.text()
    );
    s.edit_stage(&mut j, Some(2), None)
        .expect("an unused stage goes");
    agree(&s, &j);
}

#[test]
fn saving_keeps_a_backup_and_never_overwrites_changes_made_on_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("map.ron");
    std::fs::write(&path, MAP).expect("write");
    let (mut s, mut j) = open(MAP);
    let ix = step(&j, "call");
    let mut renamed = j.graph[ix].clone();
    renamed.title = "Call the shop".into();
    s.update_step(&mut j, ix, renamed).expect("edits");
    assert!(s.is_dirty());
    s.save(&path, false).expect("saves");
    assert!(!s.is_dirty());
    assert_eq!(std::fs::read_to_string(&path).expect("read"), s.text());
    assert_eq!(
        std::fs::read_to_string(backup_path(&path)).expect("backup"),
        MAP
    );
    // Someone changes the file; an edit and a save here must not overwrite them blindly.
    std::fs::write(&path, MAP.replace("Edits", "Theirs")).expect("write");
    let ix = step(&j, "call");
    let mut again = j.graph[ix].clone();
    again.title = "Call us".into();
    s.update_step(&mut j, ix, again).expect("edits");
    assert!(matches!(
        s.save(&path, false),
        Err(SaveError::ChangedOnDisk)
    ));
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("Theirs")
    );
    s.save(&path, true).expect("overwrites when told to");
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("Call us")
    );
    // Undo across the save: back to the saved state is clean again.
    s.undo(&mut j);
    assert!(!s.text().contains("Call us"));
    assert!(s.is_dirty());
}

#[test]
fn a_journal_follows_the_session() {
    use touchpoint_engine::edit::journal;
    let (mut s, mut j) = open(MAP);
    let sink = Shared::default();
    s.journal_to(Box::new(sink.clone()), "m.ron")
        .expect("journal");
    let ix = step(&j, "sign-up");
    let mut c = j.graph[ix].collects[0].clone();
    c.basis = Some(LawfulBasis::Consent);
    s.update_collection(&mut j, ix, 0, c).expect("edits");
    s.add_collection(
        &mut j,
        ix,
        1,
        Collection {
            element: "dob".into(),
            ..Collection::default()
        },
    )
    .expect("adds");
    s.undo(&mut j);
    let back = journal::replay(MAP, &sink.text()).expect("replays");
    assert_eq!(back.editor.text(), s.text());
}

#[test]
fn a_journal_started_again_at_a_save_replays_an_undo_past_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("m.ron");
    std::fs::write(&path, MAP).expect("writes");
    let (mut s, mut j) = open(MAP);
    let ix = step(&j, "sign-up");
    let mut c = j.graph[ix].collects[0].clone();
    c.purpose = Some("to reach you".into());
    s.update_collection(&mut j, ix, 0, c).expect("edits");
    s.save(&path, false).expect("saves");
    let saved = std::fs::read_to_string(&path).expect("reads");
    let sink = Shared::default();
    s.journal_to(Box::new(sink.clone()), "m.ron")
        .expect("journal");
    s.undo(&mut j).expect("undoes past the save");
    assert!(s.is_dirty());
    let lines = sink.text();
    let back = touchpoint_engine::edit::journal::replay(&saved, &lines).expect("replays");
    assert_eq!(back.editor.text(), s.text());
    assert_eq!(s.text(), MAP);
}

/// A journal held in memory, shared with the test.
#[derive(Clone, Default)]
struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Shared {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().expect("lock").clone()).expect("UTF-8")
    }
}

#[test]
fn a_recovered_session_journals_its_edits_again() {
    use touchpoint_engine::edit::journal;
    let (mut s, mut j) = open(MAP);
    let first = Shared::default();
    s.journal_to(Box::new(first.clone()), "m.ron")
        .expect("journal");
    let ix = step(&j, "sign-up");
    let mut c = j.graph[ix].collects[0].clone();
    c.retention = Some("a year".into());
    s.update_collection(&mut j, ix, 0, c).expect("edits");
    // The workbench dies; the next one recovers, and journals anew before dying too.
    let back = journal::replay(MAP, &first.text()).expect("replays");
    let mut again = Session::recovered(back.editor, journal::hash(MAP));
    let second = Shared::default();
    again
        .journal_to(Box::new(second.clone()), "m.ron")
        .expect("journal");
    let twice = journal::replay(MAP, &second.text()).expect("replays the second journal");
    assert_eq!(twice.editor.text(), s.text());
}

/// `text` with an `entries:` list naming its first two steps, as the last field of the map.
fn with_entries(text: &str) -> String {
    let doc = parse(text);
    let ids: Vec<String> = doc
        .steps
        .iter()
        .take(2)
        .map(|s| format!("{:?}", s.id))
        .collect();
    let end = text.rfind(')').expect("the map closes");
    format!(
        "{}    entries: [{}],\n{}",
        &text[..end],
        ids.join(", "),
        &text[end..]
    )
}

#[test]
fn renaming_or_deleting_a_named_entry_keeps_the_entries_list_true() {
    let text = with_entries(include_str!("../../../../maps/online-shopping-returns.ron"));
    let (mut s, mut j) = open(&text);
    let first = j.entry_ids()[0].clone();
    let ix = step(&j, &first);
    let mut st = j.graph[ix].clone();
    st.id = "renamed-entry".into();
    s.update_step(&mut j, ix, st).expect("renames");
    agree(&s, &j);
    assert_eq!(j.entry_ids()[0], "renamed-entry");
    assert!(j.is_entry(ix));
    s.delete_step(&mut j, ix).expect("deletes");
    agree(&s, &j);
    assert!(!j.entry_ids().iter().any(|e| e == "renamed-entry"));
    // The node a deleted entry leaves is reused by the next step added: not an entry.
    let st = Step {
        id: "fresh".into(),
        title: "Fresh".into(),
        channel: j.channels[0].id.clone(),
        stage: j.stages[0].id.clone(),
        ..Step::default()
    };
    s.add_step(&mut j, 0, st).expect("adds");
    agree(&s, &j);
    assert!(
        !j.is_entry(step(&j, "fresh")),
        "nothing inherits entry-ness"
    );
    // Deleting the last step it names removes the list: the map no longer names entries.
    let last = j.entry_ids()[0].clone();
    let ix = step(&j, &last);
    s.delete_step(&mut j, ix).expect("deletes");
    agree(&s, &j);
    assert!(!j.entries_are_named());
    assert!(!s.text().contains("entries:"), "{}", s.text());
    while s.undo(&mut j).is_some() {}
    assert_eq!(s.text(), text);
    agree(&s, &j);
}

#[test]
fn the_fields_the_forms_do_not_show_survive_an_edit_and_a_save() {
    // A collection with consent, a subject, a source and recipients; a step that keeps
    // nothing and decides; a flow of one case; a channel that sees a field masked.
    let text = include_str!("../../../../maps/bank-account-opening.ron");
    let (mut s, mut j) = open(text);
    let before = j.to_document();
    for (ix, _) in j
        .steps()
        .map(|(ix, st)| (ix, st.id.clone()))
        .collect::<Vec<_>>()
    {
        let mut st = j.graph[ix].clone();
        st.title = format!("{} (edited)", st.title);
        s.update_step(&mut j, ix, st).expect("edits the title");
        for c in 0..j.graph[ix].collects.len() {
            let mut col = j.graph[ix].collects[c].clone();
            col.purpose = Some("Edited".into());
            s.update_collection(&mut j, ix, c, col)
                .expect("edits the purpose");
        }
    }
    agree(&s, &j);
    let after = parse(s.text());
    let rich = |d: &Document| {
        let cols: Vec<_> = d
            .steps
            .iter()
            .flat_map(|st| st.collects.iter())
            .map(|c| {
                (
                    c.consent,
                    c.about.clone(),
                    c.source.clone(),
                    c.shared_with.clone(),
                )
            })
            .collect();
        let steps: Vec<_> = d
            .steps
            .iter()
            .map(|st| (st.lost_if_abandoned, st.decision.clone()))
            .collect();
        (
            cols,
            steps,
            d.flows.clone(),
            d.channels.clone(),
            d.systems.clone(),
            d.parties.clone(),
        )
    };
    assert_eq!(rich(&after), rich(&before));
    assert!(
        before.steps.iter().any(|st| st.decision.is_some())
            && before
                .steps
                .iter()
                .flat_map(|st| st.collects.iter())
                .any(|c| c.consent.is_some() || !c.shared_with.is_empty()),
        "the bank map exercises the new fields"
    );
}

#[test]
fn edits_recovered_from_a_journal_can_be_undone_and_redone() {
    use touchpoint_engine::edit::journal;
    let (mut s, mut j) = open(MAP);
    let first = Shared::default();
    s.journal_to(Box::new(first.clone()), "m.ron")
        .expect("journal");
    let ix = step(&j, "sign-up");
    let mut c = j.graph[ix].collects[0].clone();
    c.retention = Some("a year".into());
    s.update_collection(&mut j, ix, 0, c).expect("edits");
    let back = journal::replay(MAP, &first.text()).expect("replays");
    let mut again = Session::recovered(back.editor, journal::hash(MAP));
    let mut recovered = touchpoint_engine::mapfile::load_str("m.ron", again.text().to_string())
        .expect("the recovered text loads")
        .journey;
    assert!(again.can_undo());
    assert!(again.undo(&mut recovered).is_some());
    assert_eq!(again.text(), MAP);
    let ix = step(&recovered, "sign-up");
    assert_eq!(recovered.graph[ix].collects[0].retention, None);
    assert!(again.redo(&mut recovered).is_some());
    assert_eq!(again.text(), s.text());
    let ix = step(&recovered, "sign-up");
    assert_eq!(
        recovered.graph[ix].collects[0].retention.as_deref(),
        Some("a year")
    );
    assert!(again.redo(&mut recovered).is_none());
}

/// Random edits through the session, on the example maps.
#[derive(Debug, Clone)]
enum Op {
    Justify(usize, usize, Option<String>),
    AddCollection(usize, usize),
    DropCollection(usize, usize),
    MoveCollection(usize, usize, usize),
    Title(usize, String),
    AddStep(usize, String),
    DropStep(usize),
    Link(usize, usize),
    Unlink(usize),
    AddStage(String),
    /// A step given a new id (carried into flows and `entries`).
    Rename(usize, String),
    /// The step form's "keeps nothing" toggle.
    Lost(usize),
    /// The collection form's consent, whom it is about and who receives it.
    Fidelity(usize, usize, u8),
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    let n = 0usize..60;
    prop_oneof![
        (n.clone(), n.clone(), prop::option::of("[a-zA-Z é\"]{1,12}"))
            .prop_map(|(a, b, t)| Op::Justify(a, b, t)),
        (n.clone(), n.clone()).prop_map(|(a, b)| Op::AddCollection(a, b)),
        (n.clone(), n.clone()).prop_map(|(a, b)| Op::DropCollection(a, b)),
        (n.clone(), n.clone(), n.clone()).prop_map(|(a, b, c)| Op::MoveCollection(a, b, c)),
        (n.clone(), "[a-zA-Z ]{1,12}").prop_map(|(a, t)| Op::Title(a, t)),
        (n.clone(), "[a-z]{3,8}").prop_map(|(a, t)| Op::AddStep(a, t)),
        n.clone().prop_map(Op::DropStep),
        (n.clone(), n.clone()).prop_map(|(a, b)| Op::Link(a, b)),
        n.clone().prop_map(Op::Unlink),
        "[a-z]{3,8}".prop_map(Op::AddStage),
        (n.clone(), "[a-z]{3,8}").prop_map(|(a, t)| Op::Rename(a, t)),
        n.clone().prop_map(Op::Lost),
        (n.clone(), n.clone(), any::<u8>()).prop_map(|(a, b, f)| Op::Fidelity(a, b, f)),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

fn run(s: &mut Session, j: &mut Journey, op: &Op) {
    let steps: Vec<_> = j.steps().map(|(ix, _)| ix).collect();
    let pick = |i: usize| steps.get(i % steps.len().max(1)).copied();
    // Edits the session refuses are fine: they must change nothing.
    let _ = match op {
        Op::Justify(a, c, t) => match pick(*a) {
            Some(ix) if !j.graph[ix].collects.is_empty() => {
                let c = c % j.graph[ix].collects.len();
                let mut col = j.graph[ix].collects[c].clone();
                col.purpose = t.clone();
                s.update_collection(j, ix, c, col)
            }
            _ => Ok(()),
        },
        Op::AddCollection(a, at) => match pick(*a) {
            Some(ix) => {
                let element = j.elements[at % j.elements.len()].id.clone();
                s.add_collection(
                    j,
                    ix,
                    *at,
                    Collection {
                        element,
                        ..Collection::default()
                    },
                )
            }
            None => Ok(()),
        },
        Op::DropCollection(a, c) => match pick(*a) {
            Some(ix) if !j.graph[ix].collects.is_empty() => {
                let c = c % j.graph[ix].collects.len();
                s.delete_collection(j, ix, c)
            }
            _ => Ok(()),
        },
        Op::MoveCollection(a, x, y) => match pick(*a) {
            Some(ix) if !j.graph[ix].collects.is_empty() => {
                let n = j.graph[ix].collects.len();
                s.move_collection(j, ix, x % n, y % n)
            }
            _ => Ok(()),
        },
        Op::Title(a, t) => match pick(*a) {
            Some(ix) => {
                let mut st = j.graph[ix].clone();
                st.title = t.clone();
                s.update_step(j, ix, st)
            }
            None => Ok(()),
        },
        Op::AddStep(at, id) => {
            let st = Step {
                id: id.clone(),
                title: id.clone(),
                channel: j.channels[0].id.clone(),
                stage: j.stages[0].id.clone(),
                ..Step::default()
            };
            s.add_step(j, *at, st)
        }
        Op::DropStep(a) => match pick(*a) {
            Some(ix) => s.delete_step(j, ix),
            None => Ok(()),
        },
        Op::Link(a, b) => match (pick(*a), pick(*b)) {
            (Some(x), Some(y)) => {
                let flow = Flow {
                    from: j.graph[x].id.clone(),
                    to: j.graph[y].id.clone(),
                    label: None,
                    cases: Vec::new(),
                };
                s.add_flow(j, flow)
            }
            _ => Ok(()),
        },
        Op::Unlink(i) => {
            let n = j.flows().len();
            if n == 0 {
                Ok(())
            } else {
                s.delete_flow(j, i % n)
            }
        }
        Op::AddStage(id) => s.edit_stage(
            j,
            None,
            Some(Stage {
                id: id.clone(),
                name: id.clone(),
            }),
        ),
        Op::Rename(a, id) => match pick(*a) {
            Some(ix) => {
                let mut st = j.graph[ix].clone();
                st.id = id.clone();
                s.update_step(j, ix, st)
            }
            None => Ok(()),
        },
        Op::Lost(a) => match pick(*a) {
            Some(ix) => {
                let mut st = j.graph[ix].clone();
                st.lost_if_abandoned = !st.lost_if_abandoned;
                s.update_step(j, ix, st)
            }
            None => Ok(()),
        },
        Op::Fidelity(a, c, f) => match pick(*a) {
            Some(ix) if !j.graph[ix].collects.is_empty() => {
                let c = c % j.graph[ix].collects.len();
                let mut col = j.graph[ix].collects[c].clone();
                col.consent = (f & 1 == 1).then_some(ConsentMethod::OptInButton);
                col.about = (f & 2 == 2)
                    .then(|| j.subjects.first().map(|s| s.id.clone()))
                    .flatten();
                col.shared_with = if f & 4 == 4 {
                    j.parties.iter().take(1).map(|p| p.id.clone()).collect()
                } else {
                    Vec::new()
                };
                s.update_collection(j, ix, c, col)
            }
            _ => Ok(()),
        },
        Op::Undo => {
            s.undo(j);
            Ok(())
        }
        Op::Redo => {
            s.redo(j);
            Ok(())
        }
    };
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_text_and_the_journey_never_part(
        map in 0usize..5,
        ops in prop::collection::vec(op(), 1..16),
    ) {
        let named = with_entries(include_str!("../../../../maps/online-shopping-returns.ron"));
        let text = [
            include_str!("../../../../maps/broadband-fault.ron"),
            include_str!("../../../../maps/bank-account-opening.ron"),
            include_str!("../../../../maps/online-shopping-returns.ron"),
            MAP,
            named.as_str(),
        ][map];
        let (mut s, mut j) = open(text);
        for op in &ops {
            run(&mut s, &mut j, op);
            prop_assert_eq!(j.to_document(), parse(s.text()), "after {:?}", op);
        }
        agree(&s, &j);
        while s.undo(&mut j).is_some() {}
        prop_assert_eq!(s.text(), text);
    }
}
