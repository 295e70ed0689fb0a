//! What the exports say about a map, beyond their syntax: every step drawn once, boxes that
//! never overlap, the record of processing naming what is missing.

use touchpoint_engine::journey::Journey;
use touchpoint_engine::journey::synthetic::{Shape, generate};
use touchpoint_engine::mapfile::{load, load_str};
use touchpoint_export::{ExportContext, Options, find};

fn export_journey(id: &str, journey: &Journey, options: &Options) -> String {
    let analysis = touchpoint_engine::analysis::Analysis::of_journey(journey);
    let ctx = ExportContext::new("generated.ron", journey, &analysis, options);
    run(id, &ctx)
}

fn run(id: &str, ctx: &ExportContext<'_>) -> String {
    find(id)
        .expect("a known format")
        .export(ctx)
        .unwrap_or_else(|e| panic!("{id} exports: {e}"))
}

fn export_text(id: &str, name: &str, text: &str) -> String {
    let map = load_str(name, text.to_string()).expect("the map loads");
    let analysis = map.analyse();
    let options = Options::default();
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
    run(id, &ctx)
}

#[derive(Debug, Clone, Copy)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

fn attr(node: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("a numeric {name}"))
}

/// The step boxes of a native SVG export.
fn step_boxes(svg: &str) -> (Vec<Rect>, f64, f64) {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    let root = doc.root_element();
    let boxes = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("step"))
        .map(|g| {
            let r = g
                .children()
                .find(|c| c.tag_name().name() == "rect")
                .expect("a step has a rect");
            Rect {
                x: attr(r, "x"),
                y: attr(r, "y"),
                w: attr(r, "width"),
                h: attr(r, "height"),
            }
        })
        .collect();
    (boxes, attr(root, "width"), attr(root, "height"))
}

#[test]
fn svg_boxes_never_overlap_and_stay_on_the_page() {
    let journey = Journey::from_document(generate(Shape::with_steps(1_000)));
    let svg = export_journey("svg", &journey, &Options::default());
    let (mut boxes, width, height) = step_boxes(&svg);
    assert_eq!(boxes.len(), 1_000, "one box per step");
    for b in &boxes {
        assert!(b.x >= 0.0 && b.y >= 0.0 && b.x + b.w <= width && b.y + b.h <= height);
    }
    // Sweep by x then y: overlapping boxes would share a column and cross vertically.
    boxes.sort_by(|a, b| (a.x, a.y).partial_cmp(&(b.x, b.y)).expect("numbers"));
    for pair in boxes.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.x == b.x {
            assert!(a.y + a.h <= b.y, "boxes overlap: {a:?} and {b:?}");
        } else {
            assert!(a.x + a.w <= b.x || a.x != b.x, "columns overlap");
        }
    }
}

#[test]
fn svg_of_one_stage_holds_only_its_steps() {
    let journey = Journey::from_document(generate(Shape::with_steps(300)));
    let options = Options {
        stage: Some("st2".to_string()),
        ..Options::default()
    };
    let svg = export_journey("svg", &journey, &options);
    let (boxes, _, _) = step_boxes(&svg);
    let in_stage = journey.steps().filter(|(_, s)| s.stage == "st2").count();
    assert_eq!(boxes.len(), in_stage);
}

/// Step titles drawn as PlantUML activities (`:...;`, possibly coloured).
fn plantuml_activities(puml: &str) -> Vec<String> {
    puml.lines()
        .map(str::trim_start)
        .filter_map(|l| {
            let body = if l.starts_with('#') {
                l.split_once(':').map(|(_, b)| b)
            } else {
                l.strip_prefix(':')
            }?;
            let title = body.strip_prefix("<b>")?.split("</b>").next()?;
            Some(title.trim_start_matches(['✖', '▲', '◆', ' ']).to_string())
        })
        .collect()
}

