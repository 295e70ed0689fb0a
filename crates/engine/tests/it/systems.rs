//! Systems and other organisations: transfers out of the EEA (TP016), security measures
//! (TP017), retention stated per system (TP005), and `allow` on a system.

use super::fixture::{check, hits};
use touchpoint_engine::analysis::Finding;

/// A map whose one step stores an email in `crm`, declared as `system`, with `extra`
/// top-level sections and collection fields.
fn with_system(system: &str, col_extra: &str, extra: &str) -> Vec<Finding> {
    check(format!(
        r#"(
    meta: (title: "Systems"),
    channels: [(id: "web", name: "Web")],
    stages: [(id: "s", name: "S")],
    systems: [{system}, (id: "unused", name: "Unused", third_country: "India")],
    data: [(id: "email", name: "Email", category: "user.contact.email")],
    steps: [(id: "a", title: "Sign up", channel: "web", stage: "s", collects: [
        (element: "email", purpose: "Send the receipt", basis: Contract, benefit: "A receipt",
         stored_in: ["crm"]{col_extra}),
    ])],
    {extra}
)"#
    ))
}

fn systems_hit(f: &[Finding], code: &str) -> Vec<String> {
    f.iter()
        .filter(|f| f.rule.code == code)
        .map(|f| f.system.clone().or(f.party.clone()).unwrap_or_default())
        .collect()
}

const SAFE: &str = r#"security: "Encrypted at rest", retention: "1 year""#;

#[test]
fn tp016_fires_on_a_system_in_a_third_country_with_no_safeguards() {
    let f = with_system(
        &format!(
            r#"(id: "crm", name: "CRM", processor: "Cloud Inc.", third_country: "United States", {SAFE})"#
        ),
        "",
        "",
    );
    assert_eq!(systems_hit(&f, "TP016"), ["crm"], "not the unused system");
    let found = f.iter().find(|f| f.rule.code == "TP016").expect("fires");
    assert!(found.message.contains("United States") && found.message.contains("Cloud Inc."));
    assert!(found.pos.is_some());
}

#[test]
fn tp016_quiet_with_safeguards_or_in_the_eea() {
    let f = with_system(
        &format!(
            r#"(id: "crm", name: "CRM", third_country: "United States", safeguards: "Standard contractual clauses", {SAFE})"#
        ),
        "",
        "",
    );
    assert!(hits(&f, "TP016").is_empty());
    let f = with_system(&format!(r#"(id: "crm", name: "CRM", {SAFE})"#), "", "");
    assert!(hits(&f, "TP016").is_empty());
}

#[test]
fn tp016_fires_on_a_recipient_in_a_third_country_with_no_safeguards() {
    let party = r#"parties: [(id: "group", name: "Parent Inc.", kind: GroupCompany, third_country: "United States")],"#;
    let f = with_system(
        &format!(r#"(id: "crm", name: "CRM", {SAFE})"#),
        r#", shared_with: ["group"]"#,
        party,
    );
    assert_eq!(systems_hit(&f, "TP016"), ["group"]);
    let safe = party.replace(
        r#"third_country: "United States")"#,
        r#"third_country: "United States", safeguards: "Binding corporate rules")"#,
    );
    let f = with_system(
        &format!(r#"(id: "crm", name: "CRM", {SAFE})"#),
        r#", shared_with: ["group"]"#,
        &safe,
    );
    assert!(hits(&f, "TP016").is_empty());
}

#[test]
fn tp017_fires_on_a_system_holding_data_with_no_security_measures() {
    let f = with_system(r#"(id: "crm", name: "CRM", retention: "1 year")"#, "", "");
    assert_eq!(systems_hit(&f, "TP017"), ["crm"], "not the unused system");
}

#[test]
fn tp017_quiet_with_security_measures() {
    let f = with_system(&format!(r#"(id: "crm", name: "CRM", {SAFE})"#), "", "");
    assert!(hits(&f, "TP017").is_empty());
}

#[test]
fn an_allow_on_a_system_suppresses_its_findings_and_is_reported_when_stale() {
    let f = with_system(
        r#"(id: "crm", name: "CRM", retention: "1 year", allow: [(rule: "missing-security-measures", reason: "Measures in the vendor contract, schedule 3")])"#,
        "",
        "",
    );
    assert!(hits(&f, "TP017").is_empty() && hits(&f, "TP013").is_empty());
    let f = with_system(
        &format!(
            r#"(id: "crm", name: "CRM", {SAFE}, allow: [(rule: "TP017", reason: "Vendor contract")])"#
        ),
        "",
        "",
    );
    let stale = f
        .iter()
        .find(|f| f.rule.code == "TP013")
        .expect("stale allow");
    assert!(
        stale.message.contains("on the system \"CRM\""),
        "{}",
        stale.message
    );
}

#[test]
fn tp005_reads_retention_stated_for_the_system() {
    // No retention on the collection or the system: missing.
    let f = with_system(r#"(id: "crm", name: "CRM", security: "x")"#, "", "");
    let found = f.iter().find(|f| f.rule.code == "TP005").expect("fires");
    assert!(
        found.message.contains("stated, here or for CRM ("),
        "{}",
        found.message
    );
    // The system's retention covers it; the collection's own overrides it.
    let f = with_system(&format!(r#"(id: "crm", name: "CRM", {SAFE})"#), "", "");
    assert!(hits(&f, "TP005").is_empty());
}

#[test]
fn tp022_fires_on_third_party_data_with_no_source() {
    let safe = format!(r#"(id: "crm", name: "CRM", {SAFE})"#);
    let f = with_system(&safe, ", method: ThirdParty", "");
    let found: Vec<_> = f.iter().filter(|f| f.rule.code == "TP022").collect();
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("Art. 14(2)(f)"));
}

#[test]
fn tp022_quiet_with_a_named_source() {
    let safe = format!(r#"(id: "crm", name: "CRM", {SAFE})"#);
    let f = with_system(
        &safe,
        r#", method: ThirdParty, source: "cra""#,
        r#"parties: [(id: "cra", name: "Credit agency")],"#,
    );
    assert!(hits(&f, "TP022").is_empty(), "{f:#?}");
}
