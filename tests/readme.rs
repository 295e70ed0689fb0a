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
