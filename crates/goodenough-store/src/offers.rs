//! Programme offers in the store: a coach offers one of their own
//! programmes to a client, who accepts or declines it (see
//! `migrations/*/0026_programme_offers.sql`). The offer keeps a copy of
//! the programme's text as it was offered; an accepted offer is the
//! client's copy, which their enrolment runs.
//!
//! Like the rest of the practice, this decides nothing about who may see
//! what: the application's access check does.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use goodenough_core::programme::Enrolment;
use serde::Serialize;

use crate::{Result, StoreError};

/// Where an offer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferStatus {
    /// Waiting for the client.
    Offered,
    /// The client started it.
    Accepted,
    /// The client said no.
    Declined,
}

impl OfferStatus {
    pub fn key(self) -> &'static str {
        match self {
            OfferStatus::Offered => "offered",
            OfferStatus::Accepted => "accepted",
            OfferStatus::Declined => "declined",
        }
    }

    /// The status in words, for pages and the CLI.
    pub fn label(self) -> &'static str {
        match self {
            OfferStatus::Offered => "waiting for an answer",
            OfferStatus::Accepted => "accepted",
            OfferStatus::Declined => "declined",
        }
    }

    pub fn parse(raw: &str) -> Option<OfferStatus> {
        match raw {
            "offered" => Some(OfferStatus::Offered),
            "accepted" => Some(OfferStatus::Accepted),
            "declined" => Some(OfferStatus::Declined),
            _ => None,
        }
    }
}

/// One offer, with both people's names as their accounts show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offer {
    pub id: String,
    #[serde(skip)]
    pub coach_id: String,
    pub coach_name: String,
    #[serde(skip)]
    pub client_id: String,
    pub client_name: String,
    /// The id inside the programme's file.
    pub programme_id: String,
    pub title: String,
    /// The programme's TOML as it was offered.
    pub body: String,
    /// The coach's note (may be empty).
    pub note: String,
    pub offered_at: DateTime<Utc>,
    pub status: OfferStatus,
    /// The client's reason for declining (optional).
    pub reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// Programme offers.
