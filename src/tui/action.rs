//! What a person can ask the workbench to do, whichever key, click or file change asked it.

use super::board::Board;
use super::loader::Progress;
use touchpoint_engine::mapfile::LoadError;

/// One request to change the workbench's state; [`crate::tui::App::apply`] carries it out.
///
/// The variants without data are the ones keys can be bound to (see [`Action::name`]); the
/// others come from the mouse, the terminal and the file watcher.
#[derive(Debug, Clone)]
pub enum Action {
    Quit,
    Help,
    /// Close the topmost thing: an overlay, a view, the error banner.
    Back,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    /// Open, follow or jump to what is under the cursor.
    Select,
    /// Follow the chosen flow out of the selected step.
    NextStep,
    /// Go back along a flow (the way the walk came, when it came along one).
    PrevStep,
    /// Choose the next of the selected step's outgoing flows.
    NextBranch,
    /// The next step taking the followed data element.
    NextTaking,
    /// The previous step taking the followed data element.
    PrevTaking,
    ShowGrid,
    ShowInventory,
    ShowFindings,
    Search,
    ToggleProblems,
    CycleChannel,
    ToggleElementFilter,
    ClearFilters,
    /// Inventory columns: channels or stages.
    ToggleAxis,
    /// Draw every flow on the grid, or only the selected step's.
    ToggleFlows,
    /// Narrow the findings to the next concern (unjustified, asked again, incomplete, the map).
    CycleConcern,
    /// Close the search field, keeping the search.
    SearchSubmit,
    /// Close the search field and drop the search.
    SearchCancel,
    SearchBackspace,
    /// Take back the last edit.
    Undo,
    /// Make the last undone edit again.
    Redo,
    /// Write the map to its file (in a form: apply the form).
    Save,
    /// Edit the selected thing: a step, a collection, a catalogue entry.
    Edit,
    /// Add a step here, a collection to this step, an entry to this list.
    Add,
    /// Delete the selected thing (after asking).
    Delete,
    /// Add a flow from the selected step to another.
    Link,
    /// The selected step's flows: label or delete one.
    StepFlows,
    /// Move the chosen collection up or down among the step's.
    MoveUp,
    MoveDown,
    /// The catalogue: channels, stages, systems and data elements.
    ShowCatalogue,
    /// The next list of the catalogue.
    NextList,
    /// Open the map in `$VISUAL` or `$EDITOR` at the selected step's line.
    OpenEditor,
    /// Export the map from the workbench.
    Export,
    /// Suspend to the shell (`fg` comes back).
    Suspend,
    /// Mark or clear a choice, turn a yes/no field.
    Toggle,
    /// Start the review walk (or leave it).
    Review,
    /// Review: complete the collection's justification.
    Justify,
    /// Review: remove the collection from the step.
    DropCollection,
    /// Review: keep the repeat, with its reason.
    KeepRepeat,
    /// Review: defer to an action with an owner and a due date.
    Defer,
    /// Review: leave the question for another day.
    Skip,
    /// Review: walk by stage along the journey, or by severity.
    ReviewOrder,
    /// A character typed into the search field, a picker or a question.
    Type(char),
    /// A key typed into a text field, as the terminal sent it.
    Input(ratatui::crossterm::event::KeyEvent),
    /// A mouse click at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse wheel: negative is up.
    Scroll(i8),
    /// The terminal changed size.
    Resize {
        width: u16,
        height: u16,
    },
    /// A load in the background has come this far (`None`: it ended with nothing new).
    Loading(Option<Progress>),
    /// The map's file changed and its new version is about to be read: a large map lets its
    /// old version go first (see `App::make_room`).
    MakeRoom,
    /// The map was read (again) and analysed, or could not be.
    Reload(Box<Result<Board, LoadError>>),
    /// Time passes (a few times a second): messages fade.
    Tick,
}

/// Every action a key can be bound to, with its name in the config file.
pub(super) const NAMED: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("help", Action::Help),
    ("back", Action::Back),
    ("up", Action::Up),
    ("down", Action::Down),
    ("left", Action::Left),
    ("right", Action::Right),
    ("page-up", Action::PageUp),
    ("page-down", Action::PageDown),
    ("first", Action::Home),
    ("last", Action::End),
    ("select", Action::Select),
    ("next-step", Action::NextStep),
    ("previous-step", Action::PrevStep),
    ("next-branch", Action::NextBranch),
    ("next-taking", Action::NextTaking),
    ("previous-taking", Action::PrevTaking),
    ("grid", Action::ShowGrid),
    ("inventory", Action::ShowInventory),
    ("findings", Action::ShowFindings),
    ("search", Action::Search),
    ("problems-only", Action::ToggleProblems),
    ("cycle-channel", Action::CycleChannel),
    ("element-filter", Action::ToggleElementFilter),
    ("clear-filters", Action::ClearFilters),
    ("toggle-axis", Action::ToggleAxis),
    ("all-flows", Action::ToggleFlows),
    ("cycle-concern", Action::CycleConcern),
    ("search-submit", Action::SearchSubmit),
    ("search-cancel", Action::SearchCancel),
    ("search-backspace", Action::SearchBackspace),
    ("undo", Action::Undo),
    ("redo", Action::Redo),
    ("save", Action::Save),
    ("edit", Action::Edit),
    ("add", Action::Add),
    ("delete", Action::Delete),
    ("link", Action::Link),
    ("step-flows", Action::StepFlows),
    ("move-up", Action::MoveUp),
    ("move-down", Action::MoveDown),
    ("catalogue", Action::ShowCatalogue),
    ("next-list", Action::NextList),
    ("open-editor", Action::OpenEditor),
    ("export", Action::Export),
    ("suspend", Action::Suspend),
    ("toggle", Action::Toggle),
    ("review", Action::Review),
    ("justify", Action::Justify),
    ("drop", Action::DropCollection),
    ("keep-repeat", Action::KeepRepeat),
    ("defer", Action::Defer),
    ("skip", Action::Skip),
    ("review-order", Action::ReviewOrder),
];

impl Action {
    /// The config-file name of a bindable action; `None` for mouse, resize and reload.
    pub fn name(&self) -> Option<&'static str> {
        NAMED
            .iter()
            .find(|(_, a)| a.same_kind(self))
            .map(|(name, _)| *name)
    }

    /// The bindable action called `name` in the config file.
    pub fn from_name(name: &str) -> Option<Action> {
        NAMED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| a.clone())
    }

    /// Every action a key can be bound to (for fuzzing and generated tests).
    pub fn bindable() -> impl Iterator<Item = &'static Action> {
        NAMED.iter().map(|(_, a)| a)
    }

    /// Whether two actions are the same variant (data aside).
    pub fn same_kind(&self, other: &Action) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for (name, action) in NAMED {
            assert!(seen.insert(*name), "{name} twice");
            assert_eq!(action.name(), Some(*name));
            assert!(Action::from_name(name).is_some_and(|a| a.same_kind(action)));
        }
        assert_eq!(Action::Type('x').name(), None);
        assert!(Action::from_name("nonsense").is_none());
    }
}
