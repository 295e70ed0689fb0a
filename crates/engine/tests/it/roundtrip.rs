//! Property tests: any map that saves also loads back unchanged, and saving is atomic.

use proptest::prelude::*;
use touchpoint_engine::journey::{
    Actor, Allow, Case, Channel, Collection, Condition, ConsentMethod, CustomCategory, DataElement,
    Decision, DecisionBasis, Document, Flow, Journey, LawfulBasis, Masked, Meta, Method,
    Organisation, Party, PartyKind, Sensitivity, Stage, Step, Subject, System,
};
use touchpoint_engine::mapfile::{load_str, to_ron};
use touchpoint_engine::output::write_atomic;

/// Text a person might type, including quotes, escapes, newlines, emoji and RTL script.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,20}",
        "\\PC{0,12}",
        Just("quote \" backslash \\ brace } paren ) hash # r#\"raw\"#".to_string()),
        Just("line one\nline two\ttab".to_string()),
        Just("emoji 😀 and العربية".to_string()),
    ]
}

fn id() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_-]{0,8}"
}

fn basis() -> impl Strategy<Value = LawfulBasis> {
    proptest::sample::select(LawfulBasis::ALL.to_vec())
}

fn condition() -> impl Strategy<Value = Condition> {
    proptest::sample::select(vec![
        Condition::ExplicitConsent,
        Condition::HealthCare,
        Condition::AuthorisedByLaw,
    ])
}

fn method() -> impl Strategy<Value = Method> {
    proptest::sample::select(vec![
        Method::Asked,
        Method::Verified,
        Method::Observed,
        Method::Inferred,
        Method::ThirdParty,
    ])
}

fn collection(elements: Vec<String>, systems: Vec<String>) -> impl Strategy<Value = Collection> {
    (
        proptest::sample::select(elements),
        proptest::option::of(text()),
        proptest::option::of(basis()),
        proptest::option::of(condition()),
        proptest::option::of(text()),
        method(),
        any::<bool>(),
        proptest::sample::subsequence(systems.clone(), 0..=systems.len()),
        proptest::option::of(text()),
        proptest::collection::vec(text(), 0..2),
    )
        .prop_map(
            |(
                element,
                purpose,
                basis,
                condition,
                retention,
                method,
                optional,
                stored_in,
                repeat_reason,
                reasons,
            )| Collection {
                element,
                purpose,
                data_use: None,
                basis,
                condition,
                retention,
                benefit: None,
                method,
                optional,
                stored_in,
                repeat_reason,
                allow: reasons
                    .into_iter()
                    .map(|reason| Allow {
                        rule: "TP007".into(),
                        reason: format!("r {reason}"),
                    })
                    .collect(),
                ..Collection::default()
            },
        )
}

prop_compose! {
    fn document()(
        title in text(),
        description in proptest::option::of(text()),
        personas in proptest::collection::vec(text(), 0..3),
        controller in proptest::option::of(text()),
        channel_ids in proptest::collection::btree_set(id(), 1..4),
        stage_ids in proptest::collection::btree_set(id(), 1..4),
        system_ids in proptest::collection::btree_set(id(), 0..3),
        element_ids in proptest::collection::btree_set(id(), 1..5),
        step_count in 1usize..8,
        seed in any::<u64>(),
    ) -> (Document, u64, usize) {
        let channels: Vec<Channel> = channel_ids.iter().map(|c| Channel { id: c.clone(), name: format!("Channel {c}"), reads: system_ids.iter().take(1).cloned().collect(), ..Channel::default() }).collect();
        let stages = stage_ids.iter().map(|s| Stage { id: s.clone(), name: s.to_uppercase() }).collect();
        let systems = system_ids.iter().map(|s| System { id: s.clone(), name: s.clone(), third_country: Some("US".into()), ..System::default() }).collect();
        let data = element_ids.iter().map(|e| DataElement { id: e.clone(), name: e.clone(), category: "user.contact.email".into(), ..DataElement::default() }).collect();
        let doc = Document {
            meta: Meta {
                title: format!("t {title}"),
                description,
                personas,
                organisation: controller.map(|c| Organisation { controller: c, ..Organisation::default() }),
            },
            channels,
            stages,
            systems,
            data,
            steps: Vec::new(),
            flows: Vec::new(),
            ..Document::default()
        };
        (doc, seed, step_count)
    }
}

fn full_document() -> impl Strategy<Value = Document> {
    document()
        .prop_flat_map(|(doc, seed, n)| {
            let elements: Vec<String> = doc.data.iter().map(|e| e.id.clone()).collect();
            let systems: Vec<String> = doc.systems.iter().map(|s| s.id.clone()).collect();
            let channels: Vec<String> = doc.channels.iter().map(|c| c.id.clone()).collect();
            let stages: Vec<String> = doc.stages.iter().map(|s| s.id.clone()).collect();
            let step = (
                text(),
                proptest::sample::select(channels),
                proptest::sample::select(stages),
                proptest::sample::select(vec![Actor::Customer, Actor::Agent, Actor::System]),
                -2i8..=2,
                proptest::option::of(text()),
                proptest::collection::vec(text(), 0..2),
                any::<bool>(),
                proptest::collection::vec(collection(elements, systems), 0..4),
            );
            (
                Just(doc),
                proptest::collection::vec(step, n..=n),
                Just(seed),
            )
        })
        .prop_map(|(mut doc, steps, seed)| {
            doc.steps = steps
                .into_iter()
                .enumerate()
                .map(
                    |(
                        i,
                        (
                            title,
                            channel,
                            stage,
                            actor,
                            emotion,
                            notes,
                            pain_points,
                            entry,
                            collects,
                        ),
                    )| Step {
                        id: format!("step-{i}"),
                        title: format!("s {title}"),
                        channel,
                        stage,
                        actor,
                        emotion,
                        notes,
                        pain_points,
                        entry,
                        collects,
                        ..Step::default()
                    },
                )
                .collect();
            let n = doc.steps.len();
            let mut s = seed;
            for i in 0..n {
                for j in 0..n {
                    s = s
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    if i != j && (s >> 60) < 3 {
                        doc.flows.push(Flow {
                            from: format!("step-{i}"),
                            to: format!("step-{j}"),
                            label: (s >> 59 & 1 == 1).then(|| "a \"label\"".into()),
                            cases: Vec::new(),
                        });
                    }
                }
            }
            enrich(&mut doc, seed);
            doc
        })
}

