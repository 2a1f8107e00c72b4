//! The person's calendar as iCalendar text, shared by `goodenough calendar
//! --out FILE.ics` and the web feed so both give the same calendar.
//!
//! Events: the daily evening check-in reminder (with an alarm) at the
//! person's reminder time in their time zone; each active personal-time block
//! as a weekly recurring event; the running timebox until its planned end;
//! the due date of each experiment not yet recorded (all-day).
//!
//! No text the person wrote goes into the calendar, with one exception the
//! caller asks for: [`CalendarInput::block_titles`] puts the titles of
//! personal-time blocks into the summaries. The web feed, readable by anyone
//! who has its address, never sets it ("Personal time" instead); the CLI's
//! file, written to the person's own disk, does. Experiment beliefs and
//! predictions and timebox titles never appear.
//!
//! RFC 5545 details: the product's own `PRODID`; a `VTIMEZONE` for the one
//! `TZID` used (the person's time zone), with every offset change from the
//! start of the year before `first_day` for [`TZ_YEARS`] years; all-day
//! events end the day after they start; every component, the alarm
//! included, has a `UID` that is the same on every build.
//!
//! Pure: the caller passes `now` and the records.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::{Alarm, Calendar, CalendarDateTime, Component, EventLike};

use crate::experiment::Experiment;
use crate::joy::{Block, Day};
use crate::settings::parse_time;
use crate::timebox::Timebox;
use crate::Settings;

/// How long the reminder event lasts in the calendar.
const REMINDER_MINUTES: i64 = 10;

/// How many years of offset changes the `VTIMEZONE` lists.
pub const TZ_YEARS: i32 = 10;

/// The product identifier (`PRODID`) of every calendar goodenough writes.
pub const PRODID: &str = concat!(
    "-//goodenough//goodenough ",
    env!("CARGO_PKG_VERSION"),
    "//EN"
);

/// The summary of a personal-time block when its title stays out.
pub const BLOCK_SUMMARY: &str = "Personal time (goodenough)";

/// What goes into the calendar.
pub struct CalendarInput<'a> {
    pub settings: &'a Settings,
    /// The first day of the recurring events (usually today in the person's zone).
    pub first_day: NaiveDate,
    pub now: DateTime<Utc>,
    /// A stable, non-identifying key for the person (event UIDs build on it).
    pub uid_key: &'a str,
    pub blocks: &'a [Block],
    pub timeboxes: &'a [Timebox],
    pub experiments: &'a [Experiment],
    /// Whether the titles the person typed for their personal-time blocks
    /// go into the summaries. Never for a feed others could read.
    pub block_titles: bool,
}

fn byday(d: Day) -> &'static str {
    match d {
        Day::Mon => "MO",
        Day::Tue => "TU",
        Day::Wed => "WE",
        Day::Thu => "TH",
        Day::Fri => "FR",
        Day::Sat => "SA",
        Day::Sun => "SU",
    }
}

fn local(date: NaiveDate, time: NaiveTime, tzid: &str) -> CalendarDateTime {
    CalendarDateTime::WithTimezone {
        date_time: date.and_time(time),
        tzid: tzid.to_string(),
    }
}

