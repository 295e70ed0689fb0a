//! A map file's fingerprint: the hash of its bytes, which says whether a file has changed and
//! which text a journal of edits started from.

use std::hash::{DefaultHasher, Hasher};

/// The fingerprint of `bytes` (as read from a file, before they are known to be text).
pub fn of(bytes: &[u8]) -> u64 {
    let mut hasher = hasher();
    hasher.write(bytes);
    hasher.finish()
}

/// What makes a fingerprint, for bytes that come a piece at a time: writing the pieces in
/// turn gives the fingerprint of the whole.
pub fn hasher() -> DefaultHasher {
    DefaultHasher::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_give_the_fingerprint_of_the_whole() {
        let bytes: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for size in [1, 3, 8, 13, 4096] {
            let mut h = hasher();
            for piece in bytes.chunks(size) {
                h.write(piece);
            }
            assert_eq!(h.finish(), of(&bytes), "pieces of {size}");
        }
        assert_ne!(of(b"a"), of(b"b"));
    }
}
