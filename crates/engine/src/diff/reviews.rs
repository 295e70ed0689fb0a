//! Review decisions added and removed: the decisions of both versions matched by everything
//! they say (review date, step, element, outcome, note, owner, due date), so that a decision
//! edited by hand shows as the old one removed and the new one added.

use std::collections::{HashMap, VecDeque};

use super::Version;
use super::model::{Change, DecisionChange, Diff};
use crate::journey::ReviewDecision;
use crate::path;

type Key<'a> = (&'a str, &'a ReviewDecision);

fn all<'a>(v: &'a Version<'_>) -> Vec<(usize, usize, Key<'a>)> {
    v.doc
        .reviews
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            r.decisions
                .iter()
                .enumerate()
                .map(move |(j, d)| (i, j, (r.date.as_str(), d)))
        })
        .collect()
}

fn change(
    v: &Version<'_>,
    change: Change,
    i: usize,
    j: usize,
    (date, d): Key<'_>,
) -> DecisionChange {
    DecisionChange {
        change,
        date: date.to_string(),
        step: d.step.clone(),
        element: d.element.clone(),
        outcome: d.outcome.label(),
        note: d.note.clone(),
        owner: d.owner.clone(),
        due: d.due.clone(),
        at: v.place(path!["reviews", i, "decisions", j]),
    }
}

pub(super) fn decisions(old: &Version<'_>, new: &Version<'_>, diff: &mut Diff) {
    let before = all(old);
    let mut unmatched: HashMap<Key<'_>, VecDeque<usize>> = HashMap::new();
    for (k, (_, _, key)) in before.iter().enumerate() {
        unmatched.entry(*key).or_default().push_back(k);
    }
    let mut kept = vec![false; before.len()];
    for (i, j, key) in all(new) {
        match unmatched.get_mut(&key).and_then(VecDeque::pop_front) {
            Some(k) => kept[k] = true,
            None => diff.decisions.push(change(new, Change::Added, i, j, key)),
        }
    }
    for ((i, j, key), kept) in before.into_iter().zip(kept) {
        if !kept {
            diff.decisions.push(change(old, Change::Removed, i, j, key));
        }
    }
}
