//! Semantic checks on a parsed map: references resolve, ids are unique, values are in range.
//!
//! Every problem in the file is reported in one pass, each at its own position.

use std::collections::{HashMap, HashSet};

use super::diagnostic::Diagnostic;
use crate::analysis::{RULES, find_rule};
use crate::journey::{Allow, Date, Document, Outcome, category};
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
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(items.len());
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

/// All semantic problems of `doc`, in file order.
pub(super) fn validate(doc: &Document, src: &SourceMap, file: &str) -> Vec<Diagnostic> {
    let mut c = Checker {
        file,
        src,
        out: Vec::new(),
    };
    if doc.meta.title.trim().is_empty() {
        c.error(path!["meta", "title"], "the map has an empty title".into());
    }
    let channels = c.ids("channels", "channel", &doc.channels, |x| &x.id);
    let stages = c.ids("stages", "stage", &doc.stages, |x| &x.id);
    let systems = c.ids("systems", "system", &doc.systems, |x| &x.id);
    let elements = c.ids("data", "data element", &doc.data, |x| &x.id);
    let steps = c.ids("steps", "step", &doc.steps, |x| &x.id);

    for (i, channel) in doc.channels.iter().enumerate() {
        for (k, system) in channel.reads.iter().enumerate() {
            c.reference(path!["channels", i, "reads", k], "system", system, &systems);
        }
    }
    for (i, element) in doc.data.iter().enumerate() {
        if let Err(e) = category::validate(&element.category) {
            c.error(
                path!["data", i, "category"],
                format!("malformed category key: {e}"),
            )
            .hint = Some("use a dotted key such as `user.contact.email`".into());
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
        c.allows(path!["steps", i], &step.allow);
        for (j, col) in step.collects.iter().enumerate() {
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
    let mut seen_flows: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, flow) in doc.flows.iter().enumerate() {
        c.reference(path!["flows", i, "from"], "step", &flow.from, &steps);
        c.reference(path!["flows", i, "to"], "step", &flow.to, &steps);
        if flow.from == flow.to {
            c.error(
                path!["flows", i],
                format!("flow from step `{}` to itself", flow.from),
            )
            .hint = Some("a step that repeats is shown by a flow back to an earlier step".into());
        } else if let Some(&first) = seen_flows.get(&(flow.from.as_str(), flow.to.as_str())) {
            let first_pos = src.nearest(path!["flows", first]);
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
    c.reviews(doc);
    c.out.sort_by_key(|d| d.pos);
    c.out
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
