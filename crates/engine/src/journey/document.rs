//! The map file's structure: what a person writes in RON, with string ids and optional fields.

use serde::{Deserialize, Serialize};

use super::exact;
use super::review::Review;
use super::vocabulary::{
    Actor, Condition, ConsentMethod, DecisionBasis, LawfulBasis, Method, PartyKind, Sensitivity,
    Transfers,
};

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &i8) -> bool {
    *n == 0
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// One journey map, exactly as it stands in a `.ron` file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub meta: Meta,
    #[serde(default, deserialize_with = "exact::list")]
    pub channels: Vec<Channel>,
    #[serde(default, deserialize_with = "exact::list")]
    pub stages: Vec<Stage>,
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub systems: Vec<System>,
    /// Other organisations data comes from or goes to: independent controllers, public
    /// authorities, group companies (GDPR Art. 14, Art. 30(1)(d)).
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub parties: Vec<Party>,
    /// People data is collected about besides the customer (next of kin, a payee).
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub subjects: Vec<Subject>,
    /// Data categories of the map's own, for what the fideslang taxonomy has no key for.
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub categories: Vec<CustomCategory>,
    #[serde(default, deserialize_with = "exact::list")]
    pub data: Vec<DataElement>,
    #[serde(default, deserialize_with = "exact::list")]
    pub steps: Vec<Step>,
    #[serde(default, deserialize_with = "exact::list")]
    pub flows: Vec<Flow>,
    /// The steps where customers start. When given, these (and steps marked `entry: true`)
    /// are the only entries: a step none of them reaches is unreachable, wherever it stands.
    /// When left out, a step nothing leads to also counts as an entry.
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub entries: Vec<String>,
    /// Named kinds of customer journey ("new customer", "complaint") that flows can belong to.
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub cases: Vec<Case>,
    /// What review meetings decided, oldest first.
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub reviews: Vec<Review>,
}

/// What the map is about and whose it is.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who the journey is for; also the data subjects of the record of processing.
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub personas: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<Organisation>,
}

/// The controller, for record-of-processing exports (GDPR Art. 30(1)(a)).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub controller: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<String>,
    /// Who keeps the record of processing current (a person, team or role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Whether the third countries named on systems and recipients are all the transfers
    /// there are, so that the record can say "no transfers" instead of "not stated".
    #[serde(default, skip_serializing_if = "is_default")]
    pub transfers: Transfers,
}

/// A swimlane: a way the customer reaches the organisation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub id: String,
    pub name: String,
    /// Systems whose records this channel can read (so it need not ask again).
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub reads: Vec<String>,
    /// Fields of a readable system this channel does not see (masked card numbers).
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub masked: Vec<Masked>,
}

/// Data elements a channel cannot see in a system it otherwise reads.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Masked {
    pub system: String,
    #[serde(deserialize_with = "exact::list")]
    pub elements: Vec<String>,
}

/// A column of the journey, in order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub name: String,
}

/// Where collected data ends up.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct System {
    pub id: String,
    pub name: String,
    /// The processor running it, when not the controller itself (a recipient, Art. 30(1)(d)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processor: Option<String>,
    /// A country outside the EEA the data is transferred to (Art. 30(1)(e)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub third_country: Option<String>,
    /// The transfer safeguard, e.g. "standard contractual clauses".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safeguards: Option<String>,
    /// Security measures, in general terms (Art. 30(1)(g)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<String>,
    /// How long data is kept here, unless a collection states its own (Art. 30(1)(f)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<String>,
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub allow: Vec<Allow>,
}

/// Another organisation: where data comes from (Art. 14) or goes to (Art. 30(1)(d)).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: PartyKind,
    /// A country outside the EEA it is in: data sent to it is a transfer (Art. 30(1)(e)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub third_country: Option<String>,
    /// The transfer safeguard, e.g. "adequacy decision" or "standard contractual clauses".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safeguards: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub allow: Vec<Allow>,
}

/// A category of people data is about, other than the customer (Art. 30(1)(c)).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A named kind of journey through the map; flows can belong to some of them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A data category the map declares for itself, refining a known one: e.g. a house key
/// `user.medical.allergies` under `user.health`, special category.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomCategory {
    /// The dotted key data elements use, e.g. `user.financial.income`.
    pub key: String,
    /// The category it refines: a fideslang key or another of the map's own.
    pub parent: String,
    /// Its GDPR class: `Ordinary`, `SpecialCategory` (Art. 9) or `CriminalOffence` (Art. 10);
    /// never less strict than its parent's.
    pub sensitivity: Sensitivity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One entry of the data catalogue.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataElement {
    pub id: String,
    pub name: String,
    /// A fideslang data-category key such as `user.contact.email`, or one the map declares
    /// in `categories`.
    pub category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Overrides the GDPR class the category implies, for this element only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<Sensitivity>,
    /// Classes of data it may hold without being that data itself: a call recording or a
    /// free-text note may contain health details (`[SpecialCategory]`).
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub may_contain: Vec<Sensitivity>,
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub allow: Vec<Allow>,
}

/// A node of the journey: something that happens at one channel in one stage.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub title: String,
    pub channel: String,
    pub stage: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub actor: Actor,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How the customer feels here, from -2 (angry) to +2 (delighted).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub emotion: i8,
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub pain_points: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Marks a step where customers start, even if flows also lead into it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub entry: bool,
    /// What the step collects is lost when the customer leaves before the end (an unsaved
    /// web form): a customer who comes back gives it all again.
    #[serde(default, skip_serializing_if = "is_false")]
    pub lost_if_abandoned: bool,
    /// The step makes a decision by automated means with legal or similarly significant
    /// effect on the customer (GDPR Art. 22).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub collects: Vec<Collection>,
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub allow: Vec<Allow>,
}

/// An automated decision a step makes (GDPR Art. 22).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// What is decided, e.g. "Whether to open the account and the overdraft limit".
    pub effect: String,
    /// What allows deciding without a person (Art. 22(2)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<DecisionBasis>,
    /// How the customer reaches a person to review it, give their view and contest it
    /// (Art. 22(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub human_review: Option<String>,
}

/// One data element taken at a step, with its justification.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    pub element: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// The processing activity of the record of processing (Art. 30(1)) this collection
    /// belongs to, e.g. "Order lookup": collections that share one are one activity however
    /// their purposes are worded. Without it the record groups by purpose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// A fideslang data-use key such as `essential.service.authentication`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_use: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<LawfulBasis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<String>,
    /// How it helps the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit: Option<String>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub method: Method,
    /// How consent is obtained, when consent is the basis or the condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<ConsentMethod>,
    /// The customer may decline it and still get the service they came for (a newsletter
    /// sign-up is optional as a whole).
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// Whom the data is about, when not the customer: a `subjects` id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// Where third-party data comes from (`method: ThirdParty`): a `parties` id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Other organisations it is disclosed to: `parties` ids.
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub shared_with: Vec<String>,
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub stored_in: Vec<String>,
    /// Why taking it again here is deliberate (e.g. strong customer authentication).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_reason: Option<String>,
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub allow: Vec<Allow>,
}

/// A suppression of one rule, with the reason a reviewer can read.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    /// A rule code (`TP007`) or name (`certain-repeat`).
    pub rule: String,
    pub reason: String,
}

/// An edge: the customer can go from one step to the next.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The cases this flow belongs to; none means every case.
    #[serde(
        default,
        deserialize_with = "exact::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub cases: Vec<String>,
}
