//! What a rule is: its stable code, name, default severity, concern and documentation.
//! Each rule is defined beside its check; `analysis::RULES` lists them all.

use std::fmt;

use serde::Serialize;

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
    /// The same excerpt put right: what passes.
    pub good: &'static str,
}

/// How much a finding matters; ordered so that `Error > Warning > Advice`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Advice,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Advice];

    /// The symbol every view and export marks this severity with, so it reads without colour.
    pub const fn symbol(self) -> &'static str {
        match self {
            Severity::Error => "✖",
            Severity::Warning => "▲",
            Severity::Advice => "◆",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }

    /// Parses `error`, `warnings`, `advice` and the like (for `--deny`).
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().trim_end_matches('s') {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "advice" | "note" => Some(Severity::Advice),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    /// The label, honouring width and alignment (`{:<8}` pads it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_severity_pads_like_a_string() {
        assert_eq!(format!("[{:<8}]", Severity::Error), "[error   ]");
        assert_eq!(format!("[{:>8}]", Severity::Advice), "[  advice]");
        assert_eq!(Severity::Warning.to_string(), "warning");
    }
}
