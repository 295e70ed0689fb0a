//! Consent quality (TP018) and consent that cannot be freely given (TP019).

use super::fixture::{at, hits, one};

fn marketing(extra: &str) -> String {
    format!(
        r#"(element: "email", purpose: "Send offers", basis: Consent, retention: "Until they unsubscribe",
            benefit: "Hears about sales first", stored_in: ["crm"]{extra})"#
    )
}

#[test]
fn tp018_fires_on_pre_ticked_or_implied_consent() {
    for how in ["PreTickedBox", "Implied"] {
        let f = one(marketing(&format!(", optional: true, consent: {how}")));
        assert_eq!(hits(&f, "TP018"), vec![at("a", "email")], "{how}");
        let found = f.iter().find(|f| f.rule.code == "TP018").expect("fires");
        assert!(found.message.contains("Planet49"), "{}", found.message);
    }
}

#[test]
fn tp018_fires_on_explicit_consent_for_art9_data_obtained_by_a_pre_ticked_box() {
    let c = r#"(element: "health", purpose: "Adapt the service", basis: Contract,
        condition: ExplicitConsent, consent: PreTickedBox, optional: true, retention: "1y",
        benefit: "b", stored_in: ["crm"])"#;
    assert_eq!(hits(&one(c.into()), "TP018"), vec![at("a", "health")]);
}

#[test]
fn tp018_quiet_on_an_affirmative_act_or_when_consent_is_not_the_basis() {
    for how in [
        "UntickedBox",
        "OptInButton",
        "SpokenAndRecorded",
        "SignedForm",
    ] {
        let f = one(marketing(&format!(", optional: true, consent: {how}")));
        assert!(hits(&f, "TP018").is_empty(), "{how}");
    }
    let li = r#"(element: "email", purpose: "Send offers", basis: LegitimateInterests,
        consent: PreTickedBox, optional: true, retention: "1y", benefit: "b", stored_in: ["crm"])"#;
    assert!(hits(&one(li.into()), "TP018").is_empty());
}

#[test]
fn tp019_fires_on_consent_for_what_the_customer_cannot_skip() {
    let f = one(marketing(", consent: UntickedBox"));
    assert_eq!(hits(&f, "TP019"), vec![at("a", "email")]);
    let found = f.iter().find(|f| f.rule.code == "TP019").expect("fires");
    assert!(found.message.contains("Art. 7(4)"), "{}", found.message);
}

#[test]
fn tp019_quiet_when_optional_or_on_another_basis() {
    assert!(hits(&one(marketing(", optional: true")), "TP019").is_empty());
    let contract = r#"(element: "email", purpose: "Send the receipt", basis: Contract,
        retention: "1y", benefit: "b", stored_in: ["crm"])"#;
    assert!(hits(&one(contract.into()), "TP019").is_empty());
}
