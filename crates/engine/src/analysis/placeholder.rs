//! Placeholder texts: a justification field whose whole text says nothing.

use std::sync::LazyLock;

/// Texts that, as the whole text, say nothing: no purpose, no retention, no benefit.
const PLACEHOLDERS: &[&str] = &[
    "",
    "tbd",
    "tba",
    "tbc",
    "todo",
    "to do",
    "fixme",
    "to be decided",
    "to be defined",
    "to be confirmed",
    "to be agreed",
    "n/a",
    "na",
    "n.a",
    "none",
    "nothing",
    "nil",
    "null",
    "-",
    "?",
    "unknown",
    "not known",
    "various",
    "misc",
    "other",
    "xxx",
    "collect",
    "placeholder",
    "not applicable",
    "no benefit",
    "no purpose",
    "none yet",
    "not yet known",
];

/// A stated absence ("none", "no benefit") may name whom it is none to: still nothing.
const ABSENCES: &[&str] = &[
    "none",
    "nothing",
    "no benefit",
    "no purpose",
    "not applicable",
];
const QUALIFIERS: &[&str] = &[
    "to the customer",
    "for the customer",
    "to them",
    "for them",
    "to the user",
    "for the user",
    "yet",
    "for now",
    "at present",
    "here",
    "really",
];

/// The most letters (spaces aside) a placeholder has: "not applicable, for the customer".
static LONGEST: LazyLock<usize> = LazyLock::new(|| {
    let letters = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    let absences = ABSENCES.iter().flat_map(|a| {
        QUALIFIERS
            .iter()
            .map(move |q| letters(a) + ",".len() + letters(q))
    });
    PLACEHOLDERS
        .iter()
        .map(|p| letters(p))
        .chain(absences)
        .max()
        .unwrap_or(0)
});

/// The first words of the placeholders, lower case: a text starting with any other word is
/// a sentence.
static FIRST_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    let mut words: Vec<&str> = PLACEHOLDERS
        .iter()
        .chain(ABSENCES)
        .filter_map(|p| first_word(p))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
});

/// A text's first word, up to a space or a comma ("Nothing, really").
fn first_word(text: &str) -> Option<&str> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .filter(|w| !w.is_empty())
}

/// Whether `core` could be a placeholder by its first word, compared without a lower-cased
/// copy. A word that is not ASCII goes the long way (Unicode case folding).
fn starts_like_a_placeholder(core: &str) -> bool {
    first_word(core).is_none_or(|first| {
        !first.is_ascii() || FIRST_WORDS.iter().any(|w| w.eq_ignore_ascii_case(first))
    })
}

/// Whether a justification text is missing or only a placeholder: the *whole* text says
/// nothing ("tbd", "n/a", "-", "none", "None to the customer"). A real sentence that starts
/// with such a word ("None other than the newsletter they asked for", "Nothing to set up
/// again by hand") is a justification.
pub fn is_placeholder(text: Option<&str>) -> bool {
    let Some(text) = text else { return true };
    let core = text
        .trim()
        .trim_matches(|c: char| c.is_ascii_punctuation() && c != '?' && c != '-')
        .trim();
    // Most texts are real sentences, longer than any placeholder: they are told apart
    // without a lower-cased copy (this runs several times for every collection of a map).
    let dashes_or_questions = |c: char| c == '-' || c == '?' || c.is_whitespace();
    if !core.chars().all(dashes_or_questions)
        && (core.chars().filter(|c| !c.is_whitespace()).count() > *LONGEST
            || !starts_like_a_placeholder(core))
    {
        return false;
    }
    let t = core.to_lowercase();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    // Runs of dashes or question marks ("--", "???") say nothing either.
    if !t.is_empty() && (t.chars().all(|c| c == '-') || t.chars().all(|c| c == '?')) {
        return true;
    }
    let t = t.as_str();
    if PLACEHOLDERS.contains(&t) {
        return true;
    }
    ABSENCES.iter().any(|a| {
        // "Nothing, really": a comma before the qualifier changes nothing.
        t.strip_prefix(a)
            .map(|rest| rest.strip_prefix(',').unwrap_or(rest))
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|rest| QUALIFIERS.contains(&rest))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised() {
        for p in [
            None,
            Some(""),
            Some("  "),
            Some("TBD"),
            Some("tbd."),
            Some("n/a"),
            Some("N/A"),
            Some("-"),
            Some("--"),
            Some("?"),
            Some("???"),
            Some("collect"),
            Some("None"),
            Some("Nothing."),
            Some("None to the customer"),
            Some("No benefit to the customer."),
            Some("To be confirmed"),
            Some("Nothing, really"),
            Some("Not applicable here"),
            // The longest there is, and runs longer than any word list.
            Some("Not applicable, for the customer."),
            Some("--------------------------------------------------"),
            Some("??????????????????????????????????????????????????"),
        ] {
            assert!(is_placeholder(p), "{p:?}");
        }
    }

    #[test]
    fn real_sentences_starting_with_none_or_nothing_are_not_placeholders() {
        for p in [
            Some("Send the receipt"),
            Some("Identify the caller"),
            Some("Nonetheless useful"),
            Some("Notify them"),
            Some("None other than sending the newsletter they asked for"),
            Some("Nothing to set up again by hand"),
            Some("Nothing is kept after they unsubscribe"),
            Some("No paper statements"),
            Some("-1 day after the visit"),
        ] {
            assert!(!is_placeholder(p), "{p:?}");
        }
    }
}
