//! Tests of the review walk, driven by keys through the keymap as a person types them:
//! starting it, the two orders, each answer with its note, undo of a whole answer, the end
//! summary, and the decisions saved in the map's `reviews` section.

use super::editing_tests::{on_file, press, text};
use super::*;
use touchpoint_engine::journey::Outcome;
use touchpoint_engine::mapfile::load_str;

fn day(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

/// A review started on the workshop map on 2026-11-29, with two people.
fn reviewing(dir: &std::path::Path) -> (App, std::path::PathBuf) {
    let (mut app, path) = on_file(dir);
    app.set_today(day("2026-11-29"));
    press(&mut app, "R");
    assert_eq!(app.context(), Context::Form, "the start form opens first");
    press(&mut app, "<Down><Enter>Ana (DPO), Ben<Enter><C-s>");
    assert_eq!(app.context(), Context::Review);
    (app, path)
}

/// Presses `n` until the question about `element` at `step` is on screen.
fn go_to(app: &mut App, step: &str, element: &str) {
    press(app, "g");
    for _ in 0..50 {
        if let Some(item) = app.review_item()
            && item.step == step
            && item.element == element
        {
            return;
        }
        press(app, "n");
    }
    panic!("no question about {element} at {step}");
}

/// Moves the open form's cursor to field `key` with the arrow keys.
fn to_field(app: &mut App, key: &str) {
    let form = app.overlays.form.as_ref().expect("a form");
    let target = form
        .fields
        .iter()
        .position(|f| f.key == key)
        .expect("the field");
    let keys = if target >= form.cursor {
        "<Down>".repeat(target - form.cursor)
    } else {
        "<Up>".repeat(form.cursor - target)
    };
    press(app, &keys);
}

fn review(app: &App) -> &review::Review {
    app.review.as_ref().expect("a review under way")
}

#[test]
fn the_walk_starts_with_its_date_and_people_and_switches_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, _) = reviewing(dir.path());
    let r = review(&app);
    assert_eq!(r.date, "2026-11-29");
    assert_eq!(r.participants, ["Ana (DPO)", "Ben"]);
    assert!(r.progress().starts_with(&format!("1 of {}", r.items.len())));
    // Along the journey: the first question is in the first stage with one.
    let first_stage = |app: &App| {
        let item = app.review_item().expect("a question");
        let j = app.board.journey();
        j.stage_index(&j.step(&item.step).expect("step").stage)
    };
    let stages: Vec<_> = (0..review(&app).items.len())
        .map(|_| {
            let s = first_stage(&app);
            press(&mut app, "n");
            s
        })
        .collect();
    assert!(stages.windows(2).all(|w| w[0] <= w[1]), "{stages:?}");
    assert!(review(&app).finished, "past the last question: the summary");
    press(&mut app, "p");
    assert!(!review(&app).finished);
    press(&mut app, "t");
    assert_eq!(review(&app).order, review::Order::Severity);
    press(&mut app, "g");
    let severities: Vec<_> = review(&app).items.iter().map(|i| i.severity).collect();
    assert!(
        severities.windows(2).all(|w| w[0] >= w[1]),
        "{severities:?}"
    );
    press(&mut app, "<Esc>");
    assert!(app.review.is_none());
    assert_ne!(app.context(), Context::Review);
}

#[test]
fn justify_opens_on_the_missing_field_and_records_when_the_finding_is_gone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, _) = reviewing(dir.path());
    go_to(&mut app, "web-order", "dob");
    press(&mut app, "J");
    let form = app.overlays.form.as_ref().expect("the collection's form");
    assert_eq!(
        form.field().map(|f| f.key),
        Some("purpose"),
        "opens on the first missing field"
    );
    press(
        &mut app,
        "<Enter><C-u>Check the customer is an adult<Enter><C-s>",
    );
    // Retention is still missing: the review says so and records nothing yet.
    let said = app.message.clone().unwrap_or_default();
    assert!(said.contains("still missing: retention"), "{said}");
    assert_eq!(
        app.review_item().map(|i| i.answer),
        Some(None),
        "not answered yet"
    );
    press(&mut app, "J");
    to_field(&mut app, "retention");
    press(&mut app, "<Enter>6 years<Enter>");
    to_field(&mut app, "benefit");
    press(&mut app, "<Enter>A phone plan they can afford<Enter><C-s>");
    // The finding is gone: a note, and the decision is written.
    assert_eq!(app.context(), Context::TextField, "the note's field");
    press(&mut app, "agreed with legal<Enter>");
    assert_eq!(review(&app).count(Outcome::Justified), 1);
    let t = text(&app);
    assert!(t.contains("reviews: ["), "{t}");
    assert!(t.contains("outcome: Justified"), "{t}");
    assert!(t.contains("note: \"agreed with legal\""), "{t}");
    assert!(
        t.contains("participants: [\"Ana (DPO)\", \"Ben\"]") || t.contains("\"Ana (DPO)\","),
        "{t}"
    );
    let j = app.board.journey();
    assert!(
        app.board
            .analysis
            .findings
            .iter()
            .all(|f| !(f.step() == Some("web-order")
                && f.element() == Some("dob")
                && f.rule().code == "TP001")),
        "the finding is gone"
    );
    assert_eq!(j.reviews[0].date, "2026-11-29");
}

