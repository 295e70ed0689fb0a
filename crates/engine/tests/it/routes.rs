//! Repeat findings show the routes that make them, classified per route; cases keep routes to
//! one customer's journey; forms that keep no progress, masked fields, sensitive data and data
//! about other people change what is said.

use super::fixture::{at, check, col, flows, hits, map, map_with, step, text, text_with};
use touchpoint_engine::analysis::Finding;

/// The one finding of `code`, on the last step that has one.
fn the(f: &[Finding], code: &str) -> Finding {
    let found: Vec<&Finding> = f.iter().filter(|f| f.rule.code == code).collect();
    assert!(!found.is_empty(), "a {code}: {f:#?}");
    let last = found[found.len() - 1].step.clone();
    let on_last: Vec<&&Finding> = found.iter().filter(|f| f.step == last).collect();
    assert_eq!(on_last.len(), 1, "one {code} on {last:?}: {f:#?}");
    (*on_last[0]).clone()
}

const STORED_BILLING: &str = r#"(element: "email", purpose: "Keep the customer informed", basis: Contract,
    retention: "1 year after the contract ends", benefit: "Updates", stored_in: ["billing"])"#;

fn verified(element: &str) -> String {
    format!(
        r#"(element: "{element}", purpose: "Check it is them", basis: Contract, method: Verified,
            benefit: "Nobody else gets in")"#
    )
}

#[test]
fn a_certain_repeat_shows_the_shortest_route_not_a_later_step_round_a_loop() {
    // a → b (asks) → m → d (asks); d → x (asks) → d: a loop past d. Before, x was named as
    // where d's email was "already" collected, as it is the nearest step back.
    let steps = [
        step("a", "web", &[]),
        step("b", "web", &[col("email", "")]),
        step("m", "web", &[]),
        step("d", "app", &[col("email", "")]),
        step("x", "web", &[col("email", "")]),
    ]
    .join("\n");
    let f = map(
        &steps,
        &flows(&[("a", "b"), ("b", "m"), ("m", "d"), ("d", "x"), ("x", "d")]),
    );
    let found = f
        .iter()
        .find(|f| f.rule.code == "TP007" && f.step.as_deref() == Some("d"))
        .expect("certain at d");
    assert!(
        found
            .message
            .contains(r#"on the route "Step a" → "Step b" (Web) → "Step m" → here"#),
        "{}",
        found.message
    );
    assert!(!found.message.contains("Step x"), "{}", found.message);
}

#[test]
fn a_route_is_classified_by_everything_kept_along_it_not_only_the_last_check() {
    // a (web) keeps it in the CRM; b only checks it; c (app, reads the CRM) asks again.
    // Before: "verified and discarded". Now: the app could read it: pure friction.
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("b", "phone", &[verified("email")]),
        step("c", "app", &[col("email", "")]),
    ]
    .join("\n");
    let found = the(&map(&steps, &flows(&[("a", "b"), ("b", "c")])), "TP007");
    assert!(found.message.contains("pure friction"), "{}", found.message);
    assert!(!found.message.contains("only checked"), "{}", found.message);
    // Passing: with only the check before, it says so.
    let steps = [
        step("a", "web", &[]),
        step("b", "phone", &[verified("email")]),
        step("c", "app", &[col("email", "")]),
    ]
    .join("\n");
    let found = the(&map(&steps, &flows(&[("a", "b"), ("b", "c")])), "TP007");
    assert!(
        found.message.contains("only checked there and not kept"),
        "{}",
        found.message
    );
    // c asks for it (it does not check it): the customer gives it again, not "checked twice".
    assert!(
        found.message.contains("the customer gives it again"),
        "{}",
        found.message
    );
    let steps = [
        step("a", "web", &[]),
        step("b", "phone", &[verified("email")]),
        step("c", "app", &[verified("email")]),
    ]
    .join("\n");
    let found = the(&map(&steps, &flows(&[("a", "b"), ("b", "c")])), "TP007");
    assert!(
        found.message.contains("the customer is checked twice"),
        "{}",
        found.message
    );
}

#[test]
fn data_kept_where_the_map_does_not_say_is_not_called_discarded() {
    // a asks for the email and names no system; c asks again. Before: "only verified and
    // discarded", which the map never said.
    let unstated = r#"(element: "email", purpose: "Keep the customer informed", basis: Contract,
        retention: "1 year after the contract ends", benefit: "Updates")"#;
    let steps = [
        step("a", "web", &[unstated.to_string()]),
        step("c", "app", &[col("email", "")]),
    ]
    .join("\n");
    let found = the(&map(&steps, &flows(&[("a", "c")])), "TP007");
    assert!(!found.message.contains("checked"), "{}", found.message);
    assert!(!found.message.contains("discarded"), "{}", found.message);
    assert!(
        found
            .message
            .contains("the map does not say where it was kept"),
        "{}",
        found.message
    );
    assert!(found.help.contains("`stored_in:`"), "{:?}", found.help);
    // Passing: once it says where, the route is classified (the app reads the CRM).
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("c", "app", &[col("email", "")]),
    ]
    .join("\n");
    let found = the(&map(&steps, &flows(&[("a", "c")])), "TP007");
    assert!(found.message.contains("pure friction"), "{}", found.message);
}

