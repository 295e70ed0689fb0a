//! The one keymap table: it turns keys into actions, and writes the status bar and the help.

use std::borrow::Cow;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding applies. A view looks in its own context, then in the shared ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Everywhere (unless an overlay takes the key first).
    Global,
    /// The grid and the step inspector: walking the journey.
    Journey,
    Grid,
    Inspector,
    Inventory,
    Findings,
    Help,
    Search,
    /// Channels, stages, systems and data elements.
    Catalogue,
    /// A form editing a step, a collection, a flow or a catalogue entry.
    Form,
    /// A text field of a form.
    TextField,
    /// A list narrowed by typing.
    Picker,
    /// A question with a few answers.
    Question,
    /// The review walk: one open question at a time.
    Review,
}

impl Context {
    /// Every context, in the order the help and the README's key table list them.
    pub const ALL: [Context; 14] = [
        Context::Grid,
        Context::Journey,
        Context::Inspector,
        Context::Inventory,
        Context::Findings,
        Context::Catalogue,
        Context::Review,
        Context::Global,
        Context::Search,
        Context::Form,
        Context::TextField,
        Context::Picker,
        Context::Question,
        Context::Help,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Journey => "Grid and step details",
            Context::Grid => "Journey grid",
            Context::Inspector => "Step details",
            Context::Inventory => "Data inventory",
            Context::Findings => "Findings",
            Context::Help => "This help",
            Context::Search => "Search field",
            Context::Catalogue => "Catalogue",
            Context::Form => "Form",
            Context::TextField => "Text field",
            Context::Picker => "List to pick from",
            Context::Question => "Question",
            Context::Review => "Review",
        }
    }

    /// The contexts a key is looked up in, most specific first.
    pub fn chain(self) -> &'static [Context] {
        match self {
            Context::Global => &[Context::Global],
            Context::Journey => &[Context::Journey, Context::Global],
            Context::Grid => &[Context::Grid, Context::Journey, Context::Global],
            Context::Inspector => &[Context::Inspector, Context::Journey, Context::Global],
            Context::Inventory => &[Context::Inventory, Context::Global],
            Context::Findings => &[Context::Findings, Context::Global],
            Context::Help => &[Context::Help, Context::Global],
            Context::Search => &[Context::Search, Context::Global],
            Context::Catalogue => &[Context::Catalogue, Context::Global],
            Context::Review => &[Context::Review, Context::Global],
            // Overlays that take every key: nothing behind them answers.
            Context::Form => &[Context::Form],
            Context::TextField => &[Context::TextField],
            Context::Picker => &[Context::Picker],
            Context::Question => &[Context::Question],
        }
    }
}

/// One key with its modifiers, as a binding names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

impl Key {
    /// The key of a terminal event, with Shift folded into the character it produced.
    pub fn from_event(event: KeyEvent) -> Key {
        let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        if !matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods |= event.modifiers & KeyModifiers::SHIFT;
        }
        let code = match event.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        Key { code, mods }
    }

    /// Parses `q`, `G`, `?`, `ctrl-c`, `enter`, `shift-tab`, `pagedown`, `f1`...
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text.trim();
        loop {
            if rest.chars().count() <= 1 {
                break;
            }
            let Some(split) = rest.find(['-', '+']) else {
                break;
            };
            let modifier = match rest[..split].to_ascii_lowercase().as_str() {
                "ctrl" | "control" | "c" => KeyModifiers::CONTROL,
                "alt" | "meta" | "m" | "a" => KeyModifiers::ALT,
                "shift" | "s" => KeyModifiers::SHIFT,
                _ => break,
            };
            mods |= modifier;
            rest = &rest[split + 1..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err(format!("`{text}` names no key")),
            (Some(c), None) => KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                c.to_ascii_lowercase()
            } else {
                c
            }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => {
                    mods.remove(KeyModifiers::SHIFT);
                    KeyCode::BackTab
                }
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                other => match other.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n @ 1..=12) => KeyCode::F(n),
                    _ => {
                        return Err(format!(
                            "`{text}` is not a key: use a character (`q`, `?`), a name \
                             (`enter`, `esc`, `tab`, `space`, `up`, `pagedown`, `home`, `f1`) \
                             and modifiers (`ctrl-d`, `alt-x`, `shift-tab`)"
                        ));
                    }
                },
            },
        };
        if let KeyCode::Char(_) = code {
            // Shift is already in the character (`G`, `?`).
            mods.remove(KeyModifiers::SHIFT);
        }
        Ok(Key { code, mods })
    }
}

