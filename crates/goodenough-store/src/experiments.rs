//! Exposure ladder rungs and behavioural experiments.
//!
//! An experiment is planned first and recorded once afterwards: recording is
//! an `UPDATE … WHERE recorded_at IS NULL`, so it cannot happen twice, even
//! from two processes at the same moment. Calibration reads only the
//! recorded experiments in the window asked for (index on
//! `person_id, recorded_on`), so its cost follows the window, not the
//! whole history.

use async_trait::async_trait;
use chrono::NaiveDate;
use goodenough_core::calibration::Forecast;
use goodenough_core::experiment::{Experiment, ExperimentResult, Rung};

use crate::Result;

/// A person's ladder and experiments.
#[async_trait]
pub trait Experiments: Send + Sync {
    /// Saves a new rung.
    async fn add_rung(&self, person: &str, rung: &Rung) -> Result<()>;
    /// Every rung, least distressing first.
    async fn list_rungs(&self, person: &str) -> Result<Vec<Rung>>;
    /// A rung by its full id (`None` when it is not this person's).
    async fn get_rung(&self, person: &str, id: &str) -> Result<Option<Rung>>;
    /// The rung with this id or unique id prefix. Fails with
    /// [`crate::StoreError::Conflict`] when the prefix matches several.
    async fn find_rung(&self, person: &str, id_or_prefix: &str) -> Result<Option<Rung>>;
    /// Marks a rung climbed on `on` (kept if it already was); false when the
    /// person has no such rung.
    async fn mark_rung_done(&self, person: &str, id: &str, on: NaiveDate) -> Result<bool>;
    /// Removes a rung (experiments on it keep their record, without the
    /// link); false when the person has no such rung.
    async fn remove_rung(&self, person: &str, id: &str) -> Result<bool>;

    /// Saves a planned experiment.
    async fn add_experiment(&self, person: &str, experiment: &Experiment) -> Result<()>;
    /// The experiment with this id or unique id prefix (Conflict when the
    /// prefix matches several).
    async fn find_experiment(&self, person: &str, id_or_prefix: &str)
        -> Result<Option<Experiment>>;
    /// An experiment by its full id (`None` when it is not this person's).
    async fn get_experiment(&self, person: &str, id: &str) -> Result<Option<Experiment>>;
    /// Experiments planned from `since`, oldest first.
    async fn list_experiments(
        &self,
        person: &str,
        since: Option<NaiveDate>,
    ) -> Result<Vec<Experiment>>;
    /// Experiments not recorded yet whose planned day is `date` or earlier,
    /// ordered like [`Experiments::list_experiments`]: what "today" lists as
    /// due. Reads only open experiments (partial index on open ones), so its
    /// cost does not grow with the recorded history.
    async fn open_experiments_due_by(
        &self,
        person: &str,
        date: NaiveDate,
    ) -> Result<Vec<Experiment>>;
    /// Writes the "after" half once, and marks the experiment's rung done.
    /// False when there is no such unrecorded experiment (already recorded,
    /// or not this person's).
    async fn record_experiment(
        &self,
        person: &str,
        id: &str,
        result: &ExperimentResult,
    ) -> Result<bool>;
    /// (day done, forecast) of each experiment recorded on or after `since`,
    /// oldest first.
    async fn calibration_forecasts(
        &self,
        person: &str,
        since: Option<NaiveDate>,
    ) -> Result<Vec<(NaiveDate, Forecast)>>;
}

/// A rung by its full id, by owner.
pub(crate) const GET_RUNG: &str = "SELECT * FROM ladder_rungs WHERE person_id = $1 AND id = $2";

/// An experiment by its full id, by owner.
pub(crate) const GET_EXPERIMENT: &str =
    "SELECT * FROM experiments WHERE person_id = $1 AND id = $2";

/// An owner's experiments planned from a date, oldest first.
pub(crate) const LIST_EXPERIMENTS: &str =
    "SELECT * FROM experiments WHERE person_id = $1 AND date >= $2 ORDER BY date, created_at, id";

