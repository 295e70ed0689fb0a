//! What changed between two versions of a map, in the map's own terms rather than lines:
//! steps, flows and collections added, removed, moved or changed field by field; catalogue
//! entries added, removed or changed; the findings the change introduces and those it
//! resolves. Each change carries its place in the new version (the old one for a removal).
//!
//! Things are told apart by what identifies them to the people who write maps: steps and
//! catalogue entries by id, flows by the steps they join, a collection by its element within
//! its step (and by position among the same element), a finding by its rule, step and
//! element. Fields are compared through each struct's `Serialize` ([`Value`]), so a field the
//! format gains is compared without this module naming it; a top-level list the format gains
//! is diffed as a catalogue.
//!
//! Linear in the size of the maps: everything is matched through hash maps, and only what
//! differs is taken apart field by field.

mod catalogue;
mod findings;
mod model;
mod reviews;
mod steps;
mod value;

use std::collections::HashMap;

pub use model::{
    Change, CollectionChange, Counts, DecisionChange, Diff, EntryChange, FieldChange,
    FindingChange, FindingsDiff, FlowChange, Moved, Named, Place, Reordered, Shift, Side,
    StepChange, Summary,
};
pub use value::Value;

use crate::analysis::Findings;
use crate::journey::Document;
use crate::mapfile::LoadedMap;
use crate::source::Key;

/// What changed from `old` to `new`, with the findings of both (the rules run on each, side
/// by side).
pub fn between(old: &LoadedMap, new: &LoadedMap) -> Diff {
    let (old_findings, new_findings) = std::thread::scope(|scope| {
        let today = crate::journey::Date::today();
        let old_findings = scope.spawn(move || old.findings_on(today));
        let new_findings = new.findings_on(today);
        let old_findings = old_findings
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (old_findings, new_findings)
    });
    with_findings(old, &old_findings, new, &new_findings)
}

/// What changed from `old` to `new`, given the findings of each (as `LoadedMap::findings_on`
/// made them, with their positions).
pub fn with_findings(
    old: &LoadedMap,
    old_findings: &Findings,
    new: &LoadedMap,
    new_findings: &Findings,
) -> Diff {
    let old = Version::new(old, Side::Old);
    let new = Version::new(new, Side::New);
    let mut diff = Diff::default();
    steps::steps(&old, &new, &mut diff);
    steps::flows(&old, &new, &mut diff);
    catalogue::catalogue(&old, &new, &mut diff);
    reviews::decisions(&old, &new, &mut diff);
    diff.findings = findings::findings(&old, old_findings, &new, new_findings);
    sort(&mut diff);
    diff
}

/// The fields of the document that are diffed on their own, not as catalogues.
const STRUCTURE: &[&str] = &["steps", "flows", "reviews"];

/// One version of the map, as the diff reads it.
pub(crate) struct Version<'a> {
    pub(crate) side: Side,
    pub(crate) map: &'a LoadedMap,
    pub(crate) doc: Document,
    /// The document's other top-level fields (the catalogues, `meta`, and whatever the format
    /// gains), as values.
    pub(crate) top: Vec<(&'static str, Option<Value>)>,
}

impl<'a> Version<'a> {
    fn new(map: &'a LoadedMap, side: Side) -> Version<'a> {
        let doc = map.journey.to_document();
        let top = Value::fields_of(&doc, STRUCTURE);
        Version {
            side,
            map,
            doc,
            top,
        }
    }

    /// Where the value at `path` stands in this version (or the nearest value around it).
    pub(crate) fn place(&self, path: &[Key<'_>]) -> Place {
        Place::new(&self.map.file, self.side, self.map.source.nearest(path))
    }

    /// A top-level field's value.
    pub(crate) fn top(&self, name: &str) -> Option<&Value> {
        self.top
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| v.as_ref())
    }
}

/// The fields that differ between two structs' field lists, in declared order; `at` places
/// each field (by name) in the new version.
pub(crate) fn field_changes(
    old: &[(&'static str, Option<Value>)],
    new: &[(&'static str, Option<Value>)],
    at: impl Fn(&'static str) -> Place,
) -> Vec<FieldChange> {
    let old_by: HashMap<&str, &Option<Value>> = old.iter().map(|(n, v)| (*n, v)).collect();
    let mut out = Vec::new();
    for (name, new_value) in new {
        let old_value = old_by.get(name).and_then(|v| v.as_ref());
        if old_value != new_value.as_ref() {
            out.push(FieldChange {
                field: name.to_string(),
                old: old_value.cloned(),
                new: new_value.clone(),
                at: at(name),
            });
        }
    }
    // Fields only the old one had (two different shapes; never for one struct type).
    for (name, old_value) in old {
        if old_value.is_some() && !new.iter().any(|(n, _)| n == name) {
            out.push(FieldChange {
                field: name.to_string(),
                old: old_value.clone(),
                new: None,
                at: at(name),
            });
        }
    }
    out
}

/// Every field something added has, each as a change from nothing.
pub(crate) fn present_fields(
    new: Vec<(&'static str, Option<Value>)>,
    at: impl Fn(&'static str) -> Place,
) -> Vec<FieldChange> {
    new.into_iter()
        .filter_map(|(name, v)| {
            v.map(|v| FieldChange {
                field: name.to_string(),
                old: None,
                new: Some(v),
                at: at(name),
            })
        })
        .collect()
}

/// Each list by kind of change, then by place in its file.
fn sort(diff: &mut Diff) {
    let key = |change: Change, at: &Place| (change, at.side, at.line, at.column);
    diff.steps.sort_by_key(|c| key(c.change, &c.at));
    diff.flows.sort_by_key(|c| key(c.change, &c.at));
    diff.collections.sort_by_key(|c| key(c.change, &c.at));
    diff.catalogue.sort_by_key(|c| key(c.change, &c.at));
    diff.decisions.sort_by_key(|c| key(c.change, &c.at));
}

#[cfg(test)]
mod tests;
