//! The native SVG's measures and shapes: sizes in whole pixels, and the step boxes and flow
//! routes the layout places. The layout, the label placer and the drawing all read them, so
//! they live below all three.

/// Outer margin.
pub(crate) const MARGIN: i64 = 24;
/// Width of the channel names column.
pub(crate) const LANE_HEAD: i64 = 150;
/// Width of a step box.
pub(crate) const BOX_W: i64 = 210;
/// Space left and right of the boxes in a stage column (flows and their labels run here).
pub(crate) const COL_PAD: i64 = 45;
/// A stage column's width.
pub(crate) const COL_W: i64 = BOX_W + 2 * COL_PAD;
/// Vertical gap between stacked boxes, and above and below them in a cell.
pub(crate) const GAP: i64 = 16;
/// Height of one line of step title (13 px text).
pub(crate) const TITLE_LINE: i64 = 16;
/// Height of one line of data point text (11 px text).
pub(crate) const DATA_LINE: i64 = 14;
/// Height of the actor line (10 px text).
pub(crate) const SUB_LINE: i64 = 14;
/// Padding inside a box.
pub(crate) const BOX_PAD: i64 = 7;
/// Room for the rule between a box's actor line and its data points.
pub(crate) const DATA_RULE: i64 = 6;
/// Height of one line of a stage's name in the header row (14 px text).
pub(crate) const STAGE_LINE: i64 = 18;
/// Height of one line of a channel's name in its lane (13 px text).
pub(crate) const CHANNEL_LINE: i64 = 16;
/// Height of a flow label line (9 px text).
pub(crate) const LABEL_LINE: i64 = 11;
/// Height of a line of legend text.
pub(crate) const LEGEND_LINE: i64 = 17;
/// From the legend's top to the baseline of its colour key.
pub(crate) const LEGEND_TOP: i64 = 44;
/// Space between the legend's colour key and its lines of rules.
pub(crate) const LEGEND_RULES_GAP: i64 = 8;
/// Width of one column of 11 px legend text, generously.
pub(crate) const LEGEND_CHAR_W: i64 = 7;

/// A step's box and its wrapped text.
#[derive(Debug, Clone)]
pub(crate) struct StepBox {
    pub node: usize,
    pub x: i64,
    pub y: i64,
    pub h: i64,
    pub title: Vec<String>,
    pub data: Vec<Vec<String>>,
}

/// A flow's path and label.
#[derive(Debug, Clone)]
pub(crate) struct Route {
    pub edge: usize,
    /// Start, two control points and end of a cubic Bézier curve.
    pub points: [(i64, i64); 4],
    /// Whether the flow goes back to an earlier stage.
    pub back: bool,
    pub label: Vec<String>,
    /// Where the label goes: its centre, or its left end when `starts_at_anchor`.
    pub label_at: (i64, i64),
    /// Whether the label starts at `label_at` (beside a straight drop) or centres on it.
    pub starts_at_anchor: bool,
}
