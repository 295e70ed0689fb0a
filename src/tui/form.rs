//! The forms that edit a collection, a step, a flow's label and the catalogue: one field a
//! line, free text typed in a text field, closed sets (lawful bases, elements, systems…)
//! picked from a list narrowed by typing. A form holds plain values; what they become is
//! checked by the engine's editing session when the form is applied.

use petgraph::stable_graph::NodeIndex;
use ratatui_textarea::TextArea;
use serde::de::DeserializeOwned;

use super::picker::{Choice, Picker};
use touchpoint_engine::edit::variant_names;
use touchpoint_engine::journey::{
    Actor, Allow, Channel, Collection, Condition, ConsentMethod, DataElement, Flow, Journey,
    LawfulBasis, Method, Outcome, Sensitivity, Stage, Step, System,
};

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Text(String),
    /// One of a closed set, by value (empty: none).
    One(String),
    Many(Vec<String>),
    Toggle(bool),
}

/// How a field is edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// One line of text.
    Line,
    /// Lines of text (Enter starts a new line).
    Lines,
    /// One of `options`; `optional` adds "none"; `create` offers to make a new one.
    One {
        options: Vec<Choice>,
        optional: bool,
        create: Option<&'static str>,
    },
    /// Any number of `options`.
    Many(Vec<Choice>),
    Toggle,
}

/// One line of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    /// The map's name for it (`purpose`), which is also how the form reads it back.
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub value: Value,
    /// A few words on what to write.
    pub hint: &'static str,
}

/// What a form edits (`None` index or step: a new one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Collection {
        step: NodeIndex,
        index: Option<usize>,
    },
    Step {
        step: Option<NodeIndex>,
        position: usize,
    },
    Flow {
        index: usize,
    },
    Channel(Option<usize>),
    Stage(Option<usize>),
    System(Option<usize>),
    Element(Option<usize>),
    /// The map written under another name.
    SaveAs,
    /// The map exported in format `id`.
    Export(&'static str),
    /// The review's date and who takes part, before its first question.
    ReviewStart,
    /// The review's answer to the question on screen, with its note (and what it needs:
    /// a repeat reason, an owner and a due date).
    Decision(Outcome),
}

/// A field being changed.
#[derive(Debug, Clone)]
pub(crate) enum Editing {
    Text(Box<TextArea<'static>>),
    Pick(Picker),
    /// A data element made from the element picker: its category is picked next.
    NewElement {
        name: String,
        picker: Picker,
    },
}

/// A form on screen.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    pub title: String,
    pub target: Target,
    pub fields: Vec<Field>,
    pub cursor: usize,
    pub editing: Option<Editing>,
    /// Why the last attempt to apply it was refused.
    pub error: Option<String>,
    /// The values as the form opened, to tell whether closing it loses anything.
    initial: Vec<Value>,
}

/// Every variant of enum `T` as a choice, labelled by `label`.
fn variants<T: DeserializeOwned + Copy>(
    label: impl Fn(T) -> String,
    detail: impl Fn(T) -> String,
) -> Vec<Choice> {
    variant_names::<T>()
        .iter()
        .filter_map(|name| {
            ron::from_str::<T>(name)
                .ok()
                .map(|v| Choice::new(*name, label(v), detail(v)))
        })
        .collect()
}

/// The name a map writes for `value` (`Contract`).
fn variant_name<T: serde::Serialize>(value: T) -> String {
    ron::to_string(&value).unwrap_or_default()
}

fn text(key: &'static str, label: &'static str, value: Option<&str>, hint: &'static str) -> Field {
    Field {
        key,
        label,
        kind: Kind::Line,
        value: Value::Text(value.unwrap_or_default().to_string()),
        hint,
    }
}

fn lines(key: &'static str, label: &'static str, value: String, hint: &'static str) -> Field {
    Field {
        key,
        label,
        kind: Kind::Lines,
        value: Value::Text(value),
        hint,
    }
}

fn one(
    key: &'static str,
    label: &'static str,
    options: Vec<Choice>,
    value: String,
    optional: bool,
    hint: &'static str,
) -> Field {
    Field {
        key,
        label,
        kind: Kind::One {
            options,
            optional,
            create: None,
        },
        value: Value::One(value),
        hint,
    }
}