#[test]
fn plantuml_draws_every_step_exactly_once() {
    let journey = Journey::from_document(generate(Shape::with_steps(1_000)));
    let puml = export_journey("plantuml", &journey, &Options::default());
    let mut drawn = plantuml_activities(&puml);
    let mut titles: Vec<String> = journey.steps().map(|(_, s)| s.title.clone()).collect();
    drawn.sort();
    titles.sort();
    assert_eq!(drawn, titles);
    let count = |word: &str| puml.lines().filter(|l| l.trim() == word).count();
    assert_eq!(count("split"), count("end split"), "every split is closed");
    assert!(
        count("split again") >= count("split"),
        "a split has two branches or more"
    );
}

#[test]
fn plantuml_draws_a_cycle_with_no_entry() {
    let puml = export_text(
        "plantuml",
        "cycle.ron",
        r#"(meta: (title: "Loop"), channels: [(id: "w", name: "Web")],
            stages: [(id: "s", name: "S")],
            steps: [(id: "a", title: "A", channel: "w", stage: "s"),
                    (id: "b", title: "B", channel: "w", stage: "s")],
            flows: [(from: "a", to: "b"), (from: "b", to: "a")])"#,
    );
    assert_eq!(plantuml_activities(&puml), vec!["A", "B"]);
    assert!(puml.contains("start\n"));
    assert!(puml.contains("note right: continues at"));
}

#[test]
fn an_empty_map_exports_in_every_format() {
    let text = r#"(meta: (title: "Empty"))"#;
    for e in touchpoint_export::EXPORTERS {
        let out = export_text(e.id(), "empty.ron", text);
        assert!(!out.is_empty(), "{} says something", e.id());
    }
}

const RECORD_MAP: &str = r#"(
    meta: (title: "Record", personas: ["Shopper"]),
    channels: [(id: "web", name: "Web")],
    stages: [(id: "buy", name: "Buy")],
    systems: [
        (id: "crm", name: "CRM", processor: "Cloud Inc.", third_country: "United States"),
        (id: "shop", name: "Shop", security: "TLS; access reviews"),
    ],
    data: [
        (id: "email", name: "Email", category: "user.contact.email"),
        (id: "health", name: "Allergies", category: "user.health_and_medical"),
        (id: "dob", name: "Date of birth", category: "user.demographic.date_of_birth"),
    ],
    steps: [(id: "order", title: "Order", channel: "web", stage: "buy", collects: [
        (element: "email", purpose: "Send the receipt", basis: Contract, retention: "6 years", stored_in: ["crm", "shop"]),
        (element: "health", purpose: "Warn about allergens", basis: Consent),
        (element: "dob", purpose: "Check the buyer is an adult", basis: LegalObligation, method: Verified),
    ])],
)"#;

#[test]
fn the_record_says_missing_where_the_map_is_silent() {
    let md = export_text("ropa-md", "record.ron", RECORD_MAP);
    for expected in [
        "| Controller | Art. 30(1)(a) | **missing** |",
        "**missing: safeguards for the transfer to United States (CRM)**",
        "**missing: security measures of CRM**",
        "Shop: TLS; access reviews",
        "Cloud Inc. (processor, runs CRM)",
        "**missing: Art. 9(2) condition for Allergies**",
        "**missing: erasure time limit for Allergies at “Order”**",
        "Date of birth: not kept (verified and discarded)",
        "Email: 6 years",
        "| Categories of data subjects | Art. 30(1)(c) | Shopper |",
    ] {
        assert!(
            md.contains(expected),
            "the record lacks {expected:?}:\n{md}"
        );
    }
    // Three purposes, three activities, in file order.
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        vec![
            "## This record",
            "## Controller",
            "## 1. Send the receipt",
            "## 2. Warn about allergens",
            "## 3. Check the buyer is an adult"
        ]
    );
    let csv = export_text("ropa-csv", "record.ron", RECORD_MAP);
    assert_eq!(csv.lines().count(), 4, "a header and one row per purpose");
}

