//! How the privacy overlay looks in every diagram: a colour and a symbol per severity, so it
//! reads in colour, in greyscale print and for colour-blind readers alike.

use touchpoint_engine::analysis::{Finding, RULES, Rule, Severity};

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
    word: "no finding",
};

const ERROR: Look = Look {
    symbol: Severity::Error.symbol(),
    stroke: "#b42318",
    fill: "#fee4e2",
    ink: "#912018",
    width: 3,
    word: "error",
};

const WARNING: Look = Look {
    symbol: Severity::Warning.symbol(),
    stroke: "#b54708",
    fill: "#fef0c7",
    ink: "#93370d",
    width: 3,
    word: "warning",
};

const ADVICE: Look = Look {
    symbol: Severity::Advice.symbol(),
    stroke: "#175cd3",
    fill: "#e0eaff",
    ink: "#1849a9",
    width: 2,
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
pub fn rules_of(findings: &[Finding], indices: impl IntoIterator<Item = usize>) -> Vec<RuleCount> {
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

/// A customer's emotion (-2..=2) as a face, for labels.
pub fn emotion_face(emotion: i8) -> &'static str {
    match emotion {
        i8::MIN..=-2 => "😠",
        -1 => "🙁",
        0 => "😐",
        1 => "🙂",
        _ => "😀",
    }
}
