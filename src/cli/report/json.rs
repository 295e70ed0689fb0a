//! Findings and load errors as JSON, with stable field names for CI and other tools.
//!
//! The structs below are the schema. `check` writes the same text by hand ([`write_report`]),
//! on two threads: a 100,000-step map has over half a million findings, and serde's
//! general-purpose writer took a quarter of the run. A test holds the two to the same bytes.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use super::pieces;

#[cfg(test)]
use touchpoint_engine::analysis::Finding;
use touchpoint_engine::analysis::{FindingRef, Findings, Severity, Tally};
use touchpoint_engine::mapfile::{Diagnostic, LoadedMap};
use touchpoint_engine::source::Pos;

/// The whole `check --format json` output.
#[cfg(test)]
#[derive(Debug, Serialize)]
pub(crate) struct Report<'a> {
    /// Bumped when a field changes meaning or goes away.
    pub version: u32,
    pub findings: FindingList<'a>,
    pub load_errors: Vec<LoadErrorJson<'a>>,
    pub summary: Tally,
}

/// Every map's findings as one JSON list, written one by one rather than gathered first.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct FindingList<'a>(pub(crate) &'a [(&'a LoadedMap, Vec<Finding>)]);

#[cfg(test)]
impl Serialize for FindingList<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.0
                .iter()
                .flat_map(|(map, fs)| fs.iter().map(move |f| FindingJson::new(map, f))),
        )
    }
}

#[cfg(test)]
#[derive(Debug, Serialize)]
pub(crate) struct FindingJson<'a> {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: &'a str,
    pub help: &'a str,
    pub file: &'a str,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub step: Option<&'a str>,
    pub collection: Option<usize>,
    pub element: Option<&'a str>,
    pub system: Option<&'a str>,
    pub party: Option<&'a str>,
    pub related_steps: &'a [String],
}

#[derive(Debug, Serialize)]
pub(crate) struct LoadErrorJson<'a> {
    pub file: &'a str,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: &'a str,
    pub hint: Option<&'a str>,
    pub note: Option<&'a str>,
}

#[cfg(test)]
impl<'a> FindingJson<'a> {
    pub(crate) fn new(map: &'a LoadedMap, f: &'a Finding) -> Self {
        FindingJson {
            code: f.rule.code,
            name: f.rule.name,
            severity: f.severity,
            message: &f.message,
            help: &f.help,
            file: &map.file,
            line: f.pos.map(|p| p.line),
            column: f.pos.map(|p| p.col),
            step: f.step.as_deref(),
            collection: f.collection,
            element: f.element.as_deref(),
            system: f.system.as_deref(),
            party: f.party.as_deref(),
            related_steps: &f.related,
        }
    }
}

impl<'a> LoadErrorJson<'a> {
    pub(crate) fn new(d: &'a Diagnostic) -> Self {
        LoadErrorJson {
            file: &d.file,
            line: d.pos.map(|p| p.line),
            column: d.pos.map(|p| p.col),
            message: &d.message,
            hint: d.hint.as_deref(),
            note: d.note.as_deref(),
        }
    }
}

/// Findings per piece of work: a piece of a 100,000-step map's report is about a megabyte.
const CHUNK: usize = 1_024;

/// Writes the whole `check --format json` report to `out`, byte for byte as
/// `serde_json::to_writer_pretty` writes [`Report`], without the final newline.
pub(crate) fn write_report(
    out: &mut dyn Write,
    loaded: &[(LoadedMap, Findings)],
    failures: &[Diagnostic],
    tally: &Tally,
) -> io::Result<()> {
    out.write_all(b"{\n  \"version\": 1,\n  \"findings\": [")?;
    let pieces: Vec<(&LoadedMap, &Findings, Range<usize>)> = loaded
        .iter()
        .flat_map(|(map, fs)| {
            (0..fs.len())
                .step_by(CHUNK)
                .map(move |start| (map, fs, start..fs.len().min(start + CHUNK)))
        })
        .collect();
    pieces::write_in_order(
        out,
        &pieces,
        || (),
        |(), buf, i, piece| {
            let (map, findings, range) = piece;
            format_piece(buf, map, findings, range.clone(), i == 0);
        },
    )?;
    let total: usize = loaded.iter().map(|(_, fs)| fs.len()).sum();
    let mut buf = Vec::new();
    if total > 0 {
        buf.extend_from_slice(b"\n  ");
    }
    buf.extend_from_slice(b"],\n  \"load_errors\": [");
    for (i, d) in failures.iter().enumerate() {
        buf.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        format_load_error(&mut buf, d);
    }
    if !failures.is_empty() {
        buf.extend_from_slice(b"\n  ");
    }
    buf.extend_from_slice(b"],\n  \"summary\": {\n    \"error\": ");
    number(&mut buf, tally.error as u64);
    buf.extend_from_slice(b",\n    \"warning\": ");
    number(&mut buf, tally.warning as u64);
    buf.extend_from_slice(b",\n    \"advice\": ");
    number(&mut buf, tally.advice as u64);
    buf.extend_from_slice(b"\n  }\n}");
    out.write_all(&buf)
}

