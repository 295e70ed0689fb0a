//! The config file: key bindings and colours, from the platform's config folder.
//!
//! `TOUCHPOINT_CONFIG` names the file; otherwise it is `config.ron` in the folder
//! `directories` gives for touchpoint (`~/.config/touchpoint/` on Linux). No file means the
//! defaults; a broken file is an error pointing at its line and column, never silently ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ron::error::{Error, SpannedError};
use serde::Deserialize;

use super::keymap::Keymap;
use super::theme::{SLOTS, THEMES, Theme};
use touchpoint_engine::mapfile::Diagnostic;
use touchpoint_engine::source::Pos;

/// The environment variable naming the config file.
pub const ENV: &str = "TOUCHPOINT_CONFIG";

/// What the workbench takes from the config file.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: Theme,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Keys {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    keys: BTreeMap<String, Keys>,
    #[serde(default)]
    colors: BTreeMap<String, String>,
    /// The theme the colours start from: `dark`, `light` or `high-contrast`.
    #[serde(default)]
    theme: String,
}

/// Where the config file is looked for, and whether it must exist (named by the environment).
pub fn location() -> Option<(PathBuf, bool)> {
    if let Some(path) = std::env::var_os(ENV).filter(|p| !p.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    directories::ProjectDirs::from("", "", "touchpoint")
        .map(|dirs| (dirs.config_dir().join("config.ron"), false))
}

/// Reads the config file, if any. `no_color` starts from the monochrome theme.
pub fn load(no_color: bool) -> Result<Config, Box<Diagnostic>> {
    let base = Config {
        keymap: Keymap::default(),
        theme: if no_color {
            Theme::monochrome()
        } else {
            Theme::default()
        },
    };
    let Some((path, required)) = location() else {
        return Ok(base);
    };
    let name = path.display().to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => return Ok(base),
        Err(e) => {
            let hint = format!("{ENV} names it; unset {ENV} to use the default location");
            return Err(Box::new(
                Diagnostic::whole_file(&name, format!("cannot read the config file: {e}"))
                    .with_hint(Some(hint)),
            ));
        }
    };
    parse(&path, &text, base)
}

/// Applies the config text to `base`.
pub fn parse(path: &Path, text: &str, base: Config) -> Result<Config, Box<Diagnostic>> {
    let name = path.display().to_string();
    let file: File = if text.trim().is_empty() {
        File::default()
    } else {
        ron::Options::default()
            .from_str(text)
            .map_err(|e| Box::new(syntax_error(&name, text, &e)))?
    };
    let overrides: Vec<(String, Vec<String>)> = file
        .keys
        .into_iter()
        .map(|(action, keys)| {
            let keys = match keys {
                Keys::One(k) => vec![k],
                Keys::Many(ks) => ks,
            };
            (action, keys)
        })
        .collect();
    let keymap = Keymap::with_overrides(&overrides)
        .map_err(|e| Box::new(at_text(&name, text, &e.subject, e.message).with_hint(e.hint)))?;
    let mut theme = base.theme;
    if !file.theme.trim().is_empty() {
        let name = &file.theme;
        let Some(named) = Theme::named(name) else {
            let hint = touchpoint_engine::suggest::did_you_mean(name, THEMES.iter().copied())
                .or_else(|| Some(format!("themes: {}", THEMES.join(", "))));
            return Err(Box::new(
                at_text(
                    &name_of(path),
                    text,
                    name,
                    format!("`{name}` is not a theme"),
                )
                .with_hint(hint),
            ));
        };
        // NO_COLOR still wins: the theme only chooses colours.
        theme = Theme {
            monochrome: theme.monochrome,
            ..named
        };
    }
    for (slot, value) in &file.colors {
        if let Err(message) = theme.set(slot, value) {
            let subject = if SLOTS.contains(&slot.as_str()) {
                value
            } else {
                slot
            };
            let hint = if SLOTS.contains(&slot.as_str()) {
                None
            } else {
                touchpoint_engine::suggest::did_you_mean(slot, SLOTS.iter().copied())
                    .or_else(|| Some(format!("colour slots: {}", SLOTS.join(", "))))
            };
            return Err(Box::new(
                at_text(&name, text, subject, message).with_hint(hint),
            ));
        }
    }
    Ok(Config { keymap, theme })
}

fn name_of(path: &Path) -> String {
    path.display().to_string()
}

