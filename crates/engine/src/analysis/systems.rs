//! Rules on where data is kept and where it goes: transfers out of the EEA and the security
//! of the systems that hold it.

use super::duties::{self, Transfer};
use super::found::Found;
use super::message::message;
use super::note::Draft;
use super::rule::{Concern, Rule, Severity};
use crate::journey::Journey;

pub(super) static TRANSFER_WITHOUT_SAFEGUARDS: Rule = Rule {
    code: "TP016",
    name: "transfer-without-safeguards",
    severity: Severity::Error,
    concern: Concern::Unjustified,
    summary: "Personal data goes to a third country with no transfer safeguard stated.",
    why: "Personal data may leave the EEA only under GDPR Chapter V: an adequacy decision \
          (Art. 45), or appropriate safeguards such as standard contractual clauses or binding \
          corporate rules (Art. 46, 47), or one of the narrow derogations (Art. 49). The record \
          of processing must name the transfers and their safeguards (Art. 30(1)(e)). A system \
          or a recipient in a third country with none stated is a transfer nobody can show is \
          lawful.",
    fix: "State the mechanism with `safeguards:` (\"adequacy decision\", \"standard \
          contractual clauses (2021/914 module 2)\", \"binding corporate rules\"), or keep \
          the data in the EEA.",
    example: "systems: [(id: \"crm\", name: \"CRM\", processor: \"CloudCRM Inc.\", \
              third_country: \"United States\")]",
    good: "systems: [(id: \"crm\", name: \"CRM\", processor: \"CloudCRM Inc.\", \
           third_country: \"United States\",\n          \
           safeguards: \"EU-US Data Privacy Framework certification\")]",
};

pub(super) static MISSING_SECURITY_MEASURES: Rule = Rule {
    code: "TP017",
    name: "missing-security-measures",
    severity: Severity::Warning,
    concern: Concern::Incomplete,
    summary: "A system that holds personal data states no security measures.",
    why: "GDPR Art. 32 requires security appropriate to the risk (access control, encryption, \
          resilience, testing), and the record of processing should describe the measures \
          where possible (Art. 30(1)(g)). A system that keeps data collected in the journey \
          with nothing said about how it is protected is a gap in that record, and often a \
          system nobody has reviewed.",
    fix: "Add `security:` in general terms (\"encrypted at rest; staff access by role, \
          logged; ISO 27001\"), after checking with whoever runs the system.",
    example: "systems: [(id: \"gateway\", name: \"SMS gateway\", processor: \"Pingwire B.V.\")] \
              // and a collection has stored_in: [\"gateway\"]",
    good: "systems: [(id: \"gateway\", name: \"SMS gateway\", processor: \"Pingwire B.V.\",\n          \
           security: \"Messages deleted after 30 days; access by API key, rotated quarterly\")]",
};

pub(super) fn check(journey: &Journey, out: &mut Found) {
    let holding = duties::systems_holding_data(journey);
    for (i, system) in journey.systems.iter().enumerate() {
        if !holding.contains(system.id.as_str()) {
            continue;
        }
        if let Transfer::Unsafeguarded { country } = duties::system_transfer(system) {
            let by = system
                .processor
                .as_deref()
                .map_or(String::new(), |p| message!(", run by {p},"));
            out.push(
                Draft::new(
                    &TRANSFER_WITHOUT_SAFEGUARDS,
                    message!(
                        "{}{by} keeps personal data in {country}, outside the EEA, but no \
                         transfer safeguard is stated (GDPR Art. 44-46)",
                        system.name
                    ),
                )
                .at_system(i, &system.id, "third_country"),
            );
        }
        if duties::security(system).is_none() {
            out.push(
                Draft::new(
                    &MISSING_SECURITY_MEASURES,
                    message!(
                        "{} keeps personal data collected in this journey, but no security \
                         measures are stated for it (Art. 32, Art. 30(1)(g))",
                        system.name
                    ),
                )
                .at_system(i, &system.id, "id"),
            );
        }
    }
    let receiving = duties::parties_receiving_data(journey);
    for (i, party) in journey.parties.iter().enumerate() {
        if !receiving.contains(party.id.as_str()) {
            continue;
        }
        if let Transfer::Unsafeguarded { country } = duties::party_transfer(party) {
            out.push(
                Draft::new(
                    &TRANSFER_WITHOUT_SAFEGUARDS,
                    message!(
                        "personal data is sent to {} ({}) in {country}, outside the EEA, but no \
                         transfer safeguard is stated (GDPR Art. 44-46)",
                        party.name,
                        party.kind.label()
                    ),
                )
                .at_party(i, &party.id, "third_country"),
            );
        }
    }
}
