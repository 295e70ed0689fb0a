//! A diff as plain data: what changed, in the map's own terms, each change at its place in the
//! file where it can be read (the new version, or the old one for what was removed).

use serde::Serialize;

use super::value::Value;
use crate::analysis::{Finding, Severity, Tally};
use crate::source::Pos;

/// Which version of the map a place is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Old,
    New,
}

/// A place in one version of the map: its file (as the person named it: a path, or a git
/// revision and path such as `main:maps/x.ron`), line and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub file: String,
    pub side: Side,
    pub line: u32,
    pub column: u32,
}

impl Place {
    pub(crate) fn new(file: &str, side: Side, pos: Pos) -> Place {
        Place {
            file: file.to_string(),
            side,
            line: pos.line,
            column: pos.col,
        }
    }
}

/// What happened to a thing between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// A collection: the same element, now taken at another step.
    Moved,
    /// A flow whose label alone changed.
    Relabelled,
    /// In both, with fields that differ.
    Changed,
}

impl Change {
    /// `+`, `-` or `~`.
    pub fn mark(self) -> char {
        match self {
            Change::Added => '+',
            Change::Removed => '-',
            Change::Moved | Change::Relabelled | Change::Changed => '~',
        }
    }
}

/// One field that differs, old → new. A field the file leaves out (or a default such as
/// `optional: false`) is `None`. For something added, every field it has, with `old` empty.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The field's name as the map writes it; a field within a field is dotted
    /// (`organisation.dpo`).
    pub field: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
    /// Where the field is in the new version (or the struct that lacks it now).
    pub at: Place,
}

/// A channel or a stage: its id, and its name for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// A step's move from one lane or column to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shift {
    pub from: Named,
    pub to: Named,
}

/// Where a changed step now stands, when that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    pub channel: Option<Shift>,
    pub stage: Option<Shift>,
}

/// A step added, removed, or changed (its own fields; what it collects is in
/// [`Diff::collections`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepChange {
    pub change: Change,
    pub step: String,
    pub title: String,
    pub channel: Named,
    pub stage: Named,
    /// For a changed step: the other channel or stage it moved to.
    pub moved: Option<Moved>,
    pub fields: Vec<FieldChange>,
    pub at: Place,
}

/// A flow added, removed, relabelled or otherwise changed; flows are told apart by the steps
/// they join.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowChange {
    pub change: Change,
    pub from: String,
    pub to: String,
    pub from_title: String,
    pub to_title: String,
    /// The flow's label (the new one; the old one for a removed flow).
    pub label: Option<String>,
    pub fields: Vec<FieldChange>,
    pub at: Place,
}

/// A collection (a data element taken at a step) added, removed, moved to another step, or
/// with its justification changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CollectionChange {
    pub change: Change,
    pub element: String,
    pub element_name: String,
    /// The step that takes it (the old one for a removed collection).
    pub step: String,
    pub step_title: String,
    /// For a moved collection: the step that took it before.
    pub from_step: Option<String>,
    pub from_step_title: Option<String>,
    pub fields: Vec<FieldChange>,
    pub at: Place,
}

/// An entry of one of the map's catalogues (channels, stages, systems, data, and any other
/// top-level list) added, removed or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryChange {
    pub change: Change,
    /// The list's name in the file: `channels`, `data`, ...
    pub list: String,
    /// The entry's id (or, for a list whose entries have none, its first field).
    pub id: String,
    pub name: Option<String>,
    pub fields: Vec<FieldChange>,
    pub at: Place,
}

/// A catalogue whose shared entries stand in another order (the lanes or the columns of the
/// journey, for channels and stages).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reordered {
    pub list: String,
    /// The ids both versions have, in the old order.
    pub old: Vec<String>,
    /// The same ids in the new order.
    pub new: Vec<String>,
    pub at: Place,
}

/// A review decision added (or removed, when a hand edit took it out of the map).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionChange {
    pub change: Change,
    /// The date of the review it belongs to.
    pub date: String,
    pub step: String,
    pub element: String,
    /// "justified", "dropped", "kept the repeat", "deferred", "skipped".
    pub outcome: &'static str,
    pub note: Option<String>,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub at: Place,
}

