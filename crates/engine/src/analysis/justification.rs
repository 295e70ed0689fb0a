//! Rules on each collection's own justification: purpose, lawful basis, Art. 9/10 condition,
//! retention and customer benefit.

use super::duties;
use super::found::Found;
use super::message::message;
use super::note::Draft;
use super::placeholder::is_placeholder;
use super::purpose::is_undefined_use;
use super::rule::Severity;
use super::rule::{Concern, Rule};
use super::words::words;
use crate::journey::{Collection, Journey, Method, Sensitivity, Step};

pub(super) static UNJUSTIFIED_COLLECTION: Rule = Rule {
    code: "TP001",
    name: "unjustified-collection",
    severity: Severity::Error,
    concern: Concern::Unjustified,
    summary: "A data element is collected with no purpose, or only a placeholder one.",
    why: "GDPR Art. 5(1)(b) allows collection only for specified, explicit purposes, and \
          Art. 5(1)(c) only as much as the purpose needs. With no purpose there is nothing to \
          measure \"needed\" against, and the controller cannot demonstrate compliance \
          (Art. 5(2)). Placeholders such as \"tbd\" or fideslang's `collect` data use count as \
          no purpose.",
    fix: "State why the data is needed here (`purpose: \"...\"`, or a `data_use` key such as \
          `essential.service.authentication`). If no one can say why, stop collecting it.",
    example: "(element: \"date_of_birth\", purpose: \"tbd\", basis: Contract)",
    good: "(element: \"date_of_birth\", purpose: \"Check the applicant is over 18\", basis: Contract)",
};

pub(super) static MISSING_LAWFUL_BASIS: Rule = Rule {
    code: "TP002",
    name: "missing-lawful-basis",
    severity: Severity::Error,
    concern: Concern::Unjustified,
    summary: "A collection names no Art. 6 lawful basis.",
    why: "Every processing of personal data needs one of the six lawful bases of GDPR \
          Art. 6(1); without one it is unlawful, whatever its purpose.",
    fix: "Add `basis:` with one of Consent, Contract, LegalObligation, VitalInterests, \
          PublicTask, LegitimateInterests, and check with your DPO that it holds.",
    example: "(element: \"email\", purpose: \"Send the order confirmation\")",
    good: "(element: \"email\", purpose: \"Send the order confirmation\", basis: Contract)",
};

pub(super) static SPECIAL_CATEGORY_WITHOUT_CONDITION: Rule = Rule {
    code: "TP003",
    name: "special-category-without-condition",
    severity: Severity::Error,
    concern: Concern::Unjustified,
    summary: "Special-category data (Art. 9) is collected without an Art. 9(2) condition.",
    why: "Health, biometric, genetic data, racial or ethnic origin, political opinions, \
          religious beliefs, trade-union membership, sex life and sexual orientation may not be \
          processed at all (Art. 9(1)) unless one of the Art. 9(2) conditions holds, in \
          addition to an Art. 6 basis. The same holds where an element only may contain such \
          data (`may_contain: [SpecialCategory]`: a call recording in which callers mention \
          their health, a free-text note, a photo of an injury): the condition must cover the \
          times it does.",
    fix: "Add `condition:` naming the Art. 9(2) condition (e.g. ExplicitConsent, HealthCare, \
          SubstantialPublicInterest), or stop collecting the data. If the category is wrong, \
          fix the element's `category` or state `sensitivity: Ordinary`.",
    example: "(element: \"selfie\", purpose: \"Check the applicant is who they say\", \
              basis: LegalObligation)  // selfie has category user.biometric",
    good: "(element: \"selfie\", purpose: \"Check the applicant is who they say\", \
           basis: LegalObligation, condition: ExplicitConsent, optional: true)  // a branch visit is offered instead",
};

pub(super) static CRIMINAL_DATA_WITHOUT_AUTHORITY: Rule = Rule {
    code: "TP004",
    name: "criminal-data-without-authority",
    severity: Severity::Error,
    concern: Concern::Unjustified,
    summary: "Criminal-offence data (Art. 10) is collected without stating its authority.",
    why: "GDPR Art. 10 allows data on criminal convictions and offences only under official \
          authority or where Union or Member State law authorises it with safeguards; also \
          where an element only may contain it (`may_contain: [CriminalOffence]`).",
    fix: "Add `condition: AuthorisedByLaw` (naming the law in the purpose) or \
          `condition: OfficialAuthority`, or stop collecting it.",
    example: "(element: \"convictions\", purpose: \"Vet the applicant\", basis: LegalObligation)",
    good: "(element: \"convictions\", purpose: \"Vet the applicant (Safeguarding Vulnerable Groups Act 2006)\", \
           basis: LegalObligation, condition: AuthorisedByLaw)",
};

