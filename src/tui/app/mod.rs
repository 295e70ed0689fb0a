//! The workbench's state, and [`App::apply`]: the one place it changes.

pub(crate) mod catalogue;
pub(crate) mod editing;
#[cfg(test)]
mod editing_tests;
mod filters;
pub(crate) mod forms;
mod navigation;
mod parked;
pub(crate) mod picks;
pub(crate) mod reply;
pub(crate) mod review;
#[cfg(test)]
mod review_tests;
#[cfg(test)]
pub(crate) mod tests;
mod walking;

use petgraph::stable_graph::NodeIndex;
use ratatui::layout::Rect;

use super::action::Action;
use super::board::Board;
use super::config::Config;
use super::details::{Anchor, Details, Focus};
use super::filter::{Filter, ListFilter};
use super::form::{Editing, Form};
use super::keymap::{Context, Keymap};
use super::lanes::Lanes;
use super::loader::{LARGE, Progress};
use super::outline::{Outline, Row};
use super::question::Question;
use super::screen::{self, Screen, View};
use super::theme::Theme;
use catalogue::Catalogue;
use editing::Edits;
use parked::Parked;
use picks::Pick;
use reply::Reply;
use touchpoint_engine::analysis::Concern;
use touchpoint_engine::journey::Date;
use touchpoint_engine::mapfile::{Diagnostic, LoadError, LoadedMap};
use touchpoint_engine::text::clean;

/// How many ticks (a quarter second each) a message stays in the status bar.
const MESSAGE_TICKS: u8 = 16;

pub(crate) use filters::concern_label;

/// The inventory's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Axis {
    #[default]
    Channels,
    Stages,
}

/// A list's cursor and the first row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Cursor {
    pub row: usize,
    pub offset: usize,
}

/// What the search field searches: the grid's steps, or the list in view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum SearchTarget {
    #[default]
    Steps,
    Elements,
    Findings,
}

/// The search field while it is open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct SearchField {
    pub text: String,
    pub target: SearchTarget,
}

/// What lies over the views, bottom to top: the error banner, the search field, a form, a
/// list to pick from, a question, the help.
#[derive(Debug, Clone, Default)]
pub(crate) struct Overlays {
    /// Why the file on disk could not be read again (the last good map stays).
    pub banner: Option<Vec<Diagnostic>>,
    pub search: Option<SearchField>,
    pub form: Option<Form>,
    pub pick: Option<Pick>,
    pub question: Option<Question<Reply>>,
    /// The help's scroll offset, when open.
    pub help: Option<usize>,
}

/// Scroll offsets the views draw from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Scroll {
    /// The first line of the lanes shown.
    pub grid_line: usize,
    /// The first stage shown.
    pub grid_stage: usize,
    /// Where the inspector's window starts.
    pub inspector: Anchor,
    /// The first inventory column shown.
    pub inventory_column: usize,
}

