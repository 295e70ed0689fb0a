//! Rules on consent as a basis: how it is obtained and whether it can be freely given.

use super::found::Found;
use super::justification::quoted;
use super::note::Draft;
use super::rule::{Concern, Rule, Severity};
use super::words::words;
use crate::journey::{Collection, Condition, Journey, LawfulBasis};

pub(super) static INVALID_CONSENT: Rule = Rule {
    code: "TP018",
    name: "invalid-consent",
    severity: Severity::Error,
    concern: Concern::Unjustified,
    summary: "Consent is obtained with a pre-ticked box or implied from silence or use.",
    why: "Consent must be an unambiguous indication by a clear affirmative act (GDPR \
          Art. 4(11)); silence, inactivity or a pre-ticked box is not consent (Recital 32), as \
          the CJEU held for a pre-ticked cookie box in Planet49 (C-673/17, 2019). Processing that \
          rests on such \"consent\" has no lawful basis, and the controller must be able to \
          demonstrate real consent (Art. 7(1)). Explicit consent for Art. 9 data needs even \
          more.",
    fix: "Ask with an unticked box, an opt-in button or a recorded \"yes\" (`consent: \
          UntickedBox`, `OptInButton`, `SpokenAndRecorded`, `SignedForm`), or rest the \
          processing on another basis that really applies.",
    example: "(element: \"marketing\", purpose: \"Send offers\", basis: Consent, optional: true, \
              consent: PreTickedBox)",
    good: "(element: \"marketing\", purpose: \"Send offers\", basis: Consent, optional: true, \
           consent: UntickedBox)",
};

pub(super) static CONSENT_NOT_FREELY_GIVEN: Rule = Rule {
    code: "TP019",
    name: "consent-not-freely-given",
    severity: Severity::Warning,
    concern: Concern::Unjustified,
    summary: "Consent is the basis of a collection the customer cannot skip.",
    why: "Consent is freely given only if the person can refuse without losing the service: \
          when the service depends on data it does not need, consent is presumed not free \
          (GDPR Art. 7(4), Recital 43). If the customer cannot go on without giving it, \
          consent is the wrong basis; if the service really needs it, the contract or a legal \
          obligation is, and the customer should be told so.",
    fix: "If the customer can refuse at no cost (or the whole step is something they choose, \
          like a newsletter sign-up), mark the collection `optional: true`; if the service \
          needs the data, use the basis that fits (Contract, LegalObligation) and tell the \
          customer why it is required.",
    example: "(element: \"phone\", purpose: \"Text delivery updates\", basis: Consent)  \
              // the checkout cannot be finished without it",
    good: "(element: \"phone\", purpose: \"Text delivery updates\", basis: Consent, \
           optional: true, consent: UntickedBox)",
};

/// Whether a collection rests on consent: as its Art. 6 basis or its Art. 9 condition.
fn on_consent(col: &Collection) -> bool {
    col.basis == Some(LawfulBasis::Consent) || col.condition == Some(Condition::ExplicitConsent)
}

pub(super) fn check(journey: &Journey, out: &mut Found) {
    for (i, (_, step)) in journey.steps().enumerate() {
        for (j, col) in step
            .collects
            .iter()
            .enumerate()
            .filter(|(_, c)| on_consent(c))
        {
            let name = quoted(journey.element_name(&col.element));
            let which = if col.basis == Some(LawfulBasis::Consent) {
                "consent"
            } else {
                "explicit consent (its Art. 9(2) condition)"
            };
            if let Some(method) = col.consent.filter(|m| !m.is_affirmative()) {
                let msg = words!(
                    out.texts(),
                    "{} is collected at \"{}\" on {} obtained by {}: that is not consent, which \
                     needs a clear affirmative act (Art. 4(11); CJEU Planet49)",
                    name,
                    step.title,
                    which,
                    method.label()
                );
                out.push(Draft::new(&INVALID_CONSENT, msg).at_collection(
                    i,
                    &step.id,
                    j,
                    &col.element,
                    "consent",
                ));
            }
            if !col.optional {
                let field = if col.basis == Some(LawfulBasis::Consent) {
                    "basis"
                } else {
                    "condition"
                };
                let msg = words!(
                    out.texts(),
                    "{} is collected at \"{}\" on {}, but the customer cannot skip it (it is not \
                     `optional`): consent is not free when the service depends on it (Art. 7(4))",
                    name,
                    step.title,
                    which
                );
                out.push(Draft::new(&CONSENT_NOT_FREELY_GIVEN, msg).at_collection(
                    i,
                    &step.id,
                    j,
                    &col.element,
                    field,
                ));
            }
        }
    }
}
