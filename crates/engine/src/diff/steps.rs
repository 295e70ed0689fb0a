//! Steps by id, the collections of each step by element, and flows by the steps they join.

use std::collections::{HashMap, HashSet, VecDeque};

use super::model::{Change, CollectionChange, Diff, FlowChange, Moved, Named, Shift, StepChange};
use super::value::Value;
use super::{Version, field_changes, present_fields};
use crate::journey::{Journey, Step};
use crate::path;

/// A step's fields compared on their own: the id is what matches it, and its collections are
/// compared one by one.
const STEP_SKIP: &[&str] = &["id", "collects"];
/// A collection is matched by its element.
const COLLECTION_SKIP: &[&str] = &["element"];
/// A flow is matched by the steps it joins.
const FLOW_SKIP: &[&str] = &["from", "to"];

/// A collection of one version: the index of its step in the file's `steps`, and its own
/// index in the step's `collects`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct At {
    step: usize,
    collection: usize,
}

fn ids(steps: &[Step]) -> HashMap<&str, usize> {
    let mut map = HashMap::with_capacity(steps.len());
    for (i, s) in steps.iter().enumerate() {
        map.entry(s.id.as_str()).or_insert(i);
    }
    map
}

fn stage_name<'a>(journey: &'a Journey, id: &'a str) -> &'a str {
    journey.stage(id).map_or(id, |s| s.name.as_str())
}

fn channel(journey: &Journey, id: &str) -> Named {
    Named {
        id: id.to_string(),
        name: journey.channel_name(id).to_string(),
    }
}

fn stage(journey: &Journey, id: &str) -> Named {
    Named {
        id: id.to_string(),
        name: stage_name(journey, id).to_string(),
    }
}

/// Steps added, removed and changed, and every collection added, removed, moved or changed.
pub(super) fn steps(old: &Version<'_>, new: &Version<'_>, diff: &mut Diff) {
    let old_ids = ids(&old.doc.steps);
    let new_ids = ids(&new.doc.steps);
    let mut removed: Vec<At> = Vec::new();
    let mut added: Vec<At> = Vec::new();
    for (j, ns) in new.doc.steps.iter().enumerate() {
        let Some(&i) = old_ids.get(ns.id.as_str()) else {
            diff.steps.push(StepChange {
                change: Change::Added,
                step: ns.id.clone(),
                title: ns.title.clone(),
                channel: channel(&new.map.journey, &ns.channel),
                stage: stage(&new.map.journey, &ns.stage),
                moved: None,
                fields: present_fields(Value::fields_of(ns, STEP_SKIP), |f| {
                    new.place(path!["steps", j, f])
                }),
                at: new.place(path!["steps", j, "id"]),
            });
            added.extend((0..ns.collects.len()).map(|c| At {
                step: j,
                collection: c,
            }));
            continue;
        };
        let os = &old.doc.steps[i];
        if os == ns {
            continue;
        }
        let fields = field_changes(
            &Value::fields_of(os, STEP_SKIP),
            &Value::fields_of(ns, STEP_SKIP),
            |f| new.place(path!["steps", j, f]),
        );
        if !fields.is_empty() {
            let channel_shift = (os.channel != ns.channel).then(|| Shift {
                from: channel(&old.map.journey, &os.channel),
                to: channel(&new.map.journey, &ns.channel),
            });
            let stage_shift = (os.stage != ns.stage).then(|| Shift {
                from: stage(&old.map.journey, &os.stage),
                to: stage(&new.map.journey, &ns.stage),
            });
            let moved = (channel_shift.is_some() || stage_shift.is_some()).then_some(Moved {
                channel: channel_shift,
                stage: stage_shift,
            });
            diff.steps.push(StepChange {
                change: Change::Changed,
                step: ns.id.clone(),
                title: ns.title.clone(),
                channel: channel(&new.map.journey, &ns.channel),
                stage: stage(&new.map.journey, &ns.stage),
                moved,
                fields,
                at: new.place(path!["steps", j, "id"]),
            });
        }
        if os.collects != ns.collects {
            collections(old, i, new, j, diff, &mut removed, &mut added);
        }
    }
    for (i, os) in old.doc.steps.iter().enumerate() {
        if new_ids.contains_key(os.id.as_str()) {
            continue;
        }
        diff.steps.push(StepChange {
            change: Change::Removed,
            step: os.id.clone(),
            title: os.title.clone(),
            channel: channel(&old.map.journey, &os.channel),
            stage: stage(&old.map.journey, &os.stage),
            moved: None,
            fields: Vec::new(),
            at: old.place(path!["steps", i, "id"]),
        });
        removed.extend((0..os.collects.len()).map(|c| At {
            step: i,
            collection: c,
        }));
    }
    removed.sort_unstable();
    moves(old, new, removed, added, diff);
}

