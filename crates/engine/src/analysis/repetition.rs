//! Rules on asking the customer again for what they already gave.

use std::collections::HashMap;

use petgraph::stable_graph::NodeIndex;

use super::dataflow::Availability;
use super::finding::Finding;
use super::justification::quoted;
use super::placeholder::is_placeholder;
use super::purpose::{self, PurposeKey};
use super::rule::Severity;
use super::rule::{Concern, Rule};
use crate::journey::{Collection, Journey, Method, Step};

pub(super) static CERTAIN_REPEAT: Rule = Rule {
    code: "TP007",
    name: "certain-repeat",
    severity: Severity::Warning,
    concern: Concern::Repeated,
    summary: "The customer is asked again for data already collected on every path to this step.",
    why: "Whichever way the customer came, the organisation already has this: the customer \
          gave it earlier, or it was observed or obtained then. Having to repeat \
          information is a main driver of disloyalty (56% of customers had to re-explain an \
          issue, CEB/HBR 2010), and collecting the same data twice multiplies copies to secure \
          and erase (Art. 5(1)(c), Art. 25). When the channel could read the earlier record it \
          is pure friction; when it cannot, it is an integration gap between channels that \
          were bolted on one by one.",
    fix: "Reuse the earlier record (give this channel read access to the system it is stored \
          in, or pass it along at the hand-over). If asking again is deliberate, say why with \
          `repeat_reason:` (e.g. strong customer authentication before a payment).",
    example: "// `account_number` asked on the web form and again by the phone agent\n\
              (element: \"account_number\", purpose: \"Find the account\", basis: Contract)",
    good: "// the agent reads `account_number` in the CRM the web form stored it in, and asks nothing;\n\
           // or, when asking again is deliberate:\n\
           (element: \"pin\", purpose: \"Authorise the payment\", basis: Contract, method: Verified,\n\
            repeat_reason: \"Strong customer authentication before a payment (PSD2 Art. 97)\")",
};