/// One piece of the findings list: each finding as an object, after a comma unless it is the
/// very first of the list.
fn format_piece(
    buf: &mut Vec<u8>,
    map: &LoadedMap,
    findings: &Findings,
    range: Range<usize>,
    first: bool,
) {
    for (i, f) in findings.range(range).enumerate() {
        buf.extend_from_slice(if first && i == 0 { b"\n" } else { b",\n" });
        format_finding(buf, map, f);
    }
}

/// One finding, read where it is kept: its message and help are copied once, as they are
/// escaped, a piece at a time.
fn format_finding(buf: &mut Vec<u8>, map: &LoadedMap, f: FindingRef<'_>) {
    let rule = f.rule();
    buf.extend_from_slice(b"    {\n      \"code\": ");
    string(buf, rule.code);
    buf.extend_from_slice(b",\n      \"name\": ");
    string(buf, rule.name);
    buf.extend_from_slice(b",\n      \"severity\": ");
    string(buf, severity(f.severity()));
    buf.extend_from_slice(b",\n      \"message\": \"");
    f.message_pieces(|piece| escaped(buf, piece));
    buf.extend_from_slice(b"\",\n      \"help\": \"");
    f.help_pieces(|piece| escaped(buf, piece));
    buf.extend_from_slice(b"\",\n      ");
    file_line_column(buf, &map.file, f.pos());
    buf.extend_from_slice(b",\n      \"step\": ");
    optional_string(buf, f.step());
    buf.extend_from_slice(b",\n      \"collection\": ");
    optional_number(buf, f.collection().map(|c| c as u64));
    buf.extend_from_slice(b",\n      \"element\": ");
    optional_string(buf, f.element());
    buf.extend_from_slice(b",\n      \"system\": ");
    optional_string(buf, f.system());
    buf.extend_from_slice(b",\n      \"party\": ");
    optional_string(buf, f.party());
    buf.extend_from_slice(b",\n      \"related_steps\": [");
    let mut any = false;
    for (i, step) in f.related().enumerate() {
        buf.extend_from_slice(if i == 0 {
            b"\n        "
        } else {
            b",\n        "
        });
        string(buf, step);
        any = true;
    }
    if any {
        buf.extend_from_slice(b"\n      ");
    }
    buf.extend_from_slice(b"]\n    }");
}

fn format_load_error(buf: &mut Vec<u8>, d: &Diagnostic) {
    buf.extend_from_slice(b"    {\n      ");
    file_line_column(buf, &d.file, d.pos);
    buf.extend_from_slice(b",\n      \"message\": ");
    string(buf, &d.message);
    buf.extend_from_slice(b",\n      \"hint\": ");
    optional_string(buf, d.hint.as_deref());
    buf.extend_from_slice(b",\n      \"note\": ");
    optional_string(buf, d.note.as_deref());
    buf.extend_from_slice(b"\n    }");
}

/// `"file"`, `"line"` and `"column"`, as findings and load errors both give them.
fn file_line_column(buf: &mut Vec<u8>, file: &str, pos: Option<Pos>) {
    buf.extend_from_slice(b"\"file\": ");
    string(buf, file);
    buf.extend_from_slice(b",\n      \"line\": ");
    optional_number(buf, pos.map(|p| u64::from(p.line)));
    buf.extend_from_slice(b",\n      \"column\": ");
    optional_number(buf, pos.map(|p| u64::from(p.col)));
}

/// The name serde gives a severity (`rename_all = "lowercase"`).
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "advice",
    }
}

fn optional_string(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

fn optional_number(buf: &mut Vec<u8>, n: Option<u64>) {
    match n {
        Some(n) => number(buf, n),
        None => buf.extend_from_slice(b"null"),
    }
}

fn number(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[at..]);
}

