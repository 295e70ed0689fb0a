//! The README stays true: its example map loads, and its rule table lists every rule.

use touchpoint_engine::analysis::RULES;
use touchpoint_engine::mapfile::load_str;

const README: &str = include_str!("../../README.md");

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
    let out = assert_cmd::Command::cargo_bin("touchpoint")
        .expect("binary built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "maps/broadband-fault.ron", "--color", "never"])
        .output()
        .expect("check runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    // Findings are blocks separated by blank lines; the summary is the last line.
    let shown = stdout
        .split("\n\n")
        .find(|block| block.contains("certain-repeat") && README.contains(block.trim_end()))
        .expect("README shows one certain-repeat finding exactly as `check` prints it");
    assert!(shown.contains("-->"), "the block has its location: {shown}");
    let summary = stdout.lines().last().expect("a summary line");
    assert!(
        summary.starts_with("maps/broadband-fault.ron: ") && README.contains(summary),
        "README summary is stale: {summary}"
    );
}

#[test]
fn the_readme_export_excerpts_are_real_output() {
    use touchpoint_export::{EXPORTERS, ExportContext, Options};
    // The Exports section's ```text blocks, up to the next heading outside a block.
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    let (mut inside, mut fenced) = (false, false);
    for line in README.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
            if fenced && inside && line == "```text" {
                blocks.push(Vec::new());
            }
            continue;
        }
        if !fenced && line.starts_with("## ") {
            inside = line == "## Exports";
        } else if fenced
            && inside
            && let Some(block) = blocks.last_mut()
        {
            block.push(line);
        }
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/maps/broadband-fault.ron");
    let map = touchpoint_engine::mapfile::load(std::path::Path::new(path)).expect("loads");
    let analysis = map.analyse();
    let options = Options::default();
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
    let exports: Vec<String> = EXPORTERS
        .iter()
        .map(|e| e.export(&ctx).expect("the sample exports"))
        .collect();
    let mut checked = 0;
    for block in &blocks {
        // Lines holding "..." are abbreviated; every other line is verbatim output.
        for line in block
            .iter()
            .filter(|l| !l.contains("...") && !l.trim().is_empty())
        {
            assert!(
                exports.iter().any(|g| g.lines().any(|gl| gl == *line)),
                "README excerpt line is not in any export of the sample: {line}"
            );
            checked += 1;
        }
    }
    assert!(blocks.len() >= 6, "an excerpt per kind of format");
    assert!(checked > 20, "the excerpts were found ({checked} lines)");
}

#[test]
fn the_readme_says_how_to_render_big_diagrams() {
    // PlantUML cuts a PNG at 4,096 px by default, dropping lanes and the legend.
    assert!(README.contains("-tsvg") && README.contains("PLANTUML_LIMIT_SIZE"));
    // Mermaid: one readable diagram per stage.
    assert!(README.contains("**one readable diagram per stage** with `--stage STAGE`"));
}
