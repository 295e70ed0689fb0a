//! The record of processing activities (GDPR Art. 30(1)) as data, for the Markdown, CSV and
//! HTML exports: one activity per `activity` the collections name, falling back to their
//! purpose (case and spacing ignored), so "Find the order to return" and "Find the online
//! order" are one activity once the map says they are.
//!
//! Each field holds what the map says and, where it says nothing, an explicit
//! [`Entry::Missing`] naming what is missing, so a reader sees the gap instead of a blank.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use touchpoint_engine::analysis::duties::{self, Retention, Transfer};
use touchpoint_engine::analysis::is_placeholder;
use touchpoint_engine::analysis::purpose::{self, PurposeKey};
use touchpoint_engine::inventory::{Inventory, Row};
use touchpoint_engine::journey::{
    Decision, Journey, Method, Party, Sensitivity, System, Transfers,
};

use super::ExportContext;

/// One statement in a field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Entry {
    /// What the map states.
    Given(String),
    /// What the map should state and does not.
    Missing(String),
    /// A remark, e.g. "none recorded".
    Note(String),
}

impl Entry {
    /// The entry as text, e.g. "missing: retention of Date of birth".
    pub fn text(&self) -> String {
        match self {
            Entry::Given(s) | Entry::Note(s) => s.clone(),
            Entry::Missing(s) if s.is_empty() => "missing".to_string(),
            Entry::Missing(s) => format!("missing: {s}"),
        }
    }
}

/// One field of the record, with the article that asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    /// E.g. "Art. 30(1)(b)".
    pub article: &'static str,
    pub entries: Vec<Entry>,
}

impl Field {
    fn new(name: &'static str, article: &'static str, entries: Vec<Entry>) -> Field {
        Field {
            name,
            article,
            entries,
        }
    }

    /// The entries joined with "; ".
    pub fn text(&self) -> String {
        self.entries
            .iter()
            .map(Entry::text)
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn is_missing(&self) -> bool {
        self.entries.iter().any(|e| matches!(e, Entry::Missing(_)))
    }
}

/// One processing activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    /// The activity as first written, else the purpose, or a note that neither is stated.
    pub name: String,
    /// Art. 30(1)(b) to (g) and the lawful basis, in the order the record lists them.
    pub fields: Vec<Field>,
    /// Where the data is collected: "Step (Channel, Stage)".
    pub collected_at: Vec<String>,
    /// Rule codes of findings on these collections.
    pub findings: Vec<&'static str>,
}

/// The whole record: what it is and who keeps it, the controller, then the activities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub title: String,
    /// The record's owner, version (touchpoint's and the map's hash) and, only when asked
    /// for, its date: a record a DPO files says when, from what and by whom.
    pub about: Vec<Field>,
    /// Art. 30(1)(a).
    pub controller: Vec<Field>,
    pub activities: Vec<Activity>,
}

const NO_PURPOSE: &str = "(no purpose stated)";

/// The fields of each activity, with the articles that ask for them, in record order.
pub const ACTIVITY_FIELDS: [(&str, &str); 9] = [
    ("Purposes of the processing", "Art. 30(1)(b)"),
    ("Lawful basis and condition", "Art. 6(1), 9(2), 10"),
    ("Categories of data subjects", "Art. 30(1)(c)"),
    ("Categories of personal data", "Art. 30(1)(c)"),
    ("Categories of recipients", "Art. 30(1)(d)"),
    (
        "Transfers to third countries and safeguards",
        "Art. 30(1)(e)",
    ),
    ("Time limits for erasure", "Art. 30(1)(f)"),
    (
        "Technical and organisational security measures",
        "Art. 30(1)(g)",
    ),
    ("Automated decisions", "Art. 22"),
];

