//! Programme enrolments: which programme a person follows and since when.
//! At most one runs at a time (a partial unique index on the running row
//! enforces it in both backends); stopped ones stay as history.

use async_trait::async_trait;
use chrono::NaiveDate;
use goodenough_core::programme::Enrolment;
use goodenough_core::Settings;

use crate::Result;

/// A person's enrolments.
#[async_trait]
pub trait Programmes: Send + Sync {
    /// Starts an enrolment. When another one runs: with `replace_on` it is
    /// stopped on that day (never before it started) in the same
    /// transaction and returned; without, [`crate::StoreError::Conflict`]
    /// and nothing changes.
    async fn start_enrolment(
        &self,
        person: &str,
        enrolment: &Enrolment,
        replace_on: Option<NaiveDate>,
    ) -> Result<Option<Enrolment>>;
    /// The running enrolment, if any.
    async fn running_enrolment(&self, person: &str) -> Result<Option<Enrolment>>;
    /// For each of `persons` that exists, in one read: their settings (for
    /// their local date) and running enrolment. In the order of `persons`.
    async fn running_enrolments_of(
        &self,
        persons: &[String],
    ) -> Result<Vec<(String, Settings, Option<Enrolment>)>>;
    /// Stops the running enrolment on `on` (never before it started) and
    /// returns it; `None` when nothing runs.
    async fn stop_enrolment(&self, person: &str, on: NaiveDate) -> Result<Option<Enrolment>>;
    /// An enrolment by id (`None` when it is not this person's).
    async fn get_enrolment(&self, person: &str, id: &str) -> Result<Option<Enrolment>>;
    /// Every enrolment, oldest first.
    async fn list_enrolments(&self, person: &str) -> Result<Vec<Enrolment>>;
}

/// An enrolment by id, by owner.
pub(crate) const GET_ENROLMENT: &str = "SELECT * FROM enrolments WHERE person_id = $1 AND id = $2";

/// The conflict of starting a programme while another runs.
pub const CONFLICT: &str = "a programme is already running";

/// An owner's enrolments in list order (the list and the export read this).
pub(crate) const LIST_ENROLMENTS: &str =
    "SELECT * FROM enrolments WHERE person_id = $1 ORDER BY started_on, created_at, id";

/// Inserts a row of `enrolments`.
pub(crate) const INSERT_ENROLMENTS: &str =
    "INSERT INTO enrolments (id, person_id, programme_id, started_on, stopped_on, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_ENROLMENTS_OR_SKIP: &str =
    "INSERT INTO enrolments (id, person_id, programme_id, started_on, stopped_on, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING";

/// The running enrolment of an owner.
pub(crate) const RUNNING_ENROLMENT: &str =
    "SELECT * FROM enrolments WHERE person_id = $1 AND stopped_on IS NULL";

/// Stops an enrolment on a day.
pub(crate) const STOP_ENROLMENT: &str =
    "UPDATE enrolments SET stopped_on = $1 WHERE person_id = $2 AND id = $3";

/// Stops an enrolment on a day if it still runs.
pub(crate) const STOP_RUNNING_ENROLMENT: &str =
    "UPDATE enrolments SET stopped_on = $1 WHERE person_id = $2 AND id = $3 AND stopped_on IS NULL";

