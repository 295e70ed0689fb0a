//! "Did you mean": the closest known name to a mistyped one.

/// Names longer than this are not typos of a known name; comparing them would only cost time
/// (an edit distance is quadratic, and a broken file may hold a name megabytes long).
const LONGEST: usize = 64;

/// The candidate closest to `wrong`, if it is close enough to be a plausible typo: a third of
/// its length in edits (at least two), a difference of case alone counting as none.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = wrong.chars().count();
    if length > LONGEST {
        return None;
    }
    let limit = (length / 3).max(2);
    let lower = wrong.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| c.chars().count().abs_diff(length) <= limit)
        .map(|c| {
            let d = if c.to_lowercase() == lower {
                0
            } else {
                strsim::levenshtein(wrong, c)
            };
            (d, c)
        })
        .filter(|&(d, _)| d <= limit)
        // Ties go to the shorter name, then the first in alphabetical order: some callers
        // give the candidates from a hash set, whose order changes from run to run.
        .min_by_key(|&(d, c)| (d, c.len(), c))
        .map(|(_, c)| c)
}

/// "did you mean `x`?" for the closest candidate, if any.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(wrong, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            closest("purpse", ["purpose", "benefit", "basis"]),
            Some("purpose")
        );
        assert_eq!(
            closest("Contarct", ["Contract", "Consent"]),
            Some("Contract")
        );
        assert_eq!(closest("zzzzzz", ["purpose", "basis"]), None);
        assert_eq!(closest("EMAIL", ["email", "phone"]), Some("email"));
    }

    /// Candidates as close as each other give the same answer in any order (a hash set's
    /// order changes from run to run).
    #[test]
    fn ties_do_not_depend_on_the_order_of_the_candidates() {
        assert_eq!(closest("ch9", ["ch6", "ch0", "ch3"]), Some("ch0"));
        assert_eq!(closest("ch9", ["ch3", "ch6", "ch0"]), Some("ch0"));
        // A shorter name still goes first.
        assert_eq!(closest("web2", ["webs", "web"]), Some("web"));
    }

    #[test]
    fn the_limit_is_a_third_of_the_length_and_at_least_two() {
        // Two edits are allowed for a short name, not three.
        assert_eq!(closest("ab", ["abcd"]), Some("abcd"));
        assert_eq!(closest("ab", ["abcde"]), None);
        // Twelve characters allow four edits, not five.
        assert_eq!(
            closest("abcdefghijkl", ["abcdefghwxyz"]),
            Some("abcdefghwxyz")
        );
        assert_eq!(closest("abcdefghijkl", ["abcdefgvwxyz"]), None);
        // The nearest wins; on a tie, the shorter.
        assert_eq!(closest("stag", ["stage", "stages"]), Some("stage"));
        assert_eq!(closest("abc", ["abcd", "abce", "ab"]), Some("ab"));
    }

    #[test]
    fn a_huge_name_is_not_compared() {
        let huge = "x".repeat(LONGEST + 1);
        assert_eq!(closest(&huge, [huge.as_str()]), None);
        let longest = "x".repeat(LONGEST);
        assert_eq!(
            closest(&longest, [longest.as_str()]),
            Some(longest.as_str())
        );
    }
}
