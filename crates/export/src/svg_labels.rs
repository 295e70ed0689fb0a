//! Placing flow labels in the native SVG where they cover no step box and no other label.
//!
//! Each label starts at its curve's midpoint; if it collides, it tries nearby places, nearest
//! first, and takes the first free one (or one clear of boxes, or stays put). Rectangles are
//! bucketed on a coarse grid, so a map of any size is placed in near-linear time.

use std::collections::HashMap;

use super::svg_geometry::{BOX_W, LABEL_LINE, Route, StepBox};
use touchpoint_engine::text;

/// Width of one column of 9 px label text, generously.
const CHAR_W: i64 = 6;
/// Grid bucket size for the collision index.
const BUCKET: i64 = 128;
/// Vertical offsets tried: every `DY_STEP` pixels up to `DY_MAX` either way.
const DY_STEP: i64 = 6;
const DY_MAX: i64 = 72;
/// Horizontal offsets tried, each with every vertical one: a box's width away at most.
const DX: [i64; 7] = [0, -60, 60, -120, 120, -180, 180];

#[derive(Debug, Clone, Copy)]
struct Rect {
    x0: i64,
    y0: i64,
    x1: i64,
    y1: i64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

#[derive(Default, Clone)]
struct Index {
    rects: Vec<Rect>,
    buckets: HashMap<(i64, i64), Vec<usize>>,
}

impl Index {
    fn cells(r: &Rect) -> impl Iterator<Item = (i64, i64)> {
        let (bx0, bx1) = (r.x0.div_euclid(BUCKET), r.x1.div_euclid(BUCKET));
        let (by0, by1) = (r.y0.div_euclid(BUCKET), r.y1.div_euclid(BUCKET));
        (bx0..=bx1).flat_map(move |x| (by0..=by1).map(move |y| (x, y)))
    }

    fn insert(&mut self, r: Rect) {
        let i = self.rects.len();
        self.rects.push(r);
        for cell in Index::cells(&r) {
            self.buckets.entry(cell).or_default().push(i);
        }
    }

    fn collides(&self, r: &Rect) -> bool {
        Index::cells(r).any(|cell| {
            self.buckets
                .get(&cell)
                .is_some_and(|ids| ids.iter().any(|&i| self.rects[i].overlaps(r)))
        })
    }
}

/// The box a label takes with its anchor at `at`.
fn label_rect(route: &Route, at: (i64, i64)) -> Rect {
    let w = route
        .label
        .iter()
        .map(|l| text::width(l))
        .max()
        .unwrap_or(0) as i64
        * CHAR_W;
    let h = route.label.len() as i64 * LABEL_LINE;
    let top = at.1 - h / 2 - 2;
    let x0 = if route.starts_at_anchor {
        at.0
    } else {
        at.0 - w / 2
    };
    Rect {
        x0,
        y0: top,
        x1: x0 + w,
        y1: top + h + 2,
    }
}

/// Moves each route's `label_at` to the nearest free place, in route order.
pub(crate) fn place(routes: &mut [Route], boxes: &[StepBox]) {
    let mut index = Index::default();
    for b in boxes {
        index.insert(Rect {
            x0: b.x,
            y0: b.y,
            x1: b.x + BOX_W,
            y1: b.y + b.h,
        });
    }
    let boxes_only = index.clone();
    let mut candidates: Vec<(i64, i64)> = DX
        .iter()
        .flat_map(|&dx| (-DY_MAX / DY_STEP..=DY_MAX / DY_STEP).map(move |k| (dx, k * DY_STEP)))
        .collect();
    // Nearest first, moving up or down before sideways; ties broken by position.
    candidates.sort_by_key(|&(dx, dy)| (2 * dx.abs() + dy.abs(), dx.abs(), dy, dx));
    for route in routes.iter_mut().filter(|r| !r.label.is_empty()) {
        let base = route.label_at;
        let spots = || {
            candidates
                .iter()
                .map(|&(dx, dy)| (base.0 + dx, base.1 + dy))
        };
        // Free of everything; else at least clear of the boxes (text over text is worst).
        let chosen = spots()
            .find(|&at| !index.collides(&label_rect(route, at)))
            .or_else(|| spots().find(|&at| !boxes_only.collides(&label_rect(route, at))))
            .unwrap_or(base);
        route.label_at = chosen;
        index.insert(label_rect(route, chosen));
    }
}
