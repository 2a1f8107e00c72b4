//! Web Push reminders: a person's devices (their own, `Category::Account`)
//! and the scheduler's one question, which reminders are due now
//! ([`App::due_checkin_reminders`]), asked for nobody in particular.
//!
//! The encryption and the sending are the web server's (`goodenough-web`'s
//! `push.rs`); this layer decides who gets what and when, and records each
//! reminder before it is sent, so it goes out once.

use chrono::{DateTime, NaiveDate, Utc};
use goodenough_core::reminders::{self, ReminderKind};
use goodenough_core::ValidationError;
use goodenough_store::push::{PushSubscriptionRow, VapidKeys};
use serde::Serialize;

use crate::access::{Action, Category};
use crate::{App, AppError, Result, Scope};

const CATEGORY: Category = Category::Account;

/// A device to subscribe: what the browser's `PushSubscription` holds,
/// already checked by the front end (the address, and keys that decode to
/// a P-256 point and 16 bytes).
#[derive(Debug, Clone)]
pub struct NewSubscription {
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
    /// A short label such as "Chrome on Android".
    pub device: String,
}

/// One of a person's devices as they see it: no keys, and of the push
/// service's address only its host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Device {
    pub id: String,
    pub device: String,
    /// The push service's host, such as `fcm.googleapis.com`.
    pub service: String,
    pub created_at: DateTime<Utc>,
    /// The last message the push service accepted for it.
    pub last_sent_at: Option<DateTime<Utc>>,
}

impl From<PushSubscriptionRow> for Device {
    fn from(r: PushSubscriptionRow) -> Device {
        Device {
            service: host_of(&r.endpoint).to_string(),
            id: r.id,
            device: r.device,
            created_at: r.created_at,
            last_sent_at: r.last_sent_at,
        }
    }
}

/// The host of an `http(s)://host[:port]/…` address.
fn host_of(endpoint: &str) -> &str {
    let rest = endpoint.split_once("://").map_or(endpoint, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or(rest);
    authority.rsplit('@').next().unwrap_or(authority)
}

/// What is planned for a person: their devices and the next check-in
/// reminder (`None` when the reminder time falls in quiet hours).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub devices: Vec<Device>,
    pub next_checkin_reminder: Option<DateTime<Utc>>,
    /// Quiet hours, local time: no reminder from `start` until `end`.
    pub quiet_hours: QuietHours,
    /// The local days a check-in reminder was sent, newest last.
    pub sent: Vec<NaiveDate>,
}

/// Quiet hours, `HH:MM` local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuietHours {
    pub start: String,
    pub end: String,
}

/// Keeps a device's subscription for the person (subscribing again from
/// the same device replaces it).
pub async fn subscribe(scope: &Scope, new: NewSubscription) -> Result<Device> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let device = goodenough_core::text::clean(new.device.trim());
    let device: String = device.chars().take(60).collect();
    let row = PushSubscriptionRow {
        id: goodenough_core::id::new_id(),
        person_id: allowed.person.to_string(),
        endpoint: new.endpoint,
        p256dh: new.p256dh,
        auth: new.auth,
        device: if device.is_empty() {
            "This device".to_string()
        } else {
            device
        },
        created_at: allowed.now,
        last_sent_at: None,
    };
    Ok(allowed.store.put_push_subscription(&row).await?.into())
}

/// The person's devices, oldest first.
pub async fn devices(scope: &Scope) -> Result<Vec<Device>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let rows = allowed.store.push_subscriptions(allowed.person).await?;
    Ok(rows.into_iter().map(Device::from).collect())
}

/// Turns reminders off on one of the person's devices.
pub async fn unsubscribe(scope: &Scope, id: &str) -> Result<()> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    if allowed
        .store
        .remove_push_subscription(allowed.person, id)
        .await?
    {
        Ok(())
    } else {
        Err(AppError::NotFound { what: "device" })
    }
}

/// The person's subscriptions with their keys, to send them a test.
pub async fn for_test(scope: &Scope) -> Result<Vec<PushSubscriptionRow>> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    Ok(allowed.store.push_subscriptions(allowed.person).await?)
}

