//! A diff for people: a heading per kind of change, `+` `-` `~` marks, each change with its
//! `file:line:col`, and each field old → new; coloured like `check`. Map text is cleaned of
//! anything a terminal would act on.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{change_phrases, findings_phrase};
use crate::cli::report::style::{BOLD, GUTTER, paint, severity};
use touchpoint_engine::diff::{Change, Diff, FieldChange, FindingChange, Place, Value};
use touchpoint_engine::text::clean;

const ADDED: Style = AnsiColor::Green.on_default().bold();
const REMOVED: Style = AnsiColor::Red.on_default().bold();
const CHANGED: Style = AnsiColor::Yellow.on_default().bold();
const DIM: Style = Style::new().dimmed();

/// Indentation of a change's fields under it.
const FIELD: &str = "      ";

fn mark(change: Change) -> String {
    let style = match change {
        Change::Added => ADDED,
        Change::Removed => REMOVED,
        _ => CHANGED,
    };
    paint(style, &change.mark().to_string())
}

fn at(place: &Place) -> String {
    format!(
        "  {} {}:{}:{}",
        paint(GUTTER, "-->"),
        clean(&place.file),
        place.line,
        place.column
    )
}

/// `` `id` `` for an id from the map.
fn id(text: &str) -> String {
    format!("`{}`", clean(text))
}

/// `"text"` for a title or name from the map.
fn quoted(text: &str) -> String {
    format!("\"{}\"", clean(text))
}

fn value(v: Option<&Value>) -> String {
    match v {
        Some(v) => clean(&v.to_ron()).into_owned(),
        None => paint(DIM, "(none)"),
    }
}

/// One field: `name: old → new`, or `name: value` for something added.
fn field(f: &FieldChange, added: bool) -> String {
    let name = clean(&f.field);
    if added {
        format!("{FIELD}{name}: {}\n", value(f.new.as_ref()))
    } else {
        format!(
            "{FIELD}{name}: {} {} {}\n",
            value(f.old.as_ref()),
            paint(CHANGED, "→"),
            value(f.new.as_ref())
        )
    }
}

fn fields<'a>(
    out: &mut dyn Write,
    change: Change,
    fields: impl IntoIterator<Item = &'a FieldChange>,
) -> io::Result<()> {
    for f in fields {
        out.write_all(field(f, change == Change::Added).as_bytes())?;
    }
    Ok(())
}

fn heading(out: &mut dyn Write, title: &str, n: usize) -> io::Result<()> {
    if n == 0 {
        return Ok(());
    }
    writeln!(out, "\n{} ({n})", paint(BOLD, title))
}

/// Writes the whole diff of `old` → `new`.
pub(super) fn write(out: &mut dyn Write, diff: &Diff, old: &str, new: &str) -> io::Result<()> {
    writeln!(
        out,
        "{} {} {} {}",
        paint(BOLD, "touchpoint diff:"),
        clean(old),
        paint(CHANGED, "→"),
        clean(new)
    )?;
    steps(out, diff)?;
    flows(out, diff)?;
    collections(out, diff)?;
    catalogue(out, diff)?;
    map(out, diff)?;
    decisions(out, diff)?;
    findings(out, "Findings introduced", &diff.findings.introduced, true)?;
    findings(out, "Findings resolved", &diff.findings.resolved, false)?;
    summary(out, diff)
}

fn steps(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    heading(out, "Steps", diff.steps.len())?;
    for s in &diff.steps {
        let place = match s.change {
            Change::Changed => String::new(),
            _ => format!(
                " in {} · {}",
                quoted(&s.channel.name),
                quoted(&s.stage.name)
            ),
        };
        writeln!(
            out,
            "  {} step {} {}{place}{}",
            mark(s.change),
            id(&s.step),
            quoted(&s.title),
            at(&s.at)
        )?;
        let mut shown: Vec<&str> = Vec::new();
        if s.change == Change::Added {
            shown.extend(["title", "channel", "stage"]);
        }
        if let Some(moved) = &s.moved {
            for (what, shift) in [("channel", &moved.channel), ("stage", &moved.stage)] {
                if let Some(shift) = shift {
                    writeln!(
                        out,
                        "{FIELD}{}: moved from {} to {}",
                        paint(CHANGED, &format!("another {what}")),
                        quoted(&shift.from.name),
                        quoted(&shift.to.name)
                    )?;
                    shown.push(what);
                }
            }
        }
        fields(
            out,
            s.change,
            s.fields
                .iter()
                .filter(|f| !shown.contains(&f.field.as_str())),
        )?;
    }
    Ok(())
}

