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
mod flowlines;
mod form;
mod help;
pub mod journals;
pub mod keymap;
mod lanes;
mod loader;
mod outline;
mod picker;
mod question;
mod request;
mod screen;
mod theme;
pub mod view;
mod watch;

use std::io::{IsTerminal, stdout};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

pub use action::Action;
pub use app::App;
pub use board::Board;
pub use config::Config;
pub use loader::{Phase, Progress};
pub use request::Request;

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
    /// A signal (SIGTERM, SIGINT, SIGHUP) ended it; the terminal was restored.
    Signal(i32),
}

/// Loads the built-in example map.
pub fn example() -> Result<LoadedMap, LoadError> {
    mapfile::load_str(EXAMPLE_FILE, EXAMPLE.to_string())
}

/// How long the workbench waits for a map before drawing its first frame: a map that loads
/// within it opens straight onto the grid (and a broken one is reported before the screen
/// changes); a bigger one shows its progress.
const FIRST_FRAME: Duration = Duration::from_millis(40);
/// How often time passes for the state (messages fade).
const TICK: Duration = Duration::from_millis(250);

/// Opens the workbench on `file` (the built-in example when `None`) until the person quits.
pub fn run(file: Option<PathBuf>) -> Result<(), Failure> {
    run_with(file, false)
}

/// As [`run`], starting in the review walk (`touchpoint review FILE`).
pub fn run_review(file: PathBuf) -> Result<(), Failure> {
    run_with(Some(file), true)
}

fn run_with(file: Option<PathBuf>, review: bool) -> Result<(), Failure> {
    // The same reading of NO_COLOR as the command line's (set and not empty).
    let config = config::load(anstyle_query::no_color()).map_err(Failure::Config)?;
    let (source, loader, first) = match &file {
        Some(path) => {
            let mut loader = loader::Loader::new(path);
            loader.start();
            let first = first_result(&mut loader)?;
            (path.display().to_string(), Some(loader), first)
        }
        None => {
            let board = Board::new(example().map_err(Failure::Load)?);
            (EXAMPLE_NAME.to_string(), None, Some(board))
        }
    };
    if !stdout().is_terminal() {
        return Err(Failure::Terminal(std::io::Error::other(
            "the workbench needs a terminal; `touchpoint check FILE` prints findings as text",
        )));
    }
    let signals = Signals::register().map_err(Failure::Terminal)?;
    let mut terminal = ratatui::try_init().map_err(|e| {
        ratatui::restore();
        Failure::Terminal(e)
    })?;
    let _restore = Restore::install();
    let size = terminal.size().map_err(Failure::Terminal)?;
    let size = Rect::new(0, 0, size.width, size.height);
    let mut app = match first {
        Some(board) => App::with_loaded(board, source, config, size),
        None => App::waiting(source, config, size),
    };
    if let Some(path) = &file {
        app.editing_file(path.clone(), journals::Journals::platform());
    }
    if review {
        app.start_review();
    }
    let watcher = file.as_deref().map(watch::Watcher::new);
    event_loop(
        &mut terminal,
        app,
        Background {
            watcher,
            loader,
            signals: &signals,
        },
    )
}

