//! The native SVG measured as a reader sees it: flows that run across a card other than their
//! own two ends, flow labels lying on a card or on another label, away from their own flow or
//! crossed by another, flows sharing a line, and text too small for a projector. Read from
//! the SVG itself (cards are `g.step` rects; each `g.flow` holds a flow's path and, in a
//! `g.flow-label`, its label's backing rect), so the figures hold for whatever layout draws
//! them.
//!
//! `cargo test -p touchpoint-export --test it geometry -- --nocapture` prints the figures for
//! the example maps, the test fixtures and generated maps of 60, 300 and 1,000 steps.

use std::collections::HashMap;

use touchpoint_engine::analysis::Analysis;
use touchpoint_engine::journey::Journey;
use touchpoint_engine::journey::synthetic::{Shape, generate};
use touchpoint_engine::mapfile::load;
use touchpoint_export::{ExportContext, Exporter, Options, svg::Svg};

use crate::workspace;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    /// Whether the two share more than a hairline of area.
    fn overlaps(&self, o: &Rect) -> bool {
        const E: f64 = 0.5;
        self.x0 + E < o.x1 && o.x0 + E < self.x1 && self.y0 + E < o.y1 && o.y0 + E < self.y1
    }

    /// Whether `p` is on or within `slack` of the rectangle.
    fn near(&self, p: (f64, f64), slack: f64) -> bool {
        p.0 >= self.x0 - slack
            && p.0 <= self.x1 + slack
            && p.1 >= self.y0 - slack
            && p.1 <= self.y1 + slack
    }

    /// Whether the segment from `a` to `b` passes through the rectangle's inside (its border
    /// shrunk by a pixel, so a line along an edge or ending on it does not count).
    fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let r = Rect {
            x0: self.x0 + 1.0,
            y0: self.y0 + 1.0,
            x1: self.x1 - 1.0,
            y1: self.y1 - 1.0,
        };
        if r.x0 >= r.x1 || r.y0 >= r.y1 {
            return false;
        }
        // Liang-Barsky clipping: some part of the segment lies strictly inside.
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, a.0 - r.x0),
            (dx, r.x1 - a.0),
            (-dy, a.1 - r.y0),
            (dy, r.y1 - a.1),
        ] {
            if p == 0.0 {
                if q <= 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        t1 - t0 > 1e-6
    }
}

/// A flow as drawn: its path flattened into straight segments, and its label's box.
#[derive(Debug, Clone)]
struct Flow {
    points: Vec<(f64, f64)>,
    label: Option<Rect>,
}

/// What one SVG holds.
#[derive(Debug, Default)]
struct Drawing {
    cards: Vec<Rect>,
    flows: Vec<Flow>,
    labels: Vec<Rect>,
    /// Font sizes of every piece of text, in px.
    font_sizes: Vec<f64>,
}

fn num(node: roxmltree::Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("a numeric {name} on {:?}", node.tag_name()))
}

fn rect_of(node: roxmltree::Node<'_, '_>) -> Rect {
    let (x, y) = (num(node, "x"), num(node, "y"));
    Rect {
        x0: x,
        y0: y,
        x1: x + num(node, "width"),
        y1: y + num(node, "height"),
    }
}

fn in_group(node: roxmltree::Node<'_, '_>, class: &str) -> bool {
    node.ancestors().any(|a| {
        a.attribute("class")
            .is_some_and(|c| c.split(' ').any(|w| w == class))
    })
}

