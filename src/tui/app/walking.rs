//! Walking the journey: along flows (next, previous, another branch) and from step to step
//! along the followed data element. Called only from [`App::apply`].

use petgraph::stable_graph::NodeIndex;

use super::{App, View};
use crate::tui::action::Action;
use crate::tui::theme::FOLLOW;
use touchpoint_engine::text::clean;

impl App {
    /// Highlights every step taking element `e`, and goes to the first of them.
    pub(super) fn follow_element(&mut self, e: usize) {
        self.follow = Some(e);
        if self.filter.element.is_some() {
            self.filter.element = Some(e);
            self.refilter();
        }
        self.view = View::Grid;
        let name = self.element_label(e);
        let takers = self.board.takers(e).len();
        let shown = self.shown_takers(e);
        let here = self.selected.is_some_and(|ix| shown.contains(&ix));
        if !here && let Some(&first) = shown.first() {
            self.set_selected(Some(first), false);
        }
        self.message = Some(match (takers, shown.len()) {
            (0, _) => format!("following {name}: no step takes it"),
            (n, 0) => format!("following {name}: {n} steps take it, all hidden by the filters"),
            (n, _) => format!(
                "{FOLLOW} {name}: {n} step{} · {} next · {} previous · {} only these",
                if n == 1 { "" } else { "s" },
                self.keymap.key_for(&Action::NextTaking),
                self.keymap.key_for(&Action::PrevTaking),
                self.keymap.key_for(&Action::ToggleElementFilter),
            ),
        });
    }

    pub(super) fn walk_forward(&mut self) {
        let Some(ix) = self.selected else { return };
        let out = self.board.journey().outgoing(ix);
        let Some(&(flow, to)) = out.get(self.branch % out.len().max(1)) else {
            self.message = Some(format!(
                "no flow leads on from \u{201c}{}\u{201d}",
                self.title_of(ix)
            ));
            return;
        };
        let label = flow
            .label
            .as_deref()
            .map(|l| format!(" ({})", clean(l)))
            .unwrap_or_default();
        if self.lanes.place(to).is_none() {
            self.message = Some(format!(
                "the next step, \u{201c}{}\u{201d}, is hidden by the filters ({} clears them)",
                self.title_of(to),
                self.keymap.key_for(&Action::ClearFilters)
            ));
            return;
        }
        self.trail.push(ix);
        self.set_selected(Some(to), true);
        self.message = Some(format!("\u{2192} {}{label}", self.title_of(to)));
    }

    pub(super) fn walk_back(&mut self) {
        let Some(ix) = self.selected else { return };
        let incoming = self.board.journey().incoming(ix);
        let from: Vec<NodeIndex> = incoming.iter().map(|&(_, from)| from).collect();
        let target = match self.trail.last() {
            Some(&t) if from.contains(&t) => {
                self.trail.pop();
                Some(t)
            }
            _ => {
                self.trail.clear();
                from.first().copied()
            }
        };
        let Some(to) = target else {
            self.message = Some(format!(
                "no flow leads into \u{201c}{}\u{201d}",
                self.title_of(ix)
            ));
            return;
        };
        if self.lanes.place(to).is_none() {
            self.message = Some(format!(
                "the previous step, \u{201c}{}\u{201d}, is hidden by the filters",
                self.title_of(to)
            ));
            return;
        }
        let trail = std::mem::take(&mut self.trail);
        self.set_selected(Some(to), true);
        self.trail = trail;
        self.message = Some(if from.len() > 1 {
            format!(
                "\u{2190} {} (one of {} ways in)",
                self.title_of(to),
                from.len()
            )
        } else {
            format!("\u{2190} {}", self.title_of(to))
        });
    }

    pub(super) fn next_branch(&mut self) {
        let Some(ix) = self.selected else { return };
        let out = self.board.journey().outgoing(ix);
        if out.len() < 2 {
            self.message = Some(match out.len() {
                0 => "no flow leads on from here".into(),
                _ => "only one way on from here".into(),
            });
            return;
        }
        self.branch = (self.branch + 1) % out.len();
        let (flow, to) = out[self.branch];
        let label = flow
            .label
            .as_deref()
            .map(|l| format!(" ({})", clean(l)))
            .unwrap_or_default();
        self.message = Some(format!(
            "branch {} of {}: {} \u{2192} {}{label}",
            self.branch + 1,
            out.len(),
            self.keymap.key_for(&Action::NextStep),
            self.title_of(to)
        ));
    }

    /// The next or previous shown step taking the followed element, in reading order.
    pub(super) fn hop_taking(&mut self, forward: bool) {
        let Some(e) = self.follow else {
            self.message = Some(
                "follow a data element first: Enter on it in the inventory or on a collection"
                    .into(),
            );
            return;
        };
        let shown = self.shown_takers(e);
        let at = self
            .selected
            .and_then(|ix| shown.iter().position(|&t| t == ix));
        let target = match (at, forward) {
            (Some(i), true) => shown.get(i + 1),
            (Some(i), false) => i.checked_sub(1).and_then(|i| shown.get(i)),
            (None, true) => shown.first(),
            (None, false) => shown.last(),
        };
        let name = self.element_label(e);
        match target {
            Some(&ix) => {
                let n = shown.iter().position(|&t| t == ix).unwrap_or(0) + 1;
                self.set_selected(Some(ix), false);
                self.message = Some(format!("{name}: step {n} of {} taking it", shown.len()));
            }
            None if shown.is_empty() => {
                self.message = Some(format!("no shown step takes {name}"));
            }
            None => {
                let which = if forward { "last" } else { "first" };
                self.message = Some(format!("this is the {which} step taking {name}"));
            }
        }
    }

    /// The steps that take element `e` and are on the grid under the current filters.
    fn shown_takers(&self, e: usize) -> Vec<NodeIndex> {
        self.board
            .takers(e)
            .iter()
            .copied()
            .filter(|&ix| self.lanes.place(ix).is_some())
            .collect()
    }
}