#[test]
fn a_walk_that_gives_up_says_so_and_claims_nothing_about_what_it_did_not_see() {
    // 3,000 steps between the first ask and the repeat: the walk back stops at its cap, and
    // the finding says not every route was examined instead of calling the data discarded.
    let n = 3_000;
    let mut steps = vec![step("s0", "web", &[col("email", "")])];
    let mut pairs: Vec<(String, String)> = Vec::new();
    for i in 1..=n {
        steps.push(step(&format!("s{i}"), "web", &[]));
        pairs.push((format!("s{}", i - 1), format!("s{i}")));
    }
    steps.push(step("end", "phone", &[col("email", "")]));
    pairs.push((format!("s{n}"), "end".into()));
    let pairs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let f = map(&steps.join("\n"), &flows(&pairs));
    let found = the(&f, "TP007");
    assert!(!found.message.contains("discarded"), "{}", found.message);
    assert!(!found.message.contains("only checked"), "{}", found.message);
    assert!(
        found.message.contains("too large to examine every route"),
        "{}",
        found.message
    );
    assert!(
        found.message.contains("integration gap"),
        "{}",
        found.message
    );
}

#[test]
fn mixed_routes_show_both_the_friction_and_the_integration_gap() {
    // Via b1 it is in the CRM the app reads; via b2 only in billing, which it cannot read.
    // Before, the message said "pure friction" and hid the gap.
    let steps = [
        step("a", "web", &[]),
        step("b1", "web", &[col("email", "")]),
        step("b2", "phone", &[STORED_BILLING.into()]),
        step("d", "app", &[col("email", "")]),
    ]
    .join("\n");
    let f = map(
        &steps,
        &flows(&[("a", "b1"), ("a", "b2"), ("b1", "d"), ("b2", "d")]),
    );
    let found = the(&f, "TP007");
    assert!(
        found
            .message
            .contains(r#""Step b1" (Web) → here, it is already in CRM"#)
            && found.message.contains("pure friction")
            && found
                .message
                .contains(r#""Step b2" (Phone) → here, it was stored in Billing"#)
            && found.message.contains("integration gap"),
        "{}",
        found.message
    );
    assert!(
        found.help.contains("ook it up in CRM") && found.help.contains("Billing"),
        "{}",
        found.help
    );
    assert_eq!(found.related, vec!["b1".to_string(), "b2".to_string()]);
    // Passing: one kind of route only.
    let steps = [
        step("a", "web", &[]),
        step("b1", "web", &[col("email", "")]),
        step("b2", "web", &[col("email", "")]),
        step("d", "app", &[col("email", "")]),
    ]
    .join("\n");
    let f = map(
        &steps,
        &flows(&[("a", "b1"), ("a", "b2"), ("b1", "d"), ("b2", "d")]),
    );
    assert!(!the(&f, "TP007").message.contains("integration gap"));
}

#[test]
fn sensitive_data_is_never_advised_to_be_opened_to_another_channel() {
    let health = |stored: &str| {
        format!(
            r#"(element: "health", purpose: "Prioritise the repair", basis: Contract, condition: HealthCare,
                retention: "1 year", benefit: "Repaired first", stored_in: ["{stored}"])"#
        )
    };
    let steps = [
        step("a", "web", &[health("crm")]),
        step("b", "phone", &[health("crm")]),
    ]
    .join("\n");
    let found = the(&map(&steps, &flows(&[("a", "b")])), "TP007");
    assert!(found.help.contains("Do not widen access"), "{}", found.help);
    assert!(found.help.contains("verified: yes"), "{}", found.help);
    assert!(!found.help.contains("read access"), "{}", found.help);
    // Passing: ordinary data gets the read-access advice.
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("b", "phone", &[col("email", "")]),
    ]
    .join("\n");
    let found = the(&map(&steps, &flows(&[("a", "b")])), "TP007");
    assert!(found.help.contains("read access to CRM"), "{}", found.help);
}