impl fmt::Display for Key {
    /// As the status bar and help show it: `q`, `Ctrl-c`, `↑`, `PgDn`, `Enter`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One row of the table: where it applies, what it does, its keys, and how help and the
/// status bar describe it. The defaults borrow their keys; the config file may replace them.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub action: Action,
    pub keys: Cow<'static, [Key]>,
    /// What the key does, for the help overlay.
    pub help: &'static str,
    /// A word or two for the status bar; `None` keeps it out of the bar.
    pub hint: Option<&'static str>,
}

const fn bind(
    context: Context,
    action: Action,
    keys: &'static [Key],
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        context,
        action,
        keys: Cow::Borrowed(keys),
        help,
        hint,
    }
}

impl Binding {
    /// The keys as shown to people: `k ↑`.
    pub fn keys_label(&self, separator: &str) -> String {
        let keys: Vec<String> = self.keys.iter().map(Key::to_string).collect();
        keys.join(separator)
    }
}

use Context::{
    Catalogue, Findings, Form, Global, Grid, Help, Inspector, Inventory, Journey, Picker, Question,
    Review, Search, TextField,
};

/// The default bindings, in the order the help lists them.
#[rustfmt::skip]
pub static DEFAULT: &[Binding] = &[
    bind(Review, Action::Justify, &[ch('J')], "justify: the collection's form opens on what is missing", Some("justify")),
    bind(Review, Action::DropCollection, &[ch('d')], "drop the collection from the step (with a note)", Some("drop")),
    bind(Review, Action::KeepRepeat, &[ch('r')], "keep the repeat: write down why it is asked again", Some("keep repeat")),
    bind(Review, Action::Defer, &[ch('w')], "defer: an action with an owner and a due date", Some("defer")),
    bind(Review, Action::Skip, &[ch('s')], "skip the question (with a note)", Some("skip")),
    bind(Review, Action::NextStep, &[ch('n')], "the next question", Some("next")),
    bind(Review, Action::PrevStep, &[ch('p')], "the previous question", None),
    bind(Review, Action::ReviewOrder, &[ch('t')], "order: by stage along the journey, or by severity", Some("order")),
    bind(Review, Action::Back, &[code(KeyCode::Esc)], "leave the review (its decisions stay in the map)", Some("leave")),
    bind(Grid, Action::Select, &[code(KeyCode::Enter)], "show the step's details", Some("details")),
    bind(Journey, Action::NextStep, &[ch('n')], "walk to the next step along the chosen flow", Some("next")),
    bind(Journey, Action::PrevStep, &[ch('p')], "walk back along a flow", None),
    bind(Journey, Action::NextBranch, &[ch('b')], "choose another outgoing flow (branch)", Some("branch")),
    bind(Journey, Action::NextTaking, &[ch(']')], "next step taking the followed data element", None),
    bind(Journey, Action::PrevTaking, &[ch('[')], "previous step taking the followed data element", None),
    bind(Grid, Action::ToggleFlows, &[ch('a')], "draw every flow, or only the selected step's", Some("flows")),
    bind(Grid, Action::Edit, &[ch('E')], "edit the selected step", Some("edit")),
    bind(Grid, Action::Add, &[ch('A')], "add a step in the selected step's channel and stage", None),
    bind(Grid, Action::Delete, &[ch('D')], "delete the selected step and its flows (asks first)", None),
    bind(Journey, Action::Link, &[ch('L')], "add a flow from the selected step to another", None),
    bind(Journey, Action::StepFlows, &[ch('F')], "the selected step's flows: label or delete one", None),
    bind(Inspector, Action::Select, &[code(KeyCode::Enter)], "follow the chosen collection's data element", Some("follow element")),
    bind(Inspector, Action::Back, &[code(KeyCode::Esc)], "back to the grid", Some("back")),
    bind(Inspector, Action::Edit, &[ch('E')], "edit the chosen collection (or the step, with none chosen)", Some("edit")),
    bind(Inspector, Action::Add, &[ch('A')], "add a collection to the step", Some("add data")),
    bind(Inspector, Action::Delete, &[ch('D')], "delete the chosen collection (asks first)", None),
    bind(Inspector, Action::MoveUp, &[ch('K')], "move the chosen collection up", None),
    bind(Inspector, Action::MoveDown, &[ch('J')], "move the chosen collection down", None),
    bind(Inventory, Action::Select, &[code(KeyCode::Enter)], "follow the element through the journey on the grid", Some("follow")),
    bind(Inventory, Action::ToggleAxis, &[ch('t')], "columns: channels or stages", Some("channels/stages")),
    bind(Inventory, Action::Search, &[ch('/')], "filter the elements (name, id, category)", Some("filter")),
    bind(Inventory, Action::Back, &[code(KeyCode::Esc)], "clear the filter, then back to the grid", Some("back")),
    bind(Findings, Action::Select, &[code(KeyCode::Enter)], "jump to the finding's step and collection", Some("jump")),
    bind(Findings, Action::CycleConcern, &[ch('t')], "only one concern: unjustified, asked again, incomplete, the map", Some("concern")),
    bind(Findings, Action::Search, &[ch('/')], "filter the findings (rule, message, step, element)", Some("filter")),
    bind(Findings, Action::Back, &[code(KeyCode::Esc)], "clear the filter and concern, then back to the grid", Some("back")),
    bind(Catalogue, Action::NextList, &[code(KeyCode::Tab)], "the next list: channels, stages, systems, data", Some("next list")),
    bind(Catalogue, Action::Edit, &[code(KeyCode::Enter), ch('E')], "edit the entry", Some("edit")),
    bind(Catalogue, Action::Add, &[ch('A')], "add an entry to the list", Some("add")),
    bind(Catalogue, Action::Delete, &[ch('D')], "delete the entry (refused while something uses it)", Some("delete")),
    bind(Catalogue, Action::Back, &[code(KeyCode::Esc)], "back to the grid", Some("back")),
    bind(Help, Action::Back, &[ch('q'), code(KeyCode::Esc)], "close the help", Some("close")),
    bind(Search, Action::SearchSubmit, &[code(KeyCode::Enter)], "keep the search and close the field", Some("keep")),
    bind(Search, Action::SearchCancel, &[code(KeyCode::Esc)], "drop the search", Some("cancel")),
    bind(Search, Action::SearchBackspace, &[code(KeyCode::Backspace)], "delete the last character", None),
    bind(Form, Action::Up, &[code(KeyCode::Up), ch('k'), code(KeyCode::BackTab)], "the field above", None),
    bind(Form, Action::Down, &[code(KeyCode::Down), ch('j'), code(KeyCode::Tab)], "the field below", None),
    bind(Form, Action::Select, &[code(KeyCode::Enter)], "change the field", Some("change")),
    bind(Form, Action::Toggle, &[ch(' ')], "turn a yes/no field", None),
    bind(Form, Action::Save, &[ctrl('s')], "apply the form to the map", Some("apply")),
    bind(Form, Action::Back, &[code(KeyCode::Esc)], "close the form without applying it", Some("cancel")),
    bind(Form, Action::Help, &[ch('?')], "show every key", Some("help")),
    bind(TextField, Action::Select, &[code(KeyCode::Enter)], "keep the text (a new line in a field of several lines)", Some("keep")),
    bind(TextField, Action::Save, &[ctrl('s')], "keep the text", None),
    bind(TextField, Action::Back, &[code(KeyCode::Esc)], "leave the text as it was", Some("cancel")),
    bind(Picker, Action::Up, &[code(KeyCode::Up)], "the choice above", None),
    bind(Picker, Action::Down, &[code(KeyCode::Down)], "the choice below", None),
    bind(Picker, Action::PageUp, &[code(KeyCode::PageUp)], "a page up", None),
    bind(Picker, Action::PageDown, &[code(KeyCode::PageDown)], "a page down", None),
    bind(Picker, Action::Select, &[code(KeyCode::Enter)], "take the choice (or the ones marked)", Some("choose")),
    bind(Picker, Action::Toggle, &[code(KeyCode::Tab)], "mark or clear a choice (where several can be taken)", None),
    bind(Picker, Action::SearchBackspace, &[code(KeyCode::Backspace)], "delete the last character typed", None),
    bind(Picker, Action::Back, &[code(KeyCode::Esc)], "close the list without choosing", Some("cancel")),
    bind(Question, Action::Back, &[code(KeyCode::Esc)], "leave it unanswered", Some("cancel")),
    bind(Global, Action::Up, &[ch('k'), code(KeyCode::Up)], "move up", None),
    bind(Global, Action::Down, &[ch('j'), code(KeyCode::Down)], "move down", None),
    bind(Global, Action::Left, &[ch('h'), code(KeyCode::Left)], "move left (grid: earlier stage)", None),
    bind(Global, Action::Right, &[ch('l'), code(KeyCode::Right)], "move right (grid: later stage)", None),
    bind(Global, Action::PageUp, &[code(KeyCode::PageUp), ctrl('u')], "page up", None),
    bind(Global, Action::PageDown, &[code(KeyCode::PageDown), ctrl('d')], "page down", None),
    bind(Global, Action::Home, &[ch('g'), code(KeyCode::Home)], "first", None),
    bind(Global, Action::End, &[ch('G'), code(KeyCode::End)], "last", None),
    bind(Global, Action::ShowGrid, &[ch('1')], "the journey grid", None),
    bind(Global, Action::ShowInventory, &[ch('i'), ch('2')], "the data inventory", Some("inventory")),
    bind(Global, Action::ShowFindings, &[ch('f'), ch('3')], "the findings list", Some("findings")),
    bind(Global, Action::Search, &[ch('/')], "search steps (title, notes, data)", Some("search")),
    bind(Global, Action::ToggleProblems, &[ch('!')], "only steps with findings", None),
    bind(Global, Action::CycleChannel, &[ch('c')], "only one channel (press again for the next)", None),
    bind(Global, Action::ToggleElementFilter, &[ch('e')], "only steps taking the followed element", None),
    bind(Global, Action::ClearFilters, &[ch('x')], "clear filters and searches (the lists' too)", None),
    bind(Global, Action::Back, &[code(KeyCode::Esc)], "hide the error banner; stop following an element", None),
    bind(Global, Action::Undo, &[ch('u')], "undo the last edit", None),
    bind(Global, Action::Redo, &[ch('U'), ctrl('r')], "redo the last undone edit", None),
    bind(Global, Action::Save, &[ctrl('s')], "save the map (never over changes made on disk)", None),
    bind(Global, Action::ShowCatalogue, &[ch('C'), ch('4')], "the catalogue: channels, stages, systems, data", None),
    bind(Global, Action::OpenEditor, &[ch('o')], "open the map in $VISUAL or $EDITOR at the selected step", None),
    bind(Global, Action::Export, &[ch('X')], "export the map (diagrams, report, records)", None),
    bind(Global, Action::Review, &[ch('R')], "review: walk the open questions one at a time, recording decisions", None),
    bind(Global, Action::Suspend, &[ctrl('z')], "suspend to the shell (fg comes back)", None),
    bind(Global, Action::Help, &[ch('?')], "show or hide this help", Some("help")),
    bind(Global, Action::Quit, &[ch('q'), ctrl('c')], "quit", Some("quit")),
];