/// Everything the views draw from.
#[derive(Debug, Clone)]
pub struct App {
    pub(crate) board: Board,
    pub(crate) lanes: Lanes,
    pub(crate) keymap: Keymap,
    pub(crate) theme: Theme,
    /// What the header calls the map's source (the file, or the built-in example).
    pub(crate) source: String,
    pub(crate) view: View,
    pub(crate) selected: Option<NodeIndex>,
    /// Which outgoing flow `next` follows.
    pub(crate) branch: usize,
    /// The steps walked from along flows, for `previous`.
    pub(crate) trail: Vec<NodeIndex>,
    /// The inspector's chosen collection of the selected step.
    pub(crate) collection: Option<usize>,
    pub(crate) filter: Filter,
    /// The data element followed through the journey (highlighted on the grid).
    pub(crate) follow: Option<usize>,
    pub(crate) overlays: Overlays,
    pub(crate) scroll: Scroll,
    /// The inventory's cursor: `row` is an element, `offset` a position in `elements`.
    pub(crate) inventory: Cursor,
    /// The inventory's filter, and the elements it shows.
    pub(crate) inventory_filter: ListFilter,
    pub(crate) elements: Vec<usize>,
    pub(crate) axis: Axis,
    /// The findings list's cursor, over the rows of `outline`.
    pub(crate) findings: Cursor,
    /// The findings list's filter, the one concern it is narrowed to, and the rows it shows.
    pub(crate) findings_filter: ListFilter,
    pub(crate) concern: Option<Concern>,
    pub(crate) outline: Outline,
    /// Every flow drawn on the grid, not only the selected step's.
    pub(crate) show_flows: bool,
    /// The catalogue view's list and cursor.
    pub(crate) catalogue: Catalogue,
    /// The edits made here, and where they are saved and journaled.
    pub(crate) edits: Edits,
    /// The review walk, while it is under way.
    pub(crate) review: Option<review::Review>,
    /// The day a review is dated and its actions are due from (the clock's, unless set).
    pub(crate) today: Date,
    /// Start the review as soon as the map is shown (`touchpoint review FILE`).
    review_on_load: bool,
    /// The terminal's size, for layout-dependent scrolling and clicks.
    pub(crate) size: Rect,
    /// A one-off note in the status bar (cleared by the next action, or after a while).
    pub(crate) message: Option<String>,
    /// How many ticks the message has been shown for.
    message_age: u8,
    /// A load running in the background, and how far it has come.
    pub(crate) loading: Option<Progress>,
    /// The board is a stand-in until the first load ends.
    pub(crate) waiting: bool,
    /// A large map let go while its file is read again (see [`App::make_room`]).
    pub(crate) parked: Option<Parked>,
    /// From this many bytes of text on, a map is let go before it is read again.
    pub(crate) park_from: usize,
    pub(crate) quit: bool,
}
impl App {
    /// The workbench on `map`, sized for a terminal of `size`.
    pub fn new(map: LoadedMap, source: String, config: Config, size: Rect) -> App {
        // Edits to a map given in memory start from its text (the board lets it go).
        let text = map.source.text().to_string();
        let mut app = App::with_loaded(Board::new(map), source, config, size);
        app.edits.unfiled = (!text.is_empty()).then_some(text);
        app
    }

    /// The workbench while its map loads in the background: an empty stand-in board until a
    /// [`Action::Reload`] brings the map.
    pub fn waiting(source: String, config: Config, size: Rect) -> App {
        let board = Board::new(LoadedMap::empty(&source));
        let mut app = App::with_loaded(board, source, config, size);
        app.waiting = true;
        app.loading = Some(Progress::START);
        app
    }

    /// The workbench on a map already loaded and analysed.
    pub fn with_loaded(board: Board, source: String, config: Config, size: Rect) -> App {
        let filter = Filter::default();
        let lanes = Lanes::new(&board, &filter);
        let selected = lanes.first();
        let mut app = App {
            board,
            lanes,
            keymap: config.keymap,
            theme: config.theme,
            source,
            view: View::Grid,
            selected,
            branch: 0,
            trail: Vec::new(),
            collection: None,
            filter,
            follow: None,
            overlays: Overlays::default(),
            scroll: Scroll::default(),
            inventory: Cursor::default(),
            inventory_filter: ListFilter::default(),
            elements: Vec::new(),
            axis: Axis::default(),
            findings: Cursor::default(),
            findings_filter: ListFilter::default(),
            concern: None,
            outline: Outline::default(),
            show_flows: false,
            catalogue: Catalogue::default(),
            edits: Edits::default(),
            review: None,
            today: Date::today(),
            review_on_load: false,
            size,
            message: None,
            message_age: 0,
            loading: None,
            waiting: false,
            parked: None,
            park_from: LARGE,
            quit: false,
        };
        app.refilter_elements();
        app.refilter_findings();
        app.ensure_visible();
        app
    }

    /// Dates the review (and the due dates it suggests) as of `today` instead of the clock's
    /// day, for reproducible runs.
    pub fn set_today(&mut self, today: Date) {
        self.today = today;
    }

    /// Starts the review walk now, or as soon as the map being loaded is shown.
    pub fn start_review(&mut self) {
        if self.waiting {
            self.review_on_load = true;
        } else {
            self.apply(Action::Review);
        }
    }

    /// Whether the map shown is still the stand-in for one being loaded.
    pub fn waiting_for_first_map(&self) -> bool {
        self.waiting
    }

