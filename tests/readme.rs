//! The README stays true: its example map loads, and its rule table lists every rule.

use touchpoint::analysis::RULES;
use touchpoint::mapfile::load_str;

const README: &str = include_str!("../README.md");

#[test]
fn the_readme_example_map_loads() {
    let start = README.find("```ron\n").expect("a ron block") + "```ron\n".len();
    let end = start + README[start..].find("```").expect("closed block");
    let map = load_str("README.md", README[start..end].to_string())
        .unwrap_or_else(|e| panic!("README example loads: {e}"));
    assert!(map.journey.step_count() >= 2);
}

#[test]
fn the_readme_lists_every_rule() {
    for r in RULES {
        let row = format!("| {} | `{}` | {} |", r.code, r.name, r.severity);
        assert!(
            README.contains(&row),
            "README lacks the row for {}: {row}",
            r.code
        );
    }
}

#[test]
fn the_readme_sample_output_is_what_check_prints() {
    use touchpoint::analysis::{Tally, check};
    use touchpoint::report::{Style, human};
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/maps/broadband-fault.ron");
    let mut map = touchpoint::mapfile::load(std::path::Path::new(path)).expect("loads");
    map.file = "maps/broadband-fault.ron".into();
    let findings = check(&map);
    let shown = findings
        .iter()
        .map(|f| human::finding(&Style::plain(), &map, f))
        .find(|block| README.contains(block.trim_end()))
        .expect("README shows one finding exactly as `check` prints it");
    assert!(shown.contains("certain-repeat"));
    let summary = human::summary(&Style::plain(), &map.file, &Tally::of(&findings));
    assert!(
        README.contains(summary.trim_end()),
        "README summary is stale: {summary}"
    );
}