#[test]
fn a_system_run_by_another_organisation_is_not_opened_up_either() {
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("b", "phone", &[col("email", "")]),
    ]
    .join("\n");
    let t = text(&steps, &flows(&[("a", "b")])).replace(
        r#"(id: "crm", name: "CRM")"#,
        r#"(id: "crm", name: "CRM", processor: "CloudCRM Inc.")"#,
    );
    let found = the(&check(t), "TP007");
    assert!(
        found
            .help
            .contains("Rather than opening CRM (run by CloudCRM Inc.)"),
        "{}",
        found.help
    );
}

#[test]
fn a_form_that_keeps_no_progress_explains_the_repeat() {
    let steps = [
        r#"(id: "a", title: "Fill in the online form", channel: "web", stage: "s1",
            lost_if_abandoned: true, collects: [COL]),"#
            .replace("COL", &col("email", "")),
        step("b", "phone", &[col("email", "")]),
    ]
    .join("\n");
    let found = the(&map(&steps, &flows(&[("a", "b")])), "TP007");
    assert!(
        found.message.contains("keeps no progress")
            && found.message.contains("left it before the end"),
        "{}",
        found.message
    );
    assert!(
        found.help.contains("keep the customer's progress"),
        "{}",
        found.help
    );
    // Passing: a form that keeps progress is an ordinary repeat.
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("b", "phone", &[col("email", "")]),
    ]
    .join("\n");
    let found = the(&map(&steps, &flows(&[("a", "b")])), "TP007");
    assert!(!found.message.contains("keeps no progress"));
}

#[test]
fn a_form_that_keeps_nothing_tells_more_than_a_gap_before_it_but_less_than_a_record_read() {
    // z keeps the email in billing (the phone cannot read it), then the form a keeps no
    // progress: the route is told by the form, not by the gap before it.
    let form = r#"(id: "a", title: "Fill in the online form", channel: "web", stage: "s1",
            lost_if_abandoned: true, collects: [COL]),"#;
    let steps = [
        step("z", "web", &[STORED_BILLING.to_string()]),
        form.replace("COL", &col("email", "")),
        step("b", "phone", &[col("email", "")]),
    ]
    .join("\n");
    let found = the(&map(&steps, &flows(&[("z", "a"), ("a", "b")])), "TP007");
    assert!(
        found.message.contains("keeps no progress"),
        "{}",
        found.message
    );
    assert!(
        !found.message.contains("integration gap"),
        "{}",
        found.message
    );
    // A record this channel reads, kept before the form, tells more: pure friction.
    let steps = [
        step("z", "app", &[col("email", "")]),
        form.replace("COL", &col("email", "")),
        step("b", "web", &[col("email", "")]),
    ]
    .join("\n");
    let found = the(&map(&steps, &flows(&[("z", "a"), ("a", "b")])), "TP007");
    assert!(found.message.contains("pure friction"), "{}", found.message);
}

#[test]
fn a_masked_field_is_not_advised_to_be_looked_up() {
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("b", "app", &[col("email", "")]),
    ]
    .join("\n");
    let t = text(&steps, &flows(&[("a", "b")]));
    let masked = t.replace(
        r#"(id: "app", name: "App", reads: ["crm"])"#,
        r#"(id: "app", name: "App", reads: ["crm"], masked: [(system: "crm", elements: ["email"])])"#,
    );
    let found = the(&check(masked), "TP007");
    assert!(
        found.message.contains("sees it masked"),
        "{}",
        found.message
    );
    assert!(!found.help.contains("Look it up"), "{}", found.help);
    // Passing: readable, so looking it up is the advice.
    let found = the(&check(t), "TP007");
    assert!(found.help.contains("Look it up in CRM"), "{}", found.help);
}

#[test]
fn masking_a_system_the_channel_does_not_read_is_refused() {
    let t = text(&step("a", "web", &[]), "").replace(
        r#"(id: "phone", name: "Phone")"#,
        r#"(id: "phone", name: "Phone", masked: [(system: "crm", elements: ["email"])])"#,
    );
    let e = touchpoint_engine::mapfile::load_str("m.ron", t).expect_err("refused");
    assert!(e.diagnostics[0].message.contains("does not read `crm`"));
}

