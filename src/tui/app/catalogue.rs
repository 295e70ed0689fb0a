//! The catalogue view's state: which list (channels, stages, systems, data elements) is
//! shown, its cursor, and the forms and deletions of its entries.

use super::{App, Cursor};
use crate::tui::form::Form;
use touchpoint_engine::edit::Session;
use touchpoint_engine::journey::Journey;

/// A list of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum List {
    #[default]
    Channels,
    Stages,
    Systems,
    Elements,
}

impl List {
    pub(crate) const ALL: [List; 4] = [List::Channels, List::Stages, List::Systems, List::Elements];

    pub(crate) fn title(self) -> &'static str {
        match self {
            List::Channels => "Channels",
            List::Stages => "Stages",
            List::Systems => "Systems",
            List::Elements => "Data elements",
        }
    }

    /// One entry, as a person says it.
    pub(crate) fn noun(self) -> &'static str {
        match self {
            List::Channels => "channel",
            List::Stages => "stage",
            List::Systems => "system",
            List::Elements => "data element",
        }
    }

    pub(crate) fn len(self, journey: &Journey) -> usize {
        match self {
            List::Channels => journey.channels.len(),
            List::Stages => journey.stages.len(),
            List::Systems => journey.systems.len(),
            List::Elements => journey.elements.len(),
        }
    }

    /// Entry `i`: its id, its name and a few words about it.
    pub(crate) fn entry(self, journey: &Journey, i: usize) -> Option<(&str, &str, String)> {
        match self {
            List::Channels => journey.channels.get(i).map(|c| {
                let reads = if c.reads.is_empty() {
                    String::new()
                } else {
                    format!("reads {}", c.reads.join(", "))
                };
                (c.id.as_str(), c.name.as_str(), reads)
            }),
            List::Stages => journey
                .stages
                .get(i)
                .map(|s| (s.id.as_str(), s.name.as_str(), String::new())),
            List::Systems => journey.systems.get(i).map(|s| {
                let mut about = Vec::new();
                if let Some(p) = &s.processor {
                    about.push(format!("run by {p}"));
                }
                if let Some(c) = &s.third_country {
                    about.push(format!("data goes to {c}"));
                }
                (s.id.as_str(), s.name.as_str(), about.join(" · "))
            }),
            List::Elements => journey
                .elements
                .get(i)
                .map(|e| (e.id.as_str(), e.name.as_str(), e.category.clone())),
        }
    }

    /// What refers to entry `id`.
    pub(crate) fn users(self, journey: &Journey, id: &str) -> Vec<String> {
        match self {
            List::Channels => Session::channel_users(journey, id),
            List::Stages => Session::stage_users(journey, id),
            List::Systems => Session::system_users(journey, id),
            List::Elements => Session::element_users(journey, id),
        }
    }

    /// The form for entry `index`, or a new one.
    pub(crate) fn form(self, journey: &Journey, index: Option<usize>) -> Form {
        match self {
            List::Channels => Form::channel(journey, index),
            List::Stages => Form::stage(journey, index),
            List::Systems => Form::system(journey, index),
            List::Elements => Form::element(journey, index),
        }
    }
}

/// The catalogue view's list and cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Catalogue {
    pub list: List,
    pub cursor: Cursor,
}

impl App {
    /// Shows the next list of the catalogue (`delta` -1: the one before).
    pub(super) fn next_list(&mut self, delta: isize) {
        let lists = List::ALL;
        let at = lists
            .iter()
            .position(|&l| l == self.catalogue.list)
            .unwrap_or(0);
        let n = lists.len() as isize;
        self.catalogue.list = lists[(at as isize + delta).rem_euclid(n) as usize];
        self.catalogue.cursor = Cursor::default();
    }

    /// Moves the catalogue's cursor by `delta` rows.
    pub(super) fn catalogue_move(&mut self, delta: isize) {
        let len = self.catalogue.list.len(self.board.journey());
        let row = &mut self.catalogue.cursor.row;
        *row = row.saturating_add_signed(delta).min(len.saturating_sub(1));
    }

    /// The entry under the catalogue's cursor, if the list has one.
    pub(crate) fn catalogue_entry(&self) -> Option<usize> {
        let row = self.catalogue.cursor.row;
        (row < self.catalogue.list.len(self.board.journey())).then_some(row)
    }

    /// Keeps the catalogue's cursor on an entry after the list changed.
    pub(super) fn clamp_catalogue(&mut self) {
        let len = self.catalogue.list.len(self.board.journey());
        let c = &mut self.catalogue.cursor;
        c.row = c.row.min(len.saturating_sub(1));
        c.offset = c.offset.min(c.row);
    }
}
