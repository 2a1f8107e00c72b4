//! When a reminder may reach a person's phone (Web Push), and what it says.
//!
//! The rules, pure (the caller passes `now`), never in quiet hours (22:00 to
//! 07:00 local time):
//! - the evening check-in: from the person's reminder time, in their time
//!   zone, for a few hours;
//! - a running timebox: when it reaches its end (for ten minutes after);
//! - a coach's step due today: from 09:00 local time, for a few hours.
//!
//! Whether the day is already checked in or a rest day, whether a step is
//! still open, and whether a reminder has gone already, the store knows;
//! the application asks it.
//!
//! A notification never carries anything the person wrote: only a fixed
//! title, a fixed sentence and the page it opens.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::settings::parse_time;
use crate::Settings;

/// Quiet hours begin (local time): no reminder from then…
pub const QUIET_START: NaiveTime = match NaiveTime::from_hms_opt(22, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
/// …until this time the next morning.
pub const QUIET_END: NaiveTime = match NaiveTime::from_hms_opt(7, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
/// How long after the reminder time a reminder is still sent (a server that
/// was stopped at the reminder time sends it when it is back, within this).
pub const LATE_BY_AT_MOST: Duration = Duration::hours(3);

/// How long after a timebox's end its reminder is still sent.
pub const TIMEBOX_LATE_BY_AT_MOST: Duration = Duration::minutes(10);
/// When the reminder of a coach's step due today comes (local time).
pub const STEP_DUE_AT: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// The kinds of reminder; the store keeps one per person, kind and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReminderKind {
    /// The evening check-in.
    Checkin,
    /// A running timebox reached its end (stored with the timebox's id).
    TimeboxEnding,
    /// A coach's step is due today.
    StepDue,
}

impl ReminderKind {
    /// The key stored with a sent reminder.
    pub fn key(self) -> &'static str {
        match self {
            ReminderKind::Checkin => "checkin",
            ReminderKind::TimeboxEnding => "timebox",
            ReminderKind::StepDue => "step",
        }
    }

    /// What the reminder says.
    pub fn notification(self) -> Notification {
        match self {
            ReminderKind::Checkin => Notification::checkin(),
            ReminderKind::TimeboxEnding => Notification::fixed(
                "Your timebox has reached its end: is it good enough to ship?",
                "/timeboxes",
            ),
            ReminderKind::StepDue => {
                Notification::fixed("A step from your coach is due today", "/assignments")
            }
        }
    }
}

/// Whether a local time falls in quiet hours (22:00 to 07:00).
pub fn in_quiet_hours(t: NaiveTime) -> bool {
    if QUIET_START <= QUIET_END {
        t >= QUIET_START && t < QUIET_END
    } else {
        t >= QUIET_START || t < QUIET_END
    }
}

/// The local day whose check-in reminder is due at `now`, if one is: the
/// local time is at or after the reminder time, at most
/// [`LATE_BY_AT_MOST`] after it, on the same day, and not in quiet hours.
/// `None` also when the reminder time cannot be read.
pub fn checkin_due(settings: &Settings, now: DateTime<Utc>) -> Option<NaiveDate> {
    let at = parse_time(&settings.reminder_time).ok()?;
    due_from(settings, at, now)
}

/// The local day whose steps due today are reminded of at `now`, if any:
/// from [`STEP_DUE_AT`], at most [`LATE_BY_AT_MOST`] later.
pub fn steps_due(settings: &Settings, now: DateTime<Utc>) -> Option<NaiveDate> {
    due_from(settings, STEP_DUE_AT, now)
}

/// The local day of a timebox's end when its reminder is due at `now`:
/// from `ends_at` to [`TIMEBOX_LATE_BY_AT_MOST`] after, not in quiet hours.
pub fn timebox_ending_due(
    settings: &Settings,
    ends_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<NaiveDate> {
    let late = now.signed_duration_since(ends_at);
    let local = now.with_timezone(&settings.tz());
    (late >= Duration::zero() && late <= TIMEBOX_LATE_BY_AT_MOST && !in_quiet_hours(local.time()))
        .then(|| ends_at.with_timezone(&settings.tz()).date_naive())
}

/// The local day when `now` is at or after `at` local time, at most
/// [`LATE_BY_AT_MOST`] later on the same day, and not in quiet hours.
fn due_from(settings: &Settings, at: NaiveTime, now: DateTime<Utc>) -> Option<NaiveDate> {
    let local = now.with_timezone(&settings.tz());
    let time = local.time();
    let late = time.signed_duration_since(at);
    (late >= Duration::zero() && late <= LATE_BY_AT_MOST && !in_quiet_hours(time))
        .then(|| local.date_naive())
}

/// The next instant a check-in reminder is planned at or after `now` (today's
/// if its time has not passed, else tomorrow's), or `None` when the reminder
/// time falls in quiet hours, so none is ever sent. Whether that day will be
/// checked in or a rest day is not known yet.
pub fn next_checkin(settings: &Settings, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let at = parse_time(&settings.reminder_time).ok()?;
    if in_quiet_hours(at) {
        return None;
    }
    let tz = settings.tz();
    let today = now.with_timezone(&tz).date_naive();
    (0..3).find_map(|days| {
        let day = today + Duration::days(days);
        // A local time a clock change skips has no instant; try the next day.
        let instant = tz
            .from_local_datetime(&day.and_time(at))
            .earliest()?
            .with_timezone(&Utc);
        (instant >= now).then_some(instant)
    })
}

/// What a push message carries: a fixed title and sentence and the page to
/// open. Never anything a person wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub title: String,
    pub body: String,
    /// The page the notification opens (a path on this server).
    pub url: String,
}

