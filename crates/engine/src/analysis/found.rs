//! The findings a group of rules makes, kept in pieces as [`Note`]s with their [`Texts`]. A
//! large map has hundreds of thousands of findings: in pieces, no list is ever copied to grow,
//! and a report reads them where they are ([`super::Findings`]).

use super::Finding;
use super::note::{Draft, Note};
use super::words::Texts;

use super::ordered::{Ordered, PIECE};

/// Findings in the order they were made, in pieces of [`PIECE`], and their texts: one
/// [`Texts`] for each group of rules joined in ([`Found::concat`]), which each note names.
#[derive(Debug, Default)]
pub(super) struct Found {
    pieces: Vec<Vec<Note>>,
    texts: Vec<Texts>,
}

impl Found {
    /// Keeps `draft`, its texts among the others.
    pub(super) fn push(&mut self, draft: Draft<'_>) {
        let (texts, shelf) = self.shelf();
        let note = draft.into_note(texts, shelf);
        self.push_note(note);
    }

    fn push_note(&mut self, note: Note) {
        match self.pieces.last_mut() {
            Some(piece) if piece.len() < PIECE => piece.push(note),
            // The first piece grows as needed (most maps have few findings); the next ones
            // are made full size.
            last => {
                let mut piece = Vec::with_capacity(if last.is_some() { PIECE } else { 4 });
                piece.push(note);
                self.pieces.push(piece);
            }
        }
    }

    /// Where a rule keeps the texts of a message it is about to write (`words!`).
    pub(super) fn texts(&mut self) -> &mut Texts {
        self.shelf().0
    }

    /// The texts new notes go in, and their place among the list's.
    fn shelf(&mut self) -> (&mut Texts, u8) {
        if self.texts.is_empty() {
            self.texts.push(Texts::default());
        }
        let last = self.texts.len() - 1;
        (&mut self.texts[last], last as u8)
    }

    pub(super) fn len(&self) -> usize {
        self.pieces.iter().map(Vec::len).sum()
    }

    /// Keeps the findings `keep` says to keep, in order.
    pub(super) fn retain(&mut self, mut keep: impl FnMut(&Note, &Texts) -> bool) {
        let Found { pieces, texts } = self;
        for piece in pieces {
            piece.retain(|note| keep(note, note.texts_in(texts)));
        }
    }

    /// The findings of `lists`, in order, with all their texts. The texts are not merged
    /// (looking each up again took 50 ms on a map with 700,000 findings): each note says
    /// which it reads.
    pub(super) fn concat(lists: Vec<Found>) -> Found {
        let mut all = Found::default();
        for list in lists {
            let base = all.texts.len();
            for mut piece in list.pieces {
                for note in &mut piece {
                    note.shelve(base);
                }
                all.pieces.push(piece);
            }
            all.texts.extend(list.texts);
        }
        debug_assert!(all.texts.len() <= usize::from(u8::MAX) + 1);
        all
    }

    /// The findings spelt out, in one list, in order; each piece is let go as it is read.
    pub(super) fn into_vec(self) -> Vec<Finding> {
        let mut all = Vec::with_capacity(self.len());
        let mut scratch = String::new();
        for piece in self.pieces {
            all.extend(
                piece
                    .iter()
                    .map(|note| note.render(note.texts_in(&self.texts), &mut scratch)),
            );
        }
        all
    }

    /// The findings, in the order they were made.
    pub(super) fn into_findings(self) -> super::Findings {
        let (pieces, texts) = self.into_pieces();
        super::Findings::new(Ordered::as_made(pieces), texts)
    }

    /// Every finding, a piece at a time (as slices: a piece must not grow past [`PIECE`]).
    pub(super) fn pieces_mut(&mut self) -> impl Iterator<Item = &mut [Note]> {
        self.pieces.iter_mut().map(Vec::as_mut_slice)
    }

    /// The pieces, in order, each of at most [`PIECE`] findings, and their texts, which take
    /// no more.
    pub(super) fn into_pieces(self) -> (Vec<Vec<Note>>, Vec<Texts>) {
        let Found { pieces, mut texts } = self;
        for texts in &mut texts {
            texts.seal();
        }
        (pieces, texts)
    }

    /// Keeps `f`, as it is spelt out.
    #[cfg(test)]
    pub(super) fn push_finding(&mut self, f: &Finding) {
        let (texts, shelf) = self.shelf();
        let note = Note::of(f, texts, shelf);
        self.push_note(note);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::RULES;

    fn finding(n: usize) -> Finding {
        Finding::new(RULES[n % RULES.len()], n.to_string())
    }

    #[test]
    fn joins_in_order_what_was_pushed_and_kept() {
        let mut a = Found::default();
        let mut b = Found::default();
        for n in 0..3000 {
            a.push_finding(&finding(n));
        }
        for n in 3000..3003 {
            b.push_finding(&finding(n));
        }
        assert_eq!(a.len(), 3000);
        a.retain(|note, texts| {
            let f = note.render(texts, &mut String::new());
            f.message.parse::<usize>().is_ok_and(|n| n % 7 != 0)
        });
        let all = Found::concat(vec![a, Found::default(), b]).into_vec();
        let expected: Vec<String> = (0..3003)
            .filter(|n| *n >= 3000 || n % 7 != 0)
            .map(|n| n.to_string())
            .collect();
        let got: Vec<&str> = all.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(got, expected);
    }
}