/// Suppressions as a person reads and writes them: `rule: reason`, one a line.
fn allows_text(allows: &[Allow]) -> String {
    allows
        .iter()
        .map(|a| format!("{}: {}", a.rule, a.reason))
        .collect::<Vec<_>>()
        .join("\n")
}

fn allows_of(text: &str) -> Result<Vec<Allow>, String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| match l.split_once(':') {
            Some((rule, reason)) => Ok(Allow {
                rule: rule.trim().to_string(),
                reason: reason.trim().to_string(),
            }),
            None => Err(format!(
                "write a suppression as `rule: reason`, not \u{201c}{}\u{201d}",
                l.trim()
            )),
        })
        .collect()
}

fn systems(journey: &Journey) -> Vec<Choice> {
    journey
        .systems
        .iter()
        .map(|s| Choice::new(&s.id, &s.name, s.processor.as_deref().unwrap_or("")))
        .collect()
}

/// The other organisations of the map, with their kind.
fn parties(journey: &Journey) -> Vec<Choice> {
    journey
        .parties
        .iter()
        .map(|p| Choice::new(&p.id, &p.name, p.kind.label()))
        .collect()
}

/// The people besides the customer whom data can be about.
fn subjects(journey: &Journey) -> Vec<Choice> {
    journey
        .subjects
        .iter()
        .map(|s| Choice::new(&s.id, &s.name, ""))
        .collect()
}

impl Form {
    fn new(title: String, target: Target, fields: Vec<Field>) -> Form {
        let initial = fields.iter().map(|f| f.value.clone()).collect();
        let mut form = Form {
            title,
            target,
            fields,
            cursor: 0,
            editing: None,
            error: None,
            initial,
        };
        // A form of one line of text (a flow's label, a file name) opens ready for typing.
        if let [
            Field {
                kind: Kind::Line, ..
            },
        ] = form.fields.as_slice()
        {
            form.begin();
        }
        form
    }

    /// A form asking for a file name (to save or export to), `default` filled in.
    pub(crate) fn file(title: String, target: Target, default: &str, hint: &'static str) -> Form {
        Form::new(
            title,
            target,
            vec![text("file", "file", Some(default), hint)],
        )
    }

    /// The form that starts a review: its date and who takes part.
    pub(crate) fn review_start(date: &str, participants: &str) -> Form {
        Form::new(
            "Start the review".into(),
            Target::ReviewStart,
            vec![
                text("date", "date", Some(date), "the meeting's date, YYYY-MM-DD"),
                text(
                    "participants",
                    "who takes part",
                    Some(participants),
                    "names, separated by commas (kept in the map with the decisions)",
                ),
            ],
        )
    }

    /// The form of an answer in the review: a note, and what the answer needs.
    pub(crate) fn decision(
        outcome: Outcome,
        title: String,
        repeat_reason: Option<&str>,
        due: &str,
    ) -> Form {
        let mut fields = Vec::new();
        match outcome {
            Outcome::KeptRepeat => fields.push(text(
                "repeat_reason",
                "why again",
                repeat_reason,
                "why asking again here is deliberate (written into the collection)",
            )),
            Outcome::Deferred => {
                fields.push(text("owner", "owner", None, "who will do it"));
                fields.push(text("due", "due", Some(due), "by when, YYYY-MM-DD"));
            }
            Outcome::Justified | Outcome::Dropped | Outcome::Skipped => {}
        }
        fields.push(text(
            "note",
            "note",
            None,
            "a short note for the minutes (may stay empty)",
        ));
        Form::new(title, Target::Decision(outcome), fields)
    }

    /// An optional text field's value: `None` when left empty.
    pub(crate) fn optional_value(&self, key: &str) -> Option<String> {
        self.optional(key)
    }

