//! The record of processing activities (GDPR Art. 30(1)) as data, grouped by purpose, for the
//! Markdown, CSV and HTML exports.
//!
//! Each field holds what the map says and, where it says nothing, an explicit
//! [`Entry::Missing`] naming what is missing, so a reader sees the gap instead of a blank.

use touchpoint_engine::analysis::is_placeholder;
use touchpoint_engine::inventory::{Inventory, Row};
use touchpoint_engine::journey::{Journey, Method, Sensitivity};

use super::ExportContext;

/// One statement in a field.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// The processing for one purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    /// The purpose as first written, or a note that none is stated.
    pub purpose: String,
    /// Art. 30(1)(b) to (g) and the lawful basis, in the order the record lists them.
    pub fields: Vec<Field>,
    /// Where the data is collected: "Step (Channel, Stage)".
    pub collected_at: Vec<String>,
    /// Rule codes of findings on these collections.
    pub findings: Vec<&'static str>,
}

/// The whole record: the controller, then one activity per purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub title: String,
    /// Art. 30(1)(a).
    pub controller: Vec<Field>,
    pub activities: Vec<Activity>,
}

const NO_PURPOSE: &str = "(no purpose stated)";

/// The fields of each activity, with the articles that ask for them, in record order.
pub const ACTIVITY_FIELDS: [(&str, &str); 8] = [
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
        // Group rows by purpose, in order of first appearance.
        let mut groups: Vec<(String, String, Vec<&Row<'_>>)> = Vec::new();
        for row in rows {
            let label = purpose_of(row);
            let key = label.to_lowercase();
            match groups.iter_mut().find(|(k, _, _)| *k == key) {
                Some(group) => group.2.push(row),
                None => groups.push((key, label, vec![row])),
            }
        }
        Record {
            title: journey.meta.title.clone(),
            controller: controller(journey),
            activities: groups
                .into_iter()
                .map(|(_, purpose, rows)| activity(ctx, purpose, &rows))
                .collect(),
        }
    }
}

/// The purpose a collection is grouped under: its purpose, else its data use, else none.
fn purpose_of(row: &Row<'_>) -> String {
    let col = row.detail;
    [col.purpose.as_deref(), col.data_use.as_deref()]
        .into_iter()
        .flatten()
        .find(|p| !is_placeholder(Some(p)))
        .map(|p| crate::escape::line(p.trim()).into_owned())
        .unwrap_or_else(|| NO_PURPOSE.to_string())
}

