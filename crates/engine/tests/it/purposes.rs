//! "The same purpose" is one definition: TP009, TP010 and the repeats agree on it.

use super::fixture::{at, hits, map, one, step};

const OFFERS_CONSENT: &str = r#"(element: "email", purpose: "Send offers", basis: Consent,
    optional: true, retention: "1y", benefit: "b", repeat_reason: "separate sign-up")"#;

#[test]
fn tp010_compares_the_same_stated_purpose_whether_or_not_a_data_use_is_given() {
    let with_use = r#"(element: "email", purpose: "Send offers.", data_use: "marketing.advertising",
        basis: LegitimateInterests, retention: "1y", benefit: "b", repeat_reason: "separate sign-up")"#;
    let steps = [
        step("a", "web", &[OFFERS_CONSENT.into()]),
        step("b", "phone", &[with_use.into()]),
    ]
    .join("\n");
    let f = map(&steps, "");
    assert_eq!(hits(&f, "TP010").len(), 1, "{f:#?}");
}

#[test]
fn tp010_quiet_when_the_stated_purposes_differ_though_the_data_use_is_shared() {
    let receipt = r#"(element: "email", purpose: "Send the receipt", data_use: "marketing.advertising",
        basis: Contract, retention: "1y", benefit: "b", repeat_reason: "separate sign-up")"#;
    let steps = [
        step("a", "web", &[OFFERS_CONSENT.into()]),
        step("b", "phone", &[receipt.into()]),
    ]
    .join("\n");
    assert!(hits(&map(&steps, ""), "TP010").is_empty());
}

#[test]
fn tp009_sees_the_same_purpose_with_and_without_a_data_use() {
    let a = r#"(element: "email", purpose: "Send the receipt", data_use: "essential.service",
        basis: Contract, retention: "1y", benefit: "b")"#;
    let b = r#"(element: "email", purpose: "send the receipt", basis: Contract, retention: "1y", benefit: "b")"#;
    assert_eq!(
        hits(&one(format!("{a}, {b}")), "TP009"),
        vec![at("a", "email")]
    );
    let c = r#"(element: "email", purpose: "Send offers", basis: Consent, optional: true, retention: "1y", benefit: "b")"#;
    assert!(hits(&one(format!("{a}, {c}")), "TP009").is_empty());
}
