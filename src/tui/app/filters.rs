//! What the grid and the lists show: the search (of steps, elements or findings), the
//! findings narrowed to a concern, one channel, one followed element.

use super::*;

/// The concerns the findings list can be narrowed to, in the order `t` steps through them.
pub(crate) const CONCERNS: [Concern; 4] = [
    Concern::Unjustified,
    Concern::Repeated,
    Concern::Incomplete,
    Concern::Map,
];

/// A concern in a few words.
pub(crate) fn concern_label(concern: Concern) -> &'static str {
    match concern {
        Concern::Unjustified => "unjustified",
        Concern::Repeated => "asked again",
        Concern::Incomplete => "incomplete",
        Concern::Map => "about the map",
    }
}

impl App {
    /// Narrows the findings to the next concern (after the last: all of them again).
    pub(super) fn cycle_concern(&mut self) {
        let next = match self.concern {
            None => Some(CONCERNS[0]),
            Some(c) => CONCERNS
                .iter()
                .position(|&k| k == c)
                .and_then(|i| CONCERNS.get(i + 1))
                .copied(),
        };
        self.concern = next;
        self.refilter_findings();
        let key = self.keymap.key_for(&Action::CycleConcern);
        let shown = self.outline.findings();
        self.message = Some(match next {
            Some(c) => format!(
                "{shown} {} {} ({key}: next concern)",
                if shown == 1 { "finding" } else { "findings" },
                concern_label(c)
            ),
            None => "findings of every concern".into(),
        });
    }

    /// Sets the text of the search `target` searches, and filters again.
    pub(super) fn set_search(&mut self, target: SearchTarget, text: String) {
        match target {
            SearchTarget::Steps => {
                self.filter.set_search(text);
                self.refilter();
            }
            SearchTarget::Elements => {
                self.inventory_filter.set_search(text);
                self.refilter_elements();
            }
            SearchTarget::Findings => {
                self.findings_filter.set_search(text);
                self.refilter_findings();
            }
        }
    }

    /// The inventory's rows after a change of filter (or map), keeping the cursor's element
    /// when it is still shown.
    pub(super) fn refilter_elements(&mut self) {
        let board = &self.board;
        let filter = &self.inventory_filter;
        self.elements = (0..board.journey().elements.len())
            .filter(|&e| filter.admits(|needle| board.element_text(e).contains(needle)))
            .collect();
        if self.elements.binary_search(&self.inventory.row).is_err()
            && let Some(&first) = self.elements.first()
        {
            self.inventory.row = first;
        }
        self.inventory.offset = 0;
    }

    /// The findings list's rows after a change of filter or concern (or map), keeping the
    /// cursor's finding when it is still shown.
    pub(super) fn refilter_findings(&mut self) {
        let current = match self.outline.rows.get(self.findings.row) {
            Some(Row::Finding(i)) => Some(*i),
            _ => None,
        };
        let board = &self.board;
        let findings = &board.analysis.findings;
        let (filter, concern) = (&self.findings_filter, self.concern);
        let mut text = crate::tui::board::SearchBuffers::default();
        self.outline = Outline::new(findings, |f| {
            concern.is_none_or(|c| f.rule().concern == c)
                && filter.admits(|needle| board.finding_matches(f, needle, &mut text))
        });
        self.findings.row = current
            .and_then(|i| self.outline.row_of(i))
            .or_else(|| self.outline.finding_row_near(0, true))
            .unwrap_or(0);
        self.findings.offset = 0;
    }

    /// The element under the inventory's cursor, when the filter shows it.
    pub(crate) fn inventory_element(&self) -> Option<usize> {
        let e = self.inventory.row;
        self.elements.binary_search(&e).is_ok().then_some(e)
    }

    pub(super) fn cycle_channel(&mut self) {
        let count = self.board.journey().channels.len();
        self.filter.channel = match self.filter.channel {
            None if count > 0 => Some(0),
            Some(c) if c + 1 < count => Some(c + 1),
            _ => None,
        };
        self.refilter();
        let journey = self.board.journey();
        self.message = Some(
            match self.filter.channel.and_then(|c| journey.channels.get(c)) {
                Some(c) => format!("only the {} channel (c: next channel)", clean(&c.name)),
                None => "all channels".into(),
            },
        );
    }

    pub(super) fn toggle_element_filter(&mut self) {
        if self.filter.element.take().is_none() {
            match self.follow {
                Some(e) => self.filter.element = Some(e),
                None => {
                    self.message = Some(
                        "follow a data element first: Enter on it in the inventory (i) or on a \
                         collection in the step details"
                            .into(),
                    );
                    return;
                }
            }
        }
        self.refilter();
    }

    pub(super) fn edit_search(&mut self, edit: impl FnOnce(&mut String)) {
        let Some(field) = self.overlays.search.as_mut() else {
            return;
        };
        edit(&mut field.text);
        let (target, text) = (field.target, field.text.clone());
        self.set_search(target, text);
    }

    /// Rebuilds the lanes after a filter change and keeps a shown step selected.
    pub(super) fn refilter(&mut self) {
        self.lanes = Lanes::new(&self.board, &self.filter);
        if self.selected.and_then(|ix| self.lanes.place(ix)).is_none() {
            self.set_selected(self.lanes.first(), false);
        }
        if self.lanes.shown == 0 && self.filter.is_active() && self.overlays.search.is_none() {
            self.message = Some("no step passes the filters: x clears them".into());
        }
    }

    /// An element's name for messages.
    pub(super) fn element_label(&self, e: usize) -> String {
        self.board
            .journey()
            .elements
            .get(e)
            .map_or_else(|| "the element".into(), |el| clean(&el.name).into_owned())
    }
}
