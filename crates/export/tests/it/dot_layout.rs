//! The DOT export laid out by the real Graphviz (`dot -Tplain`): stage columns aligned from
//! the header down through every lane, lanes in the map's order, flow labels off the steps.
//! Ignored unless asked for (`cargo test -- --include-ignored`), like the tmux tests: a run
//! without Graphviz says so in its summary instead of passing silently. CI installs it.

use std::io::Write;
use std::process::{Command, Stdio};

use touchpoint_engine::mapfile::load;
use touchpoint_export::{ExportContext, Exporter, Options, dot::Dot};

use crate::workspace;

/// A laid-out node: centre and size, in inches.
struct Node {
    name: String,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Node {
    fn holds(&self, x: f64, y: f64) -> bool {
        (x - self.x).abs() < self.w / 2.0 && (y - self.y).abs() < self.h / 2.0
    }
}

/// `dot -Tplain` of `input`, or `None` when Graphviz is missing.
fn plain(input: &str) -> Option<String> {
    let mut child = Command::new("dot")
        .arg("-Tplain")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(input.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    assert!(out.status.success(), "dot -Tplain fails");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The text after an HTML-like `<...>` label at the start of `s`, nesting counted.
fn after_label(s: &str) -> &str {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => {
                depth -= 1;
                if depth == 0 {
                    return &s[i + 1..];
                }
            }
            _ => {}
        }
    }
    ""
}

/// Nodes, and the positions of the flows' labels.
fn layout(plain: &str) -> (Vec<Node>, Vec<(String, f64, f64)>) {
    let mut nodes = Vec::new();
    let mut labels = Vec::new();
    for line in plain.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f.first() {
            Some(&"node") => {
                let n = |i: usize| f[i].parse::<f64>().expect("a number");
                nodes.push(Node {
                    name: f[1].to_string(),
                    x: n(2),
                    y: n(3),
                    w: n(4),
                    h: n(5),
                });
            }
            Some(&"edge") => {
                let points: usize = f[3].parse().expect("a point count");
                // The label, when there is one, follows the points: skip them by position.
                let mut rest = line;
                for _ in 0..4 + 2 * points {
                    rest = rest.trim_start();
                    rest = rest.find(' ').map_or("", |i| &rest[i..]);
                }
                let rest = rest.trim_start();
                if rest.starts_with('<') {
                    let xy: Vec<f64> = after_label(rest)
                        .split_whitespace()
                        .take(2)
                        .map(|v| v.parse().expect("a label position"))
                        .collect();
                    labels.push((format!("{} -> {}", f[1], f[2]), xy[0], xy[1]));
                }
            }
            _ => {}
        }
    }
    (nodes, labels)
}

fn dot_of(path: &str) -> (String, touchpoint_engine::mapfile::LoadedMap) {
    let map = load(&workspace::file(path)).unwrap_or_else(|e| panic!("{path} loads: {e}"));
    let analysis = map.analyse();
    let options = Options::default();
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
    (Dot.export(&ctx).expect("DOT export"), map)
}

#[test]
#[ignore = "needs Graphviz"]
fn stages_are_aligned_columns_lanes_keep_their_order_and_labels_miss_steps() {
    for path in [
        "maps/broadband-fault.ron",
        "maps/online-shopping-returns.ron",
        "maps/bank-account-opening.ron",
    ] {
        let (dot, map) = dot_of(path);
        let plain = plain(&dot).expect("Graphviz `dot` runs (apt-get install graphviz)");
        let (nodes, labels) = layout(&plain);
        let find = |name: &str| nodes.iter().find(|n| n.name == name);
        let cols = map.journey.stages.len();
        // The header's separators, left to right.
        let edges: Vec<f64> = (0..=cols)
            .map(|k| find(&format!("head_sep{k}")).expect("a header separator").x)
            .collect();
        assert!(
            edges.windows(2).all(|w| w[0] < w[1]),
            "{path}: columns in order"
        );
        // Every lane's separators stand under the header's: the columns run straight down.
        let mut misaligned = 0;
        for n in nodes.iter().filter(|n| n.name.starts_with("sep")) {
            let k: usize = n
                .name
                .rsplit('_')
                .next()
                .and_then(|k| k.parse().ok())
                .expect("k");
            if (n.x - edges[k]).abs() > 0.01 {
                misaligned += 1;
            }
        }
        assert_eq!(misaligned, 0, "{path}: lane separators out of line");
        // Each step lies wholly inside its own stage's column, under its header.
        for (i, (_, step)) in map.journey.steps().enumerate() {
            let node = find(&format!("s{i}")).expect("a step node");
            let k = map.journey.stage_index(&step.stage).expect("its stage");
            assert!(
                node.x - node.w / 2.0 > edges[k] && node.x + node.w / 2.0 < edges[k + 1],
                "{path}: {:?} is outside the {:?} column",
                step.title,
                step.stage
            );
        }
        // Lanes top to bottom in the map's order (plain's y grows upwards).
        let lane_y: Vec<f64> = nodes
            .iter()
            .filter(|n| n.name.starts_with("lane") && n.name.ends_with("_0"))
            .map(|n| n.y)
            .collect();
        assert!(
            lane_y.windows(2).all(|w| w[0] > w[1]),
            "{path}: lanes in order"
        );
        // No flow label's centre lands on a step.
        for (edge, x, y) in &labels {
            let on: Vec<&str> = nodes
                .iter()
                .filter(|n| n.name.starts_with('s') && !n.name.starts_with("sep"))
                .filter(|n| n.name[1..].parse::<usize>().is_ok() && n.holds(*x, *y))
                .map(|n| n.name.as_str())
                .collect();
            assert!(on.is_empty(), "{path}: the label of {edge} lands on {on:?}");
        }
        assert!(!labels.is_empty(), "{path}: labelled flows found");
    }
}
