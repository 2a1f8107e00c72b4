//! Joy: hobbies, recurring non-negotiable personal time, minutes of joy and
//! rest. A skipped block is information, never a failure: the next one is
//! always already on the calendar.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{check_range, ValidationError};
use crate::text;

/// The highest guilt on the 0-10 scale.
pub const GUILT_MAX: u8 = 10;
/// Guilt at or below this counts as rest taken without guilt.
pub const WITHOUT_GUILT_MAX: u8 = 3;

/// Something a person does for its own sake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hobby {
    pub id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

impl Hobby {
    /// A validated hobby.
    pub fn new(
        id: String,
        created_at: DateTime<Utc>,
        name: &str,
    ) -> Result<Hobby, ValidationError> {
        let name = text::required("hobby name", name)?;
        if name.chars().count() > 80 {
            return Err(ValidationError::TooLong {
                field: "hobby name",
                len: name.chars().count(),
                max: 80,
            });
        }
        Ok(Hobby {
            id,
            name,
            created_at,
        })
    }
}

/// A day of the week, written `mon` … `sun`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    /// Reads `sat`, `Saturday`, `SAT` …
    pub fn parse(raw: &str) -> Result<Day, ValidationError> {
        let s = raw.trim().to_lowercase();
        let day = match s.as_str() {
            "mon" | "monday" => Day::Mon,
            "tue" | "tues" | "tuesday" => Day::Tue,
            "wed" | "wednesday" => Day::Wed,
            "thu" | "thur" | "thurs" | "thursday" => Day::Thu,
            "fri" | "friday" => Day::Fri,
            "sat" | "saturday" => Day::Sat,
            "sun" | "sunday" => Day::Sun,
            _ => {
                return Err(ValidationError::Other(format!(
                    "\"{raw}\" is not a day of the week; use mon, tue, wed, thu, fri, sat or sun (or the full name)."
                )))
            }
        };
        Ok(day)
    }

    /// The short lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Day::Mon => "mon",
            Day::Tue => "tue",
            Day::Wed => "wed",
            Day::Thu => "thu",
            Day::Fri => "fri",
            Day::Sat => "sat",
            Day::Sun => "sun",
        }
    }

    /// The full English name.
    pub fn full_name(self) -> &'static str {
        match self {
            Day::Mon => "Monday",
            Day::Tue => "Tuesday",
            Day::Wed => "Wednesday",
            Day::Thu => "Thursday",
            Day::Fri => "Friday",
            Day::Sat => "Saturday",
            Day::Sun => "Sunday",
        }
    }

    /// The chrono weekday.
    pub fn weekday(self) -> Weekday {
        match self {
            Day::Mon => Weekday::Mon,
            Day::Tue => Weekday::Tue,
            Day::Wed => Weekday::Wed,
            Day::Thu => Weekday::Thu,
            Day::Fri => Weekday::Fri,
            Day::Sat => Weekday::Sat,
            Day::Sun => Weekday::Sun,
        }
    }

    /// From a chrono weekday.
    pub fn from_weekday(w: Weekday) -> Day {
        match w {
            Weekday::Mon => Day::Mon,
            Weekday::Tue => Day::Tue,
            Weekday::Wed => Day::Wed,
            Weekday::Thu => Day::Thu,
            Weekday::Fri => Day::Fri,
            Weekday::Sat => Day::Sat,
            Weekday::Sun => Day::Sun,
        }
    }
}

/// Parses a local time of day `HH:MM` (00:00-23:59) into its canonical form.
pub fn parse_time(raw: &str) -> Result<String, ValidationError> {
    let t = NaiveTime::parse_from_str(raw.trim(), "%H:%M")
        .map_err(|_| ValidationError::BadTime(raw.to_string()))?;
    Ok(t.format("%H:%M").to_string())
}

/// A weekly slot: a day and a local time range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weekly {
    pub day: Day,
    pub start: String,
    pub end: String,
}

