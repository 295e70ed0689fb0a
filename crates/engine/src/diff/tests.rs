//! One hand-made pair of maps for each kind of change.

use super::*;
use crate::analysis::Severity;
use crate::mapfile::load_str;

const BASE: &str = r#"(
    meta: (title: "Sign-up", organisation: (controller: "Example Ltd")),
    channels: [
        (id: "web", name: "Website", reads: ["crm"]),
        (id: "phone", name: "Phone"),
    ],
    stages: [(id: "join", name: "Join"), (id: "use", name: "Use")],
    systems: [(id: "crm", name: "CRM")],
    data: [
        (id: "email", name: "Email", category: "user.contact.email"),
        (id: "dob", name: "Date of birth", category: "user.demographic.date_of_birth"),
        (id: "phone_number", name: "Phone number", category: "user.contact.phone_number"),
    ],
    steps: [
        (
            id: "sign-up",
            title: "Sign up",
            channel: "web",
            stage: "join",
            collects: [
                (
                    element: "email",
                    purpose: "Send the receipt",
                    basis: Contract,
                    retention: "2 years",
                    benefit: "They get a receipt",
                    stored_in: ["crm"],
                ),
                (
                    element: "dob",
                    purpose: "Check the customer is an adult",
                    basis: LegalObligation,
                    retention: "2 years",
                    benefit: "They can open an account",
                    method: Verified,
                ),
            ],
        ),
        (
            id: "call",
            title: "Call us",
            channel: "phone",
            stage: "use",
            collects: [
                (
                    element: "phone_number",
                    purpose: "Call the customer back",
                    basis: Contract,
                    retention: "30 days",
                    benefit: "No waiting on hold",
                ),
            ],
        ),
    ],
    flows: [(from: "sign-up", to: "call", label: "needs help")],
)
"#;

fn load(text: &str) -> LoadedMap {
    load_str("m.ron", text.to_string()).unwrap_or_else(|e| panic!("loads: {e}\n{text}"))
}

/// The diff of BASE against BASE with each `(from, to)` replaced (each must occur once).
fn edited(edits: &[(&str, &str)]) -> Diff {
    let mut text = BASE.to_string();
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "{from:?} occurs once");
        text = text.replacen(from, to, 1);
    }
    between(&load(BASE), &load(&text))
}