/// The first load's result if it ends within [`FIRST_FRAME`]; a load error then stops the
/// workbench before it starts.
fn first_result(loader: &mut loader::Loader) -> Result<Option<Board>, Failure> {
    let deadline = Instant::now() + FIRST_FRAME;
    while Instant::now() < deadline {
        match loader.poll() {
            Some(loader::Update::Done(result)) => return result.map(Some).map_err(Failure::Load),
            Some(_) => {}
            None if !loader.busy() => return Ok(None),
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
    Ok(None)
}

/// How long the event loop has to end the workbench itself after SIGHUP.
const HANGUP_GRACE: Duration = Duration::from_secs(2);

/// SIGTERM, SIGINT and SIGHUP ask the workbench to quit, so that it restores the terminal on
/// the way out (a second one ends it at once).
struct Signals {
    raised: Arc<AtomicBool>,
    which: Arc<AtomicUsize>,
}

impl Signals {
    fn register() -> std::io::Result<Signals> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let raised = Arc::new(AtomicBool::new(false));
        let which = Arc::new(AtomicUsize::new(0));
        for signal in [SIGTERM, SIGINT, SIGHUP] {
            // Registered first, so it sees the flag before this signal sets it.
            signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&raised))?;
            signal_hook::flag::register(signal, Arc::clone(&raised))?;
            signal_hook::flag::register_usize(signal, Arc::clone(&which), signal as usize)?;
        }
        Self::end_after_hangup()?;
        Ok(Signals { raised, which })
    }

    /// When the terminal hangs up (its window closed, an SSH session lost), reading it gives
    /// an end of file that crossterm's poll reads again and again without returning, so the
    /// event loop never sees the signal and the process would spin forever. A thread of its
    /// own waits for SIGHUP and, if the loop has not ended the workbench by then, ends the
    /// process: there is no terminal left to restore, and the journal already holds every
    /// unsaved edit for the next start to recover.
    fn end_after_hangup() -> std::io::Result<()> {
        use signal_hook::consts::SIGHUP;
        use std::io::Read;
        let (mut read, write) = std::os::unix::net::UnixStream::pair()?;
        signal_hook::low_level::pipe::register(SIGHUP, write)?;
        std::thread::Builder::new()
            .name("hangup".into())
            .spawn(move || {
                let mut byte = [0u8];
                if read.read_exact(&mut byte).is_ok() {
                    std::thread::sleep(HANGUP_GRACE);
                    std::process::exit(128 + SIGHUP);
                }
            })?;
        Ok(())
    }

    /// The signal that asked to quit, if one did.
    fn raised(&self) -> Option<i32> {
        self.raised
            .load(Ordering::Relaxed)
            .then(|| self.which.load(Ordering::Relaxed) as i32)
    }
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

/// What happens besides keys: the file changing, loads in the background, signals.
struct Background<'a> {
    watcher: Option<watch::Watcher>,
    loader: Option<loader::Loader>,
    signals: &'a Signals,
}

impl Background<'_> {
    /// Does what the workbench asked.
    fn serve(&mut self, terminal: &mut DefaultTerminal, request: Request) -> Result<(), Failure> {
        match request {
            Request::Saved(hash) => {
                if let Some(loader) = &mut self.loader {
                    loader.assume(hash);
                }
            }
            Request::Reload => {
                if let Some(loader) = &mut self.loader {
                    loader.reload();
                }
            }
            Request::Watch(path) => {
                self.watcher = Some(watch::Watcher::new(&path));
                self.loader = Some(loader::Loader::new(&path));
            }
            Request::OpenEditor { path, line } => {
                leave_screen();
                let ran = editor_command(&path, line).status();
                back_to_screen(terminal)?;
                if let Err(e) = ran {
                    return Err(Failure::Terminal(std::io::Error::other(format!(
                        "cannot run the editor ($VISUAL or $EDITOR): {e}"
                    ))));
                }
                if let Some(loader) = &mut self.loader {
                    loader.reload();
                }
            }
            Request::Suspend => {
                leave_screen();
                let stopped = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
                back_to_screen(terminal)?;
                stopped.map_err(Failure::Terminal)?;
            }
        }
        Ok(())
    }
}

/// Passes on what the background load has to say: its progress, its end, and a large file's
/// change, for which the workbench makes room before the load goes on. A first map that does
/// not load ends the workbench.
fn follow_load(app: &mut App, loader: &mut loader::Loader) -> Result<(), Failure> {
    match loader.poll() {
        None => {}
        Some(loader::Update::Progress(p)) => app.apply(Action::Loading(Some(p))),
        Some(loader::Update::Unchanged) => app.apply(Action::Loading(None)),
        Some(loader::Update::Changed) => {
            app.apply(Action::MakeRoom);
            loader.proceed(app.on_failed_reload());
        }
        Some(loader::Update::Done(result)) => {
            if app.waiting_for_first_map()
                && let Err(e) = *result
            {
                return Err(Failure::Load(e));
            }
            app.apply(Action::Reload(result));
        }
    }
    Ok(())
}

