//! The same element kept for the same purpose for different periods (TP021).

use super::fixture::{at, hits, map, step};

fn phone(retention: &str) -> String {
    format!(
        r#"(element: "email", purpose: "Text updates about the fault", basis: Contract,
            retention: "{retention}", benefit: "b", stored_in: ["crm"], repeat_reason: "new fault")"#
    )
}

#[test]
fn tp021_fires_on_the_odd_period_out() {
    let steps = [
        step("a", "web", &[phone("7 days after the fault is closed")]),
        step("b", "app", &[phone("Life of the contract plus 6 years")]),
        step("c", "phone", &[phone("7 days after the fault is closed.")]),
    ]
    .join("\n");
    let f = map(&steps, "");
    assert_eq!(hits(&f, "TP021"), vec![at("b", "email")]);
    let found = f.iter().find(|f| f.rule.code == "TP021").expect("fires");
    assert!(
        found.message.contains("Life of the contract plus 6 years")
            && found.message.contains("7 days after the fault is closed"),
        "{}",
        found.message
    );
    assert_eq!(found.related, vec!["a".to_string()]);
}

#[test]
fn tp021_compares_retention_stated_for_systems() {
    // `crm` keeps it a year (see `extra`); the collection at b says 6 years for the same purpose.
    let on_system = r#"(element: "email", purpose: "Text updates about the fault", basis: Contract,
        benefit: "b", stored_in: ["billing"], repeat_reason: "new fault")"#;
    let steps = [
        step("a", "web", &[phone("6 years")]),
        step("b", "app", &[on_system.into()]),
    ]
    .join("\n");
    let f = super::fixture::check(super::fixture::text(&steps, "").replace(
        r#"(id: "billing", name: "Billing")"#,
        r#"(id: "billing", name: "Billing", retention: "1 year")"#,
    ));
    assert_eq!(hits(&f, "TP021").len(), 1, "{f:#?}");
}

#[test]
fn tp021_quiet_for_one_period_or_different_purposes() {
    let steps = [
        step("a", "web", &[phone("7 days")]),
        step("b", "app", &[phone("7 Days.")]),
    ]
    .join("\n");
    assert!(hits(&map(&steps, ""), "TP021").is_empty());
    let other = r#"(element: "email", purpose: "Send the bill", basis: Contract,
        retention: "6 years", benefit: "b", stored_in: ["crm"], repeat_reason: "x")"#;
    let steps = [
        step("a", "web", &[phone("7 days")]),
        step("b", "app", &[other.into()]),
    ]
    .join("\n");
    assert!(hits(&map(&steps, ""), "TP021").is_empty());
}
