//! PlantUML activity diagram with a swimlane per channel.
//!
//! Clean steps are white with a grey border, not PlantUML's default pale yellow, which a room
//! reads as a warning; only steps with findings are coloured. The legend sits at the top, where
//! it survives PlantUML's PNG size cut (4,096 px by default) that drops the bottom of a big map.
//!
//! An activity diagram is structured, a journey is any graph: steps are laid out depth first
//! from each entry, a step with several next steps opens a `split`, and a flow to a step
//! already drawn becomes a note ("continues at ...") instead of a second copy of the step.

use std::fmt;

use super::diagram::{Diagram, kinds};
use super::escape::plantuml::text;
use super::legend;
use super::{ExportContext, ExportError, Exporter};
use touchpoint_engine::text::wrap;

pub struct PlantUml;

impl Exporter for PlantUml {
    fn id(&self) -> &'static str {
        "plantuml"
    }

    fn extension(&self) -> &'static str {
        "puml"
    }

    fn description(&self) -> &'static str {
        "PlantUML activity diagram with a swimlane per channel"
    }

    fn write(&self, ctx: &ExportContext<'_>, out: &mut dyn fmt::Write) -> Result<(), ExportError> {
        let d = Diagram::new(ctx)?;
        let mut w = Writer::new(&d, out);
        w.header()?;
        w.steps()?;
        w.out.write_str("@enduml\n")?;
        Ok(())
    }
}

struct Writer<'d, 'a, 'o> {
    d: &'d Diagram<'a>,
    out: &'o mut dyn fmt::Write,
    /// Outgoing edges per node, in flow order.
    next: Vec<Vec<usize>>,
    /// Whether a flow in the diagram leads to the node.
    has_incoming: Vec<bool>,
    /// Nodes already placed, or claimed by a branch about to place them.
    claimed: Vec<bool>,
    lane: Option<usize>,
}

impl<'d, 'a, 'o> Writer<'d, 'a, 'o> {
    fn new(d: &'d Diagram<'a>, out: &'o mut dyn fmt::Write) -> Self {
        let mut next = vec![Vec::new(); d.nodes.len()];
        let mut has_incoming = vec![false; d.nodes.len()];
        for (i, e) in d.edges.iter().enumerate() {
            next[e.from].push(i);
            has_incoming[e.to] = true;
        }
        Writer {
            d,
            out,
            next,
            has_incoming,
            claimed: vec![false; d.nodes.len()],
            lane: None,
        }
    }

    /// The title, the look and every lane, declared first so they appear in channel order.
    fn header(&mut self) -> fmt::Result {
        let d = self.d;
        self.out.write_str("@startuml\n")?;
        writeln!(self.out, "title {}", text(&d.title()))?;
        self.out.write_str(
            "skinparam defaultFontName Helvetica\nskinparam ActivityBorderThickness 1\n\
             skinparam swimlaneTitleFontStyle bold\n\
             skinparam ActivityBackgroundColor #ffffff\nskinparam ActivityBorderColor #475467\n\
             skinparam LegendBackgroundColor #ffffff\nskinparam LegendBorderColor #98a2b3\n",
        )?;
        self.legend()?;
        for c in d.used_channels() {
            writeln!(self.out, "|{}|", text(d.channel_name(c)))?;
        }
        Ok(())
    }

    /// Every step, once: from each entry (marked, or with no incoming flow in the diagram),
    /// then from whatever a cycle kept out of reach.
    fn steps(&mut self) -> fmt::Result {
        let d = self.d;
        if d.nodes.is_empty() {
            self.out
                .write_str("start\n:This map has no steps yet;\nstop\n")?;
        }
        let entries: Vec<usize> = (0..d.nodes.len())
            .filter(|&n| d.nodes[n].step.entry || !self.has_incoming[n])
            .collect();
        let rest = 0..d.nodes.len();
        for n in entries.into_iter().chain(rest) {
            if !self.claimed[n] {
                self.claimed[n] = true;
                self.switch_lane(n, "")?;
                self.out.write_str("start\n")?;
                self.place(n, "")?;
            }
        }
        Ok(())
    }

    fn switch_lane(&mut self, n: usize, indent: &str) -> fmt::Result {
        let channel = self.d.nodes[n].channel;
        if self.lane != Some(channel) {
            writeln!(self.out, "{indent}|{}|", text(self.d.channel_name(channel)))?;
            self.lane = Some(channel);
        }
        Ok(())
    }

