//! Findings introduced and resolved: the findings of both versions matched by what they are
//! about (rule, step, element, and the catalogue entry they point at), never by message text
//! or position, which move with every edit.

use std::collections::{HashMap, VecDeque};

use super::Version;
use super::catalogue;
use super::model::{FindingChange, FindingsDiff, Side};
use super::value::Value;
use crate::analysis::{FindingRef, Findings};
use crate::source::Key;

/// What a finding is about, the same in both versions when nothing it concerns changed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct About<'f> {
    code: &'static str,
    step: Option<&'f str>,
    element: Option<&'f str>,
    /// The top-level entry the finding points into, by its list and key (`channels/web`), so
    /// that findings about two different entries of a list stay apart.
    entry: Option<(&'static str, String)>,
}

fn about<'f>(v: &Version<'_>, f: FindingRef<'f>) -> About<'f> {
    let keys = f.place().keys();
    let entry = match &*keys {
        [Key::Field(list), Key::Index(i), ..] => {
            let key = match *list {
                "steps" => v.doc.steps.get(*i).map(|s| s.id.clone()),
                "flows" => v.doc.flows.get(*i).map(|f| format!("{}→{}", f.from, f.to)),
                "reviews" => v.doc.reviews.get(*i).map(|r| r.date.clone()),
                other => match v.top(other) {
                    Some(Value::Seq(items)) => items.get(*i).map(catalogue::key),
                    _ => None,
                },
            };
            key.map(|k| (*list, k))
        }
        [Key::Field(field), ..] => Some((*field, String::new())),
        _ => None,
    };
    About {
        code: f.rule().code,
        step: f.step(),
        element: f.element(),
        entry,
    }
}

pub(super) fn findings(
    old: &Version<'_>,
    old_findings: &Findings,
    new: &Version<'_>,
    new_findings: &Findings,
) -> FindingsDiff {
    let mut before: HashMap<About, VecDeque<usize>> = HashMap::with_capacity(old_findings.len());
    for (i, f) in old_findings.iter().enumerate() {
        before.entry(about(old, f)).or_default().push_back(i);
    }
    let mut kept = vec![false; old_findings.len()];
    let mut introduced = Vec::new();
    for f in new_findings {
        match before.get_mut(&about(new, f)).and_then(VecDeque::pop_front) {
            Some(i) => kept[i] = true,
            None => introduced.push(FindingChange::new(
                &f.to_finding(),
                &new.map.file,
                Side::New,
            )),
        }
    }
    let resolved = old_findings
        .iter()
        .zip(&kept)
        .filter(|(_, k)| !**k)
        .map(|(f, _)| FindingChange::new(&f.to_finding(), &old.map.file, Side::Old))
        .collect();
    FindingsDiff {
        introduced,
        resolved,
        old: old_findings.tally(),
        new: new_findings.tally(),
    }
}
