//! The board: one loaded map with its findings and the indexes the views need, built per load.

use std::sync::OnceLock;

use petgraph::stable_graph::NodeIndex;

use touchpoint_engine::analysis::{self, Analysis, FindingRef, Severity};
use touchpoint_engine::inventory::{Cell, Inventory};
use touchpoint_engine::journey::{Date, Journey, Step};
use touchpoint_engine::mapfile::LoadedMap;
use touchpoint_engine::source::Locate;

/// A map ready to show. Nothing here changes until the file is read again.
#[derive(Debug, Clone)]
pub struct Board {
    /// The hash of the file's bytes this board was loaded from, when it came from a file
    /// (to tell, before editing, that the file is still what is shown).
    pub(crate) hash: Option<u64>,
    pub(crate) map: LoadedMap,
    pub(crate) analysis: Analysis,
    /// `cells[channel][stage]`: the steps there, in file order.
    pub(crate) cells: Vec<Vec<Vec<NodeIndex>>>,
    /// Per node index: the worst finding on the step.
    worst: Vec<Option<Severity>>,
    /// Per element: the steps taking it, in reading order (stage, then channel, then file).
    takers: Vec<Vec<NodeIndex>>,
    /// Per element: how many collections take it.
    taken: Vec<usize>,
    /// Built when first shown or searched, not per edit: on a 10,000-step map the inventory
    /// alone is a fifth of an edit's time, and a workshop edits on the grid.
    inventory: OnceLock<Matrices>,
    texts: Texts,
}

/// Element x channel and element x stage: how often and how badly each is taken.
#[derive(Debug, Clone)]
pub(crate) struct Matrices {
    pub(crate) by_channel: Vec<Vec<Cell>>,
    pub(crate) by_stage: Vec<Vec<Cell>>,
}

/// Lower-case text the filters search in, each list made when it is first searched (the
/// findings' is made as it is searched: see [`Board::finding_matches`]).
#[derive(Debug, Clone, Default)]
struct Texts {
    /// Per node index: a step's texts.
    steps: OnceLock<Vec<String>>,
    elements: OnceLock<Vec<String>>,
}

/// `text` after `buf`, lower-case as far as a needle of ASCII can tell: ASCII letters in lower
/// case, and other letters as they are, as none of them but the two below lowers to ASCII.
/// An ASCII needle is in this text when it is in the text in lower case, and this is made
/// without going a character at a time (a route's arrows made a third of the messages slow).
fn push_lower_for_ascii(buf: &mut String, text: &str) {
    // The Kelvin sign lowers to `k`, the dotted capital I to `i` and a combining dot. Looked
    // for one at a time: a search for either of two characters goes a character at a time.
    if !text.is_ascii() && (text.contains('\u{212a}') || text.contains('\u{130}')) {
        push_lower(buf, text);
    } else {
        push_ascii_lower(buf, text);
    }
}

/// `text` in lower case, after `buf`: as `str::to_lowercase`, without its allocation for the
/// most common text (ASCII).
fn push_lower(buf: &mut String, text: &str) {
    if text.is_ascii() {
        push_ascii_lower(buf, text);
    } else {
        buf.push_str(&text.to_lowercase());
    }
}

/// `text` after `buf`, its ASCII letters in lower case.
fn push_ascii_lower(buf: &mut String, text: &str) {
    let start = buf.len();
    buf.push_str(text);
    buf[start..].make_ascii_lowercase();
}

/// What [`Board::finding_matches`] writes a finding's text in, kept from one finding to the
/// next.
#[derive(Debug, Default)]
pub(crate) struct SearchBuffers {
    message: String,
    text: String,
}

impl Board {
    pub fn new(mut map: LoadedMap) -> Board {
        // The workbench shows no source lines, and the text is the largest thing held (200 MB
        // for a 100,000-step map): it goes before the analysis, and positions stay.
        map.source.release_text();
        let analysis = map.analyse();
        Board::index(map, analysis)
    }

    /// The board again after an edit changed the journey: the rules run anew, findings placed
    /// in the edited text (`locate`).
    pub(crate) fn reanalyse(&mut self, locate: &dyn Locate) {
        let hash = self.hash;
        let map = std::mem::replace(&mut self.map, LoadedMap::empty(""));
        let analysis = Analysis::new(analysis::findings_on(&map.journey, locate, Date::today()));
        *self = Board::index(map, analysis);
        self.hash = hash;
    }

    /// Says the board was read from a file holding `bytes`: edits then check the file still
    /// holds them before they start.
    pub fn set_file_hash(&mut self, bytes: &[u8]) {
        self.hash = Some(touchpoint_engine::edit::journal::hash_bytes(bytes));
    }

