//! Rules on the map's coverage: idle catalogue entries, unreachable steps, unmarked entries.

use super::found::Found;
use super::message::message;
use foldhash::{HashSet, HashSetExt};

use petgraph::Direction;
use petgraph::stable_graph::NodeIndex;

use super::dataflow::Availability;
use super::justification::quoted;
use super::note::Draft;
use super::rule::Severity;
use super::rule::{Concern, Rule};
use crate::journey::Journey;

pub(super) static UNUSED_ELEMENT: Rule = Rule {
    code: "TP011",
    name: "unused-element",
    severity: Severity::Advice,
    concern: Concern::Map,
    summary: "A data element in the catalogue is never collected by any step.",
    why: "The catalogue is the basis of the inventory and the record of processing; an entry \
          that no step collects is either a collection the map forgot (so the record is \
          incomplete) or a leftover that makes the record claim more than happens.",
    fix: "Add the step that collects it, or remove it from `data`.",
    example: "data: [(id: \"fax\", name: \"Fax number\", category: \"user.contact.fax_number\")]",
    good: "// every element in `data` is collected by some step; leftovers are removed",
};

pub(super) static UNREACHABLE_STEP: Rule = Rule {
    code: "TP012",
    name: "unreachable-step",
    severity: Severity::Warning,
    concern: Concern::Map,
    summary: "No path from an entry step leads to this step.",
    why: "A step no customer can reach means a flow is missing or the step is obsolete; either \
          way, what it collects is not analysed for repeats, so the map under-reports friction, \
          and the personal data it names sits in the inventory and the record of processing \
          (Art. 30) without a route that justifies it. When the map names its `entries`, only \
          those start a journey, so a step nothing leads to is unreachable wherever it stands.",
    fix: "Add the flow that leads to it, name it in `entries` (or mark it `entry: true`) if \
          customers can start here, or remove it.",
    example: "entries: [\"start\"],\nflows: [(from: \"start\", to: \"pay\")]  // and a step \"chat\" nothing leads to",
    good: "entries: [\"start\", \"chat\"],\nflows: [(from: \"start\", to: \"pay\")]",
};

pub(super) static UNMARKED_ENTRY: Rule = Rule {
    code: "TP015",
    name: "unmarked-entry",
    severity: Severity::Advice,
    concern: Concern::Map,
    summary: "A step past the first stage has no incoming flow and is not marked as an entry.",
    why: "A step nothing leads to counts as a place where customers start. That is right for \
          \"the customer phones in directly\", but deleting a flow by mistake has the same \
          effect and silently hides the repeats along the missing path.",
    fix: "If customers really start here, say so with `entry: true` (or name every entry of \
          the map in `entries:`, after which a step nothing leads to is unreachable, TP012); \
          otherwise add the flow that leads here.",
    example: "(id: \"engineer-visit\", stage: \"fix\", ...)  // and no flow has `to: \"engineer-visit\"`",
    good: "(id: \"engineer-visit\", stage: \"fix\", entry: true, ...)  // customers do start here",
};

pub(super) fn check(journey: &Journey, flow: &Availability, out: &mut Found) {
    let collected: HashSet<&str> = journey
        .steps()
        .flat_map(|(_, s)| s.collects.iter().map(|c| c.element.as_str()))
        .collect();
    for (k, element) in journey.elements.iter().enumerate() {
        if !collected.contains(element.id.as_str()) {
            out.push(
                Draft::new(
                    &UNUSED_ELEMENT,
                    message!(
                        "{} is in the data catalogue but no step collects it",
                        quoted(&element.name)
                    ),
                )
                .at_element(k, &element.id),
            );
        }
    }
    unreachable(journey, flow, out);
    unmarked_entries(journey, out);
}

