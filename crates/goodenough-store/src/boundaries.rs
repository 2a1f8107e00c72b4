//! Boundaries: saying no, delegations and blameless mistake reviews.
//!
//! Like every table, each row carries its owner and every query filters on
//! it: another person's id finds nothing.

use async_trait::async_trait;
use goodenough_core::boundaries::{Delegation, MistakeReview, NoRecord};

use crate::Result;

/// Boundary records of a person.
#[async_trait]
pub trait Boundaries: Send + Sync {
    /// Saves a new "no".
    async fn add_no(&self, person: &str, no: &NoRecord) -> Result<()>;
    /// Replaces an existing "no" (guilt after, outcome); NotFound if it is
    /// not this person's.
    async fn update_no(&self, person: &str, no: &NoRecord) -> Result<()>;
    /// A "no" by id (`None` when it is not this person's).
    async fn get_no(&self, person: &str, id: &str) -> Result<Option<NoRecord>>;
    /// Every "no", oldest first.
    async fn list_noes(&self, person: &str) -> Result<Vec<NoRecord>>;

    /// Saves a new delegation.
    async fn add_delegation(&self, person: &str, d: &Delegation) -> Result<()>;
    /// Replaces an existing delegation (outcome, fine).
    async fn update_delegation(&self, person: &str, d: &Delegation) -> Result<()>;
    /// A delegation by id (`None` when it is not this person's).
    async fn get_delegation(&self, person: &str, id: &str) -> Result<Option<Delegation>>;
    /// Every delegation, oldest first.
    async fn list_delegations(&self, person: &str) -> Result<Vec<Delegation>>;

    /// Saves a mistake review.
    async fn add_mistake(&self, person: &str, m: &MistakeReview) -> Result<()>;
    /// A mistake review by id (`None` when it is not this person's).
    async fn get_mistake(&self, person: &str, id: &str) -> Result<Option<MistakeReview>>;
    /// Every mistake review, oldest first.
    async fn list_mistakes(&self, person: &str) -> Result<Vec<MistakeReview>>;
}

/// A "no" by id, by owner.
pub(crate) const GET_NO: &str = "SELECT * FROM noes WHERE person_id = $1 AND id = $2";

/// A delegation by id, by owner.
pub(crate) const GET_DELEGATION: &str =
    "SELECT * FROM delegations WHERE person_id = $1 AND id = $2";

/// A mistake review by id, by owner.
pub(crate) const GET_MISTAKE: &str = "SELECT * FROM mistakes WHERE person_id = $1 AND id = $2";

/// An owner's noes in list order (the list and the export read this).
pub(crate) const LIST_NOES: &str =
    "SELECT * FROM noes WHERE person_id = $1 ORDER BY date, created_at, id";

/// An owner's delegations in list order (the list and the export read this).
pub(crate) const LIST_DELEGATIONS: &str =
    "SELECT * FROM delegations WHERE person_id = $1 ORDER BY date, created_at, id";

/// An owner's mistakes in list order (the list and the export read this).
pub(crate) const LIST_MISTAKES: &str =
    "SELECT * FROM mistakes WHERE person_id = $1 ORDER BY date, created_at, id";

/// Inserts a row of `noes`.
pub(crate) const INSERT_NOES: &str =
    "INSERT INTO noes (id, person_id, created_at, date, request, response, guilt_before, guilt_after, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_NOES_OR_SKIP: &str =
    "INSERT INTO noes (id, person_id, created_at, date, request, response, guilt_before, guilt_after, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING";

/// Inserts a row of `delegations`.
pub(crate) const INSERT_DELEGATIONS: &str =
    "INSERT INTO delegations (id, person_id, created_at, date, task, delegated_to, outcome, fine) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_DELEGATIONS_OR_SKIP: &str =
    "INSERT INTO delegations (id, person_id, created_at, date, task, delegated_to, outcome, fine) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING";

/// Inserts a row of `mistakes`.
pub(crate) const INSERT_MISTAKES: &str =
    "INSERT INTO mistakes (id, person_id, created_at, date, what, cost, factors, taught, friend, thought_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_MISTAKES_OR_SKIP: &str =
    "INSERT INTO mistakes (id, person_id, created_at, date, what, cost, factors, taught, friend, thought_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING";

/// Writes a "no"'s afterthoughts (guilt after, outcome).
pub(crate) const UPDATE_NO: &str =
    "UPDATE noes SET guilt_after = $1, outcome = $2 WHERE person_id = $3 AND id = $4";