#[async_trait]
pub trait Offers: Send + Sync {
    /// Keeps a new offer.
    async fn add_offer(&self, offer: &Offer) -> Result<()>;
    /// One offer by id (whoever's it is: the caller checks).
    async fn get_offer(&self, id: &str) -> Result<Option<Offer>>;
    /// Every offer made to a client, oldest first.
    async fn offers_to(&self, client: &str) -> Result<Vec<Offer>>;
    /// Every offer a coach made to a client, oldest first.
    async fn offers_between(&self, coach: &str, client: &str) -> Result<Vec<Offer>>;
    /// Declines an offer still waiting; whether it was waiting.
    async fn decline_offer(
        &self,
        id: &str,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Accepts an offer still waiting and starts `enrolment` for its
    /// client, in one transaction (like `start_enrolment`: a running
    /// programme is a [`StoreError::Conflict`] without `replace_on`, and
    /// is stopped on that day with it). An offer no longer waiting is a
    /// [`StoreError::Conflict`] too; nothing is written either way.
    /// Returns the programme stopped to make way.
    async fn accept_offer(
        &self,
        id: &str,
        enrolment: &Enrolment,
        replace_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<Option<Enrolment>>;
    /// The client's copy of a programme they accepted (the latest accepted
    /// offer with that programme id): its TOML.
    async fn accepted_programme(&self, client: &str, programme_id: &str) -> Result<Option<String>>;
}

/// The sentence when an offer was answered already.
pub const ANSWERED: &str = "that offer was answered already";

pub(crate) const OFFER_COLUMNS: &str =
    "o.id, o.coach_id, c.display_name AS coach_name, o.client_id, k.display_name AS client_name, \
     o.programme_id, o.title, o.body, o.note, o.offered_at, o.status, o.reason, o.decided_at \
     FROM programme_offers o JOIN persons c ON c.id = o.coach_id JOIN persons k ON k.id = o.client_id";

pub(crate) fn parse_status(raw: &str) -> Result<OfferStatus> {
    OfferStatus::parse(raw).ok_or_else(|| StoreError::Corrupt("offer status".to_string()))
}

/// Expands into `impl Offers for $store`.
macro_rules! impl_offers {
    ($store:ty, $row:ty) => {
        impl $store {
            fn row_offer(row: &$row) -> $crate::Result<$crate::offers::Offer> {
                use sqlx::Row;
                let status: String = row.try_get("status")?;
                Ok($crate::offers::Offer {
                    id: row.try_get("id")?,
                    coach_id: row.try_get("coach_id")?,
                    coach_name: row.try_get("coach_name")?,
                    client_id: row.try_get("client_id")?,
                    client_name: row.try_get("client_name")?,
                    programme_id: row.try_get("programme_id")?,
                    title: row.try_get("title")?,
                    body: row.try_get("body")?,
                    note: row.try_get("note")?,
                    offered_at: row.try_get("offered_at")?,
                    status: $crate::offers::parse_status(&status)?,
                    reason: row.try_get("reason")?,
                    decided_at: row.try_get("decided_at")?,
                })
            }
        }

        #[async_trait::async_trait]
        impl $crate::offers::Offers for $store {
            async fn add_offer(&self, o: &$crate::offers::Offer) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO programme_offers (id, coach_id, client_id, programme_id, title, body, \
                     note, offered_at, status, reason, decided_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                )
                .bind(&o.id)
                .bind(&o.coach_id)
                .bind(&o.client_id)
                .bind(&o.programme_id)
                .bind(&o.title)
                .bind(&o.body)
                .bind(&o.note)
                .bind(o.offered_at)
                .bind(o.status.key())
                .bind(&o.reason)
                .bind(o.decided_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn get_offer(&self, id: &str) -> $crate::Result<Option<$crate::offers::Offer>> {
                let sql = format!("SELECT {} WHERE o.id = $1", $crate::offers::OFFER_COLUMNS);
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.read).await?;
                row.as_ref().map(Self::row_offer).transpose()
            }

            async fn offers_to(&self, client: &str) -> $crate::Result<Vec<$crate::offers::Offer>> {
                let sql = format!(
                    "SELECT {} WHERE o.client_id = $1 ORDER BY o.offered_at, o.id",
                    $crate::offers::OFFER_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(client).fetch_all(&self.read).await?;
                rows.iter().map(Self::row_offer).collect()
            }

            async fn offers_between(
                &self,
                coach: &str,
                client: &str,
            ) -> $crate::Result<Vec<$crate::offers::Offer>> {
                let sql = format!(
                    "SELECT {} WHERE o.coach_id = $1 AND o.client_id = $2 ORDER BY o.offered_at, o.id",
                    $crate::offers::OFFER_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(coach).bind(client).fetch_all(&self.read).await?;
                rows.iter().map(Self::row_offer).collect()
            }

            async fn decline_offer(
                &self,
                id: &str,
                reason: Option<&str>,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<bool> {
                let r = sqlx::query(
                    "UPDATE programme_offers SET status = 'declined', reason = $2, decided_at = $3 \
                     WHERE id = $1 AND status = 'offered'",
                )
                .bind(id)
                .bind(reason)
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn accept_offer(
                &self,
                id: &str,
                enrolment: &goodenough_core::programme::Enrolment,
                replace_on: Option<chrono::NaiveDate>,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<Option<goodenough_core::programme::Enrolment>> {
                let mut tx = self.pool.begin().await?;
                let client: Option<String> = sqlx::query_scalar(
                    "UPDATE programme_offers SET status = 'accepted', decided_at = $2 \
                     WHERE id = $1 AND status = 'offered' RETURNING client_id",
                )
                .bind(id)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(person) = client else {
                    return Err($crate::StoreError::Conflict($crate::offers::ANSWERED.into()));
                };
                let stopped = Self::start_in(&mut tx, &person, enrolment, replace_on).await?;
                tx.commit().await?;
                Ok(stopped)
            }

            async fn accepted_programme(
                &self,
                client: &str,
                programme_id: &str,
            ) -> $crate::Result<Option<String>> {
                Ok(sqlx::query_scalar(
                    "SELECT body FROM programme_offers WHERE client_id = $1 AND programme_id = $2 \
                     AND status = 'accepted' ORDER BY decided_at DESC, id DESC LIMIT 1",
                )
                .bind(client)
                .bind(programme_id)
                .fetch_optional(&self.read)
                .await?)
            }
        }
    };
}
pub(crate) use impl_offers;
