//! The example maps in `maps/`: each loads, is the size of a real journey, and together they
//! exercise every rule, including a deliberate repeat that `repeat_reason` keeps quiet.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use touchpoint_engine::analysis::{self, Finding, RULES};
use touchpoint_engine::mapfile::{self, LoadedMap};

/// Every `.ron` file in `maps/`, in name order.
fn map_files() -> Vec<PathBuf> {
    let dir = crate::workspace::file("maps");
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "ron"))
        .collect();
    files.sort();
    files
}

fn load(path: &Path) -> LoadedMap {
    mapfile::load(path).unwrap_or_else(|e| panic!("{} does not load:\n{e}", path.display()))
}

fn all_maps() -> Vec<(PathBuf, LoadedMap)> {
    let files = map_files();
    assert!(
        files.len() >= 3,
        "expected at least 3 example maps in maps/, found {}",
        files.len()
    );
    files
        .into_iter()
        .map(|p| {
            let map = load(&p);
            (p, map)
        })
        .collect()
}

fn is_repeat(f: &Finding) -> bool {
    matches!(f.rule.code, "TP007" | "TP008")
}

#[test]
fn every_map_loads_and_is_a_full_journey() {
    for (path, map) in all_maps() {
        let j = &map.journey;
        let name = path.display();
        assert!(
            j.step_count() >= 15,
            "{name}: {} steps, want >= 15",
            j.step_count()
        );
        assert!(
            j.channels.len() >= 4,
            "{name}: {} channels, want >= 4",
            j.channels.len()
        );
        assert!(
            j.stages.len() >= 4,
            "{name}: {} stages, want >= 4",
            j.stages.len()
        );
    }
}

#[test]
fn the_maps_together_fire_every_rule() {
    let mut fired: BTreeSet<&str> = BTreeSet::new();
    for (_, map) in all_maps() {
        fired.extend(map.check().iter().map(|f| f.rule.code));
    }
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.code)
        .filter(|code| !fired.contains(code))
        .collect();
    assert!(missing.is_empty(), "no example map fires {missing:?}");
}

/// Collections with a `repeat_reason` that really are repeats (taking the reason away makes
/// TP007 or TP008 fire there) and that stay quiet as written, as `step/element`.
fn quiet_justified_repeats(map: &LoadedMap) -> Vec<String> {
    let findings = map.check();
    let flagged = |findings: &[Finding], step: &str, element: &str| {
        findings.iter().any(|f| {
            is_repeat(f) && f.step.as_deref() == Some(step) && f.element.as_deref() == Some(element)
        })
    };
    let mut quiet = Vec::new();
    for (ix, step) in map.journey.steps() {
        for (j, col) in step.collects.iter().enumerate() {
            if col.repeat_reason.is_none() || flagged(&findings, &step.id, &col.element) {
                continue;
            }
            let mut without = map.journey.clone();
            without.graph[ix].collects[j].repeat_reason = None;
            if flagged(&analysis::analyse(&without), &step.id, &col.element) {
                quiet.push(format!("{}/{}", step.id, col.element));
            }
        }
    }
    quiet
}

#[test]
fn a_justified_repeat_stays_quiet() {
    let quiet: Vec<String> = all_maps()
        .iter()
        .flat_map(|(_, map)| quiet_justified_repeats(map))
        .collect();
    assert!(
        !quiet.is_empty(),
        "no map has a repeat that `repeat_reason` keeps from being reported"
    );
}