    /// Writes node `n` (already claimed) and what follows it. A chain of single next steps
    /// is a loop, so long journeys do not deepen the stack; only a split recurses.
    fn place(&mut self, mut n: usize, indent: &str) -> fmt::Result {
        loop {
            self.activity(n, indent)?;
            let edges = self.next[n].clone();
            let (fresh, seen): (Vec<usize>, Vec<usize>) = edges
                .into_iter()
                .partition(|&e| !self.claimed[self.d.edges[e].to]);
            self.continues_at(&seen, indent)?;
            for &e in &fresh {
                self.claimed[self.d.edges[e].to] = true;
            }
            match fresh.as_slice() {
                [] if self.next[n].is_empty() => return writeln!(self.out, "{indent}stop"),
                [] => return writeln!(self.out, "{indent}detach"),
                [e] => {
                    self.arrow(*e, indent)?;
                    n = self.d.edges[*e].to;
                }
                many => return self.split(n, many, indent),
            }
        }
    }

    /// A `split` of node `n` into the branches `edges` leads to, each placed in turn.
    fn split(&mut self, n: usize, edges: &[usize], indent: &str) -> fmt::Result {
        let inner = format!("{indent}  ");
        let channel = self.d.nodes[n].channel;
        for (k, &e) in edges.iter().enumerate() {
            let word = if k == 0 { "split" } else { "split again" };
            writeln!(self.out, "{indent}{word}")?;
            // A branch starts in the lane the split was opened in.
            self.lane = Some(channel);
            self.arrow(e, &inner)?;
            self.place(self.d.edges[e].to, &inner)?;
        }
        writeln!(self.out, "{indent}end split")
    }

    /// The step's box: title, stage and actor, data points coloured by their findings.
    fn activity(&mut self, n: usize, indent: &str) -> fmt::Result {
        self.switch_lane(n, indent)?;
        let node = &self.d.nodes[n];
        let look = legend::look(node.worst);
        let mut title = node.title.to_string();
        if look != legend::CLEAN {
            title = format!("{} {title}", look.symbol);
        }
        let colour = if look == legend::CLEAN { "" } else { look.fill };
        write!(self.out, "{indent}{colour}:<b>{}</b>", text(&title))?;
        let mut sub = format!(
            "{}, {}",
            self.d.stage_name(node.stage),
            node.step.actor.label()
        );
        if !node.step_problems.is_empty() {
            sub = format!("{sub}: {}", kinds(&node.step_problems));
        }
        write!(self.out, "\\n<size:10>{}</size>", text(&sub))?;
        for point in &node.data {
            let line = text(&point.label());
            if point.worst.is_some() {
                write!(
                    self.out,
                    "\\n<color:{}><b>{line}</b></color>",
                    legend::look(point.worst).ink
                )?;
            } else {
                write!(self.out, "\\n{line}")?;
            }
        }
        self.out.write_str(";\n")
    }

    /// A note naming the steps already drawn that `edges` lead back to.
    fn continues_at(&mut self, edges: &[usize], indent: &str) -> fmt::Result {
        if edges.is_empty() {
            return Ok(());
        }
        let targets: Vec<String> = edges
            .iter()
            .map(|&e| {
                let edge = &self.d.edges[e];
                let to = self.d.nodes[edge.to].title;
                match edge.label {
                    Some(l) => format!("“{to}” ({l})"),
                    None => format!("“{to}”"),
                }
            })
            .collect();
        // One target a line, wrapped, so a note does not widen its swimlane.
        let lines: Vec<String> = targets
            .iter()
            .flat_map(|t| wrap(t, 40))
            .map(|l| text(&l))
            .collect();
        writeln!(
            self.out,
            "{indent}note right: continues at\\n{}",
            lines.join("\\n")
        )
    }

    /// The arrow of edge `e`, with its label.
    fn arrow(&mut self, e: usize, indent: &str) -> fmt::Result {
        match self.d.edges[e].label {
            Some(label) => writeln!(self.out, "{indent}-> {};", text(label)),
            None => Ok(()),
        }
    }

    /// The legend, at the top: each severity with its count, then the rules that fired with
    /// their kinds.
    fn legend(&mut self) -> fmt::Result {
        let d = self.d;
        self.out
            .write_str("legend top left\n<b>Legend: privacy findings</b>\n")?;
        for (severity, look) in legend::severities() {
            writeln!(
                self.out,
                "<back:{}><color:{}> {} {}: {} </color></back>",
                look.fill,
                look.ink,
                look.symbol,
                look.word,
                d.tally.get(severity)
            )?;
        }
        for r in &d.rules {
            writeln!(
                self.out,
                "{} {} ({}) ×{}",
                text(r.rule.code),
                text(legend::kind(r.rule)),
                text(r.rule.name),
                r.count
            )?;
        }
        self.out.write_str("white: no finding\nendlegend\n")
    }
}
