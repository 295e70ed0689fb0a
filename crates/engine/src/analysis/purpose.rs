//! "The same purpose", defined once for every rule and record that compares purposes.
//!
//! A collection's purpose is its `purpose` text when it states one; its `data_use` key decides
//! only when no text is given. Texts are compared ignoring case, spacing and a final full stop,
//! so "Send offers." and "send  offers" are one purpose. A data-use key classifies a purpose;
//! it does not make two collections with the same stated purpose different, nor the same.
//! TP009 (repeated in a step), TP010 (conflicting bases), TP021 (inconsistent retention), the
//! repeat messages and the record of processing all group by [`key`].

use super::placeholder::is_placeholder;
use crate::journey::Collection;

/// What a collection is for, normalised for comparison. Equal keys mean the same purpose.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PurposeKey(String);

/// The purpose of `col`, or `None` when it states none (no text and no data use, or only
/// placeholders such as "tbd" and fideslang's `collect`).
pub fn key(col: &Collection) -> Option<PurposeKey> {
    if let Some(text) = stated_text(col) {
        let mut key = String::with_capacity("purpose:".len() + text.len());
        key.push_str("purpose:");
        normalise_into(text, &mut key);
        return Some(PurposeKey(key));
    }
    stated_use(col).map(|u| PurposeKey(format!("data_use:{u}")))
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
    fn no_purpose_is_never_the_same_purpose() {
        assert_eq!(key(&col(None, None)), None);
        assert_eq!(key(&col(Some("TBD"), Some("collect"))), None);
        assert!(!same(&col(None, None), &col(None, None)));
        assert_eq!(label(&col(None, Some("collect"))), None);
        assert_eq!(label(&col(Some(" Sign in "), Some("x.y"))), Some("Sign in"));
    }
}