pub(super) static MISSING_RETENTION: Rule = Rule {
    code: "TP005",
    name: "missing-retention",
    severity: Severity::Warning,
    concern: Concern::Incomplete,
    summary: "A stored collection says nothing about how long it is kept.",
    why: "Storage limitation (Art. 5(1)(e)) means keeping data no longer than the purpose \
          needs, and the record of processing should give time limits for erasure \
          (Art. 30(1)(f)). Data that is only verified and discarded needs none.",
    fix: "Add `retention:` with a period and its trigger, e.g. \"6 years after the account \
          closes\", or mark it `method: Verified` if it is checked and thrown away.",
    example: "(element: \"phone\", purpose: \"Call back about the fault\", basis: Contract)",
    good: "(element: \"phone\", purpose: \"Call back about the fault\", basis: Contract, \
           retention: \"Deleted 30 days after the fault is closed\")",
};

pub(super) static NO_CUSTOMER_BENEFIT: Rule = Rule {
    code: "TP006",
    name: "no-customer-benefit",
    severity: Severity::Advice,
    concern: Concern::Incomplete,
    summary: "A collection does not say how it helps the customer.",
    why: "\"Consider what data you are collecting and why. How will it help you improve the \
          customer experience?\" Data that serves only the organisation is the first to \
          question in a minimisation review, and customers give more willingly when they see \
          what is in it for them.",
    fix: "Add `benefit:` in the customer's words (\"we can ring you back instead of you \
          waiting on hold\"). If you cannot, reconsider asking.",
    example: "(element: \"marketing_source\", purpose: \"Attribute sign-ups\", \
              basis: LegitimateInterests, retention: \"2 years\")",
    good: "(element: \"phone\", purpose: \"Call back about the fault\", basis: Contract, \
           benefit: \"We ring them back instead of them waiting on hold\")",
};

pub(super) static UNNAMED_SOURCE: Rule = Rule {
    code: "TP022",
    name: "unnamed-source",
    severity: Severity::Advice,
    concern: Concern::Incomplete,
    summary: "Data obtained from a third party does not say where it comes from.",
    why: "When personal data is not obtained from the person, the controller must tell them \
          from which source it originates (GDPR Art. 14(2)(f)) within a month, and be able to \
          answer an access request about it (Art. 15(1)(g)). A map that says only \"from a third \
          party\" leaves the privacy notice and the record without the source.",
    fix: "Name the organisation with `source:` (an id in `parties:`, e.g. the credit reference \
          agency), so the notice and the record of processing can name it.",
    example: "(element: \"credit_file\", purpose: \"Decide the overdraft\", basis: \
              LegitimateInterests, method: ThirdParty)",
    good: "(element: \"credit_file\", purpose: \"Decide the overdraft\", basis: \
           LegitimateInterests, method: ThirdParty, source: \"cra\")\n\
           parties: [(id: \"cra\", name: \"Northstar Credit Reference Ltd\", kind: \
           IndependentController)]",
};

/// An element's name as it stands in a sentence: quoted, since names are free text.
pub(super) fn quoted(name: &str) -> Quoted<'_> {
    Quoted(name)
}

/// A name in double quotes, written into a message where it is used: made for every
/// collection, whether or not it has a finding, it was half a million small allocations.
#[derive(Debug, Clone, Copy)]
pub(super) struct Quoted<'a>(&'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\"{}\"", self.0)
    }
}

/// Checks every collection of every step.
pub(super) fn check(journey: &Journey, out: &mut Found) {
    for (i, (_, step)) in journey.steps().enumerate() {
        for (j, col) in step.collects.iter().enumerate() {
            check_collection(journey, i, step, j, col, out);
        }
    }
}