/// Why a set of key overrides cannot be used; `subject` is the text to point at in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub subject: String,
    pub message: String,
    pub hint: Option<String>,
}

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: DEFAULT.to_vec(),
        }
    }
}

impl Keymap {
    /// The defaults with the keys of some actions replaced: `(action name, keys)`.
    pub fn with_overrides(overrides: &[(String, Vec<String>)]) -> Result<Keymap, KeymapError> {
        let mut keymap = Keymap::default();
        for (name, keys) in overrides {
            let Some(action) = Action::from_name(name) else {
                let names = super::action::NAMED.iter().map(|(n, _)| *n);
                return Err(KeymapError {
                    subject: name.clone(),
                    message: format!("`{name}` is not an action"),
                    hint: touchpoint_engine::suggest::did_you_mean(name, names),
                });
            };
            let parsed = keys
                .iter()
                .map(|k| {
                    Key::parse(k).map_err(|message| KeymapError {
                        subject: k.clone(),
                        message,
                        hint: None,
                    })
                })
                .collect::<Result<Vec<Key>, KeymapError>>()?;
            for binding in &mut keymap.bindings {
                if binding.action.same_kind(&action) {
                    binding.keys = Cow::Owned(parsed.clone());
                }
            }
        }
        keymap.check()?;
        Ok(keymap)
    }

