//! Timeboxes: a piece of work gets a limit up front; when the box ends, the
//! question is "is this good enough to ship?", not "is it perfect?".
//!
//! An overrun is information about how work grows, never a failure: the
//! wording here asks what made the box grow. Overrun is always measured
//! against the original limit, so extensions stay visible in the figures.
//! Revisions and re-checks of finished work are counted because they are the
//! quiet cost of perfectionism.
//!
//! Pure: every function that needs "now" takes it as an argument.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::duration::{format_minutes, parse_minutes};
use crate::error::ValidationError;
use crate::text;

/// The longest limit or extension we accept (one week), in minutes.
pub const MAX_MINUTES: u32 = 60 * 24 * 7;

/// How a box ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
// Named apart in the OpenAPI document: two types are called `Outcome`.
#[cfg_attr(feature = "openapi", schema(as = TimeboxOutcome))]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Good enough: it went out.
    Shipped,
    /// It needed (or got) more time than the box.
    Extended,
    /// Set aside on purpose; also information.
    Dropped,
}

impl Outcome {
    /// The lowercase name used in flags, JSON and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Shipped => "shipped",
            Outcome::Extended => "extended",
            Outcome::Dropped => "dropped",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Outcome {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "shipped" => Ok(Outcome::Shipped),
            "extended" => Ok(Outcome::Extended),
            "dropped" => Ok(Outcome::Dropped),
            _ => Err(ValidationError::Other(format!(
                "\"{s}\" is not an outcome; use shipped, extended or dropped."
            ))),
        }
    }
}

/// Extra time given to a running box, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Extension {
    pub minutes: u32,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// One more pass over the work, with an optional note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Revision {
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A timebox, running (`ended_at` empty) or finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Timebox {
    pub id: String,
    pub title: String,
    /// The limit set at the start, in minutes (extensions are separate).
    pub limit_minutes: u32,
    pub started_at: DateTime<Utc>,
    #[serde(default)]
    pub ended_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub extensions: Vec<Extension>,
    #[serde(default)]
    pub revisions: Vec<Revision>,
    /// How often the work was checked again (finished work included).
    #[serde(default)]
    pub rechecks: u32,
    #[serde(default)]
    pub outcome: Option<Outcome>,
}

fn whole_minutes(d: Duration) -> i64 {
    d.num_seconds().div_euclid(60)
}

/// Minutes left, rounded up: 14m30s left is "15m", 30s left is "1m", and
/// 4m30s past the end is "-4m".
fn minutes_left(d: Duration) -> i64 {
    -(-d.num_seconds()).div_euclid(60)
}

impl Timebox {
    /// Starts a box. `limit` is typed by the person (`90m`, `1h30m`).
    pub fn start(
        id: String,
        title: &str,
        limit: &str,
        at: DateTime<Utc>,
    ) -> Result<Timebox, ValidationError> {
        let limit_minutes = parse_minutes("the limit", limit)?;
        let tb = Timebox {
            id,
            title: text::required("the title", title)?,
            limit_minutes,
            started_at: crate::clock::round(at),
            ended_at: None,
            extensions: Vec::new(),
            revisions: Vec::new(),
            rechecks: 0,
            outcome: None,
        };
        tb.validate()?;
        Ok(tb)
    }

    /// Checks every rule (also used on imported records).
    pub fn validate(&self) -> Result<(), ValidationError> {
        text::required("the title", &self.title)?;
        if self.title.chars().count() > 500 {
            return Err(ValidationError::TooLong {
                field: "the title",
                len: self.title.chars().count(),
                max: 500,
            });
        }
        crate::error::check_range(
            "the limit in minutes",
            i64::from(self.limit_minutes),
            1,
            i64::from(MAX_MINUTES),
        )?;
        if let Some(end) = self.ended_at {
            if end < self.started_at {
                return Err(ValidationError::Other(
                    "the box ends before it starts; check the end time.".into(),
                ));
            }
            if self.outcome.is_none() {
                return Err(ValidationError::Other(
                    "a finished box needs an outcome (shipped, extended or dropped).".into(),
                ));
            }
        } else if self.outcome.is_some() {
            return Err(ValidationError::Other(
                "a running box cannot have an outcome yet; give it an end time too.".into(),
            ));
        }
        for e in &self.extensions {
            crate::error::check_range(
                "an extension in minutes",
                i64::from(e.minutes),
                1,
                i64::from(MAX_MINUTES),
            )?;
            text::required("the reason for an extension", &e.reason)?;
        }
        for r in &self.revisions {
            text::optional("a revision note", r.note.as_deref())?;
        }
        Ok(())
    }

