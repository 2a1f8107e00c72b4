//! Completed questionnaires (assessment results).
//!
//! Answers, subscale scores and the person's notes are stored as JSON text;
//! history reads one instrument for one person through the index on
//! `(person_id, instrument, taken_at)`, so its cost follows that history.

use async_trait::async_trait;
use chrono::NaiveDate;
use goodenough_core::assessment::AssessmentResult;

use crate::Result;

/// A person's assessment results.
#[async_trait]
pub trait Assessments: Send + Sync {
    /// Saves a result.
    async fn add_assessment(&self, person: &str, result: &AssessmentResult) -> Result<()>;
    /// An assessment result by id (`None` when it is not this person's).
    async fn get_assessment(&self, person: &str, id: &str) -> Result<Option<AssessmentResult>>;
    /// Results, oldest first: of one instrument, or of every instrument.
    async fn list_assessments(
        &self,
        person: &str,
        instrument: Option<&str>,
    ) -> Result<Vec<AssessmentResult>>;
    /// Results of one instrument whose day is within `from..=to`, oldest
    /// first: whether an assessment window is already done (index on
    /// `person_id, instrument, date`, so the cost follows the window).
    async fn assessments_dated(
        &self,
        person: &str,
        instrument: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<AssessmentResult>>;
}

/// An assessment result by id, by owner.
pub(crate) const GET_ASSESSMENT: &str =
    "SELECT * FROM assessments WHERE person_id = $1 AND id = $2";

/// An owner's results of every instrument, oldest first.
pub(crate) const LIST_ASSESSMENTS: &str =
    "SELECT * FROM assessments WHERE person_id = $1 ORDER BY taken_at, id";
/// An owner's results of one instrument, oldest first.
pub(crate) const LIST_ASSESSMENTS_OF: &str =
    "SELECT * FROM assessments WHERE person_id = $1 AND instrument = $2 ORDER BY taken_at, id";

/// Inserts a row of `assessments`.
pub(crate) const INSERT_ASSESSMENTS: &str =
    "INSERT INTO assessments (id, person_id, instrument, taken_at, date, answers, total, subscales, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_ASSESSMENTS_OR_SKIP: &str =
    "INSERT INTO assessments (id, person_id, instrument, taken_at, date, answers, total, subscales, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING";

/// Expands into `impl Assessments for $store` with rows of type `$row`.
macro_rules! impl_assessments {
    ($store:ty, $row:ty) => {
        impl $store {
            pub(crate) async fn fetch_assessments<'e, E>(exec: E, person: &str) -> $crate::Result<Vec<goodenough_core::assessment::AssessmentResult>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::assessments::LIST_ASSESSMENTS)
                    .bind(person)
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_assessment).collect()
            }

            fn row_assessment(row: &$row) -> $crate::Result<goodenough_core::assessment::AssessmentResult> {
                use sqlx::FromRow;
                goodenough_core::assessment::AssessmentResult::try_from($crate::rows::AssessmentRow::from_row(row)?)
            }

            /// Inserts a result; with `ignore_conflict` an existing id is skipped (import).
            pub(crate) async fn insert_assessment<'e, E>(exec: E, person: &str, a: &goodenough_core::assessment::AssessmentResult, ignore_conflict: bool) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict {
                    $crate::assessments::INSERT_ASSESSMENTS_OR_SKIP
                } else {
                    $crate::assessments::INSERT_ASSESSMENTS
                };
                let res = sqlx::query(sql)
                    .bind(&a.id)
                    .bind(person)
                    .bind(&a.instrument)
                    .bind(goodenough_core::clock::round(a.taken_at))
                    .bind(a.date)
                    .bind($crate::common::to_json(&a.answers)?)
                    .bind(a.total)
                    .bind($crate::common::to_json(&a.subscales)?)
                    .bind($crate::common::to_json(&a.notes)?)
                    .execute(exec)
                    .await?;
                Ok(res.rows_affected())
            }
        }

        #[async_trait::async_trait]
        impl $crate::assessments::Assessments for $store {
            async fn add_assessment(&self, person: &str, result: &goodenough_core::assessment::AssessmentResult) -> $crate::Result<()> {
                Self::insert_assessment(&self.pool, person, result, false).await?;
                Ok(())
            }

            async fn get_assessment(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::assessment::AssessmentResult>> {
                let row = sqlx::query($crate::assessments::GET_ASSESSMENT)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_assessment).transpose()
            }

            async fn list_assessments(&self, person: &str, instrument: Option<&str>) -> $crate::Result<Vec<goodenough_core::assessment::AssessmentResult>> {
                let Some(i) = instrument else {
                    return Self::fetch_assessments(&self.read, person).await;
                };
                let rows = sqlx::query($crate::assessments::LIST_ASSESSMENTS_OF)
                    .bind(person)
                    .bind(i)
                    .fetch_all(&self.read)
                    .await?;
                rows.iter().map(Self::row_assessment).collect()
            }

            async fn assessments_dated(&self, person: &str, instrument: &str, from: chrono::NaiveDate, to: chrono::NaiveDate) -> $crate::Result<Vec<goodenough_core::assessment::AssessmentResult>> {
                let rows = sqlx::query(
                    "SELECT * FROM assessments WHERE person_id = $1 AND instrument = $2 AND date >= $3 AND date <= $4 \
                     ORDER BY taken_at, id",
                )
                .bind(person)
                .bind(instrument)
                .bind(from)
                .bind(to)
                .fetch_all(&self.read)
                .await?;
                rows.iter().map(Self::row_assessment).collect()
            }
        }
    };
}
pub(crate) use impl_assessments;