/// Parses `sat 10:00-12:00`: a day name, then `HH:MM-HH:MM` with the end after the start.
pub fn parse_weekly(raw: &str) -> Result<Weekly, ValidationError> {
    let mut parts = raw.split_whitespace();
    let (Some(day), Some(range), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(ValidationError::Other(format!(
            "\"{raw}\" is not a weekly time; write a day and a time range, for example sat 10:00-12:00."
        )));
    };
    let day = Day::parse(day)?;
    let Some((start, end)) = range.split_once('-') else {
        return Err(ValidationError::Other(format!(
            "\"{range}\" is not a time range; write it as HH:MM-HH:MM, for example 10:00-12:00."
        )));
    };
    let (start, end) = (parse_time(start)?, parse_time(end)?);
    // "HH:MM" strings order the same way as the times they name.
    if end <= start {
        return Err(ValidationError::Other(format!(
            "the block ends at {end}, which is not after its start at {start}; choose an end later the same day."
        )));
    }
    Ok(Weekly { day, start, end })
}

/// A recurring, non-negotiable block of personal time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Block {
    pub id: String,
    pub title: String,
    pub weekday: Day,
    /// Local start time, HH:MM.
    pub start: String,
    /// Local end time, HH:MM (after the start).
    pub end: String,
    /// The hobby this time is for, if any.
    #[serde(default)]
    pub hobby_id: Option<String>,
    pub created_at: DateTime<Utc>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

impl Block {
    /// A validated block.
    pub fn new(
        id: String,
        created_at: DateTime<Utc>,
        title: &str,
        weekly: &Weekly,
        hobby_id: Option<String>,
    ) -> Result<Block, ValidationError> {
        Ok(Block {
            id,
            title: text::required("block title", title)?,
            weekday: weekly.day,
            start: weekly.start.clone(),
            end: weekly.end.clone(),
            hobby_id,
            created_at,
            active: true,
        })
    }

    /// Checks a block read from a file.
    pub fn validate(&self) -> Result<(), ValidationError> {
        text::required("block title", &self.title)?;
        parse_weekly(&format!(
            "{} {}-{}",
            self.weekday.as_str(),
            self.start,
            self.end
        ))?;
        Ok(())
    }

    /// Whether the block falls on `date`'s weekday.
    pub fn falls_on(&self, date: NaiveDate) -> bool {
        date.weekday() == self.weekday.weekday()
    }

    /// The first date on or after `date` this block falls on.
    pub fn next_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        let ahead = (7 + self.weekday.weekday().num_days_from_monday()
            - date.weekday().num_days_from_monday())
            % 7;
        date + Duration::days(i64::from(ahead))
    }

    /// The last date on or before `date` this block falls on.
    pub fn last_on_or_before(&self, date: NaiveDate) -> NaiveDate {
        let back = (7 + date.weekday().num_days_from_monday()
            - self.weekday.weekday().num_days_from_monday())
            % 7;
        date - Duration::days(i64::from(back))
    }

    /// Checks that `date` is one of this block's days.
    pub fn check_date(&self, date: NaiveDate) -> Result<(), ValidationError> {
        if self.falls_on(date) {
            Ok(())
        } else {
            Err(ValidationError::Other(format!(
                "{date} is a {}, but \"{}\" happens on {}s; choose a {} (for example {}).",
                Day::from_weekday(date.weekday()).full_name(),
                self.title,
                self.weekday.full_name(),
                self.weekday.full_name(),
                self.last_on_or_before(date)
            )))
        }
    }
}

/// Whether one occurrence of a block was kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Occurrence {
    pub block_id: String,
    pub date: NaiveDate,
    pub kept: bool,
    /// Why it was skipped, if the person wants to say.
    #[serde(default)]
    pub reason: Option<String>,
}

impl Occurrence {
    /// A validated occurrence: the date must be one of the block's days.
    pub fn new(
        block: &Block,
        date: NaiveDate,
        kept: bool,
        reason: Option<&str>,
    ) -> Result<Occurrence, ValidationError> {
        block.check_date(date)?;
        Ok(Occurrence {
            block_id: block.id.clone(),
            date,
            kept,
            reason: text::optional("reason", reason)?,
        })
    }
}

