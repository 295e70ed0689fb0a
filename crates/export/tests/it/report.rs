//! The HTML report as a DPO and a facilitator use it: findings most severe first and linked
//! to their steps, code shown as code, the map identified by version and hash, a date only
//! when asked for, a printed page per stage, and lane names kept in view on screen.

use std::collections::HashSet;

use touchpoint_engine::mapfile::{LoadedMap, load};
use touchpoint_export::{ExportContext, Exporter, Options, VERSION, html::Html};

use crate::workspace;

fn sample() -> LoadedMap {
    load(&workspace::file("maps/broadband-fault.ron")).expect("the sample map loads")
}

fn report(map: &LoadedMap, options: &Options) -> String {
    let analysis = map.analyse();
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, options)
        .with_map_text(map.source.text());
    Html.export(&ctx).expect("the report exports")
}

/// Every value of `attr="..."` in `html`.
fn attributes<'h>(html: &'h str, attr: &str) -> Vec<&'h str> {
    let key = format!(" {attr}=\"");
    html.match_indices(&key)
        .filter_map(|(i, _)| {
            let rest = &html[i + key.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn findings_come_most_severe_first_each_linked_to_its_step() {
    let map = sample();
    let html = report(&map, &Options::default());
    let start = html
        .find("<table class=\"findings\">")
        .expect("a findings table");
    let end = start + html[start..].find("</table>").expect("closed");
    let rows: Vec<&str> = html[start..end]
        .lines()
        .filter(|l| l.starts_with("<tr class="))
        .collect();
    assert_eq!(
        rows.len(),
        map.analyse().findings.len(),
        "every finding of the sample"
    );
    let rank = |row: &str| {
        [
            "<tr class=\"error\"",
            "<tr class=\"warning\"",
            "<tr class=\"advice\"",
        ]
        .iter()
        .position(|c| row.starts_with(c))
        .expect("a severity class")
    };
    let ranks: Vec<usize> = rows.iter().map(|r| rank(r)).collect();
    let mut sorted = ranks.clone();
    sorted.sort_unstable();
    assert_eq!(ranks, sorted, "errors, then warnings, then advice");
    let ids: HashSet<&str> = attributes(&html, "id").into_iter().collect();
    // A finding at a step links to it; one about a system or a party has no step to link to.
    let at_steps = map
        .analyse()
        .findings
        .iter()
        .filter(|f| f.step().is_some())
        .count();
    let linked = rows
        .iter()
        .filter(|r| !attributes(r, "href").is_empty())
        .count();
    assert_eq!(linked, at_steps, "every finding at a step links to it");
    for row in &rows {
        let links = attributes(row, "href");
        for link in links {
            let target = link.strip_prefix('#').expect("a link within the report");
            assert!(ids.contains(target), "{target} is a step in the diagram");
        }
    }
}

#[test]
fn ids_are_unique_even_with_a_diagram_per_printed_stage() {
    let html = report(&sample(), &Options::default());
    let ids = attributes(&html, "id");
    let unique: HashSet<&&str> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "no id twice");
    // The screen diagram, and one per stage for print.
    assert_eq!(html.matches("<svg ").count(), 1 + 5);
    assert_eq!(html.matches("<div class=\"page ").count(), 5);
}

#[test]
fn inline_code_is_code_not_backticks() {
    let html = report(&sample(), &Options::default());
    let findings = &html[html.find("id=\"findings\"").expect("findings")..];
    let findings = &findings[..findings.find("</section>").expect("closed")];
    assert!(findings.contains("<code>repeat_reason:</code>"));
    assert!(!findings.contains('`'), "no Markdown backticks left");
}

#[test]
fn the_report_names_its_version_and_the_maps_hash_and_a_date_only_when_asked() {
    let map = sample();
    let plain = report(&map, &Options::default());
    assert!(plain.contains(&format!("touchpoint {VERSION}")));
    // `sha256sum maps/broadband-fault.ron` gives the same digest.
    let hash = {
        use sha2::{Digest, Sha256};
        Sha256::digest(map.source.text().as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    assert!(plain.contains(&format!("<code>{hash}</code>")));
    assert!(!plain.contains("<dt>Date</dt>"));
    assert_eq!(plain, report(&map, &Options::default()), "byte for byte");
    let dated = report(
        &map,
        &Options {
            date: Some("2025-01-31".to_string()),
            ..Options::default()
        },
    );
    assert!(dated.contains("<dt>Date</dt><dd>2025-01-31</dd>"));
}

#[test]
fn lane_and_stage_names_stay_in_view_on_screen_only() {
    let html = report(&sample(), &Options::default());
    for pane in ["freeze lanes", "freeze stages", "freeze corner"] {
        assert!(html.contains(&format!("<div class=\"{pane}\"")), "{pane}");
    }
    let lanes = &html[html.find("freeze lanes").expect("lanes")..];
    let lanes = &lanes[..lanes.find("</div>\n</div>").unwrap_or(lanes.len())];
    assert!(lanes.contains("Website &amp; My Account") && lanes.contains("Engineer visit"));
    let css = include_str!("../../src/html.css");
    assert!(css.contains("position: sticky"));
    assert!(css.contains("nav, .screen-only, .freeze { display: none; }"));
}