fn fields(changes: &[FieldChange]) -> Vec<(String, Option<String>, Option<String>)> {
    changes
        .iter()
        .map(|f| {
            (
                f.field.clone(),
                f.old.as_ref().map(Value::to_ron),
                f.new.as_ref().map(Value::to_ron),
            )
        })
        .collect()
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

/// Only these lists are non-empty (and no finding changed unless `findings`).
fn only(diff: &Diff, lists: &[&str]) {
    let sizes = [
        ("steps", diff.steps.len()),
        ("flows", diff.flows.len()),
        ("collections", diff.collections.len()),
        ("catalogue", diff.catalogue.len()),
        ("order", diff.order.len()),
        ("map", diff.map.len()),
        ("decisions", diff.decisions.len()),
        (
            "findings",
            diff.findings.introduced.len() + diff.findings.resolved.len(),
        ),
    ];
    for (name, n) in sizes {
        assert_eq!(
            n > 0,
            lists.contains(&name),
            "{name}: {n} changes\n{diff:#?}"
        );
    }
}

#[test]
fn a_map_against_itself_is_empty() {
    let diff = between(&load(BASE), &load(BASE));
    assert!(diff.is_empty(), "{diff:#?}");
    assert_eq!(diff.findings.old, diff.findings.new);
}

#[test]
fn layout_comments_and_order_are_not_changes() {
    let diff = edited(&[
        ("    flows:", "    // How customers move on.\n    flows:"),
        (
            "(id: \"web\", name: \"Website\", reads: [\"crm\"]),",
            "(\n            name: \"Website\",\n            id: \"web\",\n            reads: [\"crm\"],\n        ),",
        ),
    ]);
    assert!(diff.is_empty(), "{diff:#?}");
}

#[test]
fn a_step_added_with_what_it_collects() {
    let diff = edited(&[(
        "    ],\n    flows:",
        "        (id: \"visit\", title: \"Visit the shop\", channel: \"phone\", stage: \"use\", emotion: 1,\n         collects: [(element: \"email\", purpose: \"Send the receipt\", basis: Contract, retention: \"2 years\", benefit: \"A receipt\")]),\n    ],\n    flows:",
    )]);
    only(&diff, &["steps", "collections", "findings"]);
    let s = &diff.steps[0];
    assert_eq!((s.change, s.step.as_str()), (Change::Added, "visit"));
    assert_eq!(
        (s.channel.name.as_str(), s.stage.name.as_str()),
        ("Phone", "Use")
    );
    assert_eq!(s.at.side, Side::New);
    assert_eq!(s.at.line, 54);
    assert!(fields(&s.fields).contains(&("emotion".into(), None, some("1"))));
    assert!(
        s.fields
            .iter()
            .all(|f| f.field != "collects" && f.field != "id")
    );
    let c = &diff.collections[0];
    assert_eq!(
        (c.change, c.element.as_str(), c.step.as_str()),
        (Change::Added, "email", "visit")
    );
    assert!(fields(&c.fields).contains(&("purpose".into(), None, some("\"Send the receipt\""))));
    // Nothing leads to it: an unreachable step past the first stage.
    assert!(
        diff.findings
            .introduced
            .iter()
            .all(|f| f.step.as_deref() == Some("visit"))
    );
}

#[test]
fn a_step_removed_takes_its_collections_and_flows() {
    let start = BASE
        .find("        (\n            id: \"call\"")
        .expect("the call step");
    let end = BASE.find("    ],\n    flows:").expect("end of steps");
    let mut text = BASE.to_string();
    text.replace_range(start..end, "");
    let text = text.replace(
        "[(from: \"sign-up\", to: \"call\", label: \"needs help\")]",
        "[]",
    );
    let diff = between(&load(BASE), &load(&text));
    only(&diff, &["steps", "flows", "collections", "findings"]);
    let s = &diff.steps[0];
    assert_eq!((s.change, s.step.as_str()), (Change::Removed, "call"));
    assert_eq!((s.at.side, s.at.line), (Side::Old, 40));
    assert_eq!(diff.flows[0].change, Change::Removed);
    assert_eq!(diff.flows[0].label.as_deref(), Some("needs help"));
    let c = &diff.collections[0];
    assert_eq!(
        (c.change, c.element.as_str(), c.step.as_str()),
        (Change::Removed, "phone_number", "call")
    );
    assert_eq!(c.at.side, Side::Old);
    // The phone number is now collected nowhere: an unused element.
    assert_eq!(diff.findings.introduced.len(), 1);
    assert_eq!(diff.findings.introduced[0].name, "unused-element");
}

#[test]
fn a_step_changed_field_by_field() {
    let diff = edited(&[
        ("title: \"Call us\"", "title: \"Call the helpline\""),
        (
            "stage: \"use\",",
            "stage: \"use\",\n            notes: \"Open 8 to 8\",",
        ),
    ]);
    only(&diff, &["steps"]);
    let s = &diff.steps[0];
    assert_eq!(
        (s.change, s.title.as_str()),
        (Change::Changed, "Call the helpline")
    );
    assert_eq!(s.moved, None);
    assert_eq!(
        fields(&s.fields),
        vec![
            (
                "title".into(),
                some("\"Call us\""),
                some("\"Call the helpline\"")
            ),
            ("notes".into(), None, some("\"Open 8 to 8\"")),
        ]
    );
    assert_eq!(s.fields[0].at.line, 41);
    assert_eq!(s.fields[1].at.line, 44);
}

#[test]
fn a_step_moved_to_another_channel_and_stage_says_so() {
    let diff = edited(&[(
        "channel: \"phone\",\n            stage: \"use\"",
        "channel: \"web\",\n            stage: \"join\"",
    )]);
    let s = &diff.steps[0];
    let moved = s.moved.as_ref().expect("moved");
    let channel = moved.channel.as_ref().expect("another channel");
    assert_eq!(
        (channel.from.name.as_str(), channel.to.name.as_str()),
        ("Phone", "Website")
    );
    let stage = moved.stage.as_ref().expect("another stage");
    assert_eq!(
        (stage.from.id.as_str(), stage.to.id.as_str()),
        ("use", "join")
    );
    assert_eq!(
        fields(&s.fields),
        vec![
            ("channel".into(), some("\"phone\""), some("\"web\"")),
            ("stage".into(), some("\"use\""), some("\"join\"")),
        ]
    );
}

#[test]
fn flows_added_removed_and_relabelled() {
    let diff = edited(&[("label: \"needs help\"", "label: \"still stuck\"")]);
    only(&diff, &["flows"]);
    let f = &diff.flows[0];
    assert_eq!(
        (f.change, f.from.as_str(), f.to.as_str()),
        (Change::Relabelled, "sign-up", "call")
    );
    assert_eq!(
        (f.from_title.as_str(), f.to_title.as_str()),
        ("Sign up", "Call us")
    );
    assert_eq!(
        fields(&f.fields),
        vec![(
            "label".into(),
            some("\"needs help\""),
            some("\"still stuck\"")
        )]
    );

    let diff = edited(&[(
        "[(from: \"sign-up\", to: \"call\", label: \"needs help\")]",
        "[(from: \"call\", to: \"sign-up\"), (from: \"sign-up\", to: \"call\", label: \"needs help\")]",
    )]);
    only(&diff, &["flows", "findings"]);
    assert_eq!(diff.flows.len(), 1);
    assert_eq!(
        (diff.flows[0].change, diff.flows[0].from.as_str()),
        (Change::Added, "call")
    );

    let diff = edited(&[(
        "[(from: \"sign-up\", to: \"call\", label: \"needs help\")]",
        "[]",
    )]);
    assert_eq!(diff.flows.len(), 1);
    assert_eq!(diff.flows[0].change, Change::Removed);
    // The call is now reachable from nowhere.
    assert!(
        diff.findings
            .introduced
            .iter()
            .any(|f| f.code == "TP015" || f.code == "TP012")
    );
}

#[test]
fn a_collection_added_and_one_removed_at_the_same_step() {
    let diff = edited(&[
        (
            "benefit: \"No waiting on hold\",\n                ),",
            "benefit: \"No waiting on hold\",\n                ),\n                (element: \"email\", purpose: \"Send the call summary\", basis: Contract, retention: \"30 days\", benefit: \"A written record\"),",
        ),
        (
            "                (\n                    element: \"dob\",\n                    purpose: \"Check the customer is an adult\",\n                    basis: LegalObligation,\n                    retention: \"2 years\",\n                    benefit: \"They can open an account\",\n                    method: Verified,\n                ),\n",
            "",
        ),
    ]);
    // The email at the call is not a move: the sign-up still takes it.
    let kinds: Vec<(Change, &str, &str)> = diff
        .collections
        .iter()
        .map(|c| (c.change, c.element.as_str(), c.step.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (Change::Added, "email", "call"),
            (Change::Removed, "dob", "sign-up")
        ]
    );
    assert_eq!(diff.collections[1].at.side, Side::Old);
    assert_eq!(diff.collections[1].at.line, 30);
}

#[test]
fn a_collection_moved_to_another_step_with_its_changes() {
    let dob = "                (\n                    element: \"dob\",\n                    purpose: \"Check the customer is an adult\",\n                    basis: LegalObligation,\n                    retention: \"2 years\",\n                    benefit: \"They can open an account\",\n                    method: Verified,\n                ),\n";
    let diff = edited(&[
        (dob, ""),
        (
            "benefit: \"No waiting on hold\",\n                ),",
            "benefit: \"No waiting on hold\",\n                ),\n                (element: \"dob\", purpose: \"Check the customer is an adult\", basis: LegalObligation, retention: \"1 year\", benefit: \"They can open an account\", method: Verified),",
        ),
    ]);
    only(&diff, &["collections"]);
    let c = &diff.collections[0];
    assert_eq!((c.change, c.element.as_str()), (Change::Moved, "dob"));
    assert_eq!(
        (c.from_step.as_deref(), c.step.as_str()),
        (Some("sign-up"), "call")
    );
    assert_eq!(c.element_name, "Date of birth");
    assert_eq!(
        fields(&c.fields),
        vec![("retention".into(), some("\"2 years\""), some("\"1 year\""))]
    );
    assert_eq!((c.at.side, c.at.line), (Side::New, 44));
}

#[test]
fn justification_fields_changed_old_to_new() {
    let diff = edited(&[
        (
            "purpose: \"Send the receipt\"",
            "purpose: \"Send the receipt and offers\"",
        ),
        (
            "basis: Contract,\n                    retention: \"2 years\"",
            "basis: Consent,\n                    retention: \"2 years\"",
        ),
        (
            "stored_in: [\"crm\"],",
            "stored_in: [\"crm\", \"mail\"],\n                    optional: true,\n                    repeat_reason: \"Asked again on purpose\",\n                    data_use: \"marketing.communications.email\",\n                    allow: [(rule: \"TP006\", reason: \"Agreed\")],",
        ),
        (
            "systems: [(id: \"crm\", name: \"CRM\")]",
            "systems: [(id: \"crm\", name: \"CRM\"), (id: \"mail\", name: \"Mailer\")]",
        ),
    ]);
    let c = diff
        .collections
        .iter()
        .find(|c| c.element == "email")
        .expect("the email changed");
    assert_eq!(c.change, Change::Changed);
    assert_eq!(
        fields(&c.fields),
        vec![
            (
                "purpose".into(),
                some("\"Send the receipt\""),
                some("\"Send the receipt and offers\"")
            ),
            (
                "data_use".into(),
                None,
                some("\"marketing.communications.email\"")
            ),
            ("basis".into(), some("Contract"), some("Consent")),
            ("optional".into(), None, some("true")),
            (
                "stored_in".into(),
                some("[\"crm\"]"),
                some("[\"crm\", \"mail\"]")
            ),
            (
                "repeat_reason".into(),
                None,
                some("\"Asked again on purpose\"")
            ),
            (
                "allow".into(),
                None,
                some("[(rule: \"TP006\", reason: \"Agreed\")]")
            ),
        ]
    );
    assert_eq!(c.fields[0].at.line, 23);
    // Each field in declared order, whatever order the file writes them in.
    assert_eq!(diff.catalogue.len(), 1);
    assert_eq!(
        (diff.catalogue[0].change, diff.catalogue[0].id.as_str()),
        (Change::Added, "mail")
    );
}

#[test]
fn two_takings_of_one_element_match_by_position() {
    let second = "(element: \"email\", purpose: \"Confirm the address\", basis: Contract, retention: \"2 years\", benefit: \"Fewer typos\", repeat_reason: \"Typed twice\")";
    let before = BASE.replacen(
        "            collects: [\n                (\n                    element: \"email\",",
        &format!("            collects: [\n                {second},\n                (\n                    element: \"email\","),
        1,
    );
    let after = before.replacen("Confirm the address", "Confirm the e-mail address", 1);
    let diff = between(&load(&before), &load(&after));
    only(&diff, &["collections"]);
    let c = &diff.collections[0];
    assert_eq!(c.change, Change::Changed);
    assert_eq!(
        fields(&c.fields),
        vec![(
            "purpose".into(),
            some("\"Confirm the address\""),
            some("\"Confirm the e-mail address\"")
        )]
    );
    // Swapping the two takings changes nothing: the first matches the first.
    let swapped = before.replacen(&format!("{second},\n"), "", 1).replacen(
        "                ),\n                (\n                    element: \"dob\"",
        &format!("                ),\n                {second},\n                (\n                    element: \"dob\""),
        1,
    );
    let diff = between(&load(&before), &load(&swapped));
    assert_eq!(diff.collections.len(), 2, "{diff:#?}");
    assert!(diff.collections.iter().all(|c| c.change == Change::Changed));
}

#[test]
fn catalogue_entries_added_removed_and_changed() {
    let diff = edited(&[
        (
            "(id: \"phone\", name: \"Phone\"),",
            "(id: \"phone\", name: \"Phone line\", reads: [\"crm\"]),\n        (id: \"shop\", name: \"Shop\"),",
        ),
        (
            "category: \"user.contact.email\"",
            "category: \"user.contact.email\", description: \"Home or work\"",
        ),
    ]);
    only(&diff, &["catalogue"]);
    let got: Vec<(Change, &str, &str)> = diff
        .catalogue
        .iter()
        .map(|c| (c.change, c.list.as_str(), c.id.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Change::Added, "channels", "shop"),
            (Change::Changed, "channels", "phone"),
            (Change::Changed, "data", "email"),
        ]
    );
    assert_eq!(
        fields(&diff.catalogue[1].fields),
        vec![
            ("name".into(), some("\"Phone\""), some("\"Phone line\"")),
            ("reads".into(), None, some("[\"crm\"]")),
        ]
    );
    assert_eq!(diff.catalogue[1].name.as_deref(), Some("Phone line"));

    let diff = edited(&[
        (
            "        (id: \"phone_number\", name: \"Phone number\", category: \"user.contact.phone_number\"),\n",
            "",
        ),
        ("element: \"phone_number\"", "element: \"email\""),
    ]);
    let removed: Vec<&EntryChange> = diff
        .catalogue
        .iter()
        .filter(|c| c.change == Change::Removed)
        .collect();
    assert_eq!(removed.len(), 1);
    assert_eq!(
        (removed[0].list.as_str(), removed[0].id.as_str()),
        ("data", "phone_number")
    );
    assert_eq!((removed[0].at.side, removed[0].at.line), (Side::Old, 12));
}

