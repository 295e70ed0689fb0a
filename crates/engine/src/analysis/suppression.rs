//! Applying `allow` entries, and reporting the ones that suppress nothing.

use super::find_rule;
use foldhash::HashMap;

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
    fix: "Read the quoted reason: if the problem it excused is really gone, remove the `allow` \
          entry; if it moved, move the `allow` with it.",
    example: "(element: \"email\", ..., allow: [(rule: \"certain-repeat\", reason: \"...\")]) \
              // but the email is not a repeat",
    good: "// the allow is removed once the finding it excused is gone",
};

/// Where an `allow` entry stands and what it covers.
struct Scope<'a> {
    allow: &'a Allow,
    step: Option<&'a str>,
    collection: Option<usize>,
    element: Option<&'a str>,
    /// A system or another organisation the `allow` stands on.
    system: Option<&'a str>,
    party: Option<&'a str>,
    path: Vec<Key<'static>>,
    used: bool,
}

/// What a scope is keyed by: its rule's code, and the step (with a collection, or the whole
/// step), the element, the system or the other organisation it stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Place<'a> {
    Step(&'static str, &'a str, Option<usize>),
    Element(&'static str, &'a str),
    System(&'static str, &'a str),
    Party(&'static str, &'a str),
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
        let mut by_place: HashMap<Place<'a>, Vec<usize>> = HashMap::default();
        for (i, scope) in scopes.iter().enumerate() {
            // An unknown rule is a load error; such a scope covers nothing.
            let Some(rule) = find_rule(&scope.allow.rule) else {
                continue;
            };
            // A system's or a party's `allow` covers only findings on that system or party.
            let place = match (scope.system, scope.party, scope.step, scope.element) {
                (Some(system), ..) => Place::System(rule.code, system),
                (None, Some(party), ..) => Place::Party(rule.code, party),
                (None, None, Some(step), _) => Place::Step(rule.code, step, scope.collection),
                (None, None, None, Some(element)) => Place::Element(rule.code, element),
                (None, None, None, None) => continue,
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
            f.system.as_deref().map(|s| Place::System(code, s)),
            f.party.as_deref().map(|p| Place::Party(code, p)),
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
                system: None,
                party: None,
                path,
                used: false,
            });
        }
    }
    for (k, system) in journey.systems.iter().enumerate() {
        for (a, allow) in system.allow.iter().enumerate() {
            let mut path = base("systems", k);
            path.extend([Key::Field("allow"), Key::Index(a), Key::Field("rule")]);
            scopes.push(Scope {
                allow,
                step: None,
                collection: None,
                element: None,
                system: Some(&system.id),
                party: None,
                path,
                used: false,
            });
        }
    }
    for (k, party) in journey.parties.iter().enumerate() {
        for (a, allow) in party.allow.iter().enumerate() {
            let mut path = base("parties", k);
            path.extend([Key::Field("allow"), Key::Index(a), Key::Field("rule")]);
            scopes.push(Scope {
                allow,
                step: None,
                collection: None,
                element: None,
                system: None,
                party: Some(&party.id),
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
                system: None,
                party: None,
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
                    system: None,
                    party: None,
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
        let element = s
            .element
            .map(|e| format!("\"{}\"", journey.element_name(e)));
        let step = s.step.map(|id| format!("\"{}\"", journey.step_title(id)));
        let other = s
            .system
            .and_then(|id| journey.system(id))
            .map(|sys| format!("on the system \"{}\"", sys.name))
            .or_else(|| {
                s.party
                    .and_then(|id| journey.party(id))
                    .map(|p| format!("on \"{}\"", p.name))
            });
        let place = match (step, element, other) {
            (_, _, Some(other)) => other,
            (Some(step), Some(element), None) => format!("on {element} at {step}"),
            (Some(step), None, None) => format!("on the step {step}"),
            (None, Some(element), None) => format!("on {element} wherever it is collected"),
            (None, None, None) => String::new(),
        };
        let mut f = Finding::new(
            &UNUSED_SUPPRESSION,
            format!(
                "the `allow` of {name} {place} suppresses nothing: the rule does not fire \
                 there, so its reason \"{}\" no longer applies",
                s.allow.reason.trim()
            ),
        );
        f.step = s.step.map(str::to_string);
        f.collection = s.collection;
        f.element = s.element.map(str::to_string);
        f.system = s.system.map(str::to_string);
        f.party = s.party.map(str::to_string);
        f.path = s.path;
        kept.push(f);
    }
    kept
}
