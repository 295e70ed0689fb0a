//! Mermaid journey diagram: sections are stages, tasks are steps scored by the customer's
//! emotion (-2..=2 becomes 1..=5), actors are channels; findings mark the task names.

use std::fmt;

use super::diagram::Diagram;
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
        // Wider, taller task boxes than Mermaid's default 150 x 50, so titles with findings fit.
        out.write_str("---\nconfig:\n  journey:\n    width: 200\n    height: 70\n---\njourney\n")?;
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
                let mut name = node.title.to_string();
                let look = legend::look(node.worst);
                if look != legend::CLEAN {
                    let mut codes: Vec<&str> = node
                        .data
                        .iter()
                        .flat_map(|p| p.codes.iter().copied())
                        .chain(node.step_codes.iter().copied())
                        .collect();
                    codes.sort_unstable();
                    codes.dedup();
                    name = format!("{} {name} ({})", look.symbol, codes.join(", "));
                }
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
