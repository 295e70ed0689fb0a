//! What a collection, a system and another organisation must state, judged once.
//!
//! The rules report what is missing here, and the record of processing shows the same
//! judgement: a condition the rules call missing is never listed as satisfied.

use std::collections::HashSet;

use super::placeholder::is_placeholder;
use crate::journey::{
    Collection, Condition, Decision, Journey, Method, Party, Sensitivity, System,
};

/// Which Art. 9 / Art. 10 condition a collection needs, and whether it has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Need {
    /// `SpecialCategory` (an Art. 9(2) condition) or `CriminalOffence` (an Art. 10 authority).
    pub class: Sensitivity,
    /// The element is not that data itself but may contain it (`may_contain`).
    pub only_may: bool,
    /// Whether the collection's `condition` meets it.
    pub met: bool,
}

/// The conditions a collection of `col.element` needs: for its class, and for what it may
/// contain. Empty for ordinary data.
pub fn conditions(journey: &Journey, col: &Collection) -> Vec<Need> {
    let Some(element) = journey.element(&col.element) else {
        return Vec::new();
    };
    let own = journey.sensitivity(element);
    let mut needs = Vec::new();
    let mut add = |class: Sensitivity, only_may: bool| {
        if class != Sensitivity::Ordinary && !needs.iter().any(|n: &Need| n.class == class) {
            needs.push(Need {
                class,
                only_may,
                met: meets(col.condition, class),
            });
        }
    };
    add(own, false);
    for &class in &element.may_contain {
        add(class, true);
    }
    needs
}

/// Whether `condition` lifts the ban on data of `class`.
fn meets(condition: Option<Condition>, class: Sensitivity) -> bool {
    match class {
        Sensitivity::Ordinary => true,
        Sensitivity::SpecialCategory => condition.is_some_and(Condition::is_art9),
        Sensitivity::CriminalOffence => condition.is_some_and(Condition::is_art10),
    }
}

/// How long a collection's data is kept.
#[derive(Debug, Clone, PartialEq)]
pub enum Retention<'a> {
    /// The collection states it.
    Stated(&'a str),
    /// Every system it is stored in states one.
    FromSystems(Vec<(&'a System, &'a str)>),
    /// Checked and discarded (`method: Verified`): nothing is kept.
    NotKept,
    /// Nothing says; `without` lists the systems it is kept in that state none.
    Missing { without: Vec<&'a System> },
}

impl<'a> Retention<'a> {
    /// The periods it is kept for, as written (one per system when they come from systems).
    pub fn periods(&self) -> Vec<&'a str> {
        match self {
            Retention::Stated(p) => vec![*p],
            Retention::FromSystems(list) => list.iter().map(|(_, p)| *p).collect(),
            Retention::NotKept | Retention::Missing { .. } => Vec::new(),
        }
    }
}

/// How long `col` is kept: its own `retention`, else its systems', else missing.
pub fn retention<'a>(journey: &'a Journey, col: &'a Collection) -> Retention<'a> {
    if let Some(r) = stated(col.retention.as_deref()) {
        return Retention::Stated(r);
    }
    if col.method == Method::Verified {
        return Retention::NotKept;
    }
    let systems: Vec<&System> = col
        .stored_in
        .iter()
        .filter_map(|s| journey.system(s))
        .collect();
    let without: Vec<&System> = systems
        .iter()
        .copied()
        .filter(|s| stated(s.retention.as_deref()).is_none())
        .collect();
    if systems.is_empty() || !without.is_empty() {
        return Retention::Missing { without };
    }
    Retention::FromSystems(
        systems
            .into_iter()
            .filter_map(|s| stated(s.retention.as_deref()).map(|r| (s, r)))
            .collect(),
    )
}

/// A transfer of personal data out of the EEA (GDPR Chapter V, Art. 44-46).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transfer<'a> {
    /// No third country is named.
    None,
    Safeguarded {
        country: &'a str,
        safeguards: &'a str,
    },
    Unsafeguarded {
        country: &'a str,
    },
}

fn transfer<'a>(country: Option<&'a str>, safeguards: Option<&'a str>) -> Transfer<'a> {
    match (stated(country), stated(safeguards)) {
        (None, _) => Transfer::None,
        (Some(country), Some(safeguards)) => Transfer::Safeguarded {
            country,
            safeguards,
        },
        (Some(country), None) => Transfer::Unsafeguarded { country },
    }
}

/// The transfer a system in a third country makes.
pub fn system_transfer(system: &System) -> Transfer<'_> {
    transfer(
        system.third_country.as_deref(),
        system.safeguards.as_deref(),
    )
}

/// The transfer sending data to another organisation in a third country makes.
pub fn party_transfer(party: &Party) -> Transfer<'_> {
    transfer(party.third_country.as_deref(), party.safeguards.as_deref())
}

/// A system's security measures, when stated (Art. 30(1)(g), Art. 32).
pub fn security(system: &System) -> Option<&str> {
    stated(system.security.as_deref())
}

/// How the customer reaches a person about an automated decision, when stated (Art. 22(3)).
pub fn human_review(decision: &Decision) -> Option<&str> {
    stated(decision.human_review.as_deref())
}

/// The ids of the systems some collection keeps data in.
pub fn systems_holding_data(journey: &Journey) -> HashSet<&str> {
    journey
        .steps()
        .flat_map(|(_, s)| s.collects.iter())
        .flat_map(|c| c.stored_in.iter().map(String::as_str))
        .collect()
}

/// The ids of the organisations some collection sends data to.
pub fn parties_receiving_data(journey: &Journey) -> HashSet<&str> {
    journey
        .steps()
        .flat_map(|(_, s)| s.collects.iter())
        .flat_map(|c| c.shared_with.iter().map(String::as_str))
        .collect()
}

/// `text` when it says something (not missing, blank or a placeholder), trimmed.
fn stated(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !is_placeholder(Some(t))).map(str::trim)
}
