//! A map's findings in file order, left in the pieces the rules made them in.
//!
//! Joining the pieces into one list held the findings twice for a moment: the allocator
//! keeps the pieces' memory once they are let go, so on a map with 700,000 findings the join
//! added 140 MB to the peak. A report that reads the findings once, in order, reads them
//! where they were made, through the order alone.

use std::ops::{Index, Range};

use super::found::PIECE;
use super::note::Note;
use super::words::Texts;
use super::{Finding, Tally};

/// Findings in file order, read where they were made ([`Findings::into_vec`] joins them).
#[derive(Debug, Clone, Default)]
pub struct Findings<T = Finding> {
    pieces: Vec<Vec<T>>,
    /// Each finding, in file order, as its piece (the high bits) and its place in it.
    order: Vec<u32>,
}

/// Bits of a [`Findings::order`] entry that give the place in a piece.
const PLACE_BITS: u32 = PIECE.trailing_zeros();

// A place must fit its bits: pieces hold a power of two.
const _: () = assert!(PIECE.is_power_of_two());

impl<T> Findings<T> {
    /// The findings of `pieces`, in the order of `(coarse, fine)`; findings whose keys tie keep
    /// the order they were made in. Most findings differ in `coarse`, a number: sorting it
    /// with a 4-byte place takes 16 bytes a finding rather than a key's 40, on a map with
    /// 700,000 findings at the moment of its highest memory. `fine` orders the few that tie.
    pub(super) fn sorted_by<F: Ord>(
        pieces: Vec<Vec<T>>,
        coarse: impl Fn(&T) -> u64,
        fine: impl Fn(&T) -> F,
    ) -> Findings<T> {
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
        let mut findings = Findings {
            pieces,
            order: keyed.iter().map(|&(_, at)| at).collect(),
        };
        let mut start = 0;
        for run in keyed.chunk_by(|a, b| a.0 == b.0) {
            let end = start + run.len();
            if run.len() > 1 {
                // Stable, and the run is in the order the findings were made.
                let Findings { pieces, order } = &mut findings;
                order[start..end].sort_by_key(|&entry| fine(at(pieces, entry)));
            }
            start = end;
        }
        findings
    }

    /// The findings of `pieces`, in the order they were made.
    pub(super) fn as_made(pieces: Vec<Vec<T>>) -> Findings<T> {
        fits(&pieces);
        let order = pieces
            .iter()
            .enumerate()
            .flat_map(|(p, piece)| (0..piece.len()).map(move |i| entry(p, i)))
            .collect();
        Findings { pieces, order }
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The `n`th finding in file order.
    pub fn get(&self, n: usize) -> Option<&T> {
        self.order.get(n).map(|&at| self.at(at))
    }

    /// Every finding, in file order.
    pub fn iter(&self) -> InFileOrder<'_, T> {
        self.range(0..self.len())
    }

    /// The findings in file order from `range.start` up to `range.end`.
    pub fn range(&self, range: Range<usize>) -> InFileOrder<'_, T> {
        InFileOrder {
            findings: self,
            order: self.order[range].iter(),
        }
    }

    fn at(&self, entry: u32) -> &T {
        at(&self.pieces, entry)
    }

    /// The findings in one list, in file order.
    pub fn into_vec(self) -> Vec<T> {
        let mut starts = Vec::with_capacity(self.pieces.len());
        let mut all = Vec::with_capacity(self.order.len());
        for piece in self.pieces {
            starts.push(all.len() as u32);
            all.extend(piece);
        }
        // Position `k` takes the finding at `from[k]`: follow each cycle of the permutation,
        // marking each position done as it is filled.
        let mut from: Vec<u32> = self
            .order
            .into_iter()
            .map(|at| {
                let (piece, place) = split(at);
                starts[piece] + place as u32
            })
            .collect();
        for start in 0..from.len() {
            let mut at = start;
            loop {
                let next = from[at] as usize;
                from[at] = at as u32;
                if next == start || next == at {
                    break;
                }
                all.swap(at, next);
                at = next;
            }
        }
        all
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

impl<T> Index<usize> for Findings<T> {
    type Output = T;

    /// The `n`th finding in file order.
    fn index(&self, n: usize) -> &T {
        self.at(self.order[n])
    }
}

impl<'a, T> IntoIterator for &'a Findings<T> {
    type Item = &'a T;
    type IntoIter = InFileOrder<'a, T>;

    fn into_iter(self) -> InFileOrder<'a, T> {
        self.iter()
    }
}

