//! Applying `allow` entries, and reporting the ones that suppress nothing.

use super::find_rule;
use std::collections::HashMap;

use super::finding::Finding;
use super::rule::Severity;
use super::rule::{Concern, Rule};
use crate::journey::{Allow, Journey};
use crate::source::Key;

pub(super) static UNUSED_SUPPRESSION: Rule = Rule {
    code: "TP013",
    name: "unused-suppression",
    severity: Severity::Warning,
    concern: Concern::Map,
    summary: "An `allow` entry suppresses no finding.",
    why: "A suppression that no longer matches anything hides nothing today, but its reason \
          still reads as if a problem had been judged acceptable; and it will silently hide a \
          new finding of that rule later.",
    fix: "Remove the `allow` entry.",
    example: "(element: \"email\", ..., allow: [(rule: \"certain-repeat\", reason: \"...\")]) \
              // but the email is not a repeat",
};

/// Where an `allow` entry stands and what it covers.
struct Scope<'a> {
    allow: &'a Allow,
    step: Option<&'a str>,
    collection: Option<usize>,
    element: Option<&'a str>,
    path: Vec<Key<'static>>,
    used: bool,
}

/// What a scope is keyed by: its rule's code, and the step (with a collection, or the whole
/// step) or the element it stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Place<'a> {
    Step(&'static str, &'a str, Option<usize>),
    Element(&'static str, &'a str),
}

/// The scopes by the places they cover, so that each finding is matched in constant time
/// (350,000 findings against 3,000 scopes, each rule looked up by name, was 90 % of a
/// 100,000-step check).
struct Index<'a> {
    scopes: Vec<Scope<'a>>,
    by_place: HashMap<Place<'a>, Vec<usize>>,
}

impl<'a> Index<'a> {
    fn new(scopes: Vec<Scope<'a>>) -> Index<'a> {
        let mut by_place: HashMap<Place<'a>, Vec<usize>> = HashMap::new();
        for (i, scope) in scopes.iter().enumerate() {
            // An unknown rule is a load error; such a scope covers nothing.
            let Some(rule) = find_rule(&scope.allow.rule) else {
                continue;
            };
            let place = match (scope.step, scope.element) {
                (Some(step), _) => Place::Step(rule.code, step, scope.collection),
                (None, Some(element)) => Place::Element(rule.code, element),
                (None, None) => continue,
            };
            by_place.entry(place).or_default().push(i);
        }
        Index { scopes, by_place }
    }

    /// Marks every scope covering `f` as used; whether there was one.
    fn cover(&mut self, f: &Finding) -> bool {
        let code = f.rule.code;
        let step = f.step.as_deref();
        let places = [
            step.zip(f.collection)
                .map(|(s, c)| Place::Step(code, s, Some(c))),
            step.map(|s| Place::Step(code, s, None)),
            f.element.as_deref().map(|e| Place::Element(code, e)),
        ];
        let mut covered = false;
        for place in places.into_iter().flatten() {
            if let Some(hits) = self.by_place.get(&place) {
                for &i in hits {
                    self.scopes[i].used = true;
                }
                covered |= !hits.is_empty();
            }
        }
        covered
    }
}

/// Drops findings that an `allow` covers, and adds one finding per unused `allow`.
pub(super) fn apply(journey: &Journey, findings: Vec<Finding>) -> Vec<Finding> {
    let mut scopes: Vec<Scope<'_>> = Vec::new();
    let base = |list: &'static str, i: usize| vec![Key::Field(list), Key::Index(i)];
    for (k, element) in journey.elements.iter().enumerate() {
        for (a, allow) in element.allow.iter().enumerate() {
            let mut path = base("data", k);
            path.extend([Key::Field("allow"), Key::Index(a), Key::Field("rule")]);
            scopes.push(Scope {
                allow,
                step: None,
                collection: None,
                element: Some(&element.id),
                path,
                used: false,
            });
        }
    }
    for (i, (_, step)) in journey.steps().enumerate() {
        for (a, allow) in step.allow.iter().enumerate() {
            let mut path = base("steps", i);
            path.extend([Key::Field("allow"), Key::Index(a), Key::Field("rule")]);
            scopes.push(Scope {
                allow,
                step: Some(&step.id),
                collection: None,
                element: None,
                path,
                used: false,
            });
        }
        for (j, col) in step.collects.iter().enumerate() {
            for (a, allow) in col.allow.iter().enumerate() {
                let mut path = base("steps", i);
                path.extend([
                    Key::Field("collects"),
                    Key::Index(j),
                    Key::Field("allow"),
                    Key::Index(a),
                    Key::Field("rule"),
                ]);
                scopes.push(Scope {
                    allow,
                    step: Some(&step.id),
                    collection: Some(j),
                    element: Some(&col.element),
                    path,
                    used: false,
                });
            }
        }
    }
    if scopes.is_empty() {
        return findings;
    }
    let mut index = Index::new(scopes);
    // In place: a second vector of 350,000 findings would double the analysis's memory.
    let mut kept = findings;
    kept.retain(|f| !index.cover(f));
    for s in index.scopes.into_iter().filter(|s| !s.used) {
        let name = find_rule(&s.allow.rule).map_or(s.allow.rule.as_str(), |r| r.name);
        let mut f = Finding::new(
            &UNUSED_SUPPRESSION,
            format!("this `allow` of {name} suppresses nothing: the rule does not fire here"),
        );
        f.step = s.step.map(str::to_string);
        f.collection = s.collection;
        f.element = s.element.map(str::to_string);
        f.path = s.path;
        kept.push(f);
    }
    kept
}
