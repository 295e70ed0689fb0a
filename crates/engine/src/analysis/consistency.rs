//! Rules comparing collections with each other across the journey.

use std::collections::HashMap;

use super::finding::Finding;
use super::justification::quoted;
use super::purpose::{self, PurposeKey};
use super::rule::Severity;
use super::rule::{Concern, Rule};
use crate::journey::{Journey, LawfulBasis};

pub(super) static CONFLICTING_LAWFUL_BASIS: Rule = Rule {
    code: "TP010",
    name: "conflicting-lawful-basis",
    severity: Severity::Warning,
    concern: Concern::Incomplete,
    summary: "The same element, for the same purpose, has different lawful bases in different places.",
    why: "A purpose has one lawful basis. If the web form says consent and the call centre says \
          legitimate interests for the same data and purpose, at least one is wrong, and a \
          customer who withdraws consent cannot know what still applies (Art. 6, Art. 5(1)(a) \
          transparency). It is a classic sign of channels bolted on separately.",
    fix: "Agree one basis for this purpose with your DPO and use it in every channel; if the \
          purposes really differ, describe them differently.",
    example: "// web: (element: \"email\", purpose: \"Send offers\", basis: Consent)\n\
              // app: (element: \"email\", purpose: \"Send offers\", basis: LegitimateInterests)",
    good: "// web and app alike: (element: \"email\", purpose: \"Send offers\", basis: Consent)",
};

struct Use<'a> {
    step_index: usize,
    step: &'a str,
    collection: usize,
    basis: LawfulBasis,
    channel: &'a str,
}

pub(super) fn check(journey: &Journey, out: &mut Vec<Finding>) {
    let mut groups: HashMap<(&str, PurposeKey), Vec<Use<'_>>> = HashMap::new();
    let mut order: Vec<(&str, PurposeKey)> = Vec::new();
    for (i, (_, step)) in journey.steps().enumerate() {
        for (j, col) in step.collects.iter().enumerate() {
            let (Some(basis), Some(key)) = (col.basis, purpose::key(col)) else {
                continue;
            };
            let group_key = (col.element.as_str(), key);
            let group = groups.entry(group_key.clone()).or_default();
            if group.is_empty() {
                order.push(group_key);
            }
            group.push(Use {
                step_index: i,
                step: &step.id,
                collection: j,
                basis,
                channel: &step.channel,
            });
        }
    }
    for key in order {
        let uses = &groups[&key];
        // The basis most uses give (the first seen on a tie) is taken as the intended one.
        let mut counts: Vec<(LawfulBasis, usize)> = Vec::new();
        for u in uses {
            match counts.iter_mut().find(|(b, _)| *b == u.basis) {
                Some((_, n)) => *n += 1,
                None => counts.push((u.basis, 1)),
            }
        }
        if counts.len() < 2 {
            continue;
        }
        let Some(&(main, _)) = counts.iter().rev().max_by_key(|(_, n)| *n) else {
            continue;
        };
        let Some(reference) = uses.iter().find(|u| u.basis == main) else {
            continue;
        };
        let element = key.0;
        let name = quoted(journey.element_name(element));
        for u in uses.iter().filter(|u| u.basis != main) {
            let here = journey.step(u.step).map_or(u.step, |s| s.title.as_str());
            let there = journey.step_title(reference.step);
            let msg = format!(
                "{name} is collected at \"{here}\" ({}) under {} ({}), but for the same purpose \
                 at \"{there}\" ({}) under {} ({}): one purpose should have one lawful basis",
                journey.channel_name(u.channel),
                u.basis.label(),
                u.basis.article(),
                journey.channel_name(reference.channel),
                main.label(),
                main.article(),
            );
            out.push(
                Finding::new(&CONFLICTING_LAWFUL_BASIS, msg)
                    .at_collection(u.step_index, u.step, u.collection, element, "basis")
                    .related(vec![reference.step.to_string()]),
            );
        }
    }
}