/// The kind sentence shown after marking an occurrence.
pub fn occurrence_message(block: &Block, occ: &Occurrence) -> String {
    let next = block.next_on_or_after(occ.date + Duration::days(1));
    if occ.kept {
        format!(
            "Kept \"{}\" on {} — that time was yours. The next one is on {} {}.",
            block.title,
            occ.date,
            block.weekday.full_name(),
            next
        )
    } else {
        format!(
            "Skipped \"{}\" on {} — life happens; the next one is on {} {}.",
            block.title,
            occ.date,
            block.weekday.full_name(),
            next
        )
    }
}

/// Minutes spent on a hobby on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoyLog {
    pub id: String,
    pub hobby_id: String,
    /// The hobby's name when logged.
    pub hobby: String,
    pub date: NaiveDate,
    pub minutes: u32,
    pub created_at: DateTime<Utc>,
}

impl JoyLog {
    /// A validated log entry.
    pub fn new(
        id: String,
        created_at: DateTime<Utc>,
        hobby: &Hobby,
        date: NaiveDate,
        minutes: u32,
    ) -> Result<JoyLog, ValidationError> {
        check_range("minutes", i64::from(minutes), 1, 24 * 60)?;
        Ok(JoyLog {
            id,
            hobby_id: hobby.id.clone(),
            hobby: hobby.name.clone(),
            date,
            minutes,
            created_at,
        })
    }
}

/// What kind of rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RestKind {
    Vacation,
    RestDay,
}

impl RestKind {
    /// Reads `vacation` or `rest-day`.
    pub fn parse(raw: &str) -> Result<RestKind, ValidationError> {
        match raw.trim().to_lowercase().replace('_', "-").as_str() {
            "vacation" => Ok(RestKind::Vacation),
            "rest-day" | "restday" | "rest" => Ok(RestKind::RestDay),
            _ => Err(ValidationError::Other(format!(
                "\"{raw}\" is not a kind of rest; use vacation or rest-day."
            ))),
        }
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            RestKind::Vacation => "vacation",
            RestKind::RestDay => "rest-day",
        }
    }
}

/// Time off: a vacation or a rest day (or several).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rest {
    pub id: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: RestKind,
    /// Guilt felt about taking it, 0-10, if recorded.
    #[serde(default)]
    pub guilt: Option<u8>,
    /// Derived: guilt recorded and at most 3.
    #[serde(default)]
    pub without_guilt: bool,
    pub created_at: DateTime<Utc>,
}

impl Rest {
    /// A validated rest: `to` on or after `from`, guilt 0-10.
    pub fn new(
        id: String,
        created_at: DateTime<Utc>,
        from: NaiveDate,
        to: NaiveDate,
        kind: RestKind,
        guilt: Option<i64>,
    ) -> Result<Rest, ValidationError> {
        crate::clock::check_date(from)?;
        if to < from {
            return Err(ValidationError::Other(format!(
                "the rest ends on {to}, before it starts on {from}; put the end on or after the start."
            )));
        }
        if (to - from).num_days() > 366 {
            return Err(ValidationError::Other(
                "a rest longer than a year is more than this can record; split it into shorter ones."
                    .into(),
            ));
        }
        let guilt = guilt
            .map(|g| {
                check_range("guilt", g, 0, i64::from(GUILT_MAX))?;
                u8::try_from(g).map_err(|_| ValidationError::Other("guilt must be 0-10.".into()))
            })
            .transpose()?;
        Ok(Rest {
            id,
            from,
            to,
            kind,
            guilt,
            without_guilt: guilt.is_some_and(|g| g <= WITHOUT_GUILT_MAX),
            created_at,
        })
    }

    /// Days covered, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}

/// Blocks kept in one ISO week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BlockWeek {
    /// ISO week, e.g. `2026-W05`.
    pub week: String,
    /// The Monday of that week.
    pub week_start: NaiveDate,
    pub kept: u32,
    pub skipped: u32,
    /// Block occurrences that fell in the week (up to today).
    pub scheduled: u32,
}

/// Minutes on one hobby in one ISO week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HobbyWeek {
    pub week: String,
    pub week_start: NaiveDate,
    pub hobby: String,
    pub minutes: u32,
}

