//! Findings and load errors for people: rustc-style blocks and a summary line.

use super::snippet;
use super::style::Style;
use touchpoint_engine::analysis::{Finding, Severity, Tally};
use touchpoint_engine::mapfile::{Diagnostic, LoadError, LoadedMap};
use touchpoint_engine::text::clean;

/// One finding as a block of text.
pub fn finding(style: &Style, map: &LoadedMap, f: &Finding) -> String {
    let head = format!("{}[{}/{}]", f.severity, f.rule.code, f.rule.name);
    let mut out = format!(
        "{}: {}\n",
        style.severity(f.severity, &head),
        style.bold(&clean(&f.message))
    );
    let line = f.pos.and_then(|p| map.source.line(p.line));
    out.push_str(&snippet::render(style, &map.file, f.pos, line));
    let pad = " ".repeat(f.pos.map_or(1, |p| p.line.to_string().len()));
    let eq = style.gutter("=");
    let mut target = Vec::new();
    if let Some(step) = &f.step {
        target.push(format!("step `{}`", clean(step)));
    }
    if let Some(element) = &f.element {
        target.push(format!("element `{}`", clean(element)));
    }
    if !target.is_empty() {
        out.push_str(&format!("{pad} {eq} at: {}\n", target.join(", ")));
    }
    out.push_str(&format!(
        "{pad} {eq} {}: {}\n",
        style.bold("help"),
        clean(&f.help)
    ));
    out
}

/// One load error as a block of text.
pub fn diagnostic(style: &Style, d: &Diagnostic) -> String {
    let mut out = format!(
        "{}: {}\n",
        style.severity(Severity::Error, "error"),
        style.bold(&clean(&d.message))
    );
    out.push_str(&snippet::render(
        style,
        &d.file,
        d.pos,
        d.snippet.as_deref(),
    ));
    let pad = " ".repeat(d.pos.map_or(1, |p| p.line.to_string().len()));
    let eq = style.gutter("=");
    if let Some(note) = &d.note {
        out.push_str(&format!("{pad} {eq} note: {}\n", clean(note)));
    }
    if let Some(hint) = &d.hint {
        out.push_str(&format!(
            "{pad} {eq} {}: {}\n",
            style.bold("help"),
            clean(hint)
        ));
    }
    out
}

/// Every problem of a map that failed to load, as blocks of text.
pub fn load_error(style: &Style, e: &LoadError) -> String {
    e.diagnostics.iter().map(|d| diagnostic(style, d)).collect()
}

/// "file: 2 errors, 1 warning, 0 advice" with each count coloured when non-zero.
pub fn summary(style: &Style, label: &str, tally: &Tally) -> String {
    let part = |s: Severity| {
        let n = tally.get(s);
        let word = match (s, n) {
            (Severity::Advice, _) => "advice".to_string(),
            (_, 1) => s.label().to_string(),
            _ => format!("{}s", s.label()),
        };
        let text = format!("{n} {word}");
        if n > 0 {
            style.severity(s, &text)
        } else {
            text
        }
    };
    format!(
        "{}: {}, {}, {}\n",
        style.bold(&clean(label)),
        part(Severity::Error),
        part(Severity::Warning),
        part(Severity::Advice)
    )
}
