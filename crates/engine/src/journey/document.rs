//! The map file's structure: what a person writes in RON, with string ids and optional fields.

use serde::{Deserialize, Serialize};

use super::review::Review;
use super::vocabulary::{Actor, Condition, LawfulBasis, Method, Sensitivity};

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
    #[serde(default)]
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub systems: Vec<System>,
    #[serde(default)]
    pub data: Vec<DataElement>,
    #[serde(default)]
    pub steps: Vec<Step>,
    #[serde(default)]
    pub flows: Vec<Flow>,
    /// What review meetings decided, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
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
}

/// A swimlane: a way the customer reaches the organisation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub id: String,
    pub name: String,
    /// Systems whose records this channel can read (so it need not ask again).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reads: Vec<String>,
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
}

/// One entry of the data catalogue.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataElement {
    pub id: String,
    pub name: String,
    /// A dotted, fideslang-style key such as `user.contact.email`.
    pub category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// States the GDPR class where the category does not imply it (custom keys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<Sensitivity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pain_points: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Marks a step where customers start, even if flows also lead into it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub entry: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collects: Vec<Collection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<Allow>,
}

/// One data element taken at a step, with its justification.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collection {
    pub element: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
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
    /// The customer may skip it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stored_in: Vec<String>,
    /// Why taking it again here is deliberate (e.g. strong customer authentication).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
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
}