/// The person's devices and the next planned check-in reminder.
pub async fn plan(scope: &Scope) -> Result<Plan> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let settings = allowed.settings().await?;
    let rows = allowed.store.push_subscriptions(allowed.person).await?;
    let sent = allowed
        .store
        .reminders_sent(allowed.person, ReminderKind::Checkin.key())
        .await?;
    Ok(Plan {
        devices: rows.into_iter().map(Device::from).collect(),
        next_checkin_reminder: reminders::next_checkin(&settings, allowed.now),
        quiet_hours: QuietHours {
            start: reminders::QUIET_START.format("%H:%M").to_string(),
            end: reminders::QUIET_END.format("%H:%M").to_string(),
        },
        sent,
    })
}

/// A reminder this server has claimed and now sends to every device.
#[derive(Debug, Clone)]
pub struct Due {
    pub person: String,
    pub kind: ReminderKind,
    pub day: NaiveDate,
    pub to: Vec<PushSubscriptionRow>,
}

impl App {
    /// The server's VAPID key pair: the stored one, or `made` kept now when
    /// there is none (the first start).
    pub async fn vapid_keys(&self, made: &VapidKeys, now: DateTime<Utc>) -> Result<VapidKeys> {
        Ok(self.store().vapid_keys_or(made, now).await?)
    }

    /// The reminders due at `now` that this call claimed, for each person
    /// with a device (never in quiet hours):
    /// - the evening check-in, when their reminder time has come in their
    ///   time zone and the day is neither checked in nor a rest day or
    ///   vacation;
    /// - their running timebox, when it reaches its end;
    /// - a coach's step due today and still open, in the morning.
    ///
    /// Each is recorded (person, kind, local day) before anything is sent,
    /// so with several servers on one database only one of them gets it.
    /// The scheduler acts for nobody: it reads whether a day is covered,
    /// when a timebox ends and which steps are due, never what was written.
    pub async fn due_reminders(&self, now: DateTime<Utc>) -> Result<Vec<Due>> {
        let store = self.store();
        let mut due = Vec::new();
        for (person, settings) in store.push_people().await? {
            let mut kinds = Vec::new();
            if let Some(day) = reminders::checkin_due(&settings, now) {
                if !store.day_is_covered(&person, day).await?
                    && store
                        .claim_reminder(&person, ReminderKind::Checkin.key(), day, now)
                        .await?
                {
                    kinds.push((ReminderKind::Checkin, day));
                }
            }
            if let Some(tb) = store.running_timebox(&person).await? {
                if let Some(day) = reminders::timebox_ending_due(&settings, tb.ends_at(), now) {
                    let key = format!("{}:{}", ReminderKind::TimeboxEnding.key(), tb.id);
                    if store.claim_reminder(&person, &key, day, now).await? {
                        kinds.push((ReminderKind::TimeboxEnding, day));
                    }
                }
            }
            if let Some(day) = reminders::steps_due(&settings, now) {
                let open_today = store.assignments_of_client(&person).await?.iter().any(|a| {
                    a.due == day && a.status == goodenough_core::assignment::AssignmentStatus::Open
                });
                if open_today
                    && store
                        .claim_reminder(&person, ReminderKind::StepDue.key(), day, now)
                        .await?
                {
                    kinds.push((ReminderKind::StepDue, day));
                }
            }
            if kinds.is_empty() {
                continue;
            }
            let to = store.push_subscriptions(&person).await?;
            for (kind, day) in kinds {
                due.push(Due {
                    person: person.clone(),
                    kind,
                    day,
                    to: to.clone(),
                });
            }
        }
        Ok(due)
    }

    /// A push service said this subscription is gone (404 or 410).
    pub async fn forget_push_subscription(&self, id: &str) -> Result<()> {
        Ok(self.store().drop_push_subscription(id).await?)
    }

    /// A push service accepted a message for this subscription.
    pub async fn push_delivered(&self, id: &str, at: DateTime<Utc>) -> Result<()> {
        Ok(self.store().push_delivered(id, at).await?)
    }
}

/// The sentence for an address that cannot receive reminders.
pub fn bad_endpoint(why: &str) -> AppError {
    AppError::Invalid(ValidationError::Other(format!(
        "The push address {why}; subscribe again from the Settings page of a browser that supports reminders."
    )))
}
