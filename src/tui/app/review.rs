//! The review walk: every collection with a finding, one at a time, in an order that suits a
//! room (along the journey, or worst first), each answered with a decision that the engine's
//! editing session writes into the map's `reviews` section. Answers are undone whole: the
//! edits an answer made (the justification, the drop, the decision) go back together.

use std::collections::HashMap;

use super::App;
use super::reply::Reply;
use crate::tui::action::Action;
use crate::tui::form::Form;
use crate::tui::question::Question;
use touchpoint_engine::analysis::{FindingRef, Severity, Tally};
use touchpoint_engine::edit::Session;
use touchpoint_engine::journey::{
    Counts, Date, FindingCounts, Journey, Outcome, ReviewDecision, Step,
};
use touchpoint_engine::text::clean;

/// How long a deferred action gets by default.
const DEFER_DAYS: i64 = 14;

/// The order questions come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Order {
    /// Along the journey: stage, then channel, then the order of the file.
    #[default]
    Stage,
    /// Worst first, then along the journey.
    Severity,
}

impl Order {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Order::Stage => "by stage along the journey",
            Order::Severity => "by severity, worst first",
        }
    }
}

/// One open question: a collection, named by ids (which survive the edits of the review).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub step: String,
    pub element: String,
    /// The worst finding on it when the review started.
    pub severity: Severity,
    /// Stage, channel and file position of its step, for the order along the journey.
    place: (usize, usize, usize),
    pub answer: Option<Outcome>,
}

/// An answer given, for undo: which question, and how many edits it made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Answered {
    item: usize,
    edits: usize,
}

/// The review under way.
#[derive(Debug, Clone)]
pub(crate) struct Review {
    /// The meeting's date and who takes part, as the start form gave them.
    pub date: String,
    pub participants: Vec<String>,
    /// The questions, in the order shown.
    pub items: Vec<Item>,
    pub order: Order,
    /// The question on screen (an index into `items`).
    pub at: usize,
    /// Every finding of the map when the review started.
    pub before: Tally,
    /// The end summary is on screen.
    pub finished: bool,
    /// "Email address at “Sign up”" for each collection dropped, for the summary.
    pub dropped: Vec<String>,
    answered: Vec<Answered>,
    /// The number of edits in the session when the answer being given started.
    pending: Option<usize>,
    /// The start form has been applied.
    pub started: bool,
}

impl Review {
    /// How many questions have each outcome.
    pub(crate) fn count(&self, outcome: Outcome) -> usize {
        self.items
            .iter()
            .filter(|i| i.answer == Some(outcome))
            .count()
    }

    /// "7 of 19 · 3 justified · 2 dropped · 1 deferred".
    pub(crate) fn progress(&self) -> String {
        let mut parts = vec![format!(
            "{} of {}",
            (self.at + 1).min(self.items.len()),
            self.items.len()
        )];
        for outcome in Outcome::ALL {
            let n = self.count(outcome);
            if n > 0 {
                parts.push(format!("{n} {}", outcome.label()));
            }
        }
        parts.join(" · ")
    }

    fn sort(&mut self) {
        let current = self.items.get(self.at).cloned();
        match self.order {
            Order::Stage => self
                .items
                .sort_by(|a, b| (a.place, &a.element).cmp(&(b.place, &b.element))),
            Order::Severity => self.items.sort_by(|a, b| {
                (b.severity, a.place, &a.element).cmp(&(a.severity, b.place, &b.element))
            }),
        }
        if let Some(c) = current {
            self.at = self.items.iter().position(|i| *i == c).unwrap_or(0);
        }
    }

    /// The first unanswered question after the one on screen (wrapping round), if any.
    fn next_open(&self) -> Option<usize> {
        let n = self.items.len();
        (1..=n)
            .map(|k| (self.at + k) % n)
            .find(|&i| self.items[i].answer.is_none())
    }
}

/// The collection a question is about, as it stands in the map now.
pub(crate) struct Subject<'a> {
    pub step: &'a Step,
    pub ix: petgraph::stable_graph::NodeIndex,
    pub collection: usize,
}

