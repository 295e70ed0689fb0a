//! Lists read from a map file, held at exactly their length.
//!
//! A list read item by item grows by doubling, and a list of one string holds room for four:
//! on a 100,000-step map a fifth of the document was empty room, and it was held while the
//! whole text was too, at the peak of a load. Moving a list into an allocation of its own
//! size frees that room at once for the rest of the read to use (shrinking in place may not:
//! an allocator can keep a block that shrinks by less than half).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// Reads a list and holds it at its length (`deserialize_with = "exact::list"`).
pub(super) fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_seq(Pieces(PhantomData))
}

/// The bytes of items a long list is read into at a time, before the pieces are joined.
const PIECE_BYTES: usize = 64 * 1024;

/// Reads a list in pieces of at most [`PIECE_BYTES`], then moves them into one allocation of
/// the list's length. A list that grows by doubling leaves blocks behind as large as itself
/// (the steps of a 100,000-step map, 28 MB, left about 60 MB); pieces leave small blocks the
/// rest of the read takes up again.
struct Pieces<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Pieces<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let per_piece = (PIECE_BYTES / size_of::<T>().max(1)).max(1);
        let mut full: Vec<Vec<T>> = Vec::new();
        let mut piece = Vec::new();
        while let Some(item) = seq.next_element()? {
            if piece.len() == per_piece {
                full.push(std::mem::replace(&mut piece, Vec::with_capacity(per_piece)));
            }
            piece.push(item);
        }
        if full.is_empty() && piece.capacity() == piece.len() {
            return Ok(piece);
        }
        let mut exact = Vec::with_capacity(full.len() * per_piece + piece.len());
        for p in full {
            exact.extend(p);
        }
        exact.extend(piece);
        Ok(exact)
    }
}

#[cfg(test)]
mod tests {
    use crate::journey::Document;

    #[test]
    fn every_list_of_a_read_map_is_held_at_its_length() {
        let text = include_str!("../../../../maps/broadband-fault.ron");
        let doc: Document = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .expect("the example map reads");
        let mut checked = 0;
        for step in &doc.steps {
            assert_eq!(step.collects.capacity(), step.collects.len(), "{}", step.id);
            assert_eq!(step.pain_points.capacity(), step.pain_points.len());
            for c in &step.collects {
                assert_eq!(c.stored_in.capacity(), c.stored_in.len(), "{}", step.id);
                assert_eq!(c.shared_with.capacity(), c.shared_with.len());
                checked += 1;
            }
        }
        for channel in &doc.channels {
            assert_eq!(channel.reads.capacity(), channel.reads.len());
        }
        assert_eq!(doc.steps.capacity(), doc.steps.len());
        assert!(checked > 10);
    }
}
