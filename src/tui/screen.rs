//! Where things go at a given terminal size. Drawing and mouse hit-testing both ask here, so a
//! click lands on what was drawn.

use ratatui::layout::Rect;

/// From this width on, the step inspector sits beside the grid.
pub(super) const WIDE: u16 = 120;
/// Stage columns are never narrower than this (more stages scroll sideways).
pub(super) const MIN_STAGE_WIDTH: u16 = 14;
/// Nor wider than this (a few stages on a big screen keep readable cards).
pub(super) const MAX_STAGE_WIDTH: u16 = 40;
/// Columns right of each stage's cards where flows run: an exit (or an arrow in from the
/// right), the track the line runs along, an arrow into the next stage's cards.
pub(super) const GUTTER: u16 = 3;

/// Which main view fills the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum View {
    #[default]
    Grid,
    /// The selected step's details, full size.
    Inspector,
    Inventory,
    Findings,
    /// Channels, stages, systems and data elements.
    Catalogue,
}

/// The screen's regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Screen {
    pub header: Rect,
    /// The active filters, when there are any.
    pub filters: Option<Rect>,
    pub body: Rect,
    /// The inspector beside the grid, on wide screens.
    pub side: Option<Rect>,
    /// A one-line summary of the selected step, on narrow screens.
    pub footer: Option<Rect>,
    pub status: Rect,
}

/// The columns and lines of text inside the inspector's frame at `area` (a border and a
/// column of margin on each side).
pub(super) fn inspector_text_size(area: Rect) -> (usize, usize) {
    (
        usize::from(area.width.saturating_sub(4)).max(10),
        usize::from(area.height.saturating_sub(2)).max(1),
    )
}

