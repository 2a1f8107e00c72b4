//! The evidence log: accomplishments and praise, each with what the person
//! puts it down to — luck, effort, help from others, or their own ability.
//!
//! Attribution retraining looks at the pattern, not the single entry: month
//! by month, how much of the good news is credited to the person's own
//! effort or ability, and how much is waved away as luck. The summary is
//! there to be noticed, never to be graded.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::text;

/// The longest entry text we accept, in characters.
pub const MAX_EVIDENCE_CHARS: usize = 2_000;
/// The longest source ("who praised") we accept, in characters.
pub const MAX_SOURCE_CHARS: usize = 120;

/// What kind of evidence an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum EvidenceKind {
    /// Something the person did.
    Accomplishment,
    /// Something someone said about the person or their work.
    Praise,
}

impl EvidenceKind {
    /// Reads `accomplishment` or `praise` (any case).
    pub fn parse(raw: &str) -> Result<EvidenceKind, ValidationError> {
        match raw.trim().to_lowercase().as_str() {
            "accomplishment" | "done" => Ok(EvidenceKind::Accomplishment),
            "praise" => Ok(EvidenceKind::Praise),
            _ => Err(ValidationError::Other(format!(
                "\"{raw}\" is not a kind of evidence; use accomplishment (something you did) or praise (something someone said)."
            ))),
        }
    }

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Accomplishment => "accomplishment",
            EvidenceKind::Praise => "praise",
        }
    }
}

/// What the person puts a success down to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Attribution {
    Luck,
    Effort,
    Help,
    Ability,
}

impl Attribution {
    /// All four, in the order they are shown.
    pub const ALL: [Attribution; 4] = [
        Attribution::Luck,
        Attribution::Effort,
        Attribution::Help,
        Attribution::Ability,
    ];

    /// Reads `luck`, `effort`, `help` or `ability` (any case).
    pub fn parse(raw: &str) -> Result<Attribution, ValidationError> {
        match raw.trim().to_lowercase().as_str() {
            "luck" => Ok(Attribution::Luck),
            "effort" => Ok(Attribution::Effort),
            "help" => Ok(Attribution::Help),
            "ability" => Ok(Attribution::Ability),
            _ => Err(ValidationError::Other(format!(
                "\"{raw}\" is not an attribution; use luck, effort, help (from others) or ability (your own)."
            ))),
        }
    }

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Attribution::Luck => "luck",
            Attribution::Effort => "effort",
            Attribution::Help => "help",
            Attribution::Ability => "ability",
        }
    }

    /// Whether the person credits themselves (effort or ability).
    pub fn is_own(self) -> bool {
        matches!(self, Attribution::Effort | Attribution::Ability)
    }
}

/// One accomplishment or piece of praise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvidenceEntry {
    pub id: String,
    pub kind: EvidenceKind,
    pub text: String,
    /// The local date it happened.
    pub date: NaiveDate,
    /// Who gave the praise (or helped), if noted.
    #[serde(default)]
    pub source: Option<String>,
    pub attribution: Attribution,
    pub logged_at: DateTime<Utc>,
}

impl EvidenceEntry {
    /// A validated entry.
    pub fn new(
        id: String,
        kind: EvidenceKind,
        text: &str,
        date: NaiveDate,
        source: Option<&str>,
        attribution: Attribution,
        logged_at: DateTime<Utc>,
    ) -> Result<EvidenceEntry, ValidationError> {
        let text = text::required("evidence text", text)?;
        let len = text.chars().count();
        if len > MAX_EVIDENCE_CHARS {
            return Err(ValidationError::TooLong {
                field: "evidence text",
                len,
                max: MAX_EVIDENCE_CHARS,
            });
        }
        let source = text::optional("source", source)?;
        if let Some(s) = &source {
            let len = s.chars().count();
            if len > MAX_SOURCE_CHARS {
                return Err(ValidationError::TooLong {
                    field: "source",
                    len,
                    max: MAX_SOURCE_CHARS,
                });
            }
        }
        Ok(EvidenceEntry {
            id,
            kind,
            text,
            date,
            source,
            attribution,
            logged_at,
        })
    }

    /// Checks an entry read from an import.
    pub fn validate(&self) -> Result<(), ValidationError> {
        EvidenceEntry::new(
            self.id.clone(),
            self.kind,
            &self.text,
            self.date,
            self.source.as_deref(),
            self.attribution,
            self.logged_at,
        )
        .map(|_| ())
    }
}

/// How many entries were put down to each attribution.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttributionCounts {
    pub luck: u32,
    pub effort: u32,
    pub help: u32,
    pub ability: u32,
}

