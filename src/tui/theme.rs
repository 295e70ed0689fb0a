//! Colours and markers: severity has a colour *and* a symbol, so nothing depends on colour alone.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use super::document::Role;
use touchpoint_engine::analysis::Severity;

/// The marker of a step's or collection's worst finding; `None` is clean.
pub(super) fn marker(worst: Option<Severity>) -> &'static str {
    worst.map_or("✓", Severity::symbol)
}

/// Marks a step or row that takes the element being followed through the journey.
pub(super) const FOLLOW: &str = "★";

/// The customer's emotion (-2..2) as a face or two.
pub(super) fn emotion_glyph(emotion: i8) -> &'static str {
    match emotion {
        i8::MIN..=-2 => "☹☹",
        -1 => "☹",
        0 => "·",
        1 => "☺",
        2..=i8::MAX => "☺☺",
    }
}

/// The customer's emotion in words.
pub(super) fn emotion_word(emotion: i8) -> &'static str {
    match emotion {
        i8::MIN..=-2 => "angry",
        -1 => "unhappy",
        0 => "neutral",
        1 => "pleased",
        2..=i8::MAX => "delighted",
    }
}

/// Colour slots a config file can set, by name.
pub(super) const SLOTS: &[&str] = &[
    "error", "warning", "advice", "clean", "selected", "flow", "branch", "follow", "accent", "dim",
    "border", "line", "banner", "unhappy", "happy", "bar", "bar-text",
];

/// The themes a config file can start from, by name; the first is the default.
pub(super) const THEMES: &[&str] = &["dark", "light", "high-contrast"];

/// Every style the views use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub error: Color,
    pub warning: Color,
    pub advice: Color,
    pub clean: Color,
    /// The selected step, row or finding.
    pub selected: Color,
    /// Predecessors and successors of the selected step.
    pub flow: Color,
    /// The step the chosen branch leads to.
    pub branch: Color,
    /// Steps taking the followed data element.
    pub follow: Color,
    /// Titles and headings.
    pub accent: Color,
    /// Secondary text: labels, hints, places.
    pub dim: Color,
    /// Card borders, frames and the rules between lanes.
    pub border: Color,
    /// Flows on the grid (the selected step's in `flow`).
    pub line: Color,
    /// The background of the error banner.
    pub banner: Color,
    pub unhappy: Color,
    pub happy: Color,
    /// The header and status bar: background and text.
    pub bar: Color,
    pub bar_text: Color,
    /// No colour at all (`NO_COLOR`): styles keep only bold, reverse and dim.
    pub monochrome: bool,
}

impl Default for Theme {
    /// For a dark terminal. Secondary text, borders and lines are fixed greys of the 256-colour
    /// palette, bright enough to read on a projector (palette colour 8, which many terminal
    /// themes make nearly black, is not used).
    fn default() -> Theme {
        Theme {
            error: Color::LightRed,
            warning: Color::Yellow,
            advice: Color::Cyan,
            clean: Color::Green,
            selected: Color::LightYellow,
            flow: Color::LightMagenta,
            branch: Color::LightMagenta,
            follow: Color::LightBlue,
            accent: Color::LightCyan,
            dim: Color::Indexed(248),
            border: Color::Indexed(245),
            line: Color::Indexed(244),
            banner: Color::Red,
            unhappy: Color::LightRed,
            happy: Color::Green,
            bar: Color::Indexed(236),
            bar_text: Color::Indexed(252),
            monochrome: false,
        }
    }
}

impl Theme {
    /// The theme called `name` in the config file (see [`THEMES`]).
    pub fn named(name: &str) -> Option<Theme> {
        match name
            .trim()
            .to_ascii_lowercase()
            .replace(['_', ' '], "-")
            .as_str()
        {
            "dark" => Some(Theme::default()),
            "light" => Some(Theme::light()),
            "high-contrast" | "highcontrast" | "contrast" => Some(Theme::high_contrast()),
            _ => None,
        }
    }

    /// For a light terminal (and most projectors' light schemes): dark, saturated colours.
    pub fn light() -> Theme {
        Theme {
            error: Color::Indexed(160),
            warning: Color::Indexed(130),
            advice: Color::Indexed(25),
            clean: Color::Indexed(28),
            selected: Color::Indexed(90),
            flow: Color::Indexed(127),
            branch: Color::Indexed(127),
            follow: Color::Indexed(27),
            accent: Color::Indexed(24),
            dim: Color::Indexed(241),
            border: Color::Indexed(244),
            line: Color::Indexed(246),
            banner: Color::Indexed(160),
            unhappy: Color::Indexed(160),
            happy: Color::Indexed(28),
            bar: Color::Indexed(253),
            bar_text: Color::Indexed(235),
            monochrome: false,
        }
    }

    /// For a washed-out projector or weak eyes: the brightest colours, white for everything
    /// secondary, white text on a black bar (where the finding counts keep their colours).
    pub fn high_contrast() -> Theme {
        Theme {
            error: Color::LightRed,
            warning: Color::LightYellow,
            advice: Color::LightCyan,
            clean: Color::LightGreen,
            selected: Color::LightYellow,
            flow: Color::LightMagenta,
            branch: Color::LightMagenta,
            follow: Color::LightBlue,
            accent: Color::White,
            dim: Color::White,
            border: Color::White,
            line: Color::White,
            banner: Color::Red,
            unhappy: Color::LightRed,
            happy: Color::LightGreen,
            bar: Color::Black,
            bar_text: Color::White,
            monochrome: false,
        }
    }