/// Writes how a delegation went.
pub(crate) const UPDATE_DELEGATION: &str =
    "UPDATE delegations SET outcome = $1, fine = $2 WHERE person_id = $3 AND id = $4";

/// Expands into `impl Boundaries for $store` with rows of type `$row`.
macro_rules! impl_boundaries {
    ($store:ty, $row:ty) => {
        impl $store {
            pub(crate) async fn fetch_noes<'e, E>(
                exec: E,
                person: &str,
            ) -> $crate::Result<Vec<goodenough_core::boundaries::NoRecord>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::boundaries::LIST_NOES)
                    .bind(person)
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_no).collect()
            }

            pub(crate) async fn fetch_delegations<'e, E>(
                exec: E,
                person: &str,
            ) -> $crate::Result<Vec<goodenough_core::boundaries::Delegation>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::boundaries::LIST_DELEGATIONS)
                    .bind(person)
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_delegation).collect()
            }

            pub(crate) async fn fetch_mistakes<'e, E>(
                exec: E,
                person: &str,
            ) -> $crate::Result<Vec<goodenough_core::boundaries::MistakeReview>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::boundaries::LIST_MISTAKES)
                    .bind(person)
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_mistake).collect()
            }

            fn row_no(row: &$row) -> $crate::Result<goodenough_core::boundaries::NoRecord> {
                use sqlx::FromRow;
                goodenough_core::boundaries::NoRecord::try_from($crate::rows::NoRow::from_row(row)?)
            }

            fn row_delegation(
                row: &$row,
            ) -> $crate::Result<goodenough_core::boundaries::Delegation> {
                use sqlx::FromRow;
                goodenough_core::boundaries::Delegation::try_from(
                    $crate::rows::DelegationRow::from_row(row)?,
                )
            }

            fn row_mistake(
                row: &$row,
            ) -> $crate::Result<goodenough_core::boundaries::MistakeReview> {
                use sqlx::FromRow;
                goodenough_core::boundaries::MistakeReview::try_from(
                    $crate::rows::MistakeRow::from_row(row)?,
                )
            }

            pub(crate) async fn insert_no<'e, E>(
                exec: E,
                person: &str,
                n: &goodenough_core::boundaries::NoRecord,
                ignore_conflict: bool,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict {
                    $crate::boundaries::INSERT_NOES_OR_SKIP
                } else {
                    $crate::boundaries::INSERT_NOES
                };
                let r = sqlx::query(sql)
                    .bind(&n.id)
                    .bind(person)
                    .bind(n.created_at)
                    .bind(n.date)
                    .bind(&n.request)
                    .bind(&n.response)
                    .bind(i32::from(n.guilt_before))
                    .bind(n.guilt_after.map(i32::from))
                    .bind(&n.outcome)
                    .execute(exec)
                    .await?;
                Ok(r.rows_affected())
            }

            pub(crate) async fn insert_delegation<'e, E>(
                exec: E,
                person: &str,
                d: &goodenough_core::boundaries::Delegation,
                ignore_conflict: bool,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict {
                    $crate::boundaries::INSERT_DELEGATIONS_OR_SKIP
                } else {
                    $crate::boundaries::INSERT_DELEGATIONS
                };
                let r = sqlx::query(sql)
                    .bind(&d.id)
                    .bind(person)
                    .bind(d.created_at)
                    .bind(d.date)
                    .bind(&d.task)
                    .bind(&d.to)
                    .bind(&d.outcome)
                    .bind(d.fine)
                    .execute(exec)
                    .await?;
                Ok(r.rows_affected())
            }

            pub(crate) async fn insert_mistake<'e, E>(
                exec: E,
                person: &str,
                m: &goodenough_core::boundaries::MistakeReview,
                ignore_conflict: bool,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict {
                    $crate::boundaries::INSERT_MISTAKES_OR_SKIP
                } else {
                    $crate::boundaries::INSERT_MISTAKES
                };
                let r = sqlx::query(sql)
                    .bind(&m.id)
                    .bind(person)
                    .bind(m.created_at)
                    .bind(m.date)
                    .bind(&m.what)
                    .bind(&m.cost)
                    .bind(&m.factors)
                    .bind(&m.taught)
                    .bind(&m.friend)
                    .bind(&m.thought_id)
                    .execute(exec)
                    .await?;
                Ok(r.rows_affected())
            }

            /// Imports boundary records inside an import's transaction:
            /// (noes, delegations, mistakes) added, and how many were skipped.
            pub(crate) async fn import_boundaries(
                conn: &mut <<$row as sqlx::Row>::Database as sqlx::Database>::Connection,
                person: &str,
                doc: &goodenough_core::export::ExportDoc,
                report: &mut $crate::ImportReport,
            ) -> $crate::Result<()> {
                for n in &doc.noes {
                    let added = Self::insert_no(&mut *conn, person, n, true).await?;
                    report.noes += added;
                    report.skipped += 1 - added.min(1);
                }
                for d in &doc.delegations {
                    let added = Self::insert_delegation(&mut *conn, person, d, true).await?;
                    report.delegations += added;
                    report.skipped += 1 - added.min(1);
                }
                for m in &doc.mistakes {
                    let added = Self::insert_mistake(&mut *conn, person, m, true).await?;
                    report.mistakes += added;
                    report.skipped += 1 - added.min(1);
                }
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::boundaries::Boundaries for $store {
            async fn add_no(
                &self,
                person: &str,
                no: &goodenough_core::boundaries::NoRecord,
            ) -> $crate::Result<()> {
                Self::insert_no(&self.pool, person, no, false)
                    .await
                    .map(|_| ())
            }

            async fn update_no(
                &self,
                person: &str,
                no: &goodenough_core::boundaries::NoRecord,
            ) -> $crate::Result<()> {
                let r = sqlx::query($crate::boundaries::UPDATE_NO)
                    .bind(no.guilt_after.map(i32::from))
                    .bind(&no.outcome)
                    .bind(person)
                    .bind(&no.id)
                    .execute(&self.pool)
                    .await?;
                if r.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound(
                        "That record of saying no was not found.".into(),
                    ));
                }
                Ok(())
            }

            async fn get_no(
                &self,
                person: &str,
                id: &str,
            ) -> $crate::Result<Option<goodenough_core::boundaries::NoRecord>> {
                let row = sqlx::query($crate::boundaries::GET_NO)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_no).transpose()
            }

            async fn list_noes(
                &self,
                person: &str,
            ) -> $crate::Result<Vec<goodenough_core::boundaries::NoRecord>> {
                Self::fetch_noes(&self.read, person).await
            }

            async fn add_delegation(
                &self,
                person: &str,
                d: &goodenough_core::boundaries::Delegation,
            ) -> $crate::Result<()> {
                Self::insert_delegation(&self.pool, person, d, false)
                    .await
                    .map(|_| ())
            }

            async fn update_delegation(
                &self,
                person: &str,
                d: &goodenough_core::boundaries::Delegation,
            ) -> $crate::Result<()> {
                let r = sqlx::query($crate::boundaries::UPDATE_DELEGATION)
                    .bind(&d.outcome)
                    .bind(d.fine)
                    .bind(person)
                    .bind(&d.id)
                    .execute(&self.pool)
                    .await?;
                if r.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound(
                        "That delegation was not found.".into(),
                    ));
                }
                Ok(())
            }

            async fn get_delegation(
                &self,
                person: &str,
                id: &str,
            ) -> $crate::Result<Option<goodenough_core::boundaries::Delegation>> {
                let row = sqlx::query($crate::boundaries::GET_DELEGATION)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_delegation).transpose()
            }

            async fn list_delegations(
                &self,
                person: &str,
            ) -> $crate::Result<Vec<goodenough_core::boundaries::Delegation>> {
                Self::fetch_delegations(&self.read, person).await
            }

            async fn add_mistake(
                &self,
                person: &str,
                m: &goodenough_core::boundaries::MistakeReview,
            ) -> $crate::Result<()> {
                Self::insert_mistake(&self.pool, person, m, false)
                    .await
                    .map(|_| ())
            }

            async fn get_mistake(
                &self,
                person: &str,
                id: &str,
            ) -> $crate::Result<Option<goodenough_core::boundaries::MistakeReview>> {
                let row = sqlx::query($crate::boundaries::GET_MISTAKE)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_mistake).transpose()
            }

            async fn list_mistakes(
                &self,
                person: &str,
            ) -> $crate::Result<Vec<goodenough_core::boundaries::MistakeReview>> {
                Self::fetch_mistakes(&self.read, person).await
            }
        }
    };
}

pub(crate) use impl_boundaries;
