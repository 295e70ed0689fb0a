//! A question put to the person before something that cannot be taken back lightly
//! (deleting, quitting with unsaved edits, saving over a file changed on disk): what is at
//! stake, and a few answers, each on its own key.

/// One answer: the key that gives it, what it does in a few words, and what follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answer<R> {
    pub key: char,
    pub label: String,
    pub reply: R,
}

/// A question on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Question<R> {
    pub title: String,
    /// What is at stake, a line each (the flows that go with a step, the edits to recover).
    pub lines: Vec<String>,
    pub answers: Vec<Answer<R>>,
}

impl<R: Clone> Question<R> {
    pub(crate) fn new(title: impl Into<String>) -> Question<R> {
        Question {
            title: title.into(),
            lines: Vec::new(),
            answers: Vec::new(),
        }
    }

    pub(crate) fn line(mut self, line: impl Into<String>) -> Question<R> {
        self.lines.push(line.into());
        self
    }

    pub(crate) fn answer(mut self, key: char, label: impl Into<String>, reply: R) -> Question<R> {
        self.answers.push(Answer {
            key,
            label: label.into(),
            reply,
        });
        self
    }

    /// The answer typed as `c` (either case).
    pub(crate) fn reply_to(&self, c: char) -> Option<R> {
        self.answers
            .iter()
            .find(|a| a.key.eq_ignore_ascii_case(&c))
            .map(|a| a.reply.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_found_by_key_in_either_case() {
        let q = Question::new("Delete?")
            .answer('y', "delete", 1)
            .answer('n', "keep", 2);
        assert_eq!(q.reply_to('Y'), Some(1));
        assert_eq!(q.reply_to('n'), Some(2));
        assert_eq!(q.reply_to('x'), None);
    }
}