#[test]
fn stages_in_a_new_order() {
    let diff = edited(&[(
        "stages: [(id: \"join\", name: \"Join\"), (id: \"use\", name: \"Use\")]",
        "stages: [(id: \"use\", name: \"Use\"), (id: \"join\", name: \"Join\")]",
    )]);
    only(&diff, &["order", "findings"]);
    assert_eq!(diff.order[0].list, "stages");
    assert_eq!(diff.order[0].old, vec!["join", "use"]);
    assert_eq!(diff.order[0].new, vec!["use", "join"]);
}

#[test]
fn the_map_own_fields_dotted() {
    let diff = edited(&[
        ("title: \"Sign-up\"", "title: \"Sign-up and first use\""),
        (
            "(controller: \"Example Ltd\")",
            "(controller: \"Example Ltd\", dpo: \"dpo@example.com\")",
        ),
    ]);
    only(&diff, &["map"]);
    assert_eq!(
        fields(&diff.map),
        vec![
            (
                "meta.title".into(),
                some("\"Sign-up\""),
                some("\"Sign-up and first use\"")
            ),
            (
                "meta.organisation.dpo".into(),
                None,
                some("\"dpo@example.com\"")
            ),
        ]
    );
    assert_eq!(diff.map[0].at.line, 2);
}

