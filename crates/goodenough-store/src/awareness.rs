//! Awareness in the store: the inner critic profile (one per person), values
//! and roles beyond work, and the practice log. Every query filters on the
//! owner.

use async_trait::async_trait;
use chrono::NaiveDate;
use goodenough_core::awareness::{CriticProfile, LifeValue, PracticeLog};

use crate::Result;

/// Critic, values and practice log of a person.
#[async_trait]
pub trait Awareness: Send + Sync {
    /// The critic profile, if described.
    async fn critic(&self, person: &str) -> Result<Option<CriticProfile>>;
    /// Saves (replaces) the critic profile.
    async fn put_critic(&self, person: &str, critic: &CriticProfile) -> Result<()>;
    /// Adds a value.
    async fn add_value(&self, person: &str, value: &LifeValue) -> Result<()>;
    /// A value by id (`None` when it is not this person's).
    async fn get_value(&self, person: &str, id: &str) -> Result<Option<LifeValue>>;
    /// Values, oldest first.
    async fn list_values(&self, person: &str) -> Result<Vec<LifeValue>>;
    /// Removes a value; false when the person has none with that id.
    async fn remove_value(&self, person: &str, id: &str) -> Result<bool>;
    /// Logs minutes of a practice.
    async fn add_practice_log(&self, person: &str, log: &PracticeLog) -> Result<()>;
    /// A practice log entry by id (`None` when it is not this person's).
    async fn get_practice_log(&self, person: &str, id: &str) -> Result<Option<PracticeLog>>;
    /// Practice log entries on or after `since`, oldest first.
    async fn list_practice_logs(
        &self,
        person: &str,
        since: Option<NaiveDate>,
    ) -> Result<Vec<PracticeLog>>;
}

/// A value by id, by owner.
pub(crate) const GET_VALUE: &str = "SELECT * FROM life_values WHERE person_id = $1 AND id = $2";

/// A practice log entry by id, by owner.
pub(crate) const GET_PRACTICE_LOG: &str =
    "SELECT * FROM practice_logs WHERE person_id = $1 AND id = $2";

/// An owner's practice log from a date, oldest first.
pub(crate) const LIST_PRACTICE_LOGS: &str =
    "SELECT * FROM practice_logs WHERE person_id = $1 AND date >= $2 ORDER BY date, logged_at, id";
/// The owner's critic profile.
pub(crate) const GET_CRITIC: &str = "SELECT * FROM critics WHERE person_id = $1";

pub(crate) fn parse_says(json: &str) -> Result<Vec<String>> {
    serde_json::from_str(json)
        .map_err(|e| crate::StoreError::Corrupt(format!("critic phrases: {e}")))
}

/// An owner's values in list order (the list and the export read this).
pub(crate) const LIST_VALUES: &str =
    "SELECT * FROM life_values WHERE person_id = $1 ORDER BY created_at, id";

/// Removes a value.
pub(crate) const DELETE_VALUE: &str = "DELETE FROM life_values WHERE person_id = $1 AND id = $2";