impl AttributionCounts {
    fn add(&mut self, a: Attribution) {
        match a {
            Attribution::Luck => self.luck += 1,
            Attribution::Effort => self.effort += 1,
            Attribution::Help => self.help += 1,
            Attribution::Ability => self.ability += 1,
        }
    }

    /// The count for one attribution.
    pub fn get(&self, a: Attribution) -> u32 {
        match a {
            Attribution::Luck => self.luck,
            Attribution::Effort => self.effort,
            Attribution::Help => self.help,
            Attribution::Ability => self.ability,
        }
    }

    /// Entries in all.
    pub fn total(&self) -> u32 {
        self.luck + self.effort + self.help + self.ability
    }

    /// Share (0-1) credited to own effort or ability; `None` with no entries.
    pub fn own_share(&self) -> Option<f64> {
        share(self.effort + self.ability, self.total())
    }

    /// Share (0-1) put down to luck; `None` with no entries.
    pub fn luck_share(&self) -> Option<f64> {
        share(self.luck, self.total())
    }

    /// Share (0-1) of one attribution; `None` with no entries.
    pub fn share_of(&self, a: Attribution) -> Option<f64> {
        share(self.get(a), self.total())
    }
}

fn share(part: u32, total: u32) -> Option<f64> {
    (total > 0).then(|| f64::from(part) / f64::from(total))
}

/// One month of the evidence log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthAttribution {
    /// The month, `YYYY-MM`.
    pub month: String,
    pub counts: AttributionCounts,
    pub total: u32,
    /// Share (0-1) credited to own effort or ability.
    pub own_share: f64,
    /// Share (0-1) put down to luck.
    pub luck_share: f64,
    /// Share (0-1) credited to help from others.
    pub help_share: f64,
}

/// The attribution summary of the whole log (or a window of it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvidenceSummary {
    /// Entries in all.
    pub total: u32,
    pub accomplishments: u32,
    pub praise: u32,
    pub counts: AttributionCounts,
    /// Share (0-1) credited to own effort or ability over the whole log;
    /// `null` with no entries.
    pub own_share: Option<f64>,
    /// Share (0-1) put down to luck over the whole log.
    pub luck_share: Option<f64>,
    /// Month by month, oldest first (months without entries are left out).
    pub months: Vec<MonthAttribution>,
    /// One kind sentence about the pattern.
    pub message: String,
}

