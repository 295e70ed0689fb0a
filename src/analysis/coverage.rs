//! Rules on parts of the map that nothing uses: idle catalogue entries, unreachable steps.

use std::collections::HashSet;

use super::dataflow::Availability;
use super::finding::{Finding, Severity};
use super::rule::Rule;
use crate::journey::Journey;

pub static UNUSED_ELEMENT: Rule = Rule {
    code: "TP011",
    name: "unused-element",
    severity: Severity::Advice,
    summary: "A data element in the catalogue is never collected by any step.",
    why: "The catalogue is the basis of the inventory and the record of processing; an entry \
          that no step collects is either a collection the map forgot (so the record is \
          incomplete) or a leftover that makes the record claim more than happens.",
    fix: "Add the step that collects it, or remove it from `data`.",
    example: "data: [(id: \"fax\", name: \"Fax number\", category: \"user.contact.fax_number\")]",
};

pub static UNREACHABLE_STEP: Rule = Rule {
    code: "TP012",
    name: "unreachable-step",
    severity: Severity::Warning,
    summary: "No path from an entry step leads to this step.",
    why: "A step no customer can reach means a flow is missing or the step is obsolete; either \
          way, what it collects is not analysed for repeats, so the map under-reports friction.",
    fix: "Add the flow that leads to it, mark it `entry: true` if customers can start here, or \
          remove it.",
    example: "flows: []  // with steps that all have incoming flows, e.g. a closed loop",
};

pub fn check(journey: &Journey, flow: &Availability, out: &mut Vec<Finding>) {
    let collected: HashSet<&str> = journey
        .steps()
        .flat_map(|(_, s)| s.collects.iter().map(|c| c.element.as_str()))
        .collect();
    for (k, element) in journey.elements.iter().enumerate() {
        if !collected.contains(element.id.as_str()) {
            out.push(
                Finding::new(
                    &UNUSED_ELEMENT,
                    format!(
                        "{} is in the data catalogue but no step collects it",
                        element.name
                    ),
                )
                .at_element(k, &element.id),
            );
        }
    }
    let no_entries = flow.entry.is_clear();
    for (i, (ix, step)) in journey.steps().enumerate() {
        if flow.reachable.contains(ix.index()) {
            continue;
        }
        let mut f = Finding::new(
            &UNREACHABLE_STEP,
            format!(
                "\"{}\" cannot be reached from any entry step, so no customer gets here and \
                 what it collects is not checked for repeats",
                step.title
            ),
        )
        .at_step(i, &step.id);
        if no_entries {
            f = f.help(
                "Every step has an incoming flow, so the journey has no start: mark the first \
                 step with `entry: true`."
                    .into(),
            );
        }
        out.push(f);
    }
}
