//! A diff as Markdown for a pull-request comment: a summary line with counts, then a table per
//! kind of change. Map text is escaped so that it shows literally (no links, no markup, no
//! broken tables); each table stops at [`ROWS`] rows, so that a sweeping change still fits a
//! comment.

use std::io::{self, Write};

use super::{change_phrases, findings_phrase, plural};
use touchpoint_engine::analysis::Severity;
use touchpoint_engine::diff::{Change, Diff, FieldChange, FindingChange, Place, Value};
use touchpoint_export::escape::{self, markdown::inline};

/// The most rows a table shows; the rest are counted under it.
const ROWS: usize = 100;

/// Map text as literal inline Markdown.
fn md(text: &str) -> String {
    inline(text)
}

/// Map text as a code span (an id, a file), escaped for a table cell.
fn code(text: &str) -> String {
    let text = escape::line(text);
    if text.contains('`') || text.is_empty() {
        return md(&text);
    }
    format!("`{}`", text.replace('|', "\\|"))
}

fn mark(change: Change) -> String {
    format!("`{}`", change.mark())
}

fn at(place: &Place) -> String {
    code(&format!("{}:{}", place.file, place.line))
}

fn value(v: Option<&Value>) -> String {
    match v {
        Some(v) => md(&v.to_ron()),
        None => "*none*".to_string(),
    }
}

fn field(f: &FieldChange, added: bool) -> String {
    if added {
        format!("{}: {}", md(&f.field), value(f.new.as_ref()))
    } else {
        format!(
            "{}: {} → {}",
            md(&f.field),
            value(f.old.as_ref()),
            value(f.new.as_ref())
        )
    }
}

/// A change's lines in one cell.
fn cell(lines: Vec<String>) -> String {
    lines.join("<br>")
}

/// `` `id` Title ``.
fn named(id: &str, name: &str) -> String {
    if name.is_empty() || name == id {
        code(id)
    } else {
        format!("{} {}", code(id), md(name))
    }
}

struct Table<'o> {
    out: &'o mut dyn Write,
    rows: usize,
}

impl<'o> Table<'o> {
    fn start(out: &'o mut dyn Write, title: &str, header: &[&str]) -> io::Result<Table<'o>> {
        writeln!(out, "\n#### {title}\n")?;
        writeln!(out, "| {} |", header.join(" | "))?;
        writeln!(out, "|{}", "---|".repeat(header.len()))?;
        Ok(Table { out, rows: 0 })
    }

    fn row(&mut self, cells: &[String]) -> io::Result<()> {
        self.rows += 1;
        if self.rows <= ROWS {
            writeln!(self.out, "| {} |", cells.join(" | "))?;
        }
        Ok(())
    }

    fn end(self) -> io::Result<()> {
        if self.rows > ROWS {
            writeln!(
                self.out,
                "\n…and {} more (run `touchpoint diff` for them all).",
                self.rows - ROWS
            )?;
        }
        Ok(())
    }
}

/// Writes the whole diff of `old` → `new`.
pub(super) fn write(out: &mut dyn Write, diff: &Diff, old: &str, new: &str) -> io::Result<()> {
    let s = diff.summary();
    writeln!(out, "### touchpoint diff: {} → {}\n", code(old), code(new))?;
    let introduced = &diff.findings.introduced;
    let worst = introduced.iter().map(|f| f.severity).max();
    let headline = match worst {
        Some(w) => format!(
            "{} **{} introduced**",
            w.symbol(),
            plural(introduced.len(), "finding", "findings")
        ),
        None => "No finding introduced".to_string(),
    };
    writeln!(
        out,
        "{headline} · findings: {} · now {} (before: {})\n",
        findings_phrase(&s),
        diff.findings.new,
        diff.findings.old
    )?;
    let changes = change_phrases(&s);
    if changes.is_empty() {
        writeln!(
            out,
            "Changes: none; both versions say the same (layout, comments and order aside)."
        )?;
    } else {
        writeln!(out, "Changes: {}.", changes.join(" · "))?;
    }
    findings(out, "Findings introduced", introduced)?;
    findings(out, "Findings resolved", &diff.findings.resolved)?;
    steps(out, diff)?;
    flows(out, diff)?;
    collections(out, diff)?;
    catalogue(out, diff)?;
    map(out, diff)?;
    decisions(out, diff)
}

fn findings(out: &mut dyn Write, title: &str, list: &[FindingChange]) -> io::Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    let mut t = Table::start(
        out,
        title,
        &["Severity", "Rule", "Finding", "Step", "Element", "Where"],
    )?;
    for f in list {
        t.row(&[
            format!("{} {}", f.severity.symbol(), severity_word(f.severity)),
            format!("{} {}", f.code, code(f.name)),
            md(&f.message),
            f.step.as_deref().map_or(String::new(), code),
            f.element.as_deref().map_or(String::new(), code),
            at(&f.at),
        ])?;
    }
    t.end()
}

fn severity_word(s: Severity) -> &'static str {
    s.label()
}