/// A diagnostic at the first quoted occurrence of `subject` in the text.
fn at_text(file: &str, text: &str, subject: &str, message: String) -> Diagnostic {
    let quoted = format!("\"{subject}\"");
    let found = text
        .find(&quoted)
        .map(|at| (at + 1, subject.chars().count()));
    let pos = found.map(|(at, len)| {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
            len: u32::try_from(len.max(1)).unwrap_or(1),
        }
    });
    let snippet = pos.and_then(|p| line_text(text, p.line));
    Diagnostic {
        file: file.to_string(),
        pos,
        message,
        snippet,
        hint: None,
        note: None,
    }
}

fn line_text(text: &str, line: u32) -> Option<String> {
    text.split('\n')
        .nth(usize::try_from(line).ok()?.checked_sub(1)?)
        .map(|l| l.trim_end_matches('\r').to_string())
}

fn syntax_error(file: &str, text: &str, err: &SpannedError) -> Diagnostic {
    let (message, hint) = match &err.code {
        Error::NoSuchStructField { found, .. } => (
            format!("unknown setting `{found}` in the config file"),
            touchpoint_engine::suggest::did_you_mean(found, ["keys", "colors", "theme"])
                .or_else(|| Some("the config file has `keys`, `theme` and `colors`".into())),
        ),
        Error::ExpectedMapEnd | Error::ExpectedArrayEnd | Error::ExpectedStructLikeEnd => (
            err.code.to_string(),
            Some("a comma or a closing bracket is probably missing".into()),
        ),
        Error::Eof => (
            "the file ends in the middle of a value".into(),
            Some("a bracket or parenthesis is probably not closed".into()),
        ),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            let message = match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => "the config file could not be read".into(),
            };
            (
                message,
                Some(
                    "see the README: `(keys: {\"quit\": [\"q\"]}, colors: {\"error\": \"red\"})`"
                        .into(),
                ),
            )
        }
    };
    let line = u32::try_from(err.span.start.line.max(1)).unwrap_or(u32::MAX);
    let col = u32::try_from(err.span.start.col.max(1)).unwrap_or(u32::MAX);
    Diagnostic {
        file: file.to_string(),
        pos: Some(Pos { line, col, len: 1 }),
        message,
        snippet: line_text(text, line),
        hint,
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    fn parse_str(text: &str) -> Result<Config, Box<Diagnostic>> {
        parse(Path::new("config.ron"), text, Config::default())
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert!(parse_str("").is_ok());
        assert!(parse_str("()").is_ok());
    }

    #[test]
    fn keys_and_colours_override() {
        let config = parse_str(
            "(keys: {\"quit\": \"ctrl-q\", \"next-step\": [\"n\", \"tab\"]}, colors: {\"error\": \"#ff0000\"})",
        )
        .expect("valid");
        assert_eq!(config.theme.error, Color::Rgb(255, 0, 0));
        let quit = config
            .keymap
            .bindings()
            .iter()
            .find(|e| e.action.name() == Some("quit"))
            .expect("quit is bound");
        assert_eq!(quit.keys_label(" "), "Ctrl-q");
    }

    #[test]
    fn mistakes_point_at_line_and_column() {
        let err =
            parse_str("(\n  keys: {\"quit\": [\"q\"]},\n  colours: {},\n)").expect_err("typo");
        assert_eq!(err.location(), "config.ron:3:3");
        assert!(err.hint.is_some_and(|h| h.contains("colors")));

        let err = parse_str("(\n  keys: {\"qiut\": [\"q\"]},\n)").expect_err("unknown action");
        assert_eq!(err.location(), "config.ron:2:11");
        assert_eq!(err.message, "`qiut` is not an action");

        let err = parse_str("(colors: {\"error\": \"reddish\"})").expect_err("bad colour");
        assert_eq!(err.location(), "config.ron:1:21");

        let err = parse_str("(keys: {\"quit\": [\"q\"]").expect_err("unclosed");
        assert!(err.pos.is_some());

        let err = parse_str("(theme: \"hight-contrast\")").expect_err("unknown theme");
        assert_eq!(err.location(), "config.ron:1:10");
        assert!(err.hint.is_some_and(|h| h.contains("high-contrast")));
    }

    #[test]
    fn a_theme_is_chosen_and_its_colours_still_overridden() {
        let config =
            parse_str("(theme: \"light\", colors: {\"error\": \"#ff0000\"})").expect("valid");
        assert_eq!(config.theme.error, Color::Rgb(255, 0, 0));
        assert_eq!(config.theme.warning, Theme::light().warning);
        let contrast = parse_str("(theme: \"high-contrast\")").expect("valid");
        assert_eq!(contrast.theme, Theme::high_contrast());
        let base = Config {
            theme: Theme::monochrome(),
            ..Config::default()
        };
        let no_color = parse(Path::new("config.ron"), "(theme: \"light\")", base).expect("valid");
        assert!(no_color.theme.monochrome, "NO_COLOR wins over the theme");
    }
}
