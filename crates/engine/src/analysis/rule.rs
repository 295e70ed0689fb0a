//! The rule catalogue: every rule's stable code, name, default severity and documentation.

use super::finding::Severity;
use super::{consistency, coverage, justification, repetition, suppression};

/// What kind of problem a rule finds, for views and reports that group them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Concern {
    /// The collection is not justified: no purpose, no lawful basis, no Art. 9/10 condition.
    Unjustified,
    /// The customer is asked again for what they already gave.
    Repeated,
    /// The justification is there but incomplete or inconsistent (retention, benefit, basis).
    Incomplete,
    /// The map itself: unused entries, unreachable steps, stale suppressions.
    Map,
}

/// A rule's identity and documentation. The docs live beside each rule's check.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, e.g. `TP007`. Never reused.
    pub code: &'static str,
    /// Kebab-case name that reads naturally after "allow", e.g. `certain-repeat`.
    pub name: &'static str,
    pub severity: Severity,
    pub concern: Concern,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Why it matters, with the GDPR article or survey it rests on.
    pub why: &'static str,
    /// What to do about a finding.
    pub fix: &'static str,
    /// A RON excerpt that fires the rule.
    pub example: &'static str,
}

/// Every rule, in code order.
pub static RULES: [&Rule; 15] = [
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
];

/// Finds a rule by code (`TP007`, any case) or name (`certain-repeat`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    let wanted = code_or_name.trim();
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(wanted) || r.name == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

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
            assert!(!r.why.is_empty() && !r.fix.is_empty() && !r.example.is_empty());
        }
    }

    #[test]
    fn finds_by_code_or_name() {
        assert_eq!(find("tp007").map(|r| r.name), Some("certain-repeat"));
        assert_eq!(find("certain-repeat").map(|r| r.code), Some("TP007"));
        assert!(find("TP999").is_none());
    }
}
