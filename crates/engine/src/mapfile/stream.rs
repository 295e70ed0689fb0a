//! Loading a large map without ever holding its text: the file is read once, a piece at a
//! time; the parser reads each piece on this thread and the outline on another, and each
//! keeps only the bytes from its current token on. Whatever this path cannot settle (RON
//! the fast reader leaves to ron, a mistake, a file that is not text) it leaves to the
//! whole-text path, which names the problem exactly as before.

use std::hash::{DefaultHasher, Hasher};
use std::io::{self, Read};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::{LoadedMap, plain, validate};
use crate::journey::{Document, Journey};
use crate::source::{Outline, SourceMap, Window};

/// The bytes handed to the outline's thread at a time.
const PIECE: usize = 256 * 1024;

/// Pieces on their way to the outline's thread (8 MB): a parser that runs further ahead waits
/// for it. Room enough that neither waits on the other at each piece when more threads than
/// cores run (`diff` loads two maps at once: 3.4 s with 4 pieces, 3.25 s with 32).
const IN_FLIGHT: usize = 32;

/// Reads `src`, handing a copy of what it reads to the outline's thread.
struct Tee<'p, R> {
    src: R,
    to: SyncSender<Vec<u8>>,
    pending: Vec<u8>,
    read: u64,
    progress: &'p mut dyn FnMut(u64),
}

impl<R: Read> Read for Tee<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.src.read(buf)?;
        self.pending.extend_from_slice(&buf[..n]);
        // At the end of the file (`n == 0`) what is pending goes too.
        if self.pending.len() >= PIECE || (n == 0 && !self.pending.is_empty()) {
            let piece = std::mem::replace(&mut self.pending, Vec::with_capacity(PIECE));
            // An outline that ended early only lacks positions; the load goes on.
            let _ = self.to.send(piece);
        }
        self.read += n as u64;
        (self.progress)(self.read);
        Ok(n)
    }
}

/// The pieces a [`Tee`] hands over, read in turn (and hashed, with a hasher); the end when
/// the tee is gone. The outline's thread waits on the parser's, so it has time to hash.
struct Piped {
    from: Receiver<Vec<u8>>,
    piece: Vec<u8>,
    at: usize,
    hasher: Option<DefaultHasher>,
}

