//! PlantUML activity diagram with a swimlane per channel.
//!
//! An activity diagram is structured, a journey is any graph: steps are laid out depth first
//! from each entry, a step with several next steps opens a `split`, and a flow to a step
//! already drawn becomes a note ("continues at ...") instead of a second copy of the step.

use std::fmt::Write;

use super::diagram::Diagram;
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

    fn export(&self, ctx: &ExportContext<'_>) -> Result<String, ExportError> {
        let d = Diagram::new(ctx)?;
        Ok(Writer::new(&d).finish())
    }
}

struct Writer<'d, 'a> {
    d: &'d Diagram<'a>,
    out: String,
    /// Outgoing edges per node, in flow order.
    next: Vec<Vec<usize>>,
    /// Nodes already placed, or claimed by a branch about to place them.
    claimed: Vec<bool>,
    lane: Option<usize>,
}

impl<'d, 'a> Writer<'d, 'a> {
    fn new(d: &'d Diagram<'a>) -> Self {
        let mut next = vec![Vec::new(); d.nodes.len()];
        let mut has_incoming = vec![false; d.nodes.len()];
        for (i, e) in d.edges.iter().enumerate() {
            next[e.from].push(i);
            has_incoming[e.to] = true;
        }
        let mut w = Writer {
            d,
            out: String::new(),
            next,
            claimed: vec![false; d.nodes.len()],
            lane: None,
        };
        w.out.push_str("@startuml\n");
        let _ = writeln!(w.out, "title {}", text(&d.title()));
        w.out.push_str(
            "skinparam defaultFontName Helvetica\nskinparam ActivityBorderThickness 1\n\
             skinparam swimlaneTitleFontStyle bold\n",
        );
        // Declare every lane first so they appear in channel order.
        for c in d.used_channels() {
            let _ = writeln!(w.out, "|{}|", text(d.channel_name(c)));
        }
        if d.nodes.is_empty() {
            w.out.push_str("start\n:This map has no steps yet;\nstop\n");
        }
        // Entries first (marked, or with no incoming flow in the diagram), then whatever a
        // cycle kept out of reach.
        let entries: Vec<usize> = (0..d.nodes.len())
            .filter(|&n| d.nodes[n].step.entry || !has_incoming[n])
            .collect();
        let rest = 0..d.nodes.len();
        for n in entries.into_iter().chain(rest) {
            if !w.claimed[n] {
                w.claimed[n] = true;
                w.switch_lane(n, "");
                w.out.push_str("start\n");
                w.place(n, "");
            }
        }
        w
    }

    fn switch_lane(&mut self, n: usize, indent: &str) {
        let channel = self.d.nodes[n].channel;
        if self.lane != Some(channel) {
            let _ = writeln!(self.out, "{indent}|{}|", text(self.d.channel_name(channel)));
            self.lane = Some(channel);
        }
    }

    /// Writes node `n` (already claimed) and what follows it. A chain of single next steps
    /// is a loop, so long journeys do not deepen the stack; only a split recurses.
    fn place(&mut self, mut n: usize, indent: &str) {
        loop {
            self.activity(n, indent);
            let edges = self.next[n].clone();
            let (fresh, seen): (Vec<usize>, Vec<usize>) = edges
                .into_iter()
                .partition(|&e| !self.claimed[self.d.edges[e].to]);
            self.continues_at(&seen, indent);
            for &e in &fresh {
                self.claimed[self.d.edges[e].to] = true;
            }
            match fresh.as_slice() {
                [] if self.next[n].is_empty() => {
                    let _ = writeln!(self.out, "{indent}stop");
                    return;
                }
                [] => {
                    let _ = writeln!(self.out, "{indent}detach");
                    return;
                }
                [e] => {
                    self.arrow(*e, indent);
                    n = self.d.edges[*e].to;
                }
                many => {
                    let inner = format!("{indent}  ");
                    let channel = self.d.nodes[n].channel;
                    for (k, &e) in many.iter().enumerate() {
                        let word = if k == 0 { "split" } else { "split again" };
                        let _ = writeln!(self.out, "{indent}{word}");
                        // A branch starts in the lane the split was opened in.
                        self.lane = Some(channel);
                        self.arrow(e, &inner);
                        self.place(self.d.edges[e].to, &inner);
                    }
                    let _ = writeln!(self.out, "{indent}end split");
                    return;
                }
            }
        }
    }

    /// The step's box: title, stage and actor, data points coloured by their findings.
    fn activity(&mut self, n: usize, indent: &str) {
        self.switch_lane(n, indent);
        let node = &self.d.nodes[n];
        let look = legend::look(node.worst);
        let mut title = node.title.to_string();
        if look != legend::CLEAN {
            title = format!("{} {title}", look.symbol);
        }
        let mut body = format!("<b>{}</b>", text(&title));
        let mut sub = format!(
            "{}, {}",
            self.d.stage_name(node.stage),
            node.step.actor.label()
        );
        if !node.step_codes.is_empty() {
            sub = format!("{sub} ({})", node.step_codes.join(", "));
        }
        let _ = write!(body, "\\n<size:10>{}</size>", text(&sub));
        for point in &node.data {
            let line = text(&point.label());
            if point.worst.is_some() {
                let _ = write!(
                    body,
                    "\\n<color:{}><b>{line}</b></color>",
                    legend::look(point.worst).ink
                );
            } else {
                let _ = write!(body, "\\n{line}");
            }
        }
        let colour = if look == legend::CLEAN { "" } else { look.fill };
        let _ = writeln!(self.out, "{indent}{colour}:{body};");
    }

    /// A note naming the steps already drawn that `edges` lead back to.
    fn continues_at(&mut self, edges: &[usize], indent: &str) {
        if edges.is_empty() {
            return;
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
        let _ = writeln!(
            self.out,
            "{indent}note right: continues at\\n{}",
            lines.join("\\n")
        );
    }

    /// The arrow of edge `e`, with its label.
    fn arrow(&mut self, e: usize, indent: &str) {
        if let Some(label) = self.d.edges[e].label {
            let _ = writeln!(self.out, "{indent}-> {};", text(label));
        }
    }

    fn finish(mut self) -> String {
        let d = self.d;
        self.out
            .push_str("legend right\n<b>Legend: privacy findings</b>\n");
        for (severity, look) in legend::severities() {
            let _ = writeln!(
                self.out,
                "<back:{}><color:{}> {} {}: {} </color></back>",
                look.fill,
                look.ink,
                look.symbol,
                look.word,
                d.tally.get(severity)
            );
        }
        for r in &d.rules {
            let _ = writeln!(
                self.out,
                "{} {} ×{}",
                text(r.rule.code),
                text(r.rule.name),
                r.count
            );
        }
        self.out.push_str("endlegend\n@enduml\n");
        self.out
    }
}