    /// The indexes the views read, built over a map and its analysis.
    fn index(map: LoadedMap, analysis: Analysis) -> Board {
        let overlay = &analysis.overlay;
        let journey = &map.journey;
        let bound = petgraph::visit::NodeIndexable::node_bound(&journey.graph);
        let mut cells = vec![vec![Vec::new(); journey.stages.len()]; journey.channels.len()];
        let mut worst = vec![None; bound];
        let mut takers = vec![Vec::new(); journey.elements.len()];
        let mut taken = vec![0; journey.elements.len()];
        // Per node index: the step's stage and channel, the order the takers are read in.
        let mut reading = vec![(None, None); bound];
        for (ix, step) in journey.steps() {
            let place = (
                journey.channel_index(&step.channel),
                journey.stage_index(&step.stage),
            );
            reading[ix.index()] = (place.1, place.0);
            if let (Some(c), Some(s)) = place {
                cells[c][s].push(ix);
            }
            worst[ix.index()] = overlay.worst_on_step(&step.id);
            for col in &step.collects {
                if let Some(e) = journey.element_index(&col.element) {
                    taken[e] += 1;
                    if takers[e].last() != Some(&ix) {
                        takers[e].push(ix);
                    }
                }
            }
        }
        for list in &mut takers {
            // Stable: file order among steps in the same cell. The order is looked up, not
            // found again for each comparison: that was a fifth of opening a 100,000-step map.
            list.sort_by_key(|ix| reading[ix.index()]);
        }
        Board {
            hash: None,
            map,
            analysis,
            cells,
            worst,
            takers,
            taken,
            inventory: OnceLock::new(),
            texts: Texts::default(),
        }
    }

    /// The inventory's matrices.
    pub(crate) fn matrices(&self) -> &Matrices {
        self.inventory.get_or_init(|| {
            let Inventory {
                by_channel,
                by_stage,
                ..
            } = Inventory::new(&self.map.journey, &self.analysis);
            Matrices {
                by_channel,
                by_stage,
            }
        })
    }

    /// Which of the steps' and elements' search texts have been made.
    #[cfg(test)]
    pub(crate) fn texts_made(&self) -> [bool; 2] {
        let t = &self.texts;
        [t.steps.get(), t.elements.get()].map(|list| list.is_some())
    }

    /// What the inventory's filter searches for element `e`.
    pub(crate) fn element_text(&self, e: usize) -> &str {
        let journey = &self.map.journey;
        let elements = self.texts.elements.get_or_init(|| {
            journey
                .elements
                .iter()
                .map(|e| {
                    let description = e.description.as_deref().unwrap_or("");
                    format!("{}\n{}\n{}\n{description}", e.name, e.id, e.category).to_lowercase()
                })
                .collect()
        });
        elements.get(e).map_or("", String::as_str)
    }

    /// Whether finding `f`'s text (rule, message, step, element; lower-case) holds `needle`
    /// (lower-case). The text is made in `buf` as it is searched rather than kept: a map with
    /// 700,000 findings would keep 240 MB of it. Made whole, it is searched once: searching
    /// its parts one by one, to look the step and the element up only when needed, was
    /// slower.
    pub(crate) fn finding_matches(
        &self,
        f: FindingRef<'_>,
        needle: &str,
        buf: &mut SearchBuffers,
    ) -> bool {
        let journey = &self.map.journey;
        let step = f.step().map_or("", |id| journey.step_title(id));
        let element = f.element().map_or("", |id| journey.element_name(id));
        let ascii = needle.is_ascii();
        let SearchBuffers { message, text: buf } = buf;
        message.clear();
        f.write_message(message);
        buf.clear();
        for (n, part) in [f.rule().code, f.rule().name, message, step, element]
            .into_iter()
            .enumerate()
        {
            if n > 0 {
                buf.push('\n');
            }
            if ascii {
                push_lower_for_ascii(buf, part);
            } else {
                push_lower(buf, part);
            }
        }
        buf.contains(needle)
    }

    pub(crate) fn journey(&self) -> &Journey {
        &self.map.journey
    }

    pub(crate) fn step(&self, ix: NodeIndex) -> Option<&Step> {
        self.map.journey.graph.node_weight(ix)
    }

    /// The worst finding on a step.
    pub(crate) fn worst(&self, ix: NodeIndex) -> Option<Severity> {
        self.worst.get(ix.index()).copied().flatten()
    }

    /// Whether the step's text contains `needle` (already lower-case).
    pub(crate) fn matches(&self, ix: NodeIndex, needle: &str) -> bool {
        let journey = &self.map.journey;
        let steps = self.texts.steps.get_or_init(|| {
            let bound = petgraph::visit::NodeIndexable::node_bound(&journey.graph);
            let mut steps = vec![String::new(); bound];
            for (ix, step) in journey.steps() {
                steps[ix.index()] = search_text(journey, step);
            }
            steps
        });
        steps.get(ix.index()).is_some_and(|h| h.contains(needle))
    }

