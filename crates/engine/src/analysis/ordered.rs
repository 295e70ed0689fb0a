//! Findings in file order, left in the pieces the rules made them in.
//!
//! Joining the pieces into one list held the findings twice for a moment: the allocator
//! keeps the pieces' memory once they are let go, so on a map with 700,000 findings the join
//! added 140 MB to the peak. The findings are read where they were made, through the order
//! alone.

use std::ops::{Index, Range};

/// How many findings a piece holds.
pub(super) const PIECE: usize = 256;
#[cfg(test)]
use super::Finding;

/// Findings in file order, read where they were made.
#[derive(Debug, Clone)]
pub(super) struct Ordered<T> {
    pieces: Vec<Vec<T>>,
    /// Each finding, in file order, as its piece (the high bits) and its place in it.
    order: Vec<u32>,
}

/// Bits of a [`Ordered::order`] entry that give the place in a piece.
const PLACE_BITS: u32 = PIECE.trailing_zeros();

// A place must fit its bits: pieces hold a power of two.
const _: () = assert!(PIECE.is_power_of_two());

impl<T> Ordered<T> {
    /// The findings of `pieces`, in the order of `(coarse, fine)`; findings whose keys tie keep
    /// the order they were made in. Most findings differ in `coarse`, a number: sorting it
    /// with a 4-byte place takes 16 bytes a finding rather than a key's 40, on a map with
    /// 700,000 findings at the moment of its highest memory. `fine` orders the few that tie.
    pub(super) fn sorted_by<F: Ord>(
        pieces: Vec<Vec<T>>,
        coarse: impl Fn(&T) -> u64,
        fine: impl Fn(&T) -> F,
    ) -> Ordered<T> {
        fits(&pieces);
        let mut keyed: Vec<(u64, u32)> = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
        for (p, piece) in pieces.iter().enumerate() {
            for (i, f) in piece.iter().enumerate() {
                keyed.push((coarse(f), entry(p, i)));
            }
        }
        // Pieces come in the order they were made and places rise within each, so the
        // entry makes every key distinct in that order: an unstable sort gives the stable one.
        keyed.sort_unstable();
        let mut findings = Ordered {
            pieces,
            order: keyed.iter().map(|&(_, at)| at).collect(),
        };
        let mut start = 0;
        for run in keyed.chunk_by(|a, b| a.0 == b.0) {
            let end = start + run.len();
            if run.len() > 1 {
                // Stable, and the run is in the order the findings were made.
                let Ordered { pieces, order } = &mut findings;
                order[start..end].sort_by_key(|&entry| fine(at(pieces, entry)));
            }
            start = end;
        }
        findings
    }

    /// The findings of `pieces`, in the order they were made.
    pub(super) fn as_made(pieces: Vec<Vec<T>>) -> Ordered<T> {
        fits(&pieces);
        let order = pieces
            .iter()
            .enumerate()
            .flat_map(|(p, piece)| (0..piece.len()).map(move |i| entry(p, i)))
            .collect();
        Ordered { pieces, order }
    }

    pub(super) fn len(&self) -> usize {
        self.order.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The `n`th finding in file order.
    pub(super) fn get(&self, n: usize) -> Option<&T> {
        self.order.get(n).map(|&at| self.at(at))
    }

    /// Every finding, in file order.
    pub(super) fn iter(&self) -> OrderedIter<'_, T> {
        self.range(0..self.len())
    }

    /// The findings in file order from `range.start` up to `range.end`.
    pub(super) fn range(&self, range: Range<usize>) -> OrderedIter<'_, T> {
        OrderedIter {
            findings: self,
            order: self.order[range].iter(),
        }
    }

    fn at(&self, entry: u32) -> &T {
        at(&self.pieces, entry)
    }
}

/// The order entry of the finding at `place` in piece `piece`.
fn entry(piece: usize, place: usize) -> u32 {
    (piece as u32) << PLACE_BITS | place as u32
}

/// The piece and the place in it an order entry names.
fn split(entry: u32) -> (usize, usize) {
    (
        (entry >> PLACE_BITS) as usize,
        (entry & (PIECE as u32 - 1)) as usize,
    )
}

/// The finding an order entry names.
fn at<T>(pieces: &[Vec<T>], entry: u32) -> &T {
    let (piece, place) = split(entry);
    &pieces[piece][place]
}

/// Whether every finding of `pieces` has an order entry of its own (past four billion
/// findings, or in a piece grown past [`PIECE`], the entries would name the wrong one).
fn fits<T>(pieces: &[Vec<T>]) {
    debug_assert!(pieces.len() <= (u32::MAX >> PLACE_BITS) as usize);
    debug_assert!(pieces.iter().all(|piece| piece.len() <= PIECE));
}

impl<T> Index<usize> for Ordered<T> {
    type Output = T;

    /// The `n`th finding in file order.
    fn index(&self, n: usize) -> &T {
        self.at(self.order[n])
    }
}

