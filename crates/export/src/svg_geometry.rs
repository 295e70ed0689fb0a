//! The native SVG's measures and shapes: sizes in whole pixels, and the cards and flow routes
//! the layout places. The layout, the router and the drawing all read them, so they live
//! below all three.
//!
//! No text is smaller than 11 px, so a diagram projected at 100 % stays readable.

/// Outer margin.
pub(crate) const MARGIN: i64 = 24;
/// Height of the map's title and findings summary, above the grid.
pub(crate) const HEADING_H: i64 = 58;
/// Width of the channel names column.
pub(crate) const LANE_HEAD: i64 = 150;
/// Width of a card.
pub(crate) const BOX_W: i64 = 220;
/// Padding inside a card.
pub(crate) const BOX_PAD: i64 = 8;
/// Vertical gap between stacked cards, and above and below them in a lane.
pub(crate) const GAP: i64 = 16;
/// Height of one line of card title (13 px text).
pub(crate) const TITLE_LINE: i64 = 16;
/// Height of the status line under a card's title (11 px text and the mood face).
pub(crate) const STATUS_LINE: i64 = 17;
/// Height of one line of 11 px text: data points, problems, flow labels, legend.
pub(crate) const LINE: i64 = 14;
/// Room for the rule between a card's status and its data points.
pub(crate) const DATA_RULE: i64 = 7;
/// Width of one column of 11 px text, generously (wide characters count twice).
pub(crate) const CHAR_W: i64 = 7;
/// Height of one line of a stage's name in the header row (14 px text).
pub(crate) const STAGE_LINE: i64 = 18;
/// Height of one line of a channel's name in its lane (13 px text).
pub(crate) const CHANNEL_LINE: i64 = 16;
/// Height of a line of legend text.
pub(crate) const LEGEND_LINE: i64 = 17;
/// From the legend's top to the baseline of its colour key.
pub(crate) const LEGEND_TOP: i64 = 44;
/// From the colour key's baseline to the faces' baseline.
pub(crate) const LEGEND_FACES: i64 = LEGEND_LINE + 6;
/// Space between the legend's faces and its lines of rules.
pub(crate) const LEGEND_RULES_GAP: i64 = 8;

/// A rectangle in whole pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rect {
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
}

/// Where a flow's label is written: its box, and whether the text runs from the box's left
/// edge or ends at its right edge (beside a flow leaving a card's left side).
#[derive(Debug, Clone)]
pub(crate) struct Label {
    pub lines: Vec<String>,
    pub rect: Rect,
    pub end_anchored: bool,
}

/// A flow's path and label.
#[derive(Debug, Clone)]
pub(crate) struct Route {
    pub edge: usize,
    /// Corners of the path, from the start on the first card to the end on the second; every
    /// piece is horizontal or vertical.
    pub points: Vec<(i64, i64)>,
    /// Whether the flow goes back to an earlier stage.
    pub back: bool,
    pub label: Option<Label>,
}
