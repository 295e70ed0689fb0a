//! ANSI styling for terminal output, switched off when output is not a terminal.

use std::io::IsTerminal;

use touchpoint_engine::analysis::Severity;

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

/// Paints text, or passes it through unchanged when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    enabled: bool,
}

impl Style {
    /// Styling for standard output.
    pub fn new(choice: ColorChoice) -> Style {
        Style::for_stream(choice, std::io::stdout().is_terminal())
    }

    /// Styling for standard error.
    pub fn for_stderr(choice: ColorChoice) -> Style {
        Style::for_stream(choice, std::io::stderr().is_terminal())
    }

    fn for_stream(choice: ColorChoice, terminal: bool) -> Style {
        let enabled = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
        };
        Style { enabled }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\u{1b}[{code}m{text}\u{1b}[0m")
        } else {
            text.to_string()
        }
    }

    pub fn severity(&self, s: Severity, text: &str) -> String {
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Advice => "1;36",
        };
        self.paint(code, text)
    }

    pub fn gutter(&self, text: &str) -> String {
        self.paint("1;34", text)
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
}
