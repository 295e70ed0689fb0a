//! The privacy analysis: rules over a journey, producing findings as data.
//!
//! Pure library code: the CLI, the TUI and the exports all call [`check`], through
//! `LoadedMap::check` or `LoadedMap::analyse`.

mod actions;
mod consent;
mod consistency;
mod coverage;
mod dataflow;
mod decisions;
pub mod duties;
mod finding;
mod findings;
mod found;
mod justification;
mod message;
mod note;
mod numbers;
mod ordered;
mod overlay;
mod placeholder;
pub mod purpose;
mod repetition;
mod routes;
mod rule;
mod suppression;
mod systems;
mod words;

pub use dataflow::Availability;
pub use finding::{Finding, Keys, List, Place, Tally};
pub use findings::{FindingRef, Findings, InFileOrder};
pub use note::Note;
pub use overlay::Overlay;
pub use placeholder::is_placeholder;
pub use rule::{Concern, Rule, Severity};

use crate::journey::{Date, Journey};
use crate::parallel::both;
use crate::source::{Locate, Trail};
use found::Found;
use ordered::Ordered;
use purpose::Purposes;
use suppression::{Allows, Used};

/// Every rule, in code order.
pub static RULES: [&Rule; 23] = [
    &justification::UNJUSTIFIED_COLLECTION,
    &justification::MISSING_LAWFUL_BASIS,
    &justification::SPECIAL_CATEGORY_WITHOUT_CONDITION,
    &justification::CRIMINAL_DATA_WITHOUT_AUTHORITY,
    &justification::MISSING_RETENTION,
    &justification::NO_CUSTOMER_BENEFIT,
    &repetition::CERTAIN_REPEAT,
    &repetition::POSSIBLE_REPEAT,
    &repetition::REPEATED_IN_STEP,
    &consistency::CONFLICTING_LAWFUL_BASIS,
    &coverage::UNUSED_ELEMENT,
    &coverage::UNREACHABLE_STEP,
    &suppression::UNUSED_SUPPRESSION,
    &repetition::NEEDLESS_REPEAT_REASON,
    &coverage::UNMARKED_ENTRY,
    &systems::TRANSFER_WITHOUT_SAFEGUARDS,
    &systems::MISSING_SECURITY_MEASURES,
    &consent::INVALID_CONSENT,
    &consent::CONSENT_NOT_FREELY_GIVEN,
    &decisions::AUTOMATED_DECISION_WITHOUT_SAFEGUARDS,
    &consistency::INCONSISTENT_RETENTION,
    &justification::UNNAMED_SOURCE,
    &actions::OVERDUE_ACTION,
];

/// Finds a rule by code (`TP007`, any case) or name (`certain-repeat`).
pub fn find_rule(code_or_name: &str) -> Option<&'static Rule> {
    let wanted = code_or_name.trim();
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(wanted) || r.name == wanted)
}

/// Runs every rule on `journey` and applies its suppressions, with today's date (for review
/// actions past their due date). Findings carry paths into the document but no positions;
/// see [`check`].
pub fn analyse(journey: &Journey) -> Vec<Finding> {
    analyse_on(journey, Date::today())
}

/// From this many collections on, the analysis runs on two threads.
const PARALLEL_FROM: usize = 2_000;

/// As [`analyse`], as if today were `today` (for reproducible runs: `check --today`).
pub fn analyse_on(journey: &Journey, today: Date) -> Vec<Finding> {
    analyse_in_pieces(journey, today, None).into_vec()
}

/// As [`analyse_on`], with the findings left in the pieces the rules made them in, and
/// placed in `source` when there is one.
fn analyse_in_pieces(journey: &Journey, today: Date, source: Option<&dyn Locate>) -> Found {
    let collections: usize = journey.steps().map(|(_, s)| s.collects.len()).sum();
    let parallel = collections >= PARALLEL_FROM;
    // What every later rule reads: what reaches each step, and each collection's purpose;
    // and the `allow` entries each group of rules applies to its findings.
    let ((flow, allows), purposes) = both(
        parallel,
        || (Availability::compute(journey), Allows::of(journey)),
        || Purposes::of(journey),
    );
    // Each list is suppressed and placed where the rules made it, on their thread: half a
    // million findings, each a walk down the outline, share the threads' time with the
    // rules. A suppressed finding is not placed.
    let finished = |mut found: Found, used: &mut Used| {
        allows.retain(&mut found, used);
        if let Some(source) = source {
            locate(&mut found, source);
        }
        found
    };
    // Then two halves of about equal cost: the repeats, which follow the flows back from
    // each collection, and everything else. Each rule writes its own list; they are joined
    // in code order, as on one thread.
    let ((repeats, used_a), (justified, consistent, coverage, rest, used_b)) = both(
        parallel,
        || {
            let mut used = allows.unused();
            let mut repeats = Found::default();
            repetition::check(journey, &flow, &purposes, &mut repeats);
            (finished(repeats, &mut used), used)
        },
        || {
            let mut used = allows.unused();
            let mut coverage = Found::default();
            coverage::check(journey, &flow, &mut coverage);
            let coverage = finished(coverage, &mut used);
            let mut justified = Found::default();
            justification::check(journey, &mut justified);
            let justified = finished(justified, &mut used);
            let mut consistent = Found::default();
            consistency::check(journey, &purposes, &mut consistent);
            consistency::check_retention(journey, &purposes, &mut consistent);
            consent::check(journey, &mut consistent);
            decisions::check(journey, &mut consistent);
            let consistent = finished(consistent, &mut used);
            let mut rest = Found::default();
            systems::check(journey, &mut rest);
            actions::check(journey, today, &mut rest);
            let rest = finished(rest, &mut used);
            (justified, consistent, coverage, rest, used)
        },
    );
    let mut used = used_a;
    used.add(&used_b);
    let mut found = allows.finish(
        journey,
        vec![justified, repeats, consistent, coverage, rest],
        &used,
    );
    // What suppression added: its own findings.
    if let Some(source) = source {
        locate(&mut found, source);
    }
    found
}