/// A stable key for a person's event UIDs that does not show their id
/// (FNV-1a, 64 bits, as hex). The CLI and the web feed use the same one, so
/// both files describe the same events.
pub fn uid_key(person: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in person.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The iCalendar text.
pub fn build(input: &CalendarInput<'_>) -> String {
    let settings = input.settings;
    let tzid = settings.time_zone.as_str();
    // Settings are validated when saved; fall back to 21:00 if not.
    let time = parse_time(&settings.reminder_time)
        .unwrap_or_else(|_| NaiveTime::from_hms_opt(21, 0, 0).unwrap_or_default());
    let start = input.first_day.and_time(time);
    let end = start + Duration::minutes(REMINDER_MINUTES);
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"))
        .append_property(("PRODID", PRODID))
        .append_property(("CALSCALE", "GREGORIAN"));
    cal.name("goodenough");
    cal.push(
        icalendar::Event::new()
            .uid(&format!("evening-checkin-{}@goodenough", input.uid_key))
            .timestamp(input.now)
            .summary("Evening check-in (goodenough)")
            .description(
                "About a minute: mood, energy and three things you appreciate about yourself. Whenever it suits you; a missed evening is fine.",
            )
            .starts(CalendarDateTime::WithTimezone {
                date_time: start,
                tzid: tzid.to_string(),
            })
            .ends(CalendarDateTime::WithTimezone {
                date_time: end,
                tzid: tzid.to_string(),
            })
            .add_property("RRULE", "FREQ=DAILY")
            .add_property("TRANSP", "TRANSPARENT")
            .alarm(
                Alarm::display("Time for your evening check-in", Duration::zero())
                    .uid(&format!(
                        "evening-checkin-alarm-{}@goodenough",
                        input.uid_key
                    ))
                    .timestamp(input.now)
                    .done(),
            )
            .done(),
    );
    for b in input.blocks.iter().filter(|b| b.active) {
        let (Ok(s), Ok(e)) = (
            NaiveTime::parse_from_str(&b.start, "%H:%M"),
            NaiveTime::parse_from_str(&b.end, "%H:%M"),
        ) else {
            continue;
        };
        let first = b.next_on_or_after(input.first_day);
        debug_assert_eq!(Day::from_weekday(first.weekday()), b.weekday);
        cal.push(
            icalendar::Event::new()
                .uid(&format!("block-{}@goodenough", b.id))
                .timestamp(input.now)
                .summary(&if input.block_titles {
                    format!("{} (personal time)", b.title)
                } else {
                    BLOCK_SUMMARY.to_string()
                })
                .description(
                    "Non-negotiable personal time. Kept or skipped, both are worth noting.",
                )
                .starts(local(first, s, tzid))
                .ends(local(first, e, tzid))
                .add_property("RRULE", format!("FREQ=WEEKLY;BYDAY={}", byday(b.weekday)))
                .done(),
        );
    }
    for t in input.timeboxes.iter().filter(|t| t.ended_at.is_none()) {
        cal.push(
            icalendar::Event::new()
                .uid(&format!("timebox-{}@goodenough", t.id))
                .timestamp(input.now)
                .summary("Timebox (goodenough)")
                .description(
                    "The planned end of the running timebox. Good enough is a fine place to stop.",
                )
                .starts(t.started_at)
                .ends(t.ends_at())
                .done(),
        );
    }
    for x in input.experiments.iter().filter(|x| x.result.is_none()) {
        let Some(due) = x.due else { continue };
        cal.push(
            icalendar::Event::new()
                .uid(&format!("experiment-{}@goodenough", x.id))
                .timestamp(input.now)
                .summary("Behavioural experiment due (goodenough)")
                .description("Record what happened with `goodenough experiment record` or on the Experiments page.")
                // An all-day event ends the next day (DTEND is exclusive).
                .starts(due)
                .ends(due + Duration::days(1))
                .done(),
        );
    }
    let text = cal.done().to_string();
    let zone = vtimezone(tzid, settings.tz(), input.first_day);
    // The time zone goes before the events that use it.
    match text.find("BEGIN:VEVENT\r\n") {
        Some(at) => format!("{}{zone}{}", &text[..at], &text[at..]),
        None => text,
    }
}

/// `+HHMM` (or `+HHMMSS`) for an offset in seconds.
fn offset_text(seconds: i64) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// The offset in effect at a UTC instant: (seconds east of UTC, daylight
/// saving or not, abbreviation).
fn offset_at(tz: Tz, utc: NaiveDateTime) -> (i64, bool, Option<String>) {
    let o = tz.offset_from_utc_datetime(&utc);
    let dst = o.dst_offset();
    (
        (o.base_utc_offset() + dst).num_seconds(),
        !dst.is_zero(),
        o.abbreviation().map(str::to_string),
    )
}

/// One `STANDARD` or `DAYLIGHT` observance (its `DTSTART` in the local time
/// before the change, as RFC 5545 asks).
fn observance(
    out: &mut String,
    onset_utc: NaiveDateTime,
    from: i64,
    to: (i64, bool, Option<String>),
) {
    let kind = if to.1 { "DAYLIGHT" } else { "STANDARD" };
    let local = onset_utc + Duration::seconds(from);
    out.push_str(&format!("BEGIN:{kind}\r\n"));
    out.push_str(&format!("DTSTART:{}\r\n", local.format("%Y%m%dT%H%M%S")));
    out.push_str(&format!("TZOFFSETFROM:{}\r\n", offset_text(from)));
    out.push_str(&format!("TZOFFSETTO:{}\r\n", offset_text(to.0)));
    if let Some(name) = to.2.filter(|n| !n.is_empty() && n.is_ascii()) {
        out.push_str(&format!("TZNAME:{name}\r\n"));
    }
    out.push_str(&format!("END:{kind}\r\n"));
}

/// The `VTIMEZONE` of `tzid`: the offset at the start of the year before
/// `around`, then every change for [`TZ_YEARS`] years (found day by day and
/// pinned to the second), so a calendar without its own time zone data
/// still places each event right.
fn vtimezone(tzid: &str, tz: Tz, around: NaiveDate) -> String {
    let year = around.year() - 1;
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year + TZ_YEARS, 1, 1),
    ) else {
        return String::new();
    };
    let start = first.and_time(NaiveTime::MIN);
    let end = last.and_time(NaiveTime::MIN);
    let mut out = format!("BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n");
    let initial = offset_at(tz, start);
    let mut current = (initial.0, initial.1);
    observance(&mut out, start, initial.0, initial);
    let mut t = start;
    while t < end {
        let next = t + Duration::days(1);
        let after = offset_at(tz, next);
        if (after.0, after.1) != current {
            // The change lies in (t, next]: find its first second.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                let o = offset_at(tz, mid);
                if (o.0, o.1) == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let to = offset_at(tz, hi);
            observance(&mut out, hi, current.0, to.clone());
            current = (to.0, to.1);
        }
        t = next;
    }
    out.push_str("END:VTIMEZONE\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("instant")
    }

    #[test]
    fn reminder_blocks_timebox_and_due_experiment_parse_back() {
        let mut s = Settings::defaults("Europe/Berlin");
        s.reminder_time = "20:30".into();
        let now = at(2024, 5, 1, 12, 0); // a Wednesday
        let day = NaiveDate::from_ymd_opt(2024, 5, 1).expect("date");
        let weekly = crate::joy::parse_weekly("sat 10:00-12:00").expect("weekly");
        let block = Block::new("b1".into(), now, "painting", &weekly, None).expect("block");
        let text = build(&CalendarInput {
            settings: &s,
            first_day: day,
            now,
            uid_key: "k",
            blocks: &[block],
            timeboxes: &[],
            experiments: &[],
            block_titles: true,
        });
        let parsed: Calendar = text.parse().expect("parses back");
        // The time zone, the reminder and the block.
        assert_eq!(parsed.components.len(), 3);
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        assert!(lines.contains(&"DTSTART;TZID=Europe/Berlin:20240501T203000"));
        assert!(lines.contains(&"RRULE:FREQ=DAILY"));
        assert!(lines.contains(&"BEGIN:VALARM"));
        assert!(lines.contains(&"DTSTART;TZID=Europe/Berlin:20240504T100000"));
        assert!(lines.contains(&"DTEND;TZID=Europe/Berlin:20240504T120000"));
        assert!(lines.contains(&"RRULE:FREQ=WEEKLY;BYDAY=SA"));
        assert!(lines.contains(&"SUMMARY:painting (personal time)"));
    }

    const CANARY: &str = "canary-zebra-7731";

    /// A calendar with a block, a running timebox and a due experiment, all
    /// carrying the canary in every text the person typed.
    fn canary_calendar(block_titles: bool, now: DateTime<Utc>) -> String {
        let mut s = Settings::defaults("Europe/Berlin");
        s.reminder_time = "20:30".into();
        let day = NaiveDate::from_ymd_opt(2024, 5, 1).expect("date");
        let weekly = crate::joy::parse_weekly("sat 10:00-12:00").expect("weekly");
        let block = Block::new(
            "b1".into(),
            now,
            &format!("{CANARY} painting"),
            &weekly,
            None,
        )
        .expect("block");
        let timebox =
            Timebox::start("t1".into(), &format!("{CANARY} report"), "90m", now).expect("timebox");
        let experiment = Experiment::plan(
            "x1".into(),
            now,
            day,
            crate::experiment::PlanInput {
                belief: &format!("{CANARY} belief"),
                prediction: &format!("{CANARY} fear"),
                likelihood: 70,
                anxiety: 60,
                rung_id: None,
                due: Some(NaiveDate::from_ymd_opt(2024, 5, 14).expect("date")),
            },
        )
        .expect("experiment");
        build(&CalendarInput {
            settings: &s,
            first_day: day,
            now,
            uid_key: "k",
            blocks: &[block],
            timeboxes: &[timebox],
            experiments: &[experiment],
            block_titles,
        })
    }

    #[test]
    fn the_feed_holds_no_text_the_person_wrote() {
        let text = canary_calendar(false, at(2024, 5, 1, 12, 0));
        assert!(!text.contains(CANARY), "{text}");
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        assert!(lines.contains(&"SUMMARY:Personal time (goodenough)"));
        assert!(lines.contains(&"SUMMARY:Timebox (goodenough)"));
        assert!(lines.contains(&"SUMMARY:Behavioural experiment due (goodenough)"));
        // The person's own file may name their block, and nothing else.
        let own = canary_calendar(true, at(2024, 5, 1, 12, 0));
        assert_eq!(own.matches(CANARY).count(), 1, "{own}");
        assert!(own.contains(&format!("SUMMARY:{CANARY} painting (personal time)")));
    }

    #[test]
    fn every_tzid_has_its_vtimezone_with_the_offset_changes() {
        let text = canary_calendar(false, at(2024, 5, 1, 12, 0));
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        let mut used: Vec<&str> = lines
            .iter()
            .filter_map(|l| l.split_once(";TZID=").map(|(_, rest)| rest))
            .filter_map(|rest| rest.split([':', ';']).next())
            .collect();
        used.sort_unstable();
        used.dedup();
        assert_eq!(used, ["Europe/Berlin"]);
        for tzid in used {
            let begin = lines
                .iter()
                .position(|l| *l == "BEGIN:VTIMEZONE")
                .expect("a VTIMEZONE");
            assert_eq!(lines[begin + 1], format!("TZID:{tzid}"));
            // Before any event uses it.
            let first_event = lines
                .iter()
                .position(|l| *l == "BEGIN:VEVENT")
                .expect("event");
            assert!(begin < first_event);
        }
        // Summer time 2024 in Berlin: 31 March, 02:00 local → +0200.
        let spring = lines
            .windows(5)
            .find(|w| w[0] == "BEGIN:DAYLIGHT" && w[1] == "DTSTART:20240331T020000")
            .expect("the spring change of 2024");
        assert_eq!(spring[2], "TZOFFSETFROM:+0100");
        assert_eq!(spring[3], "TZOFFSETTO:+0200");
        assert_eq!(spring[4], "TZNAME:CEST");
        // Back on 27 October, 03:00 local summer time.
        assert!(lines.windows(4).any(|w| w[0] == "BEGIN:STANDARD"
            && w[1] == "DTSTART:20241027T030000"
            && w[2] == "TZOFFSETFROM:+0200"
            && w[3] == "TZOFFSETTO:+0100"));
        // A zone without changes gets one observance.
        let utc = vtimezone(
            "UTC",
            chrono_tz::UTC,
            NaiveDate::from_ymd_opt(2024, 5, 1).expect("date"),
        );
        assert_eq!(utc.matches("BEGIN:STANDARD").count(), 1, "{utc}");
        assert!(utc.contains("TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000"));
        let parsed: Calendar = text.parse().expect("parses back");
        assert_eq!(
            parsed.components.len(),
            5,
            "zone, reminder, block, timebox, experiment"
        );
    }

    #[test]
    fn all_day_events_end_the_next_day() {
        let text = canary_calendar(false, at(2024, 5, 1, 12, 0));
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        assert!(lines.contains(&"DTSTART;VALUE=DATE:20240514"), "{text}");
        assert!(lines.contains(&"DTEND;VALUE=DATE:20240515"), "{text}");
    }

    #[test]
    fn uids_and_prodid_are_stable_across_builds() {
        let uids = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| l.starts_with("UID:"))
                .map(|l| l.trim_end().to_string())
                .collect()
        };
        let one = canary_calendar(false, at(2024, 5, 1, 12, 0));
        let two = canary_calendar(false, at(2024, 5, 2, 9, 30));
        assert_eq!(uids(&one), uids(&two));
        assert!(uids(&one).contains(&"UID:evening-checkin-alarm-k@goodenough".to_string()));
        // Every component that has a UID has one of its own.
        let mut all = uids(&one);
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
        // The same input gives the same bytes: no random ids, no clock.
        assert_eq!(one, canary_calendar(false, at(2024, 5, 1, 12, 0)));
        let prodid = format!(
            "PRODID:-//goodenough//goodenough {}//EN",
            env!("CARGO_PKG_VERSION")
        );
        assert!(one.lines().any(|l| l.trim_end() == prodid), "{one}");
        assert!(!one.contains("ICALENDAR-RS"));
    }
}