impl Notification {
    /// The evening check-in reminder.
    pub fn checkin() -> Notification {
        Notification::fixed("Time for your evening check-in", "/checkin")
    }

    fn fixed(body: &str, url: &str) -> Notification {
        Notification {
            title: "goodenough".to_string(),
            body: body.to_string(),
            url: url.to_string(),
        }
    }

    /// What "Send a test" sends.
    pub fn test() -> Notification {
        Notification {
            title: "goodenough".to_string(),
            body: "Reminders reach this device".to_string(),
            url: "/settings".to_string(),
        }
    }

    /// The message as JSON bytes (what is encrypted and sent).
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("an instant")
            .with_timezone(&Utc)
    }

    fn berlin(reminder: &str) -> Settings {
        Settings {
            reminder_time: reminder.to_string(),
            ..Settings::defaults("Europe/Berlin")
        }
    }

    #[test]
    fn due_from_the_reminder_time_in_the_persons_zone_and_not_in_quiet_hours() {
        let s = berlin("20:30");
        // 19:29 UTC is 20:29 in Berlin in winter.
        assert_eq!(checkin_due(&s, at("2026-01-10T19:29:00Z")), None);
        let day = NaiveDate::from_ymd_opt(2026, 1, 10);
        assert_eq!(checkin_due(&s, at("2026-01-10T19:30:00Z")), day);
        assert_eq!(checkin_due(&s, at("2026-01-10T20:59:00Z")), day);
        // 22:00 in Berlin: quiet hours.
        assert_eq!(checkin_due(&s, at("2026-01-10T21:00:00Z")), None);
        // A reminder time inside quiet hours never comes.
        let late = berlin("23:00");
        assert_eq!(checkin_due(&late, at("2026-01-10T22:10:00Z")), None);
        assert_eq!(next_checkin(&late, at("2026-01-10T12:00:00Z")), None);
    }

    #[test]
    fn the_next_reminder_is_today_or_tomorrow() {
        let s = berlin("20:30");
        assert_eq!(
            next_checkin(&s, at("2026-01-10T12:00:00Z")),
            Some(at("2026-01-10T19:30:00Z"))
        );
        assert_eq!(
            next_checkin(&s, at("2026-01-10T19:31:00Z")),
            Some(at("2026-01-11T19:30:00Z"))
        );
    }

    #[test]
    fn a_timebox_is_reminded_at_its_end_and_a_step_in_the_morning() {
        let s = berlin("20:30");
        let end = at("2026-01-10T14:00:00Z");
        let day = NaiveDate::from_ymd_opt(2026, 1, 10);
        assert_eq!(
            timebox_ending_due(&s, end, at("2026-01-10T13:59:00Z")),
            None
        );
        assert_eq!(timebox_ending_due(&s, end, at("2026-01-10T14:05:00Z")), day);
        assert_eq!(
            timebox_ending_due(&s, end, at("2026-01-10T14:11:00Z")),
            None
        );
        // 23:00 in Berlin: quiet hours.
        let late = at("2026-01-10T22:00:00Z");
        assert_eq!(timebox_ending_due(&s, late, late), None);
        assert_eq!(steps_due(&s, at("2026-01-10T07:59:00Z")), None);
        assert_eq!(steps_due(&s, at("2026-01-10T08:00:00Z")), day);
        assert_eq!(steps_due(&s, at("2026-01-10T11:01:00Z")), None);
    }

    #[test]
    fn quiet_hours_wrap_midnight() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("a time");
        assert!(in_quiet_hours(t(22, 0)));
        assert!(in_quiet_hours(t(3, 0)));
        assert!(!in_quiet_hours(t(7, 0)));
        assert!(!in_quiet_hours(t(21, 59)));
    }

    #[test]
    fn a_notification_names_no_entry() {
        let bytes = Notification::checkin().to_bytes();
        assert_eq!(
            String::from_utf8(bytes).expect("utf-8"),
            r#"{"title":"goodenough","body":"Time for your evening check-in","url":"/checkin"}"#
        );
    }
}
