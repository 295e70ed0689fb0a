//! How the privacy overlay looks in every diagram: a colour, a symbol and a border style per
//! severity, so it reads in colour, in greyscale print and for colour-blind readers alike; and
//! the kind of each problem in a word or two.

use touchpoint_engine::analysis::{Concern, Findings, RULES, Rule, Severity};

/// The look of a step or data point with a given worst finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Marks the item before its name.
    pub symbol: &'static str,
    /// Border colour.
    pub stroke: &'static str,
    /// Background colour.
    pub fill: &'static str,
    /// Text colour for the item's name (dark enough on white and on `fill`).
    pub ink: &'static str,
    /// Border width in CSS pixels.
    pub width: u8,
    /// The border's dash pattern (SVG `stroke-dasharray`), empty for a solid line: solid,
    /// dashed and dotted tell the severities apart without colour.
    pub dash: &'static str,
    /// The border style in words, for legends: "solid", "dashed", "dotted".
    pub border: &'static str,
    /// What the look means, for legends.
    pub word: &'static str,
}

/// No finding.
pub const CLEAN: Look = Look {
    symbol: "•",
    stroke: "#475467",
    fill: "#ffffff",
    ink: "#101828",
    width: 1,
    dash: "",
    border: "thin",
    word: "no finding",
};

const ERROR: Look = Look {
    symbol: Severity::Error.symbol(),
    stroke: "#b42318",
    fill: "#fee4e2",
    ink: "#912018",
    width: 3,
    dash: "",
    border: "solid",
    word: "error",
};

const WARNING: Look = Look {
    symbol: Severity::Warning.symbol(),
    stroke: "#b54708",
    fill: "#fef0c7",
    ink: "#93370d",
    width: 3,
    dash: "8 4",
    border: "dashed",
    word: "warning",
};

const ADVICE: Look = Look {
    symbol: Severity::Advice.symbol(),
    stroke: "#175cd3",
    fill: "#e0eaff",
    ink: "#1849a9",
    width: 2,
    dash: "2 3",
    border: "dotted",
    word: "advice",
};

/// The look for the most severe finding on an item, or [`CLEAN`].
pub fn look(worst: Option<Severity>) -> Look {
    match worst {
        Some(Severity::Error) => ERROR,
        Some(Severity::Warning) => WARNING,
        Some(Severity::Advice) => ADVICE,
        None => CLEAN,
    }
}

/// The severities, most severe first, with their looks.
pub fn severities() -> [(Severity, Look); 3] {
    Severity::ALL.map(|s| (s, look(Some(s))))
}

/// A rule that has findings in an export, for its legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleCount {
    pub rule: &'static Rule,
    pub count: usize,
}

/// The rules behind `indices` (into `findings`), in code order, with how often each fired.
pub fn rules_of(findings: &Findings, indices: impl IntoIterator<Item = usize>) -> Vec<RuleCount> {
    let mut counts = [0usize; RULES.len()];
    for i in indices {
        if let Some(pos) = RULES
            .iter()
            .position(|r| std::ptr::eq(*r, findings[i].rule))
        {
            counts[pos] += 1;
        }
    }
    RULES
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(rule, count)| RuleCount { rule, count })
        .collect()
}

/// One line naming the looks, e.g. "✖ error · ▲ warning · ◆ advice".
pub fn key_line() -> String {
    severities()
        .iter()
        .map(|(_, l)| format!("{} {}", l.symbol, l.word))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What kind of problem a rule finds, in a word or two a workshop reads at a glance:
/// "unjustified", "no lawful basis", "special category", "no retention", "repeat"... A rule
/// this table does not know yet is named by its concern.
pub fn kind(rule: &Rule) -> &'static str {
    match rule.name {
        "unjustified-collection" => "unjustified",
        "missing-lawful-basis" => "no lawful basis",
        "special-category-without-condition" => "special category",
        "criminal-data-without-authority" => "criminal data",
        "missing-retention" => "no retention",
        "no-customer-benefit" => "no benefit",
        "certain-repeat" => "repeat",
        "possible-repeat" => "possible repeat",
        "repeated-in-step" => "asked twice here",
        "conflicting-lawful-basis" => "basis conflict",
        "unused-element" => "unused element",
        "unreachable-step" => "unreachable",
        "unused-suppression" => "unused allow",
        "needless-repeat-reason" => "needless repeat reason",
        "unmarked-entry" => "unmarked entry",
        "transfer-without-safeguards" => "unsafeguarded transfer",
        "missing-security-measures" => "no security measures",
        "invalid-consent" => "invalid consent",
        "consent-not-freely-given" => "consent not free",
        "automated-decision-without-safeguards" => "automated decision",
        "inconsistent-retention" => "retention conflict",
        "unnamed-source" => "unnamed source",
        "overdue-action" => "overdue action",
        _ => match rule.concern {
            Concern::Unjustified => "unjustified",
            Concern::Repeated => "repeat",
            Concern::Incomplete => "incomplete",
            Concern::Map => "map",
        },
    }
}

/// How a related step is named after a finding's kind: where a repeated element was first
/// collected, or where the same purpose has another basis. `None` when the related steps say
/// nothing a reader of the diagram needs (an unreachable step's group).
pub fn related_phrase(rule: &Rule) -> Option<&'static str> {
    match rule.concern {
        Concern::Repeated => Some("first at"),
        _ if rule.name == "conflicting-lawful-basis" => Some("unlike at"),
        _ => None,
    }
}

/// A customer's emotion (-2..=2) in a word, for legends and tooltips.
pub fn mood(emotion: i8) -> &'static str {
    match emotion {
        i8::MIN..=-2 => "angry",
        -1 => "unhappy",
        0 => "neutral",
        1 => "content",
        _ => "delighted",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_its_own_kind() {
        for rule in RULES {
            let fallback = match rule.concern {
                Concern::Unjustified => "unjustified",
                Concern::Repeated => "repeat",
                Concern::Incomplete => "incomplete",
                Concern::Map => "map",
            };
            assert!(
                kind(rule) != fallback
                    || rule.name == "unjustified-collection"
                    || rule.name == "certain-repeat",
                "{} {} needs a word in legend::kind",
                rule.code,
                rule.name
            );
        }
    }

    #[test]
    fn severities_differ_by_border_as_well_as_colour() {
        let looks = severities().map(|(_, l)| (l.dash, l.width));
        assert!(looks[0] != looks[1] && looks[1] != looks[2] && looks[0] != looks[2]);
        assert!(CLEAN.width < looks[2].1);
    }
}
