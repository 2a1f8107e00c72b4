//! Timeboxes in the store. One running box per person is enforced by the
//! database itself (a partial unique index on `person_id WHERE ended_at IS
//! NULL`), so two processes starting a box at the same moment end with
//! exactly one; the loser gets [`crate::StoreError::Conflict`].
//!
//! Extensions and revisions are kept as JSON text beside the box. Every query
//! filters on the owner.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use goodenough_core::timebox::{Outcome, Timebox};

use crate::{Result, StoreError};

/// The sentence for a second start.
pub const ALREADY_RUNNING: &str = "A timebox is already running; stop it first with `goodenough timebox stop` (only one box runs at a time).";

/// Timeboxes of a person.
#[async_trait]
pub trait Timeboxes: Send + Sync {
    /// Saves a new box. Fails with [`StoreError::Conflict`] when the box is
    /// running and the person already has a running box.
    async fn start_timebox(&self, person: &str, timebox: &Timebox) -> Result<()>;
    /// The running box, if any.
    async fn running_timebox(&self, person: &str) -> Result<Option<Timebox>>;
    /// The most recently started finished box, if any.
    async fn last_finished_timebox(&self, person: &str) -> Result<Option<Timebox>>;
    /// A box by id.
    async fn get_timebox(&self, person: &str, id: &str) -> Result<Option<Timebox>>;
    /// Boxes started at or after `since`, oldest first.
    async fn list_timeboxes(
        &self,
        person: &str,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<Timebox>>;
    /// Writes back a changed box (end, outcome, extensions, revisions,
    /// re-checks). When `was_running`, the update only applies if the box is
    /// still running, so two stops cannot both succeed.
    async fn update_timebox(
        &self,
        person: &str,
        timebox: &Timebox,
        was_running: bool,
    ) -> Result<()>;
}

pub(crate) fn parse_outcome(raw: Option<String>) -> Result<Option<Outcome>> {
    raw.map(|s| {
        s.parse::<Outcome>()
            .map_err(|e| StoreError::Corrupt(format!("timebox outcome: {e}")))
    })
    .transpose()
}

pub(crate) fn parse_list<T: serde::de::DeserializeOwned>(json: &str) -> Result<Vec<T>> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("timebox list: {e}")))
}

/// An owner's boxes started from an instant, oldest first.
pub(crate) const LIST_TIMEBOXES: &str =
    "SELECT * FROM timeboxes WHERE person_id = $1 AND started_at >= $2 ORDER BY started_at, id";

/// Expands into `impl Timeboxes for $store` with rows of type `$row`, plus
/// Inserts a row of `timeboxes`.
pub(crate) const INSERT_TIMEBOXES: &str =
    "INSERT INTO timeboxes (id, person_id, title, limit_minutes, started_at, ended_at, extensions, revisions, rechecks, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_TIMEBOXES_OR_SKIP: &str =
    "INSERT INTO timeboxes (id, person_id, title, limit_minutes, started_at, ended_at, extensions, revisions, rechecks, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING";

/// A box by owner and id.
pub(crate) const GET_TIMEBOX: &str = "SELECT * FROM timeboxes WHERE person_id = $1 AND id = $2";

