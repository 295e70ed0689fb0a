//! Findings and load errors for people: rustc-style blocks and a summary line.

use super::snippet::{self, LineCache};
use std::fmt::Write;

use super::style::{BOLD, GUTTER, paint, paint_into, severity};
use touchpoint_engine::analysis::{Finding, Severity, Tally};
use touchpoint_engine::mapfile::{Diagnostic, Lines, LoadError, LoadedMap};
use touchpoint_engine::text::clean;

/// One finding as a block of text, with its line as `lines` reads it from the map's file,
/// appended to `out`.
pub(crate) fn finding_into(
    out: &mut String,
    map: &LoadedMap,
    f: &Finding,
    lines: &mut Lines,
    cache: &mut LineCache,
) {
    // Writing to a String cannot fail.
    let style = severity(f.severity);
    let _ = write!(
        out,
        "{style}{}[{}/{}]{style:#}: ",
        f.severity, f.rule.code, f.rule.name
    );
    paint_into(out, BOLD, &clean(&f.message));
    out.push('\n');
    let line = f.pos.and_then(|p| lines.line(p.line));
    snippet::render_into(out, &map.file, f.pos, line, cache);
    let pad = snippet::gutter_width(f.pos);
    let gutter = |out: &mut String| {
        snippet::push_spaces(out, pad);
        out.push(' ');
        paint_into(out, GUTTER, "=");
    };
    let targets = [
        ("step", &f.step),
        ("element", &f.element),
        ("system", &f.system),
        ("party", &f.party),
    ];
    let mut any = false;
    for (what, id) in targets {
        if let Some(id) = id {
            if any {
                out.push_str(", ");
            } else {
                gutter(out);
                out.push_str(" at: ");
                any = true;
            }
            let _ = write!(out, "{what} `{}`", clean(id));
        }
    }
    if any {
        out.push('\n');
    }
    gutter(out);
    out.push(' ');
    paint_into(out, BOLD, "help");
    let _ = writeln!(out, ": {}", clean(&f.help));
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
    let pad = " ".repeat(snippet::gutter_width(d.pos));
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