/// The points of an SVG path's `d` (absolute M, L, H, V and C commands), cubic curves
/// flattened into 16 straight pieces.
fn flatten(d: &str) -> Vec<(f64, f64)> {
    let mut tokens: Vec<String> = Vec::new();
    let mut cur = String::new();
    for ch in d.chars() {
        if ch.is_ascii_alphabetic() {
            if !cur.is_empty() {
                tokens.push(std::mem::take(&mut cur));
            }
            tokens.push(ch.to_string());
        } else if ch == ',' || ch.is_whitespace() {
            if !cur.is_empty() {
                tokens.push(std::mem::take(&mut cur));
            }
        } else if ch == '-' && !cur.is_empty() {
            tokens.push(std::mem::take(&mut cur));
            cur.push(ch);
        } else {
            cur.push(ch);
        }
    }
    if !cur.is_empty() {
        tokens.push(cur);
    }
    let mut points = Vec::new();
    let mut at = (0.0, 0.0);
    let mut i = 0;
    let mut command = 'M';
    let n = |i: usize| -> f64 { tokens[i].parse().expect("a number in a path") };
    while i < tokens.len() {
        if tokens[i].chars().all(|c| c.is_ascii_alphabetic()) {
            command = tokens[i].chars().next().unwrap_or('M');
            i += 1;
            continue;
        }
        match command {
            'M' | 'L' => {
                at = (n(i), n(i + 1));
                points.push(at);
                i += 2;
            }
            'H' => {
                at = (n(i), at.1);
                points.push(at);
                i += 1;
            }
            'V' => {
                at = (at.0, n(i));
                points.push(at);
                i += 1;
            }
            'C' => {
                let (p1, p2, p3) = ((n(i), n(i + 1)), (n(i + 2), n(i + 3)), (n(i + 4), n(i + 5)));
                let p0 = at;
                for k in 1..=16 {
                    let t = f64::from(k) / 16.0;
                    let u = 1.0 - t;
                    let x = u * u * u * p0.0
                        + 3.0 * u * u * t * p1.0
                        + 3.0 * u * t * t * p2.0
                        + t * t * t * p3.0;
                    let y = u * u * u * p0.1
                        + 3.0 * u * u * t * p1.1
                        + 3.0 * u * t * t * p2.1
                        + t * t * t * p3.1;
                    points.push((x, y));
                }
                at = p3;
                i += 6;
            }
            other => panic!("path command {other} is not read by this test"),
        }
    }
    points
}

/// The font size that applies to a text element, from it or the nearest ancestor saying so.
fn font_size(node: roxmltree::Node<'_, '_>) -> f64 {
    node.ancestors()
        .find_map(|a| a.attribute("font-size"))
        .and_then(|v| v.trim_end_matches("px").parse().ok())
        .unwrap_or(16.0)
}

fn read(svg: &str) -> Drawing {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    let mut d = Drawing::default();
    for node in doc.descendants().filter(|n| n.is_element()) {
        match node.tag_name().name() {
            "g" if node.attribute("class") == Some("step") => {
                let r = node
                    .children()
                    .find(|c| c.tag_name().name() == "rect")
                    .expect("a step has a rect");
                d.cards.push(rect_of(r));
            }
            "g" if node.attribute("class") == Some("flow") => {
                let path = node
                    .children()
                    .find(|c| c.tag_name().name() == "path")
                    .expect("a flow has a path");
                let points = flatten(path.attribute("d").expect("a path has d"));
                let label = node
                    .descendants()
                    .find(|c| c.tag_name().name() == "rect" && in_group(*c, "flow-label"))
                    .map(rect_of);
                d.labels.extend(label);
                d.flows.push(Flow { points, label });
            }
            "text" => {
                let has_text = node
                    .descendants()
                    .any(|t| t.is_text() && !t.text().unwrap_or("").trim().is_empty());
                if has_text {
                    d.font_sizes.push(font_size(node));
                }
            }
            _ => {}
        }
    }
    d
}

/// Buckets rectangles on a coarse grid, for maps of any size.
struct Index {
    cells: HashMap<(i64, i64), Vec<usize>>,
}

const CELL: f64 = 256.0;

impl Index {
    fn new(rects: &[Rect]) -> Index {
        let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (i, r) in rects.iter().enumerate() {
            for c in Index::cells_of(r) {
                cells.entry(c).or_default().push(i);
            }
        }
        Index { cells }
    }

