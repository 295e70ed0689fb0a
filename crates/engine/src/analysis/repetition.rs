//! Rules on asking the customer again for what they already gave.

use super::found::Found;
use super::message::message;
use super::words::{Of, TextId, Texts, words};
use foldhash::HashMap;
use petgraph::stable_graph::NodeIndex;

use super::dataflow::Availability;
use super::justification::quoted;
use super::note::Draft;
use super::placeholder::is_placeholder;
use super::purpose::{PurposeId, Purposes};
use super::routes::{self, Earlier, Kind, Route, Routes};
use super::rule::Severity;
use super::rule::{Concern, Rule};
use crate::journey::{Collection, Journey, Method, Sensitivity, category};

pub(super) static CERTAIN_REPEAT: Rule = Rule {
    code: "TP007",
    name: "certain-repeat",
    severity: Severity::Warning,
    concern: Concern::Repeated,
    summary: "The customer is asked again for data already collected on every route to this step.",
    why: "Whichever way the customer came, the organisation already has this: the customer \
          gave it earlier, or it was observed or obtained then. Having to repeat \
          information is a main driver of disloyalty (56% of customers had to re-explain an \
          issue, CEB/HBR 2010), and collecting the same data twice multiplies copies to secure \
          and erase (Art. 5(1)(c), Art. 25). The finding shows a route that makes it (entry → \
          … → earlier collection → … → this step), the shortest one first, and one route for \
          each other kind: where the channel could read what was kept it is pure friction; \
          where it cannot (or sees it masked) it is an integration gap between channels that \
          were bolted on one by one; where it was only checked, or typed into a form that keeps \
          no progress, nothing was kept to reuse. Routes are one customer's journey: with \
          `cases`, flows of different cases never join.",
    fix: "Reuse the earlier record: look it up, or pass it along at the hand-over. For \
          special-category, criminal or identity-document data, or a system run by another \
          organisation, do not widen access to it: stop asking, or carry forward the result \
          of the earlier check (verified: yes) instead of the data. If asking again is \
          deliberate, say why with `repeat_reason:` (e.g. strong customer authentication \
          before a payment).",
    example: "// `account_number` asked on the web form and again by the phone agent\n\
              (element: \"account_number\", purpose: \"Find the account\", basis: Contract)",
    good: "// the agent reads `account_number` in the CRM the web form stored it in, and asks nothing;\n\
           // or, when asking again is deliberate:\n\
           (element: \"pin\", purpose: \"Authorise the payment\", basis: Contract, method: Verified,\n \
           repeat_reason: \"Strong customer authentication before a payment (PSD2 Art. 97)\")",
};

pub(super) static POSSIBLE_REPEAT: Rule = Rule {
    code: "TP008",
    name: "possible-repeat",
    severity: Severity::Advice,
    concern: Concern::Repeated,
    summary: "The customer may be asked again: some routes to this step already collected it.",
    why: "On some routes through the journey the customer already gave this, so they will \
          meet the question twice. Loops (try again, call back) are the usual cause. The \
          finding shows such a route for each kind (friction, integration gap, checked only, \
          a form that keeps no progress), as TP007 does. A route combines only flows of one \
          case, so a loop of one kind of journey does not invent routes no customer takes.",
    fix: "Ask only when it is not already known on the route the customer came by (e.g. skip \
          the question when the record exists), say with `cases` which flows belong to which \
          kind of journey if the route shown is one no customer takes, or state \
          `repeat_reason:` if re-asking is right.",
    example: "// a \"still broken? call again\" loop back to a step that asks for the postcode",
    good: "// the call-again loop skips the postcode question when the fault record already has it",
};

pub(super) static REPEATED_IN_STEP: Rule = Rule {
    code: "TP009",
    name: "repeated-in-step",
    severity: Severity::Warning,
    concern: Concern::Repeated,
    summary: "The same data element is listed twice in one step for the same purpose.",
    why: "Within one interaction the customer is asked the same thing twice, or the map \
          double-counts a collection, which skews the inventory. (The same element listed \
          for two different purposes, each with its own basis, is one question serving two \
          purposes and is not flagged.)",
    fix: "Remove the duplicate entry, give each entry its own distinct purpose, or state \
          `repeat_reason:` (e.g. \"type the new password twice to confirm\").",
    example: "collects: [(element: \"email\", ...), (element: \"email\", ...)]",
    good: "collects: [(element: \"email\", purpose: \"Send the receipt\", basis: Contract, ...),\n\
           (element: \"email\", purpose: \"Send offers\", basis: Consent, optional: true, ...)]",
};

