//! Overwork signals from git, and the windowed facts of the outcome summary.
//!
//! A scanned commit is stored as (person, hash, authored_at) with the hash in
//! the primary key and every insert `ON CONFLICT DO NOTHING`: scanning the
//! same repository again, or a clone of it, adds nothing. Nothing else about
//! a commit is kept. Weekly shares are computed when read (core), from the
//! person's current working hours.
//!
//! [`GitSignals::outcome_facts`] reads only the window asked for from each
//! source (timeboxes, noes, delegations, commits), each through an index on
//! `(person_id, date or instant)`, so the outcome summary costs what the
//! window holds, not the whole history.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use goodenough_core::gitsignals::GitCommit;
use goodenough_core::outcomes::OutcomeFacts;

use crate::Result;

/// Rows per multi-row INSERT (3 parameters each; well under every limit).
pub(crate) const CHUNK: usize = 500;

/// A person's commit record and the outcome summary's reads.
#[async_trait]
pub trait GitSignals: Send + Sync {
    /// Saves commits in one transaction; those already stored are skipped.
    /// Returns how many were new.
    async fn add_git_commits(&self, person: &str, commits: &[GitCommit]) -> Result<u64>;
    /// Authoring instants of the person's commits from `since` (inclusive),
    /// oldest first.
    async fn git_commit_times(
        &self,
        person: &str,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<DateTime<Utc>>>;
    /// Every stored commit, oldest first (export).
    async fn list_git_commits(&self, person: &str) -> Result<Vec<GitCommit>>;
    /// A stored commit by its hash (commits have no other id; `None` when
    /// it is not this person's).
    async fn get_git_commit(&self, person: &str, hash: &str) -> Result<Option<GitCommit>>;
    /// The facts of the outcome summary from `since` (an instant, for
    /// timeboxes and commits) and `since_date` (its local date, for noes and
    /// delegations). Only finished timeboxes count.
    async fn outcome_facts(
        &self,
        person: &str,
        since: DateTime<Utc>,
        since_date: NaiveDate,
    ) -> Result<OutcomeFacts>;
}

/// A commit by owner and hash.
pub(crate) const GET_GIT_COMMIT: &str =
    "SELECT hash, authored_at FROM git_commits WHERE person_id = $1 AND hash = $2";

/// An owner's commits, oldest first.
pub(crate) const LIST_GIT_COMMITS: &str =
    "SELECT hash, authored_at FROM git_commits WHERE person_id = $1 ORDER BY authored_at, hash";

/// How many revisions a timebox's JSON list holds.
pub(crate) fn count_json_list(json: &str) -> Result<u32> {
    let list: Vec<serde_json::Value> = serde_json::from_str(json)
        .map_err(|e| crate::StoreError::Corrupt(format!("timebox revisions: {e}")))?;
    Ok(u32::try_from(list.len()).unwrap_or(u32::MAX))
}

/// Expands into `impl GitSignals for $store` with rows of type `$row`, plus
/// `insert_git_commits` used by import.
macro_rules! impl_gitsignals {
    ($store:ty, $row:ty) => {
        impl $store {
            pub(crate) async fn fetch_git_commits<'e, E>(exec: E, person: &str) -> $crate::Result<Vec<goodenough_core::gitsignals::GitCommit>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                use sqlx::FromRow;
                let rows = sqlx::query($crate::gitsignals::LIST_GIT_COMMITS)
                    .bind(person)
                    .fetch_all(exec)
                    .await?;
                rows.iter()
                    .map(|r| goodenough_core::gitsignals::GitCommit::try_from($crate::rows::GitCommitRow::from_row(r)?))
                    .collect()
            }

            /// Inserts up to [`CHUNK`] commits in one statement, skipping
            /// those already stored; returns how many were new.
            pub(crate) async fn insert_git_commits<'e, E>(
                exec: E,
                person: &str,
                chunk: &[goodenough_core::gitsignals::GitCommit],
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                if chunk.is_empty() {
                    return Ok(0);
                }
                let mut qb = sqlx::QueryBuilder::<<$row as sqlx::Row>::Database>::new(
                    "INSERT INTO git_commits (person_id, hash, authored_at) ",
                );
                qb.push_values(chunk, |mut b, c| {
                    b.push_bind(person.to_string())
                        .push_bind(c.hash.clone())
                        .push_bind(goodenough_core::clock::round(c.at));
                });
                qb.push(" ON CONFLICT DO NOTHING");
                let r = qb.build().execute(exec).await?;
                Ok(r.rows_affected())
            }
        }