/// A JSON string, escaped as serde_json escapes it: quote, backslash and the control
/// characters below U+0020; everything else, DEL and non-ASCII included, as it is.
fn string(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    escaped(buf, s);
    buf.push(b'"');
}

/// The inside of a JSON string, escaped as [`string`] escapes it.
fn escaped(buf: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    // Copied whole up to here.
    let mut start = 0;
    while let Some(at) = to_escape(bytes, start) {
        let b = bytes[at];
        let escaped: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0c => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                &[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ]
            }
        };
        buf.extend_from_slice(&bytes[start..at]);
        buf.extend_from_slice(escaped);
        start = at + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
}

/// Where the first byte from `from` on that needs escaping is: a quote, a backslash or a
/// control character. Eight bytes are tested at once, as one number (a report of 600 MB
/// spent a third of its time here going a byte at a time).
fn to_escape(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    // The high bit of each byte of `w` that is zero. A borrow can mark a byte above a zero
    // one too, never one below: the lowest mark is always the first zero byte.
    let zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let mut at = from;
    while let Some(eight) = bytes.get(at..at + 8) {
        let w = u64::from_le_bytes(eight.try_into().unwrap_or_default());
        // Below 0x20 (a byte from 0x80 up has its high bit set, and is not marked), or equal
        // to a quote or a backslash.
        let marks = (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
            | zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')));
        if marks != 0 {
            return Some(at + (marks.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let rest = bytes.get(at..)?;
    rest.iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
        .map(|k| at + k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use touchpoint_engine::analysis::find_rule;

    /// What serde_json writes for the same report, with the final newline `check` adds.
    fn by_serde(loaded: &[(LoadedMap, Findings)], failures: &[Diagnostic]) -> String {
        let spelt: Vec<(&LoadedMap, Vec<Finding>)> = loaded
            .iter()
            .map(|(map, notes)| {
                let mut all = Vec::new();
                notes.each(0..notes.len(), |f| all.push(f.clone()));
                (map, all)
            })
            .collect();
        let report = Report {
            version: 1,
            findings: FindingList(&spelt),
            load_errors: failures.iter().map(LoadErrorJson::new).collect(),
            summary: Tally::of(spelt.iter().flat_map(|(_, f)| f)),
        };
        serde_json::to_string_pretty(&report).expect("serialises")
    }

    fn by_hand(loaded: &[(LoadedMap, Findings)], failures: &[Diagnostic]) -> String {
        let mut out = Vec::new();
        let tally = tally(loaded);
        write_report(&mut out, loaded, failures, &tally).expect("writes to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    fn tally(loaded: &[(LoadedMap, Findings)]) -> Tally {
        let mut tally = Tally::default();
        for (_, notes) in loaded {
            tally += notes.tally();
        }
        tally
    }

    /// Text with everything the escaping must tell apart: quotes, backslashes, every control
    /// character, DEL, non-ASCII and plain words.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("\"".to_string()),
                Just("\\".to_string()),
                (0u8..0x20).prop_map(|b| char::from(b).to_string()),
                Just("\u{7f}é–😀/".to_string()),
                "[a-z ]{0,6}",
            ],
            0..6,
        )
        .prop_map(|parts| parts.concat())
    }

    fn finding() -> impl Strategy<Value = Finding> {
        let rule = prop_oneof![Just("TP001"), Just("TP017"), Just("TP021")];
        (
            rule,
            text(),
            proptest::option::of(text()),
            proptest::option::of((0u32..100_000, 0u32..300)),
            proptest::option::of(text()),
            proptest::option::of(0usize..20),
            proptest::option::of(text()),
            proptest::collection::vec(text(), 0..3),
        )
            .prop_map(
                |(code, message, help, pos, step, collection, element, related)| {
                    let mut f = Finding::new(find_rule(code).expect("a rule"), message);
                    if let Some(help) = help {
                        f = f.help(help);
                    }
                    f.pos = pos.map(|(line, col)| Pos { line, col, len: 1 });
                    f.step = step;
                    f.collection = collection;
                    f.element = element.clone();
                    f.system = element.clone().map(|e| e + "s");
                    f.party = element.map(|e| e + "p");
                    f.related = related;
                    f
                },
            )
    }

    fn diagnostic() -> impl Strategy<Value = Diagnostic> {
        (
            text(),
            text(),
            proptest::option::of(text()),
            proptest::option::of((1u32..9, 1u32..9)),
        )
            .prop_map(|(file, message, hint, pos)| {
                let mut d = Diagnostic::whole_file(&file, &message).with_hint(hint.clone());
                d.note = hint.map(|h| h + "!");
                d.pos = pos.map(|(line, col)| Pos { line, col, len: 1 });
                d
            })
    }

    proptest! {
        #[test]
        fn the_hand_written_report_is_serde_jsons(
            maps in proptest::collection::vec((text(), proptest::collection::vec(finding(), 0..4)), 0..3),
            failures in proptest::collection::vec(diagnostic(), 0..3),
        ) {
            let loaded: Vec<(LoadedMap, Findings)> = maps
                .into_iter()
                .map(|(file, fs)| (LoadedMap::empty(&file), fs.into()))
                .collect();
            prop_assert_eq!(by_hand(&loaded, &failures), by_serde(&loaded, &failures));
        }
    }

    /// Escapes at the edges of the blocks the escaper checks at once, and every ASCII byte.
    #[test]
    fn strings_escape_as_serde_json_does_at_every_block_edge() {
        let ascii: String = (0u8..0x80).map(char::from).collect();
        for n in [0, 1, 7, 8, 9, 15, 16, 17, 30, 31, 32, 33, 63, 64, 65, 100] {
            for at in [0, 7, 8, 9, 31, 32, 33] {
                let mut s = "x".repeat(n);
                s.insert_str(at.min(s.len()), "\"\\\u{1}\u{1f}\u{7f}é");
                s.push_str(&ascii);
                let mut ours = Vec::new();
                string(&mut ours, &s);
                let theirs = serde_json::to_string(&s).expect("serialises");
                assert_eq!(String::from_utf8(ours).expect("UTF-8"), theirs, "{n} {at}");
            }
        }
    }

    /// Messages made of templates and joined texts (routes), and help written by rules, as
    /// every example map and test fixture has them: the hand-written report copies them a
    /// piece at a time, serde writes them spelt out first.
    #[test]
    fn a_real_analysis_is_written_as_serde_writes_it() {
        let maps = [
            "maps/bank-account-opening.ron",
            "maps/broadband-fault.ron",
            "maps/online-shopping-returns.ron",
            "tests/fixtures/hostile.ron",
            "tests/fixtures/workshop.ron",
            "tests/fixtures/punctuation.ron",
        ];
        let today = touchpoint_engine::journey::Date::parse("2026-11-29").expect("a date");
        let loaded: Vec<(LoadedMap, Findings)> = maps
            .iter()
            .map(|path| {
                let map =
                    touchpoint_engine::mapfile::load(std::path::Path::new(path)).expect("loads");
                let findings = map.findings_on(today);
                (map, findings)
            })
            .collect();
        let routes = loaded
            .iter()
            .flat_map(|(_, fs)| fs.iter())
            .filter(|f| f.message().contains("on the route"))
            .count();
        assert!(routes > 0, "some finding names a route");
        assert_eq!(by_hand(&loaded, &[]), by_serde(&loaded, &[]));
    }

    #[test]
    fn a_long_report_is_written_in_order_on_two_threads() {
        let rule = find_rule("TP001").expect("a rule");
        let findings: Vec<Finding> = (0..16 * CHUNK + 3 * CHUNK + 7)
            .map(|i| {
                let mut f = Finding::new(rule, format!("finding {i}"));
                f.pos = Some(Pos {
                    line: i as u32,
                    col: 1,
                    len: 1,
                });
                f
            })
            .collect();
        let loaded = vec![
            (
                LoadedMap::empty("a.ron"),
                findings[..CHUNK + 5].to_vec().into(),
            ),
            (
                LoadedMap::empty("b.ron"),
                findings[CHUNK + 5..].to_vec().into(),
            ),
        ];
        assert_eq!(by_hand(&loaded, &[]), by_serde(&loaded, &[]));
    }

    #[test]
    fn a_closed_pipe_ends_the_helper_too() {
        /// Takes a little, then fails as a closed pipe does.
        struct Closing(usize);
        impl Write for Closing {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                if self.0 == 0 {
                    return Err(io::ErrorKind::BrokenPipe.into());
                }
                self.0 -= 1;
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let rule = find_rule("TP001").expect("a rule");
        let findings = vec![Finding::new(rule, "x".into()); 32 * CHUNK];
        let loaded = vec![(LoadedMap::empty("a.ron"), Findings::from(findings))];
        let tally = tally(&loaded);
        let err = write_report(&mut Closing(5), &loaded, &[], &tally).expect_err("fails");
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    }
}