#[test]
fn findings_introduced_and_resolved() {
    let diff = edited(&[
        // No lawful basis for the phone number: an error.
        (
            "basis: Contract,\n                    retention: \"30 days\",",
            "retention: \"30 days\",",
        ),
        // The date of birth no longer says how it helps the customer: an advice.
        ("benefit: \"They can open an account\",\n", ""),
    ]);
    let introduced: Vec<(&str, Option<&str>, Option<&str>)> = diff
        .findings
        .introduced
        .iter()
        .map(|f| (f.code, f.step.as_deref(), f.element.as_deref()))
        .collect();
    assert_eq!(
        introduced,
        vec![
            ("TP006", Some("sign-up"), Some("dob")),
            ("TP002", Some("call"), Some("phone_number")),
        ]
    );
    assert_eq!(diff.findings.introduced[1].severity, Severity::Error);
    assert_eq!(diff.findings.introduced[1].at.side, Side::New);
    assert_eq!(diff.findings.introduced_at_least(Severity::Error), 1);
    assert_eq!(diff.findings.introduced_at_least(Severity::Advice), 2);
    assert!(diff.findings.resolved.is_empty());

    // And back: the same findings, resolved, at their places in the old version.
    let text = BASE.replacen(
        "basis: Contract,\n                    retention: \"30 days\",",
        "retention: \"30 days\",",
        1,
    );
    let diff = between(&load(&text), &load(BASE));
    assert_eq!(diff.findings.resolved.len(), 1);
    assert_eq!(diff.findings.resolved[0].code, "TP002");
    assert_eq!(diff.findings.resolved[0].at.side, Side::Old);
    assert_eq!(diff.findings.old.error, 1);
    assert_eq!(diff.findings.new.error, 0);
}

