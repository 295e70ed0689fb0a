//! The diff of two versions of a map lists exactly the edits made between them: random edits
//! on the example maps, each remembered as the change the diff should report, and nothing
//! else (the new version is written out afresh, so its comments and layout all differ too).

use std::collections::{BTreeSet, HashSet};

use proptest::prelude::*;
use touchpoint_engine::diff::{self, Change, Diff};
use touchpoint_engine::journey::{Collection, DataElement, Document, Flow, LawfulBasis, Step};
use touchpoint_engine::mapfile::{LoadedMap, load_str, to_ron};

const MAPS: [(&str, &str); 3] = [
    (
        "broadband-fault.ron",
        include_str!("../../../../maps/broadband-fault.ron"),
    ),
    (
        "bank-account-opening.ron",
        include_str!("../../../../maps/bank-account-opening.ron"),
    ),
    (
        "online-shopping-returns.ron",
        include_str!("../../../../maps/online-shopping-returns.ron"),
    ),
];

/// An edit, by positions taken modulo what the map has.
#[derive(Debug, Clone)]
enum Op {
    StepTitle(usize),
    StepChannel(usize, usize),
    StepNotes(usize),
    AddStep(usize, usize),
    RemoveStep(usize),
    CollectionField(usize, usize, usize),
    AddCollection(usize, usize),
    RemoveCollection(usize, usize),
    MoveCollection(usize, usize, usize),
    Relabel(usize),
    RemoveFlow(usize),
    AddFlow(usize, usize),
    RenameChannel(usize),
    AddElement,
}

fn op() -> impl Strategy<Value = Op> {
    let n = || 0usize..1000;
    prop_oneof![
        n().prop_map(Op::StepTitle),
        (n(), n()).prop_map(|(a, b)| Op::StepChannel(a, b)),
        n().prop_map(Op::StepNotes),
        (n(), n()).prop_map(|(a, b)| Op::AddStep(a, b)),
        n().prop_map(Op::RemoveStep),
        (n(), n(), n()).prop_map(|(a, b, c)| Op::CollectionField(a, b, c)),
        (n(), n()).prop_map(|(a, b)| Op::AddCollection(a, b)),
        (n(), n()).prop_map(|(a, b)| Op::RemoveCollection(a, b)),
        (n(), n(), n()).prop_map(|(a, b, c)| Op::MoveCollection(a, b, c)),
        n().prop_map(Op::Relabel),
        n().prop_map(Op::RemoveFlow),
        (n(), n()).prop_map(|(a, b)| Op::AddFlow(a, b)),
        n().prop_map(Op::RenameChannel),
        Just(Op::AddElement),
    ]
}