impl Record {
    pub fn new(ctx: &ExportContext<'_>, inventory: &Inventory<'_>) -> Record {
        let journey = ctx.journey;
        let only = ctx.stage_filter().ok().flatten();
        let rows: Vec<&Row<'_>> = inventory
            .rows
            .iter()
            .filter(|r| only.is_none() || journey.stage_index(r.stage) == only)
            .collect();
        // Group rows by activity where a collection names one (case and spacing ignored),
        // else by purpose (the engine's one definition of "the same purpose"), in order of
        // first appearance; collections with neither form one group.
        let mut groups: Vec<(String, Vec<&Row<'_>>)> = Vec::new();
        let mut index: HashMap<Group, usize> = HashMap::new();
        for row in rows {
            let i = *index.entry(group_of(row)).or_insert_with(|| {
                groups.push((name_of(row), Vec::new()));
                groups.len() - 1
            });
            groups[i].1.push(row);
        }
        Record {
            title: journey.meta.title.clone(),
            about: about(ctx),
            controller: controller(journey),
            activities: groups
                .into_iter()
                .map(|(name, rows)| activity(ctx, name, &rows))
                .collect(),
        }
    }
}

/// What a collection is grouped by: its activity, else its purpose.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Group {
    Activity(String),
    Purpose(Option<PurposeKey>),
}

/// The activity a collection names, when it names one that says something.
fn stated_activity<'r>(row: &Row<'r>) -> Option<&'r str> {
    row.detail
        .activity
        .as_deref()
        .filter(|a| !is_placeholder(Some(a)))
        .map(str::trim)
}

fn group_of(row: &Row<'_>) -> Group {
    match stated_activity(row) {
        Some(a) => Group::Activity(
            a.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
        ),
        None => Group::Purpose(purpose::key(row.detail)),
    }
}

/// The name of a collection's group, as first written: its activity, else its purpose, or a
/// note that neither is stated.
fn name_of(row: &Row<'_>) -> String {
    stated_activity(row)
        .or_else(|| purpose::label(row.detail))
        .map(|p| crate::escape::line(p).into_owned())
        .unwrap_or_else(|| NO_PURPOSE.to_string())
}

fn given_or_missing(value: Option<&str>, what: &str) -> Vec<Entry> {
    match value.filter(|v| !v.trim().is_empty()) {
        Some(v) => vec![Entry::Given(v.to_string())],
        None => vec![Entry::Missing(what.to_string())],
    }
}

/// The record's owner, what made it from which map, and its date when one was asked for.
fn about(ctx: &ExportContext<'_>) -> Vec<Field> {
    let org = ctx.journey.meta.organisation.as_ref();
    // No article lists these; the controller must be able to show its record is current (Art. 5(2)).
    let a = "Art. 5(2)";
    let mut version = format!("made by touchpoint {} from {}", crate::VERSION, ctx.source);
    if let Some(hash) = ctx.map_sha256() {
        version = format!("{version} (SHA-256 {hash})");
    }
    let mut fields = vec![
        Field::new(
            "Owner of the record",
            a,
            given_or_missing(
                org.and_then(|o| o.owner.as_deref()),
                "who keeps this record current (owner, under the map's organisation)",
            ),
        ),
        Field::new("Version", a, vec![Entry::Given(version)]),
    ];
    if let Some(date) = &ctx.options.date {
        fields.push(Field::new("Date", a, vec![Entry::Given(date.clone())]));
    }
    fields
}

fn controller(journey: &Journey) -> Vec<Field> {
    let org = journey.meta.organisation.as_ref();
    let a = "Art. 30(1)(a)";
    vec![
        Field::new(
            "Controller",
            a,
            given_or_missing(org.map(|o| o.controller.as_str()), ""),
        ),
        Field::new(
            "Controller's contact details",
            a,
            given_or_missing(org.and_then(|o| o.contact.as_deref()), ""),
        ),
        Field::new(
            "Data protection officer",
            a,
            given_or_missing(org.and_then(|o| o.dpo.as_deref()), ""),
        ),
        Field::new(
            "Representative in the EU",
            a,
            match org.and_then(|o| o.representative.as_deref()) {
                Some(r) if !r.trim().is_empty() => vec![Entry::Given(r.to_string())],
                _ => vec![Entry::Note(
                    "none named (needed only for a controller outside the EU)".to_string(),
                )],
            },
        ),
    ]
}