fn given_or_missing(value: Option<&str>, what: &str) -> Vec<Entry> {
    match value.filter(|v| !v.trim().is_empty()) {
        Some(v) => vec![Entry::Given(v.to_string())],
        None => vec![Entry::Missing(what.to_string())],
    }
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

fn push_unique(list: &mut Vec<Entry>, entry: Entry) {
    if !list.contains(&entry) {
        list.push(entry);
    }
}

fn activity(ctx: &ExportContext<'_>, purpose: String, rows: &[&Row<'_>]) -> Activity {
    let journey = ctx.journey;
    let mut purposes = Vec::new();
    let mut bases = Vec::new();
    let mut categories = Vec::new();
    let mut recipients = Vec::new();
    let mut own_systems: Vec<String> = Vec::new();
    let mut transfers = Vec::new();
    let mut retention = Vec::new();
    let mut security = Vec::new();
    let mut collected_at = Vec::new();
    let mut findings = Vec::new();
    let mut stored_anywhere = false;

    if purpose == NO_PURPOSE {
        purposes.push(Entry::Missing(
            "no purpose, or only a placeholder, is stated for these collections".to_string(),
        ));
    } else {
        purposes.push(Entry::Given(purpose.clone()));
    }
    for row in rows {
        let col = row.detail;
        let element = row.element_name;
        if let Some(using) = col.data_use.as_deref().filter(|u| !is_placeholder(Some(u))) {
            push_unique(&mut purposes, Entry::Given(format!("data use `{using}`")));
        }
        match col.basis {
            Some(b) => push_unique(
                &mut bases,
                Entry::Given(format!("{} ({})", b.label(), b.article())),
            ),
            None => push_unique(
                &mut bases,
                Entry::Missing(format!("lawful basis for {element}")),
            ),
        }
        let sensitivity = journey
            .element(row.element)
            .map_or(Sensitivity::Ordinary, |e| journey.sensitivity(e));
        if let Some(c) = col.condition {
            push_unique(
                &mut bases,
                Entry::Given(format!("{} ({}) for {element}", c.label(), c.article())),
            );
        } else if sensitivity != Sensitivity::Ordinary {
            push_unique(
                &mut bases,
                Entry::Missing(format!("Art. 9(2) or Art. 10 condition for {element}")),
            );
        }
        let class = match sensitivity {
            Sensitivity::Ordinary => String::new(),
            s => format!(", {}", s.label()),
        };
        push_unique(
            &mut categories,
            Entry::Given(format!("{element} ({}{class})", row.category)),
        );
        match (&col.retention, col.method) {
            (Some(r), _) if !is_placeholder(Some(r)) => {
                push_unique(&mut retention, Entry::Given(format!("{element}: {r}")));
            }
            (_, Method::Verified) => push_unique(
                &mut retention,
                Entry::Given(format!("{element}: not kept (verified and discarded)")),
            ),
            _ => push_unique(
                &mut retention,
                Entry::Missing(format!(
                    "erasure time limit for {element} at “{}”",
                    row.step_title
                )),
            ),
        }
        for system_id in &col.stored_in {
            stored_anywhere = true;
            let Some(system) = journey.system(system_id) else {
                continue;
            };
            match system.processor.as_deref().filter(|p| !p.trim().is_empty()) {
                Some(p) => push_unique(
                    &mut recipients,
                    Entry::Given(format!("{p} (processor, runs {})", system.name)),
                ),
                None => {
                    if !own_systems.contains(&system.name) {
                        own_systems.push(system.name.clone());
                    }
                }
            }
            if let Some(country) = system
                .third_country
                .as_deref()
                .filter(|c| !c.trim().is_empty())
            {
                push_unique(
                    &mut transfers,
                    Entry::Given(format!("{country}, through {}", system.name)),
                );
                push_unique(
                    &mut transfers,
                    match system
                        .safeguards
                        .as_deref()
                        .filter(|s| !s.trim().is_empty())
                    {
                        Some(s) => Entry::Given(format!("safeguards for {country}: {s}")),
                        None => Entry::Missing(format!(
                            "safeguards for the transfer to {country} ({})",
                            system.name
                        )),
                    },
                );
            }
            push_unique(
                &mut security,
                match system.security.as_deref().filter(|s| !s.trim().is_empty()) {
                    Some(s) => Entry::Given(format!("{}: {s}", system.name)),
                    None => Entry::Missing(format!("security measures of {}", system.name)),
                },
            );
        }
        let step = journey.step(row.step);
        let at = format!(
            "{} ({}, {})",
            row.step_title,
            journey.channel_name(row.channel),
            step.and_then(|s| journey.stage(&s.stage))
                .map_or(row.stage, |s| s.name.as_str())
        );
        if !collected_at.contains(&at) {
            collected_at.push(at);
        }
        for &i in &row.findings {
            findings.push(ctx.analysis.findings[i].rule.code);
        }
    }
    if recipients.is_empty() {
        recipients.push(Entry::Note(if own_systems.is_empty() {
            "none named".to_string()
        } else {
            format!(
                "none named: kept in the controller's own systems ({})",
                own_systems.join(", ")
            )
        }));
    } else if !own_systems.is_empty() {
        recipients.push(Entry::Note(format!(
            "also kept in the controller's own systems ({})",
            own_systems.join(", ")
        )));
    }
    if transfers.is_empty() {
        transfers.push(Entry::Note("none recorded".to_string()));
    }
    let all_discarded = rows.iter().all(|r| r.detail.method == Method::Verified);
    if security.is_empty() && !stored_anywhere && all_discarded {
        security.push(Entry::Note("not kept: verified and discarded".to_string()));
    }
    if security.is_empty() {
        security.push(if stored_anywhere {
            Entry::Missing("security measures".to_string())
        } else {
            Entry::Missing(
                "security measures (no system is named where this data is kept)".to_string(),
            )
        });
    }
    let subjects = if journey.meta.personas.is_empty() {
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
    };
    findings.sort_unstable();
    findings.dedup();
    Activity {
        purpose,
        fields: ACTIVITY_FIELDS
            .iter()
            .zip([
                purposes, bases, subjects, categories, recipients, transfers, retention, security,
            ])
            .map(|(&(name, article), entries)| Field::new(name, article, entries))
            .collect(),
        collected_at,
        findings,
    }
}