pub(super) static NEEDLESS_REPEAT_REASON: Rule = Rule {
    code: "TP014",
    name: "needless-repeat-reason",
    severity: Severity::Advice,
    concern: Concern::Map,
    summary: "A collection explains a repeat, but nothing earlier collects the element.",
    why: "A stale `repeat_reason` misleads reviewers: it suggests a second collection that \
          no longer happens, or the earlier step was moved or removed.",
    fix: "Remove `repeat_reason`, or check the flows: the earlier step may no longer lead here.",
    example: "(element: \"pin\", repeat_reason: \"Re-verify before payment\", ...) // first ask",
    good: "(element: \"pin\", repeat_reason: \"Re-verify before payment\", ...)  // after a step that asked for it",
};

fn has_reason(col: &Collection) -> bool {
    !is_placeholder(col.repeat_reason.as_deref())
}

/// Checks every reachable step against what the customer already gave.
pub(super) fn check<'a>(
    journey: &'a Journey,
    flow: &Availability,
    purposes: &Purposes,
    out: &mut Found,
) {
    // Purposes each element was already listed for in the step, per person it is about
    // (one table, emptied for each step).
    let mut listed: HashMap<(&str, Option<&str>), Vec<Option<PurposeId>>> = HashMap::default();
    let mut scratch = routes::Scratch::default();
    let mut names = Names::default();
    // Each help made, by its advices in order: a large map has hundreds of thousands of
    // repeats and a few thousand different helps.
    let mut helps: HashMap<[Option<TextId>; 3], TextId> = HashMap::default();
    // Whether each element is sensitive, worked out the first time.
    let mut sensitive: Vec<Option<bool>> = vec![None; journey.elements.len()];
    for (i, (ix, step)) in journey.steps().enumerate() {
        let reachable = flow.reachable.contains(ix.index());
        listed.clear();
        for ((j, col), e) in step.collects.iter().enumerate().zip(flow.elements.at(ix)) {
            let title = |texts: &mut Texts| texts.of(Of::StepTitle, i, |t| t.add_str(&step.title));
            let purpose = purposes.of_collection(i, j);
            let before = listed
                .entry((col.element.as_str(), col.about.as_deref()))
                .or_default();
            let first_in_step = before.is_empty();
            // The same element for another purpose is one question serving two purposes.
            let duplicate = before
                .iter()
                .any(|p| p.is_none() || purpose.is_none() || *p == purpose);
            before.push(purpose);
            let Some(e) = e else {
                continue;
            };
            let at = |f: Draft<'a>| {
                f.at_collection(i, &step.id, j, &col.element, "element")
                    .element_at(e)
            };
            let name = |texts: &mut Texts| {
                texts.of(Of::ElementName, e, |t| {
                    t.add(&quoted(&journey.elements[e].name))
                })
            };
            // Only the customer giving data about themselves repeats themselves.
            let about_customer = col.about.is_none();
            let must = reachable && about_customer && flow.must_in.contains(ix.index(), e);
            let may = reachable && about_customer && flow.may_in.contains(ix.index(), e);
            if has_reason(col) {
                if reachable && about_customer && !may && first_in_step {
                    let rule = &NEEDLESS_REPEAT_REASON;
                    let msg = message!(
                        "\"{}\" gives a reason for asking for {} again, but no earlier step \
                         on any path collects it",
                        step.title,
                        quoted(journey.element_name(&col.element))
                    );
                    out.push(
                        Draft::new(rule, msg)
                            .at_collection(i, &step.id, j, &col.element, "repeat_reason")
                            .element_at(e),
                    );
                }
                continue;
            }
            if !first_in_step {
                if duplicate {
                    let texts = out.texts();
                    let (name, title) = (name(texts), title(texts));
                    let msg = words!(
                        texts,
                        "{} is listed twice for the same purpose in \"{}\"",
                        name,
                        title
                    );
                    out.push(at(Draft::new(&REPEATED_IN_STEP, msg)));
                }
                continue;
            }
            if !col.method.asks_customer() || !may {
                continue;
            }
            let routes = routes::find(journey, flow, ix, &col.element, e, must, &mut scratch);
            let sensitive = *sensitive[e].get_or_insert_with(|| is_sensitive(journey, e));
            let texts = out.texts();
            let (name, title) = (name(texts), title(texts));
            let (routes_text, help) = describe(
                journey,
                ix,
                col,
                sensitive,
                &routes,
                texts,
                (&mut names, &mut helps),
            );
            let help = words!(texts, "{}", help);
            let related = routes
                .list
                .iter()
                .map(|r| journey.graph[r.earlier.step].id.as_str())
                .fold(Vec::new(), |mut v: Vec<&str>, id| {
                    if !v.contains(&id) {
                        v.push(id);
                    }
                    v
                });
            let finding = if must {
                let msg = words!(
                    out.texts(),
                    "{} is asked for again at \"{}\", though every route here already \
                     collected it{}",
                    name,
                    title,
                    routes_text
                );
                Draft::new(&CERTAIN_REPEAT, msg)
            } else {
                let msg = words!(
                    out.texts(),
                    "{} may be asked for again at \"{}\", as some routes here already \
                     collected it{}",
                    name,
                    title,
                    routes_text
                );
                Draft::new(&POSSIBLE_REPEAT, msg)
            };
            out.push(at(finding.help(help).related(related)));
        }
    }
}