#[test]
fn drop_removes_the_collection_and_offers_the_catalogue_entry_and_undo_takes_it_all_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, _) = reviewing(dir.path());
    let before = text(&app).to_string();
    go_to(&mut app, "phone-order", "disability");
    press(&mut app, "d");
    press(&mut app, "not needed on the phone<Enter>");
    // Nothing else takes it: asked whether it leaves the catalogue.
    assert_eq!(app.context(), Context::Question);
    press(&mut app, "y");
    let j = app.board.journey();
    assert!(
        j.element_index("disability").is_none(),
        "left the catalogue"
    );
    assert!(
        j.step("phone-order")
            .expect("step")
            .collects
            .iter()
            .all(|c| c.element != "disability")
    );
    assert_eq!(review(&app).count(Outcome::Dropped), 1);
    assert_eq!(review(&app).dropped.len(), 1);
    // One undo takes the whole answer back: the decision, the catalogue entry, the drop.
    press(&mut app, "u");
    let j = app.board.journey();
    assert!(j.element_index("disability").is_some());
    assert!(j.reviews.is_empty());
    assert_eq!(review(&app).count(Outcome::Dropped), 0);
    assert!(review(&app).dropped.is_empty());
    assert_eq!(
        app.review_item().map(|i| i.element.as_str()),
        Some("disability"),
        "back on its question"
    );
    if !before.is_empty() {
        assert_eq!(text(&app), before);
    }
}

#[test]
fn defer_needs_an_owner_and_a_date_keep_records_the_reason_skip_a_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, _) = reviewing(dir.path());
    go_to(&mut app, "orphan", "email");
    press(&mut app, "w");
    // No owner: refused, and the form stays.
    press(&mut app, "<C-s>");
    let form = app.overlays.form.as_ref().expect("the form stays");
    assert!(
        form.error.as_deref().unwrap_or_default().contains("owner"),
        "{:?}",
        form.error
    );
    to_field(&mut app, "owner");
    press(&mut app, "<Enter>Ben<Enter><C-s>");
    let j = app.board.journey();
    let d = &j.reviews[0].decisions[0];
    assert_eq!(d.outcome, Outcome::Deferred);
    assert_eq!(d.owner.as_deref(), Some("Ben"));
    assert_eq!(d.due.as_deref(), Some("2026-12-13"), "two weeks by default");

    go_to(&mut app, "shop-id", "address");
    press(&mut app, "r");
    to_field(&mut app, "repeat_reason");
    press(
        &mut app,
        "<Enter>Identity must be seen in person<Enter><C-s>",
    );
    let j = app.board.journey();
    let c = j
        .step("shop-id")
        .expect("step")
        .collects
        .iter()
        .find(|c| c.element == "address")
        .expect("kept");
    assert_eq!(
        c.repeat_reason.as_deref(),
        Some("Identity must be seen in person")
    );

    go_to(&mut app, "web-login", "email");
    press(&mut app, "s");
    press(&mut app, "next time<Enter>");
    let r = review(&app);
    assert_eq!(r.count(Outcome::Deferred), 1);
    assert_eq!(r.count(Outcome::KeptRepeat), 1);
    assert_eq!(r.count(Outcome::Skipped), 1);
    assert!(r.progress().contains("1 deferred"), "{}", r.progress());
    assert_eq!(
        app.board.journey().reviews[0].decisions.len(),
        3,
        "one review, that day"
    );
}

#[test]
fn the_summary_counts_before_and_after_and_the_decisions_are_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, path) = reviewing(dir.path());
    go_to(&mut app, "shop-id", "phone_number");
    press(&mut app, "d<Enter>");
    let total = review(&app).items.len();
    for _ in 0..total {
        press(&mut app, "n");
    }
    assert!(review(&app).finished);
    let before = review(&app).before.total();
    assert!(
        app.board.analysis.tally.total() < before,
        "a drop resolves findings"
    );
    press(&mut app, "<C-s>");
    let saved = std::fs::read_to_string(&path).expect("saved");
    assert!(saved.contains("outcome: Dropped"), "{saved}");
    assert!(
        saved.contains("// A small phone-upgrade journey"),
        "comments kept"
    );
    let map = load_str("workshop.ron", saved).expect("the saved map loads");
    assert_eq!(map.journey.reviews[0].participants, ["Ana (DPO)", "Ben"]);
}