/// Entries kept once each, in the order first given. A set beside the list keeps adding
/// constant-time: a record of a 200,000-step map took minutes when each entry was looked for
/// in the list.
struct Unique<T> {
    list: Vec<T>,
    seen: HashSet<T>,
}

impl<T> Default for Unique<T> {
    fn default() -> Self {
        Unique {
            list: Vec::new(),
            seen: HashSet::new(),
        }
    }
}

impl<T: Clone + Eq + Hash> Unique<T> {
    fn push(&mut self, item: T) {
        if self.seen.insert(item.clone()) {
            self.list.push(item);
        }
    }

    fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// One activity: its fields gathered over the collections in `rows`.
fn activity(ctx: &ExportContext<'_>, name: String, rows: &[&Row<'_>]) -> Activity {
    let mut gathered = Gathered::default();
    if name == NO_PURPOSE {
        gathered.purposes.push(Entry::Missing(
            "no purpose, or only a placeholder, is stated for these collections".to_string(),
        ));
    }
    for row in rows {
        gathered.add(ctx, row);
    }
    let all_discarded = rows.iter().all(|r| r.detail.method == Method::Verified);
    let transfers_complete = ctx
        .journey
        .meta
        .organisation
        .as_ref()
        .is_some_and(|o| o.transfers == Transfers::OnlyThoseNamed);
    gathered.note_empty_fields(all_discarded, transfers_complete);
    gathered.into_activity(name, personas(ctx.journey))
}

/// The customers the record's data is about: the map's personas.
fn personas(journey: &Journey) -> Vec<Entry> {
    if journey.meta.personas.is_empty() {
        vec![Entry::Missing(
            "no personas (categories of data subjects) in the map".to_string(),
        )]
    } else {
        journey
            .meta
            .personas
            .iter()
            .map(|p| Entry::Given(p.clone()))
            .collect()
    }
}

/// One activity's entries, gathered collection by collection, each entry once.
#[derive(Default)]
struct Gathered {
    purposes: Unique<Entry>,
    bases: Unique<Entry>,
    /// Whether some collection is about the customer (no `about`).
    about_customers: bool,
    /// Other people the data is about (`about`).
    subjects: Unique<Entry>,
    categories: Unique<Entry>,
    recipients: Unique<Entry>,
    /// The controller's own systems (run by no processor) the data is kept in.
    own_systems: Unique<String>,
    transfers: Unique<Entry>,
    retention: Unique<Entry>,
    /// Each element's stated erasure limits in this activity, in order, each once, and
    /// whether the analysis finds them inconsistent (TP021): then the record shows them all
    /// as a conflict rather than choosing one.
    limits: Vec<(String, Unique<String>, bool)>,
    security: Unique<Entry>,
    decisions: Unique<Entry>,
    collected_at: Unique<String>,
    findings: Vec<&'static str>,
    /// Whether any collection names a system it is kept in.
    stored_anywhere: bool,
}

