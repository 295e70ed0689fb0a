//! The edges of each rule that its firing and quiet fixtures in `rules.rs` leave open: each test
//! here pins one boundary that a small change to the analysis would otherwise cross unnoticed
//! (found by mutation testing of `analysis/`).

use touchpoint_engine::analysis::{self, Analysis, Finding, Severity, Tally, is_placeholder};
use touchpoint_engine::journey::{
    Channel, Collection, DataElement, Document, Flow, Journey, LawfulBasis, Meta, Stage, Step,
};
use touchpoint_engine::source::Key;

use crate::rules::{CATALOGUE, at, col, flow, flows, hits, map, map_with_data, one, step};

/// The findings of rule `code`.
fn of<'a>(findings: &'a [Finding], code: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule.code == code).collect()
}

/// The one finding of rule `code`.
fn only<'a>(findings: &'a [Finding], code: &str) -> &'a Finding {
    let found = of(findings, code);
    assert_eq!(found.len(), 1, "one {code} finding in {findings:#?}");
    found[0]
}

/// The field of the collection a finding points at (`purpose`, `data_use`, `element`...).
fn field(f: &Finding) -> Option<&'static str> {
    match f.place.keys().last() {
        Some(&Key::Field(name)) => Some(name),
        _ => None,
    }
}

// ---- TP001 unjustified-collection: which field is blamed, and what counts as no purpose

#[test]
fn a_placeholder_purpose_is_quoted_and_pointed_at() {
    let f = one(
        r#"(element: "email", purpose: "TBD", basis: Contract, retention: "1y", benefit: "b")"#
            .into(),
    );
    let found = only(&f, "TP001");
    assert!(
        found
            .message
            .contains("only the placeholder purpose \"TBD\""),
        "{}",
        found.message
    );
    assert_eq!(field(found), Some("purpose"));
}

#[test]
fn an_empty_purpose_is_no_purpose_not_a_placeholder() {
    let f = one(
        r#"(element: "email", purpose: "  ", basis: Contract, retention: "1y", benefit: "b")"#
            .into(),
    );
    let found = only(&f, "TP001");
    assert!(
        found.message.contains("with no purpose"),
        "{}",
        found.message
    );
    assert_eq!(field(found), Some("element"));
}