#[test]
fn the_record_reads_the_analysis_for_what_is_missing() {
    // An Art. 10 authority on health data: TP003 fires, so the record must not list the
    // condition as satisfied (it used to).
    let text = RECORD_MAP.replace(
        r#"purpose: "Warn about allergens", basis: Consent"#,
        r#"purpose: "Warn about allergens", basis: Consent, condition: AuthorisedByLaw"#,
    );
    let map = touchpoint_engine::mapfile::load_str("record.ron", text.clone()).expect("loads");
    assert!(map.check().iter().any(|f| f.rule.code == "TP003"));
    let md = export_text("ropa-md", "record.ron", &text);
    assert!(
        md.contains(
            "**missing: Art. 9(2) condition for Allergies (authorised by law is Art. 10, \
             which does not apply)**"
        ),
        "{md}"
    );
    assert!(
        !md.contains("authorised by law (Art. 10) for Allergies"),
        "{md}"
    );
    // Retention stated for a system covers what is kept there, for the rules and the record.
    let text = RECORD_MAP
        .replace(
            r#"(id: "shop", name: "Shop", security: "TLS; access reviews")"#,
            r#"(id: "shop", name: "Shop", security: "TLS; access reviews", retention: "2 years")"#,
        )
        .replace(
            r#"basis: Consent)"#,
            r#"basis: Consent, condition: ExplicitConsent, stored_in: ["shop"])"#,
        );
    let map = touchpoint_engine::mapfile::load_str("record.ron", text.clone()).expect("loads");
    assert!(!map.check().iter().any(|f| f.rule.code == "TP005"));
    let md = export_text("ropa-md", "record.ron", &text);
    assert!(
        md.contains("Allergies: 2 years (retention of Shop)"),
        "{md}"
    );
}

#[test]
fn purposes_group_collections_across_steps() {
    let map = load(&crate::workspace::file("maps/broadband-fault.ron")).expect("loads");
    let analysis = map.analyse();
    let options = Options::default();
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
    let md = run("ropa-md", &ctx);
    let activities = md
        .lines()
        .filter(|l| l.starts_with("## ") && l != &"## Controller" && l != &"## This record")
        .count();
    let purposes: std::collections::BTreeSet<String> = map
        .journey
        .steps()
        .flat_map(|(_, s)| s.collects.iter().filter_map(|c| c.purpose.clone()))
        .map(|p| p.trim().to_lowercase())
        .collect();
    assert!(
        activities <= purposes.len() + 1,
        "one activity per distinct purpose"
    );
    assert!(activities >= 3);
}

#[test]
fn blank_names_fall_back_to_ids() {
    let text = std::fs::read_to_string(crate::workspace::file("tests/fixtures/blank-labels.ron"))
        .expect("fixture");
    let puml = export_text("plantuml", "blank.ron", &text);
    assert!(!puml.contains("||"), "no empty swimlane");
    assert!(puml.contains("|c1|") && puml.contains("|c2|"));
    let dot = export_text("dot", "blank.ron", &text);
    assert!(!dot.contains("<B></B>"), "Graphviz rejects empty bold text");
    let journey = export_text("mermaid-journey", "blank.ron", &text);
    assert!(journey.contains("section s1") && journey.contains(": 3: c2"));
    assert!(!journey.contains("section \n"));
    let flowchart = export_text("mermaid-flowchart", "blank.ron", &text);
    assert!(!flowchart.contains("[\"\"]"), "no empty Mermaid label");
    assert!(flowchart.contains("Untitled journey"));
}

#[test]
fn exports_name_the_map_file_but_not_the_folder_it_was_in() {
    let text = std::fs::read_to_string(crate::workspace::file("maps/broadband-fault.ron"))
        .expect("read the sample");
    for id in ["html", "ropa-md"] {
        let here = export_text(id, "broadband-fault.ron", &text);
        let there = export_text(id, "/home/alice/private/broadband-fault.ron", &text);
        assert_eq!(here, there, "{id}: the same map gives the same bytes");
        assert!(here.contains("broadband-fault.ron"), "{id} names the map");
        assert!(!there.contains("alice"), "{id} leaks the folder");
    }
}