    /// Whether any field differs from what it held when the form opened.
    pub(crate) fn changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.initial)
            .any(|(f, v)| &f.value != v)
    }

    /// The field under the cursor.
    pub(crate) fn field(&self) -> Option<&Field> {
        self.fields.get(self.cursor)
    }

    /// Sets the value of the field under the cursor.
    pub(crate) fn set(&mut self, value: Value) {
        if let Some(f) = self.fields.get_mut(self.cursor) {
            f.value = value;
        }
    }

    /// Starts changing the field under the cursor: a text field, or a list to pick from. A
    /// yes/no field is turned at once.
    pub(crate) fn begin(&mut self) {
        let Some(field) = self.fields.get_mut(self.cursor) else {
            return;
        };
        self.editing = match (&field.kind, &field.value) {
            (Kind::Line | Kind::Lines, Value::Text(t)) => {
                Some(Editing::Text(Box::new(text_area(t))))
            }
            (
                Kind::One {
                    options,
                    optional,
                    create,
                },
                Value::One(v),
            ) => {
                let mut choices = Vec::with_capacity(options.len() + 1);
                if *optional {
                    choices.push(Choice::new("", "none", "not given"));
                }
                choices.extend(options.iter().cloned());
                let mut picker = Picker::new(field.label, choices).at(v);
                if let Some(label) = create {
                    picker = picker.creating(*label);
                }
                Some(Editing::Pick(picker))
            }
            (Kind::Many(options), Value::Many(vs)) => Some(Editing::Pick(
                Picker::new(field.label, options.clone()).many(vs),
            )),
            (Kind::Toggle, Value::Toggle(b)) => {
                field.value = Value::Toggle(!*b);
                None
            }
            _ => None,
        };
    }

    /// Turns the yes/no field under the cursor.
    pub(crate) fn toggle(&mut self) {
        if let Some(Field {
            kind: Kind::Toggle,
            value: Value::Toggle(b),
            ..
        }) = self.fields.get_mut(self.cursor)
        {
            *b = !*b;
        }
    }

    /// Ends the text being typed into the field under the cursor, keeping it.
    pub(crate) fn keep_text(&mut self) {
        let Some(Editing::Text(area)) = self.editing.take() else {
            return;
        };
        let multiline = matches!(self.field().map(|f| &f.kind), Some(Kind::Lines));
        let separator = if multiline { "\n" } else { " " };
        let text = unescape_controls(&area.lines().join(separator));
        self.set(Value::Text(text));
    }

    /// Adds a choice to the options of field `key` (a data element made from the form).
    pub(crate) fn add_option(&mut self, key: &str, choice: Choice) {
        if let Some(Field {
            kind: Kind::One { options, .. },
            ..
        }) = self.fields.iter_mut().find(|f| f.key == key)
        {
            options.push(choice);
        }
    }

    /// The form for collection `index` of step `step`, or a new collection there.
    pub(crate) fn collection(journey: &Journey, step: NodeIndex, index: Option<usize>) -> Form {
        let empty = Collection::default();
        let col = index
            .and_then(|i| journey.graph[step].collects.get(i))
            .unwrap_or(&empty);
        let elements = journey
            .elements
            .iter()
            .map(|e| Choice::new(&e.id, &e.name, &e.category))
            .collect();
        let bases = variants::<LawfulBasis>(|b| b.label().to_string(), |b| b.article().to_string());
        let conditions =
            variants::<Condition>(|c| c.label().to_string(), |c| c.article().to_string());
        let methods = variants::<Method>(|m| m.label().to_string(), |_| String::new());
        let consents = variants::<ConsentMethod>(
            |c| c.label().to_string(),
            |c| {
                if c.is_affirmative() {
                    String::new()
                } else {
                    "not valid consent".to_string()
                }
            },
        );
        let title = match index {
            Some(_) => format!(
                "Data collected at \u{201c}{}\u{201d}",
                journey.graph[step].title
            ),
            None => format!(
                "New data collected at \u{201c}{}\u{201d}",
                journey.graph[step].title
            ),
        };
        let fields = vec![
            Field {
                key: "element",
                label: "data",
                kind: Kind::One {
                    options: elements,
                    optional: false,
                    create: Some("new data element"),
                },
                value: Value::One(col.element.clone()),
                hint: "the data element taken (type to find it, or to name a new one)",
            },
            text(
                "purpose",
                "purpose",
                col.purpose.as_deref(),
                "why it is taken here, in words the customer would accept",
            ),
            text(
                "data_use",
                "data use",
                col.data_use.as_deref(),
                "a fideslang data use, e.g. essential.service.payment_processing",
            ),
            one(
                "basis",
                "basis",
                bases,
                col.basis.map(variant_name).unwrap_or_default(),
                true,
                "the Art. 6(1) lawful basis",
            ),
            one(
                "condition",
                "condition",
                conditions,
                col.condition.map(variant_name).unwrap_or_default(),
                true,
                "the Art. 9(2) condition for special-category data, or Art. 10",
            ),
            text(
                "retention",
                "retention",
                col.retention.as_deref(),
                "how long it is kept, and from when",
            ),
            text(
                "benefit",
                "benefit",
                col.benefit.as_deref(),
                "what the customer gets from giving it",
            ),
            one(
                "method",
                "how taken",
                methods,
                variant_name(col.method),
                false,
                "asked, verified and discarded, observed…",
            ),
            one(
                "consent",
                "consent by",
                consents,
                col.consent.map(variant_name).unwrap_or_default(),
                true,
                "how consent is obtained, when the basis is consent",
            ),
            Field {
                key: "optional",
                label: "optional",
                kind: Kind::Toggle,
                value: Value::Toggle(col.optional),
                hint: "the customer may skip it",
            },
            one(
                "about",
                "about",
                subjects(journey),
                col.about.clone().unwrap_or_default(),
                true,
                "whom it is about, when not the customer (a `subjects` entry)",
            ),
            one(
                "source",
                "source",
                parties(journey),
                col.source.clone().unwrap_or_default(),
                true,
                "the organisation it comes from, for third-party data (Art. 14)",
            ),
            Field {
                key: "shared_with",
                label: "shared with",
                kind: Kind::Many(parties(journey)),
                value: Value::Many(col.shared_with.clone()),
                hint: "organisations it is disclosed to (Space marks, Enter keeps)",
            },
            Field {
                key: "stored_in",
                label: "stored in",
                kind: Kind::Many(systems(journey)),
                value: Value::Many(col.stored_in.clone()),
                hint: "the systems it is kept in (Space marks, Enter keeps)",
            },
            text(
                "repeat_reason",
                "repeat",
                col.repeat_reason.as_deref(),
                "why asking again here is deliberate, if it is asked before",
            ),
            lines(
                "allow",
                "suppress",
                allows_text(&col.allow),
                "rule: reason, one a line",
            ),
            // Last, so the fields people fill most keep their places in the form.
            text(
                "activity",
                "activity",
                col.activity.as_deref(),
                "the record of processing's activity, e.g. Returns and refunds (else by purpose)",
            ),
        ];
        Form::new(title, Target::Collection { step, index }, fields)
    }

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
                let word = super::theme::emotion_word(e);
                Choice::new(
                    e.to_string(),
                    format!("{} {word}", super::theme::emotion_glyph(e)),
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

    /// The form for channel `index`, or a new one.
    pub(crate) fn channel(journey: &Journey, index: Option<usize>) -> Form {
        let empty = Channel::default();
        let c = index
            .and_then(|i| journey.channels.get(i))
            .unwrap_or(&empty);
        let fields = vec![
            text(
                "name",
                "name",
                Some(&c.name),
                "the channel as customers know it",
            ),
            text(
                "id",
                "id",
                Some(&c.id),
                "a short name steps use; made from the name when left empty",
            ),
            Field {
                key: "reads",
                label: "reads",
                kind: Kind::Many(systems(journey)),
                value: Value::Many(c.reads.clone()),
                hint: "systems whose records this channel can read, so it need not ask again",
            },
        ];
        let title = if index.is_some() {
            "Channel"
        } else {
            "New channel"
        };
        Form::new(title.to_string(), Target::Channel(index), fields)
    }

    /// The form for stage `index`, or a new one.
    pub(crate) fn stage(journey: &Journey, index: Option<usize>) -> Form {
        let empty = Stage::default();
        let s = index.and_then(|i| journey.stages.get(i)).unwrap_or(&empty);
        let fields = vec![
            text("name", "name", Some(&s.name), "the stage of the journey"),
            text(
                "id",
                "id",
                Some(&s.id),
                "a short name steps use; made from the name when left empty",
            ),
        ];
        let title = if index.is_some() {
            "Stage"
        } else {
            "New stage"
        };
        Form::new(title.to_string(), Target::Stage(index), fields)
    }

    /// The form for system `index`, or a new one.
    pub(crate) fn system(journey: &Journey, index: Option<usize>) -> Form {
        let empty = System::default();
        let s = index.and_then(|i| journey.systems.get(i)).unwrap_or(&empty);
        let fields = vec![
            text(
                "name",
                "name",
                Some(&s.name),
                "the system where data is kept",
            ),
            text(
                "id",
                "id",
                Some(&s.id),
                "a short name collections use; made from the name when left empty",
            ),
            text(
                "processor",
                "processor",
                s.processor.as_deref(),
                "who runs it, when not the controller (Art. 28)",
            ),
            text(
                "third_country",
                "country",
                s.third_country.as_deref(),
                "a country outside the EEA the data goes to",
            ),
            text(
                "safeguards",
                "safeguards",
                s.safeguards.as_deref(),
                "for that transfer (Art. 46)",
            ),
            lines(
                "security",
                "security",
                s.security.clone().unwrap_or_default(),
                "its security measures (Art. 32)",
            ),
            text(
                "retention",
                "retention",
                s.retention.as_deref(),
                "how long it keeps data, unless a collection says otherwise",
            ),
        ];
        let title = if index.is_some() {
            "System"
        } else {
            "New system"
        };
        Form::new(title.to_string(), Target::System(index), fields)
    }

    /// The form for data element `index`, or a new one.
    pub(crate) fn element(journey: &Journey, index: Option<usize>) -> Form {
        let empty = DataElement::default();
        let e = index
            .and_then(|i| journey.elements.get(i))
            .unwrap_or(&empty);
        let sensitivities = variants::<Sensitivity>(|s| s.label().to_string(), |_| String::new());
        let fields = vec![
            text("name", "name", Some(&e.name), "the data as people say it"),
            text(
                "id",
                "id",
                Some(&e.id),
                "a short name collections use; made from the name when left empty",
            ),
            Field {
                key: "category",
                label: "category",
                kind: Kind::One {
                    options: categories(journey),
                    optional: false,
                    create: Some("category"),
                },
                value: Value::One(e.category.clone()),
                hint: "a fideslang data category, e.g. user.contact.email",
            },
            lines(
                "description",
                "description",
                e.description.clone().unwrap_or_default(),
                "what it holds",
            ),
            one(
                "sensitivity",
                "class",
                sensitivities,
                e.sensitivity.map(variant_name).unwrap_or_default(),
                true,
                "only where the category does not say it",
            ),
            lines(
                "allow",
                "suppress",
                allows_text(&e.allow),
                "rule: reason, one a line",
            ),
        ];
        let title = if index.is_some() {
            "Data element"
        } else {
            "New data element"
        };
        Form::new(title.to_string(), Target::Element(index), fields)
    }

    /// The value of field `key`, as text.
    pub(crate) fn value(&self, key: &str) -> String {
        self.text_of(key)
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.fields.iter().find(|f| f.key == key).map(|f| &f.value)
    }

    fn text_of(&self, key: &str) -> String {
        match self.get(key) {
            Some(Value::Text(t)) => t.clone(),
            Some(Value::One(v)) => v.clone(),
            _ => String::new(),
        }
    }

    /// An optional text: `None` when left empty.
    fn optional(&self, key: &str) -> Option<String> {
        let t = self.text_of(key);
        (!t.trim().is_empty()).then_some(t)
    }

    fn many(&self, key: &str) -> Vec<String> {
        match self.get(key) {
            Some(Value::Many(v)) => v.clone(),
            _ => Vec::new(),
        }
    }

    fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some(Value::Toggle(true)))
    }

    /// A closed-set value read back as its enum (`None` when none is chosen).
    fn variant<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, String> {
        let v = self.text_of(key);
        if v.is_empty() {
            return Ok(None);
        }
        ron::from_str(&v)
            .map(Some)
            .map_err(|_| format!("`{v}` is not a choice for {key}"))
    }

    /// The collection the form describes, on top of `base` (fields the form does not show
    /// are kept).
    pub(crate) fn to_collection(&self, base: Collection) -> Result<Collection, String> {
        let mut v = base;
        v.element = self.text_of("element");
        v.purpose = self.optional("purpose");
        v.activity = self.optional("activity");
        v.data_use = self.optional("data_use");
        v.basis = self.variant("basis")?;
        v.condition = self.variant("condition")?;
        v.retention = self.optional("retention");
        v.benefit = self.optional("benefit");
        v.method = self.variant("method")?.unwrap_or_default();
        v.consent = self.variant("consent")?;
        v.optional = self.flag("optional");
        v.about = self.optional("about");
        v.source = self.optional("source");
        v.shared_with = self.many("shared_with");
        v.stored_in = self.many("stored_in");
        v.repeat_reason = self.optional("repeat_reason");
        v.allow = allows_of(&self.text_of("allow"))?;
        Ok(v)
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

    /// The id a catalogue form gives: as written, or made from the name.
    fn id_or(&self, id: impl FnOnce(&str) -> String) -> String {
        let written = self.text_of("id");
        if written.trim().is_empty() {
            id(&self.text_of("name"))
        } else {
            written.trim().to_string()
        }
    }

    pub(crate) fn to_channel(&self, base: Channel, id: impl FnOnce(&str) -> String) -> Channel {
        let mut v = base;
        v.id = self.id_or(id);
        v.name = self.text_of("name");
        v.reads = self.many("reads");
        v
    }

    pub(crate) fn to_stage(&self, base: Stage, id: impl FnOnce(&str) -> String) -> Stage {
        let mut v = base;
        v.id = self.id_or(id);
        v.name = self.text_of("name");
        v
    }

    pub(crate) fn to_system(&self, base: System, id: impl FnOnce(&str) -> String) -> System {
        let mut v = base;
        v.id = self.id_or(id);
        v.name = self.text_of("name");
        v.processor = self.optional("processor");
        v.third_country = self.optional("third_country");
        v.safeguards = self.optional("safeguards");
        v.security = self.optional("security");
        v.retention = self.optional("retention");
        v
    }

    pub(crate) fn to_element(
        &self,
        base: DataElement,
        id: impl FnOnce(&str) -> String,
    ) -> Result<DataElement, String> {
        let mut v = base;
        v.id = self.id_or(id);
        v.name = self.text_of("name");
        v.category = self.text_of("category");
        v.description = self.optional("description");
        v.sensitivity = self.variant("sensitivity")?;
        v.allow = allows_of(&self.text_of("allow"))?;
        Ok(v)
    }
}