#[test]
fn findings_match_by_what_they_are_about_not_where() {
    // A step inserted before the others moves every index and line, and changes no finding.
    let text = BASE.replacen(
        "    steps: [\n",
        "    steps: [\n        (id: \"look\", title: \"Look around\", channel: \"web\", stage: \"join\"),\n",
        1,
    );
    let without_basis = |t: &str| {
        t.replacen(
            "basis: Contract,\n                    retention: \"30 days\",",
            "retention: \"30 days\",",
            1,
        )
    };
    let diff = between(&load(&without_basis(BASE)), &load(&without_basis(&text)));
    assert_eq!(diff.steps.len(), 1);
    assert!(
        diff.findings
            .introduced
            .iter()
            .all(|f| f.step.as_deref() == Some("look")),
        "{:#?}",
        diff.findings
    );
    assert!(diff.findings.resolved.is_empty(), "{:#?}", diff.findings);
}

#[test]
fn summary_counts_each_kind() {
    let diff = edited(&[
        ("title: \"Call us\"", "title: \"Call the helpline\""),
        ("label: \"needs help\"", "label: \"still stuck\""),
        (
            "basis: Contract,\n                    retention: \"30 days\",",
            "retention: \"30 days\",",
        ),
    ]);
    let s = diff.summary();
    assert_eq!(s.steps.changed, 1);
    assert_eq!(s.flows.relabelled, 1);
    assert_eq!(s.collections.changed, 1);
    assert_eq!(s.introduced.error, 1);
    assert_eq!(s.steps.total() + s.flows.total() + s.collections.total(), 3);
}