/// Places each finding of `found` not yet placed.
fn locate(found: &mut Found, source: &dyn Locate) {
    let mut trail = Trail::default();
    for piece in found.pieces_mut() {
        for f in piece.iter_mut().filter(|f| f.pos.is_none()) {
            f.pos = Some(source.nearest_along(&mut trail, &f.place.keys()));
        }
    }
}

/// Analyses a journey read from `source` (a loaded file's outline, or the editor of a map
/// being changed) and places each finding at its line and column, in file order.
pub fn check(journey: &Journey, source: &dyn Locate) -> Vec<Finding> {
    check_on(journey, source, Date::today())
}

/// As [`check`], as if today were `today`.
pub fn check_on(journey: &Journey, source: &dyn Locate, today: Date) -> Vec<Finding> {
    findings_on(journey, source, today).to_vec()
}

/// As [`check_on`], with the findings kept small and read in place.
pub fn findings_on(journey: &Journey, source: &dyn Locate, today: Date) -> Findings {
    in_file_order(analyse_in_pieces(journey, today, Some(source)))
}

/// Orders findings by position, then the most severe first, then by rule code; findings that
/// tie keep the analysis's order.
fn in_file_order(found: Found) -> Findings {
    let (pieces, texts) = found.into_pieces();
    // Line and column, then what else orders positions (a missing one first), severity and
    // code: a finding without a position and one at line 0, column 0 share the coarse key.
    let notes = Ordered::sorted_by(
        pieces,
        |f| {
            f.pos
                .map_or(0, |p| u64::from(p.line) << 32 | u64::from(p.col))
        },
        |f| {
            (
                f.pos.map(|p| p.len),
                std::cmp::Reverse(f.severity),
                f.rule.code,
            )
        },
    );
    Findings::new(notes, texts)
}

/// A journey's findings with the indexes every front end reads them through: which findings
/// touch each step, collection and element, and how many there are of each severity.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub findings: Findings,
    pub overlay: Overlay,
    pub tally: Tally,
}

impl Analysis {
    /// Indexes `findings` (as [`analyse`], [`check`] or [`findings_on`] made them).
    pub fn new(findings: impl Into<Findings>) -> Analysis {
        let findings = findings.into();
        let overlay = Overlay::new(&findings);
        let tally = findings.tally();
        Analysis {
            findings,
            overlay,
            tally,
        }
    }

    /// Runs the rules on a journey built in memory (findings carry no positions).
    pub fn of_journey(journey: &Journey) -> Analysis {
        Analysis::new(analyse_in_pieces(journey, Date::today(), None).into_findings())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Pos;
    use proptest::prelude::*;
    use std::collections::HashSet;

    proptest! {
        /// Read in place or joined, the findings come as a stable sort by position, severity
        /// and code gives them.
        #[test]
        fn in_file_order_is_a_stable_sort(
            keys in proptest::collection::vec(
                (proptest::option::of((0u32..3, 0u32..3, 0u32..2)), 0usize..3),
                0..700,
            ),
        ) {
            let rules = [find_rule("TP001"), find_rule("TP002"), find_rule("TP021")];
            let findings: Vec<Finding> = keys
                .iter()
                .enumerate()
                .map(|(i, &(pos, r))| {
                    let mut f = Finding::new(rules[r].expect("a rule"), format!("{i}"));
                    // Line 0, column 0 too: its coarse key is that of no position.
                    f.pos = pos.map(|(line, col, len)| Pos { line, col, len });
                    f
                })
                .collect();
            let mut expected = findings.clone();
            expected.sort_by(|a, b| {
                a.pos
                    .cmp(&b.pos)
                    .then(b.severity.cmp(&a.severity))
                    .then(a.rule.code.cmp(b.rule.code))
            });
            let mut found = Found::default();
            for f in &findings {
                found.push_finding(f);
            }
            let sorted = in_file_order(found);
            let mut read = Vec::new();
            sorted.each(0..sorted.len(), |f| read.push(f.clone()));
            prop_assert_eq!(&read, &expected);
            prop_assert_eq!(sorted.to_vec(), expected);
        }
    }

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.code, format!("TP{:03}", i + 1), "codes are in order");
            assert!(codes.insert(r.code));
            assert!(names.insert(r.name));
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is kebab-case",
                r.name
            );
            assert!(
                !r.why.is_empty()
                    && !r.fix.is_empty()
                    && !r.example.is_empty()
                    && !r.good.is_empty()
            );
        }
    }

    #[test]
    fn finds_by_code_or_name() {
        assert_eq!(find_rule("tp007").map(|r| r.name), Some("certain-repeat"));
        assert_eq!(find_rule("certain-repeat").map(|r| r.code), Some("TP007"));
        assert!(find_rule("TP999").is_none());
    }
}