impl Gathered {
    /// What one collection adds to each field.
    fn add(&mut self, ctx: &ExportContext<'_>, row: &Row<'_>) {
        let journey = ctx.journey;
        let col = row.detail;
        // Each collection's own purpose: an activity may hold several.
        match col.purpose.as_deref().filter(|p| !is_placeholder(Some(p))) {
            Some(p) => self
                .purposes
                .push(Entry::Given(crate::escape::line(p.trim()).into_owned())),
            None if col.activity.is_some() => self.purposes.push(Entry::Missing(format!(
                "purpose of {} at “{}”",
                row.element_name, row.step_title
            ))),
            None => {}
        }
        if let Some(using) = col.data_use.as_deref().filter(|u| !is_placeholder(Some(u))) {
            self.purposes
                .push(Entry::Given(format!("data use `{using}`")));
        }
        let element = journey.element(row.element);
        let sensitivity = element.map_or(Sensitivity::Ordinary, |e| journey.sensitivity(e));
        self.add_basis(ctx, row);
        let mut class = match sensitivity {
            Sensitivity::Ordinary => String::new(),
            s => format!(", {}", s.label()),
        };
        for may in element.map_or(&[][..], |e| &e.may_contain) {
            if *may != sensitivity {
                class.push_str(&format!(", may contain {} data", may.label()));
            }
        }
        let about = match col.about.as_deref().and_then(|id| journey.subject(id)) {
            Some(subject) => {
                self.subjects.push(Entry::Given(subject.name.clone()));
                format!(", about {}", subject.name)
            }
            None => {
                self.about_customers = true;
                String::new()
            }
        };
        let source = col
            .source
            .as_deref()
            .and_then(|id| journey.party(id))
            .map_or(String::new(), |p| {
                format!(", from {} ({})", p.name, p.kind.label())
            });
        self.categories.push(Entry::Given(format!(
            "{} ({}{class}{about}{source})",
            row.element_name, row.category
        )));
        self.add_retention(ctx, row);
        for party in col.shared_with.iter().filter_map(|id| journey.party(id)) {
            self.add_party(party);
        }
        if let Some(step) = journey.step(row.step)
            && let Some(decision) = &step.decision
        {
            self.add_decision(&step.title, decision);
        }
        for system_id in &col.stored_in {
            self.stored_anywhere = true;
            if let Some(system) = journey.system(system_id) {
                self.add_system(system);
            }
        }
        let at = format!(
            "{} ({}, {})",
            row.step_title,
            journey.channel_name(row.channel),
            journey
                .step(row.step)
                .and_then(|s| journey.stage(&s.stage))
                .map_or(row.stage, |s| s.name.as_str())
        );
        self.collected_at.push(at);
        self.findings.extend(
            row.findings
                .iter()
                .map(|&i| ctx.analysis.findings[i].rule.code),
        );
    }

    /// The collection's lawful basis, and the Art. 9 or 10 condition its data needs, as the
    /// analysis judges it (`duties::conditions`, the judgement TP003 and TP004 report).
    fn add_basis(&mut self, ctx: &ExportContext<'_>, row: &Row<'_>) {
        let col = row.detail;
        let element = row.element_name;
        self.bases.push(match col.basis {
            Some(b) => Entry::Given(format!("{} ({})", b.label(), b.article())),
            None => Entry::Missing(format!("lawful basis for {element}")),
        });
        let needs = duties::conditions(ctx.journey, col);
        for need in &needs {
            let article = match need.class {
                Sensitivity::CriminalOffence => "Art. 10 authority",
                _ => "Art. 9(2) condition",
            };
            let may = if need.only_may {
                " (for what it may contain)"
            } else {
                ""
            };
            self.bases.push(match (need.met, col.condition) {
                (true, Some(c)) => Entry::Given(format!(
                    "{} ({}) for {element}{may}",
                    c.label(),
                    c.article()
                )),
                (_, Some(c)) => Entry::Missing(format!(
                    "{article} for {element}{may} ({} is {}, which does not apply)",
                    c.label(),
                    c.article()
                )),
                (_, None) => Entry::Missing(format!("{article} for {element}{may}")),
            });
        }
        if needs.is_empty()
            && let Some(c) = col.condition
        {
            self.bases.push(Entry::Given(format!(
                "{} ({}) for {element}",
                c.label(),
                c.article()
            )));
        }
    }