/// Collections that name one activity are one activity, whatever their purposes say; the
/// others fall back to their purpose.
const ACTIVITY_MAP: &str = r#"(
    meta: (title: "Returns", personas: ["Shopper"], organisation: (controller: "Shop Ltd", owner: "Privacy team")),
    channels: [(id: "web", name: "Web"), (id: "chat", name: "Chat")],
    stages: [(id: "ret", name: "Return")],
    data: [(id: "order", name: "Order number", category: "user.unique_id")],
    steps: [
        (id: "a", title: "Start a return", channel: "web", stage: "ret", collects: [
            (element: "order", purpose: "Find the order to return", activity: "Order lookup", basis: Contract, retention: "2 years"),
        ]),
        (id: "b", title: "Ask in chat", channel: "chat", stage: "ret", collects: [
            (element: "order", purpose: "Find the online order", activity: "order  LOOKUP", basis: Contract, retention: "3 years"),
        ]),
        (id: "c", title: "Review", channel: "web", stage: "ret", collects: [
            (element: "order", purpose: "Improve the returns page", basis: LegitimateInterests, retention: "1 year"),
        ]),
    ],
)"#;

const REVIEWED: &str = r#"(
    meta: (title: "Minutes <b>test</b>"),
    channels: [(id: "web", name: "Web")],
    stages: [(id: "buy", name: "Buy")],
    data: [
        (id: "email", name: "Email", category: "user.contact.email"),
        (id: "dob", name: "Date of birth", category: "user.demographic.date_of_birth"),
    ],
    steps: [(id: "a", title: "Sign | up", channel: "web", stage: "buy",
             collects: [(element: "email", purpose: "Receipts", basis: Contract)])],
    reviews: [
        (date: "2026-01-01", decisions: [(step: "a", element: "email", outcome: Skipped)]),
        (
            date: "2026-11-29",
            participants: ["Ana <DPO>", "Ben | CX"],
            decisions: [
                (step: "a", element: "email", outcome: Justified, note: "*agreed* <script>x</script>"),
                (step: "a", element: "dob", outcome: Dropped, note: "not needed"),
                (step: "gone", element: "email", outcome: Deferred, owner: "Ana", due: "2027-01-15"),
            ],
            findings: (before: (error: 2, warning: 1, advice: 0), after: (error: 1, warning: 1)),
        ),
    ],
)"#;

#[test]
fn activities_group_collections_and_the_record_says_who_and_what_made_it() {
    let md = export_text("ropa-md", "returns.ron", ACTIVITY_MAP);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        vec![
            "## This record",
            "## Controller",
            "## 1. Order lookup",
            "## 2. Improve the returns page"
        ]
    );
    // Two erasure limits for one element in one activity, but for purposes the analysis
    // does not call the same (no TP021): both listed, no conflict claimed.
    assert!(
        md.contains("Order number: 2 years<br>Order number: 3 years"),
        "{md}"
    );
    assert!(!md.contains("one erasure time limit"), "{md}");
    // Where the analysis reports them inconsistent (TP021), the record shows the conflict.
    let sample = std::fs::read_to_string(crate::workspace::file("maps/broadband-fault.ron"))
        .expect("read the sample");
    let record = export_text("ropa-md", "broadband-fault.ron", &sample);
    assert!(
        record.contains(
            "**missing: one erasure time limit for Mobile number in this activity (TP021): the \
             map gives 2 (Deleted 7 days after the outage is closed / Life of the contract plus \
             6 years)**"
        ),
        "{record}"
    );
    // Both purposes are listed under the one activity.
    assert!(
        md.contains("| Find the order to return<br>Find the online order |"),
        "{md}"
    );
    assert!(md.contains("| Owner of the record | Art. 5(2) | Privacy team |"));
    assert!(md.contains(&format!(
        "made by touchpoint {}",
        touchpoint_export::VERSION
    )));
    assert!(!md.contains("| Date |"), "no date unless asked for");
    // Nothing states a third country, and the map does not say that none is all: "not
    // stated". Once the organisation says the named ones are all, "none".
    assert!(md.contains("_not stated: no system is named where this data is kept_"));
    assert!(!md.contains("_none: no system or recipient of this data is outside the EEA"));
    let complete = ACTIVITY_MAP.replace(
        ", owner: \"Privacy team\"",
        ", owner: \"Privacy team\", transfers: OnlyThoseNamed",
    );
    assert_ne!(complete, ACTIVITY_MAP, "the fixture names its owner");
    let md_complete = export_text("ropa-md", "returns.ron", &complete);
    assert!(
        md_complete.contains("_none: no system or recipient of this data is outside the EEA"),
        "{md_complete}"
    );
    assert!(!md_complete.contains("_not stated"), "{md_complete}");
    let csv = export_text("ropa-csv", "returns.ron", ACTIVITY_MAP);
    let header = csv.lines().next().expect("a header");
    assert!(header.starts_with("Activity,Owner of the record,Version,Controller,"));
    assert_eq!(csv.lines().count(), 3, "a header and one row per activity");
    // Without an owner, the record says it is missing.
    let unowned = ACTIVITY_MAP.replace(", owner: \"Privacy team\"", "");
    let md = export_text("ropa-md", "returns.ron", &unowned);
    assert!(
        md.contains("| Owner of the record | Art. 5(2) | **missing: who keeps this record current")
    );
}