    /// Whether the box is still running.
    pub fn is_running(&self) -> bool {
        self.ended_at.is_none()
    }

    /// Minutes added by extensions.
    pub fn extended_minutes(&self) -> u32 {
        self.extensions.iter().map(|e| e.minutes).sum()
    }

    /// The limit with every extension.
    pub fn total_limit_minutes(&self) -> u32 {
        self.limit_minutes + self.extended_minutes()
    }

    /// When the box (with its extensions) runs out.
    pub fn ends_at(&self) -> DateTime<Utc> {
        self.started_at + Duration::minutes(i64::from(self.total_limit_minutes()))
    }

    /// Time worked: until the end, or until `now` while running.
    pub fn elapsed(&self, now: DateTime<Utc>) -> Duration {
        let end = self.ended_at.unwrap_or(now);
        (end - self.started_at).max(Duration::zero())
    }

    /// Whole minutes worked.
    pub fn actual_minutes(&self, now: DateTime<Utc>) -> i64 {
        whole_minutes(self.elapsed(now))
    }

    /// Minutes beyond the original limit (0 when within it).
    pub fn overrun_minutes(&self, now: DateTime<Utc>) -> i64 {
        (self.actual_minutes(now) - i64::from(self.limit_minutes)).max(0)
    }

    /// Whether the work took longer than the original limit.
    pub fn overran(&self, now: DateTime<Utc>) -> bool {
        self.overrun_minutes(now) > 0
    }

    /// Time left until the box (with extensions) runs out; negative when over.
    pub fn remaining(&self, now: DateTime<Utc>) -> Duration {
        let at = self.ended_at.unwrap_or(now).max(self.started_at);
        self.ends_at() - at
    }

    /// Share of the box (with extensions) used, 0.0..=1.0.
    pub fn fraction_used(&self, now: DateTime<Utc>) -> f64 {
        let total = f64::from(self.total_limit_minutes()) * 60.0;
        let used = self.elapsed(now).num_seconds() as f64;
        if total <= 0.0 {
            1.0
        } else {
            (used / total).clamp(0.0, 1.0)
        }
    }

    /// Ends the box at `at` with an outcome.
    pub fn stop(&mut self, at: DateTime<Utc>, outcome: Outcome) -> Result<(), ValidationError> {
        if !self.is_running() {
            return Err(ValidationError::Other(
                "This box has already ended; start a new one with `timebox start`.".into(),
            ));
        }
        let at = crate::clock::round(at);
        self.not_before_start(at)?;
        self.ended_at = Some(at);
        self.outcome = Some(outcome);
        Ok(())
    }

