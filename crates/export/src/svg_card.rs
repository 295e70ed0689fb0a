//! What a step's card in the native SVG says, wrapped to its width: the title, a status line
//! (worst finding, actor; the mood is drawn beside it), the problems on the step itself, and
//! each data point with the kind of each problem on it, a repeat naming where the data was
//! first collected. The layout sizes cards from this; the drawing writes it out.

use super::diagram::Node;
use super::legend;
use super::svg_geometry::{BOX_PAD, DATA_RULE, LINE, STATUS_LINE, TITLE_LINE};
use touchpoint_engine::text::wrap_lines;

/// Columns of 13 px bold title text that fit a card, at about 0.62 em a column.
const TITLE_COLS: usize = 25;
/// Columns of 11 px text that fit a card, at about 0.6 em a column.
const TEXT_COLS: usize = 30;
/// Columns of the status line, which leaves room for the mood face at its end.
const STATUS_COLS: usize = 26;
/// Columns of an indented problem line under a data point.
const PROBLEM_COLS: usize = 28;
/// The most lines a title, a data point's name and a problem take; the tooltip has the rest.
const TITLE_MAX_LINES: usize = 4;
const NAME_MAX_LINES: usize = 3;
const PROBLEM_MAX_LINES: usize = 4;

/// One data point as written on a card.
#[derive(Debug, Clone)]
pub(crate) struct PointText {
    /// Its symbol and name.
    pub name: Vec<String>,
    /// The kinds of its problems, indented under the name.
    pub problems: Vec<String>,
}

/// A card's place and its wrapped text.
#[derive(Debug, Clone)]
pub(crate) struct StepBox {
    pub node: usize,
    pub x: i64,
    pub y: i64,
    pub h: i64,
    pub text: CardText,
}

/// A card's text.
#[derive(Debug, Clone)]
pub(crate) struct CardText {
    pub title: Vec<String>,
    pub status: String,
    /// Problems on the step itself (unreachable, unmarked entry...).
    pub step_problems: Vec<String>,
    /// Flows to and from stages not drawn (one stage at a time): "← from Notice → to Repair".
    pub links: Vec<String>,
    pub points: Vec<PointText>,
}

impl CardText {
    /// The text of `node`'s card; `links` names the stages not drawn that flows come from or
    /// go to, as "← from Notice" and "→ to Repair".
    pub(crate) fn new(node: &Node<'_>, links: &[String]) -> CardText {
        let look = legend::look(node.worst);
        let status = if look == legend::CLEAN {
            node.step.actor.label().to_string()
        } else {
            format!(
                "{} {} · {}",
                look.symbol,
                look.word,
                node.step.actor.label()
            )
        };
        let step_problems = node
            .step_problems
            .iter()
            .flat_map(|p| {
                let symbol = legend::look(Some(p.severity)).symbol;
                wrap_lines(
                    &format!("{symbol} {}", p.text()),
                    TEXT_COLS,
                    PROBLEM_MAX_LINES,
                )
            })
            .collect();
        let points = node
            .data
            .iter()
            .map(|p| PointText {
                name: wrap_lines(
                    &format!("{} {}", legend::look(p.worst).symbol, p.name),
                    TEXT_COLS,
                    NAME_MAX_LINES,
                ),
                problems: p
                    .problems
                    .iter()
                    .flat_map(|pr| wrap_lines(&pr.text(), PROBLEM_COLS, PROBLEM_MAX_LINES))
                    .collect(),
            })
            .collect();
        CardText {
            title: wrap_lines(node.title, TITLE_COLS, TITLE_MAX_LINES),
            status: wrap_lines(&status, STATUS_COLS, 1)
                .into_iter()
                .next()
                .unwrap_or_default(),
            step_problems,
            links: if links.is_empty() {
                Vec::new()
            } else {
                wrap_lines(&links.join(" · "), TEXT_COLS, PROBLEM_MAX_LINES)
            },
            points,
        }
    }

    /// The height the text needs, padding included.
    pub(crate) fn height(&self) -> i64 {
        let point_lines: usize = self
            .points
            .iter()
            .map(|p| p.name.len() + p.problems.len())
            .sum();
        2 * BOX_PAD
            + TITLE_LINE * self.title.len() as i64
            + STATUS_LINE
            + LINE * (self.step_problems.len() + self.links.len()) as i64
            + if self.points.is_empty() { 0 } else { DATA_RULE }
            + LINE * point_lines as i64
    }
}