fn flows(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    heading(out, "Flows", diff.flows.len())?;
    for f in &diff.flows {
        let label = match (&f.label, f.change) {
            (_, Change::Relabelled | Change::Changed) => String::new(),
            (Some(l), _) => format!(" labelled {}", quoted(l)),
            (None, _) => String::new(),
        };
        writeln!(
            out,
            "  {} flow {} → {}{label}{}",
            mark(f.change),
            id(&f.from),
            id(&f.to),
            at(&f.at)
        )?;
        if f.change == Change::Relabelled {
            for x in &f.fields {
                writeln!(
                    out,
                    "{FIELD}relabelled: {} {} {}",
                    value(x.old.as_ref()),
                    paint(CHANGED, "→"),
                    value(x.new.as_ref())
                )?;
            }
        } else {
            fields(
                out,
                f.change,
                f.fields.iter().filter(|x| x.field != "label"),
            )?;
        }
    }
    Ok(())
}

fn collections(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    heading(out, "Collections", diff.collections.len())?;
    for c in &diff.collections {
        let what = format!("{} {}", id(&c.element), quoted(&c.element_name));
        let line = match c.change {
            Change::Moved => format!(
                "{what} moved from step {} to step {}",
                id(c.from_step.as_deref().unwrap_or_default()),
                id(&c.step)
            ),
            _ => format!("{what} at step {} {}", id(&c.step), quoted(&c.step_title)),
        };
        writeln!(out, "  {} {line}{}", mark(c.change), at(&c.at))?;
        fields(out, c.change, &c.fields)?;
    }
    Ok(())
}

fn catalogue(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    heading(out, "Catalogue", diff.catalogue.len() + diff.order.len())?;
    for e in &diff.catalogue {
        let name = e
            .name
            .as_deref()
            .map_or(String::new(), |n| format!(" {}", quoted(n)));
        writeln!(
            out,
            "  {} {} {}{name}{}",
            mark(e.change),
            clean(&e.list),
            id(&e.id),
            at(&e.at)
        )?;
        fields(
            out,
            e.change,
            e.fields
                .iter()
                .filter(|f| !(e.change == Change::Added && f.field == "name")),
        )?;
    }
    for o in &diff.order {
        let list = |ids: &[String]| {
            ids.iter()
                .map(|i| clean(i).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(
            out,
            "  {} {} in a new order{}",
            mark(Change::Changed),
            clean(&o.list),
            at(&o.at)
        )?;
        writeln!(
            out,
            "{FIELD}{} {} {}",
            list(&o.old),
            paint(CHANGED, "→"),
            list(&o.new)
        )?;
    }
    Ok(())
}

fn map(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    heading(out, "Map", diff.map.len())?;
    for f in &diff.map {
        writeln!(
            out,
            "  {} {}: {} {} {}{}",
            mark(Change::Changed),
            clean(&f.field),
            value(f.old.as_ref()),
            paint(CHANGED, "→"),
            value(f.new.as_ref()),
            at(&f.at)
        )?;
    }
    Ok(())
}

fn decisions(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    heading(out, "Review decisions", diff.decisions.len())?;
    for d in &diff.decisions {
        let mut outcome = d.outcome.to_string();
        if let (Some(owner), Some(due)) = (&d.owner, &d.due) {
            outcome.push_str(&format!(" to {}, due {}", clean(owner), clean(due)));
        }
        writeln!(
            out,
            "  {} {} {outcome}: {} at step {}{}",
            mark(d.change),
            clean(&d.date),
            id(&d.element),
            id(&d.step),
            at(&d.at)
        )?;
        if let Some(note) = &d.note {
            writeln!(out, "{FIELD}note: {}", quoted(note))?;
        }
    }
    Ok(())
}

fn findings(
    out: &mut dyn Write,
    title: &str,
    list: &[FindingChange],
    introduced: bool,
) -> io::Result<()> {
    heading(out, title, list.len())?;
    let change = if introduced {
        Change::Added
    } else {
        Change::Removed
    };
    for f in list {
        let head = format!("{}[{}/{}]", f.severity, f.code, f.name);
        writeln!(
            out,
            "  {} {}: {}{}",
            mark(change),
            paint(severity(f.severity), &head),
            clean(&f.message),
            at(&f.at)
        )?;
        if introduced {
            writeln!(out, "{FIELD}{}: {}", paint(BOLD, "help"), clean(&f.help))?;
        }
    }
    Ok(())
}

fn summary(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    let s = diff.summary();
    let changes = change_phrases(&s);
    out.write_all(b"\n")?;
    if changes.is_empty() {
        writeln!(
            out,
            "{}: none: both versions say the same (layout, comments and order aside)",
            paint(BOLD, "changes")
        )?;
    } else {
        writeln!(out, "{}: {}", paint(BOLD, "changes"), changes.join(" · "))?;
    }
    let introduced = s.introduced.total();
    let phrase = findings_phrase(&s);
    let phrase = if introduced > 0 {
        let worst = diff
            .findings
            .introduced
            .iter()
            .map(|f| f.severity)
            .max()
            .map_or(BOLD, severity);
        paint(worst, &phrase)
    } else {
        phrase
    };
    writeln!(
        out,
        "{}: {phrase} · now {} (before: {})",
        paint(BOLD, "findings"),
        diff.findings.new,
        diff.findings.old
    )
}