/// One change as the test expects it: the list, the kind, who it is about, and the field
/// (empty for something added or removed as a whole).
type Expected = (&'static str, Change, String, String);

/// The edits made to a document, with what each should show as, keeping them apart so that
/// each is one change the diff can name: no two edits touch the same step, collection, flow
/// or element.
struct Edits {
    doc: Document,
    expected: BTreeSet<Expected>,
    /// Steps, elements and flows an edit has touched.
    steps: HashSet<String>,
    elements: HashSet<String>,
    flows: HashSet<(String, String)>,
    removed_steps: HashSet<String>,
    added: usize,
}

fn collection(element: &str) -> Collection {
    Collection {
        element: element.to_string(),
        purpose: Some("Added in the test".into()),
        basis: Some(LawfulBasis::Contract),
        retention: Some("1 year".into()),
        ..Collection::default()
    }
}

impl Edits {
    fn new(doc: Document) -> Edits {
        Edits {
            doc,
            expected: BTreeSet::new(),
            steps: HashSet::new(),
            elements: HashSet::new(),
            flows: HashSet::new(),
            removed_steps: HashSet::new(),
            added: 0,
        }
    }

    fn expect(&mut self, list: &'static str, change: Change, who: String, field: &str) {
        self.expected.insert((list, change, who, field.to_string()));
    }

    /// A step no edit has touched, by position.
    fn free_step(&self, i: usize) -> Option<usize> {
        let n = self.doc.steps.len();
        (0..n)
            .map(|k| (i + k) % n)
            .find(|&s| !self.steps.contains(&self.doc.steps[s].id))
    }

    /// Whether collection `c` of step `s` is the only taking of its element in the step and
    /// its element is untouched (so that removing or moving it is one change).
    fn lone(&self, s: usize, c: usize) -> bool {
        let step = &self.doc.steps[s];
        let e = &step.collects[c].element;
        !self.elements.contains(e) && step.collects.iter().filter(|x| &x.element == e).count() == 1
    }

    fn apply(&mut self, op: &Op) {
        match *op {
            Op::StepTitle(i) => {
                let Some(s) = self.free_step(i) else { return };
                let step = &mut self.doc.steps[s];
                step.title.push_str(" (renamed)");
                let id = step.id.clone();
                self.steps.insert(id.clone());
                self.expect("steps", Change::Changed, id, "title");
            }
            Op::StepNotes(i) => {
                let Some(s) = self.free_step(i) else { return };
                let step = &mut self.doc.steps[s];
                step.notes = match step.notes.take() {
                    Some(_) => None,
                    None => Some("A note from the workshop".into()),
                };
                let id = step.id.clone();
                self.steps.insert(id.clone());
                self.expect("steps", Change::Changed, id, "notes");
            }
            Op::StepChannel(i, c) => {
                let Some(s) = self.free_step(i) else { return };
                let channels = &self.doc.channels;
                let step = &self.doc.steps[s];
                let Some(to) = (0..channels.len())
                    .map(|k| &channels[(c + k) % channels.len()].id)
                    .find(|id| **id != step.channel)
                    .cloned()
                else {
                    return;
                };
                let step = &mut self.doc.steps[s];
                step.channel = to;
                let id = step.id.clone();
                self.steps.insert(id.clone());
                self.expect("steps", Change::Changed, id, "channel");
            }
            Op::AddStep(channel, stage) => {
                self.added += 1;
                let id = format!("added-step-{}", self.added);
                let step = Step {
                    id: id.clone(),
                    title: "A step added in the test".into(),
                    channel: self.doc.channels[channel % self.doc.channels.len()]
                        .id
                        .clone(),
                    stage: self.doc.stages[stage % self.doc.stages.len()].id.clone(),
                    ..Step::default()
                };
                self.doc.steps.push(step);
                self.steps.insert(id.clone());
                self.expect("steps", Change::Added, id, "");
            }
            Op::RemoveStep(i) => {
                let Some(s) = self.free_step(i) else { return };
                let step = &self.doc.steps[s];
                // A step the map's `entries:` names cannot go alone (the map would not load).
                if self.doc.entries.contains(&step.id)
                    || step
                        .collects
                        .iter()
                        .any(|c| self.elements.contains(&c.element))
                    || self.doc.flows.iter().any(|f| {
                        (f.from == step.id || f.to == step.id)
                            && self.flows.contains(&(f.from.clone(), f.to.clone()))
                    })
                {
                    return;
                }
                let step = self.doc.steps.remove(s);
                for c in &step.collects {
                    self.elements.insert(c.element.clone());
                    self.expect(
                        "collections",
                        Change::Removed,
                        format!("{}/{}", step.id, c.element),
                        "",
                    );
                }
                let (gone, kept): (Vec<Flow>, Vec<Flow>) = std::mem::take(&mut self.doc.flows)
                    .into_iter()
                    .partition(|f| f.from == step.id || f.to == step.id);
                self.doc.flows = kept;
                for f in gone {
                    self.flows.insert((f.from.clone(), f.to.clone()));
                    self.expect("flows", Change::Removed, format!("{}>{}", f.from, f.to), "");
                }
                self.steps.insert(step.id.clone());
                self.removed_steps.insert(step.id.clone());
                self.expect("steps", Change::Removed, step.id, "");
            }
            Op::CollectionField(i, c, field) => {
                let Some(s) = self.free_step(i) else { return };
                let step = &mut self.doc.steps[s];
                if step.collects.is_empty() {
                    return;
                }
                let c = c % step.collects.len();
                let col = &mut step.collects[c];
                let name = match field % 6 {
                    0 => {
                        col.purpose =
                            Some(format!("{} (edited)", col.purpose.as_deref().unwrap_or("")));
                        "purpose"
                    }
                    1 => {
                        col.basis = Some(match col.basis {
                            Some(LawfulBasis::Consent) => LawfulBasis::Contract,
                            _ => LawfulBasis::Consent,
                        });
                        "basis"
                    }
                    2 => {
                        col.retention = match col.retention {
                            Some(_) => None,
                            None => Some("6 months".into()),
                        };
                        "retention"
                    }
                    3 => {
                        col.optional = !col.optional;
                        "optional"
                    }
                    4 => {
                        col.repeat_reason = Some(format!(
                            "{} again",
                            col.repeat_reason.as_deref().unwrap_or("Asked")
                        ));
                        "repeat_reason"
                    }
                    _ => {
                        col.stored_in.push("somewhere-else".into());
                        "stored_in"
                    }
                };
                let who = format!("{}/{}", step.id, col.element);
                // Matched by element and position among the same element: the edit is on
                // that one taking.
                self.steps.insert(step.id.clone());
                self.expect("collections", Change::Changed, who, name);
                if name == "stored_in" {
                    // The system must exist for the map to load.
                    if !self.doc.systems.iter().any(|s| s.id == "somewhere-else") {
                        self.doc.systems.push(touchpoint_engine::journey::System {
                            id: "somewhere-else".into(),
                            name: "Somewhere else".into(),
                            ..Default::default()
                        });
                        self.expect(
                            "catalogue",
                            Change::Added,
                            "systems/somewhere-else".into(),
                            "",
                        );
                    }
                }
            }
            Op::AddCollection(i, e) => {
                let Some(s) = self.free_step(i) else { return };
                let elements = &self.doc.data;
                let step = &self.doc.steps[s];
                let Some(element) = (0..elements.len())
                    .map(|k| &elements[(e + k) % elements.len()].id)
                    .find(|id| {
                        !self.elements.contains(*id)
                            && !step.collects.iter().any(|c| &c.element == *id)
                    })
                    .cloned()
                else {
                    return;
                };
                let step = &mut self.doc.steps[s];
                step.collects.push(collection(&element));
                self.steps.insert(step.id.clone());
                let who = format!("{}/{}", step.id, element);
                self.elements.insert(element);
                self.expect("collections", Change::Added, who, "");
            }
            Op::RemoveCollection(i, c) => {
                let Some(s) = self.free_step(i) else { return };
                if self.doc.steps[s].collects.is_empty() {
                    return;
                }
                let c = c % self.doc.steps[s].collects.len();
                if !self.lone(s, c) {
                    return;
                }
                let step = &mut self.doc.steps[s];
                let col = step.collects.remove(c);
                self.steps.insert(step.id.clone());
                let who = format!("{}/{}", step.id, col.element);
                self.elements.insert(col.element);
                self.expect("collections", Change::Removed, who, "");
            }
            Op::MoveCollection(i, c, to) => {
                let Some(s) = self.free_step(i) else { return };
                if self.doc.steps[s].collects.is_empty() {
                    return;
                }
                let c = c % self.doc.steps[s].collects.len();
                if !self.lone(s, c) {
                    return;
                }
                let element = self.doc.steps[s].collects[c].element.clone();
                let from_id = self.doc.steps[s].id.clone();
                self.steps.insert(from_id.clone());
                let Some(t) = self.free_step(to) else {
                    self.steps.remove(&from_id);
                    return;
                };
                if self.doc.steps[t]
                    .collects
                    .iter()
                    .any(|x| x.element == element)
                {
                    self.steps.remove(&from_id);
                    return;
                }
                let col = self.doc.steps[s].collects.remove(c);
                self.doc.steps[t].collects.push(col);
                let to_id = self.doc.steps[t].id.clone();
                self.steps.insert(to_id.clone());
                self.elements.insert(element.clone());
                self.expect(
                    "collections",
                    Change::Moved,
                    format!("{to_id}/{element}"),
                    "",
                );
            }
            Op::Relabel(i) => {
                let Some(f) = self.free_flow(i) else { return };
                let flow = &mut self.doc.flows[f];
                flow.label = match flow.label.take() {
                    Some(l) => Some(format!("{l}, again")),
                    None => Some("a new label".into()),
                };
                let key = (flow.from.clone(), flow.to.clone());
                let who = format!("{}>{}", key.0, key.1);
                self.flows.insert(key);
                self.expect("flows", Change::Relabelled, who, "label");
            }
            Op::RemoveFlow(i) => {
                let Some(f) = self.free_flow(i) else { return };
                let flow = self.doc.flows.remove(f);
                let who = format!("{}>{}", flow.from, flow.to);
                self.flows.insert((flow.from, flow.to));
                self.expect("flows", Change::Removed, who, "");
            }
            Op::AddFlow(a, b) => {
                let n = self.doc.steps.len();
                let (from, to) = (&self.doc.steps[a % n].id, &self.doc.steps[b % n].id);
                let key = (from.clone(), to.clone());
                if from == to
                    || self.flows.contains(&key)
                    || self
                        .doc
                        .flows
                        .iter()
                        .any(|f| f.from == key.0 && f.to == key.1)
                {
                    return;
                }
                self.doc.flows.push(Flow {
                    from: key.0.clone(),
                    to: key.1.clone(),
                    ..Flow::default()
                });
                let who = format!("{}>{}", key.0, key.1);
                self.flows.insert(key);
                self.expect("flows", Change::Added, who, "");
            }
            Op::RenameChannel(i) => {
                let n = self.doc.channels.len();
                let channel = &mut self.doc.channels[i % n];
                if channel.name.ends_with(" (renamed)") {
                    return;
                }
                channel.name.push_str(" (renamed)");
                let who = format!("channels/{}", channel.id);
                self.expect("catalogue", Change::Changed, who, "name");
            }
            Op::AddElement => {
                self.added += 1;
                let id = format!("added_element_{}", self.added);
                self.doc.data.push(DataElement {
                    id: id.clone(),
                    name: "Added element".into(),
                    category: "user.contact.email".into(),
                    ..DataElement::default()
                });
                self.expect("catalogue", Change::Added, format!("data/{id}"), "");
            }
        }
    }

    /// A flow no edit has touched, by position.
    fn free_flow(&self, i: usize) -> Option<usize> {
        let n = self.doc.flows.len();
        (0..n).map(|k| (i + k) % n).find(|&f| {
            let flow = &self.doc.flows[f];
            !self.flows.contains(&(flow.from.clone(), flow.to.clone()))
                && !self.removed_steps.contains(&flow.from)
                && !self.removed_steps.contains(&flow.to)
                // One flow between two steps, so that position among them cannot shift.
                && self
                    .doc
                    .flows
                    .iter()
                    .filter(|g| g.from == flow.from && g.to == flow.to)
                    .count()
                    == 1
        })
    }
}

/// The diff's changes in the test's terms: one entry per field for something changed, one
/// entry for something added, removed or moved.
fn listed(diff: &Diff) -> BTreeSet<Expected> {
    let mut out = BTreeSet::new();
    let mut add = |list: &'static str, change: Change, who: String, fields: Vec<&str>| {
        if matches!(change, Change::Added | Change::Removed | Change::Moved) {
            out.insert((list, change, who, String::new()));
        } else {
            for f in fields {
                out.insert((list, change, who.clone(), f.to_string()));
            }
        }
    };
    for s in &diff.steps {
        add(
            "steps",
            s.change,
            s.step.clone(),
            s.fields.iter().map(|f| f.field.as_str()).collect(),
        );
    }
    for c in &diff.collections {
        add(
            "collections",
            c.change,
            format!("{}/{}", c.step, c.element),
            c.fields.iter().map(|f| f.field.as_str()).collect(),
        );
    }
    for f in &diff.flows {
        add(
            "flows",
            f.change,
            format!("{}>{}", f.from, f.to),
            f.fields.iter().map(|x| x.field.as_str()).collect(),
        );
    }
    for e in &diff.catalogue {
        add(
            "catalogue",
            e.change,
            format!("{}/{}", e.list, e.id),
            e.fields.iter().map(|f| f.field.as_str()).collect(),
        );
    }
    for f in &diff.map {
        out.insert(("map", Change::Changed, String::new(), f.field.clone()));
    }
    for o in &diff.order {
        out.insert(("order", Change::Changed, o.list.clone(), String::new()));
    }
    out
}