/// How a route names a step.
#[derive(Debug, Clone, Copy)]
enum Naming {
    /// Its title.
    Title,
    /// Its title, as the earlier pass through the step the finding is on.
    EarlierPass,
    /// Its title and channel, as the earlier collection.
    WithChannel,
}

/// How routes name each step, kept the first time: a large map's routes name the same
/// steps hundreds of thousands of times.
#[derive(Debug, Default)]
struct Names {
    /// By node index, one per [`Naming`].
    kept: Vec<[Option<TextId>; 3]>,
}

impl Names {
    fn of(&mut self, journey: &Journey, texts: &mut Texts, ix: NodeIndex, how: Naming) -> TextId {
        if self.kept.len() <= ix.index() {
            self.kept.resize(ix.index() + 1, [None; 3]);
        }
        let slot = &mut self.kept[ix.index()][how as usize];
        if let Some(id) = *slot {
            return id;
        }
        let step = &journey.graph[ix];
        let title = quoted(&step.title);
        let id = match how {
            Naming::Title => texts.add(&title),
            Naming::EarlierPass => texts.add(&format_args!("{title} (an earlier pass)")),
            Naming::WithChannel => texts.add(&format_args!(
                "{title} ({})",
                journey.channel_name(&step.channel)
            )),
        };
        *slot = Some(id);
        id
    }
}

/// "\"Start\" → … → \"Earlier\" (Channel) → \"Next\" → here", as texts in `parts`: routes
/// are nearly all different, but are made of the same few step names.
fn route_text(
    journey: &Journey,
    s: NodeIndex,
    route: &Route,
    (texts, names): (&mut Texts, &mut Names),
    parts: &mut Vec<TextId>,
) {
    let earlier = route.earlier.step;
    let naming = if earlier == s {
        Naming::EarlierPass
    } else {
        Naming::WithChannel
    };
    let gap = texts.add_static("…");
    let mut steps: Vec<TextId> = Vec::new();
    if route.entry != earlier {
        steps.push(names.of(journey, texts, route.entry, Naming::Title));
        if route.gap_before {
            steps.push(gap);
        }
    }
    steps.push(names.of(journey, texts, earlier, naming));
    match route.between.as_slice() {
        [] => {}
        [one] => steps.push(names.of(journey, texts, *one, Naming::Title)),
        [.., last] => {
            steps.push(gap);
            steps.push(names.of(journey, texts, *last, Naming::Title));
        }
    }
    steps.push(texts.add_static("here"));
    let arrow = texts.add_static(" → ");
    for (k, step) in steps.into_iter().enumerate() {
        if k > 0 {
            parts.push(arrow);
        }
        parts.push(step);
    }
}