/// The collections of step `i` (old) and `j` (new): the n-th taking of an element matches
/// the n-th taking of it in the other version. Those changed are listed; those left over are
/// candidates for moves.
fn collections(
    old: &Version<'_>,
    i: usize,
    new: &Version<'_>,
    j: usize,
    diff: &mut Diff,
    removed: &mut Vec<At>,
    added: &mut Vec<At>,
) {
    let os = &old.doc.steps[i];
    let ns = &new.doc.steps[j];
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut old_by: HashMap<(&str, usize), usize> = HashMap::with_capacity(os.collects.len());
    for (c, col) in os.collects.iter().enumerate() {
        let n = seen.entry(col.element.as_str()).or_default();
        old_by.insert((col.element.as_str(), *n), c);
        *n += 1;
    }
    seen.clear();
    let mut matched = vec![false; os.collects.len()];
    for (c, col) in ns.collects.iter().enumerate() {
        let n = seen.entry(col.element.as_str()).or_default();
        let occurrence = *n;
        *n += 1;
        let Some(&oc) = old_by.get(&(col.element.as_str(), occurrence)) else {
            added.push(At {
                step: j,
                collection: c,
            });
            continue;
        };
        matched[oc] = true;
        if os.collects[oc] == *col {
            continue;
        }
        diff.collections.push(CollectionChange {
            change: Change::Changed,
            element: col.element.clone(),
            element_name: new.map.journey.element_name(&col.element).to_string(),
            step: ns.id.clone(),
            step_title: ns.title.clone(),
            from_step: None,
            from_step_title: None,
            fields: field_changes(
                &Value::fields_of(&os.collects[oc], COLLECTION_SKIP),
                &Value::fields_of(col, COLLECTION_SKIP),
                |f| new.place(path!["steps", j, "collects", c, f]),
            ),
            at: new.place(path!["steps", j, "collects", c, "element"]),
        });
    }
    removed.extend(
        matched
            .iter()
            .enumerate()
            .filter(|(_, m)| !**m)
            .map(|(c, _)| At {
                step: i,
                collection: c,
            }),
    );
}

/// Collections taken nowhere in the new version and collections new to it: the same element
/// leaving one step and arriving at another is a move (in file order, first with first);
/// the rest are removed or added.
fn moves(old: &Version<'_>, new: &Version<'_>, removed: Vec<At>, added: Vec<At>, diff: &mut Diff) {
    let element = |v: &Version<'_>, at: At| -> String {
        v.doc.steps[at.step].collects[at.collection].element.clone()
    };
    let mut arrivals: HashMap<String, VecDeque<At>> = HashMap::new();
    for &at in &added {
        arrivals.entry(element(new, at)).or_default().push_back(at);
    }
    let mut used: HashSet<At> = HashSet::new();
    for from in removed {
        let os = &old.doc.steps[from.step];
        let oc = &os.collects[from.collection];
        let to = arrivals.get_mut(&oc.element).and_then(VecDeque::pop_front);
        let Some(to) = to else {
            diff.collections.push(CollectionChange {
                change: Change::Removed,
                element: oc.element.clone(),
                element_name: old.map.journey.element_name(&oc.element).to_string(),
                step: os.id.clone(),
                step_title: os.title.clone(),
                from_step: None,
                from_step_title: None,
                fields: Vec::new(),
                at: old.place(path![
                    "steps",
                    from.step,
                    "collects",
                    from.collection,
                    "element"
                ]),
            });
            continue;
        };
        used.insert(to);
        let ns = &new.doc.steps[to.step];
        let nc = &ns.collects[to.collection];
        diff.collections.push(CollectionChange {
            change: Change::Moved,
            element: nc.element.clone(),
            element_name: new.map.journey.element_name(&nc.element).to_string(),
            step: ns.id.clone(),
            step_title: ns.title.clone(),
            from_step: Some(os.id.clone()),
            from_step_title: Some(os.title.clone()),
            fields: field_changes(
                &Value::fields_of(oc, COLLECTION_SKIP),
                &Value::fields_of(nc, COLLECTION_SKIP),
                |f| new.place(path!["steps", to.step, "collects", to.collection, f]),
            ),
            at: new.place(path![
                "steps",
                to.step,
                "collects",
                to.collection,
                "element"
            ]),
        });
    }
    for at in added {
        if used.contains(&at) {
            continue;
        }
        let ns = &new.doc.steps[at.step];
        let nc = &ns.collects[at.collection];
        diff.collections.push(CollectionChange {
            change: Change::Added,
            element: nc.element.clone(),
            element_name: new.map.journey.element_name(&nc.element).to_string(),
            step: ns.id.clone(),
            step_title: ns.title.clone(),
            from_step: None,
            from_step_title: None,
            fields: present_fields(Value::fields_of(nc, COLLECTION_SKIP), |f| {
                new.place(path!["steps", at.step, "collects", at.collection, f])
            }),
            at: new.place(path![
                "steps",
                at.step,
                "collects",
                at.collection,
                "element"
            ]),
        });
    }
}

