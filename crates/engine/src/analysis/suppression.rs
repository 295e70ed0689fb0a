//! Applying `allow` entries, and reporting the ones that suppress nothing.

use super::find_rule;
use super::message::message;
use foldhash::HashMap;

use super::finding::Place;
use super::found::Found;
use super::note::{Draft, Note};
use super::rule::Severity;
use super::rule::{Concern, Rule};
use super::words::Texts;
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
    on: On<'a>,
    path: Vec<Key<'static>>,
}

/// What an `allow` stands on.
#[derive(Debug, Clone, Copy)]
enum On<'a> {
    /// A whole step.
    Step(&'a str),
    /// One collection of a step: its index and its element.
    Collection(&'a str, usize, &'a str),
    /// A data element, wherever it is collected.
    Element(&'a str),
    System(&'a str),
    /// Another organisation.
    Party(&'a str),
}

/// What a scope is keyed by: its rule's code, and the step (with a collection, or the whole
/// step), the element, the system or the other organisation it stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ScopeKey<'a> {
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
    by_place: HashMap<ScopeKey<'a>, Vec<usize>>,
    /// The rules some scope allows: a finding of any other is covered by none, and is not
    /// looked up (most findings of a large map, and three lookups each).
    rules: Vec<&'static Rule>,
}

impl<'a> Index<'a> {
    fn new(scopes: Vec<Scope<'a>>) -> Index<'a> {
        let mut by_place: HashMap<ScopeKey<'a>, Vec<usize>> = HashMap::default();
        let mut rules: Vec<&'static Rule> = Vec::new();
        for (i, scope) in scopes.iter().enumerate() {
            // An unknown rule is a load error; such a scope covers nothing.
            let Some(rule) = find_rule(&scope.allow.rule) else {
                continue;
            };
            // A system's or a party's `allow` covers only findings on that system or party.
            let key = match scope.on {
                On::Step(step) => ScopeKey::Step(rule.code, step, None),
                On::Collection(step, c, _) => ScopeKey::Step(rule.code, step, Some(c)),
                On::Element(element) => ScopeKey::Element(rule.code, element),
                On::System(system) => ScopeKey::System(rule.code, system),
                On::Party(party) => ScopeKey::Party(rule.code, party),
            };
            by_place.entry(key).or_default().push(i);
            if !rules.iter().any(|r| std::ptr::eq(*r, rule)) {
                rules.push(rule);
            }
        }
        Index {
            scopes,
            by_place,
            rules,
        }
    }

    /// Marks in `used` every scope covering `note`; whether there was one.
    fn cover(&self, note: &Note, texts: &Texts, used: &mut [bool]) -> bool {
        if !self.rules.iter().any(|r| std::ptr::eq(*r, note.rule)) {
            return false;
        }
        let code = note.rule.code;
        let step = note.step(texts);
        let places = [
            step.zip(note.collection())
                .map(|(s, c)| ScopeKey::Step(code, s, Some(c))),
            step.map(|s| ScopeKey::Step(code, s, None)),
            note.element(texts).map(|e| ScopeKey::Element(code, e)),
            note.system(texts).map(|s| ScopeKey::System(code, s)),
            note.party(texts).map(|p| ScopeKey::Party(code, p)),
        ];
        let mut covered = false;
        for place in places.into_iter().flatten() {
            if let Some(hits) = self.by_place.get(&place) {
                for &i in hits {
                    used[i] = true;
                }
                covered |= !hits.is_empty();
            }
        }
        covered
    }
}

/// A map's `allow` entries, ready to drop the findings they cover: each group of rules
/// drops its own on its thread ([`Allows::retain`]), marking which entries were used, and
/// [`Allows::finish`] adds a finding for each entry that suppresses nothing.
pub(super) struct Allows<'a> {
    /// `None` when the map has no `allow` entry (most have none).
    index: Option<Index<'a>>,
}

/// Which of the `allow` entries covered a finding, by their place in [`Allows`].
pub(super) struct Used(Vec<bool>);

impl Used {
    /// Marks what `other` marks too.
    pub(super) fn add(&mut self, other: &Used) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }
}

impl<'a> Allows<'a> {
    pub(super) fn of(journey: &'a Journey) -> Allows<'a> {
        let scopes = scopes(journey);
        Allows {
            index: (!scopes.is_empty()).then(|| Index::new(scopes)),
        }
    }

    /// None of the entries marked yet.
    pub(super) fn unused(&self) -> Used {
        Used(vec![
            false;
            self.index.as_ref().map_or(0, |i| i.scopes.len())
        ])
    }

    /// Drops the findings of `found` an entry covers, marking those entries in `used`.
    pub(super) fn retain(&self, found: &mut Found, used: &mut Used) {
        if let Some(index) = &self.index {
            found.retain(|note, texts| !index.cover(note, texts, &mut used.0));
        }
    }

    /// `lists` (each group of rules' findings, in order, each already [`Allows::retain`]ed)
    /// one after the other, with a finding for each entry `used` does not mark.
    pub(super) fn finish(self, journey: &'a Journey, lists: Vec<Found>, used: &Used) -> Found {
        let mut kept = Found::concat(lists);
        let Some(index) = self.index else {
            return kept;
        };
        let unused = index
            .scopes
            .into_iter()
            .zip(&used.0)
            .filter(|(_, used)| !**used)
            .map(|(scope, _)| scope);
        for s in unused {
            kept.push(unused_finding(journey, s));
        }
        kept
    }
}

/// Every `allow` entry of the map, where it stands and what it stands on.
fn scopes<'a>(journey: &'a Journey) -> Vec<Scope<'a>> {
    let mut scopes: Vec<Scope<'a>> = Vec::new();
    // Each entry of `allows`, found at `at` + `allow[i].rule`, standing on `on`.
    // `at` is made only for an element, step or collection that has `allow` entries: most
    // have none, and a map has hundreds of thousands of collections.
    let mut add = |allows: &'a [Allow], at: &dyn Fn() -> Vec<Key<'static>>, on: On<'a>| {
        if allows.is_empty() {
            return;
        }
        let at = at();
        for (a, allow) in allows.iter().enumerate() {
            let mut path = at.clone();
            path.extend([Key::Field("allow"), Key::Index(a), Key::Field("rule")]);
            scopes.push(Scope { allow, on, path });
        }
    };
    let base = |list: &'static str, i: usize| vec![Key::Field(list), Key::Index(i)];
    for (k, element) in journey.elements.iter().enumerate() {
        add(
            &element.allow,
            &|| base("data", k),
            On::Element(&element.id),
        );
    }
    for (k, system) in journey.systems.iter().enumerate() {
        add(
            &system.allow,
            &|| base("systems", k),
            On::System(&system.id),
        );
    }
    for (k, party) in journey.parties.iter().enumerate() {
        add(&party.allow, &|| base("parties", k), On::Party(&party.id));
    }
    for (i, (_, step)) in journey.steps().enumerate() {
        add(&step.allow, &|| base("steps", i), On::Step(&step.id));
        for (j, col) in step.collects.iter().enumerate() {
            let at = || {
                let mut at = base("steps", i);
                at.extend([Key::Field("collects"), Key::Index(j)]);
                at
            };
            add(&col.allow, &at, On::Collection(&step.id, j, &col.element));
        }
    }
    scopes
}

