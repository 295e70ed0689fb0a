//! Data categories: the fideslang taxonomy as shipped, categories a map declares, and the
//! Art. 9 / Art. 10 class each implies.

use super::fixture::{check, hits};
use touchpoint_engine::mapfile::{Diagnostic, load_str};

/// A one-step map whose catalogue holds one element of `category`, collected with `extra`
/// fields, and the map's own `categories`.
fn text(categories: &str, category: &str, extra: &str) -> String {
    format!(
        r#"(
    meta: (title: "Categories"),
    channels: [(id: "web", name: "Web")],
    stages: [(id: "s", name: "S")],
    categories: [{categories}],
    data: [(id: "x", name: "Allergies", category: "{category}")],
    steps: [(id: "a", title: "Ask", channel: "web", stage: "s", collects: [
        (element: "x", purpose: "Serve safe food", basis: Contract, retention: "1 year",
         benefit: "Nothing they cannot eat"{extra}),
    ])],
)"#
    )
}

fn errors(text: String) -> Vec<Diagnostic> {
    match load_str("categories.ron", text) {
        Ok(_) => panic!("expected a load error"),
        Err(e) => e.diagnostics,
    }
}

fn only(text: String) -> Diagnostic {
    let mut d = errors(text);
    assert_eq!(d.len(), 1, "{d:#?}");
    d.remove(0)
}

#[test]
fn an_unknown_key_is_a_load_error_at_the_key_with_a_did_you_mean() {
    let t = text("", "user.contact.emial", "");
    let d = only(t.clone());
    assert!(
        d.message
            .starts_with("unknown data category `user.contact.emial`"),
        "{}",
        d.message
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("did you mean `user.contact.email`?")
    );
    let line = t
        .lines()
        .position(|l| l.contains("user.contact.emial"))
        .expect("in the text") as u32
        + 1;
    assert_eq!(d.pos.map(|p| p.line), Some(line));
}

#[test]
fn a_key_under_the_old_parent_suggests_the_same_leaf_where_fideslang_has_it() {
    let d = only(text("", "user.health_and_medical.condition", ""));
    assert_eq!(
        d.hint.as_deref(),
        Some("did you mean `user.health.condition`?")
    );
}

#[test]
fn a_house_key_is_not_silently_ordinary_data() {
    // Before: `user.medical.allergies` loaded as ordinary data and escaped the Art. 9 check.
    let d = only(text("", "user.medical.allergies", ""));
    let hint = d.hint.expect("a hint");
    assert!(
        hint.contains(r#"categories: [(key: "user.medical.allergies", parent: "user""#)
            && hint.contains("SpecialCategory"),
        "{hint}"
    );
}

#[test]
fn a_declared_special_category_gets_the_art9_check() {
    let declared =
        r#"(key: "user.medical.allergies", parent: "user", sensitivity: SpecialCategory)"#;
    let f = check(text(declared, "user.medical.allergies", ""));
    assert_eq!(hits(&f, "TP003").len(), 1, "{f:#?}");
    let f = check(text(
        declared,
        "user.medical.allergies",
        ", condition: ExplicitConsent, optional: true",
    ));
    assert!(hits(&f, "TP003").is_empty(), "{f:#?}");
}

#[test]
fn a_declared_ordinary_category_loads_and_is_ordinary() {
    let declared =
        r#"(key: "user.financial.income", parent: "user.financial", sensitivity: Ordinary)"#;
    let f = check(text(declared, "user.financial.income", ""));
    assert!(hits(&f, "TP003").is_empty() && hits(&f, "TP004").is_empty());
}

#[test]
fn a_category_under_a_special_one_cannot_be_declared_ordinary() {
    let d = only(text(
        r#"(key: "user.biometric.face", parent: "user.biometric", sensitivity: Ordinary)"#,
        "user.biometric.face",
        "",
    ));
    assert!(d.message.contains("special category"), "{}", d.message);
    assert_eq!(
        d.hint.as_deref(),
        Some("declare it `sensitivity: SpecialCategory`")
    );
    // The dotted key counts as well as the parent: under `user.health` it is health data.
    let d = only(text(
        r#"(key: "user.health.allergies", parent: "user", sensitivity: Ordinary)"#,
        "user.health.allergies",
        "",
    ));
    assert!(d.message.contains("`user.health`"), "{}", d.message);
}

#[test]
fn declarations_are_checked_against_the_taxonomy_and_each_other() {
    let d = errors(text(
        r#"(key: "user.contact.email", parent: "user.contact", sensitivity: Ordinary),
           (key: "user.x.y", parent: "user.finacial", sensitivity: Ordinary),
           (key: "user.x.y", parent: "user", sensitivity: Ordinary)"#,
        "user.x.y",
        "",
    ));
    let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`user.contact.email` is already in the fideslang taxonomy",
            "unknown parent category `user.finacial` for `user.x.y`",
            "duplicate category `user.x.y`",
        ]
    );
    assert_eq!(d[1].hint.as_deref(), Some("did you mean `user.financial`?"));
}

#[test]
fn the_example_maps_use_known_or_declared_categories_only() {
    for map in [
        "broadband-fault",
        "bank-account-opening",
        "online-shopping-returns",
    ] {
        let path = format!("{}/../../maps/{map}.ron", env!("CARGO_MANIFEST_DIR"));
        let loaded = touchpoint_engine::mapfile::load(std::path::Path::new(&path))
            .unwrap_or_else(|e| panic!("{map} loads: {e}"));
        assert!(!loaded.journey.elements.is_empty());
    }
}

/// A map whose element "Call recording" may contain special-category data.
fn recording(extra: &str) -> String {
    format!(
        r#"(
    meta: (title: "Recordings"),
    channels: [(id: "ivr", name: "Phone")],
    stages: [(id: "s", name: "S")],
    data: [(id: "rec", name: "Call recording", category: "user.content.private",
            may_contain: [SpecialCategory])],
    steps: [(id: "a", title: "Call us", channel: "ivr", stage: "s", collects: [
        (element: "rec", purpose: "Settle disputes about what was agreed", basis: LegitimateInterests,
         method: Observed, retention: "90 days", benefit: "A record if they disagree"{extra}),
    ])],
)"#
    )
}

#[test]
fn content_that_may_be_sensitive_gets_the_art9_check_where_it_is_collected() {
    let f = check(recording(""));
    let found: Vec<_> = f.iter().filter(|f| f.rule.code == "TP003").collect();
    assert_eq!(found.len(), 1, "{f:#?}");
    assert!(
        found[0]
            .message
            .contains("may contain special-category data"),
        "{}",
        found[0].message
    );
    // The element itself is not health data: no other rule treats it as such.
    let map = load_str("r.ron", recording("")).expect("loads");
    let e = map.journey.element("rec").expect("element");
    assert_eq!(
        map.journey.sensitivity(e),
        touchpoint_engine::journey::Sensitivity::Ordinary
    );
}

#[test]
fn content_that_may_be_sensitive_is_quiet_with_a_condition() {
    let f = check(recording(", condition: LegalClaims"));
    assert!(hits(&f, "TP003").is_empty(), "{f:#?}");
}

#[test]
fn may_contain_ordinary_says_nothing_and_is_refused() {
    let d = only(recording("").replace("[SpecialCategory]", "[Ordinary]"));
    assert!(d.message.contains("says nothing"), "{}", d.message);
}