/// start → signin (existing customers; checks the email) and start → checks (new ones);
/// checks → setup (new only; asks the email) and checks → done (existing only).
fn two_kinds_of_customer(cases: bool) -> Vec<Finding> {
    let steps = [
        step("start", "web", &[]),
        step("signin", "web", &[verified("email")]),
        step("checks", "web", &[]),
        step("setup", "app", &[col("email", "")]),
        step("done", "web", &[]),
    ]
    .join("\n");
    let tag = |case: &str| {
        if cases {
            format!(r#", cases: ["{case}"]"#)
        } else {
            String::new()
        }
    };
    let flows = format!(
        r#"(from: "start", to: "signin"{e}), (from: "start", to: "checks"{n}),
           (from: "signin", to: "checks"{e}), (from: "checks", to: "setup"{n}),
           (from: "checks", to: "done"{e}),"#,
        e = tag("existing"),
        n = tag("new")
    );
    map_with(
        r#"cases: [(id: "new", name: "New customer"), (id: "existing", name: "Existing customer")],"#,
        &steps,
        &flows,
    )
}

#[test]
fn cases_keep_a_route_to_one_customers_journey() {
    // Without cases, start → signin → checks → setup looks like a route: an existing customer
    // who checked their email would be asked for it at setup. No customer takes it.
    assert_eq!(
        hits(&two_kinds_of_customer(false), "TP008"),
        vec![at("setup", "email")]
    );
    assert!(hits(&two_kinds_of_customer(true), "TP008").is_empty());
    assert!(hits(&two_kinds_of_customer(true), "TP012").is_empty());
}

#[test]
fn a_repeat_certain_in_every_case_is_certain() {
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("b", "web", &[]),
        step("c", "web", &[]),
        step("d", "app", &[col("email", "")]),
    ]
    .join("\n");
    let flows = r#"(from: "a", to: "b", cases: ["one"]), (from: "a", to: "c", cases: ["two"]),
        (from: "b", to: "d"), (from: "c", to: "d"),"#;
    let f = map_with(
        r#"cases: [(id: "one", name: "One"), (id: "two", name: "Two")],"#,
        &steps,
        flows,
    );
    assert_eq!(hits(&f, "TP007"), vec![at("d", "email")]);
}

#[test]
fn an_unknown_case_on_a_flow_is_a_load_error() {
    let t = text_with(
        r#"cases: [(id: "new", name: "New customer")],"#,
        &[step("a", "web", &[]), step("b", "web", &[])].join("\n"),
        r#"(from: "a", to: "b", cases: ["nwe"]),"#,
    );
    let e = touchpoint_engine::mapfile::load_str("c.ron", t).expect_err("refused");
    assert_eq!(e.diagnostics[0].message, "unknown case `nwe`");
    assert_eq!(
        e.diagnostics[0].hint.as_deref(),
        Some("did you mean `new`?")
    );
}

#[test]
fn named_entries_make_a_step_nothing_leads_to_unreachable_and_name_its_data() {
    let steps = [
        step("a", "web", &[]),
        step("b", "web", &[]),
        step("lone", "phone", &[col("email", ""), col("pin", "")]),
    ]
    .join("\n");
    // Before: "lone" counted as an entry, silently, since it is in the first stage.
    let f = map(&steps, &flows(&[("a", "b")]));
    assert!(hits(&f, "TP012").is_empty() && hits(&f, "TP015").is_empty());
    let f = map_with(r#"entries: ["a"],"#, &steps, &flows(&[("a", "b")]));
    let found = the(&f, "TP012");
    assert_eq!(found.step.as_deref(), Some("lone"));
    assert!(
        found.message.contains(r#""Email address", "PIN""#),
        "{}",
        found.message
    );
    assert!(found.help.contains("`entries`"), "{}", found.help);
    // Passing: named as an entry too.
    let f = map_with(r#"entries: ["a", "lone"],"#, &steps, &flows(&[("a", "b")]));
    assert!(hits(&f, "TP012").is_empty());
}

#[test]
fn an_unknown_entry_is_a_load_error() {
    let t = text_with(r#"entries: ["strat"],"#, &step("start", "web", &[]), "");
    let e = touchpoint_engine::mapfile::load_str("e.ron", t).expect_err("refused");
    assert_eq!(e.diagnostics[0].message, "unknown step `strat`");
}

#[test]
fn data_about_someone_else_is_not_the_customer_repeating_themselves() {
    let subjects = r#"subjects: [(id: "kin", name: "Next of kin")],"#;
    let kin = col("email", r#", about: "kin""#);
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("b", "phone", std::slice::from_ref(&kin)),
    ]
    .join("\n");
    let f = map_with(subjects, &steps, &flows(&[("a", "b")]));
    assert!(hits(&f, "TP007").is_empty(), "{f:#?}");
    // Nor is the same element about two people in one step listed twice.
    let f = map_with(subjects, &step("a", "web", &[col("email", ""), kin]), "");
    assert!(hits(&f, "TP009").is_empty(), "{f:#?}");
    // Passing the other way: the customer's own email asked twice still repeats.
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("b", "phone", &[col("email", "")]),
    ]
    .join("\n");
    assert_eq!(
        hits(&map_with(subjects, &steps, &flows(&[("a", "b")])), "TP007").len(),
        1
    );
}