/// Days of rest taken in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RestMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub days: u32,
    pub vacation_days: u32,
    /// Days of rest whose guilt was at most 3.
    pub days_without_guilt: u32,
}

/// The three joy summaries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoySummary {
    pub blocks: Vec<BlockWeek>,
    pub hobbies: Vec<HobbyWeek>,
    pub rest: Vec<RestMonth>,
}

/// The Monday of `date`'s ISO week.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

fn week_label(date: NaiveDate) -> String {
    let w = date.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The summaries over the `weeks` ISO weeks ending with `today`'s (rest: every month with rest).
pub fn summarize(
    blocks: &[Block],
    occurrences: &[Occurrence],
    logs: &[JoyLog],
    rests: &[Rest],
    today: NaiveDate,
    weeks: u32,
) -> JoySummary {
    let weeks = weeks.clamp(1, 520);
    let last = week_start(today);
    let first = last - Duration::weeks(i64::from(weeks) - 1);
    let mut out = Vec::new();
    let mut hobbies = Vec::new();
    for w in 0..i64::from(weeks) {
        let start = first + Duration::weeks(w);
        let end = start + Duration::days(6);
        let mut scheduled = 0;
        for b in blocks {
            let created = b.created_at.date_naive();
            let day = b.next_on_or_after(start);
            if day <= end && day <= today && day >= created && b.active {
                scheduled += 1;
            }
        }
        let (mut kept, mut skipped) = (0, 0);
        for o in occurrences {
            if o.date >= start && o.date <= end {
                if o.kept {
                    kept += 1;
                } else {
                    skipped += 1;
                }
            }
        }
        // A kept or skipped occurrence always counts as scheduled.
        let scheduled = scheduled.max(kept + skipped);
        out.push(BlockWeek {
            week: week_label(start),
            week_start: start,
            kept,
            skipped,
            scheduled,
        });
        let mut per: BTreeMap<&str, u32> = BTreeMap::new();
        for l in logs {
            if l.date >= start && l.date <= end {
                *per.entry(l.hobby.as_str()).or_default() += l.minutes;
            }
        }
        for (hobby, minutes) in per {
            hobbies.push(HobbyWeek {
                week: week_label(start),
                week_start: start,
                hobby: hobby.to_string(),
                minutes,
            });
        }
    }
    JoySummary {
        blocks: out,
        hobbies,
        rest: rest_by_month(rests),
    }
}

/// Days of rest per month; overlapping rests count each day once.
pub fn rest_by_month(rests: &[Rest]) -> Vec<RestMonth> {
    let mut days: BTreeMap<NaiveDate, (bool, bool)> = BTreeMap::new();
    for r in rests {
        let mut d = r.from;
        while d <= r.to {
            let e = days.entry(d).or_insert((false, false));
            e.0 |= r.kind == RestKind::Vacation;
            e.1 |= r.without_guilt;
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
        }
    }
    let mut months: BTreeMap<String, RestMonth> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for (d, (vac, calm)) in days {
        let key = d.format("%Y-%m").to_string();
        seen.insert(key.clone());
        let m = months.entry(key.clone()).or_insert(RestMonth {
            month: key,
            days: 0,
            vacation_days: 0,
            days_without_guilt: 0,
        });
        m.days += 1;
        m.vacation_days += u32::from(vac);
        m.days_without_guilt += u32::from(calm);
    }
    months.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        text::parse_date(s).expect("date")
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("ts")
            .with_timezone(&Utc)
    }

    fn block() -> Block {
        let w = parse_weekly("sat 10:00-12:00").expect("weekly");
        Block::new(
            "b1".into(),
            at("2026-01-01T08:00:00Z"),
            "painting",
            &w,
            None,
        )
        .expect("block")
    }

    #[test]
    fn parses_weekly_slots() {
        let w = parse_weekly("Saturday 9:05-12:00").expect("ok");
        assert_eq!(w.day, Day::Sat);
        assert_eq!(w.start, "09:05");
        assert_eq!(w.end, "12:00");
        assert_eq!(parse_weekly("MON 07:00-07:30").expect("ok").day, Day::Mon);
        let e = parse_weekly("sat 25:00-26:00")
            .expect_err("bad time")
            .to_string();
        assert!(e.contains("25:00") && e.contains("HH:MM"), "{e}");
        let e = parse_weekly("funday 10:00-12:00")
            .expect_err("bad day")
            .to_string();
        assert!(e.contains("funday") && e.contains("mon"), "{e}");
        let e = parse_weekly("sat 12:00-10:00")
            .expect_err("end before")
            .to_string();
        assert!(e.contains("not after"), "{e}");
        assert!(parse_weekly("sat 10:00-10:00").is_err());
        assert!(parse_weekly("sat").is_err());
        assert!(parse_weekly("sat 10:00").is_err());
        assert!(parse_weekly("sat 10:60-11:00").is_err());
    }

    #[test]
    fn finds_next_and_last_days() {
        let b = block();
        // 2026-01-07 is a Wednesday; the Saturdays around it are 3rd and 10th.
        assert_eq!(b.next_on_or_after(d("2026-01-07")), d("2026-01-10"));
        assert_eq!(b.last_on_or_before(d("2026-01-07")), d("2026-01-03"));
        assert_eq!(b.next_on_or_after(d("2026-01-10")), d("2026-01-10"));
        assert_eq!(b.last_on_or_before(d("2026-01-10")), d("2026-01-10"));
        assert!(b.check_date(d("2026-01-10")).is_ok());
        let e = b.check_date(d("2026-01-07")).expect_err("wed").to_string();
        assert!(e.contains("Wednesday") && e.contains("Saturday"), "{e}");
    }

    #[test]
    fn skipped_message_is_kind() {
        let b = block();
        let o = Occurrence::new(&b, d("2026-01-10"), false, Some("sick kid")).expect("occ");
        let m = occurrence_message(&b, &o);
        assert!(
            m.contains("life happens") && m.contains("2026-01-17"),
            "{m}"
        );
        for harsh in ["fail", "missed", "should"] {
            assert!(!m.to_lowercase().contains(harsh), "{m}");
        }
    }

    #[test]
    fn rest_validation() {
        let now = at("2026-01-01T08:00:00Z");
        let r = Rest::new(
            "r".into(),
            now,
            d("2026-06-01"),
            d("2026-06-07"),
            RestKind::Vacation,
            Some(2),
        )
        .expect("ok");
        assert!(r.without_guilt);
        assert_eq!(r.days(), 7);
        assert!(Rest::new(
            "r".into(),
            now,
            d("2026-06-02"),
            d("2026-06-01"),
            RestKind::RestDay,
            None
        )
        .is_err());
        let e = Rest::new(
            "r".into(),
            now,
            d("2026-06-01"),
            d("2026-06-01"),
            RestKind::RestDay,
            Some(11),
        )
        .expect_err("guilt 11")
        .to_string();
        assert!(e.contains("0 to 10"), "{e}");
        assert_eq!(RestKind::parse("rest-day"), Ok(RestKind::RestDay));
        assert!(RestKind::parse("nap").is_err());
    }

    #[test]
    fn summaries_count_weeks_hobbies_and_rest() {
        let b = block();
        let occs = vec![
            Occurrence::new(&b, d("2026-01-03"), true, None).expect("o"),
            Occurrence::new(&b, d("2026-01-10"), false, None).expect("o"),
        ];
        let h = Hobby::new("h".into(), at("2026-01-01T08:00:00Z"), "piano").expect("h");
        let logs = vec![
            JoyLog::new("l1".into(), b.created_at, &h, d("2026-01-05"), 30).expect("l"),
            JoyLog::new("l2".into(), b.created_at, &h, d("2026-01-06"), 15).expect("l"),
            JoyLog::new("l3".into(), b.created_at, &h, d("2026-01-13"), 45).expect("l"),
        ];
        let rests = vec![
            Rest::new(
                "r1".into(),
                b.created_at,
                d("2026-01-30"),
                d("2026-02-02"),
                RestKind::Vacation,
                Some(1),
            )
            .expect("r"),
            Rest::new(
                "r2".into(),
                b.created_at,
                d("2026-02-02"),
                d("2026-02-02"),
                RestKind::RestDay,
                Some(8),
            )
            .expect("r"),
        ];
        // Today Wednesday 2026-01-14: weeks starting Dec 29, Jan 5, Jan 12.
        let s = summarize(&[b], &occs, &logs, &rests, d("2026-01-14"), 3);
        assert_eq!(s.blocks.len(), 3);
        assert_eq!(s.blocks[0].week, "2026-W01");
        assert_eq!((s.blocks[0].kept, s.blocks[0].scheduled), (1, 1));
        assert_eq!(
            (s.blocks[1].kept, s.blocks[1].skipped, s.blocks[1].scheduled),
            (0, 1, 1)
        );
        // This week's Saturday has not come yet.
        assert_eq!(s.blocks[2].scheduled, 0);
        assert_eq!(s.hobbies.len(), 2);
        assert_eq!(
            (s.hobbies[0].week.as_str(), s.hobbies[0].minutes),
            ("2026-W02", 45)
        );
        assert_eq!(s.hobbies[1].minutes, 45);
        assert_eq!(s.rest.len(), 2);
        assert_eq!((s.rest[0].month.as_str(), s.rest[0].days), ("2026-01", 2));
        // Feb 2 is covered twice but counted once.
        assert_eq!(
            (
                s.rest[1].days,
                s.rest[1].vacation_days,
                s.rest[1].days_without_guilt
            ),
            (2, 2, 2)
        );
    }

    #[test]
    fn demo_keeps_more_blocks_later_and_takes_a_calm_vacation() {
        let end = d("2026-11-20");
        let data = crate::demo::generate(7, end, crate::demo::DEFAULT_DAYS);
        assert_eq!(data.hobbies.len(), 3);
        assert_eq!(data.blocks.len(), 2);
        let n = data.block_occurrences.len();
        assert!(n > 50, "{n}");
        let rate = |occs: &[Occurrence]| {
            occs.iter().filter(|o| o.kept).count() as f64 / occs.len().max(1) as f64
        };
        let first = rate(&data.block_occurrences[..n / 4]);
        let middle = rate(&data.block_occurrences[n * 2 / 5..n / 2]);
        let last = rate(&data.block_occurrences[n * 3 / 4..]);
        assert!(last > first && last > middle, "{first} {middle} {last}");
        let start = end - Duration::days(i64::from(crate::demo::DEFAULT_DAYS) - 1);
        let minutes_between = |from: NaiveDate, to: NaiveDate| {
            data.joy_logs
                .iter()
                .filter(|l| l.date >= from && l.date < to)
                .map(|l| l.minutes)
                .sum::<u32>()
        };
        let early = minutes_between(start, start + Duration::days(60));
        let late = minutes_between(end - Duration::days(59), end + Duration::days(1));
        assert!(late > early, "{early} {late}");
        let vac: Vec<&Rest> = data
            .rests
            .iter()
            .filter(|r| r.kind == RestKind::Vacation)
            .collect();
        assert_eq!(vac.len(), 1);
        assert_eq!(
            (vac[0].days(), vac[0].guilt, vac[0].without_guilt),
            (7, Some(2), true)
        );
        assert!(data.rests.iter().any(|r| r.kind == RestKind::RestDay));
        // Same seed, same data; occurrences all on their block's weekday.
        assert_eq!(
            crate::demo::generate(7, end, crate::demo::DEFAULT_DAYS).rests,
            data.rests
        );
        for o in &data.block_occurrences {
            let b = data
                .blocks
                .iter()
                .find(|b| b.id == o.block_id)
                .expect("block");
            assert!(b.falls_on(o.date));
        }
        let mut doc = crate::export::ExportDoc::new(
            crate::Settings::defaults("UTC"),
            vec![],
            vec![],
            vec![],
            vec![],
            b_at(),
        );
        doc.hobbies = data.hobbies;
        doc.blocks = data.blocks;
        doc.block_occurrences = data.block_occurrences;
        doc.joy_logs = data.joy_logs;
        doc.rests = data.rests;
        doc.validate().expect("the demo's joy records validate");
    }

    fn b_at() -> DateTime<Utc> {
        at("2026-11-20T12:00:00Z")
    }
}
