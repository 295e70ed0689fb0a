//! The interactive workbench: a terminal UI over one map, with live reload.
//!
//! State → view: terminal events become [`Action`]s through the one keymap table
//! ([`keymap`]); [`App::apply`] is the only place state changes; [`view::render`] draws a
//! frame from the state. This module owns the terminal: set up, event loop, restore.

mod action;
mod app;
mod board;
pub mod config;
mod details;
mod document;
mod filter;
mod help;
pub mod keymap;
mod lanes;
mod outline;
mod screen;
mod theme;
pub mod view;
mod watch;

use std::io::{IsTerminal, stdout};
use std::path::PathBuf;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

pub use action::Action;
pub use app::App;
pub use config::Config;

use touchpoint_engine::mapfile::{self, Diagnostic, LoadError, LoadedMap};

/// The map shown when no file is named.
pub const EXAMPLE: &str = include_str!("../../maps/broadband-fault.ron");
/// What the header calls the built-in example.
pub const EXAMPLE_NAME: &str = "built-in example";
/// The file name findings in the built-in example point at.
pub const EXAMPLE_FILE: &str = "broadband-fault.ron";

/// Why the workbench could not start (or stopped on an error).
#[derive(Debug)]
pub enum Failure {
    /// The map could not be loaded.
    Load(LoadError),
    /// The config file is broken.
    Config(Box<Diagnostic>),
    /// The terminal could not be used.
    Terminal(std::io::Error),
}

/// Loads the built-in example map.
pub fn example() -> Result<LoadedMap, LoadError> {
    mapfile::load_str(EXAMPLE_FILE, EXAMPLE.to_string())
}

/// Opens the workbench on `file` (the built-in example when `None`) until the person quits.
pub fn run(file: Option<PathBuf>) -> Result<(), Failure> {
    // The same reading of NO_COLOR as the command line's (set and not empty).
    let config = config::load(anstyle_query::no_color()).map_err(Failure::Config)?;
    let map = match &file {
        Some(path) => mapfile::load(path),
        None => example(),
    }
    .map_err(Failure::Load)?;
    if !stdout().is_terminal() {
        return Err(Failure::Terminal(std::io::Error::other(
            "the workbench needs a terminal; `touchpoint check FILE` prints findings as text",
        )));
    }
    let source = match &file {
        Some(path) => path.display().to_string(),
        None => EXAMPLE_NAME.to_string(),
    };
    let mut terminal = ratatui::try_init().map_err(|e| {
        ratatui::restore();
        Failure::Terminal(e)
    })?;
    let _restore = Restore::install();
    let size = terminal.size().map_err(Failure::Terminal)?;
    let app = App::new(
        map,
        source,
        config,
        Rect::new(0, 0, size.width, size.height),
    );
    let mut watcher = file.as_deref().map(watch::Watcher::new);
    event_loop(&mut terminal, app, watcher.as_mut()).map_err(Failure::Terminal)
}

/// Restores the terminal when dropped (on quit and on error), and before a panic message.
struct Restore;

impl Restore {
    fn install() -> Restore {
        let _ = execute!(stdout(), EnableMouseCapture);
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(stdout(), DisableMouseCapture);
            ratatui::restore();
            hook(info);
        }));
        Restore
    }
}

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    mut app: App,
    mut watcher: Option<&mut watch::Watcher>,
) -> std::io::Result<()> {
    loop {
        terminal.draw(|frame| view::render(frame, &app))?;
        let wait = watcher
            .as_ref()
            .map_or(Duration::from_millis(500), |w| w.wait());
        if event::poll(wait)? {
            loop {
                if let Some(action) = to_action(&app, event::read()?) {
                    app.apply(action);
                }
                if app.should_quit() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if let Some(result) = watcher.as_mut().and_then(|w| w.poll()) {
            app.apply(Action::Reload(Box::new(result)));
        }
        if app.should_quit() {
            return Ok(());
        }
    }
}

/// Turns a terminal event into an action: keys through the keymap, clicks, wheel, resizes.
pub fn to_action(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            app.keymap().lookup(app.context(), key)
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Scroll(1)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(-1)),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}
