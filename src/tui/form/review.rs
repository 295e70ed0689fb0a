//! The review's forms: who takes part on which day, and one decision with its note (and, for
//! a deferred action, its owner and due date).

use super::*;

impl Form {
    /// The form that starts a review: its date and who takes part.
    pub(crate) fn review_start(date: &str, participants: &str) -> Form {
        Form::new(
            "Start the review".into(),
            Target::ReviewStart,
            vec![
                text("date", "date", Some(date), "the meeting's date, YYYY-MM-DD"),
                text(
                    "participants",
                    "who takes part",
                    Some(participants),
                    "names, separated by commas (kept in the map with the decisions)",
                ),
            ],
        )
    }

    /// The form of an answer in the review: a note, and what the answer needs.
    pub(crate) fn decision(
        outcome: Outcome,
        title: String,
        repeat_reason: Option<&str>,
        due: &str,
    ) -> Form {
        let mut fields = Vec::new();
        match outcome {
            Outcome::KeptRepeat => fields.push(text(
                "repeat_reason",
                "why again",
                repeat_reason,
                "why asking again here is deliberate (written into the collection)",
            )),
            Outcome::Deferred => {
                fields.push(text("owner", "owner", None, "who will do it"));
                fields.push(text("due", "due", Some(due), "by when, YYYY-MM-DD"));
            }
            Outcome::Justified | Outcome::Dropped | Outcome::Skipped => {}
        }
        fields.push(text(
            "note",
            "note",
            None,
            "a short note for the minutes (may stay empty)",
        ));
        Form::new(title, Target::Decision(outcome), fields)
    }
}
