//! The findings outline: findings grouped by severity, then rule, with counts, as list rows.

use touchpoint_engine::analysis::{Findings, Rule, Severity};

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
    /// The rows of the findings `keep` keeps (by index).
    pub(crate) fn new(findings: &Findings, mut keep: impl FnMut(usize) -> bool) -> Outline {
        let mut rows = Vec::with_capacity(findings.len() + 32);
        for severity in Severity::ALL {
            let mut of_severity: Vec<usize> = (0..findings.len())
                .filter(|&i| findings[i].severity == severity && keep(i))
                .collect();
            if of_severity.is_empty() {
                continue;
            }
            rows.push(Row::Severity(severity, of_severity.len()));
            // Stable: findings keep file order within a rule.
            of_severity.sort_by_key(|&i| findings[i].rule.code);
            let mut start = 0;
            while start < of_severity.len() {
                let rule = findings[of_severity[start]].rule;
                let end = of_severity[start..]
                    .iter()
                    .position(|&i| findings[i].rule.code != rule.code)
                    .map_or(of_severity.len(), |n| start + n);
                rows.push(Row::Rule(rule, end - start));
                rows.extend(of_severity[start..end].iter().map(|&i| Row::Finding(i)));
                start = end;
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
