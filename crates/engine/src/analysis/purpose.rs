//! "The same purpose", defined once for every rule and record that compares purposes.
//!
//! A collection's purpose is its `purpose` text when it states one; its `data_use` key decides
//! only when no text is given. Texts are compared ignoring case, spacing and a final full stop,
//! so "Send offers." and "send  offers" are one purpose. A data-use key classifies a purpose;
//! it does not make two collections with the same stated purpose different, nor the same.
//! TP009 (repeated in a step), TP010 (conflicting bases), TP021 (inconsistent retention), the
//! repeat messages and the record of processing all group by [`key`].

use super::numbers::Numbers;
use super::placeholder::is_placeholder;
use crate::journey::{Collection, Journey};

/// What a collection is for, normalised for comparison. Equal keys mean the same purpose.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PurposeKey(String);

/// The purpose of `col`, or `None` when it states none (no text and no data use, or only
/// placeholders such as "tbd" and fideslang's `collect`).
pub fn key(col: &Collection) -> Option<PurposeKey> {
    let mut key = String::new();
    key_into(col, &mut key).then_some(PurposeKey(key))
}

/// Writes `col`'s purpose key into `out` (empty), or returns false when it states none.
fn key_into(col: &Collection, out: &mut String) -> bool {
    if let Some(text) = stated_text(col) {
        out.reserve("purpose:".len() + text.len());
        out.push_str("purpose:");
        normalise_into(text, out);
        return true;
    }
    match stated_use(col) {
        Some(u) => {
            out.push_str("data_use:");
            out.push_str(u);
            true
        }
        None => false,
    }
}

/// A purpose numbered within one analysis: equal numbers mean the same purpose (as [`key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct PurposeId(u32);

/// Every collection's purpose, worked out once for an analysis: several rules group
/// collections by purpose, and comparing numbers is cheaper than comparing texts.
pub(super) struct Purposes {
    /// Where each step's collections start in `ids`, by the step's place in the file.
    start: Vec<usize>,
    ids: Vec<Option<PurposeId>>,
}

impl Purposes {
    pub(super) fn of(journey: &Journey) -> Purposes {
        let mut numbers = Numbers::default();
        let mut start = Vec::with_capacity(journey.step_count() + 1);
        let mut ids = Vec::new();
        let mut key = String::new();
        for (_, step) in journey.steps() {
            start.push(ids.len());
            for col in &step.collects {
                key.clear();
                let id = key_into(col, &mut key).then(|| numbers.of(&key));
                ids.push(id.map(PurposeId));
            }
        }
        start.push(ids.len());
        Purposes { start, ids }
    }

    /// The purpose of collection `collection` of the `step`-th step in the file.
    pub(super) fn of_collection(&self, step: usize, collection: usize) -> Option<PurposeId> {
        let (&from, &to) = (self.start.get(step)?, self.start.get(step + 1)?);
        let at = from + collection;
        if at < to { self.ids[at] } else { None }
    }
}

/// Whether two collections serve the same purpose (both must state one).
pub fn same(a: &Collection, b: &Collection) -> bool {
    matches!((key(a), key(b)), (Some(x), Some(y)) if x == y)
}

/// The purpose as a person wrote it: the text, else the data-use key.
pub fn label(col: &Collection) -> Option<&str> {
    stated_text(col).or_else(|| stated_use(col))
}

/// The purpose text, when it is more than a placeholder.
fn stated_text(col: &Collection) -> Option<&str> {
    col.purpose
        .as_deref()
        .filter(|p| !is_placeholder(Some(p)))
        .map(str::trim)
}

/// The data-use key, when it defines a purpose (fideslang's `collect` does not).
fn stated_use(col: &Collection) -> Option<&str> {
    col.data_use
        .as_deref()
        .map(str::trim)
        .filter(|u| !is_undefined_use(Some(u)))
}

/// Whether a data-use key is missing, a placeholder, or fideslang's "purpose not yet defined".
pub(super) fn is_undefined_use(data_use: Option<&str>) -> bool {
    match data_use {
        None => true,
        Some(u) => u.trim() == "collect" || is_placeholder(Some(u)),
    }
}

/// Appends `text` lower-cased, its spaces collapsed to one, without a final full stop: in
/// one buffer, as this runs several times for every collection of a map.
fn normalise_into(text: &str, out: &mut String) {
    let start = out.len();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            // Unicode lower case (a final sigma, a dotted capital I) needs the whole word.
            out.push_str(&word.to_lowercase());
        }
    }
    let kept = out[start..].trim_end_matches('.').trim_end().len();
    out.truncate(start + kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(purpose: Option<&str>, data_use: Option<&str>) -> Collection {
        Collection {
            element: "email".into(),
            purpose: purpose.map(str::to_string),
            data_use: data_use.map(str::to_string),
            ..Collection::default()
        }
    }

    #[test]
    fn the_text_decides_whether_or_not_a_data_use_is_given() {
        let with_use = col(Some("Send offers"), Some("marketing.advertising"));
        let without = col(Some("send  offers."), None);
        assert!(same(&with_use, &without));
        assert!(!same(&with_use, &col(Some("Send the receipt"), None)));
    }

    #[test]
    fn the_data_use_decides_only_without_a_text() {
        let a = col(None, Some("essential.service.authentication"));
        assert!(same(
            &a,
            &col(Some("tbd"), Some("essential.service.authentication"))
        ));
        assert!(!same(&a, &col(None, Some("marketing.advertising"))));
        assert!(!same(&a, &col(Some("Sign in"), None)));
    }

    #[test]
    fn numbered_purposes_follow_the_keys() {
        let mut doc = crate::journey::Document::default();
        let mut step = crate::journey::Step {
            id: "a".into(),
            ..Default::default()
        };
        step.collects = vec![
            col(Some("Send offers"), None),
            col(Some("send  offers."), Some("marketing")),
            col(Some("Send the receipt"), None),
            col(Some("tbd"), None),
        ];
        doc.steps.push(step);
        let journey = Journey::from_document(doc);
        let p = Purposes::of(&journey);
        assert_eq!(p.of_collection(0, 0), p.of_collection(0, 1));
        assert_ne!(p.of_collection(0, 0), p.of_collection(0, 2));
        assert!(p.of_collection(0, 2).is_some());
        assert_eq!(p.of_collection(0, 3), None);
        assert_eq!(p.of_collection(0, 4), None, "past the end");
        assert_eq!(p.of_collection(0, 9), None, "far past the end");
        assert_eq!(p.of_collection(1, 0), None, "no such step");
    }

    #[test]
    fn no_purpose_is_never_the_same_purpose() {
        assert_eq!(key(&col(None, None)), None);
        assert_eq!(key(&col(Some("TBD"), Some("collect"))), None);
        assert!(!same(&col(None, None), &col(None, None)));
        assert_eq!(label(&col(None, Some("collect"))), None);
        assert_eq!(label(&col(Some(" Sign in "), Some("x.y"))), Some("Sign in"));
    }
}