/// Escapes nothing: prefixes are checked by core to be hex digits and dashes.
pub(crate) fn like_prefix(prefix: &str) -> String {
    format!("{}%", prefix.trim().to_lowercase())
}

/// An owner's rungs in list order (the list and the export read this).
pub(crate) const LIST_RUNGS: &str =
    "SELECT * FROM ladder_rungs WHERE person_id = $1 ORDER BY distress, created_at, id";

/// Inserts a row of `ladder_rungs`.
pub(crate) const INSERT_LADDER_RUNGS: &str =
    "INSERT INTO ladder_rungs (id, person_id, created_at, action, distress, done_on) VALUES ($1, $2, $3, $4, $5, $6)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_LADDER_RUNGS_OR_SKIP: &str =
    "INSERT INTO ladder_rungs (id, person_id, created_at, action, distress, done_on) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING";

/// Inserts a row of `experiments`.
pub(crate) const INSERT_EXPERIMENTS: &str =
    "INSERT INTO experiments (id, person_id, created_at, date, belief, prediction, likelihood, anxiety, rung_id, due, recorded_at, recorded_on, happened, actual, anxiety_after, learned, belief_after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_EXPERIMENTS_OR_SKIP: &str =
    "INSERT INTO experiments (id, person_id, created_at, date, belief, prediction, likelihood, anxiety, rung_id, due, recorded_at, recorded_on, happened, actual, anxiety_after, learned, belief_after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) ON CONFLICT DO NOTHING";

/// Up to two rungs whose id starts with a prefix (two means it is ambiguous).
pub(crate) const FIND_RUNG: &str =
    "SELECT * FROM ladder_rungs WHERE person_id = $1 AND id LIKE $2 ORDER BY id LIMIT 2";

/// Marks a rung climbed, keeping an earlier day.
pub(crate) const MARK_RUNG_DONE: &str =
    "UPDATE ladder_rungs SET done_on = COALESCE(done_on, $3) WHERE person_id = $1 AND id = $2";

/// Unlinks a rung from its experiments (before it is removed).
pub(crate) const UNLINK_RUNG: &str =
    "UPDATE experiments SET rung_id = NULL WHERE person_id = $1 AND rung_id = $2";

/// Removes a rung.
pub(crate) const DELETE_RUNG: &str = "DELETE FROM ladder_rungs WHERE person_id = $1 AND id = $2";

/// Up to two experiments whose id starts with a prefix.
pub(crate) const FIND_EXPERIMENT: &str =
    "SELECT * FROM experiments WHERE person_id = $1 AND id LIKE $2 ORDER BY id LIMIT 2";

