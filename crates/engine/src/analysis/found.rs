//! The findings a group of rules makes, kept in pieces. A large map has hundreds of thousands
//! of findings of about 250 bytes: in pieces, no list is ever copied to grow, and a report
//! reads them where they are ([`super::Findings`]). A front end that wants one list joins
//! them, and each piece is let go as soon as it is moved.

use super::Finding;

/// How many findings a piece holds.
pub(super) const PIECE: usize = 256;

/// Findings in the order they were made, in pieces of [`PIECE`].
#[derive(Debug, Default)]
pub(super) struct Found {
    pieces: Vec<Vec<Finding>>,
}

impl Found {
    pub(super) fn push(&mut self, finding: Finding) {
        match self.pieces.last_mut() {
            Some(piece) if piece.len() < PIECE => piece.push(finding),
            // The first piece grows as needed (most maps have few findings); the next ones
            // are made full size.
            last => {
                let mut piece = Vec::with_capacity(if last.is_some() { PIECE } else { 4 });
                piece.push(finding);
                self.pieces.push(piece);
            }
        }
    }

    pub(super) fn len(&self) -> usize {
        self.pieces.iter().map(Vec::len).sum()
    }

    /// Keeps the findings `keep` says to keep, in order.
    pub(super) fn retain(&mut self, mut keep: impl FnMut(&Finding) -> bool) {
        for piece in &mut self.pieces {
            piece.retain(&mut keep);
        }
    }

    /// The findings of `lists`, in order.
    pub(super) fn concat(lists: Vec<Found>) -> Found {
        Found {
            pieces: lists.into_iter().flat_map(|list| list.pieces).collect(),
        }
    }

    /// The findings in one list, in order; each piece is let go as soon as it is moved.
    pub(super) fn into_vec(self) -> Vec<Finding> {
        let mut all = Vec::with_capacity(self.len());
        for piece in self.pieces {
            all.extend(piece);
        }
        all
    }

    /// Every finding, a piece at a time (as slices: a piece must not grow past [`PIECE`]).
    pub(super) fn pieces_mut(&mut self) -> Vec<&mut [Finding]> {
        self.pieces.iter_mut().map(Vec::as_mut_slice).collect()
    }

    /// The pieces, in order, each of at most [`PIECE`] findings.
    pub(super) fn into_pieces(self) -> Vec<Vec<Finding>> {
        self.pieces
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
            a.push(finding(n));
        }
        for n in 3000..3003 {
            b.push(finding(n));
        }
        assert_eq!(a.len(), 3000);
        a.retain(|f| f.message.parse::<usize>().is_ok_and(|n| n % 7 != 0));
        let all = Found::concat(vec![a, Found::default(), b]).into_vec();
        let expected: Vec<String> = (0..3003)
            .filter(|n| *n >= 3000 || n % 7 != 0)
            .map(|n| n.to_string())
            .collect();
        let got: Vec<&str> = all.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(got, expected);
    }
}
