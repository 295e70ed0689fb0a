//! The map's `reviews` section: what a workshop decided about each collection it looked at,
//! kept in the map so that it is versioned with it and an auditor can read it later
//! (accountability, GDPR Art. 5(2)); and the calendar dates those decisions carry.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One review meeting: when, who took part, and what it decided.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The meeting's date, `YYYY-MM-DD`.
    pub date: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<ReviewDecision>,
    /// The map's finding counts when the review started and after its last decision, for
    /// the minutes (written by the workbench's review walk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub findings: Option<FindingCounts>,
}

/// Finding counts before and after a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingCounts {
    pub before: Counts,
    pub after: Counts,
}

/// How many findings of each severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    #[serde(default)]
    pub error: usize,
    #[serde(default)]
    pub warning: usize,
    #[serde(default)]
    pub advice: usize,
}

/// What the review decided about one collection: a data element taken at a step. The step and
/// the element are ids as they were at the time; a dropped collection's step may have gone
/// since, so they are a record, not references the map must still hold.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewDecision {
    pub step: String,
    pub element: String,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who will do a deferred action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When a deferred action is due, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
}

/// The answer the room gave to "why?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Outcome {
    /// The collection's justification was completed.
    Justified,
    /// The collection was removed from the step.
    Dropped,
    /// Asking again here is deliberate; the reason is in `repeat_reason`.
    KeptRepeat,
    /// An action for later, with an owner and a due date.
    Deferred,
    /// Looked at, nothing decided.
    #[default]
    Skipped,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [
        Outcome::Justified,
        Outcome::Dropped,
        Outcome::KeptRepeat,
        Outcome::Deferred,
        Outcome::Skipped,
    ];

    /// The word people read: "justified", "kept the repeat".
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Justified => "justified",
            Outcome::Dropped => "dropped",
            Outcome::KeptRepeat => "kept the repeat",
            Outcome::Deferred => "deferred",
            Outcome::Skipped => "skipped",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// A calendar date, as the map writes it (`2026-11-29`); ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Reads `YYYY-MM-DD`; the message says what is wrong.
    pub fn parse(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let well_formed = parts.len() == 3
            && [4, 2, 2]
                .iter()
                .zip(&parts)
                .all(|(&n, p)| p.len() == n && p.bytes().all(|b| b.is_ascii_digit()));
        if !well_formed {
            return Err(format!("`{text}` is not a date written YYYY-MM-DD"));
        }
        let num = |p: &str| p.parse::<u16>().unwrap_or_default();
        let (year, month, day) = (num(parts[0]), num(parts[1]), num(parts[2]));
        if !(1..=12).contains(&month) {
            return Err(format!("`{text}` has no month {month}"));
        }
        let month = month as u8;
        if day == 0 || day > u16::from(days_in_month(year, month)) {
            return Err(format!("`{text}`: that month has no day {day}"));
        }
        Ok(Date {
            year,
            month,
            day: day as u8,
        })
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days((secs / 86_400) as i64)
    }

    /// Days since 1970-01-01 (H. Hinnant's days-from-civil).
    pub fn days(self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year) - i64::from(self.month <= 2),
            i64::from(self.month),
            i64::from(self.day),
        );
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `n` days later (earlier when negative).
    pub fn plus_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// The date `days` days after 1970-01-01 (H. Hinnant's civil-from-days).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: year.clamp(0, 9999) as u16,
            month,
            day,
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_and_write_back() {
        let d = Date::parse("2026-02-28").expect("a date");
        assert_eq!(d.to_string(), "2026-02-28");
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2026-02-29").is_err());
        assert!(Date::parse("2026-13-01").is_err());
        assert!(Date::parse("26-1-1").is_err());
        assert!(Date::parse("next week").is_err());
        assert!(Date::parse("2026-01-02") > Date::parse("2025-12-31"));
    }

    #[test]
    fn days_since_the_epoch() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_515).to_string(), "2026-03-03");
        assert_eq!(Date::from_days(11_016).to_string(), "2000-02-29");
        for days in [0, 11_016, 20_515, 59, 60, 365 * 400] {
            assert_eq!(Date::from_days(days).days(), days);
        }
        assert_eq!(
            Date::parse("2026-12-25").map(|d| d.plus_days(14).to_string()),
            Ok("2027-01-08".to_string())
        );
    }
}
