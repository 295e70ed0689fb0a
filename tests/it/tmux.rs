//! A tmux server of the tests' own, running the real binary in a real terminal: keys sent,
//! the screen read back, the terminal's state checked after quitting.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_touchpoint");
pub(crate) const WORKSHOP: &str = include_str!("../fixtures/workshop.ron");
/// Generous: CI machines are small and the binary is a debug build.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(20);

/// A tmux server of our own, with one window running a shell in a scratch folder.
pub(crate) struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    pub(crate) fn start(width: u16, height: u16) -> Tmux {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "touchpoint-e2e-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let dir = tempfile::tempdir().expect("a scratch folder");
        let home = dir.path().display().to_string();
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "main",
            ])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .args(["-c", &home])
            .args(["-e", &format!("HOME={home}")])
            .args(["-e", &format!("XDG_CONFIG_HOME={home}/config")])
            .args(["-e", &format!("XDG_DATA_HOME={home}/data")])
            .args(["sh"])
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", format!("{home}/config"))
            .env("XDG_DATA_HOME", format!("{home}/data"))
            .env_remove("TOUCHPOINT_CONFIG")
            .env_remove("NO_COLOR")
            .env("TERM", "xterm-256color")
            .status()
            .expect("tmux starts (it is not installed? apt-get install tmux)");
        assert!(status.success(), "tmux new-session failed");
        let tmux = Tmux { socket, dir };
        tmux.wait_until("the shell's prompt", |s| !s.trim().is_empty());
        tmux
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub(crate) fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Types a line into the shell.
    pub(crate) fn type_line(&self, line: &str) {
        self.tmux(&["send-keys", "-t", "main", "-l", line]);
        self.tmux(&["send-keys", "-t", "main", "Enter"]);
    }

    /// Presses keys (tmux key names: `j`, `Enter`, `Escape`, `C-c`).
    pub(crate) fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.tmux(&["send-keys", "-t", "main", key]);
        }
    }

    pub(crate) fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "main"]).stdout)
            .into_owned()
    }

    /// `#{name}` of the pane, e.g. `alternate_on`.
    pub(crate) fn pane(&self, name: &str) -> String {
        let format = format!("#{{{name}}}");
        let out = self.tmux(&["display-message", "-p", "-t", "main", &format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Waits until the screen passes `check`, and returns it.
    pub(crate) fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if check(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; the screen was:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub(crate) fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("`{text}`"), |s| s.contains(text))
    }

    /// Quits with `keys` and checks the shell got the terminal back as it was.
    pub(crate) fn quit_cleanly(&self, keys: &[&str]) {
        self.keys(keys);
        self.wait_for("exit=0");
        assert_eq!(self.pane("alternate_on"), "0", "left the alternate screen");
        assert_eq!(self.pane("mouse_any_flag"), "0", "mouse capture is off");
        self.type_line(
            "stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ' '; echo",
        );
        self.wait_for("echo icanon");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

pub(crate) fn quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}
