//! A long report written in order but formatted on two threads: this one formats the even
//! pieces and writes every piece, a helper formats the odd ones. Each thread keeps state of
//! its own (a report's source lines are read by each from the file).

use std::io::{self, Write};
use std::sync::mpsc;

/// From this many pieces on, a second thread formats every other one.
const PARALLEL_FROM: usize = 16;

/// Formats `pieces` with `format` (given its thread's state, made by `state`, the buffer to
/// fill, and the piece's index) and writes them to `out` in order. Buffers go back to the
/// helper to be filled again, so that the report's memory is touched once, not once per
/// piece. A writer that stops (a closed pipe) stops the helper.
pub(crate) fn write_in_order<P: Sync, S>(
    out: &mut dyn Write,
    pieces: &[P],
    state: impl Fn() -> S + Sync,
    format: impl Fn(&mut S, &mut Vec<u8>, usize, &P) + Sync,
) -> io::Result<()> {
    if pieces.len() < PARALLEL_FROM {
        let (mut own, mut buf) = (state(), Vec::new());
        for (i, piece) in pieces.iter().enumerate() {
            buf.clear();
            format(&mut own, &mut buf, i, piece);
            out.write_all(&buf)?;
        }
        return Ok(());
    }
    let (state, format) = (&state, &format);
    std::thread::scope(|scope| {
        let (done, formatted) = mpsc::sync_channel::<Vec<u8>>(2);
        let (give_back, spare) = mpsc::channel::<Vec<u8>>();
        scope.spawn(move || {
            let mut own = state();
            for (i, piece) in pieces.iter().enumerate().skip(1).step_by(2) {
                let mut buf = spare.try_recv().unwrap_or_default();
                buf.clear();
                format(&mut own, &mut buf, i, piece);
                if done.send(buf).is_err() {
                    return;
                }
            }
        });
        let mut own = state();
        let mut buf = Vec::new();
        for (i, piece) in pieces.iter().enumerate() {
            if i % 2 == 0 {
                buf.clear();
                format(&mut own, &mut buf, i, piece);
                out.write_all(&buf)?;
            } else {
                let theirs = formatted
                    .recv()
                    .map_err(|_| io::Error::other("the report's helper thread stopped"))?;
                out.write_all(&theirs)?;
                let _ = give_back.send(theirs);
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_piece_in_order_with_each_threads_own_state() {
        for count in [0, 1, 15, 16, 1001] {
            let pieces: Vec<u32> = (0..count).collect();
            let mut out = Vec::new();
            write_in_order(
                &mut out,
                &pieces,
                || 0u32,
                |count: &mut u32, buf: &mut Vec<u8>, i, piece: &u32| {
                    *count += 1;
                    assert_eq!(i as u32, *piece);
                    buf.extend_from_slice(format!("{piece};").as_bytes());
                },
            )
            .expect("writes");
            let expected: String = pieces.iter().map(|p| format!("{p};")).collect();
            assert_eq!(String::from_utf8(out).expect("utf-8"), expected);
        }
    }

    #[test]
    fn a_writer_that_stops_stops_the_helper() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let pieces: Vec<u32> = (0..10_000).collect();
        let written = write_in_order(
            &mut Closed,
            &pieces,
            || (),
            |_, buf, _, p| {
                buf.extend_from_slice(&p.to_le_bytes());
            },
        );
        assert_eq!(
            written.map_err(|e| e.kind()),
            Err(io::ErrorKind::BrokenPipe)
        );
    }
}
