//! The forms of a step (title, place, actor, texts, entry, suppressions) and of a flow's
//! label.

use super::*;

impl Form {
    /// The form for step `step`, or a new step in `channel` and `stage` written at
    /// `position` in the file.
    pub(crate) fn step(
        journey: &Journey,
        step: Option<NodeIndex>,
        place: (&str, &str),
        position: usize,
    ) -> Form {
        let new = Step {
            channel: place.0.to_string(),
            stage: place.1.to_string(),
            ..Step::default()
        };
        let s = step.map_or(&new, |ix| &journey.graph[ix]);
        let channels = journey
            .channels
            .iter()
            .map(|c| Choice::new(&c.id, &c.name, ""))
            .collect();
        let stages = journey
            .stages
            .iter()
            .map(|s| Choice::new(&s.id, &s.name, ""))
            .collect();
        let actors = variants::<Actor>(|a| a.label().to_string(), |_| String::new());
        let emotions = (-2..=2)
            .map(|e: i8| {
                let word = crate::tui::theme::emotion_word(e);
                Choice::new(
                    e.to_string(),
                    format!("{} {word}", crate::tui::theme::emotion_glyph(e)),
                    "",
                )
            })
            .collect();
        let title = match step {
            Some(_) => format!("Step \u{201c}{}\u{201d}", s.title),
            None => "New step".to_string(),
        };
        let fields = vec![
            text(
                "title",
                "title",
                Some(&s.title),
                "what the customer does or meets here",
            ),
            text(
                "id",
                "id",
                Some(&s.id),
                "a short name flows use; made from the title when left empty",
            ),
            one(
                "channel",
                "channel",
                channels,
                s.channel.clone(),
                false,
                "where it happens",
            ),
            one(
                "stage",
                "stage",
                stages,
                s.stage.clone(),
                false,
                "when in the journey",
            ),
            one(
                "actor",
                "actor",
                actors,
                variant_name(s.actor),
                false,
                "who acts",
            ),
            one(
                "emotion",
                "feeling",
                emotions,
                s.emotion.to_string(),
                false,
                "how the customer feels",
            ),
            lines(
                "description",
                "description",
                s.description.clone().unwrap_or_default(),
                "what happens, for the room",
            ),
            lines(
                "pain_points",
                "pain points",
                s.pain_points.join("\n"),
                "one a line",
            ),
            lines(
                "notes",
                "notes",
                s.notes.clone().unwrap_or_default(),
                "anything else",
            ),
            Field {
                key: "entry",
                label: "entry",
                kind: Kind::Toggle,
                value: Value::Toggle(s.entry),
                hint: "customers start here",
            },
            Field {
                key: "lost_if_abandoned",
                label: "keeps nothing",
                kind: Kind::Toggle,
                value: Value::Toggle(s.lost_if_abandoned),
                hint: "what is typed here is lost if the customer leaves before the end",
            },
            lines(
                "allow",
                "suppress",
                allows_text(&s.allow),
                "rule: reason, one a line",
            ),
        ];
        Form::new(title, Target::Step { step, position }, fields)
    }

    /// The form for the label of flow `index`.
    pub(crate) fn flow(journey: &Journey, index: usize) -> Form {
        let flows = journey.flows();
        let f = flows.get(index).cloned().unwrap_or_default();
        let title = format!(
            "Flow \u{201c}{}\u{201d} \u{2192} \u{201c}{}\u{201d}",
            journey.step_title(&f.from),
            journey.step_title(&f.to)
        );
        let fields = vec![text(
            "label",
            "label",
            f.label.as_deref(),
            "when or why customers go this way",
        )];
        Form::new(title, Target::Flow { index }, fields)
    }

    /// The step the form describes, on top of `base`; `id` is what a left-empty id becomes.
    pub(crate) fn to_step(
        &self,
        base: Step,
        id: impl FnOnce(&str) -> String,
    ) -> Result<Step, String> {
        let title = self.text_of("title");
        let written = self.text_of("id");
        let emotion = self.text_of("emotion").parse().unwrap_or(0);
        Ok(Step {
            id: if written.trim().is_empty() {
                id(&title)
            } else {
                written.trim().to_string()
            },
            title,
            channel: self.text_of("channel"),
            stage: self.text_of("stage"),
            actor: self.variant("actor")?.unwrap_or_default(),
            emotion,
            description: self.optional("description"),
            pain_points: self
                .text_of("pain_points")
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.trim().to_string())
                .collect(),
            notes: self.optional("notes"),
            entry: self.flag("entry"),
            lost_if_abandoned: self.flag("lost_if_abandoned"),
            allow: allows_of(&self.text_of("allow"))?,
            ..base
        })
    }

    /// The flow the form describes, on top of `base`.
    pub(crate) fn to_flow(&self, base: Flow) -> Flow {
        let mut v = base;
        v.label = self.optional("label");
        v
    }
}
