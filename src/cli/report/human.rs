//! Findings and load errors for people: rustc-style blocks and a summary line.

use super::snippet::{self, LineCache};
use super::style::{BOLD, GUTTER, paint, severity};
use touchpoint_engine::analysis::{Finding, Severity, Tally};
use touchpoint_engine::mapfile::{Diagnostic, Lines, LoadError, LoadedMap};
use touchpoint_engine::text::clean;

/// One finding as a block of text, with its line as `lines` reads it from the map's file.
pub(crate) fn finding(
    map: &LoadedMap,
    f: &Finding,
    lines: &mut Lines,
    cache: &mut LineCache,
) -> String {
    let head = format!("{}[{}/{}]", f.severity, f.rule.code, f.rule.name);
    let mut out = format!(
        "{}: {}\n",
        paint(severity(f.severity), &head),
        paint(BOLD, &clean(&f.message))
    );
    let line = f.pos.and_then(|p| lines.line(p.line));
    out.push_str(&snippet::render(&map.file, f.pos, line, cache));
    let pad = " ".repeat(f.pos.map_or(1, |p| p.line.to_string().len()));
    let eq = paint(GUTTER, "=");
    let mut target = Vec::new();
    if let Some(step) = &f.step {
        target.push(format!("step `{}`", clean(step)));
    }
    if let Some(element) = &f.element {
        target.push(format!("element `{}`", clean(element)));
    }
    if let Some(system) = &f.system {
        target.push(format!("system `{}`", clean(system)));
    }
    if let Some(party) = &f.party {
        target.push(format!("party `{}`", clean(party)));
    }
    if !target.is_empty() {
        out.push_str(&format!("{pad} {eq} at: {}\n", target.join(", ")));
    }
    out.push_str(&format!(
        "{pad} {eq} {}: {}\n",
        paint(BOLD, "help"),
        clean(&f.help)
    ));
    out
}

/// One load error as a block of text.
pub(crate) fn diagnostic(d: &Diagnostic) -> String {
    let mut out = format!(
        "{}: {}\n",
        paint(severity(Severity::Error), "error"),
        paint(BOLD, &clean(&d.message))
    );
    out.push_str(&snippet::render(
        &d.file,
        d.pos,
        d.snippet.as_deref(),
        &mut LineCache::default(),
    ));
    let pad = " ".repeat(d.pos.map_or(1, |p| p.line.to_string().len()));
    let eq = paint(GUTTER, "=");
    if let Some(note) = &d.note {
        out.push_str(&format!("{pad} {eq} note: {}\n", clean(note)));
    }
    if let Some(hint) = &d.hint {
        out.push_str(&format!(
            "{pad} {eq} {}: {}\n",
            paint(BOLD, "help"),
            clean(hint)
        ));
    }
    out
}

/// Every problem of a map that failed to load, as blocks of text.
pub(crate) fn load_error(e: &LoadError) -> String {
    e.diagnostics.iter().map(diagnostic).collect()
}

/// "file: 2 errors, 1 warning, 0 advice" with each count coloured when non-zero.
pub(crate) fn summary(label: &str, tally: &Tally) -> String {
    let part = |s: Severity| {
        let n = tally.get(s);
        let word = match (s, n) {
            (Severity::Advice, _) => "advice".to_string(),
            (_, 1) => s.label().to_string(),
            _ => format!("{}s", s.label()),
        };
        let text = format!("{n} {word}");
        if n > 0 {
            paint(severity(s), &text)
        } else {
            text
        }
    };
    format!(
        "{}: {}, {}, {}\n",
        paint(BOLD, &clean(label)),
        part(Severity::Error),
        part(Severity::Warning),
        part(Severity::Advice)
    )
}
