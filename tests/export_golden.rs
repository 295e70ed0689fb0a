//! Golden files: every export format of one sample map, byte for byte.
//!
//! When an export changes on purpose, regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test export_golden` and review the diff.

use std::path::{Path, PathBuf};

use touchpoint::export::{Analysed, EXPORTERS, Exporter, Options};
use touchpoint::mapfile::load;

/// The sample map, as a path relative to the crate root (it is shown in some exports).
const SAMPLE: &str = "maps/broadband-fault.ron";

fn golden_path(id: &str, ext: &str) -> PathBuf {
    Path::new("tests/golden").join(format!("{id}.{ext}"))
}

#[test]
fn every_format_matches_its_golden_file() {
    let map = load(Path::new(SAMPLE)).expect("the sample map loads");
    let analysed = Analysed::of_map(&map);
    let options = Options::default();
    let ctx = analysed.context(&map.file, &map.journey, &options);
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for exporter in EXPORTERS {
        let got = exporter
            .export(&ctx)
            .unwrap_or_else(|e| panic!("{} exports the sample: {e}", exporter.id()));
        let path = golden_path(exporter.id(), exporter.extension());
        if update {
            std::fs::create_dir_all("tests/golden").expect("create tests/golden");
            std::fs::write(&path, &got).expect("write golden file");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
            stale.push(format!(
                "{} differs from {} from line {}:\n  got:  {:?}\n  want: {:?}",
                exporter.id(),
                path.display(),
                line + 1,
                got.lines().nth(line),
                want.lines().nth(line)
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\n\nIf the change is intended, run `UPDATE_GOLDEN=1 cargo test --test export_golden` \
         and review the diff.",
        stale.join("\n")
    );
}

#[test]
fn a_stage_export_holds_only_that_stage() {
    let map = load(Path::new(SAMPLE)).expect("the sample map loads");
    let analysed = Analysed::of_map(&map);
    let options = Options {
        stage: Some("selfhelp".to_string()),
    };
    let ctx = analysed.context(&map.file, &map.journey, &options);
    for exporter in EXPORTERS {
        let out = exporter
            .export(&ctx)
            .unwrap_or_else(|e| panic!("{} exports one stage: {e}", exporter.id()));
        assert!(
            out.contains("Run the online line test") || exporter.id().starts_with("ropa"),
            "{} shows the stage's steps",
            exporter.id()
        );
        assert!(
            !out.contains("Engineer rings ahead"),
            "{} leaves other stages out",
            exporter.id()
        );
    }
}

#[test]
fn the_rendered_sample_in_docs_is_current() {
    let map = load(Path::new(SAMPLE)).expect("the sample map loads");
    let analysed = Analysed::of_map(&map);
    let options = Options::default();
    let ctx = analysed.context(&map.file, &map.journey, &options);
    let svg = touchpoint::export::svg::Svg
        .export(&ctx)
        .expect("the sample exports as SVG");
    let committed = std::fs::read_to_string("docs/broadband-fault.svg").unwrap_or_default();
    assert!(
        svg == committed,
        "docs/broadband-fault.svg is out of date: run docs/regenerate.sh"
    );
}

#[test]
fn the_readme_excerpts_are_real_output() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    // The Exports section's ```text blocks, up to the next heading outside a block.
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    let (mut inside, mut fenced) = (false, false);
    for line in readme.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
            if fenced && inside && line == "```text" {
                blocks.push(Vec::new());
            }
            continue;
        }
        if !fenced && line.starts_with("## ") {
            inside = line == "## Exports";
        } else if fenced && inside {
            if let Some(block) = blocks.last_mut() {
                block.push(line);
            }
        }
    }
    let goldens: Vec<String> = std::fs::read_dir("tests/golden")
        .expect("tests/golden")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("golden text"))
        .collect();
    let mut checked = 0;
    for block in &blocks {
        // Lines holding "..." are abbreviated; every other line is verbatim output.
        for line in block
            .iter()
            .filter(|l| !l.contains("...") && !l.trim().is_empty())
        {
            assert!(
                goldens.iter().any(|g| g.lines().any(|gl| gl == *line)),
                "README excerpt line is not in any golden export: {line}"
            );
            checked += 1;
        }
    }
    assert!(blocks.len() >= 6, "an excerpt per kind of format");
    assert!(checked > 20, "the excerpts were found ({checked} lines)");
}
