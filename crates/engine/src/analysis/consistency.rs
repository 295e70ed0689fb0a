//! Rules comparing collections with each other across the journey.

use super::found::Found;
use super::message::message;
use super::words::{Of, TextId, Texts, words};
use foldhash::HashMap;

use super::duties;
use super::justification::quoted;
use super::note::Draft;
use super::numbers::Numbers;
use super::purpose::{PurposeId, Purposes};
use super::rule::Severity;
use super::rule::{Concern, Rule};
use crate::journey::{Journey, LawfulBasis, Step};

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

/// One collection's lawful basis, with its step by reference: a finding names two steps,
/// and looking each up by id was a fifth of this rule's time on maps with many findings.
/// Kept small, as [`Kept`] is: one per collection, all held until every group is known.
struct Use<'a> {
    step_index: u32,
    collection: u32,
    step: &'a Step,
    basis: LawfulBasis,
}

pub(super) fn check(journey: &Journey, purposes: &Purposes, out: &mut Found) {
    let mut groups: HashMap<(&str, PurposeId), Vec<Use<'_>>> = HashMap::default();
    let mut order: Vec<(&str, PurposeId)> = Vec::new();
    for (i, (_, step)) in journey.steps().enumerate() {
        for (j, col) in step.collects.iter().enumerate() {
            let (Some(basis), Some(key)) = (col.basis, purposes.of_collection(i, j)) else {
                continue;
            };
            let group_key = (col.element.as_str(), key);
            let group = groups.entry(group_key).or_default();
            if group.is_empty() {
                order.push(group_key);
            }
            group.push(Use {
                step_index: i as u32,
                collection: j as u32,
                step,
                basis,
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
            let (here, there) = (&u.step.title, &reference.step.title);
            // A channel and a basis, as "(Phone (IVR)) under consent (Art. 6(1)(a))".
            let how = |channel, basis: LawfulBasis| {
                message!(
                    "({}) under {} ({})",
                    journey.channel_name(channel),
                    basis.label(),
                    basis.article()
                )
            };
            let msg = words!(
                out.texts(),
                "{} is collected at \"{}\" {}, but for the same purpose at \"{}\" {}: one \
                 purpose should have one lawful basis",
                name,
                here,
                how(&u.step.channel, u.basis),
                there,
                how(&reference.step.channel, main)
            );
            out.push(
                Draft::new(&CONFLICTING_LAWFUL_BASIS, msg)
                    .at_collection(
                        u.step_index as usize,
                        &u.step.id,
                        u.collection as usize,
                        element,
                        "basis",
                    )
                    .related(vec![&reference.step.id]),
            );
        }
    }
}

pub(super) static INCONSISTENT_RETENTION: Rule = Rule {
    code: "TP021",
    name: "inconsistent-retention",
    severity: Severity::Warning,
    concern: Concern::Incomplete,
    summary: "The same element, kept for the same purpose, has different retention periods.",
    why: "Storage limitation (Art. 5(1)(e)) ties how long data is kept to the purpose it serves: \
          one purpose has one period. When the web form keeps a phone number for 7 days and the \
          agent's system keeps it for 6 years for the same purpose, one of them keeps it longer \
          than the purpose needs, or the purposes really differ and should say so. The record \
          of processing then cannot give one time limit for erasure (Art. 30(1)(f)).",
    fix: "Agree one period for this purpose and state it everywhere (on the collections, or \
          once on each system with `retention:`); if the purposes differ, describe them \
          differently.",
    example: "// web: (element: \"phone\", purpose: \"Text updates about the fault\", \
              retention: \"7 days after the fault is closed\")\n\
              // agent: (element: \"phone\", purpose: \"Text updates about the fault\", \
              retention: \"Life of the contract plus 6 years\")",
    good: "// both: (element: \"phone\", purpose: \"Text updates about the fault\", \
           retention: \"7 days after the fault is closed\")",
};

/// One collection's retention periods, numbered to compare.
///
/// Kept small (a 100,000-step map has half a million collections, all held at once): the
/// step by reference, and the periods as a range of one list shared by all.
struct Kept<'a> {
    step_index: u32,
    collection: u32,
    step: &'a Step,
    /// Its periods: `from..to` in the shared list of periods as written, each with the
    /// number of its normalised form.
    from: u32,
    to: u32,
    /// Whether the collection states it (else its systems do).
    stated_here: bool,
}

/// Appends `period` lower-cased, its spaces collapsed to one, without a final full stop.
fn normalise_into(period: &str, out: &mut String) {
    for (i, word) in period.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    let kept = out.trim_end_matches('.').len();
    out.truncate(kept);
}

/// The periods collections are kept for, each numbered as written and by its normalised form
/// (a large map writes the same few periods on hundreds of thousands of collections).
#[derive(Default)]
struct Periods<'a> {
    /// Each period as written, by its number.
    written: Vec<Written<'a>>,
    by_text: HashMap<&'a str, u32>,
    normalised: Numbers,
    scratch: String,
}

struct Written<'a> {
    text: &'a str,
    /// The number of its normalised form: periods that differ only in case, spacing or a
    /// final full stop are the same.
    norm: u32,
    /// Its text in the findings' texts, once a finding names it.
    kept: Option<TextId>,
}

impl<'a> Periods<'a> {
    /// The number of `period` as written.
    fn of(&mut self, period: &'a str) -> u32 {
        if let Some(&n) = self.by_text.get(period) {
            return n;
        }
        self.scratch.clear();
        normalise_into(period, &mut self.scratch);
        let norm = self.normalised.of(&self.scratch);
        let n = self.written.len() as u32;
        self.written.push(Written {
            text: period,
            norm,
            kept: None,
        });
        self.by_text.insert(period, n);
        n
    }

