//! The person's calendar as iCalendar text, shared by `goodenough calendar
//! --out FILE.ics` and the web feed so both give the same calendar.
//!
//! Events: the daily evening check-in reminder (with an alarm) at the
//! person's reminder time in their time zone; each active personal-time block
//! as a weekly recurring event; the running timebox until its planned end;
//! the due date of each experiment not yet recorded (all-day). Only titles
//! the person chose for their personal time appear; experiment beliefs and
//! timebox titles stay out of the calendar (a feed may be read by a calendar
//! service).
//!
//! Pure: the caller passes `now` and the records.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use icalendar::{Alarm, Calendar, CalendarDateTime, Component, EventLike};

use crate::experiment::Experiment;
use crate::joy::{Block, Day};
use crate::settings::parse_time;
use crate::timebox::Timebox;
use crate::Settings;

/// How long the reminder event lasts in the calendar.
const REMINDER_MINUTES: i64 = 10;

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
    let mut cal = Calendar::new();
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
            .alarm(Alarm::display(
                "Time for your evening check-in",
                Duration::zero(),
            ))
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
                .summary(&format!("{} (personal time)", b.title))
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
                .all_day(due)
                .done(),
        );
    }
    cal.done().to_string()
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
        });
        let parsed: Calendar = text.parse().expect("parses back");
        assert_eq!(parsed.components.len(), 2);
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        assert!(lines.contains(&"DTSTART;TZID=Europe/Berlin:20240501T203000"));
        assert!(lines.contains(&"RRULE:FREQ=DAILY"));
        assert!(lines.contains(&"BEGIN:VALARM"));
        assert!(lines.contains(&"DTSTART;TZID=Europe/Berlin:20240504T100000"));
        assert!(lines.contains(&"DTEND;TZID=Europe/Berlin:20240504T120000"));
        assert!(lines.contains(&"RRULE:FREQ=WEEKLY;BYDAY=SA"));
        assert!(lines.contains(&"SUMMARY:painting (personal time)"));
    }
}
