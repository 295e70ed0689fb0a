//! Generated journeys of any size, for benchmarks and scale tests.
//!
//! Deterministic (a fixed-seed xorshift), shaped like real maps: a main line through stages
//! with branches, merges and loops back, several channels, and about five collections a step.

use super::document::{
    Channel, Collection, DataElement, Document, Flow, Meta, Stage, Step, System,
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

const BASES: [LawfulBasis; 3] = [
    LawfulBasis::Contract,
    LawfulBasis::Consent,
    LawfulBasis::LegitimateInterests,
];

/// A generated map document with the given shape.
pub fn generate(shape: Shape) -> Document {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let channels = (0..shape.channels)
        .map(|c| Channel {
            id: format!("ch{c}"),
            name: format!("Channel {c}"),
            reads: vec![format!("sys{}", c % 3)],
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
            category: format!("user.custom.field_{e}"),
            ..DataElement::default()
        })
        .collect();
    let steps: Vec<Step> = (0..shape.steps)
        .map(|i| {
            let collects = (0..shape.collections_per_step)
                .map(|_| {
                    let e = rng.below(shape.elements);
                    let justified = rng.below(10) > 0;
                    Collection {
                        element: format!("el{e}"),
                        purpose: justified.then(|| format!("Purpose {}", e % 17)),
                        basis: Some(BASES[rng.below(BASES.len())]),
                        retention: justified.then(|| "1 year".to_string()),
                        benefit: (rng.below(2) == 0).then(|| "Faster service".to_string()),
                        stored_in: vec![format!("sys{}", rng.below(4))],
                        ..Collection::default()
                    }
                })
                .collect();
            Step {
                id: format!("s{i}"),
                title: format!("Step {i}"),
                channel: format!("ch{}", rng.below(shape.channels)),
                stage: format!("st{}", i * shape.stages / shape.steps.max(1)),
                emotion: (rng.below(5) as i8) - 2,
                collects,
                ..Step::default()
            }
        })
        .collect();
    let mut flows = Vec::with_capacity(shape.steps * 3 / 2);
    for i in 1..shape.steps {
        // Mostly a line, with some branches that skip ahead and some loops back.
        flows.push(Flow {
            from: format!("s{}", i - 1),
            to: format!("s{i}"),
            label: None,
        });
        if i + 3 < shape.steps && rng.below(5) == 0 {
            flows.push(Flow {
                from: format!("s{i}"),
                to: format!("s{}", i + 2 + rng.below(2)),
                label: Some("branch".into()),
            });
        }
        if i > 5 && rng.below(20) == 0 {
            flows.push(Flow {
                from: format!("s{i}"),
                to: format!("s{}", i - 1 - rng.below(5)),
                label: Some("try again".into()),
            });
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
    }
}