pub(super) static POSSIBLE_REPEAT: Rule = Rule {
    code: "TP008",
    name: "possible-repeat",
    severity: Severity::Advice,
    concern: Concern::Repeated,
    summary: "The customer may be asked again: some paths to this step already collected it.",
    why: "On some routes through the journey the customer already gave this, so they will \
          meet the question twice. Loops (try again, call back) are the usual cause.",
    fix: "Ask only when it is not already known on the route the customer came by (e.g. skip \
          the question when the record exists), or state `repeat_reason:` if re-asking is right.",
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
pub(super) fn check(journey: &Journey, flow: &Availability, out: &mut Vec<Finding>) {
    for (i, (ix, step)) in journey.steps().enumerate() {
        let reachable = flow.reachable.contains(ix.index());
        // Purposes each element was already listed for in this step.
        let mut listed: HashMap<&str, Vec<Option<PurposeKey>>> = HashMap::new();
        for (j, col) in step.collects.iter().enumerate() {
            let at = |f: Finding| f.at_collection(i, &step.id, j, &col.element, "element");
            let name = quoted(journey.element_name(&col.element));
            let purpose = purpose::key(col);
            let before = listed.entry(col.element.as_str()).or_default();
            let first_in_step = before.is_empty();
            // The same element for another purpose is one question serving two purposes.
            let duplicate = before
                .iter()
                .any(|p| p.is_none() || purpose.is_none() || *p == purpose);
            before.push(purpose);
            let Some(e) = journey.element_index(&col.element) else {
                continue;
            };
            let must = reachable && flow.must_in[ix.index()].contains(e);
            let may = reachable && flow.may_in[ix.index()].contains(e);
            if has_reason(col) {
                if reachable && !may && first_in_step {
                    let rule = &NEEDLESS_REPEAT_REASON;
                    let msg = format!(
                        "\"{}\" gives a reason for asking for {name} again, but no earlier step \
                         on any path collects it",
                        step.title
                    );
                    out.push(Finding::new(rule, msg).at_collection(
                        i,
                        &step.id,
                        j,
                        &col.element,
                        "repeat_reason",
                    ));
                }
                continue;
            }
            if !first_in_step {
                if duplicate {
                    out.push(at(Finding::new(
                        &REPEATED_IN_STEP,
                        format!(
                            "{name} is listed twice for the same purpose in \"{}\"",
                            step.title
                        ),
                    )));
                }
                continue;
            }
            if !col.method.asks_customer() || !may {
                continue;
            }
            let found = flow.earlier_collectors(journey, ix, e, 4);
            // Round a loop the step itself is an earlier collector; name it only if alone.
            let others: Vec<NodeIndex> =
                found.iter().copied().filter(|&p| p != ix).take(3).collect();
            let earlier = if others.is_empty() { found } else { others };
            let (gap, help) = integration(journey, step, &col.element, &earlier);
            let where_ = if earlier == [ix] {
                " (on an earlier pass through this step)".to_string()
            } else {
                describe_steps(journey, &earlier)
            };
            let related = earlier
                .iter()
                .map(|&p| journey.graph[p].id.clone())
                .collect();
            let finding = if must {
                Finding::new(
                    &CERTAIN_REPEAT,
                    format!(
                        "{name} is asked for again at \"{}\", though every path here already \
                         collected it{where_}; {gap}",
                        step.title
                    ),
                )
            } else {
                Finding::new(
                    &POSSIBLE_REPEAT,
                    format!(
                        "{name} may be asked for again at \"{}\": some paths here already \
                         collected it{where_}; {gap}",
                        step.title
                    ),
                )
            };
            out.push(at(finding.help(help).related(related)));
        }
    }
}

fn describe_steps(journey: &Journey, steps: &[NodeIndex]) -> String {
    if steps.is_empty() {
        return String::new();
    }
    let names: Vec<String> = steps
        .iter()
        .map(|&p| {
            let s = &journey.graph[p];
            format!("\"{}\" ({})", s.title, journey.channel_name(&s.channel))
        })
        .collect();
    format!(" (at {})", names.join(", "))
}

/// Tells friction (the channel could read the earlier record) from an integration gap.
fn integration(
    journey: &Journey,
    step: &Step,
    element: &str,
    earlier: &[NodeIndex],
) -> (String, String) {
    let channel = journey.channel(&step.channel);
    let channel_name = journey.channel_name(&step.channel);
    let reads: &[String] = channel.map_or(&[], |c| &c.reads);
    let mut stored: Vec<&str> = Vec::new();
    for &p in earlier {
        for col in journey.graph[p]
            .collects
            .iter()
            .filter(|c| c.element == element)
        {
            if col.method == Method::Verified {
                continue;
            }
            for s in &col.stored_in {
                if !stored.contains(&s.as_str()) {
                    stored.push(s);
                }
            }
        }
    }
    let system_name = |id: &str| {
        journey
            .system(id)
            .map_or(id.to_string(), |s| s.name.clone())
    };
    if let Some(readable) = stored.iter().find(|s| reads.iter().any(|r| r == *s)) {
        let sys = system_name(readable);
        (
            format!(
                "the {channel_name} channel can already read it in {sys}, so asking is pure friction"
            ),
            format!(
                "Look it up in {sys} instead of asking; if asking again is deliberate, say why with `repeat_reason:`."
            ),
        )
    } else if stored.is_empty() {
        (
            "it was only verified and discarded before, so the customer is checked twice".into(),
            "Carry the earlier verification forward (e.g. an authenticated session or a hand-over token), or state `repeat_reason:` if a fresh check is required.".into(),
        )
    } else {
        let systems: Vec<String> = stored.iter().map(|s| system_name(s)).collect();
        (
            format!(
                "the {channel_name} channel cannot read {} where it was stored: an integration gap",
                systems.join(" or ")
            ),
            format!(
                "Give the {channel_name} channel read access to {} or pass the data along at the hand-over; if asking again is deliberate, say why with `repeat_reason:`.",
                systems.join(" or ")
            ),
        )
    }
}