    /// Fails when one key would mean two things in the same view.
    fn check(&self) -> Result<(), KeymapError> {
        for view in Context::ALL {
            let mut seen: Vec<(Key, &Binding)> = Vec::new();
            for context in view.chain() {
                for entry in self.bindings.iter().filter(|e| e.context == *context) {
                    for key in entry.keys.iter() {
                        let clash = seen.iter().find(|(k, e)| {
                            k == key
                                && !e.action.same_kind(&entry.action)
                                && (e.context == entry.context || !shadows(e.context))
                        });
                        if let Some((_, other)) = clash {
                            let a = other.action.name().unwrap_or("?");
                            let b = entry.action.name().unwrap_or("?");
                            return Err(KeymapError {
                                subject: key_subject(key),
                                message: format!(
                                    "`{key}` would mean both `{a}` and `{b}` ({})",
                                    view.title().to_lowercase()
                                ),
                                hint: Some(format!("bind `{a}` or `{b}` to another key")),
                            });
                        }
                        seen.push((*key, entry));
                    }
                }
            }
        }
        Ok(())
    }

    /// The action bound to `event` in `context`; in the search field, characters are typed.
    pub fn lookup(&self, context: Context, event: KeyEvent) -> Option<Action> {
        let key = Key::from_event(event);
        let in_context = |c: Context| {
            self.bindings
                .iter()
                .find(|e| e.context == c && e.keys.contains(&key))
                .map(|e| e.action.clone())
        };
        let typed = match key.code {
            KeyCode::Char(c)
                if !key
                    .mods
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Action::Type(c))
            }
            _ => None,
        };
        match context {
            // Every key not bound there is text being typed.
            Context::TextField => in_context(context).or(Some(Action::Input(event))),
            Context::Search => in_context(context)
                .or(typed)
                .or_else(|| in_context(Context::Global)),
            Context::Picker | Context::Question => in_context(context).or(typed),
            _ => context.chain().iter().find_map(|&c| in_context(c)),
        }
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The first key bound to `action`, for text that tells a person what to press (`?` when
    /// the config file left it without a key). Overrides apply to every binding of an action,
    /// so the first one speaks for all.
    pub fn key_for(&self, action: &Action) -> String {
        self.bindings
            .iter()
            .find(|b| b.action.same_kind(action))
            .and_then(|b| b.keys.first())
            .map_or_else(|| "?".to_string(), ToString::to_string)
    }

    /// The status bar's hints for a context, the context's own first. The overlays (help,
    /// search) hint only their own keys.
    pub fn hints(&self, context: Context) -> Vec<Hint> {
        let mut out: Vec<Hint> = Vec::new();
        let chain = if shadows(context) {
            &context.chain()[..1]
        } else {
            context.chain()
        };
        // The key that opens the view you are in is no use there.
        let here = match context {
            Context::Inventory => Some(Action::ShowInventory),
            Context::Findings => Some(Action::ShowFindings),
            _ => None,
        };
        for c in chain {
            for e in self.bindings.iter().filter(|e| e.context == *c) {
                if here.as_ref().is_some_and(|a| a.same_kind(&e.action)) {
                    continue;
                }
                // The review takes the screen: the views' keys would only distract the room.
                if context == Context::Review
                    && *c == Context::Global
                    && !matches!(e.action, Action::Help | Action::Quit | Action::Save)
                {
                    continue;
                }
                if let (Some(hint), Some(key)) = (e.hint, e.keys.first()) {
                    // One hint an action (a view's own first) and one a text.
                    let action = || out.iter().any(|h: &Hint| h.action.same_kind(&e.action));
                    if out.iter().any(|h| h.text == hint) || action() {
                        continue;
                    }
                    out.push(Hint {
                        key: key.to_string(),
                        text: hint,
                        always: matches!(e.action, Action::Help | Action::Quit),
                        action: e.action.clone(),
                    });
                }
            }
        }
        out
    }
}

