//! The forms of the catalogue's entries: channels, stages, systems and data elements.

use super::*;

impl Form {
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