/// `insert_timebox` used by import.
macro_rules! impl_timeboxes {
    ($store:ty, $row:ty) => {
        impl $store {
            pub(crate) async fn fetch_timeboxes<'e, E>(exec: E, person: &str, since: Option<chrono::DateTime<chrono::Utc>>) -> $crate::Result<Vec<goodenough_core::timebox::Timebox>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let since = since.unwrap_or_else(|| chrono::DateTime::<chrono::Utc>::from_timestamp(0, 0).unwrap_or_default());
                let rows = sqlx::query($crate::timeboxes::LIST_TIMEBOXES)
                    .bind(person)
                    .bind(since)
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_timebox).collect()
            }

            fn row_timebox(row: &$row) -> $crate::Result<goodenough_core::timebox::Timebox> {
                use sqlx::FromRow;
                goodenough_core::timebox::Timebox::try_from($crate::rows::TimeboxRow::from_row(row)?)
            }

            /// Inserts a box; with `ignore_conflict`, an existing id (or a
            /// second running box) is skipped and 0 is returned.
            pub(crate) async fn insert_timebox<'e, E>(
                exec: E,
                person: &str,
                b: &goodenough_core::timebox::Timebox,
                ignore_conflict: bool,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict {
                    $crate::timeboxes::INSERT_TIMEBOXES_OR_SKIP
                } else {
                    $crate::timeboxes::INSERT_TIMEBOXES
                };
                let r = sqlx::query(sql)
                    .bind(&b.id)
                    .bind(person)
                    .bind(&b.title)
                    .bind(i32::try_from(b.limit_minutes).unwrap_or(i32::MAX))
                    .bind(b.started_at)
                    .bind(b.ended_at)
                    .bind($crate::common::to_json(&b.extensions)?)
                    .bind($crate::common::to_json(&b.revisions)?)
                    .bind(i32::try_from(b.rechecks).unwrap_or(i32::MAX))
                    .bind(b.outcome.map(|o| o.as_str()))
                    .execute(exec)
                    .await?;
                Ok(r.rows_affected())
            }
        }

        #[async_trait::async_trait]
        impl $crate::timeboxes::Timeboxes for $store {
            async fn start_timebox(
                &self,
                person: &str,
                timebox: &goodenough_core::timebox::Timebox,
            ) -> $crate::Result<()> {
                match Self::insert_timebox(&self.pool, person, timebox, false).await {
                    Ok(_) => Ok(()),
                    Err($crate::StoreError::Db(e)) if $crate::common::is_unique_violation(&e) => {
                        Err($crate::StoreError::Conflict(
                            $crate::timeboxes::ALREADY_RUNNING.to_string(),
                        ))
                    }
                    Err(e) => Err(e),
                }
            }

            async fn running_timebox(
                &self,
                person: &str,
            ) -> $crate::Result<Option<goodenough_core::timebox::Timebox>> {
                let row = sqlx::query(
                    "SELECT * FROM timeboxes WHERE person_id = $1 AND ended_at IS NULL",
                )
                .bind(person)
                .fetch_optional(&self.read)
                .await?;
                row.as_ref().map(Self::row_timebox).transpose()
            }

            async fn last_finished_timebox(
                &self,
                person: &str,
            ) -> $crate::Result<Option<goodenough_core::timebox::Timebox>> {
                let row = sqlx::query(
                    "SELECT * FROM timeboxes WHERE person_id = $1 AND ended_at IS NOT NULL \
                     ORDER BY started_at DESC, id DESC LIMIT 1",
                )
                .bind(person)
                .fetch_optional(&self.read)
                .await?;
                row.as_ref().map(Self::row_timebox).transpose()
            }

            async fn get_timebox(
                &self,
                person: &str,
                id: &str,
            ) -> $crate::Result<Option<goodenough_core::timebox::Timebox>> {
                let row = sqlx::query($crate::timeboxes::GET_TIMEBOX)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_timebox).transpose()
            }

            async fn list_timeboxes(
                &self,
                person: &str,
                since: Option<chrono::DateTime<chrono::Utc>>,
            ) -> $crate::Result<Vec<goodenough_core::timebox::Timebox>> {
                Self::fetch_timeboxes(&self.read, person, since).await
            }

            async fn update_timebox(
                &self,
                person: &str,
                b: &goodenough_core::timebox::Timebox,
                was_running: bool,
            ) -> $crate::Result<()> {
                let sql = if was_running {
                    "UPDATE timeboxes SET ended_at = $3, extensions = $4, revisions = $5, rechecks = $6, outcome = $7 \
                     WHERE person_id = $1 AND id = $2 AND ended_at IS NULL"
                } else {
                    "UPDATE timeboxes SET ended_at = $3, extensions = $4, revisions = $5, rechecks = $6, outcome = $7 \
                     WHERE person_id = $1 AND id = $2"
                };
                let r = sqlx::query(sql)
                    .bind(person)
                    .bind(&b.id)
                    .bind(b.ended_at)
                    .bind($crate::common::to_json(&b.extensions)?)
                    .bind($crate::common::to_json(&b.revisions)?)
                    .bind(i32::try_from(b.rechecks).unwrap_or(i32::MAX))
                    .bind(b.outcome.map(|o| o.as_str()))
                    .execute(&self.pool)
                    .await?;
                if r.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound(if was_running {
                        "That timebox is no longer running (it may have been stopped elsewhere); see `goodenough timeboxes`.".to_string()
                    } else {
                        "That timebox does not exist.".to_string()
                    }));
                }
                Ok(())
            }
        }
    };
}

pub(crate) use impl_timeboxes;