    /// An erasure limit the map states for `element` in this activity, kept once each;
    /// `inconsistent` when the analysis reports it (TP021).
    fn note_limit(&mut self, element: &str, limit: &str, inconsistent: bool) {
        let limit = limit.trim().to_string();
        match self.limits.iter_mut().find(|(e, _, _)| e == element) {
            Some((_, limits, flagged)) => {
                limits.push(limit);
                *flagged |= inconsistent;
            }
            None => {
                let mut limits = Unique::default();
                limits.push(limit);
                self.limits
                    .push((element.to_string(), limits, inconsistent));
            }
        }
    }

    /// How long the collection's data is kept, as the analysis judges it
    /// (`duties::retention`, the judgement TP005 reports).
    fn add_retention(&mut self, ctx: &ExportContext<'_>, row: &Row<'_>) {
        let element = row.element_name;
        match duties::retention(ctx.journey, row.detail) {
            Retention::Stated(r) => {
                let inconsistent = row
                    .findings
                    .iter()
                    .any(|&i| ctx.analysis.findings[i].rule.name == "inconsistent-retention");
                self.note_limit(element, r, inconsistent);
                self.retention.push(Entry::Given(format!("{element}: {r}")));
            }
            Retention::FromSystems(list) => {
                for (system, r) in list {
                    self.retention.push(Entry::Given(format!(
                        "{element}: {r} (retention of {})",
                        system.name
                    )));
                }
            }
            Retention::NotKept => self.retention.push(Entry::Given(format!(
                "{element}: not kept (verified and discarded)"
            ))),
            Retention::Missing { .. } => self.retention.push(Entry::Missing(format!(
                "erasure time limit for {element} at “{}”",
                row.step_title
            ))),
        }
    }

    /// A system the data is kept in: its processor (a recipient), its transfer to a third
    /// country with the safeguards, and its security measures, as the analysis judges them
    /// (the judgements TP016 and TP017 report).
    fn add_system(&mut self, system: &System) {
        match given(system.processor.as_deref()) {
            Some(p) => self.recipients.push(Entry::Given(format!(
                "{p} (processor, runs {})",
                system.name
            ))),
            None => {
                self.own_systems.push(system.name.clone());
            }
        }
        match duties::system_transfer(system) {
            Transfer::None => {}
            Transfer::Safeguarded {
                country,
                safeguards,
            } => {
                self.transfers
                    .push(Entry::Given(format!("{country}, through {}", system.name)));
                self.transfers.push(Entry::Given(format!(
                    "safeguards for {country}: {safeguards}"
                )));
            }
            Transfer::Unsafeguarded { country } => {
                self.transfers
                    .push(Entry::Given(format!("{country}, through {}", system.name)));
                self.transfers.push(Entry::Missing(format!(
                    "safeguards for the transfer to {country} ({})",
                    system.name
                )));
            }
        }
        self.security.push(match duties::security(system) {
            Some(s) => Entry::Given(format!("{}: {s}", system.name)),
            None => Entry::Missing(format!("security measures of {}", system.name)),
        });
    }

    /// Another organisation the data is disclosed to: a recipient, and a transfer when it
    /// is in a third country (the judgement TP016 reports).
    fn add_party(&mut self, party: &Party) {
        self.recipients.push(Entry::Given(format!(
            "{} ({})",
            party.name,
            party.kind.label()
        )));
        match duties::party_transfer(party) {
            Transfer::None => {}
            Transfer::Safeguarded {
                country,
                safeguards,
            } => {
                self.transfers
                    .push(Entry::Given(format!("{country}, to {}", party.name)));
                self.transfers.push(Entry::Given(format!(
                    "safeguards for {country}: {safeguards}"
                )));
            }
            Transfer::Unsafeguarded { country } => {
                self.transfers
                    .push(Entry::Given(format!("{country}, to {}", party.name)));
                self.transfers.push(Entry::Missing(format!(
                    "safeguards for the transfer to {country} ({})",
                    party.name
                )));
            }
        }
    }