impl Read for Piped {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.piece.len() {
            match self.from.recv() {
                Ok(piece) => {
                    if let Some(hasher) = &mut self.hasher {
                        hasher.write(&piece);
                    }
                    (self.piece, self.at) = (piece, 0);
                }
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.piece.len() - self.at);
        buf[..n].copy_from_slice(&self.piece[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// What a streamed load gives: the map, and the hash of its bytes if it was asked for.
pub(super) type Streamed = (LoadedMap, Option<u64>);

/// Loads the map `src` holds (`size` bytes, about) as `name`, without holding its text, or
/// `None` where the whole-text path must decide. `progress` hears the bytes read so far;
/// with `hasher`, the bytes are hashed as they come (on the outline's thread).
pub(super) fn load(
    name: &str,
    src: impl Read,
    size: usize,
    chunk: usize,
    progress: &mut dyn FnMut(u64),
    hasher: Option<DefaultHasher>,
) -> Option<Streamed> {
    let (to, from) = sync_channel(IN_FLIGHT);
    let (parsed, outline) = std::thread::scope(|scope| {
        let outline = scope.spawn(move || {
            let piped = Piped {
                from,
                piece: Vec::new(),
                at: 0,
                hasher,
            };
            // The parser's window checks the same bytes.
            let mut window = Window::trusting(piped, chunk);
            let outline = Outline::read(&mut window, size);
            // The outline reads to the end of what the parser read.
            (outline, window.into_source().hasher.map(|h| h.finish()))
        });
        let tee = Tee {
            src,
            to,
            pending: Vec::with_capacity(PIECE),
            read: 0,
            progress,
        };
        let mut window = Window::with_chunk(tee, chunk);
        let parsed = plain::read_from::<Document>(&mut window)
            .ok()
            .and_then(|doc| {
                // The whole file is read and checked, to the end, before the map is taken as valid.
                let len = window.finish();
                (!window.failed()).then_some((doc, len))
            });
        // The tee goes, and with it the pieces: the outline finishes.
        drop(window);
        (parsed, outline.join())
    });
    let (doc, len) = parsed?;
    let (outline, hash) = outline.ok()?;
    let source = SourceMap::without_text(len, outline);
    // A map with mistakes is read again whole, for the snippets its messages show.
    if !validate::validate(&doc, &source, name).is_empty() {
        return None;
    }
    let map = LoadedMap {
        file: name.to_string(),
        journey: Journey::from_document(doc),
        source,
    };
    Some((map, hash))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::journey::Date;
    use crate::mapfile::fingerprint::{self, hasher};
    use crate::mapfile::{load_str, to_ron};
    use crate::source::window::CHUNK;

    const MAPS: [&str; 3] = [
        include_str!("../../../../maps/broadband-fault.ron"),
        include_str!("../../../../maps/bank-account-opening.ron"),
        include_str!("../../../../maps/online-shopping-returns.ron"),
    ];

    fn streamed(text: &[u8], chunk: usize) -> Option<LoadedMap> {
        load("map.ron", text, text.len(), chunk, &mut |_| {}, None).map(|(map, _)| map)
    }

    /// The same journey, the same findings at the same places, the same size.
    fn assert_same(streamed: &LoadedMap, whole: &LoadedMap) {
        let today = Date::parse("2026-11-29").expect("a date");
        let text = |m: &LoadedMap| to_ron(&m.journey.to_document()).expect("writes");
        assert_eq!(text(streamed), text(whole));
        assert_eq!(streamed.check_on(today), whole.check_on(today));
        assert_eq!(streamed.source.size(), whole.source.size());
        assert_eq!(streamed.source.text(), "", "the text is not kept");
    }

    #[test]
    fn loads_as_the_whole_text_does_at_any_window_size() {
        // Also with room between each field's name and its colon, which a window can end in.
        let spaced = MAPS.map(|m| m.replace(": ", "      : "));
        for text in MAPS.iter().chain(&spaced.each_ref().map(String::as_str)) {
            let whole = load_str("map.ron", text.to_string()).expect("the map loads");
            for chunk in [1, 2, 7, 64, 4096, CHUNK] {
                let map = streamed(text.as_bytes(), chunk).expect("the map streams");
                assert_same(&map, &whole);
            }
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_text() {
        let text = format!("\u{feff}{}", MAPS[0]);
        let whole = load_str("map.ron", text.clone()).expect("the map loads");
        for chunk in [1, 2, 3, 4, 4096] {
            assert_same(&streamed(text.as_bytes(), chunk).expect("streams"), &whole);
        }
    }

    #[test]
    fn leaves_to_the_whole_text_what_it_cannot_settle() {
        let map = MAPS[0];
        let cases: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"  \n ".to_vec(),
            format!("{map}\0").into_bytes(),
            [map.as_bytes(), b"// \xC3\x28"].concat(),
            [map.as_bytes(), b"// \xE2\x98"].concat(),
            map.replacen("purpose: \"", "purpse: \"", 1).into_bytes(),
            // Valid RON the fast reader leaves to ron.
            map.replacen("steps:", "/* block */ steps:", 1).into_bytes(),
            // Valid RON, but not a valid map: the messages show the text.
            map.replacen("from: \"", "from: \"nowhere-", 1).into_bytes(),
        ];
        for (n, text) in cases.iter().enumerate() {
            for chunk in [1, 5, 4096] {
                assert!(streamed(text, chunk).is_none(), "case {n}, chunk {chunk}");
            }
        }
    }

    #[test]
    fn a_read_that_fails_midway_is_left_to_the_whole_text() {
        struct Breaks<'t>(&'t [u8]);
        impl Read for Breaks<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0.is_empty() {
                    return Err(io::Error::other("the disk went away"));
                }
                let n = self.0.read(buf)?;
                Ok(n)
            }
        }
        let text = MAPS[1];
        let half = &text.as_bytes()[..text.len() / 2];
        let broken = load("map.ron", Breaks(half), text.len(), 4096, &mut |_| {}, None);
        assert!(broken.is_none());
    }

    #[test]
    fn progress_counts_the_bytes_read_and_the_hash_is_of_them_all() {
        let text = MAPS[1];
        let mut last = 0;
        let bytes = text.as_bytes();
        let progress = &mut |read| {
            assert!(read >= last);
            last = read;
        };
        let (_, hash) =
            load("map.ron", bytes, text.len(), 4096, progress, Some(hasher())).expect("streams");
        assert_eq!(last, text.len() as u64);
        assert_eq!(hash, Some(fingerprint::of(bytes)));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any one change to a map: either the pieces load it as the whole text does, or they
        /// leave it to the whole text.
        #[test]
        fn never_disagrees_with_the_whole_text(
            at in 0usize..MAPS[1].len(),
            cut in 0usize..4,
            insert in "[ -~\\n\\x00é]{0,3}",
            chunk in 1usize..600,
        ) {
            let mut text = MAPS[1].as_bytes().to_vec();
            let end = (at + cut).min(text.len());
            text.splice(at..end, insert.bytes());
            if let Some(map) = streamed(&text, chunk) {
                let whole = String::from_utf8(text.clone())
                    .ok()
                    .and_then(|t| load_str("map.ron", t).ok());
                prop_assert!(whole.is_some(), "streamed what the whole text refuses");
                assert_same(&map, &whole.expect("loads"));
            }
        }
    }
}
