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
    "banner", "unhappy", "happy",
];

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
    pub dim: Color,
    /// The background of the error banner.
    pub banner: Color,
    pub unhappy: Color,
    pub happy: Color,
    /// No colour at all (`NO_COLOR`): styles keep only bold, reverse and dim.
    pub monochrome: bool,
}

impl Default for Theme {
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
            dim: Color::DarkGray,
            banner: Color::Red,
            unhappy: Color::LightRed,
            happy: Color::Green,
            monochrome: false,
        }
    }
}

impl Theme {
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
            "banner" => &mut self.banner,
            "unhappy" => &mut self.unhappy,
            "happy" => &mut self.happy,
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
            Style::new().bg(Color::Indexed(236)).fg(Color::Gray)
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
}