    /// An automated decision made where the data is collected, with what Art. 22 asks for,
    /// as the analysis judges it (the judgement TP020 reports).
    fn add_decision(&mut self, step: &str, decision: &Decision) {
        self.decisions.push(Entry::Given(format!(
            "“{step}”: {}",
            decision.effect.trim()
        )));
        self.decisions.push(match decision.basis {
            Some(b) => Entry::Given(format!("allowed as {} ({})", b.label(), b.article())),
            None => Entry::Missing(format!("Art. 22(2) basis for the decision at “{step}”")),
        });
        self.decisions.push(match duties::human_review(decision) {
            Some(r) => Entry::Given(format!("human review: {r}")),
            None => Entry::Missing(format!(
                "how the customer reaches a person to contest the decision at “{step}”"
            )),
        });
    }

    /// A note or a gap in each field left empty, so a reader sees why it is.
    /// `transfers_complete`: the map states that the third countries it names are all there
    /// are.
    fn note_empty_fields(&mut self, all_discarded: bool, transfers_complete: bool) {
        let own = self.own_systems.list.join(", ");
        if self.recipients.is_empty() {
            self.recipients
                .push(Entry::Note(if self.own_systems.is_empty() {
                    "none named".to_string()
                } else {
                    format!("none named: kept in the controller's own systems ({own})")
                }));
        } else if !self.own_systems.is_empty() {
            self.recipients.push(Entry::Note(format!(
                "also kept in the controller's own systems ({own})"
            )));
        }
        if self.decisions.is_empty() {
            self.decisions.push(Entry::Note("none".to_string()));
        }
        // "No transfers" only when the map says the third countries it names are all there
        // are; otherwise an empty field is "not stated".
        if self.transfers.is_empty() && transfers_complete {
            self.transfers.push(Entry::Note(
                "none: no system or recipient of this data is outside the EEA, and the map states \
                 that those it names are all the transfers there are"
                    .to_string(),
            ));
        } else if self.transfers.is_empty() {
            self.transfers.push(Entry::Note(if self.stored_anywhere {
                "not stated: no system or recipient of this data names a third country".to_string()
            } else {
                "not stated: no system is named where this data is kept".to_string()
            }));
        }
        if self.security.is_empty() {
            self.security.push(if self.stored_anywhere {
                Entry::Missing("security measures".to_string())
            } else if all_discarded {
                Entry::Note("not kept: verified and discarded".to_string())
            } else {
                Entry::Missing(
                    "security measures (no system is named where this data is kept)".to_string(),
                )
            });
        }
    }

    fn into_activity(mut self, name: String, personas: Vec<Entry>) -> Activity {
        // Where the analysis finds the limits inconsistent (TP021), the record shows them
        // all; which one is right is for the reader.
        for (element, limits, inconsistent) in &self.limits {
            if *inconsistent && limits.list.len() > 1 {
                self.retention.push(Entry::Missing(format!(
                    "one erasure time limit for {element} in this activity (TP021): the map \
                     gives {} ({})",
                    limits.list.len(),
                    limits.list.join(" / ")
                )));
            }
        }
        self.findings.sort_unstable();
        self.findings.dedup();
        let mut subjects = if self.about_customers {
            personas
        } else {
            Vec::new()
        };
        subjects.extend(self.subjects.list);
        let fields = [
            self.purposes.list,
            self.bases.list,
            subjects,
            self.categories.list,
            self.recipients.list,
            self.transfers.list,
            self.retention.list,
            self.security.list,
            self.decisions.list,
        ];
        Activity {
            name,
            fields: ACTIVITY_FIELDS
                .iter()
                .zip(fields)
                .map(|(&(name, article), entries)| Field::new(name, article, entries))
                .collect(),
            collected_at: self.collected_at.list,
            findings: self.findings,
        }
    }
}

/// `value` when it holds more than white space.
fn given(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}