fn check_collection<'a>(
    journey: &Journey,
    i: usize,
    step: &'a Step,
    j: usize,
    col: &'a Collection,
    out: &mut Found,
) {
    let name = quoted(journey.element_name(&col.element));
    let at = |f: Draft<'a>, field| f.at_collection(i, &step.id, j, &col.element, field);
    let purpose = col.purpose.as_deref();

    if is_placeholder(purpose) && is_undefined_use(col.data_use.as_deref()) {
        let (what, field) = match (purpose, col.data_use.as_deref()) {
            (Some(p), _) if !p.trim().is_empty() => (
                message!("only the placeholder purpose \"{}\"", p.trim()),
                "purpose",
            ),
            (_, Some(u)) => (
                message!("only the data use `{u}`, which means \"not yet defined\""),
                "data_use",
            ),
            _ => ("no purpose".to_string(), "element"),
        };
        let msg = words!(
            out.texts(),
            "{} is collected at \"{}\" with {}: nobody can show it is needed (GDPR Art. 5(1)(b) \
             purpose limitation)",
            name,
            step.title,
            what
        );
        out.push(at(Draft::new(&UNJUSTIFIED_COLLECTION, msg), field));
    }

    if col.basis.is_none() {
        let msg = words!(
            out.texts(),
            "{} is collected at \"{}\" with no lawful basis: processing without one of the \
             Art. 6(1) bases is unlawful",
            name,
            step.title
        );
        out.push(at(Draft::new(&MISSING_LAWFUL_BASIS, msg), "element"));
    }

    let condition = col.condition;
    let field = if condition.is_some() {
        "condition"
    } else {
        "element"
    };
    for need in duties::conditions(journey, col)
        .into_iter()
        .filter(|n| !n.met)
    {
        let finding = match need.class {
            Sensitivity::SpecialCategory => {
                let given = condition.map_or(String::new(), |c| {
                    message!(
                        " (`{c:?}` is an {} authority, not an Art. 9(2) condition)",
                        c.article()
                    )
                });
                let msg = if need.only_may {
                    words!(
                        out.texts(),
                        "{}, collected at \"{}\", may contain special-category data (its \
                         `may_contain`), and no Art. 9(2) condition is stated for when it \
                         does{}: processing it is prohibited unless one holds",
                        name,
                        step.title,
                        given
                    )
                } else {
                    words!(
                        out.texts(),
                        "{} is special-category data, collected at \"{}\" without an \
                         Art. 9(2) condition{}: processing it is prohibited unless one holds",
                        name,
                        step.title,
                        given
                    )
                };
                Draft::new(&SPECIAL_CATEGORY_WITHOUT_CONDITION, msg)
            }
            _ => {
                let msg = if need.only_may {
                    words!(
                        out.texts(),
                        "{}, collected at \"{}\", may contain criminal-offence data (its \
                         `may_contain`), and no Art. 10 authority is stated for when it does: \
                         only official authority or a law may allow it",
                        name,
                        step.title
                    )
                } else {
                    words!(
                        out.texts(),
                        "{} is criminal-offence data, collected at \"{}\" without an \
                         Art. 10 authority: only official authority or a law may allow it",
                        name,
                        step.title
                    )
                };
                Draft::new(&CRIMINAL_DATA_WITHOUT_AUTHORITY, msg)
            }
        };
        out.push(at(finding, field));
    }

    if let duties::Retention::Missing { without } = duties::retention(journey, col) {
        let systems: Vec<&str> = without.iter().map(|s| s.name.as_str()).collect();
        let where_ = if systems.is_empty() {
            String::new()
        } else {
            message!(", here or for {}", systems.join(" or "))
        };
        let msg = words!(
            out.texts(),
            "{} is kept after \"{}\" but no retention period is stated{} (storage limitation, \
             Art. 5(1)(e))",
            name,
            step.title,
            where_
        );
        out.push(at(
            Draft::new(&MISSING_RETENTION, msg),
            if col.retention.is_some() {
                "retention"
            } else {
                "element"
            },
        ));
    }

    if col.method == Method::ThirdParty && col.source.is_none() {
        let msg = words!(
            out.texts(),
            "{} comes from a third party at \"{}\", but the map does not say which: the \
             customer must be told the source (Art. 14(2)(f))",
            name,
            step.title
        );
        out.push(at(Draft::new(&UNNAMED_SOURCE, msg), "method"));
    }

    if is_placeholder(col.benefit.as_deref()) {
        let msg = words!(
            out.texts(),
            "nothing says how collecting {} at \"{}\" helps the customer",
            name,
            step.title
        );
        out.push(at(
            Draft::new(&NO_CUSTOMER_BENEFIT, msg),
            if col.benefit.is_some() {
                "benefit"
            } else {
                "element"
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collect_use_is_undefined() {
        assert!(is_undefined_use(Some("collect")));
        assert!(is_undefined_use(None));
        assert!(!is_undefined_use(Some("essential.service")));
    }
}