    fn norm(&self, written: u32) -> u32 {
        self.written[written as usize].norm
    }

    fn text(&self, written: u32) -> &'a str {
        self.written[written as usize].text
    }

    /// The id of the period `written` in `texts`.
    fn kept(&mut self, written: u32, texts: &mut Texts) -> TextId {
        let w = &mut self.written[written as usize];
        *w.kept.get_or_insert_with(|| texts.add_str(w.text))
    }
}

/// TP021: the same element for the same purpose kept for different periods.
pub(super) fn check_retention(journey: &Journey, purposes: &Purposes, out: &mut Found) {
    let mut groups: HashMap<(&str, Option<&str>, PurposeId), Vec<Kept<'_>>> = HashMap::default();
    let mut order = Vec::new();
    let mut numbers = Periods::default();
    // Each collection's periods, by their numbers as written, one after the other.
    let mut periods: Vec<u32> = Vec::new();
    for (i, (_, step)) in journey.steps().enumerate() {
        for (j, col) in step.collects.iter().enumerate() {
            let Some(key) = purposes.of_collection(i, j) else {
                continue;
            };
            let retention = duties::retention(journey, col);
            let from = periods.len();
            periods.extend(retention.periods().into_iter().map(|p| numbers.of(p)));
            if periods.len() == from {
                continue;
            }
            let group_key = (col.element.as_str(), col.about.as_deref(), key);
            let group = groups.entry(group_key).or_default();
            if group.is_empty() {
                order.push(group_key);
            }
            group.push(Kept {
                step_index: i as u32,
                collection: j as u32,
                step,
                from: from as u32,
                to: periods.len() as u32,
                stated_here: matches!(retention, duties::Retention::Stated(_)),
            });
        }
    }
    let of = |k: &Kept<'_>| &periods[k.from as usize..k.to as usize];
    // What every finding of a group says alike, kept once (a group can have thousands); and
    // each collection kept for another period than its group's, with its group and period.
    let mut says: Vec<Says<'_, '_>> = Vec::new();
    let mut odd: Vec<(u32, u32, u32, u32, u32)> = Vec::new();
    for key in order {
        let kept = &groups[&key];
        // The period most collections give (the first seen on a tie) is taken as intended.
        let mut counts: Vec<(u32, u32, usize)> = Vec::new();
        for k in kept {
            for &written in of(k) {
                let norm = numbers.norm(written);
                match counts.iter_mut().find(|(n, _, _)| *n == norm) {
                    Some((_, _, c)) => *c += 1,
                    None => counts.push((norm, written, 1)),
                }
            }
        }
        if counts.len() < 2 {
            continue;
        }
        let Some(&(main, main_written, _)) = counts.iter().rev().max_by_key(|(_, _, c)| *c) else {
            continue;
        };
        let Some(reference) = kept
            .iter()
            .find(|k| of(k).iter().any(|&w| numbers.norm(w) == main))
        else {
            continue;
        };
        let group = says.len() as u32;
        for (n, k) in kept.iter().enumerate() {
            if let Some(&period) = of(k).iter().find(|&&w| numbers.norm(w) != main) {
                odd.push((k.step_index, k.collection, group, n as u32, period));
            }
        }
        let texts = out.texts();
        says.push(Says {
            kept,
            name: texts.add(&quoted(journey.element_name(key.0))),
            main_written: texts.add_str(numbers.text(main_written)),
            at_reference: texts.add(&quoted(&reference.step.title)),
            reference: reference.step_index,
            related: {
                let reference_id = texts.add_str(&reference.step.id);
                texts.join(&[reference_id])
            },
            element_id: key.0,
            element: journey.element_index(key.0),
        });
    }
    // In file order: each finding is placed in the outline next to the one before, and
    // names the step before's neighbour.
    odd.sort_unstable();
    for (_, _, group, n, period) in odd {
        let group = &says[group as usize];
        let k = &group.kept[n as usize];
        let texts = out.texts();
        let odd = numbers.kept(period, texts);
        let here = texts.of(Of::StepTitle, k.step_index as usize, |t| {
            t.add_str(&k.step.title)
        });
        let there = if group.reference == k.step_index {
            texts.add_str("this step, in another of its systems")
        } else {
            group.at_reference
        };
        let msg = words!(
            out.texts(),
            "{} is kept for \"{}\" after \"{}\", but for the same purpose for \"{}\" at \
             {}: one purpose should have one retention period (storage limitation, \
             Art. 5(1)(e))",
            group.name,
            odd,
            here,
            group.main_written,
            there
        );
        let field = if k.stated_here {
            "retention"
        } else {
            "stored_in"
        };
        let mut draft = Draft::new(&INCONSISTENT_RETENTION, msg)
            .at_collection(
                k.step_index as usize,
                &k.step.id,
                k.collection as usize,
                group.element_id,
                field,
            )
            .related_kept(group.related);
        if let Some(e) = group.element {
            draft = draft.element_at(e);
        }
        out.push(draft);
    }
}

/// What the findings of one group of [`check_retention`] say alike.
struct Says<'k, 'a> {
    kept: &'k [Kept<'a>],
    name: TextId,
    main_written: TextId,
    at_reference: TextId,
    /// The step of the first collection that gives the main period.
    reference: u32,
    related: TextId,
    element_id: &'a str,
    element: Option<usize>,
}