#[test]
fn an_undefined_data_use_is_named_and_pointed_at() {
    let f = one(r#"(element: "email", data_use: "collect", basis: Contract, retention: "1y", benefit: "b")"#.into());
    let found = only(&f, "TP001");
    assert!(
        found.message.contains("only the data use `collect`"),
        "{}",
        found.message
    );
    assert_eq!(field(found), Some("data_use"));
}

#[test]
fn a_stated_absence_is_a_placeholder() {
    for text in [
        "None",
        "Nothing, really",
        "No benefit to the customer",
        "Not applicable here",
    ] {
        assert!(is_placeholder(Some(text)), "{text}");
    }
    let f = one(r#"(element: "email", purpose: "p", basis: Contract, retention: "1y", benefit: "No benefit")"#.into());
    assert_eq!(hits(&f, "TP006"), vec![at("a", "email")]);
}

#[test]
fn a_placeholder_data_use_is_no_purpose() {
    let f = one(
        r#"(element: "email", data_use: "TBD", basis: Contract, retention: "1y", benefit: "b")"#
            .into(),
    );
    assert_eq!(hits(&f, "TP001"), vec![at("a", "email")]);
}

// ---- TP010 conflicting-lawful-basis: which basis is taken as intended

/// Email collected at one step per basis, all "to send offers", with no flows between them.
fn offers_under(bases: &[&str]) -> Vec<Finding> {
    let steps: Vec<String> = bases
        .iter()
        .enumerate()
        .map(|(i, basis)| {
            let c = format!(
                r#"(element: "email", purpose: "Send offers", basis: {basis}, retention: "1y", benefit: "b")"#
            );
            step(&format!("s{i}"), "web", &[c])
        })
        .collect();
    map(&steps.join("\n"), "")
}

#[test]
fn two_bases_for_one_purpose_conflict_and_the_first_seen_wins_the_tie() {
    let f = offers_under(&["Consent", "LegitimateInterests"]);
    assert_eq!(hits(&f, "TP010"), vec![at("s1", "email")]);
    assert_eq!(only(&f, "TP010").related, vec!["s0".to_string()]);
}

#[test]
fn the_basis_most_uses_give_is_intended_even_when_it_comes_second() {
    let f = offers_under(&["LegitimateInterests", "Consent", "Consent"]);
    assert_eq!(hits(&f, "TP010"), vec![at("s0", "email")]);
    assert_eq!(only(&f, "TP010").related, vec!["s1".to_string()]);
}

#[test]
fn three_bases_for_one_purpose_flag_every_use_but_the_intended_one() {
    let f = offers_under(&["Consent", "Contract", "LegitimateInterests"]);
    assert_eq!(
        hits(&f, "TP010"),
        vec![at("s1", "email"), at("s2", "email")]
    );
    assert!(
        of(&f, "TP010")
            .iter()
            .all(|f| f.related == vec!["s0".to_string()])
    );
}

#[test]
fn a_data_use_alone_is_a_purpose_that_bases_can_conflict_over() {
    let under = |basis: &str| {
        format!(
            r#"(element: "email", data_use: "essential.service.notifications", basis: {basis}, retention: "1y", benefit: "b")"#
        )
    };
    let steps = [
        step("a", "web", &[under("Contract")]),
        step("b", "web", &[under("Consent")]),
    ]
    .join("\n");
    assert_eq!(hits(&map(&steps, ""), "TP010"), vec![at("b", "email")]);
}

// ---- TP009 repeated-in-step: an entry without a purpose repeats any other

#[test]
fn an_entry_without_a_purpose_duplicates_one_with_a_purpose() {
    let bare = r#"(element: "email", basis: Contract, retention: "1y", benefit: "b")"#;
    let with = col("email", "");
    let f = one(format!("{bare}, {with}"));
    assert_eq!(hits(&f, "TP009"), vec![at("a", "email")]);
    let f = one(format!("{with}, {bare}"));
    assert_eq!(hits(&f, "TP009"), vec![at("a", "email")]);
}

// ---- TP014 needless-repeat-reason: a possible repeat is still a repeat

#[test]
fn a_repeat_reason_on_a_possible_repeat_is_not_needless() {
    // a -> b (asks) -> d and a -> c -> d: d may, not must, have the PIN already.
    let steps = [
        step("a", "web", &[]),
        step("b", "web", &[col("pin", "")]),
        step("c", "web", &[]),
        step(
            "d",
            "web",
            &[col("pin", r#", repeat_reason: "Re-verify before payment""#)],
        ),
    ]
    .join("\n");
    let f = map(
        &steps,
        &flows(&[("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]),
    );
    assert!(hits(&f, "TP014").is_empty(), "{f:#?}");
    assert!(hits(&f, "TP008").is_empty(), "the reason covers it");
}

// ---- TP012 unreachable-step: what a group collects

#[test]
fn an_unreachable_group_counts_what_its_joined_steps_collect() {
    // c collects nothing, d (joined to it) collects the email: the group collects.
    let steps = [
        step("a", "web", &[]),
        step("c", "web", &[]),
        step("d", "web", &[col("email", "")]),
    ]
    .join("\n");
    let f = map(&steps, &flows(&[("c", "d"), ("d", "c")]));
    let found = only(&f, "TP012");
    assert_eq!(found.step.as_deref(), Some("c"));
    assert!(
        found.message.contains("(\"Email address\") is in the inventory and the record of processing; none of it is checked for repeats"),
        "{}",
        found.message
    );
}

// ---- Suppressions: each `allow` covers its own scope and no more

#[test]
fn a_collection_level_allow_covers_only_its_own_collection() {
    let email = r#"(element: "email", purpose: "p", retention: "1y", benefit: "b", allow: [(rule: "TP002", reason: "Covered by the master agreement")])"#;
    let pin = r#"(element: "pin", purpose: "p", retention: "1y", benefit: "b")"#;
    let f = map(&step("a", "web", &[email.into(), pin.into()]), "");
    assert_eq!(hits(&f, "TP002"), vec![at("a", "pin")]);
    assert!(hits(&f, "TP013").is_empty());
}

#[test]
fn an_element_level_allow_covers_that_element_and_no_other() {
    let data = CATALOGUE.replace(
        r#"category: "user.contact.email")"#,
        r#"category: "user.contact.email", allow: [(rule: "no-customer-benefit", reason: "Receipts only")])"#,
    );
    assert_ne!(data, CATALOGUE, "the allow is spliced in");
    let no_benefit =
        |e: &str| format!(r#"(element: "{e}", purpose: "p", basis: Contract, retention: "1y")"#);
    let steps = [
        step("a", "web", &[no_benefit("email"), no_benefit("pin")]),
        step("b", "web", &[no_benefit("email")]),
    ]
    .join("\n");
    let f = map_with_data(&data, &steps, &flow("a", "b"));
    assert_eq!(hits(&f, "TP006"), vec![at("a", "pin")]);
    assert!(hits(&f, "TP013").is_empty());
}

// ---- The walk back to earlier collectors is bounded

/// A chain of `len` steps; the first and the last ask for the email.
fn chain(len: usize) -> Journey {
    let email = || Collection {
        element: "email".into(),
        purpose: Some("Keep the customer informed".into()),
        basis: Some(LawfulBasis::Contract),
        retention: Some("1y".into()),
        benefit: Some("Updates".into()),
        ..Collection::default()
    };
    let steps = (0..len)
        .map(|i| Step {
            id: format!("s{i}"),
            title: format!("Step {i}"),
            channel: "web".into(),
            stage: "s1".into(),
            collects: if i == 0 || i == len - 1 {
                vec![email()]
            } else {
                Vec::new()
            },
            ..Step::default()
        })
        .collect();
    let flows = (1..len)
        .map(|i| Flow {
            from: format!("s{}", i - 1),
            to: format!("s{i}"),
            label: None,
            cases: Vec::new(),
        })
        .collect();
    Journey::from_document(Document {
        meta: Meta {
            title: "Chain".into(),
            ..Meta::default()
        },
        channels: vec![Channel {
            id: "web".into(),
            name: "Web".into(),
            reads: Vec::new(),
            masked: Vec::new(),
        }],
        stages: vec![Stage {
            id: "s1".into(),
            name: "One".into(),
        }],
        systems: Vec::new(),
        data: vec![DataElement {
            id: "email".into(),
            name: "Email address".into(),
            category: "user.contact.email".into(),
            ..DataElement::default()
        }],
        steps,
        flows,
        ..Document::default()
    })
}

#[test]
fn the_route_is_named_10000_steps_back_but_not_one_further() {
    // A certain repeat's route is read back along the shortest-route forest, at most 10,000
    // steps; past that the finding stays (every route did collect it) but names no route,
    // and says so rather than guessing what became of the data.
    let near = analysis::analyse(&chain(10_001));
    let found = only(&near, "TP007");
    assert_eq!(found.related, vec!["s0".to_string()]);
    assert!(
        found
            .message
            .contains(r#"on the route "Step 0" (Web) → … → "Step 9999" → here"#),
        "{}",
        found.message
    );
    // The first ask names no system: nothing is claimed about where it went.
    assert!(
        found
            .message
            .contains("the map does not say where it was kept"),
        "{}",
        found.message
    );
    let far = analysis::analyse(&chain(10_002));
    let found = only(&far, "TP007");
    assert_eq!(
        found.step.as_deref(),
        Some("s10001"),
        "still a certain repeat"
    );
    assert!(found.related.is_empty(), "{:?}", found.related);
    assert!(
        found
            .message
            .ends_with("the map is too large to name the route here"),
        "{}",
        found.message
    );
    assert!(!found.message.contains("discarded"), "{}", found.message);
}

// ---- Findings as data: severities, tallies and the overlay that views read them through

#[test]
fn each_severity_has_its_own_symbol_and_label() {
    let named: Vec<(&str, &str, String)> = Severity::ALL
        .iter()
        .map(|s| (s.symbol(), s.label(), s.to_string()))
        .collect();
    assert_eq!(
        named,
        vec![
            ("✖", "error", "error".to_string()),
            ("▲", "warning", "warning".to_string()),
            ("◆", "advice", "advice".to_string()),
        ]
    );
}

#[test]
fn severities_parse_from_their_names_plurals_and_aliases() {
    for (text, want) in [
        ("error", Some(Severity::Error)),
        ("Errors", Some(Severity::Error)),
        ("warning", Some(Severity::Warning)),
        ("warnings", Some(Severity::Warning)),
        ("warn", Some(Severity::Warning)),
        ("ADVICE", Some(Severity::Advice)),
        ("notes", Some(Severity::Advice)),
        ("fatal", None),
        ("", None),
    ] {
        assert_eq!(Severity::parse(text), want, "{text:?}");
    }
}

/// Two errors, one warning and three advice: no two counts alike, so no sum hides a swap.
fn tally_2_1_3() -> Tally {
    let mut t = Tally::default();
    for s in [
        Severity::Advice,
        Severity::Error,
        Severity::Advice,
        Severity::Warning,
        Severity::Error,
        Severity::Advice,
    ] {
        t.add(s);
    }
    t
}

#[test]
fn a_tally_counts_each_severity_and_the_total() {
    let t = tally_2_1_3();
    assert_eq!(
        t,
        Tally {
            error: 2,
            warning: 1,
            advice: 3
        }
    );
    assert_eq!(
        Severity::ALL.map(|s| t.get(s)),
        [2, 1, 3],
        "error, warning, advice"
    );
    assert_eq!(t.total(), 6);
}

#[test]
fn at_least_counts_the_threshold_and_everything_above_it() {
    let t = tally_2_1_3();
    assert_eq!(t.at_least(Severity::Error), 2);
    assert_eq!(t.at_least(Severity::Warning), 3);
    assert_eq!(t.at_least(Severity::Advice), 6);
}

#[test]
fn a_tally_reads_in_words_with_advice_never_plural() {
    assert_eq!(tally_2_1_3().to_string(), "2 errors, 1 warning, 3 advice");
    let t = Tally {
        error: 1,
        warning: 0,
        advice: 1,
    };
    assert_eq!(t.to_string(), "1 error, 0 warnings, 1 advice");
}

/// Email without basis or benefit at a (an error and an advice), a PIN without benefit at b
/// (an advice), and two catalogue entries nobody collects (two advice).
fn unjustified_at_a_and_b() -> Vec<Finding> {
    let bare =
        |e: &str, extra: &str| format!(r#"(element: "{e}", purpose: "p", retention: "1y"{extra})"#);
    let steps = [
        step("a", "web", &[bare("email", "")]),
        step("b", "web", &[bare("pin", ", basis: Contract")]),
    ]
    .join("\n");
    map(&steps, "")
}

#[test]
fn a_tally_of_findings_counts_them_by_severity() {
    let f = unjustified_at_a_and_b();
    assert_eq!(
        Tally::of(&f),
        Tally {
            error: 1,
            warning: 0,
            advice: 4
        },
        "{f:#?}"
    );
}

#[test]
fn the_overlay_indexes_findings_by_step_collection_and_element() {
    let analysis = Analysis::new(unjustified_at_a_and_b());
    let f = &analysis.findings;
    let o = &analysis.overlay;
    let spelt = f.to_vec();
    let indexes = |keep: &dyn Fn(&Finding) -> bool| -> Vec<usize> {
        (0..f.len()).filter(|&i| keep(&spelt[i])).collect()
    };
    let at_a = indexes(&|x| x.step.as_deref() == Some("a"));
    assert_eq!(at_a.len(), 2, "TP002 and TP006 at a: {spelt:#?}");
    assert_eq!(o.step("a"), at_a.as_slice());
    assert_eq!(o.collection("a", 0), at_a.as_slice());
    let email = indexes(&|x| x.element.as_deref() == Some("email"));
    assert_eq!(email, at_a);
    assert_eq!(o.element("email"), email.as_slice());
    let health = indexes(&|x| x.element.as_deref() == Some("health"));
    assert_eq!(o.element("health"), health.as_slice());
    assert!(o.step("nowhere").is_empty() && o.element("nothing").is_empty());

    assert_eq!(o.worst_on_step("a"), Some(Severity::Error));
    assert_eq!(o.worst_on_step("b"), Some(Severity::Advice));
    assert_eq!(o.worst_on_step("nowhere"), None);
    assert_eq!(o.worst_on_collection(f, "a", 0), Some(Severity::Error));
    assert_eq!(o.worst_on_collection(f, "b", 0), Some(Severity::Advice));
    assert_eq!(o.worst_on_collection(f, "b", 1), None);
    assert_eq!(analysis.tally, Tally::of(&spelt));
}
