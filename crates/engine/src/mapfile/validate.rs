//! Semantic checks on a parsed map: references resolve, ids are unique, values are in range.
//!
//! Every problem in the file is reported in one pass, each at its own position.

use foldhash::{HashMap, HashSet};

use super::diagnostic::Diagnostic;
use crate::analysis::{RULES, find_rule};
use crate::journey::{Allow, Date, Document, Method, Outcome, Sensitivity, category};
use crate::parallel::both;
use crate::path;
use crate::source::{Key, SourceMap};
use crate::suggest::did_you_mean;

struct Checker<'a> {
    file: &'a str,
    src: &'a SourceMap,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, path: &[Key<'_>], message: String) -> &mut Diagnostic {
        let pos = self.src.nearest(path);
        self.out.push(Diagnostic {
            file: self.file.to_string(),
            pos: Some(pos),
            message,
            snippet: self.src.line(pos.line).map(str::to_string),
            hint: None,
            note: None,
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    /// Checks a list's ids: present, without spaces, unique. Returns the set of ids.
    fn ids<'d, T>(
        &mut self,
        list: &'static str,
        what: &str,
        items: &'d [T],
        id: impl Fn(&T) -> &str,
    ) -> HashSet<&'d str>
    where
        T: 'd,
    {
        let mut seen: HashMap<&str, usize> =
            HashMap::with_capacity_and_hasher(items.len(), Default::default());
        for (i, item) in items.iter().enumerate() {
            let value: &'d str = id(item);
            if value.trim().is_empty() {
                self.error(path![list, i, "id"], format!("this {what} has an empty id"))
                    .hint = Some("give it a short id such as `web` or `email`".into());
                continue;
            }
            if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
                self.error(
                    path![list, i, "id"],
                    format!(
                        "the {what} id `{}` contains spaces or control characters",
                        value.escape_debug()
                    ),
                )
                .hint = Some(
                    "ids are short names such as `web-login`; put prose in `name` or `title`"
                        .into(),
                );
            }
            if let Some(&first) = seen.get(value) {
                let first_pos = self.src.nearest(path![list, first, "id"]);
                let note = format!("first defined at line {}:{}", first_pos.line, first_pos.col);
                self.error(
                    path![list, i, "id"],
                    format!("duplicate {what} id `{value}`"),
                )
                .note = Some(note);
            } else {
                seen.insert(value, i);
            }
        }
        seen.into_keys().collect()
    }

    fn reference(&mut self, path: &[Key<'_>], what: &str, value: &str, known: &HashSet<&str>) {
        if !known.contains(value) {
            let hint = did_you_mean(value, known.iter().copied()).or_else(|| {
                if known.is_empty() {
                    Some(format!("the map defines no {what} yet"))
                } else {
                    let mut names: Vec<&str> = known.iter().copied().collect();
                    names.sort_unstable();
                    names.truncate(8);
                    Some(format!("known {what} ids: {}", names.join(", ")))
                }
            });
            self.error(path, format!("unknown {what} `{value}`")).hint = hint;
        }
    }

    fn allows(&mut self, base: &[Key<'_>], allows: &[Allow]) {
        for (k, allow) in allows.iter().enumerate() {
            let mut p = base.to_vec();
            p.extend([Key::Field("allow"), Key::Index(k)]);
            if find_rule(&allow.rule).is_none() {
                let mut rp = p.clone();
                rp.push(Key::Field("rule"));
                let names = RULES.iter().flat_map(|r| [r.code, r.name]);
                let hint = did_you_mean(&allow.rule, names)
                    .or_else(|| Some("`touchpoint rules` lists every rule".into()));
                self.error(&rp, format!("unknown rule `{}` in `allow`", allow.rule))
                    .hint = hint;
            }
            if allow.reason.trim().is_empty() {
                let mut rp = p;
                rp.push(Key::Field("reason"));
                self.error(&rp, "a suppression needs a reason".into()).hint = Some(
                    "say why this finding does not apply here, so a reviewer can judge it".into(),
                );
            }
        }
    }
}

impl<'d> Checker<'_> {
    /// Checks the map's own categories: well formed, new, each under a known parent and at
    /// least as strict as it. Returns each declared key with its class.
    fn categories(&mut self, doc: &'d Document) -> HashMap<&'d str, Sensitivity> {
        let mut declared: HashMap<&'d str, Sensitivity> = HashMap::default();
        let mut first: HashMap<&str, usize> = HashMap::default();
        for (i, cat) in doc.categories.iter().enumerate() {
            let key = cat.key.as_str();
            if let Err(e) = category::validate(key) {
                self.error(
                    path!["categories", i, "key"],
                    format!("malformed category key: {e}"),
                )
                .hint = Some("use a dotted key such as `user.financial.income`".into());
            } else if category::known(key).is_some() {
                self.error(
                    path!["categories", i, "key"],
                    format!("`{key}` is already in the fideslang taxonomy"),
                )
                .hint =
                    Some("remove this declaration: data elements can use the key as it is".into());
            } else if let Some(&j) = first.get(key) {
                let p = self.src.nearest(path!["categories", j, "key"]);
                self.error(
                    path!["categories", i, "key"],
                    format!("duplicate category `{key}`"),
                )
                .note = Some(format!("first declared at line {}:{}", p.line, p.col));
            } else {
                first.insert(key, i);
                declared.insert(key, cat.sensitivity);
            }
        }
        for (i, cat) in doc.categories.iter().enumerate() {
            if first.get(cat.key.as_str()) != Some(&i) {
                continue;
            }
            let parent = cat.parent.as_str();
            let parent_class = if category::known(parent).is_some() {
                category::sensitivity_of(parent)
            } else if let Some(&s) = declared.get(parent).filter(|_| parent != cat.key) {
                s
            } else {
                let candidates = known_keys().chain(declared.keys().copied());
                let hint = did_you_mean(parent, candidates).unwrap_or_else(|| {
                    "a parent is a fideslang key (`user.financial`, `user.health`, ...) or \
                     another category the map declares"
                        .into()
                });
                self.error(
                    path!["categories", i, "parent"],
                    format!("unknown parent category `{parent}` for `{}`", cat.key),
                )
                .hint = Some(hint);
                continue;
            };
            // The class of the parent, and of any fideslang key the dotted key sits under.
            let under = category::sensitivity_of(&cat.key);
            let (required, because) =
                if category::strictness(under) > category::strictness(parent_class) {
                    let ancestor = category::ancestors(&cat.key)
                        .find(|a| category::known(a).is_some())
                        .unwrap_or(parent);
                    (under, ancestor)
                } else {
                    (parent_class, parent)
                };
            if required != Sensitivity::Ordinary && cat.sensitivity != required {
                self.error(
                    path!["categories", i, "sensitivity"],
                    format!(
                        "`{}` is under `{because}`, which is {} data, so it is too",
                        cat.key,
                        required.label()
                    ),
                )
                .hint = Some(format!("declare it `sensitivity: {required:?}`"));
            }
        }
        declared
    }
}

/// The taxonomy's keys, with a lifetime to chain with the map's own.
fn known_keys<'a>() -> impl Iterator<Item = &'a str> {
    category::known_keys().map(|k| -> &'a str { k })
}

/// A known key `key` may have been meant: a typo of a sibling's last segment
/// (`user.contact.emial`), or the same last segment under another parent
/// (`user.health_and_medical.condition` for `user.health.condition`). Comparing whole keys
/// would suggest any sibling, since siblings share most of their text.
fn similar_category(key: &str, custom: &HashMap<&str, Sensitivity>) -> Option<String> {
    let (parent, leaf) = key.rsplit_once('.')?;
    let all: Vec<&str> = known_keys().chain(custom.keys().copied()).collect();
    let siblings = all.iter().filter_map(|k| {
        k.rsplit_once('.')
            .filter(|(p, _)| *p == parent)
            .map(|(_, l)| l)
    });
    if let Some(typo) = crate::suggest::closest(leaf, siblings) {
        return Some(format!("did you mean `{parent}.{typo}`?"));
    }
    let mut elsewhere: Vec<&str> = all
        .iter()
        .copied()
        .filter(|k| k.rsplit_once('.').is_some_and(|(_, l)| l == leaf))
        .collect();
    elsewhere.sort_unstable();
    let first = elsewhere.first()?;
    Some(format!("did you mean `{first}`?"))
}

/// What to do about a data category that is neither in the taxonomy nor declared.
fn unknown_category_hint(key: &str, custom: &HashMap<&str, Sensitivity>) -> String {
    if let Some(hint) = similar_category(key, custom) {
        return hint;
    }
    let parent = category::ancestors(key)
        .find(|a| category::known(a).is_some() || custom.contains_key(a))
        .unwrap_or("user");
    let class = match category::sensitivity_of(key) {
        Sensitivity::Ordinary => custom.get(parent).copied().unwrap_or_default(),
        s => s,
    };
    let sensitivity = match class {
        Sensitivity::Ordinary => "Ordinary".to_string(),
        s => format!("{s:?}"),
    };
    format!(
        "use a fideslang key, or declare it: `categories: [(key: \"{key}\", parent: \"{parent}\", \
         sensitivity: {sensitivity})]` (`SpecialCategory` for Art. 9 data such as health, \
         `CriminalOffence` for Art. 10 data)"
    )
}

/// From this many steps and flows on, the flows are checked on a second thread.
const PARALLEL_FROM: usize = 4_000;

/// All semantic problems of `doc`, in file order.
pub(super) fn validate(doc: &Document, src: &SourceMap, file: &str) -> Vec<Diagnostic> {
    let parallel = doc.steps.len() + doc.flows.len() >= PARALLEL_FROM;
    // The flows are a third of the work on a large map, and need only the steps' ids.
    let (mut out, flows) = both(
        parallel,
        || {
            let mut c = Checker::new(file, src);
            c.all_but_flows(doc);
            c.out
        },
        || {
            let mut c = Checker::new(file, src);
            c.flows(doc);
            c.out
        },
    );
    out.extend(flows);
    let mut c = Checker { file, src, out };
    c.reviews(doc);
    c.out.sort_by_key(|d| d.pos);
    c.out
}

/// The ids of `items` that can be referred to: all but the empty ones ([`Checker::ids`]
/// reports those, and duplicates).
fn known<'d, T>(items: &'d [T], id: impl Fn(&'d T) -> &'d str) -> HashSet<&'d str> {
    items
        .iter()
        .map(id)
        .filter(|id| !id.trim().is_empty())
        .collect()
}

impl<'a> Checker<'a> {
    fn new(file: &'a str, src: &'a SourceMap) -> Checker<'a> {
        Checker {
            file,
            src,
            out: Vec::new(),
        }
    }

    /// Each flow: its steps and cases exist, it does not go from a step to itself, and no
    /// other flow goes the same way.
    fn flows(&mut self, doc: &Document) {
        let steps = known(&doc.steps, |s| &s.id);
        let cases = known(&doc.cases, |c| &c.id);
        let c = self;
        let mut seen_flows: HashMap<(&str, &str), usize> = HashMap::default();
        for (i, flow) in doc.flows.iter().enumerate() {
            c.reference(path!["flows", i, "from"], "step", &flow.from, &steps);
            c.reference(path!["flows", i, "to"], "step", &flow.to, &steps);
            for (k, case) in flow.cases.iter().enumerate() {
                c.reference(path!["flows", i, "cases", k], "case", case, &cases);
            }
            if flow.from == flow.to {
                c.error(
                    path!["flows", i],
                    format!("flow from step `{}` to itself", flow.from),
                )
                .hint =
                    Some("a step that repeats is shown by a flow back to an earlier step".into());
            } else if let Some(&first) = seen_flows.get(&(flow.from.as_str(), flow.to.as_str())) {
                let first_pos = c.src.nearest(path!["flows", first]);
                let note = format!("first defined at line {}:{}", first_pos.line, first_pos.col);
                c.error(
                    path!["flows", i],
                    format!("duplicate flow from `{}` to `{}`", flow.from, flow.to),
                )
                .note = Some(note);
            } else {
                seen_flows.insert((&flow.from, &flow.to), i);
            }
        }
    }

    /// Everything but the flows and the reviews.
    fn all_but_flows(&mut self, doc: &Document) {
        let c = self;
        if doc.meta.title.trim().is_empty() {
            c.error(path!["meta", "title"], "the map has an empty title".into());
        }
        let channels = c.ids("channels", "channel", &doc.channels, |x| &x.id);
        let stages = c.ids("stages", "stage", &doc.stages, |x| &x.id);
        let systems = c.ids("systems", "system", &doc.systems, |x| &x.id);
        let elements = c.ids("data", "data element", &doc.data, |x| &x.id);
        let steps = c.ids("steps", "step", &doc.steps, |x| &x.id);
        let parties = c.ids("parties", "party", &doc.parties, |x| &x.id);
        let subjects = c.ids("subjects", "data subject", &doc.subjects, |x| &x.id);
        c.ids("cases", "case", &doc.cases, |x| &x.id);

        for (i, channel) in doc.channels.iter().enumerate() {
            for (k, system) in channel.reads.iter().enumerate() {
                c.reference(path!["channels", i, "reads", k], "system", system, &systems);
            }
            for (k, masked) in channel.masked.iter().enumerate() {
                c.reference(
                    path!["channels", i, "masked", k, "system"],
                    "system",
                    &masked.system,
                    &systems,
                );
                if systems.contains(masked.system.as_str())
                    && !channel.reads.contains(&masked.system)
                {
                    c.error(
                        path!["channels", i, "masked", k, "system"],
                        format!(
                            "channel `{}` does not read `{}`, so nothing there is masked for it",
                            channel.id, masked.system
                        ),
                    )
                    .hint = Some(format!(
                        "add `{}` to its `reads`, or remove this entry",
                        masked.system
                    ));
                }
                for (e, element) in masked.elements.iter().enumerate() {
                    c.reference(
                        path!["channels", i, "masked", k, "elements", e],
                        "data element",
                        element,
                        &elements,
                    );
                }
            }
        }
        for (i, system) in doc.systems.iter().enumerate() {
            c.allows(path!["systems", i], &system.allow);
        }
        for (i, party) in doc.parties.iter().enumerate() {
            c.allows(path!["parties", i], &party.allow);
        }
        for (k, id) in doc.entries.iter().enumerate() {
            c.reference(path!["entries", k], "step", id, &steps);
        }
        let custom = c.categories(doc);
        for (i, element) in doc.data.iter().enumerate() {
            if let Err(e) = category::validate(&element.category) {
                c.error(
                    path!["data", i, "category"],
                    format!("malformed category key: {e}"),
                )
                .hint = Some("use a dotted key such as `user.contact.email`".into());
            } else if category::known(&element.category).is_none()
                && !custom.contains_key(element.category.as_str())
            {
                let hint = unknown_category_hint(&element.category, &custom);
                c.error(
                    path!["data", i, "category"],
                    format!(
                        "unknown data category `{}`: it is not in the fideslang taxonomy and the \
                     map does not declare it",
                        element.category
                    ),
                )
                .hint = Some(hint);
            }
            for (k, class) in element.may_contain.iter().enumerate() {
                if *class == Sensitivity::Ordinary {
                    c.error(
                    path!["data", i, "may_contain", k],
                    "`may_contain: [Ordinary]` says nothing".into(),
                )
                .hint = Some(
                    "list what it may hold: `SpecialCategory` (Art. 9), `CriminalOffence` (Art. 10)"
                        .into(),
                );
                }
            }
            c.allows(path!["data", i], &element.allow);
        }
        for (i, step) in doc.steps.iter().enumerate() {
            if step.title.trim().is_empty() {
                c.error(
                    path!["steps", i, "title"],
                    format!("step `{}` has an empty title", step.id),
                );
            }
            c.reference(
                path!["steps", i, "channel"],
                "channel",
                &step.channel,
                &channels,
            );
            c.reference(path!["steps", i, "stage"], "stage", &step.stage, &stages);
            if !(-2..=2).contains(&step.emotion) {
                c.error(
                    path!["steps", i, "emotion"],
                    format!("emotion {} is out of range", step.emotion),
                )
                .hint = Some("use -2 (angry) to +2 (delighted)".into());
            }
            if let Some(decision) = &step.decision
                && decision.effect.trim().is_empty()
            {
                c.error(
                    path!["steps", i, "decision", "effect"],
                    "an automated decision needs its `effect`".into(),
                )
                .hint = Some("say what is decided, e.g. \"whether to open the account\"".into());
            }
            c.allows(path!["steps", i], &step.allow);
            for (j, col) in step.collects.iter().enumerate() {
                if let Some(about) = &col.about {
                    c.reference(
                        path!["steps", i, "collects", j, "about"],
                        "data subject",
                        about,
                        &subjects,
                    );
                }
                if let Some(source) = &col.source {
                    c.reference(
                        path!["steps", i, "collects", j, "source"],
                        "party",
                        source,
                        &parties,
                    );
                    if col.method != Method::ThirdParty {
                        c.error(
                        path!["steps", i, "collects", j, "source"],
                        "`source` names where third-party data comes from, but this collection \
                         is not `method: ThirdParty`"
                            .into(),
                    )
                    .hint = Some("add `method: ThirdParty`, or remove `source`".into());
                    }
                }
                for (k, party) in col.shared_with.iter().enumerate() {
                    c.reference(
                        path!["steps", i, "collects", j, "shared_with", k],
                        "party",
                        party,
                        &parties,
                    );
                }
                c.reference(
                    path!["steps", i, "collects", j, "element"],
                    "data element",
                    &col.element,
                    &elements,
                );
                for (k, system) in col.stored_in.iter().enumerate() {
                    c.reference(
                        path!["steps", i, "collects", j, "stored_in", k],
                        "system",
                        system,
                        &systems,
                    );
                }
                c.allows(path!["steps", i, "collects", j], &col.allow);
            }
        }
    }
}

impl Checker<'_> {
    /// Review records: real dates, an owner and a due date on each deferred action (and on
    /// nothing else, so a date never sits where no rule will read it), no empty ids.
    fn reviews(&mut self, doc: &Document) {
        const DATE_HINT: &str = "write dates as YYYY-MM-DD, e.g. `2026-03-31`";
        for (i, review) in doc.reviews.iter().enumerate() {
            if let Err(e) = Date::parse(&review.date) {
                self.error(path!["reviews", i, "date"], format!("review date: {e}"))
                    .hint = Some(DATE_HINT.into());
            }
            for (k, who) in review.participants.iter().enumerate() {
                if who.trim().is_empty() {
                    self.error(
                        path!["reviews", i, "participants", k],
                        "an empty participant name".into(),
                    );
                }
            }
            for (j, d) in review.decisions.iter().enumerate() {
                let at = |field: &'static str| -> Vec<Key<'static>> {
                    vec![
                        Key::Field("reviews"),
                        Key::Index(i),
                        Key::Field("decisions"),
                        Key::Index(j),
                        Key::Field(field),
                    ]
                };
                for (field, value) in [("step", &d.step), ("element", &d.element)] {
                    if value.trim().is_empty() {
                        self.error(
                            &at(field),
                            format!("a review decision with an empty {field}"),
                        )
                        .hint = Some(
                            "name the step and the data element the decision is about by id".into(),
                        );
                    }
                }
                if let Some(due) = &d.due
                    && let Err(e) = Date::parse(due)
                {
                    self.error(&at("due"), format!("due date: {e}")).hint = Some(DATE_HINT.into());
                }
                if d.outcome == Outcome::Deferred {
                    for (field, value) in [("owner", &d.owner), ("due", &d.due)] {
                        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                            self.error(
                                &at("outcome"),
                                format!(
                                    "the deferred action on `{}` at `{}` has no {field}",
                                    d.element, d.step
                                ),
                            )
                            .hint = Some(
                                "a deferred action needs `owner:` (who will do it) and `due:` \
                                 (by when, YYYY-MM-DD)"
                                    .into(),
                            );
                        }
                    }
                } else {
                    for (field, value) in [("owner", &d.owner), ("due", &d.due)] {
                        if value.is_some() {
                            self.error(
                                &at(field),
                                format!(
                                    "`{field}` on a decision that is {}: only a deferred action \
                                     has an owner and a due date",
                                    d.outcome
                                ),
                            )
                            .hint = Some("make it `outcome: Deferred`, or remove the field".into());
                        }
                    }
                }
            }
        }
    }
}