fn steps(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    if diff.steps.is_empty() {
        return Ok(());
    }
    let mut t = Table::start(out, "Steps", &["", "Step", "Change", "Where"])?;
    for s in &diff.steps {
        let mut lines = Vec::new();
        let mut shown: Vec<&str> = Vec::new();
        match s.change {
            Change::Added => {
                lines.push(format!(
                    "added in {} · {}",
                    md(&s.channel.name),
                    md(&s.stage.name)
                ));
                shown.extend(["title", "channel", "stage"]);
            }
            Change::Removed => lines.push(format!(
                "removed from {} · {}",
                md(&s.channel.name),
                md(&s.stage.name)
            )),
            _ => {}
        }
        if let Some(moved) = &s.moved {
            for (what, shift) in [("channel", &moved.channel), ("stage", &moved.stage)] {
                if let Some(shift) = shift {
                    lines.push(format!(
                        "moved to another {what}: {} → {}",
                        md(&shift.from.name),
                        md(&shift.to.name)
                    ));
                    shown.push(what);
                }
            }
        }
        lines.extend(
            s.fields
                .iter()
                .filter(|f| !shown.contains(&f.field.as_str()))
                .map(|f| field(f, s.change == Change::Added)),
        );
        t.row(&[
            mark(s.change),
            named(&s.step, &s.title),
            cell(lines),
            at(&s.at),
        ])?;
    }
    t.end()
}

fn flows(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    if diff.flows.is_empty() {
        return Ok(());
    }
    let mut t = Table::start(out, "Flows", &["", "From", "To", "Change", "Where"])?;
    for f in &diff.flows {
        let label = || {
            f.label
                .as_deref()
                .map_or(String::new(), |l| format!(", labelled {}", md(l)))
        };
        let lines = match f.change {
            Change::Added => vec![format!("added{}", label())],
            Change::Removed => vec![format!("removed{}", label())],
            Change::Relabelled => f
                .fields
                .iter()
                .map(|x| {
                    format!(
                        "relabelled: {} → {}",
                        value(x.old.as_ref()),
                        value(x.new.as_ref())
                    )
                })
                .collect(),
            _ => f.fields.iter().map(|x| field(x, false)).collect(),
        };
        t.row(&[
            mark(f.change),
            named(&f.from, &f.from_title),
            named(&f.to, &f.to_title),
            cell(lines),
            at(&f.at),
        ])?;
    }
    t.end()
}

fn collections(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    if diff.collections.is_empty() {
        return Ok(());
    }
    let mut t = Table::start(
        out,
        "Collections",
        &["", "Element", "Step", "Change", "Where"],
    )?;
    for c in &diff.collections {
        let mut lines = match c.change {
            Change::Added => vec!["added".to_string()],
            Change::Removed => vec!["removed".to_string()],
            Change::Moved => vec![format!(
                "moved here from {}",
                named(
                    c.from_step.as_deref().unwrap_or_default(),
                    c.from_step_title.as_deref().unwrap_or_default()
                )
            )],
            _ => Vec::new(),
        };
        lines.extend(c.fields.iter().map(|f| field(f, c.change == Change::Added)));
        t.row(&[
            mark(c.change),
            named(&c.element, &c.element_name),
            named(&c.step, &c.step_title),
            cell(lines),
            at(&c.at),
        ])?;
    }
    t.end()
}

fn catalogue(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    if diff.catalogue.is_empty() && diff.order.is_empty() {
        return Ok(());
    }
    let mut t = Table::start(out, "Catalogue", &["", "List", "Entry", "Change", "Where"])?;
    for e in &diff.catalogue {
        let mut lines = match e.change {
            Change::Added => vec!["added".to_string()],
            Change::Removed => vec!["removed".to_string()],
            _ => Vec::new(),
        };
        lines.extend(
            e.fields
                .iter()
                .filter(|f| !(e.change == Change::Added && f.field == "name"))
                .map(|f| field(f, e.change == Change::Added)),
        );
        t.row(&[
            mark(e.change),
            md(&e.list),
            named(&e.id, e.name.as_deref().unwrap_or_default()),
            cell(lines),
            at(&e.at),
        ])?;
    }
    for o in &diff.order {
        let list = |ids: &[String]| ids.iter().map(|i| md(i)).collect::<Vec<_>>().join(", ");
        t.row(&[
            mark(Change::Changed),
            md(&o.list),
            String::new(),
            format!("new order: {} → {}", list(&o.old), list(&o.new)),
            at(&o.at),
        ])?;
    }
    t.end()
}

fn map(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    if diff.map.is_empty() {
        return Ok(());
    }
    let mut t = Table::start(out, "Map", &["Field", "Old", "New", "Where"])?;
    for f in &diff.map {
        t.row(&[
            code(&f.field),
            value(f.old.as_ref()),
            value(f.new.as_ref()),
            at(&f.at),
        ])?;
    }
    t.end()
}

fn decisions(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    if diff.decisions.is_empty() {
        return Ok(());
    }
    let mut t = Table::start(
        out,
        "Review decisions",
        &["", "Review", "Step", "Element", "Outcome", "Note", "Where"],
    )?;
    for d in &diff.decisions {
        let mut outcome = md(d.outcome);
        if let (Some(owner), Some(due)) = (&d.owner, &d.due) {
            outcome.push_str(&format!(" to {}, due {}", md(owner), md(due)));
        }
        t.row(&[
            mark(d.change),
            md(&d.date),
            code(&d.step),
            code(&d.element),
            outcome,
            d.note.as_deref().map(md).unwrap_or_default(),
            at(&d.at),
        ])?;
    }
    t.end()
}
