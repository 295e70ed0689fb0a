//! PlantUML escaping: `<U+XXXX>` codes for every character PlantUML or its Creole markup
//! gives meaning to.
//!
//! PlantUML 1.2020 turns `&#92;` and `&#36;` into a Java regex replacement and crashes, and it
//! decodes `&#60;` before it reads `<U+...>`; the `<U+XXXX>` form has neither problem.

use super::line;

/// `text` for an activity, swimlane, note, title or legend.
pub fn text(text: &str) -> String {
    let text = line(text);
    let chars: Vec<char> = text.chars().collect();
    // PlantUML 1.2020 rejects a title made only of punctuation (`-`, `/`, `++`): such a text
    // is written wholly in codes.
    let all = !chars.iter().any(|c| c.is_alphanumeric());
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let doubled =
            || (i > 0 && chars[i - 1] == c) || chars.get(i + 1).is_some_and(|&next| next == c);
        let always = matches!(
            c,
            '\\' | '$'
                | '&'
                | '<'
                | '>'
                | ';'
                | '|'
                | '~'
                | '*'
                | '"'
                | '['
                | ']'
                | '{'
                | '}'
                | '#'
                | '='
                | '\''
                | '@'
                | '^'
                | '`'
                | '%'
                | ':'
        );
        // Creole's `--strike--`, `//italic//` and `__underline__` need a doubled character.
        if always
            || (all && !c.is_whitespace())
            || (matches!(c, '-' | '/' | '_' | '.' | '!') && doubled())
        {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_markup_and_terminators() {
        assert_eq!(text("a;b|c"), "a<U+003B>b<U+007C>c");
        assert_eq!(text("**b**"), "<U+002A><U+002A>b<U+002A><U+002A>");
        assert_eq!(text("\\n $x"), "<U+005C>n <U+0024>x");
        assert_eq!(text("<U+0041>"), "<U+003C>U+0041<U+003E>");
    }

    #[test]
    fn punctuation_alone_is_all_codes() {
        assert_eq!(text("++"), "<U+002B><U+002B>");
        assert_eq!(text("- /"), "<U+002D> <U+002F>");
        assert_eq!(text("a-b"), "a-b");
    }

    #[test]
    fn leaves_single_dashes_and_slashes_readable() {
        assert_eq!(text("sign-up and/or e_mail"), "sign-up and/or e_mail");
        assert_eq!(text("a--b"), "a<U+002D><U+002D>b");
    }
}