/// The help's frame, centred over `area`, for `lines` lines of text.
pub(super) fn help_frame(area: Rect, lines: usize) -> Rect {
    let width = area.width.saturating_sub(4).min(84);
    let height = area
        .height
        .saturating_sub(2)
        .min(u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The columns of text inside the help's frame (a border each side, a column of margin).
pub(super) fn help_text_width(area: Rect) -> usize {
    usize::from(area.width.saturating_sub(4).min(84).saturating_sub(3)).max(1)
}

fn take_top(area: &mut Rect, lines: u16) -> Rect {
    let lines = lines.min(area.height);
    let top = Rect {
        height: lines,
        ..*area
    };
    area.y += lines;
    area.height -= lines;
    top
}

fn take_bottom(area: &mut Rect, lines: u16) -> Rect {
    let lines = lines.min(area.height);
    area.height -= lines;
    Rect {
        y: area.y + area.height,
        height: lines,
        ..*area
    }
}

impl Screen {
    /// The regions for `view` at `area`; `stages` sizes the grid's share of a wide screen.
    pub(crate) fn new(area: Rect, view: View, filtering: bool, stages: usize) -> Screen {
        let mut rest = area;
        let header = take_top(&mut rest, 1);
        let filters = filtering.then(|| take_top(&mut rest, 1));
        let status = take_bottom(&mut rest, 1);
        let mut side = None;
        let mut footer = None;
        if view == View::Grid {
            if area.width >= WIDE {
                // The grid gets room for comfortable stage columns; the inspector the rest.
                let grid = 16 + stages as u16 * (MIN_STAGE_WIDTH + 4);
                let width = area.width.saturating_sub(grid).clamp(38, 72);
                rest.width -= width;
                side = Some(Rect {
                    x: rest.x + rest.width,
                    width,
                    ..rest
                });
            } else if rest.height > 6 {
                footer = Some(take_bottom(&mut rest, 1));
            }
        }
        Screen {
            header,
            filters,
            body: rest,
            side,
            footer,
            status,
        }
    }
}

/// The grid's columns and lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Grid {
    /// The stage names.
    pub heading: Rect,
    /// The lanes, below the heading.
    pub lanes: Rect,
    /// The channel names, left of the lanes.
    pub label_width: u16,
    /// A stage's columns: its cards and the gutter right of them.
    pub stage_width: u16,
    /// A card's columns.
    pub card_width: u16,
    /// The first stage shown (the grid scrolls sideways when stages do not fit).
    pub first_stage: usize,
    pub stages_shown: usize,
}

impl Grid {
    /// Fits `stages` columns into `body`, starting near `first_stage`.
    pub(crate) fn new(
        body: Rect,
        stages: usize,
        longest_channel: usize,
        first_stage: usize,
    ) -> Grid {
        let mut lanes = body;
        let heading = take_top(&mut lanes, 1);
        let widest_label = if body.width < 100 { 12 } else { 20 };
        let mut label_width = (longest_channel as u16 + 1)
            .clamp(8, widest_label)
            .min(body.width / 3);
        // A narrower label column is worth it when it lets every stage fit.
        let all_stages = u16::try_from(stages)
            .unwrap_or(u16::MAX)
            .saturating_mul(MIN_STAGE_WIDTH);
        let spare = body.width.saturating_sub(all_stages);
        if spare < label_width && spare >= 8 {
            label_width = spare;
        }
        let room = body.width.saturating_sub(label_width);
        let fit = usize::from((room / MIN_STAGE_WIDTH).max(1));
        let stages_shown = stages.min(fit).max(1);
        let stage_width = (room / stages_shown as u16).min(MAX_STAGE_WIDTH);
        let first_stage = first_stage.min(stages.saturating_sub(stages_shown));
        Grid {
            heading,
            lanes,
            label_width,
            stage_width,
            card_width: stage_width.saturating_sub(GUTTER).max(1),
            first_stage,
            stages_shown: stages_shown.min(stages),
        }
    }

    /// The left edge of a stage's column, when shown.
    pub(crate) fn stage_x(&self, stage: usize) -> Option<u16> {
        let i = stage.checked_sub(self.first_stage)?;
        (i < self.stages_shown)
            .then(|| self.lanes.x + self.label_width + i as u16 * self.stage_width)
    }

    /// The stage whose cards span screen column `x` (`None` in a gutter).
    pub(crate) fn stage_at(&self, x: u16) -> Option<usize> {
        let offset = x.checked_sub(self.lanes.x + self.label_width)?;
        let i = usize::from(offset / self.stage_width.max(1));
        let on_card = offset % self.stage_width.max(1) < self.card_width;
        (i < self.stages_shown && on_card).then_some(self.first_stage + i)
    }

    /// The left edge of stage `stage`'s column, shown or not (left of the screen is negative):
    /// for lines that run off the screen.
    pub(crate) fn virtual_x(&self, stage: usize) -> i32 {
        let first = i32::from(self.lanes.x + self.label_width);
        let offset = stage as i64 - self.first_stage as i64;
        let x = i64::from(first) + offset * i64::from(self.stage_width);
        x.clamp(i64::from(i32::MIN / 2), i64::from(i32::MAX / 2)) as i32
    }

    /// The screen columns stage columns take: right of the lane names.
    pub(crate) fn stage_columns(&self) -> std::ops::Range<i32> {
        let start = i32::from(self.lanes.x + self.label_width);
        let end = start + i32::from(self.stage_width) * self.stages_shown as i32;
        start..end.min(i32::from(self.lanes.x + self.lanes.width))
    }
}

/// The inventory's matrix (three heading lines and a line per element) and, when there is room,
/// the detail of the chosen element below it.
pub(super) fn inventory(body: Rect, elements: usize) -> (Rect, Option<Rect>) {
    split_detail(body, elements + 3, 8)
}

/// The findings list (a title line and the rows) and, when there is room, the chosen
/// finding's detail below it.
pub(super) fn findings(body: Rect, rows: usize) -> (Rect, Option<Rect>) {
    split_detail(body, rows + 1, 7)
}

/// A list as tall as it needs (leaving the detail at least `detail` lines), the detail below.
fn split_detail(body: Rect, wanted: usize, detail: u16) -> (Rect, Option<Rect>) {
    if body.height < detail + 5 {
        return (body, None);
    }
    let most = body.height - detail;
    let list_height = u16::try_from(wanted)
        .unwrap_or(u16::MAX)
        .clamp(most.min(body.height / 2), most);
    let mut list = body;
    let detail = take_bottom(&mut list, body.height - list_height);
    (list, Some(detail))
}

/// The lines of the inventory matrix that hold element rows (below three heading lines).
pub(super) fn inventory_rows(matrix: Rect) -> usize {
    usize::from(matrix.height.saturating_sub(3))
}

/// The lines of the findings list that hold rows.
pub(super) fn findings_rows(list: Rect) -> usize {
    usize::from(list.height.saturating_sub(1))
}

/// How many entries the catalogue shows in `body` (below its tabs and column titles).
pub(crate) fn catalogue_rows(body: Rect) -> usize {
    usize::from(body.height.saturating_sub(2))
}

/// A dialog of at most `width` × `height` cells (borders included), centred in `area` and
/// kept a cell clear of its edges.
pub(crate) fn dialog(area: Rect, width: u16, height: u16) -> Rect {
    let width = area.width.saturating_sub(2).min(width);
    let height = area.height.saturating_sub(2).min(height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