/// The `YYYY-MM` a date falls in.
pub fn month_key(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// Summarises entries for attribution retraining.
pub fn summarize(entries: &[EvidenceEntry]) -> EvidenceSummary {
    let mut counts = AttributionCounts::default();
    let mut by_month: BTreeMap<String, AttributionCounts> = BTreeMap::new();
    let (mut accomplishments, mut praise) = (0, 0);
    for e in entries {
        counts.add(e.attribution);
        by_month
            .entry(month_key(e.date))
            .or_default()
            .add(e.attribution);
        match e.kind {
            EvidenceKind::Accomplishment => accomplishments += 1,
            EvidenceKind::Praise => praise += 1,
        }
    }
    let months: Vec<MonthAttribution> = by_month
        .into_iter()
        .map(|(month, c)| MonthAttribution {
            month,
            total: c.total(),
            own_share: c.own_share().unwrap_or(0.0),
            luck_share: c.luck_share().unwrap_or(0.0),
            help_share: c.share_of(Attribution::Help).unwrap_or(0.0),
            counts: c,
        })
        .collect();
    let message = message(&counts, &months);
    EvidenceSummary {
        total: counts.total(),
        accomplishments,
        praise,
        own_share: counts.own_share(),
        luck_share: counts.luck_share(),
        counts,
        months,
        message,
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn message(counts: &AttributionCounts, months: &[MonthAttribution]) -> String {
    if counts.total() == 0 {
        return "No evidence logged yet. Next time something goes well, or someone says so, note it with `goodenough evidence add` and what you put it down to.".to_string();
    }
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return String::new();
    };
    if months.len() < 2 {
        return format!(
            "So far you credit {} of your evidence to your own effort or ability and {} to luck. Keep logging: the pattern shows over a few months.",
            pct(counts.own_share().unwrap_or(0.0)),
            pct(counts.luck_share().unwrap_or(0.0)),
        );
    }
    let change = last.own_share - first.own_share;
    if change >= 0.1 {
        format!(
            "In {} you credited {} of your evidence to your own effort or ability; in {} it was {}. You are letting more of your successes count as yours.",
            first.month,
            pct(first.own_share),
            last.month,
            pct(last.own_share),
        )
    } else if change <= -0.1 {
        format!(
            "In {} you credited {} of your evidence to your own effort or ability; in {} it was {}. Luck and help are real too; when you look back at the latest entries, ask what part you played.",
            first.month,
            pct(first.own_share),
            last.month,
            pct(last.own_share),
        )
    } else {
        format!(
            "Your own effort or ability gets about {} of the credit, month after month ({} in {}, {} in {}). When you next log something, ask what part you played in it.",
            pct(counts.own_share().unwrap_or(0.0)),
            pct(first.own_share),
            first.month,
            pct(last.own_share),
            last.month,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        text::parse_date(s).expect("date")
    }

    fn entry(date: &str, a: Attribution) -> EvidenceEntry {
        EvidenceEntry::new(
            crate::id::new_id(),
            EvidenceKind::Accomplishment,
            "shipped it",
            d(date),
            None,
            a,
            DateTime::<Utc>::from_timestamp(0, 0).expect("epoch"),
        )
        .expect("valid")
    }

    #[test]
    fn parses_kinds_and_attributions_with_clear_errors() {
        assert_eq!(
            EvidenceKind::parse("Praise").ok(),
            Some(EvidenceKind::Praise)
        );
        assert_eq!(
            Attribution::parse(" ABILITY ").ok(),
            Some(Attribution::Ability)
        );
        let e = EvidenceKind::parse("trophy").expect_err("bad kind");
        assert!(e.to_string().contains("accomplishment"), "{e}");
        let e = Attribution::parse("fate").expect_err("bad attribution");
        assert!(e.to_string().contains("luck, effort, help"), "{e}");
    }

    #[test]
    fn rejects_empty_text_and_long_source() {
        let now = Utc::now();
        let err = EvidenceEntry::new(
            "x".into(),
            EvidenceKind::Praise,
            "  ",
            d("2026-01-01"),
            None,
            Attribution::Luck,
            now,
        )
        .expect_err("empty");
        assert!(err.to_string().contains("evidence text is empty"), "{err}");
        assert!(EvidenceEntry::new(
            "x".into(),
            EvidenceKind::Praise,
            "nice talk",
            d("2026-01-01"),
            Some(&"a".repeat(MAX_SOURCE_CHARS + 1)),
            Attribution::Luck,
            now,
        )
        .is_err());
        let blank_source = EvidenceEntry::new(
            "x".into(),
            EvidenceKind::Praise,
            "nice talk",
            d("2026-01-01"),
            Some("  "),
            Attribution::Luck,
            now,
        )
        .expect("valid");
        assert_eq!(blank_source.source, None);
    }

    #[test]
    fn summary_shares_per_month() {
        use Attribution::*;
        let entries = vec![
            entry("2026-01-03", Luck),
            entry("2026-01-09", Luck),
            entry("2026-01-20", Help),
            entry("2026-01-28", Effort),
            entry("2026-03-02", Ability),
            entry("2026-03-10", Effort),
            entry("2026-03-11", Luck),
            entry("2026-03-30", Effort),
        ];
        let s = summarize(&entries);
        assert_eq!(s.total, 8);
        assert_eq!(s.counts.luck, 3);
        assert_eq!(s.months.len(), 2);
        assert_eq!(s.months[0].month, "2026-01");
        assert!((s.months[0].own_share - 0.25).abs() < 1e-9);
        assert!((s.months[0].luck_share - 0.5).abs() < 1e-9);
        assert!((s.months[1].own_share - 0.75).abs() < 1e-9);
        assert!((s.own_share.unwrap_or(0.0) - 0.5).abs() < 1e-9);
        assert!(
            s.message.contains("25%") && s.message.contains("75%"),
            "{}",
            s.message
        );
    }

    #[test]
    fn empty_summary_invites_without_judging() {
        let s = summarize(&[]);
        assert_eq!(s.total, 0);
        assert_eq!(s.own_share, None);
        assert!(s.message.contains("evidence add"));
    }

    #[test]
    fn demo_attributions_drift_from_luck_towards_own_effort_not_in_a_straight_line() {
        let end = d("2026-08-31");
        let data = crate::demo::generate(42, end, crate::demo::DEFAULT_DAYS);
        assert!(data.evidence.len() > 30, "{}", data.evidence.len());
        for e in &data.evidence {
            e.validate().expect("valid demo entry");
        }
        let s = summarize(&data.evidence);
        let shares: Vec<f64> = s.months.iter().map(|m| m.own_share).collect();
        eprintln!("{shares:?}");
        let first = shares[0];
        let last = shares[shares.len() - 1];
        assert!(last > first + 0.25, "{shares:?}");
        assert!(s.months[0].luck_share > s.months[s.months.len() - 1].luck_share);
        // Not a straight line: some month is below the one before it.
        assert!(shares.windows(2).any(|w| w[1] < w[0]), "{shares:?}");
        assert_eq!(crate::demo::generate(42, end, 240).evidence, data.evidence);
    }
}
