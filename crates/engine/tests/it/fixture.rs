//! Fixture maps for the rule tests: a small base map with steps and flows spliced in.

use touchpoint_engine::analysis::Finding;
use touchpoint_engine::mapfile::load_str;

/// A map with three channels (web and app read the CRM, phone reads nothing), two stages,
/// and a catalogue; `steps` and `flows` are spliced in.
pub(crate) fn map(steps: &str, flows: &str) -> Vec<Finding> {
    map_with("", steps, flows)
}

/// The base map with `extra` top-level sections (e.g. `cases: [...],`) added after `flows`.
pub(crate) fn map_with(extra: &str, steps: &str, flows: &str) -> Vec<Finding> {
    check(text_with(extra, steps, flows))
}

/// The base map's text with `steps` and `flows` spliced in.
pub(crate) fn text(steps: &str, flows: &str) -> String {
    text_with("", steps, flows)
}

/// The fixture's data catalogue: an ordinary, a special-category, a criminal-offence and an
/// authentication element.
pub(crate) const CATALOGUE: &str = r#"
        (id: "email", name: "Email address", category: "user.contact.email"),
        (id: "health", name: "Health note", category: "user.health.condition"),
        (id: "conviction", name: "Convictions", category: "user.criminal_history"),
        (id: "pin", name: "PIN", category: "user.authorization.credentials"),"#;

/// [`map`] with its own data catalogue (the entries of `data: [...]`).
pub(crate) fn map_with_data(data: &str, steps: &str, flows: &str) -> Vec<Finding> {
    check(text_full(data, "", steps, flows))
}

/// The base map's text with `extra` top-level sections, `steps` and `flows` spliced in.
pub(crate) fn text_with(extra: &str, steps: &str, flows: &str) -> String {
    text_full(CATALOGUE, extra, steps, flows)
}

/// The base map's text with its catalogue, `extra` sections, `steps` and `flows` spliced in.
fn text_full(data: &str, extra: &str, steps: &str, flows: &str) -> String {
    format!(
        r#"(
    meta: (title: "Fixture"),
    channels: [
        (id: "web", name: "Web", reads: ["crm"]),
        (id: "app", name: "App", reads: ["crm"]),
        (id: "phone", name: "Phone"),
    ],
    stages: [(id: "s1", name: "One"), (id: "s2", name: "Two")],
    systems: [(id: "crm", name: "CRM"), (id: "billing", name: "Billing")],
    data: [{data}
    ],
    steps: [
{steps}
    ],
    flows: [
{flows}
    ],
{extra}
)"#
    )
}

/// The findings of a whole map given as text, which must load.
pub(crate) fn check(text: String) -> Vec<Finding> {
    let map = load_str("fixture.ron", text).unwrap_or_else(|e| panic!("fixture loads: {e}"));
    map.check()
}

/// A fully justified collection of `element`, stored in `system`, plus `extra` fields.
pub(crate) fn col(element: &str, extra: &str) -> String {
    format!(
        r#"(element: "{element}", purpose: "Keep the customer informed", basis: Contract,
            retention: "1 year after the contract ends", benefit: "Updates", stored_in: ["crm"]{extra})"#
    )
}

pub(crate) fn step(id: &str, channel: &str, collects: &[String]) -> String {
    format!(
        r#"(id: "{id}", title: "Step {id}", channel: "{channel}", stage: "s1", collects: [{}]),"#,
        collects.join(", ")
    )
}

pub(crate) fn flow(from: &str, to: &str) -> String {
    format!(r#"(from: "{from}", to: "{to}"),"#)
}

pub(crate) fn flows(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(a, b)| flow(a, b))
        .collect::<Vec<_>>()
        .join("\n")
}

/// (step, element) of each finding of rule `code`.
pub(crate) fn hits(findings: &[Finding], code: &str) -> Vec<(String, Option<String>)> {
    findings
        .iter()
        .filter(|f| f.rule.code == code)
        .map(|f| (f.step.clone().unwrap_or_default(), f.element.clone()))
        .collect()
}

pub(crate) fn at(step: &str, element: &str) -> (String, Option<String>) {
    (step.to_string(), Some(element.to_string()))
}

pub(crate) fn one(collection: String) -> Vec<Finding> {
    map(&step("a", "web", &[collection]), "")
}