/// Findings in file order ([`Findings::iter`], [`Findings::range`]).
#[derive(Debug)]
pub struct InFileOrder<'a, T = Finding> {
    findings: &'a Findings<T>,
    order: std::slice::Iter<'a, u32>,
}

impl<T> Clone for InFileOrder<'_, T> {
    fn clone(&self) -> Self {
        InFileOrder {
            findings: self.findings,
            order: self.order.clone(),
        }
    }
}

impl<'a, T> Iterator for InFileOrder<'a, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        self.order.next().map(|&at| self.findings.at(at))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.order.size_hint()
    }
}

impl<T> DoubleEndedIterator for InFileOrder<'_, T> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.order.next_back().map(|&at| self.findings.at(at))
    }
}

impl<T> ExactSizeIterator for InFileOrder<'_, T> {}

/// Findings already in the order they are to be read in.
impl<T> From<Vec<T>> for Findings<T> {
    fn from(findings: Vec<T>) -> Findings<T> {
        let mut pieces = Vec::with_capacity(findings.len().div_ceil(PIECE));
        let mut findings = findings.into_iter().peekable();
        while findings.peek().is_some() {
            pieces.push(findings.by_ref().take(PIECE).collect());
        }
        Findings::as_made(pieces)
    }
}

/// A map's findings in file order, kept as [`Note`]s with their texts: for a report that
/// reads each finding once, spelt out as it is printed ([`Notes::render`]).
#[derive(Debug)]
pub struct Notes {
    notes: Findings<Note>,
    texts: Texts,
}

impl Notes {
    pub(super) fn new(notes: Findings<Note>, texts: Texts) -> Notes {
        Notes { notes, texts }
    }

    pub fn len(&self) -> usize {
        self.notes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }

    /// The `n`th finding in file order, spelt out in `out` (whose strings are reused).
    pub fn render(&self, n: usize, out: &mut Finding) {
        self.notes[n].render_into(&self.texts, out);
    }

    /// The findings from `range.start` up to `range.end`, in file order, each spelt out in
    /// turn in one [`Finding`] given to `f`.
    pub fn each(&self, range: Range<usize>, mut f: impl FnMut(&Finding)) {
        let mut notes = self.notes.range(range);
        let Some(first) = notes.next() else {
            return;
        };
        let mut finding = first.render(&self.texts, &mut String::new());
        f(&finding);
        for note in notes {
            note.render_into(&self.texts, &mut finding);
            f(&finding);
        }
    }

    /// How many findings there are of each severity.
    pub fn tally(&self) -> Tally {
        let mut tally = Tally::default();
        for note in &self.notes {
            tally.add(note.severity());
        }
        tally
    }

    /// The findings spelt out, in the same order; each piece of notes is let go as it is read.
    pub fn into_findings(self) -> Findings {
        let Notes { notes, texts } = self;
        let mut scratch = String::new();
        let pieces = notes
            .pieces
            .into_iter()
            .map(|piece| {
                piece
                    .iter()
                    .map(|note| note.render(&texts, &mut scratch))
                    .collect()
            })
            .collect();
        Findings {
            pieces,
            order: notes.order,
        }
    }
}

/// Findings already in the order they are to be read in, their texts kept whole.
impl From<Vec<Finding>> for Notes {
    fn from(findings: Vec<Finding>) -> Notes {
        let mut texts = Texts::default();
        let notes: Vec<Note> = findings.iter().map(|f| Note::of(f, &mut texts)).collect();
        texts.seal();
        Notes::new(Findings::from(notes), texts)
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
            let findings = Findings::sorted_by(found(&keys), |f| u64::from(key(f) / 2), key);
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
            let joined: Vec<String> = findings.into_vec().into_iter().map(|f| f.message).collect();
            prop_assert_eq!(joined, expected);
        }
    }

    #[test]
    fn a_list_in_order_is_read_as_it_is() {
        let keys: Vec<u8> = (0..(PIECE + 3)).map(|n| (n % 5) as u8).collect();
        let list = found(&keys).concat();
        let findings = Findings::from(list.clone());
        assert!(findings.iter().eq(&list));
        assert_eq!(findings.into_vec(), list);
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
        let findings = Findings::sorted_by(found, |f| u64::from(key(f) / 2), key);
        let read: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(read, ["0 0", "0 513", "0 516", "1 514", "2 512", "2 515"]);
    }
}
