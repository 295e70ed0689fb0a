//! Ids for new things, made from what a person types as their title: short, kebab-case,
//! unique in their list, and free to change afterwards.

/// The longest id made from a title (in characters), so that ids stay ids.
const LONGEST: usize = 32;

/// A kebab-case id for `title` that `taken` does not already hold: lower-case letters and
/// digits (accents folded where they are plain Latin letters), words joined by `-`, cut at a
/// word boundary, and `-2`, `-3`… added when needed. `fallback` is used when the title
/// holds no letter or digit.
pub fn from_title(title: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in title.chars() {
        match fold(c) {
            Some(f) => word.push_str(f),
            None if c.is_alphanumeric() => word.extend(c.to_lowercase()),
            None => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let mut base = String::new();
    for w in &words {
        let extra = usize::from(!base.is_empty()) + w.chars().count();
        if !base.is_empty() && base.chars().count() + extra > LONGEST {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(w);
    }
    if base.is_empty() {
        base = fallback.to_string();
    }
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// Plain Latin letters with an accent, as their letters without (`é` → `e`, `ß` → `ss`);
/// ASCII letters and digits lower-cased.
fn fold(c: char) -> Option<&'static str> {
    const TABLE: [(&str, &str); 13] = [
        ("àáâãäåā", "a"),
        ("çćč", "c"),
        ("ďđ", "d"),
        ("èéêëēęě", "e"),
        ("ìíîïī", "i"),
        ("ñńň", "n"),
        ("òóôõöøō", "o"),
        ("ŕř", "r"),
        ("śšş", "s"),
        ("ťţ", "t"),
        ("ùúûüūů", "u"),
        ("ýÿ", "y"),
        ("źżž", "z"),
    ];
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    let lower = c.to_lowercase().next().unwrap_or(c);
    if lower.is_ascii_alphanumeric() {
        let at = LETTERS.find(lower)?;
        return Some(&LETTERS[at..at + 1]);
    }
    match lower {
        'ß' => Some("ss"),
        'æ' => Some("ae"),
        'œ' => Some("oe"),
        _ => TABLE
            .iter()
            .find(|(from, _)| from.contains(lower))
            .map(|(_, to)| *to),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> bool {
        false
    }

    #[test]
    fn titles_become_kebab_case_ids() {
        assert_eq!(
            from_title("Enter email on sign-up form", "step", none),
            "enter-email-on-sign-up-form"
        );
        assert_eq!(
            from_title("  Café  Crème & Co. ", "step", none),
            "cafe-creme-co"
        );
        assert_eq!(from_title("Straße 2", "step", none), "strasse-2");
        assert_eq!(from_title("顾客 旅程", "step", none), "顾客-旅程");
        assert_eq!(from_title("!!!", "step", none), "step");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let id = from_title(
            "Ask the customer for their date of birth again because the agent cannot see it",
            "step",
            none,
        );
        assert!(id.chars().count() <= LONGEST, "{id}");
        assert_eq!(id, "ask-the-customer-for-their-date");
    }

    #[test]
    fn a_taken_id_gets_a_number() {
        let taken = |id: &str| matches!(id, "sign-up" | "sign-up-2");
        assert_eq!(from_title("Sign up", "step", taken), "sign-up-3");
    }
}
