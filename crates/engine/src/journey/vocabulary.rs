//! The closed vocabularies of a map: who acts, GDPR lawful bases and conditions, how data is taken.

use serde::{Deserialize, Serialize};

/// Who performs a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Actor {
    #[default]
    Customer,
    Agent,
    System,
}

impl Actor {
    pub fn label(self) -> &'static str {
        match self {
            Actor::Customer => "customer",
            Actor::Agent => "agent",
            Actor::System => "system",
        }
    }
}

/// GDPR Art. 6(1) lawful bases, (a) to (f).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LawfulBasis {
    Consent,
    Contract,
    LegalObligation,
    VitalInterests,
    PublicTask,
    LegitimateInterests,
}

impl LawfulBasis {
    pub const ALL: [LawfulBasis; 6] = [
        LawfulBasis::Consent,
        LawfulBasis::Contract,
        LawfulBasis::LegalObligation,
        LawfulBasis::VitalInterests,
        LawfulBasis::PublicTask,
        LawfulBasis::LegitimateInterests,
    ];

    /// The article reference, e.g. `Art. 6(1)(b)`.
    pub fn article(self) -> &'static str {
        match self {
            LawfulBasis::Consent => "Art. 6(1)(a)",
            LawfulBasis::Contract => "Art. 6(1)(b)",
            LawfulBasis::LegalObligation => "Art. 6(1)(c)",
            LawfulBasis::VitalInterests => "Art. 6(1)(d)",
            LawfulBasis::PublicTask => "Art. 6(1)(e)",
            LawfulBasis::LegitimateInterests => "Art. 6(1)(f)",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LawfulBasis::Consent => "consent",
            LawfulBasis::Contract => "contract",
            LawfulBasis::LegalObligation => "legal obligation",
            LawfulBasis::VitalInterests => "vital interests",
            LawfulBasis::PublicTask => "public task",
            LawfulBasis::LegitimateInterests => "legitimate interests",
        }
    }
}

/// The condition that lifts the ban on special-category data (Art. 9(2) a-j) or that
/// authorises criminal-offence data (Art. 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Condition {
    ExplicitConsent,
    EmploymentLaw,
    VitalInterests,
    NotForProfit,
    MadePublic,
    LegalClaims,
    SubstantialPublicInterest,
    HealthCare,
    PublicHealth,
    Research,
    /// Art. 10: under the control of official authority.
    OfficialAuthority,
    /// Art. 10: authorised by Union or Member State law with safeguards.
    AuthorisedByLaw,
}

impl Condition {
    /// Whether this condition is one of Art. 9(2)'s.
    pub fn is_art9(self) -> bool {
        !self.is_art10()
    }

    /// Whether this is an Art. 10 authority for criminal-offence data.
    pub fn is_art10(self) -> bool {
        matches!(
            self,
            Condition::OfficialAuthority | Condition::AuthorisedByLaw
        )
    }

    pub fn article(self) -> &'static str {
        match self {
            Condition::ExplicitConsent => "Art. 9(2)(a)",
            Condition::EmploymentLaw => "Art. 9(2)(b)",
            Condition::VitalInterests => "Art. 9(2)(c)",
            Condition::NotForProfit => "Art. 9(2)(d)",
            Condition::MadePublic => "Art. 9(2)(e)",
            Condition::LegalClaims => "Art. 9(2)(f)",
            Condition::SubstantialPublicInterest => "Art. 9(2)(g)",
            Condition::HealthCare => "Art. 9(2)(h)",
            Condition::PublicHealth => "Art. 9(2)(i)",
            Condition::Research => "Art. 9(2)(j)",
            Condition::OfficialAuthority | Condition::AuthorisedByLaw => "Art. 10",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Condition::ExplicitConsent => "explicit consent",
            Condition::EmploymentLaw => "employment and social security law",
            Condition::VitalInterests => "vital interests",
            Condition::NotForProfit => "not-for-profit body",
            Condition::MadePublic => "made manifestly public",
            Condition::LegalClaims => "legal claims",
            Condition::SubstantialPublicInterest => "substantial public interest",
            Condition::HealthCare => "health or social care",
            Condition::PublicHealth => "public health",
            Condition::Research => "archiving, research or statistics",
            Condition::OfficialAuthority => "official authority",
            Condition::AuthorisedByLaw => "authorised by law",
        }
    }
}

