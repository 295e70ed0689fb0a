//! Mermaid journey diagram: sections are stages, tasks are steps scored by the customer's
//! emotion (-2..=2 becomes 1..=5), actors are channels. Each task says how many data points
//! the step collects and, when it has findings, the kind of its worst one ("repeat (TP007)"):
//! a journey diagram has no room for the data points themselves, and a count and a kind are
//! what a room needs to see where the weight of the asking falls.

use std::fmt;

use super::diagram::{Diagram, Node, Problem};
use super::escape::mermaid::{list_item, text};
use super::legend;
use super::{ExportContext, ExportError, Exporter};

pub struct MermaidJourney;

impl Exporter for MermaidJourney {
    fn id(&self) -> &'static str {
        "mermaid-journey"
    }

    fn extension(&self) -> &'static str {
        "mmd"
    }

    fn description(&self) -> &'static str {
        "Mermaid journey diagram: stages as sections, the customer's emotion as scores"
    }

    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError> {
        let d = Diagram::new(ctx)?;
        // Taller task boxes than Mermaid's default 50 px, so a title with its count and its
        // worst finding fits in four lines (measured with mmdc 11).
        out.write_str("---\nconfig:\n  journey:\n    width: 200\n    height: 100\n---\njourney\n")?;
        let title = if d.tally.total() > 0 {
            format!("{} (findings: {})", d.title(), legend::key_line())
        } else {
            d.title()
        };
        writeln!(out, "    title {}", text(&title))?;
        for &stage in &d.stages {
            let mut tasks = d.nodes.iter().filter(|n| n.stage == stage).peekable();
            if tasks.peek().is_none() {
                continue;
            }
            writeln!(out, "    section {}", text(d.stage_name(stage)))?;
            for node in tasks {
                let name = task_name(node);
                let score = (i32::from(node.step.emotion) + 3).clamp(1, 5);
                writeln!(
                    out,
                    "      {}: {score}: {}",
                    text(&name),
                    list_item(d.channel_name(node.channel))
                )?;
            }
        }
        Ok(())
    }
}

/// "▲ Ask to be texted when the outage is over · 1 data point · basis conflict (TP010)".
fn task_name(node: &Node<'_>) -> String {
    let look = legend::look(node.worst);
    let count = match node.data.len() {
        0 => "no data points".to_string(),
        1 => "1 data point".to_string(),
        n => format!("{n} data points"),
    };
    // The most severe problem on the step or any of its data points; the first found wins a
    // tie, so the step's own problems, then its data points in order.
    let worst = node
        .step_problems
        .iter()
        .chain(node.data.iter().flat_map(|p| p.problems.iter()))
        .fold(None, |best: Option<&Problem<'_>>, p| match best {
            Some(b) if b.severity >= p.severity => Some(b),
            _ => Some(p),
        });
    match worst {
        Some(p) => format!(
            "{} {} · {count} · {} ({})",
            look.symbol,
            node.title,
            legend::kind(p.rule),
            p.rule.code
        ),
        None => format!("{} · {count}", node.title),
    }
}