        #[async_trait::async_trait]
        impl $crate::gitsignals::GitSignals for $store {
            async fn add_git_commits(
                &self,
                person: &str,
                commits: &[goodenough_core::gitsignals::GitCommit],
            ) -> $crate::Result<u64> {
                let mut tx = self.pool.begin().await?;
                let mut added = 0;
                for chunk in commits.chunks($crate::gitsignals::CHUNK) {
                    added += Self::insert_git_commits(&mut *tx, person, chunk).await?;
                }
                tx.commit().await?;
                Ok(added)
            }

            async fn git_commit_times(
                &self,
                person: &str,
                since: Option<chrono::DateTime<chrono::Utc>>,
            ) -> $crate::Result<Vec<chrono::DateTime<chrono::Utc>>> {
                use sqlx::Row;
                let since = since.unwrap_or_else(|| $crate::common::since_or_min(None).and_time(chrono::NaiveTime::MIN).and_utc());
                let rows = sqlx::query(
                    "SELECT authored_at FROM git_commits WHERE person_id = $1 AND authored_at >= $2 ORDER BY authored_at",
                )
                .bind(person)
                .bind(since)
                .fetch_all(&self.read)
                .await?;
                rows.iter()
                    .map(|r| r.try_get("authored_at").map_err($crate::StoreError::from))
                    .collect()
            }

            async fn list_git_commits(
                &self,
                person: &str,
            ) -> $crate::Result<Vec<goodenough_core::gitsignals::GitCommit>> {
                Self::fetch_git_commits(&self.read, person).await
            }

            async fn get_git_commit(
                &self,
                person: &str,
                hash: &str,
            ) -> $crate::Result<Option<goodenough_core::gitsignals::GitCommit>> {
                use sqlx::FromRow;
                let row = sqlx::query($crate::gitsignals::GET_GIT_COMMIT)
                    .bind(person)
                    .bind(hash)
                    .fetch_optional(&self.read)
                    .await?;
                row.map(|r| goodenough_core::gitsignals::GitCommit::try_from($crate::rows::GitCommitRow::from_row(&r)?))
                    .transpose()
            }

            async fn outcome_facts(
                &self,
                person: &str,
                since: chrono::DateTime<chrono::Utc>,
                since_date: chrono::NaiveDate,
            ) -> $crate::Result<goodenough_core::outcomes::OutcomeFacts> {
                use sqlx::Row;
                let mut facts = goodenough_core::outcomes::OutcomeFacts::default();
                let rows = sqlx::query(
                    "SELECT started_at, ended_at, limit_minutes, revisions FROM timeboxes \
                     WHERE person_id = $1 AND started_at >= $2 AND ended_at IS NOT NULL ORDER BY started_at",
                )
                .bind(person)
                .bind(since)
                .fetch_all(&self.read)
                .await?;
                for r in &rows {
                    let started_at: chrono::DateTime<chrono::Utc> = r.try_get("started_at")?;
                    let ended_at: chrono::DateTime<chrono::Utc> = r.try_get("ended_at")?;
                    let limit: i32 = r.try_get("limit_minutes")?;
                    let revisions: String = r.try_get("revisions")?;
                    facts.boxes.push(goodenough_core::outcomes::BoxFact {
                        started_at,
                        limit_minutes: u32::try_from(limit).unwrap_or(0),
                        actual_minutes: (ended_at - started_at).num_seconds().div_euclid(60),
                        revisions: $crate::gitsignals::count_json_list(&revisions)?,
                    });
                }
                let rows = sqlx::query(
                    "SELECT date, guilt_before, guilt_after FROM noes WHERE person_id = $1 AND date >= $2 ORDER BY date",
                )
                .bind(person)
                .bind(since_date)
                .fetch_all(&self.read)
                .await?;
                for r in &rows {
                    let after: Option<i32> = r.try_get("guilt_after")?;
                    facts.noes.push(goodenough_core::outcomes::NoFact {
                        date: r.try_get("date")?,
                        guilt_before: $crate::common::scale(r.try_get("guilt_before")?, "guilt_before")?,
                        guilt_after: after.map(|a| $crate::common::scale(a, "guilt_after")).transpose()?,
                    });
                }
                let rows = sqlx::query(
                    "SELECT date FROM delegations WHERE person_id = $1 AND date >= $2 ORDER BY date",
                )
                .bind(person)
                .bind(since_date)
                .fetch_all(&self.read)
                .await?;
                for r in &rows {
                    facts.delegations.push(r.try_get("date")?);
                }
                facts.commits = self.git_commit_times(person, Some(since)).await?;
                Ok(facts)
            }
        }
    };
}

pub(crate) use impl_gitsignals;
