//! The privacy analysis: rules over a journey, producing findings as data.
//!
//! Pure library code: the CLI, the TUI and the exports all call [`check`].

mod consistency;
mod coverage;
mod dataflow;
mod finding;
mod justification;
mod overlay;
mod repetition;
pub mod rule;
mod suppression;

pub use dataflow::Availability;
pub use finding::{Finding, Severity, Tally};
pub use justification::is_placeholder;
pub use overlay::Overlay;
pub use rule::{Concern, RULES, Rule};

use crate::journey::Journey;
use crate::mapfile::LoadedMap;

/// Runs every rule on `journey` and applies its suppressions. Findings carry paths into the
/// document but no positions; see [`check`].
pub fn analyse(journey: &Journey) -> Vec<Finding> {
    let flow = Availability::compute(journey);
    let mut findings = Vec::new();
    justification::check(journey, &mut findings);
    repetition::check(journey, &flow, &mut findings);
    consistency::check(journey, &mut findings);
    coverage::check(journey, &flow, &mut findings);
    suppression::apply(journey, findings)
}

/// Analyses a loaded map and places each finding at its line and column, in file order.
pub fn check(map: &LoadedMap) -> Vec<Finding> {
    let mut findings = analyse(&map.journey);
    for f in &mut findings {
        f.pos = Some(map.locate(&f.path));
    }
    findings.sort_by(|a, b| {
        a.pos
            .cmp(&b.pos)
            .then(b.severity.cmp(&a.severity))
            .then(a.rule.code.cmp(b.rule.code))
    });
    findings
}
