//! Each rule on a fixture that fires it and one that stays quiet, plus dataflow edge cases.

pub(crate) use super::fixture::{
    CATALOGUE, at, col, flow, flows, hits, map, map_with_data, one, step,
};
use touchpoint_engine::analysis::Finding;

// ---- TP001 unjustified-collection

#[test]
fn tp001_fires_on_placeholder_purpose_and_collect_use() {
    let f = one(
        r#"(element: "email", purpose: "TBD", basis: Contract, retention: "1y", benefit: "b")"#
            .into(),
    );
    assert_eq!(hits(&f, "TP001"), vec![at("a", "email")]);
    let f = one(r#"(element: "email", data_use: "collect", basis: Contract, retention: "1y", benefit: "b")"#.into());
    assert_eq!(hits(&f, "TP001"), vec![at("a", "email")]);
    let f = one(r#"(element: "email", basis: Contract, retention: "1y", benefit: "b")"#.into());
    assert_eq!(hits(&f, "TP001"), vec![at("a", "email")]);
}

#[test]
fn tp001_quiet_with_purpose_or_data_use() {
    assert!(hits(&one(col("email", "")), "TP001").is_empty());
    let f = one(r#"(element: "email", data_use: "essential.service.notifications", basis: Contract, retention: "1y", benefit: "b")"#.into());
    assert!(hits(&f, "TP001").is_empty());
}

// ---- TP002 missing-lawful-basis

#[test]
fn tp002_fires_without_basis_and_points_at_the_collection() {
    let f = one(r#"(element: "email", purpose: "Receipts", retention: "1y", benefit: "b")"#.into());
    let found: Vec<&Finding> = f.iter().filter(|f| f.rule.code == "TP002").collect();
    assert_eq!(found.len(), 1);
    let pos = found[0].pos.expect("located");
    assert_eq!(pos.line, 17, "the line of the step holding the collection");
    assert!(
        found[0].message.contains("Email address"),
        "{}",
        found[0].message
    );
}

#[test]
fn tp002_quiet_with_basis() {
    assert!(hits(&one(col("email", "")), "TP002").is_empty());
}

// ---- TP003 special-category-without-condition

#[test]
fn tp003_fires_on_health_data_without_art9_condition() {
    assert_eq!(
        hits(&one(col("health", "")), "TP003"),
        vec![at("a", "health")]
    );
    // An Art. 10 authority is not an Art. 9(2) condition.
    let f = one(col("health", ", condition: AuthorisedByLaw"));
    assert_eq!(hits(&f, "TP003").len(), 1);
}

#[test]
fn tp003_quiet_with_condition_or_stated_ordinary() {
    assert!(hits(&one(col("health", ", condition: HealthCare")), "TP003").is_empty());
    assert!(hits(&one(col("email", "")), "TP003").is_empty());
}

// ---- TP004 criminal-data-without-authority

#[test]
fn tp004_fires_on_convictions_without_authority() {
    assert_eq!(
        hits(&one(col("conviction", "")), "TP004"),
        vec![at("a", "conviction")]
    );
    assert_eq!(
        hits(
            &one(col("conviction", ", condition: ExplicitConsent")),
            "TP004"
        )
        .len(),
        1
    );
}

#[test]
fn tp004_quiet_with_authority() {
    assert!(
        hits(
            &one(col("conviction", ", condition: AuthorisedByLaw")),
            "TP004"
        )
        .is_empty()
    );
}

// ---- TP005 missing-retention

#[test]
fn tp005_fires_when_kept_without_retention() {
    let f = one(r#"(element: "email", purpose: "p", basis: Contract, benefit: "b")"#.into());
    assert_eq!(hits(&f, "TP005"), vec![at("a", "email")]);
}

#[test]
fn tp005_quiet_when_verified_and_discarded() {
    let f = one(r#"(element: "pin", purpose: "Check it is you", basis: Contract, benefit: "b", method: Verified)"#.into());
    assert!(hits(&f, "TP005").is_empty());
}

// ---- TP006 no-customer-benefit

#[test]
fn tp006_fires_without_benefit() {
    let f = one(
        r#"(element: "email", purpose: "p", basis: Contract, retention: "1y", benefit: "n/a")"#
            .into(),
    );
    assert_eq!(hits(&f, "TP006"), vec![at("a", "email")]);
}

#[test]
fn tp006_fires_on_a_stated_absence_of_benefit() {
    let f = one(r#"(element: "email", purpose: "p", basis: Contract, retention: "1y", benefit: "None to the customer")"#.into());
    assert_eq!(hits(&f, "TP006"), vec![at("a", "email")]);
}

#[test]
fn tp006_quiet_with_benefit() {
    assert!(hits(&one(col("email", "")), "TP006").is_empty());
}

// ---- TP007 certain-repeat and the friction / integration-gap distinction

#[test]
fn tp007_fires_on_a_line_and_names_the_earlier_step() {
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("b", "app", &[col("email", "")]),
    ]
    .join("\n");
    let f = map(&steps, &flow("a", "b"));
    let found: Vec<&Finding> = f.iter().filter(|f| f.rule.code == "TP007").collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].step.as_deref(), Some("b"));
    assert_eq!(found[0].related, vec!["a".to_string()]);
    assert!(
        found[0].message.contains("\"Step a\" (Web)"),
        "{}",
        found[0].message
    );
    // The app channel reads the CRM where the web form stored it.
    assert!(
        found[0].message.contains("pure friction"),
        "{}",
        found[0].message
    );
}

#[test]
fn tp007_says_integration_gap_when_the_channel_cannot_read_the_record() {
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("b", "phone", &[col("email", "")]),
    ]
    .join("\n");
    let f = map(&steps, &flow("a", "b"));
    let found: Vec<&Finding> = f.iter().filter(|f| f.rule.code == "TP007").collect();
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.contains("integration gap"),
        "{}",
        found[0].message
    );
    assert!(found[0].help.contains("CRM"), "{}", found[0].help);
}

#[test]
fn tp007_quiet_with_repeat_reason_but_other_rules_still_apply() {
    let repeat = r#"(element: "email", purpose: "p", repeat_reason: "Strong customer authentication before payment", retention: "1y", benefit: "b")"#;
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("b", "phone", &[repeat.into()]),
    ]
    .join("\n");
    let f = map(&steps, &flow("a", "b"));
    assert!(hits(&f, "TP007").is_empty());
    assert!(hits(&f, "TP008").is_empty());
    assert_eq!(
        hits(&f, "TP002"),
        vec![at("b", "email")],
        "still checked for the rest"
    );
}

#[test]
fn tp007_ignores_data_not_asked_of_the_customer() {
    let observed = col("email", ", method: Observed");
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("b", "phone", &[observed]),
    ]
    .join("\n");
    assert!(hits(&map(&steps, &flow("a", "b")), "TP007").is_empty());
}