#[test]
fn the_inventory_csv_has_human_headings_benefit_repeat_reason_and_marks_missing_retention() {
    let csv = export_text("inventory-csv", "record.ron", RECORD_MAP);
    let mut lines = csv.lines();
    let header = lines.next().expect("a header");
    assert!(
        header.starts_with("Step id,Step,Channel,Stage,"),
        "{header}"
    );
    for heading in [
        "Benefit to the customer",
        "How taken",
        "Repeat reason",
        "Retention",
    ] {
        assert!(
            header.split(',').any(|h| h == heading),
            "{heading} in {header}"
        );
    }
    let retention = header
        .split(',')
        .position(|h| h == "Retention")
        .expect("a retention column");
    let cells: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    // Email kept 6 years; allergies: nothing stated; date of birth verified and discarded.
    assert_eq!(cells[0][retention], "6 years");
    assert_eq!(cells[1][retention], "missing");
    assert_eq!(cells[2][retention], "not kept (verified and discarded)");
    assert!(
        !csv.starts_with('\u{feff}'),
        "no byte-order mark by default"
    );
}

#[test]
fn the_minutes_give_the_latest_review_with_text_escaped() {
    let md = export_text("minutes-md", "reviewed.ron", REVIEWED);
    assert!(md.contains("Review of 2026-11-29"), "{md}");
    assert!(md.contains("(after one earlier review)"), "{md}");
    assert!(
        md.contains("**Participants:** Ana &lt;DPO&gt;, Ben \\| CX"),
        "{md}"
    );
    assert!(
        md.contains("**Findings:** before 2 errors, 1 warning, 0 advice · after 1 error, 1 warning, 0 advice"),
        "{md}"
    );
    assert!(md.contains("| Sign \\| up (Web) | Email | justified | \\*agreed\\* &lt;script&gt;x&lt;/script&gt; |"), "{md}");
    assert!(
        md.contains("| Ana | 2027-01-15 | gone | Email |"),
        "a step gone since shows by id: {md}"
    );
    assert!(
        md.contains("## Collections dropped\n\n- Date of birth at Sign \\| up (Web)"),
        "{md}"
    );
    let html = export_text("minutes-html", "reviewed.ron", REVIEWED);
    assert!(
        html.contains("<title>Review minutes: Minutes &lt;b&gt;test&lt;/b&gt;</title>"),
        "{html}"
    );
    assert!(html.contains("Ana &lt;DPO&gt;, Ben | CX"), "{html}");
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("<li>Date of birth at Sign | up (Web)</li>"),
        "{html}"
    );
    // A map with no review says so.
    let none = export_text("minutes-md", "plain.ron", r#"(meta: (title: "Plain"))"#);
    assert!(
        none.contains("No review is recorded in `plain.ron`"),
        "{none}"
    );
}