/// One key hint of the status bar: `? help`.
#[derive(Debug, Clone)]
pub struct Hint {
    /// The first key bound, as shown.
    pub key: String,
    pub text: &'static str,
    /// Help and quit: shown whatever else has to give way.
    pub always: bool,
    pub action: Action,
}

/// Overlay contexts take keys before the views below them, on purpose.
fn shadows(context: Context) -> bool {
    matches!(
        context,
        Context::Help
            | Context::Search
            | Context::Form
            | Context::TextField
            | Context::Picker
            | Context::Question
    )
}

/// How a key is likely written in the config file, to find it there.
fn key_subject(key: &Key) -> String {
    match key.code {
        KeyCode::Char(c) if key.mods.is_empty() => c.to_string(),
        _ => key.to_string().to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: ratatui::crossterm::event::KeyEventState::NONE,
        }
    }

    #[test]
    fn the_default_table_has_no_clashes() {
        assert_eq!(Keymap::default().check(), Ok(()));
    }

    #[test]
    fn keys_parse_and_print() {
        assert_eq!(Key::parse("q"), Ok(ch('q')));
        assert_eq!(Key::parse("G"), Ok(ch('G')));
        assert_eq!(Key::parse("ctrl-c"), Ok(ctrl('c')));
        assert_eq!(Key::parse("Ctrl+C"), Ok(ctrl('c')));
        assert_eq!(Key::parse("-"), Ok(ch('-')));
        assert_eq!(Key::parse("shift-tab"), Ok(code(KeyCode::BackTab)));
        assert_eq!(Key::parse("PageDown"), Ok(code(KeyCode::PageDown)));
        assert_eq!(Key::parse("f5"), Ok(code(KeyCode::F(5))));
        assert!(Key::parse("hyper-q").is_err());
        assert!(Key::parse("").is_err());
        assert_eq!(ctrl('d').to_string(), "Ctrl-d");
        assert_eq!(code(KeyCode::Up).to_string(), "↑");
    }

    #[test]
    fn lookup_follows_the_context_chain() {
        let km = Keymap::default();
        let n = press(KeyCode::Char('n'), KeyModifiers::NONE);
        assert!(matches!(
            km.lookup(Context::Grid, n),
            Some(Action::NextStep)
        ));
        assert!(km.lookup(Context::Inventory, n).is_none());
        assert!(matches!(
            km.lookup(Context::Search, n),
            Some(Action::Type('n'))
        ));
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert!(matches!(km.lookup(Context::Help, q), Some(Action::Back)));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(matches!(
            km.lookup(Context::Search, ctrl_c),
            Some(Action::Quit)
        ));
        let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert!(matches!(km.lookup(Context::Grid, big_g), Some(Action::End)));
    }

    #[test]
    fn overrides_replace_keys_and_report_mistakes() {
        let km = Keymap::with_overrides(&[("quit".into(), vec!["ctrl-q".into()])])
            .expect("valid override");
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert!(km.lookup(Context::Grid, q).is_none());
        let err = Keymap::with_overrides(&[("quitt".into(), vec!["q".into()])])
            .expect_err("unknown action");
        assert_eq!(err.subject, "quitt");
        assert!(err.hint.is_some_and(|h| h.contains("quit")));
        let err = Keymap::with_overrides(&[("quit".into(), vec!["n".into()])])
            .expect_err("clash with next-step");
        assert!(err.message.contains("next-step"), "{}", err.message);
    }

    #[test]
    fn hints_come_from_the_table() {
        let hints = Keymap::default().hints(Context::Grid);
        let first = hints.first().expect("hints");
        assert_eq!((first.key.as_str(), first.text), ("Enter", "details"));
        assert!(
            hints
                .iter()
                .any(|h| h.key == "q" && h.text == "quit" && h.always)
        );
    }
}