/// Gives the terminal back to the shell or an editor for a while.
fn leave_screen() {
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// Takes the terminal again after [`leave_screen`], and draws everything anew.
fn back_to_screen(terminal: &mut DefaultTerminal) -> Result<(), Failure> {
    ratatui::crossterm::terminal::enable_raw_mode().map_err(Failure::Terminal)?;
    execute!(
        stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture
    )
    .map_err(Failure::Terminal)?;
    terminal.clear().map_err(Failure::Terminal)
}

/// The person's editor (`$VISUAL`, else `$EDITOR`, else `vi`) on `path` at `line`, in the
/// way each common editor takes a line.
fn editor_command(path: &std::path::Path, line: usize) -> std::process::Command {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().into_owned())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi").to_string();
    let mut command = std::process::Command::new(&program);
    command.args(words);
    let name = std::path::Path::new(&program)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let at = format!("{}:{line}", path.display());
    match name.as_str() {
        "hx" | "helix" => command.arg(at),
        "code" | "codium" | "code-insiders" => command.args(["--wait", "-g", &at]),
        "subl" | "zed" => command.args(["--wait", &at]),
        _ => command.arg(format!("+{line}")).arg(path),
    };
    command
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    mut app: App,
    mut background: Background<'_>,
) -> Result<(), Failure> {
    let mut ticked = Instant::now();
    loop {
        terminal
            .draw(|frame| view::render(frame, &app))
            .map_err(Failure::Terminal)?;
        let busy = background.loader.as_ref().is_some_and(|l| l.busy());
        let wait = match &background.watcher {
            _ if busy => Duration::from_millis(50),
            Some(w) => w.wait(),
            None => TICK,
        };
        if event::poll(wait).map_err(Failure::Terminal)? {
            loop {
                if let Some(action) = to_action(&app, event::read().map_err(Failure::Terminal)?) {
                    app.apply(action);
                }
                if app.should_quit() || !event::poll(Duration::ZERO).map_err(Failure::Terminal)? {
                    break;
                }
            }
        }
        for request in app.take_requests() {
            background.serve(terminal, request)?;
        }
        if let (Some(watcher), Some(loader)) =
            (background.watcher.as_mut(), background.loader.as_mut())
            && watcher.changed()
        {
            loader.start();
        }
        if let Some(loader) = background.loader.as_mut() {
            follow_load(&mut app, loader)?;
        }
        if ticked.elapsed() >= TICK {
            ticked = Instant::now();
            app.apply(Action::Tick);
        }
        if let Some(signal) = background.signals.raised() {
            return Err(Failure::Signal(signal));
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

#[cfg(test)]
mod tests {
    use super::*;
    use touchpoint_engine::edit::journal;

    const WORKSHOP: &str = include_str!("../../tests/fixtures/workshop.ron");

    /// The loop's part in a reload of a large map: the loader asks, the workbench sets the
    /// old map aside, the load goes on, and the new map comes.
    #[test]
    fn a_large_map_read_again_is_set_aside_then_replaced() {
        let dir = tempfile::tempdir().expect("a scratch folder");
        let path = dir.path().join("workshop.ron");
        std::fs::write(&path, WORKSHOP).expect("writes the map");
        let mut board = Board::new(
            mapfile::load_str(&path.display().to_string(), WORKSHOP.to_string()).expect("loads"),
        );
        board.set_file_hash(WORKSHOP.as_bytes());
        let size = Rect::new(0, 0, 120, 40);
        let mut app = App::with_loaded(board, "workshop.ron".into(), Config::default(), size);
        app.editing_file(path.clone(), None);
        app.park_from = 1;
        let mut loader = loader::Loader::new(&path);
        loader.ask_from = 1;
        loader.assume(journal::hash_bytes(WORKSHOP.as_bytes()));

        let changed = WORKSHOP.replace("title: \"Credit check\"", "title: \"Affordability check\"");
        std::fs::write(&path, &changed).expect("the file changes");
        loader.start();
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut set_aside = false;
        while loader.busy() {
            assert!(
                Instant::now() < deadline,
                "the load ends: the loop let it go on"
            );
            follow_load(&mut app, &mut loader).expect("no failure");
            set_aside |= app.waiting_for_map();
            std::thread::sleep(Duration::from_millis(2));
        }
        assert!(set_aside, "the old map was let go while the new one loaded");
        assert!(!app.waiting_for_map());
        let titles: Vec<&str> = app
            .board
            .journey()
            .steps()
            .map(|(_, s)| s.title.as_str())
            .collect();
        assert!(titles.contains(&"Affordability check"), "{titles:?}");
    }
}