/// The finding of an `allow` entry that suppresses nothing.
fn unused_finding<'a>(journey: &'a Journey, s: Scope<'a>) -> Draft<'a> {
    let name = find_rule(&s.allow.rule).map_or(s.allow.rule.as_str(), |r| r.name);
    let step = |id| message!("\"{}\"", journey.step_title(id));
    let element = |id| message!("\"{}\"", journey.element_name(id));
    let place = match s.on {
        On::Step(id) => message!("on the step {}", step(id)),
        On::Collection(id, _, e) => message!("on {} at {}", element(e), step(id)),
        On::Element(e) => message!("on {} wherever it is collected", element(e)),
        On::System(id) => journey
            .system(id)
            .map(|sys| message!("on the system \"{}\"", sys.name))
            .unwrap_or_default(),
        On::Party(id) => journey
            .party(id)
            .map(|p| message!("on \"{}\"", p.name))
            .unwrap_or_default(),
    };
    let mut f = Draft::new(
        &UNUSED_SUPPRESSION,
        message!(
            "the `allow` of {name} {place} suppresses nothing: the rule does not fire \
             there, so its reason \"{}\" no longer applies",
            s.allow.reason.trim()
        ),
    );
    match s.on {
        On::Step(id) => f.step = Some(id),
        On::Collection(id, c, e) => {
            f.step = Some(id);
            f.collection = Some(c);
            f.element = Some(e);
        }
        On::Element(e) => f.element = Some(e),
        On::System(id) => f.system = Some(id),
        On::Party(id) => f.party = Some(id),
    }
    f.place = Place::path(s.path);
    f
}