impl<'a, T> IntoIterator for &'a Ordered<T> {
    type Item = &'a T;
    type IntoIter = OrderedIter<'a, T>;

    fn into_iter(self) -> OrderedIter<'a, T> {
        self.iter()
    }
}

/// Findings in file order ([`Ordered::iter`], [`Ordered::range`]).
#[derive(Debug)]
pub(super) struct OrderedIter<'a, T> {
    findings: &'a Ordered<T>,
    order: std::slice::Iter<'a, u32>,
}

impl<T> Clone for OrderedIter<'_, T> {
    fn clone(&self) -> Self {
        OrderedIter {
            findings: self.findings,
            order: self.order.clone(),
        }
    }
}

impl<'a, T> Iterator for OrderedIter<'a, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        self.order.next().map(|&at| self.findings.at(at))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.order.size_hint()
    }
}

impl<T> DoubleEndedIterator for OrderedIter<'_, T> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.order.next_back().map(|&at| self.findings.at(at))
    }
}

impl<T> ExactSizeIterator for OrderedIter<'_, T> {}

/// Findings already in the order they are to be read in.
impl<T> Default for Ordered<T> {
    fn default() -> Ordered<T> {
        Ordered {
            pieces: Vec::new(),
            order: Vec::new(),
        }
    }
}

impl<T> From<Vec<T>> for Ordered<T> {
    fn from(findings: Vec<T>) -> Ordered<T> {
        let mut pieces = Vec::with_capacity(findings.len().div_ceil(PIECE));
        let mut findings = findings.into_iter().peekable();
        while findings.peek().is_some() {
            pieces.push(findings.by_ref().take(PIECE).collect());
        }
        Ordered::as_made(pieces)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::RULES;
    use proptest::prelude::*;

    fn found(keys: &[u8]) -> Vec<Vec<Finding>> {
        let findings: Vec<Finding> = keys
            .iter()
            .enumerate()
            .map(|(n, k)| Finding::new(RULES[*k as usize % RULES.len()], format!("{k} {n}")))
            .collect();
        findings.chunks(PIECE).map(<[Finding]>::to_vec).collect()
    }

    /// What a stable sort by the key gives, as messages.
    fn stable(keys: &[u8]) -> Vec<String> {
        let mut expected: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
        expected.sort_by_key(|&(k, _)| k);
        expected.iter().map(|(k, n)| format!("{k} {n}")).collect()
    }

    /// The message's two numbers: the key, and the order the finding was made in.
    fn numbers(f: &Finding) -> (u8, usize) {
        let (key, n) = f.message.split_once(' ').expect("two numbers");
        (key.parse().expect("a key"), n.parse().expect("a count"))
    }

    fn key(f: &Finding) -> u8 {
        numbers(f).0
    }

    proptest! {
        /// Read in place or joined, the order is that of a stable sort by the key, across
        /// pieces (lists of up to three pieces and a bit).
        #[test]
        fn reads_and_joins_as_a_stable_sort(
            keys in proptest::collection::vec(0u8..6, 0..(3 * PIECE + 40)),
        ) {
            let findings = Ordered::sorted_by(found(&keys), |f| u64::from(key(f) / 2), key);
            let expected = stable(&keys);
            prop_assert_eq!(findings.len(), keys.len());
            let read: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
            prop_assert_eq!(&read, &expected);
            let third = keys.len() / 3;
            let middle: Vec<&str> =
                findings.range(third..2 * third).map(|f| f.message.as_str()).collect();
            prop_assert_eq!(&middle[..], &expected[third..2 * third]);
            if let Some(last) = keys.len().checked_sub(1) {
                prop_assert_eq!(&findings.get(last).expect("the last").message, &expected[last]);
            }
            prop_assert!(findings.get(keys.len()).is_none());
            let back: Vec<String> = findings.iter().rev().map(|f| f.message.clone()).collect();
            prop_assert!(back.iter().eq(expected.iter().rev()));
        }
    }

    #[test]
    fn a_list_in_order_is_read_as_it_is() {
        let keys: Vec<u8> = (0..(PIECE + 3)).map(|n| (n % 5) as u8).collect();
        let list = found(&keys).concat();
        let findings = Ordered::from(list.clone());
        assert!(findings.iter().eq(&list));
        assert_eq!(findings.iter().cloned().collect::<Vec<_>>(), list);
    }

    #[test]
    fn pieces_emptied_by_suppression_are_read_past() {
        let keys: Vec<u8> = (0..(2 * PIECE + 5)).map(|n| (n % 3) as u8).collect();
        let mut found = found(&keys);
        // Keep only the last piece's findings and the first piece's first.
        for piece in &mut found {
            piece.retain(|f| {
                let n = numbers(f).1;
                n == 0 || n >= 2 * PIECE
            });
        }
        let findings = Ordered::sorted_by(found, |f| u64::from(key(f) / 2), key);
        let read: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(read, ["0 0", "0 513", "0 516", "1 514", "2 512", "2 515"]);
    }
}