/// How a data element is taken at a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Method {
    /// The customer is asked and the answer is kept.
    #[default]
    Asked,
    /// The customer is asked, the answer is checked and then thrown away.
    Verified,
    /// Recorded from what the customer does (clicks, call audio, location).
    Observed,
    /// Derived from other data (a score, a segment).
    Inferred,
    /// Obtained from someone else (credit agency, partner).
    ThirdParty,
}

impl Method {
    pub fn label(self) -> &'static str {
        match self {
            Method::Asked => "asked",
            Method::Verified => "verified and discarded",
            Method::Observed => "observed",
            Method::Inferred => "inferred",
            Method::ThirdParty => "from a third party",
        }
    }

    /// Whether the customer has to do something for it (and so feels a repeat).
    pub fn asks_customer(self) -> bool {
        matches!(self, Method::Asked | Method::Verified)
    }
}

/// The GDPR class of a data element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Sensitivity {
    #[default]
    Ordinary,
    /// Art. 9(1) special category.
    SpecialCategory,
    /// Art. 10 criminal convictions and offences.
    CriminalOffence,
}

impl Sensitivity {
    pub fn label(self) -> &'static str {
        match self {
            Sensitivity::Ordinary => "ordinary",
            Sensitivity::SpecialCategory => "special category (Art. 9)",
            Sensitivity::CriminalOffence => "criminal offence (Art. 10)",
        }
    }
}

/// How consent is obtained (GDPR Art. 4(11), Art. 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConsentMethod {
    /// A box the person ticks themselves.
    UntickedBox,
    /// A separate button or prompt the person chooses ("Allow", "I agree").
    OptInButton,
    /// Said on a call that is recorded.
    SpokenAndRecorded,
    /// A signed form.
    SignedForm,
    /// A box ticked in advance: not consent (CJEU C-673/17 Planet49).
    PreTickedBox,
    /// Taken from silence, inactivity or carrying on: not consent (Recital 32).
    Implied,
}

impl ConsentMethod {
    pub fn label(self) -> &'static str {
        match self {
            ConsentMethod::UntickedBox => "an unticked box the person ticks",
            ConsentMethod::OptInButton => "an opt-in button or prompt",
            ConsentMethod::SpokenAndRecorded => "spoken and recorded",
            ConsentMethod::SignedForm => "a signed form",
            ConsentMethod::PreTickedBox => "a pre-ticked box",
            ConsentMethod::Implied => "implied",
        }
    }

    /// Whether it can be valid consent at all: an unambiguous, affirmative act (Art. 4(11)).
    pub fn is_affirmative(self) -> bool {
        !matches!(self, ConsentMethod::PreTickedBox | ConsentMethod::Implied)
    }
}

/// What the map says of transfers outside the EEA (Art. 30(1)(e)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Transfers {
    /// Nothing is said: where no system or recipient names a third country, the record says
    /// transfers are not stated.
    #[default]
    NotStated,
    /// The third countries the systems and recipients name are all there are: where none is
    /// named, the record says there are no transfers.
    OnlyThoseNamed,
}

/// What another organisation is to the controller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum PartyKind {
    /// Decides for itself what it does with the data (a credit reference agency).
    #[default]
    IndependentController,
    /// Decides it together with the controller (Art. 26).
    JointController,
    /// A regulator, tax office, police.
    PublicAuthority,
    /// Another company of the same group: a controller of its own.
    GroupCompany,
    /// Processes it on the controller's behalf (Art. 28).
    Processor,
}

impl PartyKind {
    pub fn label(self) -> &'static str {
        match self {
            PartyKind::IndependentController => "independent controller",
            PartyKind::JointController => "joint controller",
            PartyKind::PublicAuthority => "public authority",
            PartyKind::GroupCompany => "group company",
            PartyKind::Processor => "processor",
        }
    }
}

/// What allows an automated decision with legal or similar effect (Art. 22(2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DecisionBasis {
    /// Necessary for entering into or performing a contract with the person (Art. 22(2)(a)).
    Contract,
    /// Authorised by Union or Member State law with safeguards (Art. 22(2)(b)).
    AuthorisedByLaw,
    /// The person's explicit consent (Art. 22(2)(c)).
    ExplicitConsent,
}

impl DecisionBasis {
    pub fn article(self) -> &'static str {
        match self {
            DecisionBasis::Contract => "Art. 22(2)(a)",
            DecisionBasis::AuthorisedByLaw => "Art. 22(2)(b)",
            DecisionBasis::ExplicitConsent => "Art. 22(2)(c)",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DecisionBasis::Contract => "necessary for the contract",
            DecisionBasis::AuthorisedByLaw => "authorised by law",
            DecisionBasis::ExplicitConsent => "explicit consent",
        }
    }
}
