//! The form of a collection: the data element and every field of its justification.

use super::*;

impl Form {
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
}
