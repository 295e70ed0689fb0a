//! The lists a form offers to pick from: the map's systems, parties, other data subjects, and
//! the data categories (those the map uses, then fideslang's common ones).

use super::*;

pub(super) fn systems(journey: &Journey) -> Vec<Choice> {
    journey
        .systems
        .iter()
        .map(|s| Choice::new(&s.id, &s.name, s.processor.as_deref().unwrap_or("")))
        .collect()
}

/// The other organisations of the map, with their kind.
pub(super) fn parties(journey: &Journey) -> Vec<Choice> {
    journey
        .parties
        .iter()
        .map(|p| Choice::new(&p.id, &p.name, p.kind.label()))
        .collect()
}

/// The people besides the customer whom data can be about.
pub(super) fn subjects(journey: &Journey) -> Vec<Choice> {
    journey
        .subjects
        .iter()
        .map(|s| Choice::new(&s.id, &s.name, ""))
        .collect()
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