/// Whether data of this element must not be spread further: special-category or criminal
/// data, or identity documents and numbers (`user.government_id`).
fn is_sensitive(journey: &Journey, element: usize) -> bool {
    let e = &journey.elements[element];
    if journey.sensitivity(e) != Sensitivity::Ordinary {
        return true;
    }
    let mut key = e.category.as_str();
    for _ in 0..16 {
        if category::is_under(key, "user.government_id") {
            return true;
        }
        match journey.custom_category(key) {
            Some(c) => key = c.parent.as_str(),
            None => return false,
        }
    }
    false
}

/// The routes' explanation (to follow the finding's first clause) and the help.
fn describe(
    journey: &Journey,
    s: NodeIndex,
    col: &Collection,
    sensitive: bool,
    routes: &Routes,
    texts: &mut Texts,
    (names, helps): (&mut Names, &mut HashMap<[Option<TextId>; 3], TextId>),
) -> (TextId, TextId) {
    let mut message: Vec<TextId> = Vec::new();
    let mut advices: [Option<TextId>; 3] = [None; 3];
    for (k, route) in routes.list.iter().enumerate().take(3) {
        let (what, advice) = explain(journey, s, col, sensitive, &route.earlier);
        let (what, advice) = (texts.add_str(&what), texts.add_str(&advice));
        if let Some(free) = advices.iter().position(|a| a.is_none_or(|a| a == advice)) {
            advices[free] = Some(advice);
        }
        message.push(texts.add_static(if k == 0 {
            ": on the route "
        } else {
            "; on the route "
        }));
        route_text(journey, s, route, (texts, names), &mut message);
        message.push(texts.add_static(", "));
        message.push(what);
    }
    if routes.list.len() > 3 {
        message.push(texts.add_static(" (and other kinds of route)"));
    }
    if !routes.complete {
        // The walk gave up: say so rather than classify routes it never looked at.
        message.push(texts.add_static(if routes.list.is_empty() {
            "; the map is too large to name the route here"
        } else {
            " (the map is too large to examine every route here)"
        }));
    }
    let help = *helps
        .entry(advices)
        .or_insert_with(|| help_text(texts, &advices));
    (texts.join(&message), help)
}

/// The help of a repeat: its advices (or, with none, the general one), the first with a
/// capital, and what to do if asking again is deliberate.
fn help_text(texts: &mut Texts, advices: &[Option<TextId>]) -> TextId {
    let mut advices = advices.iter().map_while(|&a| a);
    let first = match advices.next() {
        Some(first) => texts.str(first).to_string(),
        None => "reuse what the customer gave earlier".to_string(),
    };
    let mut parts = vec![texts.add_str(&capitalised(first))];
    for advice in advices {
        parts.push(texts.add_static("; "));
        parts.push(advice);
    }
    parts.push(texts.add_static("; if asking again is deliberate, say why with `repeat_reason:`."));
    texts.join(&parts)
}