#[test]
fn review_decisions_added_and_removed() {
    let review = r#"    flows: [(from: "sign-up", to: "call", label: "needs help")],
    reviews: [(date: "2026-03-01", decisions: [
        (step: "call", element: "phone_number", outcome: Skipped),
    ])],"#;
    let with_review = BASE.replace(
        r#"    flows: [(from: "sign-up", to: "call", label: "needs help")],"#,
        review,
    );
    let more = with_review.replace(
        "outcome: Skipped),",
        "outcome: Skipped),\n        (step: \"sign-up\", element: \"dob\", outcome: Deferred, owner: \"Ana\", due: \"2099-01-01\", note: \"ask legal\"),",
    );
    let d = between(&load(&with_review), &load(&more));
    only(&d, &["decisions"]);
    let added = &d.decisions[0];
    assert_eq!(added.change, Change::Added);
    assert_eq!(
        (
            added.date.as_str(),
            added.step.as_str(),
            added.element.as_str(),
            added.outcome
        ),
        ("2026-03-01", "sign-up", "dob", "deferred")
    );
    assert_eq!(added.owner.as_deref(), Some("Ana"));
    assert_eq!(added.at.side, Side::New);
    let line = more[..more
        .find("(step: \"sign-up\", element: \"dob\"")
        .expect("in text")]
        .matches('\n')
        .count() as u32
        + 1;
    assert_eq!(added.at.line, line, "at the decision itself: {added:?}");
    assert_eq!(d.summary().decisions.added, 1);
    // The other way: removed, placed in the old version.
    let d = between(&load(&more), &load(&with_review));
    only(&d, &["decisions"]);
    assert_eq!(d.decisions[0].change, Change::Removed);
    assert_eq!(d.decisions[0].at.side, Side::Old);
    // A whole review added is its decisions added, not a catalogue entry.
    let d = between(&load(BASE), &load(&with_review));
    only(&d, &["decisions"]);
    assert!(between(&load(&more), &load(&more)).is_empty());
}
