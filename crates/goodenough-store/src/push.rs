//! Web Push reminders in the store (migration 0025): the server's VAPID key
//! pair (one row), the devices that asked for reminders, and the reminders
//! sent (one per person, kind and local day, so that with several servers
//! on one database only the server whose insert made the row sends).
//!
//! A subscription is device data like a passkey, not a coaching record: it
//! is not exported and does not move the data version.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use goodenough_core::Settings;

use crate::Result;

/// The server's VAPID key pair, both halves base64url (unpadded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VapidKeys {
    /// The P-256 private scalar (32 bytes).
    pub private_key: String,
    /// The uncompressed public point (65 bytes): what browsers subscribe with.
    pub public_key: String,
}

/// A device's push subscription. Its fields are the columns of
/// `push_subscriptions`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PushSubscriptionRow {
    pub id: String,
    pub person_id: String,
    /// The push service's address for this device.
    pub endpoint: String,
    /// The device's P-256 public key, base64url.
    pub p256dh: String,
    /// The device's 16-byte authentication secret, base64url.
    pub auth: String,
    /// A short label such as "Chrome on Android".
    pub device: String,
    pub created_at: DateTime<Utc>,
    pub last_sent_at: Option<DateTime<Utc>>,
}

/// Web Push keys, subscriptions and sent reminders.
#[async_trait]
pub trait Push: Send + Sync {
    /// The VAPID key pair: the stored one, or `made` when none is stored
    /// yet (kept in the same step, so servers starting together agree on
    /// one pair).
    async fn vapid_keys_or(&self, made: &VapidKeys, now: DateTime<Utc>) -> Result<VapidKeys>;
    /// Keeps a subscription. A device's endpoint is unique: subscribing
    /// again from it replaces the row (its keys and person) and keeps the
    /// row's id. Returns the row as stored.
    async fn put_push_subscription(&self, row: &PushSubscriptionRow)
        -> Result<PushSubscriptionRow>;
    /// A person's subscriptions, oldest first.
    async fn push_subscriptions(&self, person: &str) -> Result<Vec<PushSubscriptionRow>>;
    /// Removes one of a person's subscriptions; whether there was one.
    async fn remove_push_subscription(&self, person: &str, id: &str) -> Result<bool>;
    /// Removes a subscription the push service says is gone (whoever's).
    async fn drop_push_subscription(&self, id: &str) -> Result<()>;
    /// Notes that a message was accepted for a subscription.
    async fn push_delivered(&self, id: &str, at: DateTime<Utc>) -> Result<()>;
    /// Every person (not disabled) with at least one subscription, with
    /// their settings: whom the scheduler looks at.
    async fn push_people(&self) -> Result<Vec<(String, Settings)>>;
    /// Whether a local day needs no check-in reminder: the person has
    /// checked in that day, or it falls in one of their rest days or
    /// vacations.
    async fn day_is_covered(&self, person: &str, day: NaiveDate) -> Result<bool>;
    /// Records that `kind`'s reminder for `day` is being sent: true when
    /// this call made the record, false when it existed (another server or
    /// an earlier tick sent it).
    async fn claim_reminder(
        &self,
        person: &str,
        kind: &str,
        day: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// The days a reminder of `kind` was sent to a person, oldest first.
    async fn reminders_sent(&self, person: &str, kind: &str) -> Result<Vec<NaiveDate>>;
}

/// Expands into `impl Push for $store`.
macro_rules! impl_push {
    ($store:ty, $row:ty) => {
        #[async_trait::async_trait]
        impl $crate::push::Push for $store {
            async fn vapid_keys_or(
                &self,
                made: &$crate::push::VapidKeys,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<$crate::push::VapidKeys> {
                use sqlx::Row;
                sqlx::query(
                    "INSERT INTO push_vapid (id, private_key, public_key, created_at) VALUES (1, $1, $2, $3) \
                     ON CONFLICT (id) DO NOTHING",
                )
                .bind(&made.private_key)
                .bind(&made.public_key)
                .bind(now)
                .execute(&self.pool)
                .await?;
                let row = sqlx::query("SELECT private_key, public_key FROM push_vapid WHERE id = 1")
                    .fetch_one(&self.pool)
                    .await?;
                Ok($crate::push::VapidKeys {
                    private_key: row.try_get("private_key")?,
                    public_key: row.try_get("public_key")?,
                })
            }

            async fn put_push_subscription(
                &self,
                s: &$crate::push::PushSubscriptionRow,
            ) -> $crate::Result<$crate::push::PushSubscriptionRow> {
                let row = sqlx::query_as::<_, $crate::push::PushSubscriptionRow>(
                    "INSERT INTO push_subscriptions (id, person_id, endpoint, p256dh, auth, device, created_at, last_sent_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, NULL) \
                     ON CONFLICT (endpoint) DO UPDATE SET person_id = excluded.person_id, \
                     p256dh = excluded.p256dh, auth = excluded.auth, device = excluded.device \
                     RETURNING *",
                )
                .bind(&s.id)
                .bind(&s.person_id)
                .bind(&s.endpoint)
                .bind(&s.p256dh)
                .bind(&s.auth)
                .bind(&s.device)
                .bind(s.created_at)
                .fetch_one(&self.pool)
                .await?;
                Ok(row)
            }

            async fn push_subscriptions(
                &self,
                person: &str,
            ) -> $crate::Result<Vec<$crate::push::PushSubscriptionRow>> {
                Ok(sqlx::query_as::<_, $crate::push::PushSubscriptionRow>(
                    "SELECT * FROM push_subscriptions WHERE person_id = $1 ORDER BY created_at, id",
                )
                .bind(person)
                .fetch_all(&self.read)
                .await?)
            }

            async fn remove_push_subscription(&self, person: &str, id: &str) -> $crate::Result<bool> {
                let r = sqlx::query("DELETE FROM push_subscriptions WHERE person_id = $1 AND id = $2")
                    .bind(person)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn drop_push_subscription(&self, id: &str) -> $crate::Result<()> {
                sqlx::query("DELETE FROM push_subscriptions WHERE id = $1")
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn push_delivered(&self, id: &str, at: chrono::DateTime<chrono::Utc>) -> $crate::Result<()> {
                sqlx::query("UPDATE push_subscriptions SET last_sent_at = $2 WHERE id = $1")
                    .bind(id)
                    .bind(at)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn push_people(&self) -> $crate::Result<Vec<(String, goodenough_core::Settings)>> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT p.id, p.display_name, p.time_zone, p.work_start, p.work_end, p.work_days, p.reminder_time \
                     FROM persons p WHERE p.disabled_at IS NULL \
                     AND EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.person_id = p.id) ORDER BY p.id",
                )
                .fetch_all(&self.read)
                .await?;
                rows.iter()
                    .map(|row| Ok((row.try_get("id")?, Self::row_settings(row)?)))
                    .collect()
            }

            async fn day_is_covered(&self, person: &str, day: chrono::NaiveDate) -> $crate::Result<bool> {
                use sqlx::Row;
                let row = sqlx::query(
                    "SELECT (EXISTS (SELECT 1 FROM checkins WHERE person_id = $1 AND date = $2) \
                     OR EXISTS (SELECT 1 FROM rests WHERE person_id = $1 AND from_date <= $2 AND to_date >= $2)) AS covered",
                )
                .bind(person)
                .bind(day)
                .fetch_one(&self.read)
                .await?;
                Ok(row.try_get::<bool, _>("covered")?)
            }

            async fn claim_reminder(
                &self,
                person: &str,
                kind: &str,
                day: chrono::NaiveDate,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<bool> {
                let r = sqlx::query(
                    "INSERT INTO push_sent (person_id, kind, day, sent_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (person_id, kind, day) DO NOTHING",
                )
                .bind(person)
                .bind(kind)
                .bind(day)
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(r.rows_affected() == 1)
            }

            async fn reminders_sent(&self, person: &str, kind: &str) -> $crate::Result<Vec<chrono::NaiveDate>> {
                use sqlx::Row;
                let rows = sqlx::query("SELECT day FROM push_sent WHERE person_id = $1 AND kind = $2 ORDER BY day")
                    .bind(person)
                    .bind(kind)
                    .fetch_all(&self.read)
                    .await?;
                rows.iter().map(|r| Ok(r.try_get("day")?)).collect()
            }
        }
    };
}
pub(crate) use impl_push;
