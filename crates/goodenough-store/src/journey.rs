//! The journey: every pillar's facts of a date window, and weekly reviews.
//!
//! [`Journey::period_facts`] reads each source with a range query on its
//! `(person_id, date or instant)` index, so what it costs follows the window
//! asked for, never the length of the history: a weekly review over ten
//! years of records reads about five weeks of rows. Rests are found by their
//! start (a rest is at most a year long), so that read is bounded too.
//!
//! Reviews: one per person per ISO week (`UNIQUE (person_id, week_start)`);
//! saving again replaces the reflection and the figures, keeping the review's
//! id and when it was first written.

use async_trait::async_trait;
use chrono::NaiveDate;
use goodenough_core::figures::PeriodFacts;
use goodenough_core::review::WeeklyReview;

use crate::Result;

/// The journey's reads and the weekly reviews of a person.
#[async_trait]
pub trait Journey: Send + Sync {
    /// Every fact of `from..=to` (local dates), from every pillar. Commits
    /// and timeboxes are placed on local dates with the person's time zone
    /// and working hours.
    async fn period_facts(
        &self,
        person: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<PeriodFacts>;
    /// The earliest local date with any check-in, timebox, no, delegation,
    /// experiment, block occurrence, practice, joy log, rest, win, setback,
    /// saved weekly review (its Monday) or the start of the running programme
    /// (where progress and the report start), if any. A stopped enrolment
    /// does not count: an old programme someone left does not stretch the
    /// default range back to its start.
    async fn first_record_date(&self, person: &str) -> Result<Option<NaiveDate>>;
    /// Saves the review of its week, replacing the one already there (its
    /// id and `created_at` are kept). Returns the review as stored.
    async fn put_review(&self, person: &str, review: &WeeklyReview) -> Result<WeeklyReview>;
    /// The review of the ISO week starting on `week_start`, if saved.
    async fn review_for_week(
        &self,
        person: &str,
        week_start: NaiveDate,
    ) -> Result<Option<WeeklyReview>>;
    /// A weekly review by id (`None` when it is not this person's).
    async fn get_review(&self, person: &str, id: &str) -> Result<Option<WeeklyReview>>;
    /// Every saved review, oldest week first.
    async fn list_reviews(&self, person: &str) -> Result<Vec<WeeklyReview>>;
}

/// A weekly review by id, by owner.
pub(crate) const GET_REVIEW: &str = "SELECT * FROM reviews WHERE person_id = $1 AND id = $2";

/// The longest a rest can be (core refuses longer ones), in days: rests that
/// overlap a window start at most this long before it.
pub(crate) const LONGEST_REST_DAYS: i64 = 367;

/// Check-in facts `[date, mood, energy, appreciations, non-work]` of a
/// window as one JSON array (SQLite).
pub(crate) const SQLITE_CHECKIN_FACTS: &str = "SELECT COALESCE(json_group_array(json_array(date, mood, energy, \
    json_array_length(appreciations), \
    (SELECT COUNT(*) FROM json_each(appreciations) WHERE json_extract(value, '$.area') <> 'work'))), '[]') AS list \
    FROM (SELECT date, mood, energy, appreciations FROM checkins \
    WHERE person_id = $1 AND date >= $2 AND date <= $3 ORDER BY date)";

/// The same for PostgreSQL.
pub(crate) const PG_CHECKIN_FACTS: &str =
    "SELECT COALESCE(json_agg(json_build_array(date, mood, energy, \
    json_array_length(appreciations::json), \
    (SELECT COUNT(*) FROM json_array_elements(appreciations::json) e WHERE e->>'area' <> 'work')) \
    ORDER BY date)::text, '[]') AS list \
    FROM checkins WHERE person_id = $1 AND date >= $2 AND date <= $3";

/// Commit instants of a window as one JSON array of Unix seconds (SQLite).
pub(crate) const SQLITE_COMMIT_SECONDS: &str =
    "SELECT COALESCE(json_group_array(s), '[]') AS list \
    FROM (SELECT CAST(strftime('%s', authored_at) AS INTEGER) AS s FROM git_commits \
    WHERE person_id = $1 AND authored_at >= $2 AND authored_at < $3 ORDER BY authored_at)";

/// The same for PostgreSQL.
pub(crate) const PG_COMMIT_SECONDS: &str =
    "SELECT COALESCE(json_agg(EXTRACT(EPOCH FROM authored_at)::bigint \
    ORDER BY authored_at)::text, '[]') AS list \
    FROM git_commits WHERE person_id = $1 AND authored_at >= $2 AND authored_at < $3";

/// An owner's reviews in list order (the list and the export read this).
pub(crate) const LIST_REVIEWS: &str =
    "SELECT * FROM reviews WHERE person_id = $1 ORDER BY week_start";

/// Expands into `impl Journey for $store` with rows of type `$row`, plus
/// `insert_review` used by import.
macro_rules! impl_journey {
    ($store:ty, $row:ty) => {
        impl $store {
            pub(crate) async fn fetch_reviews<'e, E>(exec: E, person: &str) -> $crate::Result<Vec<goodenough_core::review::WeeklyReview>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::journey::LIST_REVIEWS)
                    .bind(person)
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_review).collect()
            }

            fn row_review(row: &$row) -> $crate::Result<goodenough_core::review::WeeklyReview> {
                use sqlx::FromRow;
                goodenough_core::review::WeeklyReview::try_from($crate::rows::ReviewRow::from_row(row)?)
            }

            /// Inserts a review. With `replace`, a review of the same week
            /// gets the new reflection and figures (id and created_at stay);
            /// without, a review already there (same id or week) is skipped.
            pub(crate) async fn insert_review<'e, E>(
                exec: E,
                person: &str,
                r: &goodenough_core::review::WeeklyReview,
                replace: bool,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let tail = if replace {
                    " ON CONFLICT (person_id, week_start) DO UPDATE SET figures = excluded.figures, \
                     breakthroughs = excluded.breakthroughs, setbacks = excluded.setbacks, \
                     celebrate = excluded.celebrate, updated_at = excluded.updated_at"
                } else {
                    " ON CONFLICT DO NOTHING"
                };
                let res = sqlx::query(&format!(
                    "INSERT INTO reviews (id, person_id, week, week_start, figures, breakthroughs, setbacks, celebrate, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10){tail}"
                ))
                .bind(&r.id)
                .bind(person)
                .bind(&r.week)
                .bind(r.week_start)
                .bind($crate::common::to_json(&r.figures)?)
                .bind($crate::common::to_json(&r.breakthroughs)?)
                .bind($crate::common::to_json(&r.setbacks)?)
                .bind(&r.celebrate)
                .bind(goodenough_core::clock::round(r.created_at))
                .bind(goodenough_core::clock::round(r.updated_at))
                .execute(exec)
                .await?;
                Ok(res.rows_affected())
            }
        }

        #[async_trait::async_trait]
        impl $crate::journey::Journey for $store {
            async fn period_facts(
                &self,
                person: &str,
                from: chrono::NaiveDate,
                to: chrono::NaiveDate,
            ) -> $crate::Result<goodenough_core::figures::PeriodFacts> {
                use goodenough_core::figures as f;
                use sqlx::Row;
                let settings = <Self as $crate::Store>::settings(self, person).await?;
                let hours = goodenough_core::gitsignals::WorkHours::from_settings(&settings)
                    .map_err(|e| $crate::StoreError::Corrupt(format!("working hours: {e}")))?;
                let tz = hours.tz;
                let start = goodenough_core::gitsignals::local_midnight(from, &tz);
                let end = goodenough_core::gitsignals::local_midnight(to + chrono::Duration::days(1), &tz);
                let mut facts = f::PeriodFacts::default();

                // Check-ins and commits are the many rows: each arrives as one
                // JSON array in one row (no per-row round trip through the driver).
                let backend = <Self as $crate::Store>::backend(self);
                let sql = match backend {
                    $crate::Backend::Sqlite => $crate::journey::SQLITE_CHECKIN_FACTS,
                    $crate::Backend::Postgres => $crate::journey::PG_CHECKIN_FACTS,
                };
                let row = sqlx::query(sql)
                    .bind(person)
                    .bind(from)
                    .bind(to)
                    .fetch_one(&self.read)
                    .await?;
                let list: String = row.try_get("list")?;
                let list: Vec<(chrono::NaiveDate, u8, u8, u8, u8)> = serde_json::from_str(&list)
                    .map_err(|e| $crate::StoreError::Corrupt(format!("check-in facts: {e}")))?;
                facts.checkins = list
                    .into_iter()
                    .map(|(date, mood, energy, appreciations, non_work)| f::CheckInFact {
                        date,
                        mood,
                        energy,
                        appreciations,
                        non_work,
                    })
                    .collect();

                let rows = sqlx::query(
                    "SELECT started_at, ended_at, limit_minutes, revisions FROM timeboxes \
                     WHERE person_id = $1 AND started_at >= $2 AND started_at < $3 AND ended_at IS NOT NULL \
                     ORDER BY started_at",
                )
                .bind(person)
                .bind(start)
                .bind(end)
                .fetch_all(&self.read)
                .await?;
                for r in &rows {
                    let started_at: chrono::DateTime<chrono::Utc> = r.try_get("started_at")?;
                    let ended_at: chrono::DateTime<chrono::Utc> = r.try_get("ended_at")?;
                    let limit: i32 = r.try_get("limit_minutes")?;
                    let revisions: String = r.try_get("revisions")?;
                    facts.boxes.push(f::BoxFact {
                        date: started_at.with_timezone(&tz).date_naive(),
                        limit_minutes: u32::try_from(limit).unwrap_or(0),
                        actual_minutes: (ended_at - started_at).num_seconds().div_euclid(60),
                        revisions: $crate::gitsignals::count_json_list(&revisions)?,
                    });
                }

                let rows = sqlx::query(
                    "SELECT date, guilt_before, guilt_after FROM noes \
                     WHERE person_id = $1 AND date >= $2 AND date <= $3 ORDER BY date",
                )
                .bind(person)
                .bind(from)
                .bind(to)
                .fetch_all(&self.read)
                .await?;
                for r in &rows {
                    let after: Option<i32> = r.try_get("guilt_after")?;
                    facts.noes.push(f::NoFact {
                        date: r.try_get("date")?,
                        guilt_before: $crate::common::scale(r.try_get("guilt_before")?, "guilt_before")?,
                        guilt_after: after.map(|a| $crate::common::scale(a, "guilt_after")).transpose()?,
                    });
                }

                let rows = sqlx::query(
                    "SELECT date FROM delegations WHERE person_id = $1 AND date >= $2 AND date <= $3 ORDER BY date",
                )
                .bind(person)
                .bind(from)
                .bind(to)
                .fetch_all(&self.read)
                .await?;
                for r in &rows {
                    facts.delegations.push(r.try_get("date")?);
                }

                let sql = match backend {
                    $crate::Backend::Sqlite => $crate::journey::SQLITE_COMMIT_SECONDS,
                    $crate::Backend::Postgres => $crate::journey::PG_COMMIT_SECONDS,
                };
                let row = sqlx::query(sql)
                    .bind(person)
                    .bind(start)
                    .bind(end)
                    .fetch_one(&self.read)
                    .await?;
                let list: String = row.try_get("list")?;
                let seconds: Vec<i64> = serde_json::from_str(&list)
                    .map_err(|e| $crate::StoreError::Corrupt(format!("commit times: {e}")))?;
                for s in seconds {
                    let at = chrono::DateTime::from_timestamp(s, 0)
                        .ok_or_else(|| $crate::StoreError::Corrupt(format!("commit time {s}")))?;
                    facts.commits.push(f::CommitFact::of(at, &hours));
                }

                // Planned in the window, or done in it (two indexed ranges).
                let rows = sqlx::query(
                    "SELECT date, likelihood, anxiety, recorded_on, happened, anxiety_after FROM experiments \
                     WHERE person_id = $1 AND ((date >= $2 AND date <= $3) OR (recorded_on >= $2 AND recorded_on <= $3)) \
                     ORDER BY date, id",
                )
                .bind(person)
                .bind(from)
                .bind(to)
                .fetch_all(&self.read)
                .await?;
                for r in &rows {
                    let recorded_on: Option<chrono::NaiveDate> = r.try_get("recorded_on")?;
                    let happened: Option<String> = r.try_get("happened")?;
                    let after: Option<i32> = r.try_get("anxiety_after")?;
                    let done = match (recorded_on, happened, after) {
                        (Some(date), Some(h), Some(a)) => {
                            let h: goodenough_core::experiment::Happened = h
                                .parse()
                                .map_err(|_| $crate::StoreError::Corrupt(format!("happened {h}")))?;
                            Some(f::ExperimentDone {
                                date,
                                outcome: h.outcome(),
                                anxiety_after: $crate::common::scale(a, "anxiety_after")?,
                            })
                        }
                        _ => None,
                    };
                    facts.experiments.push(f::ExperimentFact {
                        planned_on: r.try_get("date")?,
                        likelihood: $crate::common::scale(r.try_get("likelihood")?, "likelihood")?,
                        anxiety_before: $crate::common::scale(r.try_get("anxiety")?, "anxiety")?,
                        done,
                    });
                }

                let rows = sqlx::query(
                    "SELECT date, kept FROM block_occurrences \
                     WHERE person_id = $1 AND date >= $2 AND date <= $3 ORDER BY date",
                )
                .bind(person)
                .bind(from)
                .bind(to)
                .fetch_all(&self.read)
                .await?;
                for r in &rows {
                    facts.blocks.push(f::BlockFact {
                        date: r.try_get("date")?,
                        kept: r.try_get("kept")?,
                    });
                }

                for (table, list) in [("practice_logs", &mut facts.practice), ("joy_logs", &mut facts.joy)] {
                    let rows = sqlx::query(&format!(
                        "SELECT date, minutes FROM {table} \
                         WHERE person_id = $1 AND date >= $2 AND date <= $3 ORDER BY date"
                    ))
                    .bind(person)
                    .bind(from)
                    .bind(to)
                    .fetch_all(&self.read)
                    .await?;
                    for r in &rows {
                        let minutes: i32 = r.try_get("minutes")?;
                        list.push(f::MinutesFact {
                            date: r.try_get("date")?,
                            minutes: u32::try_from(minutes).unwrap_or(0),
                        });
                    }
                }

                let rows = sqlx::query(
                    "SELECT from_date, to_date FROM rests \
                     WHERE person_id = $1 AND from_date >= $2 AND from_date <= $3 AND to_date >= $4 \
                     ORDER BY from_date",
                )
                .bind(person)
                .bind(from - chrono::Duration::days($crate::journey::LONGEST_REST_DAYS))
                .bind(to)
                .bind(from)
                .fetch_all(&self.read)
                .await?;
                for r in &rows {
                    facts.rests.push(f::RestFact {
                        from: r.try_get("from_date")?,
                        to: r.try_get("to_date")?,
                    });
                }

                let rows = sqlx::query(
                    "SELECT id, created_at, date, text FROM wins \
                     WHERE person_id = $1 AND date >= $2 AND date <= $3 ORDER BY date, created_at, id",
                )
                .bind(person)
                .bind(from)
                .bind(to)
                .fetch_all(&self.read)
                .await?;
                for r in &rows {
                    facts.wins.push(Self::row_win(r)?);
                }
                let rows = sqlx::query(
                    "SELECT id, created_at, date, text, lesson FROM setbacks \
                     WHERE person_id = $1 AND date >= $2 AND date <= $3 ORDER BY date, created_at, id",
                )
                .bind(person)
                .bind(from)
                .bind(to)
                .fetch_all(&self.read)
                .await?;
                for r in &rows {
                    facts.setbacks.push(Self::row_setback(r)?);
                }
                Ok(facts)
            }

            async fn first_record_date(&self, person: &str) -> $crate::Result<Option<chrono::NaiveDate>> {
                use sqlx::Row;
                // Each MIN reads the first entry of an index.
                let dated = [
                    ("checkins", "date", ""),
                    ("noes", "date", ""),
                    ("delegations", "date", ""),
                    ("experiments", "date", ""),
                    ("block_occurrences", "date", ""),
                    ("practice_logs", "date", ""),
                    ("joy_logs", "date", ""),
                    ("rests", "from_date", ""),
                    ("wins", "date", ""),
                    ("setbacks", "date", ""),
                    ("reviews", "week_start", ""),
                    ("enrolments", "started_on", " AND stopped_on IS NULL"),
                ];
                let mut first: Option<chrono::NaiveDate> = None;
                for (table, column, only) in dated {
                    let row = sqlx::query(&format!(
                        "SELECT {column} AS d FROM {table} WHERE person_id = $1{only} ORDER BY {column} LIMIT 1"
                    ))
                    .bind(person)
                    .fetch_optional(&self.read)
                    .await?;
                    if let Some(r) = row {
                        let d: chrono::NaiveDate = r.try_get("d")?;
                        first = Some(first.map_or(d, |f| f.min(d)));
                    }
                }
                let settings = <Self as $crate::Store>::settings(self, person).await?;
                let tz = settings.tz();
                for (table, column) in [("timeboxes", "started_at"), ("git_commits", "authored_at")] {
                    let row = sqlx::query(&format!(
                        "SELECT {column} AS t FROM {table} WHERE person_id = $1 ORDER BY {column} LIMIT 1"
                    ))
                    .bind(person)
                    .fetch_optional(&self.read)
                    .await?;
                    if let Some(r) = row {
                        let t: chrono::DateTime<chrono::Utc> = r.try_get("t")?;
                        let d = t.with_timezone(&tz).date_naive();
                        first = Some(first.map_or(d, |f| f.min(d)));
                    }
                }
                Ok(first)
            }

            async fn put_review(
                &self,
                person: &str,
                review: &goodenough_core::review::WeeklyReview,
            ) -> $crate::Result<goodenough_core::review::WeeklyReview> {
                Self::insert_review(&self.pool, person, review, true).await?;
                self.review_for_week(person, review.week_start)
                    .await?
                    .ok_or_else(|| $crate::StoreError::NotFound("The review was not saved.".into()))
            }

            async fn review_for_week(
                &self,
                person: &str,
                week_start: chrono::NaiveDate,
            ) -> $crate::Result<Option<goodenough_core::review::WeeklyReview>> {
                let row = sqlx::query("SELECT * FROM reviews WHERE person_id = $1 AND week_start = $2")
                    .bind(person)
                    .bind(week_start)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_review).transpose()
            }

            async fn get_review(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::review::WeeklyReview>> {
                let row = sqlx::query($crate::journey::GET_REVIEW)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_review).transpose()
            }

            async fn list_reviews(
                &self,
                person: &str,
            ) -> $crate::Result<Vec<goodenough_core::review::WeeklyReview>> {
                Self::fetch_reviews(&self.read, person).await
            }
        }
    };
}

pub(crate) use impl_journey;
