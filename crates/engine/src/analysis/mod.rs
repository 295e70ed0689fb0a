//! The privacy analysis: rules over a journey, producing findings as data.
//!
//! Pure library code: the CLI, the TUI and the exports all call [`check`], through
//! `LoadedMap::check` or `LoadedMap::analyse`.

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
use crate::source::SourceMap;

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

/// Analyses a journey read from `source` and places each finding at its line and column, in
/// file order.
pub fn check(journey: &Journey, source: &SourceMap) -> Vec<Finding> {
    let mut findings = analyse(journey);
    for f in &mut findings {
        f.pos = Some(source.nearest(&f.path));
    }
    findings.sort_by(|a, b| {
        a.pos
            .cmp(&b.pos)
            .then(b.severity.cmp(&a.severity))
            .then(a.rule.code.cmp(b.rule.code))
    });
    findings
}

/// A journey's findings with the indexes every front end reads them through: which findings
/// touch each step, collection and element, and how many there are of each severity.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    pub overlay: Overlay,
    pub tally: Tally,
}

impl Analysis {
    /// Indexes `findings` (as [`analyse`] or [`check`] made them).
    pub fn new(findings: Vec<Finding>) -> Analysis {
        let overlay = Overlay::new(&findings);
        let tally = Tally::of(&findings);
        Analysis {
            findings,
            overlay,
            tally,
        }
    }

    /// Runs the rules on a journey built in memory (findings carry no positions).
    pub fn of_journey(journey: &Journey) -> Analysis {
        Analysis::new(analyse(journey))
    }
}