/// The data categories to offer: those the map already uses, then fideslang's common ones.
pub(crate) fn categories(journey: &Journey) -> Vec<Choice> {
    let mut keys: Vec<String> = journey
        .elements
        .iter()
        .map(|e| e.category.clone())
        .collect();
    for common in COMMON_CATEGORIES {
        keys.push((*common).to_string());
    }
    let mut seen = std::collections::HashSet::new();
    keys.retain(|k| !k.is_empty() && seen.insert(k.clone()));
    keys.into_iter()
        .map(|k| Choice::new(k.clone(), k, ""))
        .collect()
}

/// Fideslang categories people reach for first.
const COMMON_CATEGORIES: &[&str] = &[
    "user.name",
    "user.contact.email",
    "user.contact.phone_number",
    "user.contact.address",
    "user.demographic.date_of_birth",
    "user.financial.bank_account",
    "user.payment",
    "user.government_id",
    "user.unique_id",
    "user.account",
    "user.authorization.credentials",
    "user.location",
    "user.device",
    "user.content",
    "user.health_and_medical",
    "user.biometric",
    "user.criminal_history",
];

/// A value for showing in a form's line: the choice's label, several joined, yes/no.
pub(crate) fn shown(field: &Field) -> String {
    match (&field.kind, &field.value) {
        (Kind::One { options, .. }, Value::One(v)) => {
            if v.is_empty() {
                return String::new();
            }
            options
                .iter()
                .find(|c| &c.value == v)
                .map_or_else(|| v.clone(), |c| c.label.clone())
        }
        (Kind::Many(options), Value::Many(vs)) => vs
            .iter()
            .map(|v| {
                options
                    .iter()
                    .find(|c| &c.value == v)
                    .map_or_else(|| v.clone(), |c| c.label.clone())
            })
            .collect::<Vec<_>>()
            .join(", "),
        (_, Value::Toggle(b)) => if *b { "yes" } else { "no" }.to_string(),
        (_, Value::Text(t)) => t.clone(),
        (_, Value::One(v)) => v.clone(),
        (_, Value::Many(v)) => v.join(", "),
    }
}

