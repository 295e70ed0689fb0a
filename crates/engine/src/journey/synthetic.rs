//! Generated journeys of any size, for benchmarks and scale tests.
//!
//! Deterministic (a fixed-seed xorshift), shaped like real maps: strands of steps through the
//! stages with branches, merges and loops back, several channels, about five collections a
//! step, mostly justified, with some repeats and gaps for the rules to find.

use super::document::{
    Allow, Channel, Collection, DataElement, Document, Flow, Meta, Stage, Step, System,
};
use super::vocabulary::LawfulBasis;

/// The size of a generated map.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub steps: usize,
    pub elements: usize,
    pub collections_per_step: usize,
    pub channels: usize,
    pub stages: usize,
    /// One step in this many carries `allow` entries (a step-wide one and one on a
    /// collection, some of them suppressing nothing); `None` for none.
    pub allow_every: Option<usize>,
}

impl Shape {
    /// `steps` steps with the proportions of the benchmark: ~5 collections a step,
    /// ~200 catalogue elements, 8 channels, 6 stages.
    pub fn with_steps(steps: usize) -> Shape {
        Shape {
            steps,
            elements: 200,
            collections_per_step: 5,
            channels: 8,
            stages: 6,
            allow_every: None,
        }
    }

    /// As [`Shape::with_steps`], with `allow` entries on about one step in a hundred, as the
    /// shared benchmark generator has them: the shape that once hid a quadratic suppression.
    pub fn with_allows(steps: usize) -> Shape {
        Shape {
            allow_every: Some(97),
            ..Shape::with_steps(steps)
        }
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Ordinary fideslang categories the generated elements cycle through.
const CATEGORIES: [&str; 12] = [
    "user.contact.email",
    "user.contact.phone_number",
    "user.contact.address.postal_code",
    "user.name",
    "user.account.username",
    "user.demographic.date_of_birth",
    "user.device.device_id",
    "user.behavior.purchase_history",
    "user.financial.bank_account",
    "user.location.imprecise",
    "user.content.private",
    "user.unique_id",
];

const BASES: [LawfulBasis; 3] = [
    LawfulBasis::Contract,
    LawfulBasis::Consent,
    LawfulBasis::LegitimateInterests,
];

/// Suppressions as people write them: a step-wide one, and one on a collection; about half
/// match a finding, the rest are stale.
fn allow(step: &mut Step, rng: &mut Rng) {
    let rules = [
        "possible-repeat",
        "no-customer-benefit",
        "certain-repeat",
        "TP005",
    ];
    step.allow.push(Allow {
        rule: rules[rng.below(rules.len())].to_string(),
        reason: "Agreed with the DPO at the last review".to_string(),
    });
    if let Some(col) = step.collects.first_mut() {
        col.allow.push(Allow {
            rule: rules[rng.below(rules.len())].to_string(),
            reason: "Asked again on purpose: see the design note".to_string(),
        });
    }
}

/// A generated map document with the given shape.
pub fn generate(shape: Shape) -> Document {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let channels = (0..shape.channels)
        .map(|c| Channel {
            id: format!("ch{c}"),
            name: format!("Channel {c}"),
            reads: vec![format!("sys{}", c % 3)],
            ..Channel::default()
        })
        .collect();
    let stages = (0..shape.stages)
        .map(|s| Stage {
            id: format!("st{s}"),
            name: format!("Stage {s}"),
        })
        .collect();
    let systems = (0..4)
        .map(|s| System {
            id: format!("sys{s}"),
            name: format!("System {s}"),
            ..System::default()
        })
        .collect();
    let data = (0..shape.elements)
        .map(|e| DataElement {
            id: format!("el{e}"),
            name: format!("Element {e}"),
            category: CATEGORIES[e % CATEGORIES.len()].to_string(),
            ..DataElement::default()
        })
        .collect();
    // The map is many strands of about 25 steps, one customer's way through all stages each,
    // with branches, loops and some strands merging into the next, like a library of journeys.
    const STRAND: usize = 25;
    let strand_len = STRAND.min(shape.steps.max(1));
    let mut steps: Vec<Step> = Vec::with_capacity(shape.steps);
    let mut taken: Vec<bool> = vec![false; shape.elements];
    let mut channel = 0;
    for i in 0..shape.steps {
        let pos = i % strand_len;
        if pos == 0 {
            taken.iter_mut().for_each(|t| *t = false);
        }
        if rng.below(10) < 3 {
            channel = rng.below(shape.channels);
        }
        let collects = (0..shape.collections_per_step)
            .map(|_| {
                // Designers mostly avoid asking twice; some repeats remain, some with a reason.
                let mut e = rng.below(shape.elements);
                if taken[e] && rng.below(10) < 8 {
                    e = rng.below(shape.elements);
                }
                let repeat = taken[e];
                taken[e] = true;
                let justified = rng.below(100) >= 3;
                // One basis per element, with a rare inconsistency.
                let basis = if rng.below(200) == 0 {
                    BASES[(e + 1) % BASES.len()]
                } else {
                    BASES[e % BASES.len()]
                };
                Collection {
                    element: format!("el{e}"),
                    purpose: justified.then(|| format!("Purpose of element {e}")),
                    basis: Some(basis),
                    retention: justified.then(|| "1 year".to_string()),
                    benefit: (rng.below(100) >= 15).then(|| "Faster service".to_string()),
                    // Consent is asked for as an option the customer may decline.
                    optional: basis == LawfulBasis::Consent,
                    stored_in: vec![format!("sys{}", e % 4)],
                    repeat_reason: (repeat && rng.below(10) < 4)
                        .then(|| "Re-verified before a sensitive change".to_string()),
                    ..Collection::default()
                }
            })
            .collect();
        let mut step = Step {
            id: format!("s{i}"),
            title: format!("Step {i}"),
            channel: format!("ch{channel}"),
            stage: format!("st{}", pos * shape.stages / strand_len),
            emotion: (rng.below(5) as i8) - 2,
            collects,
            ..Step::default()
        };
        if shape.allow_every.is_some_and(|n| i % n.max(1) == 0) {
            allow(&mut step, &mut rng);
        }
        steps.push(step);
    }
    let mut flows = Vec::with_capacity(shape.steps * 3 / 2);
    let flow = |from: usize, to: usize, label: Option<&str>| Flow {
        from: format!("s{from}"),
        to: format!("s{to}"),
        label: label.map(str::to_string),
        cases: Vec::new(),
    };
    for i in 0..shape.steps {
        let pos = i % strand_len;
        let strand_end = (i - pos + strand_len).min(shape.steps);
        if i + 1 < strand_end {
            flows.push(flow(i, i + 1, None));
        }
        if i + 3 < strand_end && rng.below(6) == 0 {
            flows.push(flow(i, i + 2 + rng.below(2), Some("branch")));
        }
        if pos > 5 && rng.below(20) == 0 {
            flows.push(flow(i, i - 2 - rng.below(4), Some("try again")));
        }
        if pos > 0 && i + strand_len < shape.steps && rng.below(30) == 0 {
            flows.push(flow(i, i + strand_len, Some("hand-over")));
        }
    }
    Document {
        meta: Meta {
            title: format!("Generated journey of {} steps", shape.steps),
            ..Meta::default()
        },
        channels,
        stages,
        systems,
        data,
        steps,
        flows,
        ..Document::default()
    }
}
