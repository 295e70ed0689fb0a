//! The forms that edit a collection, a step, a flow's label and the catalogue: one field a
//! line, free text typed in a text field, closed sets (lawful bases, elements, systems…)
//! picked from a list narrowed by typing. A form holds plain values; what they become is
//! checked by the engine's editing session when the form is applied.

use petgraph::stable_graph::NodeIndex;
use ratatui_textarea::TextArea;
use serde::de::DeserializeOwned;

mod catalogue;
mod choices;
mod collection;
mod review;
mod step;

pub(crate) use choices::categories;
use choices::{parties, subjects, systems};

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
}

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
            include_str!("../../../maps/bank-account-opening.ron"),
            include_str!("../../../maps/broadband-fault.ron"),
            include_str!("../../../maps/online-shopping-returns.ron"),
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
            include_str!("../../../maps/broadband-fault.ron").to_string(),
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