/// How the route to a repeat explains what became of the data at the earlier collection,
/// and what it advises.
fn explain(
    journey: &Journey,
    s: NodeIndex,
    col: &Collection,
    sensitive: bool,
    earlier: &Earlier<'_>,
) -> (String, String) {
    let channel = journey.channel_name(&journey.graph[s].channel);
    let system_names = |ids: &[&str]| -> String {
        let names: Vec<&str> = ids
            .iter()
            .map(|&id| journey.system(id).map_or(id, |s| s.name.as_str()))
            .collect();
        names.join(" or ")
    };
    let element_name = journey.element_name(&col.element);
    match earlier.kind {
        Kind::Friction => {
            let sys = system_names(&earlier.readable);
            (
                message!(
                    "it is already in {sys}, which the {channel} channel can read: pure friction"
                ),
                message!("look it up in {sys} instead of asking"),
            )
        }
        Kind::Gap => {
            let masked_only = !earlier.masked.is_empty();
            let sys = system_names(&earlier.stored);
            let run_by: Vec<(String, String)> = earlier
                .stored
                .iter()
                .filter_map(|id| journey.system(id))
                .filter_map(|s| {
                    s.processor
                        .as_deref()
                        .filter(|p| !p.trim().is_empty())
                        .map(|p| (s.name.clone(), p.to_string()))
                })
                .collect();
            let advice = if sensitive {
                message!(
                    "do not widen access to {element_name}: stop asking for it here, or \
                     carry forward the result of the earlier check (e.g. `verified: yes` on \
                     the case) instead of the data"
                )
            } else if masked_only {
                message!(
                    "pass it along at the hand-over, or let the customer confirm the masked \
                     value the {channel} channel sees in {} instead of giving it again",
                    system_names(&earlier.masked)
                )
            } else if run_by.len() == earlier.stored.len() && !run_by.is_empty() {
                let (name, processor) = &run_by[0];
                message!(
                    "rather than opening {name} (run by {processor}) to the {channel} \
                     channel, pass on only what this step needs at the hand-over, or the \
                     result of the earlier check; or stop asking"
                )
            } else {
                message!(
                    "give the {channel} channel read access to {sys} or pass the data along \
                     at the hand-over"
                )
            };
            let what = if masked_only {
                message!(
                    "the {channel} channel reads {} but sees it masked there: an integration \
                     gap",
                    system_names(&earlier.masked)
                )
            } else {
                message!(
                    "it was stored in {sys}, which the {channel} channel cannot read: an \
                     integration gap"
                )
            };
            (what, advice)
        }
        Kind::NotKept => {
            // Checked twice only when this step checks too; otherwise it is asked for.
            let what = if col.method == Method::Verified {
                "it was only checked there and not kept, so the customer is checked twice"
            } else {
                "it was only checked there and not kept, so nothing was kept to reuse and \
                 the customer gives it again"
            };
            (
                what.to_string(),
                "carry the earlier check forward (an authenticated session or a hand-over \
                 token)"
                    .to_string(),
            )
        }
        Kind::Unstated => {
            // No `stored_in`: whether this channel could have read it is unknown, so
            // neither "discarded" nor "integration gap" would be true.
            let form = quoted(&journey.graph[earlier.step].title);
            let how = match earlier.method {
                Method::Observed => "observed",
                Method::Inferred => "inferred",
                Method::ThirdParty => "obtained from a third party",
                Method::Asked | Method::Verified => "given",
            };
            (
                message!(
                    "it was {how} there, but the map does not say where it was kept (no \
                     `stored_in`), so whether the {channel} channel could reuse it is unknown"
                ),
                message!(
                    "say with `stored_in:` where {form} keeps it, then reuse it from there \
                     or pass it along at the hand-over"
                ),
            )
        }
        Kind::Lost => {
            let form = quoted(&journey.graph[earlier.step].title);
            let finished = if earlier.readable.is_empty() {
                if earlier.stored.is_empty() {
                    String::new()
                } else {
                    message!(
                        " (one who finished it left it in {}, which the {channel} channel \
                         cannot read)",
                        system_names(&earlier.stored)
                    )
                }
            } else {
                message!(
                    " (one who finished it left it in {}, which the {channel} channel can \
                     read)",
                    system_names(&earlier.readable)
                )
            };
            (
                message!(
                    "{form} keeps no progress, so a customer who left it before the end gives it \
                     all again{finished}"
                ),
                message!(
                    "let {form} keep the customer's progress (a saved draft, a link to resume) or \
                     pass what they typed to the next channel"
                ),
            )
        }
    }
}

/// `text` with its first letter a capital. Every advice starts with an ASCII letter, changed
/// in place: going through the characters cost a tenth of this rule on a large map.
fn capitalised(mut text: String) -> String {
    match text.chars().next() {
        Some(first) if first.is_ascii() => {
            text[..1].make_ascii_uppercase();
            text
        }
        Some(first) => {
            let rest = &text[first.len_utf8()..];
            first.to_uppercase().chain(rest.chars()).collect()
        }
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::capitalised;

    #[test]
    fn advice_starts_with_a_capital() {
        assert_eq!(capitalised("look it up".into()), "Look it up");
        assert_eq!(capitalised("écrire".into()), "Écrire");
        assert_eq!(capitalised("ßa".into()), "SSa");
        assert_eq!(capitalised(String::new()), "");
    }
}