/// Finds `item`'s collection in `journey` (gone once dropped).
pub(crate) fn subject<'a>(journey: &'a Journey, item: &Item) -> Option<Subject<'a>> {
    let ix = journey.step_index(&item.step)?;
    let step = &journey.graph[ix];
    let collection = step
        .collects
        .iter()
        .position(|c| c.element == item.element)?;
    Some(Subject {
        step,
        ix,
        collection,
    })
}

/// The question the room is asked: "Why does the agent ask for the date of birth here?"
pub(crate) fn question(journey: &Journey, step: &Step, element: &str) -> String {
    use touchpoint_engine::journey::Actor;
    let data = journey.element_name(element).to_lowercase();
    match step.actor {
        Actor::Agent => format!("Why does the agent ask for the {data} here?"),
        Actor::System => format!("Why does the system take the {data} here?"),
        Actor::Customer => format!(
            "Why is the customer asked for the {data} here, on {}?",
            journey.channel_name(&step.channel)
        ),
    }
}

/// The form field a rule's finding is about, so that "justify" opens on it.
fn missing_field(f: FindingRef<'_>) -> Option<&'static str> {
    match f.rule().code {
        "TP001" => Some("purpose"),
        "TP002" | "TP010" => Some("basis"),
        "TP003" | "TP004" => Some("condition"),
        "TP005" | "TP021" => Some("retention"),
        "TP006" => Some("benefit"),
        "TP007" | "TP008" | "TP009" | "TP014" => Some("repeat_reason"),
        "TP018" => Some("consent"),
        "TP019" => Some("optional"),
        "TP022" => Some("source"),
        _ => None,
    }
}

/// Whether a rule is about the justification itself (what "justify" must clear): the
/// purpose, the basis and condition, retention, benefit, valid consent, the source.
fn is_justification(f: FindingRef<'_>) -> bool {
    matches!(
        f.rule().code,
        "TP001"
            | "TP002"
            | "TP003"
            | "TP004"
            | "TP005"
            | "TP006"
            | "TP018"
            | "TP019"
            | "TP021"
            | "TP022"
    )
}

/// A tally as the map writes it.
fn counts(t: &Tally) -> Counts {
    Counts {
        error: t.get(Severity::Error),
        warning: t.get(Severity::Warning),
        advice: t.get(Severity::Advice),
    }
}

fn edits_in(session: Option<&Session>) -> usize {
    session.map_or(0, |s| s.editor().done().len())
}

impl App {
    /// `R`: starts the review (asking for its date and who takes part first), or leaves it.
    pub(super) fn review_toggle(&mut self) {
        if self.review.is_some() {
            self.leave_review();
            return;
        }
        let journey = self.board.journey();
        let mut by: HashMap<(&str, &str), Severity> = HashMap::new();
        for f in &self.board.analysis.findings {
            if let (Some(step), Some(element), Some(_)) = (f.step(), f.element(), f.collection()) {
                let worst = by.entry((step, element)).or_insert(f.severity());
                *worst = (*worst).max(f.severity());
            }
        }
        let mut items: Vec<Item> = by
            .into_iter()
            .filter_map(|((step, element), severity)| {
                let ix = journey.step_index(step)?;
                let s = &journey.graph[ix];
                Some(Item {
                    step: step.to_string(),
                    element: element.to_string(),
                    severity,
                    place: (
                        journey.stage_index(&s.stage).unwrap_or(usize::MAX),
                        journey.channel_index(&s.channel).unwrap_or(usize::MAX),
                        journey.position(ix).unwrap_or(usize::MAX),
                    ),
                    answer: None,
                })
            })
            .collect();
        if items.is_empty() {
            self.message = Some("no open question: no collection has a finding".into());
            return;
        }
        items.sort_by(|a, b| (a.place, &a.element).cmp(&(b.place, &b.element)));
        let participants = journey
            .reviews
            .last()
            .map(|r| r.participants.join(", "))
            .unwrap_or_default();
        let date = self.today.to_string();
        self.review = Some(Review {
            date: date.clone(),
            participants: Vec::new(),
            items,
            order: Order::Stage,
            at: 0,
            before: self.board.analysis.tally,
            finished: false,
            dropped: Vec::new(),
            answered: Vec::new(),
            pending: None,
            started: false,
        });
        self.overlays.form = Some(Form::review_start(&date, &participants));
    }

    fn leave_review(&mut self) {
        if let Some(r) = self.review.take() {
            let n = r.answered.len();
            self.message = Some(format!(
                "review left: {n} decision{} written into the map{}",
                if n == 1 { "" } else { "s" },
                if self.edits.is_dirty() {
                    format!(" ({} saves it)", self.keymap.key_for(&Action::Save))
                } else {
                    String::new()
                }
            ));
        }
    }

    /// The start form was applied: the review's date and people.
    pub(super) fn review_started(&mut self, form: &Form) -> Result<String, String> {
        let date = form.value("date").trim().to_string();
        Date::parse(&date)?;
        let participants: Vec<String> = form
            .value("participants")
            .split(',')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        let Some(r) = self.review.as_mut() else {
            return Err("the review has ended".into());
        };
        r.date = date;
        r.participants = participants;
        r.started = true;
        Ok(format!("{} questions, {}", r.items.len(), r.order.label()))
    }

    /// Keys while the review is on screen; `false` for what passes to the rest of the
    /// workbench (saving, quitting, help, the terminal and the file).
    pub(super) fn apply_in_review(&mut self, action: &Action) -> bool {
        let Some(review) = self.review.as_mut() else {
            return false;
        };
        if !review.started {
            // The start form was closed without starting.
            self.review = None;
            return false;
        }
        match action {
            Action::Back | Action::Review => self.leave_review(),
            Action::NextStep => {
                if review.at + 1 >= review.items.len() {
                    review.finished = true;
                } else if review.finished {
                } else {
                    review.at += 1;
                }
            }
            Action::PrevStep => {
                if review.finished {
                    review.finished = false;
                } else {
                    review.at = review.at.saturating_sub(1);
                }
            }
            Action::Home => {
                review.finished = false;
                review.at = 0;
            }
            Action::End => {
                review.finished = false;
                review.at = review.items.len().saturating_sub(1);
            }
            Action::ReviewOrder => {
                review.order = match review.order {
                    Order::Stage => Order::Severity,
                    Order::Severity => Order::Stage,
                };
                review.sort();
                self.message = Some(format!("questions {}", review.order.label()));
            }
            Action::Undo => self.undo_answer(),
            Action::Redo => {
                self.message = Some("in the review, answer the question again to redo it".into());
            }
            Action::Justify => self.answer_open(Outcome::Justified),
            Action::DropCollection => self.answer_open(Outcome::Dropped),
            Action::KeepRepeat => self.answer_open(Outcome::KeptRepeat),
            Action::Defer => self.answer_open(Outcome::Deferred),
            Action::Skip => self.answer_open(Outcome::Skipped),
            Action::Quit
            | Action::Help
            | Action::Save
            | Action::Suspend
            | Action::Resize { .. }
            | Action::Reload(_)
            | Action::Tick
            | Action::Loading(_) => return false,
            _ => {}
        }
        true
    }

    /// The review's question on screen, if it is not finished.
    pub(crate) fn review_item(&self) -> Option<&Item> {
        let r = self.review.as_ref()?;
        if r.finished {
            return None;
        }
        r.items.get(r.at)
    }

    /// An answer's key: its form opens (for "justify", the collection's own form, on the
    /// first field a finding is about).
    fn answer_open(&mut self, outcome: Outcome) {
        let Some(item) = self.review_item().cloned() else {
            return;
        };
        let journey = self.board.journey();
        let Some(subject) = subject(journey, &item) else {
            if outcome == Outcome::Skipped {
                let form = Form::decision(outcome, "Skip this question".into(), None, "");
                self.begin_answer(form);
            } else {
                self.message =
                    Some("this collection is no longer in the map: skip it (s) or undo (u)".into());
            }
            return;
        };
        let name = clean(journey.element_name(&item.element)).into_owned();
        let title = clean(&subject.step.title).into_owned();
        let form = match outcome {
            Outcome::Justified => {
                let mut form = Form::collection(journey, subject.ix, Some(subject.collection));
                let missing: Vec<&str> = self
                    .board
                    .collection_findings(&item.step, subject.collection)
                    .into_iter()
                    .filter_map(missing_field)
                    .collect();
                if let Some(i) = form
                    .fields
                    .iter()
                    .position(|f| missing.first() == Some(&f.key))
                {
                    form.cursor = i;
                }
                form
            }
            Outcome::Dropped => Form::decision(
                outcome,
                format!("Drop \u{201c}{name}\u{201d} from \u{201c}{title}\u{201d}"),
                None,
                "",
            ),
            Outcome::KeptRepeat => Form::decision(
                outcome,
                format!("Keep asking for \u{201c}{name}\u{201d} at \u{201c}{title}\u{201d}"),
                subject.step.collects[subject.collection]
                    .repeat_reason
                    .as_deref(),
                "",
            ),
            Outcome::Deferred => Form::decision(
                outcome,
                format!("Defer \u{201c}{name}\u{201d} at \u{201c}{title}\u{201d}"),
                None,
                &self.today.plus_days(DEFER_DAYS).to_string(),
            ),
            Outcome::Skipped => Form::decision(
                outcome,
                format!("Skip \u{201c}{name}\u{201d} at \u{201c}{title}\u{201d}"),
                None,
                "",
            ),
        };
        self.begin_answer(form);
    }

    fn begin_answer(&mut self, form: Form) {
        let edits = edits_in(self.edits.session.as_ref());
        if let Some(r) = self.review.as_mut() {
            r.pending = Some(edits);
        }
        self.overlays.form = Some(form);
    }

    /// After the collection form "justify" opened was applied: the decision's note is asked
    /// for when no justification finding is left, else the review says what still is.
    pub(super) fn review_justified(&mut self) {
        let Some(item) = self.review_item().cloned() else {
            return;
        };
        if self.review.as_ref().and_then(|r| r.pending).is_none() {
            return;
        }
        let journey = self.board.journey();
        let Some(subject) = subject(journey, &item) else {
            return;
        };
        let left: Vec<String> = self
            .board
            .collection_findings(&item.step, subject.collection)
            .into_iter()
            .filter(|&f| is_justification(f))
            .map(|f| {
                format!(
                    "{} ({})",
                    missing_field(f).unwrap_or(f.rule().name),
                    f.rule().code
                )
            })
            .collect();
        if left.is_empty() {
            let name = clean(journey.element_name(&item.element)).into_owned();
            self.overlays.form = Some(Form::decision(
                Outcome::Justified,
                format!("\u{201c}{name}\u{201d} justified: a note for the minutes?"),
                None,
                "",
            ));
        } else {
            self.message = Some(format!(
                "not yet justified, still missing: {} ({} to try again)",
                left.join(", "),
                self.keymap.key_for(&Action::Justify)
            ));
        }
    }

    /// The decision form was applied: the answer's edits, then the decision itself.
    pub(super) fn review_decided(
        &mut self,
        outcome: Outcome,
        form: &Form,
    ) -> Result<String, String> {
        let Some(item) = self.review_item().cloned() else {
            return Err("no question on screen".into());
        };
        let (date, participants) = match &self.review {
            Some(r) => (r.date.clone(), r.participants.clone()),
            None => return Err("the review has ended".into()),
        };
        let note = form.optional_value("note");
        let mut decision = ReviewDecision {
            step: item.step.clone(),
            element: item.element.clone(),
            outcome,
            note,
            ..ReviewDecision::default()
        };
        let journey = self.board.journey();
        let name = clean(journey.element_name(&item.element)).into_owned();
        let found = subject(journey, &item).map(|s| (s.ix, s.collection, s.step.title.clone()));
        match outcome {
            Outcome::Deferred => {
                decision.owner = form.optional_value("owner");
                decision.due = form.optional_value("due").map(|d| d.trim().to_string());
            }
            Outcome::KeptRepeat => {
                let reason = form
                    .optional_value("repeat_reason")
                    .ok_or("write down why it is asked again here")?;
                let (ix, c, _) = found.clone().ok_or("the collection is no longer there")?;
                let mut col = journey.graph[ix].collects[c].clone();
                col.repeat_reason = Some(reason);
                // The decision is checked first, so a refused one changes nothing.
                self.check_decision(&date, &decision)?;
                self.edit(|s, j| s.update_collection(j, ix, c, col))?;
            }
            Outcome::Dropped => {
                let (ix, c, title) = found.clone().ok_or("the collection is no longer there")?;
                self.check_decision(&date, &decision)?;
                self.edit(|s, j| s.delete_collection(j, ix, c))?;
                if let Some(r) = self.review.as_mut() {
                    r.dropped
                        .push(format!("{name} at \u{201c}{}\u{201d}", clean(&title)));
                }
            }
            Outcome::Justified | Outcome::Skipped => {}
        }
        let counts = self.review.as_ref().map(|r| FindingCounts {
            before: counts(&r.before),
            after: counts(&self.board.analysis.tally),
        });
        self.edit(|s, j| s.add_decision(j, &date, &participants, decision, counts))?;
        self.answered(outcome);
        if outcome == Outcome::Dropped {
            self.offer_catalogue_drop(&item.element);
        }
        Ok(format!("{name}: {}", outcome.label()))
    }

    /// Refuses a decision the session would refuse, before any other edit is made for it.
    fn check_decision(&self, date: &str, decision: &ReviewDecision) -> Result<(), String> {
        Session::check_decision(date, decision).map_err(|e| e.to_string())
    }

    /// Records the answer to the question on screen and moves to the next open one.
    fn answered(&mut self, outcome: Outcome) {
        let now = edits_in(self.edits.session.as_ref());
        let Some(r) = self.review.as_mut() else {
            return;
        };
        let from = r.pending.take().unwrap_or(now);
        let at = r.at;
        if let Some(item) = r.items.get_mut(at) {
            item.answer = Some(outcome);
        }
        r.answered.push(Answered {
            item: at,
            edits: now.saturating_sub(from),
        });
        match r.next_open() {
            Some(next) if next > at => r.at = next,
            _ => r.finished = true,
        }
    }

    /// After a drop: nothing else takes the element, so it may leave the catalogue too.
    fn offer_catalogue_drop(&mut self, element: &str) {
        let journey = self.board.journey();
        let still = journey
            .steps()
            .any(|(_, s)| s.collects.iter().any(|c| c.element == element));
        let Some(e) = journey.element_index(element) else {
            return;
        };
        if still {
            return;
        }
        let name = clean(journey.element_name(element)).into_owned();
        self.overlays.question = Some(
            Question::new(format!(
                "No step takes \u{201c}{name}\u{201d} any more: remove it from the data catalogue?"
            ))
            .answer('y', "remove it from the catalogue", Reply::DropElement(e))
            .answer('n', "keep it in the catalogue", Reply::KeepElement),
        );
    }

    /// The answer to "remove it from the catalogue?": one more edit of the last answer.
    pub(super) fn review_drop_element(&mut self, e: usize) -> Result<(), String> {
        self.edit(|s, j| s.edit_element(j, Some(e), None))?;
        if let Some(r) = self.review.as_mut()
            && let Some(last) = r.answered.last_mut()
        {
            last.edits += 1;
        }
        Ok(())
    }

    /// `u` in the review: the last answer's edits go back together, and its question is
    /// open again; with no answer given, undo as everywhere.
    fn undo_answer(&mut self) {
        let Some(last) = self.review.as_mut().and_then(|r| r.answered.pop()) else {
            self.undo();
            return;
        };
        for _ in 0..last.edits {
            self.undo();
        }
        if let Some(r) = self.review.as_mut() {
            if let Some(item) = r.items.get_mut(last.item) {
                let outcome = item.answer.take();
                if outcome == Some(Outcome::Dropped) {
                    r.dropped.pop();
                }
                self.message = Some(format!(
                    "undid the answer: {}",
                    outcome.map_or("none", Outcome::label)
                ));
            }
            r.at = last.item;
            r.finished = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_by_severity_puts_the_worst_first() {
        let mut r = Review {
            date: String::new(),
            participants: Vec::new(),
            items: vec![
                Item {
                    step: "a".into(),
                    element: "x".into(),
                    severity: Severity::Advice,
                    place: (0, 0, 0),
                    answer: None,
                },
                Item {
                    step: "b".into(),
                    element: "y".into(),
                    severity: Severity::Error,
                    place: (1, 0, 1),
                    answer: None,
                },
            ],
            order: Order::Severity,
            at: 0,
            before: Tally::default(),
            finished: false,
            dropped: Vec::new(),
            answered: Vec::new(),
            pending: None,
            started: true,
        };
        r.sort();
        assert_eq!(r.items[0].step, "b");
        assert_eq!(r.at, 1, "the question on screen stays on screen");
        r.order = Order::Stage;
        r.sort();
        assert_eq!(r.items[0].step, "a");
    }
}
