//! Review actions: a collection the review deferred, with an owner and a due date, that is
//! still open after that date. A decision kept in the map is only worth something if the
//! actions it sets are done; this rule keeps them in sight of `check` and CI.

use super::finding::Place;
use super::found::Found;
use super::justification::quoted;
use super::message::message;
use super::note::Draft;
use super::rule::{Concern, Rule, Severity};
use crate::journey::{Date, Journey, Outcome};
use crate::source::Key;

pub(super) static OVERDUE_ACTION: Rule = Rule {
    code: "TP023",
    name: "overdue-action",
    severity: Severity::Warning,
    concern: Concern::Map,
    summary: "A review deferred a decision on a collection to a date that has passed.",
    why: "GDPR Art. 5(2) makes the controller answerable for the principles, not only for \
          knowing about the gaps: a review that records \"we will look into it\" and never does \
          is evidence against you. An open action past its date is the point to act or to \
          decide again.",
    fix: "Do the action (justify or drop the collection) and record the outcome in a new \
          review decision, or defer it again with a new due date and the reason.",
    example: "reviews: [(date: \"2026-01-15\", decisions: [(step: \"kyc\", element: \"dob\", \
              outcome: Deferred, owner: \"Ana\", due: \"2026-02-01\")])]",
    good: "reviews: [..., (date: \"2026-02-03\", decisions: [(step: \"kyc\", element: \"dob\", \
           outcome: Justified, note: \"age check required by law\")])]",
};

/// Each collection's latest decision is the one that stands; when it is a deferred action
/// due before `today` and the collection is still taken at that step, it is overdue. A
/// collection dropped by hand since needs no reminder.
pub(super) fn check(journey: &Journey, today: Date, out: &mut Found) {
    // Latest decision per collection: later reviews, and later entries within one, win.
    let mut latest: std::collections::HashMap<(&str, &str), (usize, usize)> =
        std::collections::HashMap::new();
    for (i, review) in journey.reviews.iter().enumerate() {
        for (j, d) in review.decisions.iter().enumerate() {
            latest.insert((d.step.as_str(), d.element.as_str()), (i, j));
        }
    }
    let mut open: Vec<(usize, usize)> = latest.into_values().collect();
    open.sort_unstable();
    for (i, j) in open {
        let d = &journey.reviews[i].decisions[j];
        if d.outcome != Outcome::Deferred {
            continue;
        }
        let Some(due) = d.due.as_deref().and_then(|t| Date::parse(t).ok()) else {
            continue;
        };
        if due >= today {
            continue;
        }
        let Some(ix) = journey.step_index(&d.step) else {
            continue;
        };
        let step = &journey.graph[ix];
        if !step.collects.iter().any(|c| c.element == d.element) {
            continue;
        }
        let owner = d.owner.as_deref().unwrap_or("nobody");
        let mut f = Draft::new(
            &OVERDUE_ACTION,
            message!(
                "the review of {} deferred {} at {} to {owner}, due {due}: still open on {today}",
                journey.reviews[i].date,
                quoted(journey.element_name(&d.element)),
                quoted(&step.title),
            ),
        )
        .help(message!(
            "Justify or drop {} at {} and record the outcome in a review (`touchpoint review`), \
             or defer it again with a new due date.",
            quoted(journey.element_name(&d.element)),
            quoted(&step.title),
        ));
        f.step = Some(&d.step);
        f.element = Some(&d.element);
        f.collection = step.collects.iter().position(|c| c.element == d.element);
        f.place = Place::path([
            Key::Field("reviews"),
            Key::Index(i),
            Key::Field("decisions"),
            Key::Index(j),
            Key::Field("due"),
        ]);
        out.push(f);
    }
}
