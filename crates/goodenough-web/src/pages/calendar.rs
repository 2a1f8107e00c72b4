//! The calendar feed: `GET /calendar/{token}.ics`, an iCalendar file with a
//! daily evening check-in reminder at the person's reminder time in their
//! time zone, with an alert (VALARM).
//!
//! No session is needed: the random token in the address is the credential.
//! Only its SHA-256 is stored (like session and API tokens), so the address
//! is shown once, when it is made (on `/data`); making a new one replaces the
//! stored hash, and the old address answers 404 from then on. The feed holds
//! no record text, only the reminder. Built with the `icalendar` crate.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, NaiveDate, Utc};
use goodenough_core::settings::{parse_time, today_in};
use goodenough_core::Settings;
use icalendar::{Alarm, Calendar, CalendarDateTime, Component, EventLike};

use crate::auth::{hash_token, random_token};
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new().route("/calendar/{file}", get(feed))
}

/// Makes a new feed token for a person (replacing any old one) and returns
/// it; only its hash is stored.
pub async fn new_feed_token(state: &AppState, person: &str) -> Result<String, PageError> {
    let token = random_token();
    state
        .store
        .set_calendar_token(person, Some(&hash_token(&token)))
        .await?;
    Ok(token)
}

/// How long the reminder event lasts in the calendar.
const EVENT_MINUTES: i64 = 10;

/// The iCalendar text of a person's feed. `uid` must be stable for the
/// person (calendar apps use it to update the event rather than add one).
pub fn build_feed(
    settings: &Settings,
    first_day: NaiveDate,
    now: DateTime<Utc>,
    uid: &str,
) -> String {
    // Settings are validated when saved; fall back to 21:00 if not.
    let time = parse_time(&settings.reminder_time)
        .unwrap_or_else(|_| chrono::NaiveTime::from_hms_opt(21, 0, 0).unwrap_or_default());
    let start = first_day.and_time(time);
    let end = start + chrono::Duration::minutes(EVENT_MINUTES);
    let tzid = settings.time_zone.clone();
    let event = icalendar::Event::new()
        .uid(uid)
        .timestamp(now)
        .summary("Evening check-in (goodenough)")
        .description(
            "About a minute: mood, energy and three things you appreciate about yourself. Whenever it suits you; a missed evening is fine.",
        )
        .starts(CalendarDateTime::WithTimezone {
            date_time: start,
            tzid: tzid.clone(),
        })
        .ends(CalendarDateTime::WithTimezone {
            date_time: end,
            tzid,
        })
        .add_property("RRULE", "FREQ=DAILY")
        .add_property("TRANSP", "TRANSPARENT")
        .alarm(Alarm::display(
            "Time for your evening check-in",
            chrono::Duration::zero(),
        ))
        .done();
    let mut cal = Calendar::new();
    cal.name("goodenough check-in");
    cal.push(event);
    cal.done().to_string()
}

async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    let Some(token) = file.strip_suffix(".ics") else {
        return Err(PageError::not_found());
    };
    if token.is_empty() {
        return Err(PageError::not_found());
    }
    let Some(person) = state
        .store
        .person_by_calendar_token(&hash_token(token))
        .await?
    else {
        return Err(PageError::not_found());
    };
    let settings = state.store.settings(&person).await?;
    let now = state.clock.now();
    let uid = format!("evening-checkin-{}@goodenough", &hash_token(&person)[..24]);
    let body = build_feed(&settings, today_in(settings.tz(), now), now, &uid);
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"goodenough.ics\"",
            ),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn feed_has_a_daily_reminder_with_an_alarm_in_the_persons_zone() {
        let mut s = Settings::defaults("Europe/Berlin");
        s.reminder_time = "20:30".into();
        let now = Utc
            .with_ymd_and_hms(2024, 5, 1, 12, 0, 0)
            .single()
            .expect("instant");
        let day = NaiveDate::from_ymd_opt(2024, 5, 1).expect("date");
        let text = build_feed(&s, day, now, "u1@goodenough");
        let parsed: Calendar = text.parse().expect("parses back");
        assert_eq!(parsed.components.len(), 1);
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        assert!(lines.contains(&"DTSTART;TZID=Europe/Berlin:20240501T203000"));
        assert!(lines.contains(&"DTEND;TZID=Europe/Berlin:20240501T204000"));
        assert!(lines.contains(&"RRULE:FREQ=DAILY"));
        assert!(lines.contains(&"UID:u1@goodenough"));
        assert!(lines.contains(&"DTSTAMP:20240501T120000Z"));
        let alarm = lines
            .iter()
            .position(|l| *l == "BEGIN:VALARM")
            .expect("alarm");
        let alarm_end = lines
            .iter()
            .position(|l| *l == "END:VALARM")
            .expect("alarm end");
        assert!(alarm < alarm_end);
        assert!(lines[alarm..alarm_end].contains(&"ACTION:DISPLAY"));
        assert!(lines[alarm..alarm_end]
            .iter()
            .any(|l| l.starts_with("TRIGGER:")));
    }
}