/// Expands into `impl Experiments for $store` with rows of type `$row`.
macro_rules! impl_experiments {
    ($store:ty, $row:ty) => {
        impl $store {
            pub(crate) async fn fetch_rungs<'e, E>(exec: E, person: &str) -> $crate::Result<Vec<goodenough_core::experiment::Rung>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::experiments::LIST_RUNGS)
                    .bind(person)
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_rung).collect()
            }

            pub(crate) async fn fetch_experiments<'e, E>(exec: E, person: &str, since: Option<chrono::NaiveDate>) -> $crate::Result<Vec<goodenough_core::experiment::Experiment>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::experiments::LIST_EXPERIMENTS)
                    .bind(person)
                    .bind($crate::common::since_or_min(since))
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_experiment).collect()
            }

            fn row_rung(row: &$row) -> $crate::Result<goodenough_core::experiment::Rung> {
                use sqlx::FromRow;
                goodenough_core::experiment::Rung::try_from($crate::rows::RungRow::from_row(row)?)
            }

            fn row_experiment(row: &$row) -> $crate::Result<goodenough_core::experiment::Experiment> {
                use sqlx::FromRow;
                goodenough_core::experiment::Experiment::try_from($crate::rows::ExperimentRow::from_row(row)?)
            }

            /// Inserts a rung; with `ignore_conflict` an existing id is skipped (import).
            pub(crate) async fn insert_rung<'e, E>(exec: E, person: &str, r: &goodenough_core::experiment::Rung, ignore_conflict: bool) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict {
                    $crate::experiments::INSERT_LADDER_RUNGS_OR_SKIP
                } else {
                    $crate::experiments::INSERT_LADDER_RUNGS
                };
                let res = sqlx::query(sql)
                    .bind(&r.id)
                    .bind(person)
                    .bind(goodenough_core::clock::round(r.created_at))
                    .bind(&r.action)
                    .bind(i32::from(r.distress))
                    .bind(r.done_on)
                    .execute(exec)
                    .await?;
                Ok(res.rows_affected())
            }

            /// Inserts an experiment (both halves); with `ignore_conflict`
            /// an existing id is skipped (import).
            pub(crate) async fn insert_experiment<'e, E>(exec: E, person: &str, e: &goodenough_core::experiment::Experiment, ignore_conflict: bool) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict {
                    $crate::experiments::INSERT_EXPERIMENTS_OR_SKIP
                } else {
                    $crate::experiments::INSERT_EXPERIMENTS
                };
                let r = e.result.as_ref();
                let res = sqlx::query(sql)
                    .bind(&e.id)
                    .bind(person)
                    .bind(goodenough_core::clock::round(e.created_at))
                    .bind(e.date)
                    .bind(&e.belief)
                    .bind(&e.prediction)
                    .bind(i32::from(e.likelihood))
                    .bind(i32::from(e.anxiety))
                    .bind(&e.rung_id)
                    .bind(e.due)
                    .bind(r.map(|r| goodenough_core::clock::round(r.recorded_at)))
                    .bind(r.map(|r| r.date))
                    .bind(r.map(|r| r.happened.as_str()))
                    .bind(r.map(|r| r.actual.as_str()))
                    .bind(r.map(|r| i32::from(r.anxiety_after)))
                    .bind(r.map(|r| r.learned.as_str()))
                    .bind(r.and_then(|r| r.belief_after).map(i32::from))
                    .execute(exec)
                    .await?;
                Ok(res.rows_affected())
            }
        }

        #[async_trait::async_trait]
        impl $crate::experiments::Experiments for $store {
            async fn add_rung(&self, person: &str, rung: &goodenough_core::experiment::Rung) -> $crate::Result<()> {
                Self::insert_rung(&self.pool, person, rung, false).await.map(|_| ())
            }

            async fn get_rung(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::experiment::Rung>> {
                let row = sqlx::query($crate::experiments::GET_RUNG)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_rung).transpose()
            }

            async fn list_rungs(&self, person: &str) -> $crate::Result<Vec<goodenough_core::experiment::Rung>> {
                Self::fetch_rungs(&self.read, person).await
            }

            async fn find_rung(&self, person: &str, id_or_prefix: &str) -> $crate::Result<Option<goodenough_core::experiment::Rung>> {
                let rows = sqlx::query($crate::experiments::FIND_RUNG)
                    .bind(person)
                    .bind($crate::experiments::like_prefix(id_or_prefix))
                    .fetch_all(&self.read)
                    .await?;
                if rows.len() > 1 {
                    return Err($crate::StoreError::Conflict(format!(
                        "more than one rung starts with \"{}\"; give more characters of the id.",
                        id_or_prefix.trim()
                    )));
                }
                rows.first().map(Self::row_rung).transpose()
            }

            async fn mark_rung_done(&self, person: &str, id: &str, on: chrono::NaiveDate) -> $crate::Result<bool> {
                let r = sqlx::query($crate::experiments::MARK_RUNG_DONE)
                    .bind(person)
                    .bind(id)
                    .bind(on)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn remove_rung(&self, person: &str, id: &str) -> $crate::Result<bool> {
                let mut tx = self.pool.begin().await?;
                sqlx::query($crate::experiments::UNLINK_RUNG)
                    .bind(person)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                let r = sqlx::query($crate::experiments::DELETE_RUNG)
                    .bind(person)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(r.rows_affected() > 0)
            }

            async fn add_experiment(&self, person: &str, experiment: &goodenough_core::experiment::Experiment) -> $crate::Result<()> {
                Self::insert_experiment(&self.pool, person, experiment, false).await.map(|_| ())
            }

            async fn find_experiment(&self, person: &str, id_or_prefix: &str) -> $crate::Result<Option<goodenough_core::experiment::Experiment>> {
                let rows = sqlx::query($crate::experiments::FIND_EXPERIMENT)
                    .bind(person)
                    .bind($crate::experiments::like_prefix(id_or_prefix))
                    .fetch_all(&self.read)
                    .await?;
                if rows.len() > 1 {
                    return Err($crate::StoreError::Conflict(format!(
                        "more than one experiment starts with \"{}\"; give more characters of the id.",
                        id_or_prefix.trim()
                    )));
                }
                rows.first().map(Self::row_experiment).transpose()
            }

            async fn get_experiment(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::experiment::Experiment>> {
                let row = sqlx::query($crate::experiments::GET_EXPERIMENT)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_experiment).transpose()
            }

            async fn list_experiments(&self, person: &str, since: Option<chrono::NaiveDate>) -> $crate::Result<Vec<goodenough_core::experiment::Experiment>> {
                Self::fetch_experiments(&self.read, person, since).await
            }

            async fn open_experiments_due_by(&self, person: &str, date: chrono::NaiveDate) -> $crate::Result<Vec<goodenough_core::experiment::Experiment>> {
                let rows = sqlx::query(
                    "SELECT * FROM experiments WHERE person_id = $1 AND recorded_at IS NULL AND due IS NOT NULL AND due <= $2 \
                     ORDER BY date, created_at, id",
                )
                .bind(person)
                .bind(date)
                .fetch_all(&self.read)
                .await?;
                rows.iter().map(Self::row_experiment).collect()
            }

            async fn record_experiment(&self, person: &str, id: &str, r: &goodenough_core::experiment::ExperimentResult) -> $crate::Result<bool> {
                let mut tx = self.pool.begin().await?;
                let res = sqlx::query(
                    "UPDATE experiments SET recorded_at = $3, recorded_on = $4, happened = $5, actual = $6, anxiety_after = $7, learned = $8, belief_after = $9 \
                     WHERE person_id = $1 AND id = $2 AND recorded_at IS NULL",
                )
                .bind(person)
                .bind(id)
                .bind(goodenough_core::clock::round(r.recorded_at))
                .bind(r.date)
                .bind(r.happened.as_str())
                .bind(&r.actual)
                .bind(i32::from(r.anxiety_after))
                .bind(&r.learned)
                .bind(r.belief_after.map(i32::from))
                .execute(&mut *tx)
                .await?;
                if res.rows_affected() == 0 {
                    tx.rollback().await?;
                    return Ok(false);
                }
                sqlx::query(
                    "UPDATE ladder_rungs SET done_on = $3 WHERE person_id = $1 AND done_on IS NULL \
                     AND id = (SELECT rung_id FROM experiments WHERE person_id = $1 AND id = $2)",
                )
                .bind(person)
                .bind(id)
                .bind(r.date)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn calibration_forecasts(&self, person: &str, since: Option<chrono::NaiveDate>) -> $crate::Result<Vec<(chrono::NaiveDate, goodenough_core::calibration::Forecast)>> {
                use sqlx::Row;
                let rows = sqlx::query(
                    "SELECT recorded_on, likelihood, happened FROM experiments \
                     WHERE person_id = $1 AND recorded_on >= $2 ORDER BY recorded_on",
                )
                .bind(person)
                .bind($crate::common::since_or_min(since))
                .fetch_all(&self.read)
                .await?;
                rows.iter()
                    .map(|row| {
                        let happened: String = row.try_get("happened")?;
                        let happened: goodenough_core::experiment::Happened = happened
                            .parse()
                            .map_err(|e: goodenough_core::ValidationError| $crate::StoreError::Corrupt(e.to_string()))?;
                        Ok((
                            row.try_get("recorded_on")?,
                            goodenough_core::calibration::Forecast {
                                likelihood: $crate::common::scale(row.try_get("likelihood")?, "likelihood")?,
                                outcome: happened.outcome(),
                            },
                        ))
                    })
                    .collect()
            }
        }
    };
}

pub(crate) use impl_experiments;
