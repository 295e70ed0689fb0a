//! Rules on automated decisions with legal or similarly significant effect (GDPR Art. 22).

use super::duties;
use super::finding::Place;
use super::found::Found;
use super::message::message;
use super::note::Draft;
use super::rule::{Concern, Rule, Severity};
use crate::journey::Journey;

pub(super) static AUTOMATED_DECISION_WITHOUT_SAFEGUARDS: Rule = Rule {
    code: "TP020",
    name: "automated-decision-without-safeguards",
    severity: Severity::Error,
    concern: Concern::Unjustified,
    summary: "An automated decision with legal or similar effect lacks an Art. 22(2) basis or a \
              way to reach a person.",
    why: "A person has the right not to be subject to a decision based solely on automated \
          processing that has legal or similarly significant effects (GDPR Art. 22(1)): refusing \
          an account, a loan, a contract. It is allowed only when necessary for a contract with \
          them, authorised by law, or with their explicit consent (Art. 22(2)), and then the \
          controller must let them obtain human intervention, express their view and contest \
          the decision (Art. 22(3)). Such profiling usually needs a DPIA (Art. 35(3)(a)), and \
          special-category data may feed it only with explicit consent or a substantial public \
          interest (Art. 22(4)).",
    fix: "State the basis with `basis:` (Contract, AuthorisedByLaw, ExplicitConsent) and, with \
          `human_review:`, how the customer reaches a person who can look at the decision \
          again; if no basis applies, put a person in the decision.",
    example: "decision: (effect: \"Whether to open the account\")",
    good: "decision: (effect: \"Whether to open the account\", basis: Contract,\n           \
           human_review: \"The decision letter gives a number to ask a colleague to review it\")",
};

pub(super) fn check(journey: &Journey, out: &mut Found) {
    for (i, (_, step)) in journey.steps().enumerate() {
        let Some(decision) = &step.decision else {
            continue;
        };
        let mut missing = Vec::new();
        if decision.basis.is_none() {
            missing.push(
                "no basis that allows it (necessary for a contract, authorised by law, or \
                 explicit consent: Art. 22(2))",
            );
        }
        if duties::human_review(decision).is_none() {
            missing.push(
                "no way for the customer to reach a person, give their view and contest it \
                 (Art. 22(3))",
            );
        }
        if missing.is_empty() {
            continue;
        }
        let mut f = Draft::new(
            &AUTOMATED_DECISION_WITHOUT_SAFEGUARDS,
            message!(
                "\"{}\" makes an automated decision with legal or similar effect on the \
                 customer ({}), but states {}",
                step.title,
                decision.effect.trim(),
                missing.join(", and ")
            ),
        )
        .at_step(i, &step.id);
        f.place = Place::path([
            crate::source::Key::Field("steps"),
            crate::source::Key::Index(i),
            crate::source::Key::Field("decision"),
        ]);
        out.push(f);
    }
}