    /// Adds time to a running box.
    pub fn extend(
        &mut self,
        minutes: &str,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<(), ValidationError> {
        if !self.is_running() {
            return Err(ValidationError::Other(
                "Only a running box can be extended; this one has ended.".into(),
            ));
        }
        let minutes = parse_minutes("the extension", minutes)?;
        let reason = text::required("the reason", reason)?;
        let at = crate::clock::round(at);
        self.not_before_start(at)?;
        if self.total_limit_minutes() + minutes > MAX_MINUTES {
            return Err(ValidationError::Other(
                "That would make the box longer than a week; stop it and start a new one instead."
                    .into(),
            ));
        }
        self.extensions.push(Extension {
            minutes,
            reason,
            at,
        });
        Ok(())
    }

    /// Counts one more revision.
    pub fn revise(&mut self, at: DateTime<Utc>, note: Option<&str>) -> Result<(), ValidationError> {
        let at = crate::clock::round(at);
        self.not_before_start(at)?;
        let note = text::optional("the note", note)?;
        self.revisions.push(Revision { at, note });
        Ok(())
    }

    /// Counts one more re-check.
    pub fn recheck(&mut self) {
        self.rechecks = self.rechecks.saturating_add(1);
    }

    fn not_before_start(&self, at: DateTime<Utc>) -> Result<(), ValidationError> {
        if at < self.started_at {
            return Err(ValidationError::Other(format!(
                "That time is before the box started ({}); give a later time.",
                self.started_at.format("%Y-%m-%d %H:%M UTC")
            )));
        }
        Ok(())
    }

    /// One kind sentence about where the box stands at `now`.
    pub fn status_sentence(&self, now: DateTime<Utc>) -> String {
        let remaining = self.remaining(now);
        let mins = minutes_left(remaining);
        if self.is_running() {
            if remaining > Duration::zero() {
                let left = if remaining < Duration::minutes(1) {
                    "less than a minute".to_string()
                } else {
                    format_minutes(mins)
                };
                format!(
                    "\"{}\": {left} left of {}.",
                    self.title,
                    format_minutes(i64::from(self.total_limit_minutes()))
                )
            } else {
                format!(
                    "\"{}\": the box ended {} ago. Is it good enough to ship? \
                     Running over is information, not failure: what made it grow?",
                    self.title,
                    if mins == 0 {
                        "less than a minute".to_string()
                    } else {
                        format_minutes(-mins)
                    }
                )
            }
        } else {
            self.summary_sentence()
        }
    }

    /// One kind sentence about a finished box.
    pub fn summary_sentence(&self) -> String {
        let end = self.ended_at.unwrap_or(self.started_at);
        let actual = self.actual_minutes(end);
        let over = self.overrun_minutes(end);
        let outcome = self.outcome.map(Outcome::as_str).unwrap_or("ended");
        if over > 0 {
            format!(
                "\"{}\" {outcome} after {}; the box ran {} over. What made it grow? That is useful to know next time.",
                self.title,
                format_minutes(actual),
                format_minutes(over)
            )
        } else {
            format!(
                "\"{}\" {outcome} after {}, within its {} box.",
                self.title,
                format_minutes(actual),
                format_minutes(i64::from(self.limit_minutes))
            )
        }
    }

    /// The box with its computed figures, as lists and the API show it.
    pub fn view(&self, now: DateTime<Utc>) -> TimeboxView {
        TimeboxView {
            timebox: self.clone(),
            running: self.is_running(),
            actual_minutes: self.actual_minutes(now),
            overrun_minutes: self.overrun_minutes(now),
            overran: self.overran(now),
            remaining_minutes: minutes_left(self.remaining(now)),
            ends_at: self.ends_at(),
        }
    }
}

/// A box with its figures (the export shape plus computed fields).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeboxView {
    #[serde(flatten)]
    pub timebox: Timebox,
    pub running: bool,
    pub actual_minutes: i64,
    /// Minutes beyond the original limit.
    pub overrun_minutes: i64,
    pub overran: bool,
    /// Minutes left of the box with extensions; negative when past it.
    pub remaining_minutes: i64,
    pub ends_at: DateTime<Utc>,
}

/// Figures for one ISO week (by the local start date of each box).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekSummary {
    /// The Monday of the week.
    pub week_start: NaiveDate,
    /// Finished boxes started that week.
    pub boxes: u32,
    /// Of those, how many ran past their original limit.
    pub overran: u32,
    /// `overran / boxes`, 0.0..=1.0.
    pub overrun_rate: f64,
    /// Median revisions per box.
    pub median_revisions: f64,
    /// Re-checks of all those boxes together.
    pub rechecks: u32,
}

/// Per-week figures over finished boxes, oldest week first. Running boxes
/// are left out (their figures are not settled).
pub fn weekly_summary<Tz: TimeZone>(boxes: &[Timebox], tz: &Tz) -> Vec<WeekSummary> {
    let mut weeks: std::collections::BTreeMap<NaiveDate, Vec<&Timebox>> = Default::default();
    for b in boxes.iter().filter(|b| !b.is_running()) {
        let local = b.started_at.with_timezone(tz).date_naive();
        let monday = local - Duration::days(i64::from(local.weekday().num_days_from_monday()));
        weeks.entry(monday).or_default().push(b);
    }
    weeks
        .into_iter()
        .map(|(week_start, list)| {
            let n = list.len() as u32;
            let overran = list
                .iter()
                .filter(|b| b.overran(b.ended_at.unwrap_or(b.started_at)))
                .count() as u32;
            let revisions: Vec<usize> = list.iter().map(|b| b.revisions.len()).collect();
            WeekSummary {
                week_start,
                boxes: n,
                overran,
                overrun_rate: if n == 0 {
                    0.0
                } else {
                    f64::from(overran) / f64::from(n)
                },
                median_revisions: median(revisions),
                rechecks: list.iter().map(|b| b.rechecks).sum(),
            }
        })
        .collect()
}

/// The median of whole numbers (0.0 for none).
pub fn median(mut values: Vec<usize>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid] as f64
    } else {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    }
}

