//! The positional outline of a map file never panics, whatever the text: it runs on every
//! file that parses, and a fuzzer or a person can hand it anything.

use proptest::prelude::*;
use touchpoint_engine::source::{Key, SourceMap};

/// Pieces of RON and of things that are not quite RON, to build texts that reach deep into
/// the outliner: nesting, fields, strings with escapes, raw strings, comments, attributes.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("(".to_string()),
        Just(")".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(":".to_string()),
        Just(",".to_string()),
        Just("\n".to_string()),
        Just("#![enable(implicit_some)]".to_string()),
        Just("#".to_string()),
        Just("steps".to_string()),
        Just("collects".to_string()),
        Just("\"".to_string()),
        Just("\"a\\\"b\\\\\"".to_string()),
        Just("r#\"raw \" text\"#".to_string()),
        Just("r##\"".to_string()),
        Just("'x'".to_string()),
        Just("/*".to_string()),
        Just("*/".to_string()),
        Just("/* a /* nested */ comment */".to_string()),
        Just("// line comment".to_string()),
        Just("b\"bytes\"".to_string()),
        Just("1.5e3".to_string()),
        Just("Some(".to_string()),
        "[a-z_]{1,8}".prop_map(String::from),
        any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(fragment(), 0..60).prop_map(|parts| parts.concat()),
    ]
}

fn key() -> impl Strategy<Value = Key<'static>> {
    prop_oneof![
        prop::sample::select(vec!["steps", "collects", "element", "meta", "id", "a"])
            .prop_map(Key::Field),
        (0usize..4).prop_map(Key::Index),
    ]
}

/// Everything a caller can ask of an outline, so that none of it may panic either.
fn exercise(text: String, path: &[Key<'static>], line: u32) {
    let map = SourceMap::new(text);
    let _ = map.find(path);
    let pos = map.nearest(path);
    assert!(
        pos.line >= 1 && pos.col >= 1,
        "positions are 1-based: {pos:?}"
    );
    let _ = map.line(line);
    let _ = map.line(pos.line);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_outliner_never_panics(
        text in text(),
        path in prop::collection::vec(key(), 0..6),
        line in 0u32..80,
    ) {
        exercise(text, &path, line);
    }

    #[test]
    fn a_cut_or_spliced_real_map_never_panics(
        cut in 0usize..20_000,
        insert in fragment(),
        path in prop::collection::vec(key(), 0..6),
    ) {
        let real = include_str!("../../../../maps/broadband-fault.ron");
        // Cut at a character boundary and splice a fragment in: half-written maps.
        let at = real.char_indices().map(|(i, _)| i).find(|&i| i >= cut % real.len()).unwrap_or(0);
        let text = format!("{}{insert}{}", &real[..at], &real[at..at + (real.len() - at) / 2]);
        exercise(text, &path, 3);
    }
}

#[test]
fn a_real_map_is_outlined_to_its_values() {
    let real = include_str!("../../../../maps/broadband-fault.ron");
    let map = SourceMap::new(real.to_string());
    let pos = map
        .find(&[Key::Field("steps"), Key::Index(0), Key::Field("id")])
        .expect("the first step's id is outlined");
    let line = map.line(pos.line).expect("its line");
    assert!(line.contains("id:"), "{line}");
}
