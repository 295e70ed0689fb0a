//! Placeholder texts: only a whole text that says nothing counts as missing.

use super::fixture::{at, hits, one};

#[test]
fn a_real_sentence_starting_with_none_or_nothing_is_a_justification() {
    let c = r#"(element: "email", purpose: "None other than sending the newsletter they asked for",
        basis: Consent, optional: true, retention: "Nothing is kept after they unsubscribe",
        benefit: "Nothing to set up again by hand", stored_in: ["crm"])"#;
    let f = one(c.into());
    for code in ["TP001", "TP005", "TP006"] {
        assert!(hits(&f, code).is_empty(), "{code}: {f:#?}");
    }
}

#[test]
fn a_whole_text_that_says_nothing_is_a_placeholder() {
    for (purpose, retention, benefit) in [
        ("None", "n/a", "-"),
        ("tbd", "TODO", "Nothing"),
        ("?", "--", "None to the customer"),
    ] {
        let c = format!(
            r#"(element: "email", purpose: "{purpose}", basis: Contract, retention: "{retention}",
                benefit: "{benefit}", stored_in: ["crm"])"#
        );
        let f = one(c);
        for code in ["TP001", "TP005", "TP006"] {
            assert_eq!(
                hits(&f, code),
                vec![at("a", "email")],
                "{code} on {purpose:?}"
            );
        }
    }
}
