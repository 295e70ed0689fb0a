//! Snapshots of every export format of one sample map (insta: after an intended change,
//! `cargo insta review`), and the rendered sample in `docs/` kept current.

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
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
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
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
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