#[test]
fn tp007_on_a_diamond_needs_both_branches() {
    // a -> b -> d and a -> c -> d; both b and c collect: certain at d.
    let steps = [
        step("a", "web", &[]),
        step("b", "web", &[col("email", "")]),
        step("c", "app", &[col("email", "")]),
        step("d", "phone", &[col("email", "")]),
    ]
    .join("\n");
    let f = map(
        &steps,
        &flows(&[("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]),
    );
    assert_eq!(hits(&f, "TP007"), vec![at("d", "email")]);
    assert!(hits(&f, "TP008").is_empty());
}

// ---- TP008 possible-repeat

#[test]
fn tp008_fires_when_only_one_branch_collected() {
    let steps = [
        step("a", "web", &[]),
        step("b", "web", &[col("email", "")]),
        step("c", "app", &[]),
        step("d", "phone", &[col("email", "")]),
    ]
    .join("\n");
    let f = map(
        &steps,
        &flows(&[("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]),
    );
    assert_eq!(hits(&f, "TP008"), vec![at("d", "email")]);
    assert!(hits(&f, "TP007").is_empty());
}

#[test]
fn tp008_quiet_when_no_path_collected_before() {
    let steps = [step("a", "web", &[]), step("b", "web", &[col("email", "")])].join("\n");
    let f = map(&steps, &flow("a", "b"));
    assert!(hits(&f, "TP008").is_empty() && hits(&f, "TP007").is_empty());
}

#[test]
fn loop_back_to_a_collecting_step_is_a_possible_repeat() {
    // a -> b (asks) -> c -> b: going round the loop asks again.
    let steps = [
        step("a", "web", &[]),
        step("b", "web", &[col("email", "")]),
        step("c", "web", &[]),
    ]
    .join("\n");
    let f = map(&steps, &flows(&[("a", "b"), ("b", "c"), ("c", "b")]));
    assert_eq!(hits(&f, "TP008"), vec![at("b", "email")]);
    assert!(hits(&f, "TP007").is_empty());
}

#[test]
fn a_loop_names_the_other_collector_not_the_step_itself() {
    // a (asks, web) -> b (asks, phone) -> c -> b. At b the other collector is a; b's own
    // earlier pass is not what decides friction or gap.
    let phone_store = r#"(element: "email", purpose: "Keep the customer informed", basis: Contract, retention: "1y", benefit: "Updates", stored_in: ["billing"])"#;
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("b", "phone", &[phone_store.into()]),
        step("c", "phone", &[]),
    ]
    .join("\n");
    let f = map(&steps, &flows(&[("a", "b"), ("b", "c"), ("c", "b")]));
    let found = f
        .iter()
        .find(|f| f.rule.code == "TP007")
        .expect("certain at b");
    assert_eq!(found.related, vec!["a".to_string()]);
    assert!(
        found.message.contains("integration gap") && found.message.contains("CRM"),
        "{}",
        found.message
    );
    assert!(
        !found.message.contains("\"Step b\" (Phone)"),
        "{}",
        found.message
    );
}

#[test]
fn a_step_repeated_only_by_its_own_loop_says_so() {
    let steps = [
        step("a", "web", &[]),
        step("b", "web", &[col("email", "")]),
        step("c", "web", &[]),
    ]
    .join("\n");
    let f = map(&steps, &flows(&[("a", "b"), ("b", "c"), ("c", "b")]));
    let found = f
        .iter()
        .find(|f| f.rule.code == "TP008")
        .expect("possible at b");
    assert!(
        found
            .message
            .contains(r#""Step b" (an earlier pass) → "Step c" → here"#),
        "{}",
        found.message
    );
}

#[test]
fn collection_before_a_loop_is_certain_inside_it() {
    // a (asks) -> b -> c (asks) -> b: every path to c passes a.
    let steps = [
        step("a", "web", &[col("email", "")]),
        step("b", "web", &[]),
        step("c", "app", &[col("email", "")]),
    ]
    .join("\n");
    let f = map(&steps, &flows(&[("a", "b"), ("b", "c"), ("c", "b")]));
    assert_eq!(hits(&f, "TP007"), vec![at("c", "email")]);
}

#[test]
fn several_entries_make_a_repeat_possible_not_certain() {
    // e1 (asks) -> m, e2 -> m; m asks.
    let steps = [
        step("e1", "web", &[col("email", "")]),
        step("e2", "phone", &[]),
        step("m", "app", &[col("email", "")]),
    ]
    .join("\n");
    let f = map(&steps, &flows(&[("e1", "m"), ("e2", "m")]));
    assert_eq!(hits(&f, "TP008"), vec![at("m", "email")]);
    assert!(hits(&f, "TP007").is_empty());
}

#[test]
fn a_marked_entry_with_incoming_flows_starts_fresh_paths() {
    let steps = [
        step("a", "web", &[col("email", "")]),
        r#"(id: "b", title: "Step b", channel: "app", stage: "s1", entry: true, collects: [COL]),"#
            .replace("COL", &col("email", "")),
    ]
    .join("\n");
    let f = map(&steps, &flow("a", "b"));
    assert_eq!(hits(&f, "TP008"), vec![at("b", "email")]);
}

// ---- TP009 repeated-in-step

#[test]
fn tp009_fires_on_the_same_element_twice_in_a_step() {
    let f = one(format!("{}, {}", col("email", ""), col("email", "")));
    assert_eq!(hits(&f, "TP009"), vec![at("a", "email")]);
    let found = f.iter().find(|f| f.rule.code == "TP009").expect("found");
    assert_eq!(found.collection, Some(1), "the second one is flagged");
}

#[test]
fn tp009_quiet_for_one_question_serving_two_purposes() {
    let receipt = r#"(element: "email", purpose: "Send the receipt", basis: Contract, retention: "1y", benefit: "b")"#;
    let offers = r#"(element: "email", purpose: "Send offers", basis: Consent, retention: "1y", benefit: "b")"#;
    let f = one(format!("{receipt}, {offers}"));
    assert!(hits(&f, "TP009").is_empty());
    assert!(hits(&f, "TP010").is_empty());
    let f = one(format!("{receipt}, {receipt}"));
    assert_eq!(
        hits(&f, "TP009").len(),
        1,
        "the same purpose twice is still flagged"
    );
}

#[test]
fn tp009_quiet_with_a_reason() {
    let f = one(format!(
        "{}, {}",
        col("pin", ""),
        col("pin", ", repeat_reason: \"Type it twice to confirm\"")
    ));
    assert!(hits(&f, "TP009").is_empty());
    assert!(hits(&f, "TP014").is_empty());
}

// ---- TP010 conflicting-lawful-basis

#[test]
fn tp010_fires_on_different_bases_for_the_same_purpose() {
    let consent = r#"(element: "email", purpose: "Send offers", basis: Consent, retention: "1y", benefit: "b", repeat_reason: "separate sign-up")"#;
    let li = r#"(element: "email", purpose: "send offers.", basis: LegitimateInterests, retention: "1y", benefit: "b", repeat_reason: "separate sign-up")"#;
    let other = r#"(element: "email", purpose: "Send offers", basis: Consent, retention: "1y", benefit: "b", repeat_reason: "separate sign-up")"#;
    let steps = [
        step("a", "web", &[consent.into()]),
        step("b", "phone", &[li.into()]),
        step("c", "app", &[other.into()]),
    ]
    .join("\n");
    let f = map(&steps, "");
    assert_eq!(
        hits(&f, "TP010"),
        vec![at("b", "email")],
        "the odd one out is flagged"
    );
    let found = f.iter().find(|f| f.rule.code == "TP010").expect("found");
    assert!(found.message.contains("Art. 6(1)(f)") && found.message.contains("Art. 6(1)(a)"));
}

#[test]
fn tp010_tells_purposes_apart_that_share_a_data_use() {
    let login = r#"(element: "pin", data_use: "essential.service.authentication", purpose: "Sign in", basis: Contract, retention: "1y", benefit: "b")"#;
    let sca = r#"(element: "pin", data_use: "essential.service.authentication", purpose: "Strong customer authentication of a payment", basis: LegalObligation, retention: "1y", benefit: "b", repeat_reason: "PSD2 SCA")"#;
    let steps = [
        step("a", "web", &[login.into()]),
        step("b", "app", &[sca.into()]),
    ]
    .join("\n");
    assert!(hits(&map(&steps, &flow("a", "b")), "TP010").is_empty());
}

#[test]
fn tp010_quiet_for_different_purposes_or_same_basis() {
    let a = r#"(element: "email", purpose: "Send offers", basis: Consent, retention: "1y", benefit: "b")"#;
    let b = r#"(element: "email", purpose: "Send the receipt", basis: Contract, retention: "1y", benefit: "b")"#;
    let steps = [
        step("a", "web", &[a.into()]),
        step("b", "phone", &[b.into(), a.into()]),
    ]
    .join("\n");
    assert!(hits(&map(&steps, ""), "TP010").is_empty());
}

// ---- TP011 unused-element

#[test]
fn tp011_fires_for_catalogue_entries_nobody_collects() {
    let f = one(col("email", ""));
    let mut unused: Vec<Option<String>> = hits(&f, "TP011").into_iter().map(|h| h.1).collect();
    unused.sort();
    assert_eq!(
        unused,
        vec![
            Some("conviction".into()),
            Some("health".into()),
            Some("pin".into())
        ]
    );
}

#[test]
fn tp011_quiet_when_collected() {
    let all = ["email", "pin"].map(|e| col(e, "")).to_vec();
    let f = map(&step("a", "web", &all), "");
    assert!(
        !hits(&f, "TP011")
            .iter()
            .any(|h| h.1.as_deref() == Some("email"))
    );
}

// ---- TP012 unreachable-step

#[test]
fn tp012_fires_on_a_closed_loop_with_no_way_in() {
    let steps = [
        step("a", "web", &[]),
        step("b", "web", &[]),
        step("c", "app", &[]),
        step("d", "app", &[]),
    ]
    .join("\n");
    let f = map(&steps, &flows(&[("a", "b"), ("c", "d"), ("d", "c")]));
    // One finding for the group, at its first step, naming the rest.
    let found: Vec<&Finding> = f.iter().filter(|f| f.rule.code == "TP012").collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].step.as_deref(), Some("c"));
    assert_eq!(found[0].related, vec!["d".to_string()]);
    assert!(
        found[0].message.contains("and the step joined to it"),
        "{}",
        found[0].message
    );
    assert!(
        !found[0].message.contains("what they collect"),
        "they collect nothing"
    );
}

#[test]
fn tp012_separate_groups_get_separate_findings() {
    let steps = [
        step("a", "web", &[]),
        step("c", "app", &[col("email", "")]),
        step("d", "app", &[]),
        step("e", "web", &[]),
        step("f", "web", &[]),
    ]
    .join("\n");
    let f = map(
        &steps,
        &flows(&[("c", "d"), ("d", "c"), ("e", "f"), ("f", "e")]),
    );
    let steps: Vec<String> = hits(&f, "TP012").into_iter().map(|h| h.0).collect();
    assert_eq!(steps, vec!["c", "e"]);
    let first = f.iter().find(|f| f.rule.code == "TP012").expect("found");
    assert!(
        first.message.contains("(\"Email address\") is in the inventory and the record of processing; none of it is checked for repeats"),
        "{}",
        first.message
    );
}

#[test]
fn tp012_explains_a_journey_with_no_entry_at_all() {
    let steps = [step("a", "web", &[]), step("b", "web", &[])].join("\n");
    let f = map(&steps, &flows(&[("a", "b"), ("b", "a")]));
    let found: Vec<&Finding> = f.iter().filter(|f| f.rule.code == "TP012").collect();
    assert_eq!(found.len(), 1);
    assert!(found[0].help.contains("entry: true"));
}

#[test]
fn tp012_quiet_when_everything_is_reachable() {
    let steps = [step("a", "web", &[]), step("b", "web", &[])].join("\n");
    assert!(hits(&map(&steps, &flow("a", "b")), "TP012").is_empty());
}

// ---- TP013 unused-suppression, and suppressions in general

#[test]
fn suppression_hides_the_finding_it_names() {
    let c = r#"(element: "email", purpose: "p", retention: "1y", benefit: "b", allow: [(rule: "missing-lawful-basis", reason: "Covered by the master agreement")])"#;
    let f = one(c.into());
    assert!(hits(&f, "TP002").is_empty());
    assert!(hits(&f, "TP013").is_empty());
}

#[test]
fn tp013_fires_on_a_suppression_that_matches_nothing() {
    let c = col(
        "email",
        r#", allow: [(rule: "TP007", reason: "We always ask twice")]"#,
    );
    let f = one(c);
    let found: Vec<&Finding> = f.iter().filter(|f| f.rule.code == "TP013").collect();
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "the `allow` of certain-repeat on \"Email address\" at \"Step a\" suppresses nothing: \
         the rule does not fire there, so its reason \"We always ask twice\" no longer applies"
    );
}

#[test]
fn tp013_names_a_step_or_element_scope_and_quotes_the_reason() {
    let steps = r#"(id: "a", title: "Sign up", channel: "web", stage: "s1",
        allow: [(rule: "possible-repeat", reason: "Callers are re-identified")])"#;
    let f = map(&format!("{steps},"), "");
    let found = f.iter().find(|f| f.rule.code == "TP013").expect("fires");
    assert!(
        found.message.contains("on the step \"Sign up\"")
            && found.message.contains("\"Callers are re-identified\""),
        "{}",
        found.message
    );
}

#[test]
fn step_and_element_level_suppressions_cover_their_scope() {
    let steps = r#"(id: "a", title: "A", channel: "web", stage: "s1", allow: [(rule: "TP006", reason: "Internal step")],
        collects: [(element: "email", purpose: "p", basis: Contract, retention: "1y")]),"#;
    let f = map(steps, "");
    assert!(hits(&f, "TP006").is_empty());
    assert!(hits(&f, "TP013").is_empty());
}

/// On a map large enough for the rules to run on two threads, each thread drops what the
/// `allow` entries cover among its own findings; an entry used on either thread is used.
#[test]
fn suppressions_apply_to_the_findings_of_both_threads() {
    for steps in [12, 2_100] {
        let collection = |i: usize| {
            match i {
            // A repeat (the flows' rules) and a missing basis (the collections' rules).
            5 => col("email", r#", allow: [(rule: "TP007", reason: "Asked twice on purpose")]"#),
            7 => r#"(element: "email", purpose: "p", retention: "1y", benefit: "b", stored_in: ["crm"],
                allow: [(rule: "TP002", reason: "Covered by the master agreement"), (rule: "TP007", reason: "Also")])"#
                .to_string(),
            9 => col("email", r#", allow: [(rule: "TP009", reason: "Never fires")]"#),
            _ => col("email", ""),
        }
        };
        let text: String = (0..steps)
            .map(|i| step(&format!("a{i}"), "web", &[collection(i)]))
            .collect::<Vec<_>>()
            .join("\n");
        let chain: String = (1..steps)
            .map(|i| flow(&format!("a{}", i - 1), &format!("a{i}")))
            .collect::<Vec<_>>()
            .join("\n");
        let f = map(&text, &chain);
        let repeats = hits(&f, "TP007");
        assert_eq!(repeats.len(), steps - 3, "{steps} steps");
        assert!(!repeats.contains(&at("a5", "email")) && !repeats.contains(&at("a7", "email")));
        assert!(hits(&f, "TP002").is_empty(), "{steps} steps");
        assert_eq!(hits(&f, "TP013"), vec![at("a9", "email")], "{steps} steps");
    }
}

// ---- TP014 needless-repeat-reason

#[test]
fn tp014_fires_on_a_reason_for_a_first_collection() {
    let f = one(col("pin", r#", repeat_reason: "Re-verify before payment""#));
    assert_eq!(hits(&f, "TP014"), vec![at("a", "pin")]);
}

#[test]
fn tp014_quiet_on_a_real_repeat() {
    let steps = [
        step("a", "web", &[col("pin", "")]),
        step(
            "b",
            "web",
            &[col("pin", r#", repeat_reason: "Re-verify before payment""#)],
        ),
    ]
    .join("\n");
    let f = map(&steps, &flow("a", "b"));
    assert!(hits(&f, "TP014").is_empty());
    assert!(hits(&f, "TP007").is_empty());
}

// ---- Findings as data

#[test]
fn findings_are_located_and_sorted_by_position() {
    let steps = [
        step("a", "web", &[r#"(element: "email")"#.into()]),
        step("b", "phone", &[r#"(element: "pin")"#.into()]),
    ]
    .join("\n");
    let f = map(&steps, &flow("a", "b"));
    assert!(f.iter().all(|f| f.pos.is_some()));
    let positions: Vec<_> = f.iter().map(|f| f.pos).collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted);
}

// ---- TP015 unmarked-entry

#[test]
fn tp015_fires_on_a_later_stage_step_nothing_leads_to() {
    let steps = [
        step("a", "web", &[]),
        r#"(id: "late", title: "Late", channel: "phone", stage: "s2"),"#.to_string(),
    ]
    .join("\n");
    let f = map(&steps, "");
    assert_eq!(hits(&f, "TP015"), vec![("late".to_string(), None)]);
}

#[test]
fn tp015_quiet_when_marked_or_in_the_first_stage() {
    let steps = [
        step("a", "web", &[]),
        step("b", "phone", &[]),
        r#"(id: "late", title: "Late", channel: "phone", stage: "s2", entry: true),"#.to_string(),
    ]
    .join("\n");
    assert!(hits(&map(&steps, ""), "TP015").is_empty());
}