/// The fields added for analyser fidelity, set from `seed`'s bits so that every one of them
/// is exercised (and each also left out): parties, data subjects, cases, named entries, a
/// declared category, masked fields, system retention and security, consent, whom data is
/// about, its source and recipients, forms that keep nothing, automated decisions.
fn enrich(doc: &mut Document, seed: u64) {
    let bit = |k: u32| (seed.rotate_left(k * 7) >> 3) & 1 == 1;
    doc.parties = vec![Party {
        id: "cra".into(),
        name: "Credit \"agency\"".into(),
        kind: if bit(1) {
            PartyKind::PublicAuthority
        } else {
            PartyKind::default()
        },
        third_country: bit(2).then(|| "US".into()),
        safeguards: bit(3).then(|| "SCCs".into()),
        ..Party::default()
    }];
    doc.subjects = vec![Subject {
        id: "kin".into(),
        name: "Next of kin".into(),
        description: bit(4).then(|| "emoji 😀".into()),
    }];
    doc.cases = vec![Case {
        id: "new".into(),
        name: "New customer".into(),
        description: None,
    }];
    if bit(5) {
        doc.categories = vec![CustomCategory {
            key: "user.contact.pager".into(),
            parent: "user.contact".into(),
            sensitivity: Sensitivity::Ordinary,
            name: Some("Pager".into()),
            description: None,
        }];
        if let Some(e) = doc.data.first_mut() {
            e.category = "user.contact.pager".into();
        }
    }
    if let Some(e) = doc.data.last_mut() {
        e.may_contain = if bit(6) {
            vec![Sensitivity::SpecialCategory]
        } else {
            Vec::new()
        };
    }
    let first_element = doc.data.first().map(|e| e.id.clone());
    for (i, c) in doc.channels.iter_mut().enumerate() {
        if bit(7 + i as u32)
            && let (Some(system), Some(element)) = (c.reads.first(), &first_element)
        {
            c.masked = vec![Masked {
                system: system.clone(),
                elements: vec![element.clone()],
            }];
        }
    }
    for (i, s) in doc.systems.iter_mut().enumerate() {
        s.retention = bit(10 + i as u32).then(|| "6 years \"after\"".into());
        s.security = bit(13 + i as u32).then(|| "encrypted\nline two".into());
        s.safeguards = bit(16 + i as u32).then(|| "SCCs".into());
    }
    if bit(19) && !doc.steps.is_empty() {
        doc.entries = vec![doc.steps[0].id.clone()];
    }
    for (i, step) in doc.steps.iter_mut().enumerate() {
        let i = i as u32;
        step.lost_if_abandoned = bit(20 + i);
        step.decision = bit(28 + i).then(|| Decision {
            effect: "whether to open the account".into(),
            basis: bit(36 + i).then_some(DecisionBasis::Contract),
            human_review: bit(44 + i).then(|| "Ask for a review".into()),
        });
        for (j, col) in step.collects.iter_mut().enumerate() {
            let k = i * 3 + j as u32;
            col.data_use = bit(k).then(|| "essential.service".into());
            col.benefit = bit(k + 1).then(|| "Updates".into());
            col.consent = bit(k + 2).then_some(ConsentMethod::UntickedBox);
            col.about = bit(k + 3).then(|| "kin".into());
            col.shared_with = if bit(k + 4) {
                vec!["cra".into()]
            } else {
                Vec::new()
            };
            col.source = (col.method == Method::ThirdParty && bit(k + 5)).then(|| "cra".into());
        }
    }
    for (i, flow) in doc.flows.iter_mut().enumerate() {
        if bit(50 + (i as u32 % 14)) {
            flow.cases = vec!["new".into()];
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn save_then_load_gives_the_same_map(doc in full_document()) {
        let text = to_ron(&doc).expect("serialises");
        let map = load_str("roundtrip.ron", text.clone())
            .unwrap_or_else(|e| panic!("saved map loads: {e}\n{text}"));
        prop_assert_eq!(&map.journey.to_document(), &doc);
        // Saving what was loaded changes nothing, so a save never churns a git diff.
        prop_assert_eq!(to_ron(&map.journey.to_document()).expect("serialises"), text);
    }

    #[test]
    fn the_graph_matches_the_document(doc in full_document()) {
        let journey = Journey::from_document(doc.clone());
        prop_assert_eq!(journey.step_count(), doc.steps.len());
        prop_assert_eq!(journey.graph.edge_count(), doc.flows.len());
        for (i, (_, step)) in journey.steps().enumerate() {
            prop_assert_eq!(&step.id, &doc.steps[i].id);
        }
    }
}

#[test]
fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("map.ron");
    std::fs::write(&path, "old").expect("write");
    write_atomic(&path, "new").expect("atomic write");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("map.ron")]);
}

#[test]
fn atomic_write_into_a_missing_folder_fails_without_touching_anything() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("missing").join("map.ron");
    assert!(write_atomic(&path, "x").is_err());
    assert!(!path.exists());
}