    /// The steps taking element `e`, in reading order.
    pub(crate) fn takers(&self, e: usize) -> &[NodeIndex] {
        self.takers.get(e).map_or(&[], Vec::as_slice)
    }

    /// Whether the step collects element `e`.
    pub(crate) fn takes(&self, ix: NodeIndex, e: usize) -> bool {
        let Some(element) = self.map.journey.elements.get(e) else {
            return false;
        };
        self.step(ix)
            .is_some_and(|s| s.collects.iter().any(|c| c.element == element.id))
    }

    /// Findings on one collection, worst first.
    pub(crate) fn collection_findings(&self, step: &str, c: usize) -> Vec<FindingRef<'_>> {
        let mut list: Vec<FindingRef<'_>> = self
            .analysis
            .overlay
            .collection(step, c)
            .iter()
            .filter_map(|&i| self.analysis.findings.get(i))
            .collect();
        list.sort_by_key(|f| std::cmp::Reverse(f.severity()));
        list
    }

    /// Findings on a step that are not about one of its collections, worst first.
    pub(crate) fn step_findings(&self, step: &str) -> Vec<FindingRef<'_>> {
        let mut list: Vec<FindingRef<'_>> = self
            .analysis
            .overlay
            .step(step)
            .iter()
            .filter_map(|&i| self.analysis.findings.get(i))
            .filter(|f| f.collection().is_none())
            .collect();
        list.sort_by_key(|f| std::cmp::Reverse(f.severity()));
        list
    }

    /// The worst finding about an element: on any of its collections, or on its catalogue entry.
    pub(crate) fn element_worst(&self, e: usize) -> Option<Severity> {
        let element = self.map.journey.elements.get(e)?;
        self.analysis
            .overlay
            .element(&element.id)
            .iter()
            .filter_map(|&i| self.analysis.findings.get(i))
            .map(|f| f.severity())
            .max()
    }

    /// How many collections take element `e`.
    pub(crate) fn element_count(&self, e: usize) -> usize {
        self.taken.get(e).copied().unwrap_or(0)
    }
}

fn search_text(journey: &Journey, step: &Step) -> String {
    let mut text = String::with_capacity(128);
    for part in [Some(&step.title), Some(&step.id)]
        .into_iter()
        .chain([step.description.as_ref(), step.notes.as_ref()])
        .flatten()
        .chain(&step.pain_points)
    {
        text.push_str(&part.to_lowercase());
        text.push('\n');
    }
    for col in &step.collects {
        text.push_str(&journey.element_name(&col.element).to_lowercase());
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use touchpoint_engine::mapfile::load_str;

    /// Made as searched, a finding's text holds what the whole text in lower case held: rule,
    /// message, step title and element name, across their line breaks, with capitals and
    /// letters outside ASCII (a final sigma too, and the two that lower to ASCII).
    #[test]
    fn a_finding_matches_what_its_whole_text_in_lower_case_holds() {
        let text = include_str!("../../tests/fixtures/workshop.ron").replace(
            "Compare handsets online",
            "ÉCOLE des ΟΔΟΣ online → \u{212a}elvin İi",
        );
        let board = Board::new(load_str("workshop.ron", text).expect("loads"));
        let journey = board.journey();
        let mut buf = SearchBuffers::default();
        let needles = [
            "tp00",
            "certain-repeat",
            "repeat\nasked",
            "école",
            "οδος",
            "οδοσ",
            "ς online",
            "\"",
            "e",
            "zzz",
            "kelvin",
            "online → k",
            "i\u{307}i",
            "ii",
            "→",
        ];
        let mut held = 0;
        for f in &board.analysis.findings {
            let step = f.step().map_or("", |id| journey.step_title(id));
            let element = f.element().map_or("", |id| journey.element_name(id));
            let whole = format!(
                "{}\n{}\n{}\n{step}\n{element}",
                f.rule().code,
                f.rule().name,
                f.message()
            )
            .to_lowercase();
            for needle in needles {
                let matches = board.finding_matches(f, needle, &mut buf);
                assert_eq!(matches, whole.contains(needle), "{needle:?} in {whole:?}");
                held += usize::from(matches);
            }
        }
        assert!(held > board.analysis.findings.len(), "{held} matches");
        assert!(
            board
                .analysis
                .findings
                .iter()
                .any(|f| board.finding_matches(f, "οδος", &mut buf)),
            "the title outside ASCII is searched"
        );
    }
}
