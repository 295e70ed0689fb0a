//! Choosing one thing (or several) from a list by typing to narrow it: lawful bases, data
//! elements, systems, steps to link to. The words typed match anywhere in a choice, every
//! word somewhere; choices are kept in their order.

/// One thing to choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Choice {
    /// What is stored when it is chosen (an id, a variant's name; empty for "none").
    pub value: String,
    /// What a person reads.
    pub label: String,
    /// A second, dimmer line of detail (a category, an article).
    pub detail: String,
}

impl Choice {
    pub(crate) fn new(
        value: impl Into<String>,
        label: impl Into<String>,
        detail: impl Into<String>,
    ) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
            detail: detail.into(),
        }
    }
}

/// A list of choices being narrowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Picker {
    pub title: String,
    pub choices: Vec<Choice>,
    /// What has been typed to narrow the list.
    pub typed: String,
    /// The choices shown (indices into `choices`).
    pub shown: Vec<usize>,
    /// The cursor, in `shown`.
    pub cursor: usize,
    /// When several may be chosen: which are (indices into `choices`).
    pub marked: Option<Vec<usize>>,
    /// The label of the entry that makes a new thing from what was typed, when there is one
    /// ("new data element").
    pub create: Option<String>,
}

/// What a picker ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Picked {
    One(Choice),
    Many(Vec<Choice>),
    /// Make a new thing named as typed.
    New(String),
}

impl Picker {
    pub(crate) fn new(title: impl Into<String>, choices: Vec<Choice>) -> Picker {
        let shown = (0..choices.len()).collect();
        Picker {
            title: title.into(),
            choices,
            typed: String::new(),
            shown,
            cursor: 0,
            marked: None,
            create: None,
        }
    }

    /// Several may be chosen; `marked` are chosen to begin with (by value).
    pub(crate) fn many(mut self, marked: &[String]) -> Picker {
        self.marked = Some(
            self.choices
                .iter()
                .enumerate()
                .filter(|(_, c)| marked.contains(&c.value))
                .map(|(i, _)| i)
                .collect(),
        );
        self
    }

    /// Offers to make a new thing from the text typed.
    pub(crate) fn creating(mut self, label: impl Into<String>) -> Picker {
        self.create = Some(label.into());
        self
    }

    /// Puts the cursor on the choice with `value`.
    pub(crate) fn at(mut self, value: &str) -> Picker {
        if let Some(i) = self
            .shown
            .iter()
            .position(|&i| self.choices[i].value == value)
        {
            self.cursor = i;
        }
        self
    }

    /// How many rows the list has, the "new" entry included.
    pub(crate) fn rows(&self) -> usize {
        self.shown.len() + usize::from(self.offers_new())
    }

    /// Whether the last row makes a new thing.
    pub(crate) fn offers_new(&self) -> bool {
        self.create.is_some() && !self.typed.trim().is_empty()
    }

    pub(crate) fn type_char(&mut self, c: char) {
        if !c.is_control() {
            self.typed.push(c);
            self.narrow();
        }
    }

    pub(crate) fn backspace(&mut self) {
        self.typed.pop();
        self.narrow();
    }

    pub(crate) fn move_by(&mut self, delta: isize) {
        let rows = self.rows();
        if rows == 0 {
            return;
        }
        self.cursor = (self.cursor as isize + delta).clamp(0, rows as isize - 1) as usize;
    }

    /// Marks or unmarks the choice under the cursor (when several may be chosen).
    pub(crate) fn toggle(&mut self) {
        let Some(&i) = self.shown.get(self.cursor) else {
            return;
        };
        if let Some(marked) = &mut self.marked {
            match marked.iter().position(|&m| m == i) {
                Some(at) => {
                    marked.remove(at);
                }
                None => marked.push(i),
            }
        }
    }

    /// Whether choice `i` is marked.
    pub(crate) fn is_marked(&self, i: usize) -> bool {
        self.marked.as_ref().is_some_and(|m| m.contains(&i))
    }

    /// What Enter gives: the marked choices, the one under the cursor, or a new thing.
    pub(crate) fn pick(&self) -> Option<Picked> {
        if self.offers_new() && self.cursor == self.shown.len() {
            return Some(Picked::New(self.typed.trim().to_string()));
        }
        if let Some(marked) = &self.marked {
            let mut chosen: Vec<usize> = marked.clone();
            chosen.sort_unstable();
            return Some(Picked::Many(
                chosen.iter().map(|&i| self.choices[i].clone()).collect(),
            ));
        }
        let &i = self.shown.get(self.cursor)?;
        Some(Picked::One(self.choices[i].clone()))
    }

    fn narrow(&mut self) {
        let words: Vec<String> = self
            .typed
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        self.shown = self
            .choices
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                let text = format!("{} {} {}", c.label, c.value, c.detail).to_lowercase();
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        // What starts with the first word typed comes first ("author" picks "authorised by
        // law" before "official authority"); the list's own order otherwise.
        if let Some(first) = words.first() {
            let rank = |c: &Choice| {
                let label = c.label.to_lowercase();
                if label.starts_with(first.as_str()) {
                    0
                } else if label
                    .split_whitespace()
                    .any(|w| w.starts_with(first.as_str()))
                {
                    1
                } else {
                    2
                }
            };
            self.shown.sort_by_cached_key(|&i| rank(&self.choices[i]));
        }
        self.cursor = self.cursor.min(self.rows().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker() -> Picker {
        Picker::new(
            "Lawful basis",
            vec![
                Choice::new("Consent", "consent", "Art. 6(1)(a)"),
                Choice::new("Contract", "contract", "Art. 6(1)(b)"),
                Choice::new("LegalObligation", "legal obligation", "Art. 6(1)(c)"),
            ],
        )
    }

    #[test]
    fn typing_narrows_by_every_word_anywhere() {
        let mut p = picker();
        for c in "6(1) leg".chars() {
            p.type_char(c);
        }
        assert_eq!(p.shown, [2]);
        assert_eq!(p.pick(), Some(Picked::One(p.choices[2].clone())));
        p.backspace();
        p.backspace();
        p.backspace();
        assert_eq!(p.shown.len(), 3);
    }

    #[test]
    fn what_starts_with_the_typed_word_comes_first() {
        let mut p = Picker::new(
            "condition",
            vec![
                Choice::new("OfficialAuthority", "official authority", "Art. 10"),
                Choice::new("AuthorisedByLaw", "authorised by law", "Art. 10"),
                Choice::new("Other", "an authority's say", "author"),
            ],
        );
        for c in "author".chars() {
            p.type_char(c);
        }
        assert_eq!(p.shown, [1, 0, 2]);
    }

    #[test]
    fn a_new_thing_is_offered_from_what_was_typed() {
        let mut p = picker().creating("new basis");
        assert!(!p.offers_new(), "nothing typed, nothing to make");
        for c in "zzz".chars() {
            p.type_char(c);
        }
        assert_eq!(p.rows(), 1);
        assert_eq!(p.pick(), Some(Picked::New("zzz".into())));
    }

    #[test]
    fn several_can_be_marked() {
        let mut p = picker().many(&["Contract".into()]);
        p.move_by(2);
        p.toggle();
        match p.pick() {
            Some(Picked::Many(c)) => {
                assert_eq!(
                    c.iter().map(|c| c.value.as_str()).collect::<Vec<_>>(),
                    ["Contract", "LegalObligation"]
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