    /// Whether no map is shown while one loads: the first, or a large one read again.
    pub fn waiting_for_map(&self) -> bool {
        self.waiting || self.parked.is_some()
    }

    /// Whether the person asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The details of step `ix` at `width` columns, with what the person has chosen on it
    /// (laid out as far as a window needs).
    pub(crate) fn details(&self, ix: NodeIndex, width: usize) -> Details<'_> {
        let focus = Focus {
            collection: self.collection,
            follow: self.follow,
            branch: self.branch,
        };
        Details::new(&self.board, ix, focus, width)
    }

    /// The keymap in force, which turns keys into actions.
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// Where keys are looked up now: the topmost overlay, else the view.
    pub fn context(&self) -> Context {
        let o = &self.overlays;
        if o.help.is_some() {
            Context::Help
        } else if o.question.is_some() {
            Context::Question
        } else if o.pick.is_some() {
            Context::Picker
        } else if let Some(form) = &o.form {
            match form.editing {
                Some(Editing::Text(_)) => Context::TextField,
                Some(Editing::Pick(_) | Editing::NewElement { .. }) => Context::Picker,
                None => Context::Form,
            }
        } else if o.search.is_some() {
            Context::Search
        } else if self.review.as_ref().is_some_and(|r| r.started) {
            Context::Review
        } else {
            match self.view {
                View::Grid => Context::Grid,
                View::Inspector => Context::Inspector,
                View::Inventory => Context::Inventory,
                View::Findings => Context::Findings,
                View::Catalogue => Context::Catalogue,
            }
        }
    }

    /// The selected step's id, if any.
    pub fn selected_id(&self) -> Option<&str> {
        self.selected
            .and_then(|ix| self.board.step(ix))
            .map(|s| s.id.as_str())
    }

    /// The screen regions at the current size.
    pub(crate) fn screen(&self) -> Screen {
        Screen::new(
            self.size,
            self.view,
            self.filter.is_active(),
            self.board.journey().stages.len(),
        )
    }

    /// The grid's geometry at the current size.
    pub(crate) fn grid(&self) -> screen::Grid {
        self.grid_in(self.screen().body)
    }

    /// The grid's geometry in `body`.
    pub(crate) fn grid_in(&self, body: Rect) -> screen::Grid {
        let journey = self.board.journey();
        let longest = self
            .lanes
            .rows
            .iter()
            .filter_map(|&c| journey.channels.get(c))
            .map(|c| c.name.chars().count())
            .max()
            .unwrap_or(0);
        screen::Grid::new(body, journey.stages.len(), longest, self.scroll.grid_stage)
    }

    /// Carries out one action. Every change of state goes through here.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Tick => {
                self.message_age = self.message_age.saturating_add(1);
                if self.message_age >= MESSAGE_TICKS {
                    self.message = None;
                }
                return;
            }
            Action::Loading(progress) => {
                self.loading = progress;
                return;
            }
            Action::MakeRoom => {
                self.make_room();
                return;
            }
            Action::Resize { .. } => {}
            _ => {
                self.message = None;
                self.message_age = 0;
            }
        }
        if self.overlays.help.is_some() && self.apply_in_help(&action) {
            return;
        }
        // The topmost editing overlay takes the keys.
        let taken = if self.overlays.question.is_some() {
            self.apply_in_question(&action)
        } else if self.overlays.pick.is_some() {
            self.apply_in_pick(&action)
        } else {
            self.apply_in_form(&action)
        };
        if taken {
            self.ensure_visible();
            return;
        }
        if self.review.is_some() && self.apply_in_review(&action) {
            return;
        }
        match action {
            Action::Quit => self.quit_asking(),
            Action::Help => self.overlays.help = Some(0),
            Action::Back => self.back(),
            Action::Up => self.vertical(-1),
            Action::Down => self.vertical(1),
            Action::Left => self.horizontal(-1),
            Action::Right => self.horizontal(1),
            Action::PageUp => self.page(-1),
            Action::PageDown => self.page(1),
            Action::Home => self.home_end(false),
            Action::End => self.home_end(true),
            Action::Select => self.select_here(),
            Action::NextStep => self.walk_forward(),
            Action::PrevStep => self.walk_back(),
            Action::NextBranch => self.next_branch(),
            Action::NextTaking => self.hop_taking(true),
            Action::PrevTaking => self.hop_taking(false),
            Action::ShowGrid => self.view = View::Grid,
            Action::ShowInventory => self.show_inventory(),
            Action::ShowFindings => self.view = View::Findings,
            Action::Search => {
                let (target, text) = match self.view {
                    View::Inventory => (SearchTarget::Elements, self.inventory_filter.search()),
                    View::Findings => (SearchTarget::Findings, self.findings_filter.search()),
                    View::Grid | View::Inspector | View::Catalogue => {
                        (SearchTarget::Steps, self.filter.search())
                    }
                };
                self.overlays.search = Some(SearchField {
                    text: text.to_string(),
                    target,
                });
            }
            Action::CycleConcern => self.cycle_concern(),
            Action::ToggleProblems => {
                self.filter.problems_only = !self.filter.problems_only;
                self.refilter();
            }
            Action::CycleChannel => self.cycle_channel(),
            Action::ToggleElementFilter => self.toggle_element_filter(),
            Action::ClearFilters => {
                self.filter = Filter::default();
                self.inventory_filter = ListFilter::default();
                self.findings_filter = ListFilter::default();
                self.concern = None;
                if let Some(field) = self.overlays.search.as_mut() {
                    field.text.clear();
                }
                self.refilter();
                self.refilter_elements();
                self.refilter_findings();
                self.message = Some("filters cleared".into());
            }
            Action::ToggleFlows => {
                self.show_flows = !self.show_flows;
                let key = self.keymap.key_for(&Action::ToggleFlows);
                self.message = Some(if self.show_flows {
                    format!("every flow drawn ({key}: only the selected step's)")
                } else {
                    format!("only the selected step's flows drawn ({key}: every flow)")
                });
            }
            Action::ToggleAxis => {
                self.axis = match self.axis {
                    Axis::Channels => Axis::Stages,
                    Axis::Stages => Axis::Channels,
                };
                self.scroll.inventory_column = 0;
            }
            Action::SearchSubmit => {
                let target = self.overlays.search.take().map(|f| f.target);
                let (text, none) = match target {
                    Some(SearchTarget::Elements) => (
                        self.inventory_filter.search(),
                        self.elements.is_empty().then_some("element"),
                    ),
                    Some(SearchTarget::Findings) => (
                        self.findings_filter.search(),
                        (self.outline.rows.is_empty()).then_some("finding"),
                    ),
                    _ => (
                        self.filter.search(),
                        (self.lanes.shown == 0).then_some("step"),
                    ),
                };
                if let (false, Some(what)) = (text.trim().is_empty(), none) {
                    self.message = Some(format!(
                        "no {what} matches \u{201c}{}\u{201d}: {} clears the search",
                        clean(text.trim()),
                        self.keymap.key_for(&Action::ClearFilters)
                    ));
                }
            }
            Action::SearchCancel => {
                if let Some(field) = self.overlays.search.take() {
                    self.set_search(field.target, String::new());
                }
            }
            Action::SearchBackspace => self.edit_search(|t| {
                t.pop();
            }),
            Action::Type(c) => self.edit_search(|t| t.push(c)),
            Action::Click { column, row } => self.click(column, row),
            Action::Scroll(delta) => self.vertical(isize::from(delta.signum())),
            Action::Resize { width, height } => {
                self.size = Rect::new(0, 0, width, height);
            }
            Action::Reload(result) => self.reload(*result),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Save => self.save(),
            Action::Edit => self.edit_here(),
            Action::Add => self.add_here(),
            Action::Delete => self.delete_here(),
            Action::Link => self.link(),
            Action::StepFlows => self.step_flows(),
            Action::MoveUp => self.move_collection(-1),
            Action::MoveDown => self.move_collection(1),
            Action::ShowCatalogue => {
                self.view = View::Catalogue;
                self.clamp_catalogue();
            }
            Action::NextList => self.next_list(1),
            Action::OpenEditor => self.open_editor(),
            Action::Export => self.export_picker(),
            Action::Suspend => self.edits.requests.push(super::request::Request::Suspend),
            Action::Review => self.review_toggle(),
            // The review's answers mean nothing outside it.
            Action::Justify
            | Action::DropCollection
            | Action::KeepRepeat
            | Action::Defer
            | Action::Skip
            | Action::ReviewOrder => {
                self.message = Some(format!(
                    "answers are given in the review ({} starts it)",
                    self.keymap.key_for(&Action::Review)
                ));
            }
            Action::Toggle
            | Action::Input(_)
            | Action::Tick
            | Action::Loading(_)
            | Action::MakeRoom => {}
        }
        self.ensure_visible();
    }

    /// Keys while the help is open: it scrolls and closes; quitting still works.
    fn apply_in_help(&mut self, action: &Action) -> bool {
        let Some(offset) = self.overlays.help else {
            return false;
        };
        let width = screen::help_text_width(self.size);
        let total = super::help::lines(&self.keymap, width).len();
        let frame = screen::help_frame(self.size, total);
        let page = usize::from(frame.height.saturating_sub(2)).max(1);
        let offset = match action {
            Action::Quit | Action::Resize { .. } | Action::Reload(_) => return false,
            Action::Tick | Action::Loading(_) => return false,
            Action::Back | Action::Help => {
                self.overlays.help = None;
                return true;
            }
            Action::Up | Action::Scroll(-1) => offset.saturating_sub(1),
            Action::Down | Action::Scroll(1) => offset + 1,
            Action::PageUp => offset.saturating_sub(page),
            Action::PageDown => offset + page,
            Action::Home => 0,
            Action::End => usize::MAX / 2,
            _ => offset,
        };
        self.overlays.help = Some(offset.min(total.saturating_sub(page)));
        true
    }

    fn back(&mut self) {
        if self.overlays.banner.take().is_some() {
            return;
        }
        // A filtered list clears its filter first, then goes back to the grid.
        let filtered = match self.view {
            View::Inventory => self
                .inventory_filter
                .is_active()
                .then_some(SearchTarget::Elements),
            View::Findings => (self.findings_filter.is_active() || self.concern.is_some())
                .then_some(SearchTarget::Findings),
            _ => None,
        };
        if let Some(target) = filtered {
            self.concern = None;
            self.set_search(target, String::new());
            self.message = Some("filter cleared".into());
            return;
        }
        match self.view {
            View::Inspector | View::Inventory | View::Findings | View::Catalogue => {
                self.view = View::Grid;
            }
            View::Grid => {
                if let Some(e) = self.follow.take() {
                    let name = self.element_label(e);
                    self.message = Some(format!("stopped following {name}"));
                    if self.filter.element.take().is_some() {
                        self.refilter();
                    }
                }
            }
        }
    }

    fn show_inventory(&mut self) {
        if self.view != View::Inventory
            && let Some(e) = self.follow
            && self.elements.binary_search(&e).is_ok()
        {
            self.inventory.row = e;
        }
        self.view = View::Inventory;
    }

    /// The file was read again: show the new map, keeping the place; or keep the old one and
    /// say why. Unsaved edits are never replaced by what is on disk.
    fn reload(&mut self, result: Result<Board, LoadError>) {
        self.loading = None;
        if let Some(parked) = self.parked.take() {
            self.reload_parked(parked, result);
            return;
        }
        if self.edits.is_dirty() {
            if let Err(e) = result {
                self.overlays.banner = Some(e.diagnostics);
            }
            self.disk_changed_under_edits();
            return;
        }
        let board = match result {
            Ok(board) => board,
            Err(e) => {
                self.overlays.banner = Some(e.diagnostics);
                return;
            }
        };
        let first = std::mem::take(&mut self.waiting);
        // Nothing unsaved: the session's text is the file's old one.
        self.end_session();
        let place = self.place();
        self.board = board;
        self.restore(place, false);
        self.overlays.banner = None;
        let verb = if first { "loaded" } else { "reloaded" };
        self.message = Some(format!("{verb} {}", clean(&self.source)));
        if first {
            self.check_journal();
            if std::mem::take(&mut self.review_on_load) {
                self.apply(Action::Review);
            }
        }
    }

    pub(super) fn selected_step_collections(&self) -> usize {
        self.selected
            .and_then(|ix| self.board.step(ix))
            .map_or(0, |s| s.collects.len())
    }
}