fn load(name: &str, text: String) -> LoadedMap {
    load_str(name, text.clone()).unwrap_or_else(|e| panic!("loads: {e}\n{text}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_diff_lists_exactly_the_edits_made(
        map in 0usize..MAPS.len(),
        ops in prop::collection::vec(op(), 0..10),
    ) {
        let (name, text) = MAPS[map];
        let old = load(name, text.to_string());
        let mut edits = Edits::new(old.journey.to_document());
        for op in &ops {
            edits.apply(op);
        }
        let new_text = to_ron(&edits.doc).expect("serialises");
        let new = load(name, new_text);
        let diff = diff::between(&old, &new);
        prop_assert_eq!(listed(&diff), edits.expected.clone(), "after {:?}", ops);
        // Each change points at a line that exists in its version.
        let lines = |side| match side {
            touchpoint_engine::diff::Side::Old => text.lines().count() as u32,
            touchpoint_engine::diff::Side::New => new.source.text().lines().count() as u32,
        };
        for at in diff.steps.iter().map(|c| &c.at).chain(diff.collections.iter().map(|c| &c.at)) {
            prop_assert!(at.line >= 1 && at.line <= lines(at.side), "{:?}", at);
        }
        // And a map against itself, before or after the edits, is empty.
        prop_assert!(diff::between(&old, &old).is_empty());
        prop_assert!(diff::between(&new, &new).is_empty());
        if ops.is_empty() {
            prop_assert!(diff.is_empty(), "{:#?}", diff);
        }
    }
}

#[test]
fn every_example_map_against_itself_is_empty() {
    for (name, text) in MAPS {
        let map = load(name, text.to_string());
        let rewritten = load(
            name,
            to_ron(&map.journey.to_document()).expect("serialises"),
        );
        assert!(diff::between(&map, &map).is_empty(), "{name}");
        // Written out afresh (no comments, another layout): still nothing changed.
        assert!(diff::between(&map, &rewritten).is_empty(), "{name}");
    }
}

#[test]
fn one_of_each_edit_is_listed_as_made() {
    let ops = [
        Op::StepTitle(1),
        Op::StepChannel(2, 1),
        Op::StepNotes(3),
        Op::AddStep(0, 1),
        Op::RemoveStep(4),
        Op::CollectionField(5, 0, 0),
        Op::CollectionField(6, 0, 1),
        Op::CollectionField(7, 0, 5),
        Op::AddCollection(8, 3),
        Op::RemoveCollection(9, 0),
        Op::MoveCollection(10, 0, 11),
        Op::Relabel(0),
        Op::RemoveFlow(5),
        Op::AddFlow(0, 12),
        Op::RenameChannel(1),
        Op::AddElement,
    ];
    for (name, text) in MAPS {
        let old = load(name, text.to_string());
        let mut edits = Edits::new(old.journey.to_document());
        for op in &ops {
            edits.apply(op);
        }
        let kinds: BTreeSet<(&str, Change)> =
            edits.expected.iter().map(|(l, c, _, _)| (*l, *c)).collect();
        assert!(kinds.len() >= 10, "{name}: the edits were made: {kinds:?}");
        let new = load(name, to_ron(&edits.doc).expect("serialises"));
        let diff = diff::between(&old, &new);
        assert_eq!(listed(&diff), edits.expected, "{name}");
    }
}