/// Reads a `--at` instant: RFC 3339, or `YYYY-MM-DD HH:MM` (also with a `T`
/// or seconds) in the person's time zone.
pub fn parse_instant<Tz: TimeZone>(raw: &str, tz: &Tz) -> Result<DateTime<Utc>, ValidationError> {
    let s = raw.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Ok(crate::clock::round(d.with_timezone(&Utc)));
    }
    for fmt in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, fmt) {
            return tz
                .from_local_datetime(&naive)
                .earliest()
                .map(|d| crate::clock::round(d.with_timezone(&Utc)))
                .ok_or_else(|| {
                    ValidationError::Other(format!(
                        "\"{raw}\" does not exist in your time zone (a clock change skips it); pick another time."
                    ))
                });
        }
    }
    Err(ValidationError::Other(format!(
        "\"{raw}\" is not a time goodenough can read; write it like \"2026-03-14 09:30\" or 2026-03-14T09:30:00Z."
    )))
}

/// The Monday of the week holding `date`.
pub fn week_monday(date: NaiveDate) -> NaiveDate {
    NaiveDate::from_isoywd_opt(date.iso_week().year(), date.iso_week().week(), Weekday::Mon)
        .unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("test time")
            .with_timezone(&Utc)
    }

    fn boxed(limit: &str) -> Timebox {
        Timebox::start(
            "a".into(),
            "Write the report",
            limit,
            t("2026-03-02T09:00:00Z"),
        )
        .expect("valid box")
    }

    #[test]
    fn start_parses_limits_and_rejects_bad_ones() {
        assert_eq!(boxed("90m").limit_minutes, 90);
        assert_eq!(boxed("1h30m").limit_minutes, 90);
        for bad in ["0m", "-5m", "90x", ""] {
            let e = Timebox::start("a".into(), "x", bad, t("2026-03-02T09:00:00Z"))
                .expect_err(bad)
                .to_string();
            assert!(e.contains("90m, 1h30m"), "{e}");
        }
        let e =
            Timebox::start("a".into(), "  ", "30m", t("2026-03-02T09:00:00Z")).expect_err("title");
        assert!(e.to_string().contains("title"));
    }

    #[test]
    fn actual_overrun_and_remaining() {
        let mut b = boxed("60m");
        let now = t("2026-03-02T09:45:30Z");
        assert_eq!(b.actual_minutes(now), 45);
        assert_eq!(b.remaining(now), Duration::seconds(14 * 60 + 30));
        assert!(!b.overran(now));
        assert!(b.status_sentence(now).contains("15m left of 1h"));
        assert_eq!(b.view(now).remaining_minutes, 15);
        b.extend(
            "15m",
            "a reviewer asked for a table",
            t("2026-03-02T09:50:00Z"),
        )
        .expect("extend");
        assert_eq!(b.total_limit_minutes(), 75);
        let later = t("2026-03-02T10:20:00Z");
        assert_eq!(b.remaining(later), Duration::minutes(-5));
        assert!(b.status_sentence(later).contains("ended 5m ago"));
        b.stop(later, Outcome::Shipped).expect("stop");
        // Overrun counts against the original limit, extensions included.
        assert_eq!(b.actual_minutes(t("2030-01-01T00:00:00Z")), 80);
        assert_eq!(b.overrun_minutes(later), 20);
        assert!(b.overran(later));
        let s = b.summary_sentence();
        assert!(
            s.contains("ran 20m over") && s.contains("What made it grow"),
            "{s}"
        );
        assert!(b.stop(later, Outcome::Dropped).is_err());
        assert!(b.extend("5m", "r", later).is_err());
        b.validate().expect("still valid");
    }

    #[test]
    fn times_before_the_start_are_refused() {
        let mut b = boxed("30m");
        assert!(b.stop(t("2026-03-02T08:59:00Z"), Outcome::Shipped).is_err());
        assert!(b.revise(t("2026-03-01T10:00:00Z"), None).is_err());
        assert!(b.is_running());
        b.revise(t("2026-03-02T09:10:00Z"), Some("tightened the intro"))
            .expect("revise");
        b.recheck();
        assert_eq!(b.revisions.len(), 1);
        assert_eq!(b.rechecks, 1);
        assert!(b.extend("15m", " ", t("2026-03-02T09:10:00Z")).is_err());
        assert!(b.extend("0m", "why", t("2026-03-02T09:10:00Z")).is_err());
    }

    #[test]
    fn validate_catches_inconsistent_records() {
        let mut b = boxed("30m");
        b.outcome = Some(Outcome::Shipped);
        assert!(b.validate().is_err());
        b.ended_at = Some(t("2026-03-02T08:00:00Z"));
        assert!(b.validate().is_err());
        b.ended_at = Some(t("2026-03-02T09:30:00Z"));
        b.validate().expect("valid");
        b.limit_minutes = 0;
        assert!(b.validate().is_err());
    }

    #[test]
    fn outcome_round_trips() {
        for o in [Outcome::Shipped, Outcome::Extended, Outcome::Dropped] {
            assert_eq!(o.as_str().parse::<Outcome>(), Ok(o));
        }
        assert!("finished".parse::<Outcome>().is_err());
    }

    #[test]
    fn weekly_summary_counts_overruns_and_median_revisions() {
        let mk = |start: &str, limit: &str, minutes: i64, revisions: usize, rechecks: u32| {
            let mut b = Timebox::start("x".into(), "w", limit, t(start)).expect("box");
            for _ in 0..revisions {
                b.revise(t(start), None).expect("revise");
            }
            b.rechecks = rechecks;
            b.stop(t(start) + Duration::minutes(minutes), Outcome::Shipped)
                .expect("stop");
            b
        };
        let boxes = vec![
            mk("2026-03-02T09:00:00Z", "60m", 90, 3, 1), // Monday, over
            mk("2026-03-04T09:00:00Z", "60m", 50, 1, 0), // within
            mk("2026-03-06T09:00:00Z", "30m", 45, 4, 2), // over
            mk("2026-03-06T09:00:00Z", "30m", 30, 0, 0), // exactly the limit
            mk("2026-03-10T09:00:00Z", "30m", 20, 0, 0), // next week
        ];
        let mut running = boxed("30m");
        running.started_at = t("2026-03-11T09:00:00Z");
        let mut all = boxes.clone();
        all.push(running);
        let weeks = weekly_summary(&all, &chrono::Utc);
        assert_eq!(weeks.len(), 2);
        assert_eq!(
            weeks[0].week_start,
            NaiveDate::from_ymd_opt(2026, 3, 2).expect("d")
        );
        assert_eq!(weeks[0].boxes, 4);
        assert_eq!(weeks[0].overran, 2);
        assert!((weeks[0].overrun_rate - 0.5).abs() < 1e-9);
        assert!((weeks[0].median_revisions - 2.0).abs() < 1e-9);
        assert_eq!(weeks[0].rechecks, 3);
        assert_eq!(weeks[1].boxes, 1);
        assert_eq!(weeks[1].overran, 0);
        assert_eq!(median(vec![]), 0.0);
        assert_eq!(median(vec![5, 1, 3]), 3.0);
    }

    #[test]
    fn instants_in_rfc3339_or_local_time() {
        let tz: chrono_tz::Tz = "Europe/Berlin".parse().expect("tz");
        assert_eq!(
            parse_instant("2026-03-02 10:30", &tz).expect("local"),
            t("2026-03-02T09:30:00Z")
        );
        assert_eq!(
            parse_instant("2026-03-02T09:30:00Z", &tz).expect("rfc"),
            t("2026-03-02T09:30:00Z")
        );
        let e = parse_instant("yesterday-ish", &tz)
            .expect_err("bad")
            .to_string();
        assert!(e.contains("cannot read") || e.contains("can read"), "{e}");
        assert_eq!(
            week_monday(NaiveDate::from_ymd_opt(2026, 3, 8).expect("d")),
            NaiveDate::from_ymd_opt(2026, 3, 2).expect("d")
        );
    }

    #[test]
    fn demo_boxes_improve_non_linearly() {
        let end = NaiveDate::from_ymd_opt(2026, 11, 1).expect("d");
        let d = crate::demo::generate(42, end, 240);
        assert_eq!(d.timeboxes, crate::demo::generate(42, end, 240).timeboxes);
        assert!(d.timeboxes.len() > 80, "{}", d.timeboxes.len());
        for b in &d.timeboxes {
            b.validate().expect("valid demo box");
            assert!(b.started_at.weekday().number_from_monday() <= 5);
        }
        let rate = |from: usize, to: usize| {
            let part = &d.timeboxes[from..to];
            let over = part
                .iter()
                .filter(|b| b.overran(b.ended_at.unwrap_or(b.started_at)))
                .count();
            over as f64 / part.len() as f64
        };
        let n = d.timeboxes.len();
        let (early, middle, late) = (rate(0, n / 5), rate(n * 2 / 5, n / 2), rate(n * 4 / 5, n));
        assert!(early > 0.45, "early {early}");
        assert!(middle > late + 0.3, "crunch {middle} vs late {late}");
        assert!(late < 0.3, "late {late}");
        let revs = |from: usize, to: usize| {
            median(
                d.timeboxes[from..to]
                    .iter()
                    .map(|b| b.revisions.len())
                    .collect(),
            )
        };
        assert!(revs(0, n / 5) > revs(n * 4 / 5, n));
    }
}