/// A text field holding `value`: control characters shown escaped (`\u{1b}`), so that they
/// never reach the terminal, and read back by [`unescape_controls`].
pub(crate) fn text_area(value: &str) -> TextArea<'static> {
    let shown: String = value
        .chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect();
    let mut area = TextArea::new(shown.split('\n').map(str::to_string).collect());
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// The text of a text field, control characters written `\u{..}` made real again.
pub(crate) fn unescape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let decoded = after.find('}').and_then(|end| {
            let c = u32::from_str_radix(&after[..end], 16)
                .ok()
                .and_then(char::from_u32)?;
            c.is_control().then_some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str("\\u{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_escaped_and_read_back() {
        let area = text_area("a\u{1b}[2Jb\tc");
        assert_eq!(area.lines(), ["a\\u{1b}[2Jb\\u{9}c"]);
        assert_eq!(
            unescape_controls(&area.lines().join("\n")),
            "a\u{1b}[2Jb\tc"
        );
        assert_eq!(
            unescape_controls("not \\u{41} a control, \\u{zz"),
            "not \\u{41} a control, \\u{zz"
        );
    }

    #[test]
    fn suppressions_are_rule_colon_reason_lines() {
        let allows =
            allows_of("certain-repeat: SCA before a payment\n\nTP005: kept by law").expect("reads");
        assert_eq!(allows.len(), 2);
        assert_eq!(allows[1].rule, "TP005");
        assert_eq!(
            allows_text(&allows),
            "certain-repeat: SCA before a payment\nTP005: kept by law"
        );
        assert!(allows_of("no colon here").is_err());
    }

    /// Every collection and step of a map, opened in its form and applied unchanged, comes
    /// back equal: the fields the forms show read back as they were, and the ones they do
    /// not (decisions, masked fields, flow cases) are kept.
    #[test]
    fn forms_give_back_every_field_of_the_example_maps() {
        for text in [
            include_str!("../../maps/bank-account-opening.ron"),
            include_str!("../../maps/broadband-fault.ron"),
            include_str!("../../maps/online-shopping-returns.ron"),
        ] {
            let map = touchpoint_engine::mapfile::load_str("m.ron", text.to_string())
                .expect("the example loads");
            let j = &map.journey;
            for (ix, step) in j.steps() {
                let form = Form::step(j, Some(ix), (&step.channel, &step.stage), 0);
                let back = form
                    .to_step(step.clone(), |_| String::new())
                    .expect("reads back");
                assert_eq!(&back, step);
                for (c, col) in step.collects.iter().enumerate() {
                    let form = Form::collection(j, ix, Some(c));
                    let back = form
                        .to_collection(Collection::default())
                        .expect("reads back");
                    assert_eq!(&back.consent, &col.consent, "{}", step.id);
                    assert_eq!(&back.about, &col.about, "{}", step.id);
                    assert_eq!(&back.source, &col.source, "{}", step.id);
                    assert_eq!(&back.shared_with, &col.shared_with, "{}", step.id);
                    let kept = form.to_collection(col.clone()).expect("reads back");
                    assert_eq!(&kept, col, "{}", step.id);
                }
            }
            for (i, system) in j.systems.iter().enumerate() {
                let form = Form::system(j, Some(i));
                assert_eq!(&form.to_system(system.clone(), |_| String::new()), system);
            }
        }
    }

    #[test]
    fn the_step_form_turns_keeps_nothing_on_and_off() {
        let map = touchpoint_engine::mapfile::load_str(
            "m.ron",
            include_str!("../../maps/broadband-fault.ron").to_string(),
        )
        .expect("loads");
        let j = &map.journey;
        let (ix, step) = j.steps().next().expect("a step");
        let mut form = Form::step(j, Some(ix), (&step.channel, &step.stage), 0);
        let field = form
            .fields
            .iter_mut()
            .find(|f| f.key == "lost_if_abandoned")
            .expect("the field");
        field.value = Value::Toggle(true);
        let back = form
            .to_step(step.clone(), |_| String::new())
            .expect("reads back");
        assert!(back.lost_if_abandoned);
    }
}
