//! Data category keys in fideslang's dotted style, and the GDPR class each one implies.

use super::vocabulary::Sensitivity;

/// Category prefixes that GDPR Art. 9(1) makes special. Fideslang has no such flag, so this
/// mapping is touchpoint's; `trade_union_membership`, `sex_life` and `genetic` are our own keys
/// for what fideslang has no key for.
const SPECIAL_PREFIXES: &[&str] = &[
    "user.biometric",
    "user.health_and_medical",
    "user.genetic",
    "user.demographic.race_ethnicity",
    "user.demographic.political_opinion",
    "user.demographic.religious_belief",
    "user.demographic.sexual_orientation",
    "user.demographic.trade_union_membership",
    "user.demographic.sex_life",
];

/// Category prefixes that GDPR Art. 10 covers.
const CRIMINAL_PREFIXES: &[&str] = &["user.criminal_history"];

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

/// Whether `key` is `prefix` or one of its dotted descendants.
pub fn is_within(key: &str, prefix: &str) -> bool {
    key == prefix || (key.starts_with(prefix) && key.as_bytes().get(prefix.len()) == Some(&b'.'))
}

/// The GDPR class a category key implies.
pub fn sensitivity_of(key: &str) -> Sensitivity {
    if SPECIAL_PREFIXES.iter().any(|p| is_within(key, p)) {
        Sensitivity::SpecialCategory
    } else if CRIMINAL_PREFIXES.iter().any(|p| is_within(key, p)) {
        Sensitivity::CriminalOffence
    } else {
        Sensitivity::Ordinary
    }
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
    fn special_categories_follow_prefixes_not_substrings() {
        assert_eq!(
            sensitivity_of("user.health_and_medical.condition"),
            Sensitivity::SpecialCategory
        );
        assert_eq!(
            sensitivity_of("user.biometric"),
            Sensitivity::SpecialCategory
        );
        assert_eq!(
            sensitivity_of("user.criminal_history.conviction"),
            Sensitivity::CriminalOffence
        );
        assert_eq!(
            sensitivity_of("user.biometrics_opt_in"),
            Sensitivity::Ordinary
        );
        assert_eq!(sensitivity_of("user.contact.email"), Sensitivity::Ordinary);
    }
}