    fn cells_of(r: &Rect) -> impl Iterator<Item = (i64, i64)> + use<> {
        let (x0, x1) = ((r.x0 / CELL).floor() as i64, (r.x1 / CELL).floor() as i64);
        let (y0, y1) = ((r.y0 / CELL).floor() as i64, (r.y1 / CELL).floor() as i64);
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    /// Indices of the rectangles whose cells `r` touches, each once, in order.
    fn near(&self, r: &Rect) -> Vec<usize> {
        let mut found: Vec<usize> = Index::cells_of(r)
            .filter_map(|c| self.cells.get(&c))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

fn bounds(a: (f64, f64), b: (f64, f64)) -> Rect {
    Rect {
        x0: a.0.min(b.0),
        y0: a.1.min(b.1),
        x1: a.0.max(b.0),
        y1: a.1.max(b.1),
    }
}

/// The figures for one drawing.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    cards: usize,
    flows: usize,
    labels: usize,
    /// (flow, card) pairs where the flow runs through a card that is not one of its ends.
    flow_card_crossings: usize,
    /// Straight pieces of flows that cross such a card (a curve counts in 16 pieces).
    crossing_segments: usize,
    /// (label, card) pairs that overlap.
    label_card_overlaps: usize,
    /// Pairs of labels that overlap.
    label_label_overlaps: usize,
    /// Labels more than a few pixels away from their own flow.
    labels_astray: usize,
    /// (flow, label) pairs where a flow runs through another flow's label.
    labels_crossed: usize,
    /// Pairs of flows that run along the same line for more than a few pixels.
    shared_lines: usize,
    /// Pieces of text under 11 px.
    small_text: usize,
}

fn measure(svg: &str) -> Counts {
    let d = read(svg);
    let cards = Index::new(&d.cards);
    let mut c = Counts {
        cards: d.cards.len(),
        flows: d.flows.len(),
        labels: d.labels.len(),
        ..Counts::default()
    };
    for flow in &d.flows {
        let (Some(&first), Some(&last)) = (flow.points.first(), flow.points.last()) else {
            continue;
        };
        let ends: Vec<usize> = cards
            .near(&bounds(first, last))
            .into_iter()
            .chain(cards.near(&bounds(first, first)))
            .chain(cards.near(&bounds(last, last)))
            .filter(|&i| d.cards[i].near(first, 2.0) || d.cards[i].near(last, 2.0))
            .collect();
        let mut crossed: Vec<usize> = Vec::new();
        for w in flow.points.windows(2) {
            for i in cards.near(&bounds(w[0], w[1])) {
                if !ends.contains(&i) && d.cards[i].crossed_by(w[0], w[1]) {
                    c.crossing_segments += 1;
                    crossed.push(i);
                }
            }
        }
        crossed.sort_unstable();
        crossed.dedup();
        c.flow_card_crossings += crossed.len();
    }
    for label in &d.labels {
        c.label_card_overlaps += cards
            .near(label)
            .into_iter()
            .filter(|&i| d.cards[i].overlaps(label))
            .count();
    }
    let labels = Index::new(&d.labels);
    for (i, label) in d.labels.iter().enumerate() {
        c.label_label_overlaps += labels
            .near(label)
            .into_iter()
            .filter(|&j| j > i && d.labels[j].overlaps(label))
            .count();
    }
    for (f, flow) in d.flows.iter().enumerate() {
        if let Some(label) = flow.label
            && distance(&label, &flow.points) > 6.0
        {
            c.labels_astray += 1;
        }
        for w in flow.points.windows(2) {
            let mut crossed: Vec<usize> = labels
                .near(&bounds(w[0], w[1]))
                .into_iter()
                .filter(|&i| d.labels[i].crossed_by(w[0], w[1]))
                .filter(|&i| d.flows[f].label != Some(d.labels[i]))
                .collect();
            crossed.dedup();
            c.labels_crossed += crossed.len();
        }
    }
    c.shared_lines = shared_lines(&d.flows);
    c.small_text = d.font_sizes.iter().filter(|&&s| s < 11.0).count();
    c
}

/// The least distance between a rectangle and a path (0 when they touch).
fn distance(r: &Rect, points: &[(f64, f64)]) -> f64 {
    points
        .windows(2)
        .map(|w| {
            // Sample the piece finely: paths here are short straight pieces.
            (0..=64)
                .map(|k| {
                    let t = f64::from(k) / 64.0;
                    let p = (
                        w[0].0 + t * (w[1].0 - w[0].0),
                        w[0].1 + t * (w[1].1 - w[0].1),
                    );
                    let dx = (r.x0 - p.0).max(p.0 - r.x1).max(0.0);
                    let dy = (r.y0 - p.1).max(p.1 - r.y1).max(0.0);
                    (dx * dx + dy * dy).sqrt()
                })
                .fold(f64::INFINITY, f64::min)
        })
        .fold(f64::INFINITY, f64::min)
}

/// Straight pieces by (vertical?, line coordinate): (from, to, flow).
type Lines = HashMap<(bool, i64), Vec<(f64, f64, usize)>>;

/// Pairs of flows with straight horizontal or vertical pieces on the same line (within a
/// pixel) that overlap by more than 4 px: two flows a reader cannot tell apart there.
fn shared_lines(flows: &[Flow]) -> usize {
    // (is vertical, line coordinate rounded) -> (from, to, flow)
    let mut lines: Lines = HashMap::new();
    for (f, flow) in flows.iter().enumerate() {
        for w in flow.points.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() > 0.01 {
                lines.entry((true, a.0.round() as i64)).or_default().push((
                    a.1.min(b.1),
                    a.1.max(b.1),
                    f,
                ));
            } else if (a.1 - b.1).abs() < 0.01 && (a.0 - b.0).abs() > 0.01 {
                lines.entry((false, a.1.round() as i64)).or_default().push((
                    a.0.min(b.0),
                    a.0.max(b.0),
                    f,
                ));
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for ((vertical, at), pieces) in &lines {
        // Neighbouring lines within a pixel count as the same line.
        let mut near: Vec<&(f64, f64, usize)> = pieces.iter().collect();
        if let Some(next) = lines.get(&(*vertical, at + 1)) {
            near.extend(next.iter());
        }
        for (i, a) in near.iter().enumerate() {
            for b in near.iter().skip(i + 1) {
                if a.2 != b.2 && a.1.min(b.1) - a.0.max(b.0) > 4.0 {
                    pairs.push((a.2.min(b.2), a.2.max(b.2)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs.len()
}

fn svg_of_journey(journey: &Journey) -> String {
    let analysis = Analysis::of_journey(journey);
    let options = Options::default();
    let ctx = ExportContext::new("generated.ron", journey, &analysis, &options);
    Svg.export(&ctx).expect("SVG export")
}

fn svg_of_file(path: &str) -> String {
    let map = load(&workspace::file(path)).unwrap_or_else(|e| panic!("{path} loads: {e}"));
    let analysis = map.analyse();
    let options = Options::default();
    let ctx = ExportContext::new(&map.file, &map.journey, &analysis, &options);
    Svg.export(&ctx).expect("SVG export")
}

/// Every map measured: the examples, the fixtures, generated maps of 60, 300, 1,000 steps.
fn all_counts() -> Vec<(String, Counts)> {
    let mut files: Vec<String> = Vec::new();
    for dir in ["maps", "tests/fixtures"] {
        let mut names: Vec<String> = std::fs::read_dir(workspace::file(dir))
            .expect("the folder exists")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".ron"))
            .collect();
        names.sort();
        files.extend(names.into_iter().map(|n| format!("{dir}/{n}")));
    }
    let mut all: Vec<(String, Counts)> = files
        .iter()
        .map(|f| (f.clone(), measure(&svg_of_file(f))))
        .collect();
    for steps in [60, 300, 1_000] {
        let journey = Journey::from_document(generate(Shape::with_steps(steps)));
        all.push((
            format!("generated {steps} steps"),
            measure(&svg_of_journey(&journey)),
        ));
    }
    all
}

#[test]
fn flows_and_labels_keep_off_cards_and_each_other() {
    let all = all_counts();
    println!(
        "{:<34} {:>5} {:>5} {:>6} | {:>9} {:>8} {:>10} {:>11} {:>6} {:>7} {:>6} {:>5}",
        "map",
        "cards",
        "flows",
        "labels",
        "flow×card",
        "segments",
        "label×card",
        "label×label",
        "astray",
        "crossed",
        "shared",
        "<11px"
    );
    for (name, c) in &all {
        println!(
            "{:<34} {:>5} {:>5} {:>6} | {:>9} {:>8} {:>10} {:>11} {:>6} {:>7} {:>6} {:>5}",
            name,
            c.cards,
            c.flows,
            c.labels,
            c.flow_card_crossings,
            c.crossing_segments,
            c.label_card_overlaps,
            c.label_label_overlaps,
            c.labels_astray,
            c.labels_crossed,
            c.shared_lines,
            c.small_text
        );
    }
    for (name, c) in &all {
        assert_eq!(c.flow_card_crossings, 0, "{name}: flows across cards");
        assert_eq!(c.label_card_overlaps, 0, "{name}: labels on cards");
        assert_eq!(c.label_label_overlaps, 0, "{name}: labels on labels");
        assert_eq!(c.labels_astray, 0, "{name}: labels away from their flow");
        assert_eq!(c.labels_crossed, 0, "{name}: flows through labels");
        assert_eq!(c.shared_lines, 0, "{name}: flows sharing a line");
        assert_eq!(c.small_text, 0, "{name}: text under 11 px");
    }
}

#[test]
fn the_measures_see_what_they_should() {
    let card = Rect {
        x0: 10.0,
        y0: 10.0,
        x1: 110.0,
        y1: 60.0,
    };
    assert!(
        card.crossed_by((0.0, 30.0), (200.0, 30.0)),
        "straight through"
    );
    assert!(
        !card.crossed_by((0.0, 10.0), (200.0, 10.0)),
        "along the edge"
    );
    assert!(
        !card.crossed_by((0.0, 30.0), (10.0, 30.0)),
        "ending on the edge"
    );
    assert!(!card.crossed_by((0.0, 0.0), (200.0, 5.0)), "passing above");
    assert_eq!(flatten("M1,2H5V7L3,4").len(), 4);
    assert_eq!(flatten("M0,0 C1,1 2,2 3,3").len(), 17);
    assert_eq!(flatten("M-1,-2H-5").last(), Some(&(-5.0, -2.0)));
    let flows = vec![
        Flow {
            points: vec![(0.0, 5.0), (50.0, 5.0)],
            label: None,
        },
        Flow {
            points: vec![(40.0, 5.0), (90.0, 5.0)],
            label: None,
        },
        Flow {
            points: vec![(0.0, 9.0), (90.0, 9.0)],
            label: None,
        },
    ];
    assert_eq!(shared_lines(&flows), 1, "the first two share 10 px of line");
    assert_eq!(distance(&card, &[(0.0, 65.0), (200.0, 65.0)]), 5.0);
}

/// The same figures on maps of other shapes (one lane or many, one stage or many) and on one
/// stage at a time: the routing must not lean on the examples' proportions.
#[test]
fn other_shapes_and_single_stages_keep_clear_too() {
    let mut checked = 0;
    for (steps, channels, stages) in [
        (40, 1, 1),
        (40, 1, 6),
        (80, 12, 2),
        (150, 3, 9),
        (200, 20, 4),
    ] {
        let shape = Shape {
            steps,
            channels,
            stages,
            ..Shape::with_steps(steps)
        };
        let journey = Journey::from_document(generate(shape));
        let mut svgs = vec![svg_of_journey(&journey)];
        let analysis = Analysis::of_journey(&journey);
        for stage in ["st0", "st1"].iter().take(stages) {
            let options = Options {
                stage: Some((*stage).to_string()),
                ..Options::default()
            };
            let ctx = ExportContext::new("generated.ron", &journey, &analysis, &options);
            svgs.push(Svg.export(&ctx).expect("SVG export of one stage"));
        }
        for svg in svgs {
            let c = measure(&svg);
            let name = format!("{steps} steps, {channels} channels, {stages} stages");
            assert_eq!(c.flow_card_crossings, 0, "{name}: flows across cards");
            assert_eq!(c.label_card_overlaps, 0, "{name}: labels on cards");
            assert_eq!(c.label_label_overlaps, 0, "{name}: labels on labels");
            assert_eq!(c.labels_astray, 0, "{name}: labels away from their flow");
            assert_eq!(c.labels_crossed, 0, "{name}: flows through labels");
            assert_eq!(c.shared_lines, 0, "{name}: flows sharing a line");
            checked += 1;
        }
    }
    assert!(checked >= 10);
}