/// A finding the change brought in, or one it resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingChange {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: String,
    pub step: Option<String>,
    pub element: Option<String>,
    /// In the new version for an introduced finding, in the old one for a resolved one.
    pub at: Place,
}

impl FindingChange {
    pub(crate) fn new(f: &Finding, file: &str, side: Side) -> FindingChange {
        FindingChange {
            code: f.rule.code,
            name: f.rule.name,
            severity: f.severity,
            message: f.message.clone(),
            help: f.help.to_string(),
            step: f.step.clone(),
            element: f.element.clone(),
            at: Place::new(file, side, f.pos.unwrap_or_default()),
        }
    }
}

/// The findings of both versions, and which of them the change brought in or resolved.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct FindingsDiff {
    pub introduced: Vec<FindingChange>,
    pub resolved: Vec<FindingChange>,
    /// Every finding of the old version, by severity.
    pub old: Tally,
    /// Every finding of the new version, by severity.
    pub new: Tally,
}

impl FindingsDiff {
    /// How many introduced findings are at `threshold` or above.
    pub fn introduced_at_least(&self, threshold: Severity) -> usize {
        self.introduced
            .iter()
            .filter(|f| f.severity >= threshold)
            .count()
    }
}

/// What changed between two versions of a map. Each list is ordered by kind of change (added,
/// removed, moved, relabelled, changed), then by place in the file.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Diff {
    pub steps: Vec<StepChange>,
    pub flows: Vec<FlowChange>,
    pub collections: Vec<CollectionChange>,
    pub catalogue: Vec<EntryChange>,
    pub order: Vec<Reordered>,
    /// The map's own fields (`meta` and anything else at the top that is not a list).
    pub map: Vec<FieldChange>,
    /// Review decisions added or removed.
    pub decisions: Vec<DecisionChange>,
    pub findings: FindingsDiff,
}

/// How many changes of each kind one list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub moved: usize,
    pub relabelled: usize,
    pub changed: usize,
}

impl Counts {
    fn of(changes: impl Iterator<Item = Change>) -> Counts {
        let mut c = Counts::default();
        for change in changes {
            match change {
                Change::Added => c.added += 1,
                Change::Removed => c.removed += 1,
                Change::Moved => c.moved += 1,
                Change::Relabelled => c.relabelled += 1,
                Change::Changed => c.changed += 1,
            }
        }
        c
    }

    pub fn total(&self) -> usize {
        self.added + self.removed + self.moved + self.relabelled + self.changed
    }
}

/// The counts of a diff, for a summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Summary {
    pub steps: Counts,
    pub flows: Counts,
    pub collections: Counts,
    pub catalogue: Counts,
    /// Catalogues in a new order.
    pub reordered: usize,
    /// Fields of the map itself.
    pub map: usize,
    pub decisions: Counts,
    pub introduced: Tally,
    pub resolved: Tally,
}

impl Diff {
    pub fn summary(&self) -> Summary {
        Summary {
            steps: Counts::of(self.steps.iter().map(|c| c.change)),
            flows: Counts::of(self.flows.iter().map(|c| c.change)),
            collections: Counts::of(self.collections.iter().map(|c| c.change)),
            catalogue: Counts::of(self.catalogue.iter().map(|c| c.change)),
            reordered: self.order.len(),
            map: self.map.len(),
            decisions: Counts::of(self.decisions.iter().map(|c| c.change)),
            introduced: tally(&self.findings.introduced),
            resolved: tally(&self.findings.resolved),
        }
    }

    /// Whether the map's content is the same in both versions (layout, comments and the order
    /// of steps, flows and collections aside), and so are its findings.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
            && self.flows.is_empty()
            && self.collections.is_empty()
            && self.catalogue.is_empty()
            && self.order.is_empty()
            && self.map.is_empty()
            && self.decisions.is_empty()
            && self.findings.introduced.is_empty()
            && self.findings.resolved.is_empty()
    }
}

fn tally(findings: &[FindingChange]) -> Tally {
    let mut t = Tally::default();
    for f in findings {
        t.add(f.severity);
    }
    t
}
