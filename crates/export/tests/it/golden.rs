//! Snapshots of every export format of one sample map (insta: after an intended change,
//! `cargo insta review`), and the rendered sample and the gallery in `docs/` kept current.

use touchpoint_engine::mapfile::{LoadedMap, load};
use touchpoint_export::{EXPORTERS, ExportContext, Exporter, Options};

use crate::workspace;

/// The sample map (only its file name shows in the exports).
fn sample() -> LoadedMap {
    load(&workspace::file("maps/broadband-fault.ron")).expect("the sample map loads")
}

#[test]
fn every_format_matches_its_snapshot() {
    let map = sample();
    let analysis = map.analyse();
    let options = Options::default();
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options)
        .with_map_text(map.source.text());
    for exporter in EXPORTERS {
        let got = exporter
            .export(&ctx)
            .unwrap_or_else(|e| panic!("{} exports the sample: {e}", exporter.id()));
        insta::assert_snapshot!(exporter.id(), got);
    }
}

#[test]
fn a_stage_export_holds_only_that_stage() {
    let map = sample();
    let analysis = map.analyse();
    let options = Options {
        stage: Some("selfhelp".to_string()),
        ..Options::default()
    };
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
    for exporter in EXPORTERS {
        let out = exporter
            .export(&ctx)
            .unwrap_or_else(|e| panic!("{} exports one stage: {e}", exporter.id()));
        assert!(
            // The record and the minutes are of the whole map.
            out.contains("Run the online line test")
                || exporter.id().starts_with("ropa")
                || exporter.id().starts_with("minutes"),
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
    let map = sample();
    let analysis = map.analyse();
    let options = Options::default();
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options)
        .with_map_text(map.source.text());
    let svg = touchpoint_export::svg::Svg
        .export(&ctx)
        .expect("the sample exports as SVG");
    let committed =
        std::fs::read_to_string(workspace::file("docs/broadband-fault.svg")).unwrap_or_default();
    assert!(
        svg == committed,
        "docs/broadband-fault.svg is out of date: run docs/regenerate.sh"
    );
}

/// The pictures in the gallery and the text each was drawn from (docs/regenerate.sh).
const PICTURES: [(&str, &str); 5] = [
    ("broadband-fault.dot.svg", "broadband-fault.dot.dot"),
    (
        "broadband-fault.plantuml.svg",
        "broadband-fault.plantuml.puml",
    ),
    (
        "broadband-fault.mermaid-flowchart.png",
        "broadband-fault.mermaid-flowchart.mmd",
    ),
    (
        "broadband-fault.mermaid-journey.png",
        "broadband-fault.mermaid-journey.mmd",
    ),
    ("broadband-fault.html.png", "broadband-fault.html.html"),
];

#[test]
fn the_gallery_in_docs_is_current() {
    use sha2::{Digest, Sha256};
    let map = sample();
    let analysis = map.analyse();
    let options = Options::default();
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options)
        .with_map_text(map.source.text());
    let stale = "is out of date: run docs/regenerate.sh";
    // Every format's text, as touchpoint writes it today.
    for exporter in EXPORTERS {
        let name = format!(
            "docs/gallery/broadband-fault.{}.{}",
            exporter.id(),
            exporter.extension()
        );
        let got = exporter.export(&ctx).expect("the sample exports");
        let committed = std::fs::read_to_string(workspace::file(&name)).unwrap_or_default();
        assert!(got == committed, "{name} {stale}");
    }
    // Every picture, drawn from the text committed beside it.
    let sums =
        std::fs::read_to_string(workspace::file("docs/gallery/SOURCES.sha256")).unwrap_or_default();
    for (picture, source) in PICTURES {
        let path = workspace::file(&format!("docs/gallery/{picture}"));
        assert!(
            std::fs::metadata(&path).is_ok_and(|m| m.len() > 1_000),
            "docs/gallery/{picture} is missing: run docs/regenerate.sh"
        );
        let text =
            std::fs::read(workspace::file(&format!("docs/gallery/{source}"))).unwrap_or_default();
        let hash: String = Sha256::digest(&text)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert!(
            sums.lines().any(|l| l == format!("{hash}  {source}")),
            "docs/gallery/{picture} was drawn from another {source}: run docs/regenerate.sh"
        );
    }
}

#[test]
fn the_minutes_of_a_reviewed_map_match_their_snapshots() {
    let map = load(&workspace::file("maps/online-shopping-returns.ron")).expect("loads");
    let analysis = map.analyse();
    let options = Options::default();
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
    for exporter in [
        &touchpoint_export::minutes_markdown::MinutesMarkdown as &dyn Exporter,
        &touchpoint_export::minutes_html::MinutesHtml,
    ] {
        let got = exporter.export(&ctx).expect("the minutes export");
        assert!(got.contains("Priya (DPO)"), "{got}");
        assert!(got.contains("2026-02-28"), "the action's due date: {got}");
        insta::assert_snapshot!(format!("reviewed-{}", exporter.id()), got);
    }
}