/// One finding per connected group of unreachable steps, at its first step in the file.
fn unreachable(journey: &Journey, flow: &Availability, out: &mut Found) {
    let no_entries = flow.entry.is_clear();
    let mut grouped: HashSet<NodeIndex> = HashSet::new();
    for (i, (ix, step)) in journey.steps().enumerate() {
        if flow.reachable.contains(ix.index()) || !grouped.insert(ix) {
            continue;
        }
        // The rest of its group: unreachable steps joined to it by flows either way.
        let mut group = Vec::new();
        let mut stack = vec![ix];
        while let Some(n) = stack.pop() {
            for dir in [Direction::Outgoing, Direction::Incoming] {
                for m in journey.graph.neighbors_directed(n, dir) {
                    if !flow.reachable.contains(m.index()) && grouped.insert(m) {
                        group.push(m);
                        stack.push(m);
                    }
                }
            }
        }
        group.sort();
        // The personal data collected where no customer gets: named, each once.
        let mut data: Vec<&str> = Vec::new();
        for s in std::iter::once(ix).chain(group.iter().copied()) {
            for col in &journey.graph[s].collects {
                let name = journey.element_name(&col.element);
                if !data.contains(&name) {
                    data.push(name);
                }
            }
        }
        let what = match group.len() {
            0 => message!("\"{}\" cannot be reached from any entry step", step.title),
            1 => message!(
                "\"{}\" and the step joined to it cannot be reached from any entry step",
                step.title
            ),
            n => message!(
                "\"{}\" and the {n} steps joined to it cannot be reached from any entry step",
                step.title
            ),
        };
        let consequence = match data.as_slice() {
            [] => ", so no customer gets there".to_string(),
            names => {
                let shown: Vec<String> = names
                    .iter()
                    .take(5)
                    .map(|n| quoted(n).to_string())
                    .collect();
                let more = match names.len() {
                    0..=5 => String::new(),
                    n => message!(" and {} more", n - 5),
                };
                message!(
                    ", so no customer gets there, yet the personal data collected there \
                     ({}{more}) is in the inventory and the record of processing; none of it \
                     is checked for repeats",
                    shown.join(", ")
                )
            }
        };
        let mut f = Draft::new(&UNREACHABLE_STEP, message!("{what}{consequence}"))
            .at_step(i, &step.id)
            .related(
                group
                    .iter()
                    .map(|&m| journey.graph[m].id.as_str())
                    .collect(),
            );
        if journey.entries_are_named() {
            f = f.help(
                "The map names its entries in `entries:`: add the flow that leads here, add the \
                 step to `entries` if customers start here, or remove it."
                    .to_string(),
            );
        } else if no_entries {
            f = f.help(
                "Every step has an incoming flow, so the journey has no start: mark the first \
                 step with `entry: true`."
                    .to_string(),
            );
        }
        out.push(f);
    }
}

/// Steps that count as entries only because nothing leads to them, past the first stage.
/// A map that names its entries has none such: a step nothing leads to is unreachable.
fn unmarked_entries(journey: &Journey, out: &mut Found) {
    if journey.entries_are_named() {
        return;
    }
    let stage_of = |s: &crate::journey::Step| journey.stage_index(&s.stage).unwrap_or(0);
    let Some(first_stage) = journey.steps().map(|(_, s)| stage_of(s)).min() else {
        return;
    };
    for (i, (ix, step)) in journey.steps().enumerate() {
        let implicit = !step.entry
            && journey
                .graph
                .neighbors_directed(ix, Direction::Incoming)
                .next()
                .is_none();
        if implicit && stage_of(step) > first_stage {
            let stage = journey
                .stage(&step.stage)
                .map_or(step.stage.as_str(), |s| s.name.as_str());
            out.push(
                Draft::new(
                    &UNMARKED_ENTRY,
                    message!(
                        "nothing leads to \"{}\", so it counts as a place where customers start, \
                         which is unusual in the {stage} stage",
                        step.title
                    ),
                )
                .at_step(i, &step.id),
            );
        }
    }
}
