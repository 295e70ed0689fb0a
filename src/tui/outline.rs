//! The findings outline: findings grouped by severity, then rule, with counts, as list rows.

use touchpoint_engine::analysis::{FindingRef, Findings, Rule, Severity};

/// One row of the findings list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Row {
    /// A severity heading and how many findings it holds.
    Severity(Severity, usize),
    /// A rule heading within a severity.
    Rule(&'static Rule, usize),
    /// A finding, by index into the board's findings.
    Finding(usize),
}

/// The rows, built once per load.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outline {
    pub rows: Vec<Row>,
}

impl Outline {
    /// The rows of the findings `keep` keeps: one pass over the findings, and each rule's
    /// findings put together by sorting (code, index) pairs rather than looking each finding
    /// up at every comparison.
    pub(crate) fn new(
        findings: &Findings,
        mut keep: impl FnMut(FindingRef<'_>) -> bool,
    ) -> Outline {
        let mut kept: [Vec<(&'static str, u32)>; Severity::ALL.len()] = Default::default();
        for (i, f) in findings.iter().enumerate() {
            if let Some(slot) = Severity::ALL.iter().position(|&s| s == f.severity())
                && keep(f)
            {
                kept[slot].push((f.rule().code, i as u32));
            }
        }
        let mut rows = Vec::with_capacity(findings.len() + 32);
        for (severity, mut of_severity) in Severity::ALL.into_iter().zip(kept) {
            if of_severity.is_empty() {
                continue;
            }
            rows.push(Row::Severity(severity, of_severity.len()));
            // By code, then file order within a rule (indices are file order).
            of_severity.sort_unstable();
            for run in of_severity.chunk_by(|a, b| a.0 == b.0) {
                let rule = findings[run[0].1 as usize].rule;
                rows.push(Row::Rule(rule, run.len()));
                rows.extend(run.iter().map(|&(_, i)| Row::Finding(i as usize)));
            }
        }
        Outline { rows }
    }

    /// The row of finding `i`, if shown.
    pub(crate) fn row_of(&self, i: usize) -> Option<usize> {
        self.rows.iter().position(|r| *r == Row::Finding(i))
    }

    /// How many findings are shown.
    pub(crate) fn findings(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r, Row::Finding(_)))
            .count()
    }

    /// The nearest finding row at or after `row` (or before it, at the end).
    pub(crate) fn finding_row_near(&self, row: usize, forward: bool) -> Option<usize> {
        let is_finding = |r: &Row| matches!(r, Row::Finding(_));
        let row = row.min(self.rows.len().saturating_sub(1));
        let ahead = || {
            self.rows
                .iter()
                .enumerate()
                .skip(row)
                .find(|(_, r)| is_finding(r))
                .map(|(i, _)| i)
        };
        let behind = || {
            self.rows[..=row.min(self.rows.len().saturating_sub(1))]
                .iter()
                .rposition(is_finding)
        };
        if self.rows.is_empty() {
            None
        } else if forward {
            ahead().or_else(behind)
        } else {
            behind().or_else(ahead)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use touchpoint_engine::analysis::{Finding, RULES};

    proptest! {
        /// Severities from the most severe, each with its count; within one, rules in code
        /// order with theirs; within a rule, the kept findings in file order.
        #[test]
        fn groups_kept_findings_by_severity_then_rule_in_file_order(
            picks in proptest::collection::vec((0usize..RULES.len(), 0usize..3, any::<bool>()), 0..400),
        ) {
            let list: Vec<Finding> = picks
                .iter()
                .enumerate()
                .map(|(n, &(rule, severity, _))| {
                    let mut f = Finding::new(RULES[rule], n.to_string());
                    f.severity = Severity::ALL[severity];
                    f
                })
                .collect();
            let findings = Findings::from(list);
            let kept = |f: FindingRef<'_>| picks[f.message().parse::<usize>().expect("a number")].2;
            let outline = Outline::new(&findings, kept);
            let mut expected = Vec::new();
            for severity in Severity::ALL {
                let mut of: Vec<usize> = (0..findings.len())
                    .filter(|&i| {
                        findings[i].severity == severity
                            && findings.get(i).is_some_and(kept)
                    })
                    .collect();
                if of.is_empty() {
                    continue;
                }
                expected.push(Row::Severity(severity, of.len()));
                of.sort_by_key(|&i| findings[i].rule.code);
                for run in of.chunk_by(|&a, &b| findings[a].rule.code == findings[b].rule.code) {
                    expected.push(Row::Rule(findings[run[0]].rule, run.len()));
                    expected.extend(run.iter().map(|&i| Row::Finding(i)));
                }
            }
            prop_assert_eq!(outline.rows, expected);
        }
    }
}
