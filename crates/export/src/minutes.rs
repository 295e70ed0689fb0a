//! The workshop minutes: what the map's latest review decided, read from its `reviews`
//! section, in the terms people use (step titles and element names, not ids), shared by the
//! Markdown and HTML minutes.

use touchpoint_engine::journey::{Counts, Journey, Outcome, Review};

use super::{ExportContext, ExportError};

/// One decision, as the minutes show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The step's title (its id when the step has gone since).
    pub step: String,
    pub channel: Option<String>,
    /// The element's name (its id when it has left the catalogue).
    pub element: String,
    pub outcome: Outcome,
    pub note: Option<String>,
    pub owner: Option<String>,
    pub due: Option<String>,
}

/// The minutes of one review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minutes<'a> {
    pub title: &'a str,
    pub source: &'a str,
    pub review: Option<&'a Review>,
    /// How many reviews came before it.
    pub earlier: usize,
    pub items: Vec<Item>,
}

fn item(journey: &Journey, d: &touchpoint_engine::journey::ReviewDecision) -> Item {
    let step = journey.step(&d.step);
    Item {
        step: step.map_or_else(|| d.step.clone(), |s| s.title.clone()),
        channel: step.map(|s| journey.channel_name(&s.channel).to_string()),
        element: journey
            .element(&d.element)
            .map_or_else(|| d.element.clone(), |e| e.name.clone()),
        outcome: d.outcome,
        note: d.note.clone(),
        owner: d.owner.clone(),
        due: d.due.clone(),
    }
}

impl<'a> Minutes<'a> {
    /// The minutes of the map's latest review (none recorded: `review` is `None`); with
    /// `--stage`, only its decisions about steps of that stage.
    pub fn new(ctx: &ExportContext<'a>) -> Result<Minutes<'a>, ExportError> {
        let journey = ctx.journey;
        let only = ctx
            .stage_filter()?
            .and_then(|s| journey.stages.get(s))
            .map(|s| s.id.as_str());
        let review = journey.reviews.last();
        let in_stage = |d: &&touchpoint_engine::journey::ReviewDecision| {
            only.is_none_or(|stage| journey.step(&d.step).is_some_and(|s| s.stage == stage))
        };
        Ok(Minutes {
            title: &journey.meta.title,
            source: ctx.source,
            review,
            earlier: journey.reviews.len().saturating_sub(1),
            items: review
                .map(|r| {
                    r.decisions
                        .iter()
                        .filter(in_stage)
                        .map(|d| item(journey, d))
                        .collect()
                })
                .unwrap_or_default(),
        })
    }

    /// The decisions with `outcome`.
    pub fn with(&self, outcome: Outcome) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.outcome == outcome)
    }

    /// " (after 2 earlier reviews)", or nothing for the first review.
    pub fn after_earlier(&self) -> String {
        match self.earlier {
            0 => String::new(),
            1 => " (after one earlier review)".to_string(),
            n => format!(" (after {n} earlier reviews)"),
        }
    }

    /// The review's participants, each written by `escape`, or "not recorded".
    pub fn participants(&self, escape: impl Fn(&str) -> String) -> String {
        let people: Vec<String> = self
            .review
            .map(|r| r.participants.iter().map(|p| escape(p)).collect())
            .unwrap_or_default();
        if people.is_empty() {
            "not recorded".to_string()
        } else {
            people.join(", ")
        }
    }

    /// "3 justified · 2 dropped · 1 deferred", outcomes that occur only.
    pub fn tally(&self) -> String {
        let parts: Vec<String> = Outcome::ALL
            .iter()
            .map(|&o| (o, self.with(o).count()))
            .filter(|(_, n)| *n > 0)
            .map(|(o, n)| format!("{n} {}", o.label()))
            .collect();
        if parts.is_empty() {
            "no decision".to_string()
        } else {
            parts.join(" · ")
        }
    }
}

/// "2 errors, 6 warnings, 6 advice".
pub fn counts(c: &Counts) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {}, {} advice",
        plural(c.error, "error"),
        plural(c.warning, "warning"),
        c.advice
    )
}