#[test]
fn the_record_lists_whom_data_is_about_where_it_comes_from_and_who_receives_it() {
    // Art. 30(1)(c), (d), (e): a payee's details (about someone else), a credit report from
    // an agency (Art. 14), and a disclosure to a group company outside the EEA.
    let text = RECORD_MAP
        .replace(
            r#"    data: ["#,
            r#"    parties: [
        (id: "cra", name: "Credit Agency Ltd", kind: IndependentController),
        (id: "group", name: "Group Services Inc.", kind: GroupCompany, third_country: "Canada", safeguards: "Adequacy decision"),
    ],
    subjects: [(id: "payee", name: "Payee")],
    data: [
        (id: "credit", name: "Credit report", category: "user.financial"),"#,
        )
        .replace(
            r#"(element: "email", purpose: "Send the receipt", basis: Contract, retention: "6 years", stored_in: ["crm", "shop"]),"#,
            r#"(element: "email", purpose: "Send the receipt", basis: Contract, retention: "6 years", stored_in: ["crm", "shop"], shared_with: ["group"]),
        (element: "email", purpose: "Send the receipt", basis: Contract, retention: "6 years", about: "payee", stored_in: ["shop"]),
        (element: "credit", purpose: "Send the receipt", basis: Contract, retention: "6 years", method: ThirdParty, source: "cra", stored_in: ["shop"]),"#,
        );
    let md = export_text("ropa-md", "record.ron", &text);
    let receipt = md
        .split("## ")
        .find(|s| s.starts_with("1. Send the receipt"))
        .unwrap_or_else(|| panic!("the receipt activity:\n{md}"));
    for expected in [
        "Shopper<br>Payee",
        "Email (user.contact.email, about Payee)",
        "Credit report (user.financial, from Credit Agency Ltd (independent controller))",
        "Group Services Inc. (group company)",
        "Canada",
        "Adequacy decision",
    ] {
        assert!(
            receipt.contains(expected),
            "the record lacks {expected:?}:\n{receipt}"
        );
    }
    // Without them, none of it is listed.
    let plain = export_text("ropa-md", "record.ron", RECORD_MAP);
    for absent in ["Payee", "Credit Agency", "Group Services", "Canada"] {
        assert!(!plain.contains(absent), "{absent}:\n{plain}");
    }
}

#[test]
fn mermaid_refuses_a_map_over_its_edge_limit_from_the_map_alone() {
    let mermaid = find("mermaid-flowchart").expect("the format exists");
    let big = Journey::from_document(generate(Shape::with_steps(1_000)));
    let options = Options::default();
    let refused = mermaid
        .precheck("big.ron", &big, &options)
        .expect_err("over 500 flows and hand-overs");
    assert!(
        refused.to_string().contains("over Mermaid's limit of 500"),
        "{refused}"
    );
    // The same refusal as the export itself gives, findings or not.
    let analysis = touchpoint_engine::analysis::Analysis::of_journey(&big);
    let ctx = ExportContext::new("big.ron", &big, &analysis, &options);
    assert_eq!(mermaid.export(&ctx).expect_err("refused"), refused);
    // One stage of it fits, and so does an example map; other formats have no such limit.
    let one_stage = Options {
        stage: Some(big.stages[0].id.clone()),
        ..Options::default()
    };
    assert!(mermaid.precheck("big.ron", &big, &one_stage).is_ok());
    let example = load(std::path::Path::new("../../maps/broadband-fault.ron")).expect("loads");
    assert!(
        mermaid
            .precheck("x.ron", &example.journey, &options)
            .is_ok()
    );
    let svg = find("svg").expect("the format exists");
    assert!(svg.precheck("big.ron", &big, &options).is_ok());
}