/// Flows added, removed and relabelled: the n-th flow from one step to another matches the
/// n-th in the other version.
pub(super) fn flows(old: &Version<'_>, new: &Version<'_>, diff: &mut Diff) {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    let mut old_by: HashMap<(&str, &str, usize), usize> =
        HashMap::with_capacity(old.doc.flows.len());
    for (i, f) in old.doc.flows.iter().enumerate() {
        let n = seen.entry((&f.from, &f.to)).or_default();
        old_by.insert((&f.from, &f.to, *n), i);
        *n += 1;
    }
    seen.clear();
    let mut matched = vec![false; old.doc.flows.len()];
    let titles = |v: &Version<'_>, from: &str, to: &str| {
        (
            v.map.journey.step_title(from).to_string(),
            v.map.journey.step_title(to).to_string(),
        )
    };
    for (j, nf) in new.doc.flows.iter().enumerate() {
        let n = seen.entry((&nf.from, &nf.to)).or_default();
        let occurrence = *n;
        *n += 1;
        let (from_title, to_title) = titles(new, &nf.from, &nf.to);
        let Some(&i) = old_by.get(&(nf.from.as_str(), nf.to.as_str(), occurrence)) else {
            diff.flows.push(FlowChange {
                change: Change::Added,
                from: nf.from.clone(),
                to: nf.to.clone(),
                from_title,
                to_title,
                label: nf.label.clone(),
                fields: present_fields(Value::fields_of(nf, FLOW_SKIP), |f| {
                    new.place(path!["flows", j, f])
                }),
                at: new.place(path!["flows", j]),
            });
            continue;
        };
        matched[i] = true;
        let of = &old.doc.flows[i];
        if of == nf {
            continue;
        }
        let fields = field_changes(
            &Value::fields_of(of, FLOW_SKIP),
            &Value::fields_of(nf, FLOW_SKIP),
            |f| new.place(path!["flows", j, f]),
        );
        let change = if fields.iter().all(|f| f.field == "label") {
            Change::Relabelled
        } else {
            Change::Changed
        };
        diff.flows.push(FlowChange {
            change,
            from: nf.from.clone(),
            to: nf.to.clone(),
            from_title,
            to_title,
            label: nf.label.clone(),
            fields,
            at: new.place(path!["flows", j]),
        });
    }
    for (i, of) in old.doc.flows.iter().enumerate() {
        if matched[i] {
            continue;
        }
        let (from_title, to_title) = titles(old, &of.from, &of.to);
        diff.flows.push(FlowChange {
            change: Change::Removed,
            from: of.from.clone(),
            to: of.to.clone(),
            from_title,
            to_title,
            label: of.label.clone(),
            fields: Vec::new(),
            at: old.place(path!["flows", i]),
        });
    }
}