/// Expands into `impl Programmes for $store` with rows of type `$row`.
macro_rules! impl_programmes {
    ($store:ty, $row:ty) => {
        impl $store {
            pub(crate) async fn fetch_enrolments<'e, E>(
                exec: E,
                person: &str,
            ) -> $crate::Result<Vec<goodenough_core::programme::Enrolment>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::programmes::LIST_ENROLMENTS)
                    .bind(person)
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_enrolment).collect()
            }

            /// Starts `enrolment` for `person` inside a transaction: a
            /// running one is a [`StoreError::Conflict`] without
            /// `replace_on`, and is stopped on that day (never before it
            /// started) with it. Returns the one stopped.
            pub(crate) async fn start_in(
                conn: &mut <<$row as sqlx::Row>::Database as sqlx::Database>::Connection,
                person: &str,
                enrolment: &goodenough_core::programme::Enrolment,
                replace_on: Option<chrono::NaiveDate>,
            ) -> $crate::Result<Option<goodenough_core::programme::Enrolment>> {
                let running = sqlx::query($crate::programmes::RUNNING_ENROLMENT)
                    .bind(person)
                    .fetch_optional(&mut *conn)
                    .await?
                    .map(|r| Self::row_enrolment(&r))
                    .transpose()?;
                let mut stopped = None;
                if let Some(mut r) = running {
                    let Some(on) = replace_on else {
                        return Err($crate::StoreError::Conflict(
                            $crate::programmes::CONFLICT.into(),
                        ));
                    };
                    let on = on.max(r.started_on);
                    sqlx::query($crate::programmes::STOP_ENROLMENT)
                        .bind(on)
                        .bind(person)
                        .bind(&r.id)
                        .execute(&mut *conn)
                        .await?;
                    r.stopped_on = Some(on);
                    stopped = Some(r);
                }
                match Self::insert_enrolment(&mut *conn, person, enrolment, false).await {
                    Ok(_) => Ok(stopped),
                    Err($crate::StoreError::Db(e)) if $crate::common::is_unique_violation(&e) => Err(
                        $crate::StoreError::Conflict($crate::programmes::CONFLICT.into()),
                    ),
                    Err(e) => Err(e),
                }
            }

            fn row_enrolment(row: &$row) -> $crate::Result<goodenough_core::programme::Enrolment> {
                use sqlx::FromRow;
                goodenough_core::programme::Enrolment::try_from(
                    $crate::rows::EnrolmentRow::from_row(row)?,
                )
            }

            /// Inserts an enrolment; with `ignore_conflict` an existing id
            /// (or a second running one) is skipped (import).
            pub(crate) async fn insert_enrolment<'e, E>(
                exec: E,
                person: &str,
                e: &goodenough_core::programme::Enrolment,
                ignore_conflict: bool,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict {
                    $crate::programmes::INSERT_ENROLMENTS_OR_SKIP
                } else {
                    $crate::programmes::INSERT_ENROLMENTS
                };
                let res = sqlx::query(sql)
                    .bind(&e.id)
                    .bind(person)
                    .bind(&e.programme_id)
                    .bind(e.started_on)
                    .bind(e.stopped_on)
                    .bind(goodenough_core::clock::round(e.created_at))
                    .execute(exec)
                    .await?;
                Ok(res.rows_affected())
            }
        }

        #[async_trait::async_trait]
        impl $crate::programmes::Programmes for $store {
            async fn start_enrolment(
                &self,
                person: &str,
                enrolment: &goodenough_core::programme::Enrolment,
                replace_on: Option<chrono::NaiveDate>,
            ) -> $crate::Result<Option<goodenough_core::programme::Enrolment>> {
                let mut tx = self.pool.begin().await?;
                let stopped = Self::start_in(&mut tx, person, enrolment, replace_on).await?;
                tx.commit().await?;
                Ok(stopped)
            }

            async fn running_enrolment(
                &self,
                person: &str,
            ) -> $crate::Result<Option<goodenough_core::programme::Enrolment>> {
                sqlx::query($crate::programmes::RUNNING_ENROLMENT)
                    .bind(person)
                    .fetch_optional(&self.read)
                    .await?
                    .map(|r| Self::row_enrolment(&r))
                    .transpose()
            }

            async fn running_enrolments_of(
                &self,
                persons: &[String],
            ) -> $crate::Result<Vec<(String, goodenough_core::Settings, Option<goodenough_core::programme::Enrolment>)>> {
                use sqlx::Row;
                let mut out = Vec::with_capacity(persons.len());
                // A few hundred ids a statement at most.
                for chunk in persons.chunks(500) {
                    let list = (1..=chunk.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
                    // Each person with their running enrolment, if any (at
                    // most one: `enrolments_one_running`), in one statement.
                    // PostgreSQL joins the small tables by hashing the whole
                    // of `enrolments`; a lateral look-up per person takes
                    // the index instead (a quarter more statements a second
                    // for a few people, the same for fifty, in pgbench).
                    let running = match <Self as $crate::Store>::backend(self) {
                        $crate::Backend::Postgres => {
                            "LEFT JOIN LATERAL (SELECT * FROM enrolments WHERE person_id = p.id \
                             AND stopped_on IS NULL LIMIT 1) e ON true"
                        }
                        $crate::Backend::Sqlite => {
                            "LEFT JOIN enrolments e ON e.person_id = p.id AND e.stopped_on IS NULL"
                        }
                    };
                    let sql = format!(
                        "SELECT p.*, e.id AS enrolment_id, e.programme_id AS enrolment_programme, \
                         e.started_on AS enrolment_started_on, e.stopped_on AS enrolment_stopped_on, \
                         e.created_at AS enrolment_created_at \
                         FROM persons p {running} WHERE p.id IN ({list})"
                    );
                    let mut query = sqlx::query(&sql);
                    for p in chunk {
                        query = query.bind(p);
                    }
                    let people = query.fetch_all(&self.read).await?;
                    let mut enrolments = std::collections::HashMap::new();
                    let mut settings = std::collections::HashMap::new();
                    for row in &people {
                        let id: String = row.try_get("id")?;
                        if let Some(enrolment) = row.try_get::<Option<String>, _>("enrolment_id")? {
                            enrolments.insert(
                                id.clone(),
                                goodenough_core::programme::Enrolment {
                                    id: enrolment,
                                    programme_id: row.try_get("enrolment_programme")?,
                                    started_on: row.try_get("enrolment_started_on")?,
                                    stopped_on: row.try_get("enrolment_stopped_on")?,
                                    created_at: row.try_get("enrolment_created_at")?,
                                },
                            );
                        }
                        settings.insert(id, Self::row_settings(row)?);
                    }
                    for p in chunk {
                        if let Some(s) = settings.remove(p) {
                            let e = enrolments.remove(p);
                            out.push((p.clone(), s, e));
                        }
                    }
                }
                Ok(out)
            }

            async fn stop_enrolment(
                &self,
                person: &str,
                on: chrono::NaiveDate,
            ) -> $crate::Result<Option<goodenough_core::programme::Enrolment>> {
                let Some(mut running) = self.running_enrolment(person).await? else {
                    return Ok(None);
                };
                let on = on.max(running.started_on);
                sqlx::query($crate::programmes::STOP_RUNNING_ENROLMENT)
                    .bind(on)
                    .bind(person)
                    .bind(&running.id)
                    .execute(&self.pool)
                    .await?;
                running.stopped_on = Some(on);
                Ok(Some(running))
            }

            async fn get_enrolment(
                &self,
                person: &str,
                id: &str,
            ) -> $crate::Result<Option<goodenough_core::programme::Enrolment>> {
                let row = sqlx::query($crate::programmes::GET_ENROLMENT)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_enrolment).transpose()
            }

            async fn list_enrolments(
                &self,
                person: &str,
            ) -> $crate::Result<Vec<goodenough_core::programme::Enrolment>> {
                Self::fetch_enrolments(&self.read, person).await
            }
        }
    };
}
pub(crate) use impl_programmes;
