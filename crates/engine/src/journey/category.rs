//! Data category keys: Ethyca's fideslang taxonomy, shipped as data, and the GDPR class each
//! key implies. A map may declare categories of its own (`categories:` in the map file).

use foldhash::HashMap;
use std::sync::OnceLock;

use super::vocabulary::Sensitivity;

/// The taxonomy file: fideslang's `user` keys (Apache-2.0, Ethyca) and touchpoint's additions,
/// with the Art. 9 / Art. 10 classes marked.
const TAXONOMY: &str = include_str!("../../data/categories.txt");

/// One key of the shipped taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    pub key: &'static str,
    pub name: &'static str,
    /// The class this key starts (its children share it), when it starts one.
    mark: Option<Sensitivity>,
}

struct Taxonomy {
    list: Vec<Known>,
    by_key: HashMap<&'static str, usize>,
}

fn taxonomy() -> &'static Taxonomy {
    static TAXONOMY_TABLE: OnceLock<Taxonomy> = OnceLock::new();
    TAXONOMY_TABLE.get_or_init(|| {
        let mut list = Vec::new();
        for line in TAXONOMY.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (left, name) = line.split_once('|').unwrap_or((line, ""));
            let mut words = left.split_whitespace();
            let Some(key) = words.next() else { continue };
            let mark = match words.next() {
                Some("art9") => Some(Sensitivity::SpecialCategory),
                Some("art10") => Some(Sensitivity::CriminalOffence),
                _ => None,
            };
            list.push(Known {
                key,
                name: name.trim(),
                mark,
            });
        }
        let by_key = list.iter().enumerate().map(|(i, k)| (k.key, i)).collect();
        Taxonomy { list, by_key }
    })
}

/// Every key of the shipped taxonomy, in file order.
pub fn known_keys() -> impl Iterator<Item = &'static str> {
    taxonomy().list.iter().map(|k| k.key)
}

/// The shipped taxonomy's entry for `key`, if it has one.
pub fn known(key: &str) -> Option<Known> {
    let t = taxonomy();
    t.by_key.get(key).map(|&i| t.list[i])
}

/// Whether `key` is `prefix` or one of its dotted descendants.
pub fn is_under(key: &str, prefix: &str) -> bool {
    key == prefix || (key.starts_with(prefix) && key.as_bytes().get(prefix.len()) == Some(&b'.'))
}

/// The dotted prefixes of `key`, nearest first: `a.b.c` gives `a.b`, then `a`.
pub fn ancestors(key: &str) -> impl Iterator<Item = &str> {
    let mut rest = key;
    std::iter::from_fn(move || {
        let (parent, _) = rest.rsplit_once('.')?;
        rest = parent;
        Some(parent)
    })
}

/// The GDPR class the shipped taxonomy gives `key` or its nearest marked dotted ancestor:
/// `None` when neither `key` nor any ancestor is in the taxonomy with a mark.
fn taxonomy_mark(key: &str) -> Option<Sensitivity> {
    std::iter::once(key)
        .chain(ancestors(key))
        .find_map(|k| known(k).and_then(|k| k.mark))
}

/// The GDPR class implied by where `key` sits in the shipped taxonomy: the class of the key
/// or of its nearest marked ancestor, else ordinary. A key outside the taxonomy under a
/// special-category key (`user.health.allergies`) is special category too.
pub fn sensitivity_of(key: &str) -> Sensitivity {
    taxonomy_mark(key).unwrap_or_default()
}

/// How strict a class is: a category may be declared as strict as its parent, or stricter.
pub fn strictness(s: Sensitivity) -> u8 {
    match s {
        Sensitivity::Ordinary => 0,
        Sensitivity::SpecialCategory | Sensitivity::CriminalOffence => 1,
    }
}

/// Why a category key is not well formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CategoryError {
    Empty,
    BadSegment(String),
}

impl std::fmt::Display for CategoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CategoryError::Empty => write!(f, "the category key is empty"),
            CategoryError::BadSegment(s) if s.is_empty() => {
                write!(
                    f,
                    "the category key has an empty segment (two dots, or a dot at an end)"
                )
            }
            CategoryError::BadSegment(s) => write!(
                f,
                "category segment `{s}` must be lower-case letters, digits and underscores"
            ),
        }
    }
}

/// Checks that `key` is a dotted key such as `user.contact.email`.
pub fn validate(key: &str) -> Result<(), CategoryError> {
    if key.is_empty() {
        return Err(CategoryError::Empty);
    }
    for segment in key.split('.') {
        let ok = !segment.is_empty()
            && segment
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            return Err(CategoryError::BadSegment(segment.to_string()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_keys_pass() {
        assert!(validate("user.contact.email").is_ok());
        assert!(validate("user.contact.address.postal_code").is_ok());
        assert!(validate("custom").is_ok());
    }

    #[test]
    fn malformed_keys_fail() {
        assert_eq!(validate(""), Err(CategoryError::Empty));
        assert!(validate("user..email").is_err());
        assert!(validate("user.Contact").is_err());
        assert!(validate("user.contact.e-mail").is_err());
        assert!(validate("user.contact.").is_err());
    }

    #[test]
    fn special_categories_follow_the_taxonomy_not_substrings() {
        assert_eq!(
            sensitivity_of("user.health.condition"),
            Sensitivity::SpecialCategory
        );
        assert_eq!(
            sensitivity_of("user.health_and_medical"),
            Sensitivity::SpecialCategory
        );
        assert_eq!(
            sensitivity_of("user.biometric"),
            Sensitivity::SpecialCategory
        );
        assert_eq!(
            sensitivity_of("user.criminal_history"),
            Sensitivity::CriminalOffence
        );
        assert_eq!(
            sensitivity_of("user.demographic.trade_union_membership"),
            Sensitivity::SpecialCategory
        );
        assert_eq!(
            sensitivity_of("user.biometrics_opt_in"),
            Sensitivity::Ordinary
        );
        assert_eq!(sensitivity_of("user.contact.email"), Sensitivity::Ordinary);
    }

    #[test]
    fn the_taxonomy_holds_the_well_known_keys_once_each() {
        for key in [
            "user.contact.email",
            "user.contact.address.postal_code",
            "user.name.first",
            "user.demographic.date_of_birth",
            "user.financial.bank_account",
            "user.government_id.passport_number",
            "user.biometric.fingerprint",
            "user.location.precise",
            "user.device.ip_address",
            "user.authorization.credentials",
            "user.payment",
            "user.unique_id",
        ] {
            assert!(known(key).is_some(), "{key}");
        }
        assert!(known("user.medical.allergies").is_none());
        let mut seen = std::collections::HashSet::new();
        for key in known_keys() {
            assert!(validate(key).is_ok(), "{key} is well formed");
            assert!(seen.insert(key), "{key} is listed once");
            // Every parent of a key is in the taxonomy too.
            for parent in ancestors(key) {
                assert!(known(parent).is_some(), "{key}'s parent {parent}");
            }
        }
        assert!(seen.len() > 100);
    }

    #[test]
    fn ancestors_are_nearest_first() {
        let a: Vec<&str> = ancestors("user.contact.address.city").collect();
        assert_eq!(a, ["user.contact.address", "user.contact", "user"]);
        assert_eq!(ancestors("user").count(), 0);
    }
}