/// Expands into `impl Awareness for $store`, plus insert helpers for import.
macro_rules! impl_awareness {
    ($store:ty, $row:ty) => {
        impl $store {
            pub(crate) async fn fetch_values<'e, E>(exec: E, person: &str) -> $crate::Result<Vec<goodenough_core::awareness::LifeValue>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::awareness::LIST_VALUES)
                    .bind(person)
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_value).collect()
            }

            pub(crate) async fn fetch_practice_logs<'e, E>(exec: E, person: &str, since: Option<chrono::NaiveDate>) -> $crate::Result<Vec<goodenough_core::awareness::PracticeLog>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::awareness::LIST_PRACTICE_LOGS)
                    .bind(person)
                    .bind($crate::common::since_or_min(since))
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_practice_log).collect()
            }

            pub(crate) async fn fetch_critic<'e, E>(exec: E, person: &str) -> $crate::Result<Option<goodenough_core::awareness::CriticProfile>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                use sqlx::FromRow;
                let row = sqlx::query($crate::awareness::GET_CRITIC)
                    .bind(person)
                    .fetch_optional(exec)
                    .await?;
                row.map(|r| goodenough_core::awareness::CriticProfile::try_from($crate::rows::CriticRow::from_row(&r)?))
                    .transpose()
            }

            fn row_value(row: &$row) -> $crate::Result<goodenough_core::awareness::LifeValue> {
                use sqlx::FromRow;
                goodenough_core::awareness::LifeValue::try_from($crate::rows::ValueRow::from_row(row)?)
            }

            fn row_practice_log(row: &$row) -> $crate::Result<goodenough_core::awareness::PracticeLog> {
                use sqlx::FromRow;
                goodenough_core::awareness::PracticeLog::try_from($crate::rows::PracticeLogRow::from_row(row)?)
            }

            /// Inserts or replaces (when `replace`) the critic; with
            /// `replace` false an existing profile is kept (import).
            pub(crate) async fn insert_critic<'e, E>(
                exec: E,
                person: &str,
                c: &goodenough_core::awareness::CriticProfile,
                replace: bool,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if replace {
                    "INSERT INTO critics (person_id, name, says, learned, protects, kind_answer, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                     ON CONFLICT (person_id) DO UPDATE SET name = excluded.name, says = excluded.says, learned = excluded.learned, \
                     protects = excluded.protects, kind_answer = excluded.kind_answer, updated_at = excluded.updated_at"
                } else {
                    "INSERT INTO critics (person_id, name, says, learned, protects, kind_answer, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING"
                };
                let r = sqlx::query(sql)
                    .bind(person)
                    .bind(&c.name)
                    .bind($crate::common::to_json(&c.says)?)
                    .bind(&c.learned)
                    .bind(&c.protects)
                    .bind(&c.kind_answer)
                    .bind(c.updated_at)
                    .execute(exec)
                    .await?;
                Ok(r.rows_affected())
            }

            pub(crate) async fn insert_value<'e, E>(
                exec: E,
                person: &str,
                v: &goodenough_core::awareness::LifeValue,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let r = sqlx::query(
                    "INSERT INTO life_values (id, person_id, name, practice, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                )
                .bind(&v.id)
                .bind(person)
                .bind(&v.name)
                .bind(&v.practice)
                .bind(v.created_at)
                .execute(exec)
                .await?;
                Ok(r.rows_affected())
            }

            pub(crate) async fn insert_practice_log<'e, E>(
                exec: E,
                person: &str,
                l: &goodenough_core::awareness::PracticeLog,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let r = sqlx::query(
                    "INSERT INTO practice_logs (id, person_id, practice, date, minutes, logged_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                )
                .bind(&l.id)
                .bind(person)
                .bind(&l.practice)
                .bind(l.date)
                .bind(i32::try_from(l.minutes).unwrap_or(i32::MAX))
                .bind(l.logged_at)
                .execute(exec)
                .await?;
                Ok(r.rows_affected())
            }
        }

        #[async_trait::async_trait]
        impl $crate::awareness::Awareness for $store {
            async fn critic(
                &self,
                person: &str,
            ) -> $crate::Result<Option<goodenough_core::awareness::CriticProfile>> {
                Self::fetch_critic(&self.read, person).await
            }

            async fn put_critic(
                &self,
                person: &str,
                critic: &goodenough_core::awareness::CriticProfile,
            ) -> $crate::Result<()> {
                Self::insert_critic(&self.pool, person, critic, true).await?;
                Ok(())
            }

            async fn add_value(
                &self,
                person: &str,
                value: &goodenough_core::awareness::LifeValue,
            ) -> $crate::Result<()> {
                Self::insert_value(&self.pool, person, value).await?;
                Ok(())
            }

            async fn get_value(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::awareness::LifeValue>> {
                let row = sqlx::query($crate::awareness::GET_VALUE)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_value).transpose()
            }

            async fn list_values(
                &self,
                person: &str,
            ) -> $crate::Result<Vec<goodenough_core::awareness::LifeValue>> {
                Self::fetch_values(&self.read, person).await
            }

            async fn remove_value(&self, person: &str, id: &str) -> $crate::Result<bool> {
                let r = sqlx::query($crate::awareness::DELETE_VALUE)
                    .bind(person)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn add_practice_log(
                &self,
                person: &str,
                log: &goodenough_core::awareness::PracticeLog,
            ) -> $crate::Result<()> {
                Self::insert_practice_log(&self.pool, person, log).await?;
                Ok(())
            }

            async fn get_practice_log(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::awareness::PracticeLog>> {
                let row = sqlx::query($crate::awareness::GET_PRACTICE_LOG)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_practice_log).transpose()
            }

            async fn list_practice_logs(
                &self,
                person: &str,
                since: Option<chrono::NaiveDate>,
            ) -> $crate::Result<Vec<goodenough_core::awareness::PracticeLog>> {
                Self::fetch_practice_logs(&self.read, person, since).await
            }
        }
    };
}
pub(crate) use impl_awareness;
