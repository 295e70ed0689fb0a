//! Automated decisions with legal or similar effect (TP020, GDPR Art. 22).

use super::fixture::{hits, map};

fn decider(decision: &str) -> Vec<touchpoint_engine::analysis::Finding> {
    map(
        &format!(
            r#"(id: "score", title: "Credit checks", channel: "web", stage: "s1", actor: System,
                decision: {decision}),"#
        ),
        "",
    )
}

#[test]
fn tp020_fires_without_a_basis_or_a_way_to_a_person() {
    let f = decider(r#"(effect: "Whether to open the account")"#);
    let found: Vec<_> = f.iter().filter(|f| f.rule.code == "TP020").collect();
    assert_eq!(found.len(), 1, "one finding names both gaps");
    assert!(
        found[0].message.contains("Art. 22(2)") && found[0].message.contains("Art. 22(3)"),
        "{}",
        found[0].message
    );
    let f = decider(r#"(effect: "Whether to open the account", basis: Contract)"#);
    let found = f.iter().find(|f| f.rule.code == "TP020").expect("fires");
    assert!(
        !found.message.contains("Art. 22(2)") && found.message.contains("Art. 22(3)"),
        "{}",
        found.message
    );
    let f = decider(
        r#"(effect: "Whether to open the account", human_review: "tbd", basis: ExplicitConsent)"#,
    );
    assert_eq!(
        hits(&f, "TP020").len(),
        1,
        "a placeholder is no way to a person"
    );
}

#[test]
fn tp020_quiet_with_a_basis_and_human_review() {
    let f = decider(
        r#"(effect: "Whether to open the account", basis: Contract,
            human_review: "The decision letter gives a number to ask for a colleague's review")"#,
    );
    assert!(hits(&f, "TP020").is_empty());
    // A step with no decision is not an automated decision.
    let f = map(r#"(id: "a", title: "A", channel: "web", stage: "s1"),"#, "");
    assert!(hits(&f, "TP020").is_empty());
}