    /// The theme for a terminal that asked for no colour.
    pub fn monochrome() -> Theme {
        Theme {
            monochrome: true,
            ..Theme::default()
        }
    }

    /// Sets one slot from a config value: a name (`light-red`), `#rrggbb` or an index (`208`).
    pub fn set(&mut self, slot: &str, value: &str) -> Result<(), String> {
        let color = Color::from_str(value.trim()).map_err(|_| {
            format!(
                "`{value}` is not a colour: use a name (`red`, `light-blue`), `#rrggbb` or 0-255"
            )
        })?;
        let field = match slot {
            "error" => &mut self.error,
            "warning" => &mut self.warning,
            "advice" => &mut self.advice,
            "clean" => &mut self.clean,
            "selected" => &mut self.selected,
            "flow" => &mut self.flow,
            "branch" => &mut self.branch,
            "follow" => &mut self.follow,
            "accent" => &mut self.accent,
            "dim" => &mut self.dim,
            "border" => &mut self.border,
            "line" => &mut self.line,
            "banner" => &mut self.banner,
            "unhappy" => &mut self.unhappy,
            "happy" => &mut self.happy,
            "bar" => &mut self.bar,
            "bar-text" => &mut self.bar_text,
            _ => return Err(format!("`{slot}` is not a colour slot")),
        };
        *field = color;
        Ok(())
    }

    fn fg(&self, color: Color) -> Style {
        if self.monochrome {
            Style::new()
        } else {
            Style::new().fg(color)
        }
    }

    /// How text in `role` looks.
    pub fn style(&self, role: Role) -> Style {
        match role {
            Role::Plain => Style::new(),
            Role::Accent => self.accent(),
            Role::Heading => self.heading(),
            Role::Dim => self.dim(),
            Role::Severity(worst) => self.severity(worst),
            Role::Flow => self.flow(),
            Role::Branch => self.branch(),
            Role::Follow => self.follow(),
            Role::Cursor => self.cursor(),
        }
    }

    /// The style of a severity marker (`None`: clean).
    pub fn severity(&self, worst: Option<Severity>) -> Style {
        let color = match worst {
            Some(Severity::Error) => self.error,
            Some(Severity::Warning) => self.warning,
            Some(Severity::Advice) => self.advice,
            None => self.clean,
        };
        let style = self.fg(color);
        if worst.is_some_and(|s| s >= Severity::Warning) {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        }
    }

    pub fn emotion(&self, emotion: i8) -> Style {
        match emotion {
            i8::MIN..=-1 => self.fg(self.unhappy),
            0 => self.dim(),
            1..=i8::MAX => self.fg(self.happy),
        }
    }

    /// The selected card's border and title, the cursor row of a list.
    pub fn selected(&self) -> Style {
        self.fg(self.selected).add_modifier(Modifier::BOLD)
    }

    /// A list's cursor row.
    pub fn cursor(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn flow(&self) -> Style {
        self.fg(self.flow)
    }

    pub fn branch(&self) -> Style {
        self.fg(self.branch).add_modifier(Modifier::BOLD)
    }

    pub fn follow(&self) -> Style {
        self.fg(self.follow).add_modifier(Modifier::BOLD)
    }

    pub fn accent(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.monochrome {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new().fg(self.dim)
        }
    }

    /// Card borders, frames, the rules between lanes.
    pub fn border(&self) -> Style {
        if self.monochrome {
            Style::new()
        } else {
            Style::new().fg(self.border)
        }
    }

    /// Flows on the grid.
    pub fn line(&self) -> Style {
        if self.monochrome {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new().fg(self.line)
        }
    }

    /// Text with no role: the terminal's own colour.
    pub fn plain(&self) -> Style {
        Style::new()
    }

    pub fn banner(&self) -> Style {
        if self.monochrome {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new()
                .bg(self.banner)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        }
    }

    /// The header and status bar background.
    pub fn bar(&self) -> Style {
        if self.monochrome {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().bg(self.bar).fg(self.bar_text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_differ_by_symbol() {
        let all = [
            Some(Severity::Error),
            Some(Severity::Warning),
            Some(Severity::Advice),
            None,
        ];
        let symbols: std::collections::HashSet<_> = all.iter().map(|&s| marker(s)).collect();
        assert_eq!(symbols.len(), 4);
    }

    #[test]
    fn slots_are_settable_and_colours_checked() {
        let mut t = Theme::default();
        for slot in SLOTS {
            assert_eq!(t.set(slot, "#112233"), Ok(()), "{slot}");
        }
        assert!(t.set("error", "reddish").is_err());
        assert!(t.set("nope", "red").is_err());
        assert_eq!(t.error, Color::Rgb(0x11, 0x22, 0x33));
    }

    #[test]
    fn every_theme_is_named_and_none_uses_palette_colour_8() {
        for name in THEMES {
            let t = Theme::named(name).expect("a named theme");
            for c in [t.dim, t.border, t.line, t.accent] {
                assert_ne!(c, Color::DarkGray, "{name}");
                assert_ne!(c, Color::Indexed(8), "{name}");
            }
        }
        assert_eq!(Theme::named("High_Contrast"), Some(Theme::high_contrast()));
        assert!(Theme::named("solarized").is_none());
    }
}
