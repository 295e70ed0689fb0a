//! The `reviews` section: loaded with positions, validated with clear errors, written by the
//! editing session without losing a comment, and a deferred action past its due date is a
//! finding (on a pinned date, so the tests do not age).

use ron::extensions::Extensions;
use touchpoint_engine::analysis::find_rule;
use touchpoint_engine::edit::Session;
use touchpoint_engine::journey::{Counts, Date, Document, FindingCounts, Outcome, ReviewDecision};
use touchpoint_engine::mapfile::load_str;

use crate::editing::MAP;

/// The editing tests' map with a past review (and a comment in it).
fn reviewed() -> String {
    MAP.replace(
        "    flows: [(from: \"sign-up\", to: \"call\")],\n",
        "    flows: [(from: \"sign-up\", to: \"call\")],
    // The March workshop.
    reviews: [
        (
            date: \"2026-03-10\",
            participants: [\"Ana (DPO)\", \"Ben (CX)\"],
            decisions: [
                (step: \"sign-up\", element: \"email\", outcome: Deferred, note: \"ask legal\", owner: \"Ana\", due: \"2026-04-01\"),
            ],
        ),
    ],
",
    )
}

fn day(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

fn parse(text: &str) -> Document {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .from_str(text)
        .unwrap_or_else(|e| panic!("the text parses: {e}\n{text}"))
}

#[test]
fn a_review_loads_with_its_decisions() {
    let text = reviewed();
    assert!(text.contains("reviews:"), "fixture applied");
    let map = load_str("m.ron", text).expect("loads");
    let r = &map.journey.reviews[0];
    assert_eq!(r.date, "2026-03-10");
    assert_eq!(r.participants, ["Ana (DPO)", "Ben (CX)"]);
    assert_eq!(r.decisions[0].outcome, Outcome::Deferred);
    assert_eq!(r.decisions[0].owner.as_deref(), Some("Ana"));
    assert_eq!(map.journey.decisions_about("sign-up", "email").count(), 1);
}

#[test]
fn an_overdue_action_is_a_finding_at_its_due_date() {
    let text = reviewed();
    let map = load_str("m.ron", text.clone()).expect("loads");
    let on_time = map.check_on(day("2026-04-01"));
    assert!(on_time.iter().all(|f| f.rule.code != "TP023"));
    let late = map.check_on(day("2026-04-02"));
    let f = late
        .iter()
        .find(|f| f.rule.code == "TP023")
        .expect("overdue on the day after");
    assert_eq!(f.rule.name, "overdue-action");
    assert_eq!(f.step.as_deref(), Some("sign-up"));
    assert_eq!(f.element.as_deref(), Some("email"));
    assert_eq!(f.collection, Some(0), "shown next to the collection");
    assert!(f.message.contains("due 2026-04-01"), "{}", f.message);
    // Placed at the `due:` of the decision.
    let line = text[..text.find("due: \"2026-04-01\"").expect("in text")]
        .matches('\n')
        .count() as u32
        + 1;
    assert_eq!(f.pos.map(|p| p.line), Some(line));
    assert!(find_rule("TP023").is_some() && find_rule("overdue-action").is_some());
}

#[test]
fn a_later_decision_closes_the_action() {
    let text = reviewed().replace(
        "due: \"2026-04-01\"),\n",
        "due: \"2026-04-01\"),\n                (step: \"sign-up\", element: \"email\", outcome: Justified),\n",
    );
    let map = load_str("m.ron", text).expect("loads");
    assert!(
        map.check_on(day("2027-01-01"))
            .iter()
            .all(|f| f.rule.code != "TP023")
    );
}

#[test]
fn a_dropped_collection_needs_no_reminder() {
    let text = reviewed().replace(
        "(step: \"sign-up\", element: \"email\", outcome: Deferred",
        "(step: \"call\", element: \"email\", outcome: Deferred",
    );
    let map = load_str("m.ron", text).expect("loads");
    assert!(
        map.check_on(day("2027-01-01"))
            .iter()
            .all(|f| f.rule.code != "TP023")
    );
}

fn load_error(text: &str) -> String {
    match load_str("m.ron", text.to_string()) {
        Ok(_) => panic!("expected a load error:\n{text}"),
        Err(e) => e
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {} / {:?}",
                    d.pos.map_or(0, |p| p.line),
                    d.pos.map_or(0, |p| p.col),
                    d.message,
                    d.hint
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[test]
fn review_mistakes_are_clear_errors_at_their_place() {
    let bad_date = load_error(&reviewed().replace("2026-03-10", "10/03/2026"));
    assert!(
        bad_date.contains("review date: `10/03/2026` is not a date written YYYY-MM-DD"),
        "{bad_date}"
    );
    assert!(bad_date.contains("YYYY-MM-DD, e.g."), "{bad_date}");

    let no_owner = load_error(&reviewed().replace(", owner: \"Ana\"", ""));
    assert!(
        no_owner.contains("the deferred action on `email` at `sign-up` has no owner"),
        "{no_owner}"
    );

    let bad_due = load_error(&reviewed().replace("2026-04-01", "2026-04-31"));
    assert!(
        bad_due.contains("due date: `2026-04-31`: that month has no day 31"),
        "{bad_due}"
    );

    let owner_on_justified =
        load_error(&reviewed().replace("outcome: Deferred", "outcome: Justified"));
    assert!(
        owner_on_justified.contains("only a deferred action has an owner and a due date"),
        "{owner_on_justified}"
    );

    let unknown = load_error(&reviewed().replace("outcome: Deferred", "outcome: Postponed"));
    assert!(unknown.contains("Postponed"), "{unknown}");
}

#[test]
fn decisions_are_written_through_the_session_keeping_comments() {
    // No review yet: the section is created.
    let map = load_str("m.ron", MAP.to_string()).expect("loads");
    let mut j = map.journey;
    let mut s = Session::new(MAP.to_string());
    let who = vec!["Ana".to_string()];
    s.add_decision(
        &mut j,
        "2026-11-29",
        &who,
        ReviewDecision {
            step: "sign-up".into(),
            element: "email".into(),
            outcome: Outcome::Justified,
            note: Some("receipts are a contract duty".into()),
            ..ReviewDecision::default()
        },
        None,
    )
    .expect("recorded");
    // The same day: the decision joins that review.
    s.add_decision(
        &mut j,
        "2026-11-29",
        &["Ana".to_string(), "Ben".to_string()],
        ReviewDecision {
            step: "call".into(),
            element: "dob".into(),
            outcome: Outcome::Deferred,
            owner: Some("Ben".into()),
            due: Some("2027-01-15".into()),
            ..ReviewDecision::default()
        },
        Some(FindingCounts {
            before: Counts {
                error: 2,
                warning: 1,
                advice: 0,
            },
            after: Counts {
                error: 1,
                warning: 1,
                advice: 0,
            },
        }),
    )
    .expect("recorded");
    let text = s.text().to_string();
    assert!(
        text.contains("// agreed in March") && text.contains("// The phone line."),
        "{text}"
    );
    assert_eq!(parse(&text), j.to_document(), "{text}");
    let again = load_str("m.ron", text.clone()).expect("the edited map loads");
    assert_eq!(again.journey.reviews.len(), 1, "{text}");
    assert_eq!(again.journey.reviews[0].decisions.len(), 2);
    assert_eq!(again.journey.reviews[0].participants, ["Ana", "Ben"]);
    let counts = again.journey.reviews[0]
        .findings
        .expect("the counts are kept");
    assert_eq!((counts.before.error, counts.after.error), (2, 1));
    // Undo takes back each decision, to the byte.
    s.undo(&mut j);
    s.undo(&mut j);
    assert_eq!(s.text(), MAP);
    assert!(j.reviews.is_empty());

    // A review on another day is a new review, after the one there; the comment stays.
    let text = reviewed();
    let map = load_str("m.ron", text.clone()).expect("loads");
    let mut j = map.journey;
    let mut s = Session::new(text);
    s.add_decision(
        &mut j,
        "2026-05-02",
        &[],
        ReviewDecision {
            step: "sign-up".into(),
            element: "email".into(),
            outcome: Outcome::Dropped,
            ..ReviewDecision::default()
        },
        None,
    )
    .expect("recorded");
    assert!(s.text().contains("// The March workshop."));
    let again = load_str("m.ron", s.text().to_string()).expect("loads");
    assert_eq!(again.journey.reviews.len(), 2);
    assert_eq!(
        again.journey.reviews[1].decisions[0].outcome,
        Outcome::Dropped
    );
}

#[test]
fn the_session_refuses_an_incomplete_decision() {
    let map = load_str("m.ron", MAP.to_string()).expect("loads");
    let mut j = map.journey;
    let mut s = Session::new(MAP.to_string());
    let deferred = ReviewDecision {
        step: "sign-up".into(),
        element: "email".into(),
        outcome: Outcome::Deferred,
        owner: Some("Ana".into()),
        due: Some("soon".into()),
        ..ReviewDecision::default()
    };
    assert!(
        s.add_decision(&mut j, "2026-11-29", &[], deferred, None)
            .is_err()
    );
    assert!(
        s.add_decision(&mut j, "yesterday", &[], ReviewDecision::default(), None)
            .is_err()
    );
    assert_eq!(s.text(), MAP);
}
