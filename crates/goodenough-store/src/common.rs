//! The SQL both backends share. It is written once, as a macro that expands
//! into the `Store` impl of each backend, because sqlx's row and pool types
//! differ per database while the portable SQL (`$1` placeholders,
//! `ON CONFLICT`) is the same. Backend-specific work (opening, pragmas,
//! compaction after erase) lives in `sqlite.rs` and `postgres.rs`.

use goodenough_core::{Appreciation, Emotion};

use crate::StoreError;

/// Every table of a person's records. A new kind of record adds its table
/// here, so erase and demo --replace cover it.
pub(crate) const RECORD_TABLES: &[&str] = &[
    "assessments",
    "enrolments",
    "block_occurrences",
    "blocks",
    "hobbies",
    "joy_logs",
    "rests",
    "critics",
    "life_values",
    "practice_logs",
    "reviews",
    "evidence",
    "git_commits",
    "checkins",
    "thoughts",
    "wins",
    "setbacks",
    "noes",
    "delegations",
    "mistakes",
    "experiments",
    "ladder_rungs",
    "timeboxes",
];

/// The kind of record (a key of `goodenough_core::export::kinds::KINDS`)
/// a table of [`RECORD_TABLES`] holds.
pub(crate) fn kind_of_table(table: &str) -> &str {
    match table {
        "ladder_rungs" => "rungs",
        "life_values" => "values",
        t => t,
    }
}

/// Thought records of an owner from a date, oldest first.
pub(crate) const LIST_THOUGHTS: &str =
    "SELECT * FROM thoughts WHERE person_id = $1 AND date >= $2 ORDER BY date, created_at, id";
/// Wins of an owner from a date, oldest first.
pub(crate) const LIST_WINS: &str =
    "SELECT * FROM wins WHERE person_id = $1 AND date >= $2 ORDER BY date, created_at, id";
/// Setbacks of an owner from a date, oldest first.
pub(crate) const LIST_SETBACKS: &str =
    "SELECT * FROM setbacks WHERE person_id = $1 AND date >= $2 ORDER BY date, created_at, id";
/// A person's settings (the `persons` row).
pub(crate) const GET_PERSON: &str = "SELECT * FROM persons WHERE id = $1";
/// A win by owner and id.
pub(crate) const GET_WIN: &str = "SELECT * FROM wins WHERE person_id = $1 AND id = $2";
/// A setback by owner and id.
pub(crate) const GET_SETBACK: &str = "SELECT * FROM setbacks WHERE person_id = $1 AND id = $2";

/// The earliest date both backends can store, used for "no lower bound".
pub(crate) fn since_or_min(since: Option<chrono::NaiveDate>) -> chrono::NaiveDate {
    since.unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default())
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub(crate) fn appreciations(json: &str) -> Result<Vec<Appreciation>, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("appreciations: {e}")))
}

pub(crate) fn emotions(json: &str) -> Result<Vec<Emotion>, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("emotions: {e}")))
}

pub(crate) fn strings(json: &str) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("list: {e}")))
}

pub(crate) fn scale(value: i32, field: &str) -> Result<u8, StoreError> {
    u8::try_from(value).map_err(|_| StoreError::Corrupt(format!("{field} {value} out of range")))
}

pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Inserts a row of `checkins`.
pub(crate) const INSERT_CHECKINS: &str =
    "INSERT INTO checkins (id, person_id, date, mood, energy, appreciations, note) VALUES ($1, $2, $3, $4, $5, $6, $7)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_CHECKINS_OR_SKIP: &str =
    "INSERT INTO checkins (id, person_id, date, mood, energy, appreciations, note) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING";

/// Inserts a row of `thoughts`.
pub(crate) const INSERT_THOUGHTS: &str =
    "INSERT INTO thoughts (id, person_id, created_at, date, situation, thought, belief, emotions, traps, reframe, belief_after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_THOUGHTS_OR_SKIP: &str =
    "INSERT INTO thoughts (id, person_id, created_at, date, situation, thought, belief, emotions, traps, reframe, belief_after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING";

/// Inserts a row of `wins`.
pub(crate) const INSERT_WINS: &str =
    "INSERT INTO wins (id, person_id, created_at, date, text) VALUES ($1, $2, $3, $4, $5)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_WINS_OR_SKIP: &str =
    "INSERT INTO wins (id, person_id, created_at, date, text) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING";

/// Inserts a row of `setbacks`.
pub(crate) const INSERT_SETBACKS: &str =
    "INSERT INTO setbacks (id, person_id, created_at, date, text, lesson) VALUES ($1, $2, $3, $4, $5, $6)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_SETBACKS_OR_SKIP: &str =
    "INSERT INTO setbacks (id, person_id, created_at, date, text, lesson) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING";

/// The store's first person (the CLI's owner).
pub(crate) const FIRST_PERSON: &str = "SELECT id FROM persons ORDER BY created_at, id LIMIT 1";

/// Whether a person exists.
pub(crate) const PERSON_EXISTS: &str = "SELECT id FROM persons WHERE id = $1";

/// Removes the check-in of a date (before replacing it).
pub(crate) const DELETE_CHECKIN_ON: &str =
    "DELETE FROM checkins WHERE person_id = $1 AND date = $2";

/// The check-in of an owner on a date.
pub(crate) const CHECKIN_ON: &str = "SELECT * FROM checkins WHERE person_id = $1 AND date = $2";

/// A check-in by owner and id.
pub(crate) const GET_CHECKIN: &str = "SELECT * FROM checkins WHERE person_id = $1 AND id = $2";

/// A thought record by owner and id.
pub(crate) const GET_THOUGHT: &str = "SELECT * FROM thoughts WHERE person_id = $1 AND id = $2";

/// Removes a person (after their records).
pub(crate) const DELETE_PERSON: &str = "DELETE FROM persons WHERE id = $1";

/// What erasing a person's records removes of the practice, too: their
/// access log, their links as client or coach (with the consent versions),
/// the invitations they made, the content they uploaded as a coach, the
/// dates on which Help now was shown to them, and their devices for
/// reminders with the days reminded (which say which days had no check-in),
/// and the programmes offered to them or by them (with the copy of an
/// accepted one: a client whose coach erased their data keeps their
/// enrolment, which then names a programme this server no longer has).
/// Erasing the person removes the
/// same by the tables' foreign keys; the access-log lines of a coach's reads
/// stay with the clients they are about, under the name the coach had.
pub(crate) const ERASE_PRACTICE: [&str; 8] = [
    "DELETE FROM access_log WHERE client_id = $1",
    "DELETE FROM crisis_shown WHERE shown_to = $1",
    "DELETE FROM coach_links WHERE client_id = $1 OR coach_id = $1",
    "DELETE FROM coach_invitations WHERE coach_id = $1",
    "DELETE FROM coach_content WHERE coach_id = $1",
    "DELETE FROM push_subscriptions WHERE person_id = $1",
    "DELETE FROM push_sent WHERE person_id = $1",
    "DELETE FROM programme_offers WHERE client_id = $1 OR coach_id = $1",
];

/// Keeps one date on which Help now was shown to a person (a date kept
/// already stays one).
pub(crate) const INSERT_CRISIS_SHOWN: &str =
    "INSERT INTO crisis_shown (shown_to, shown_on) VALUES ($1, $2) ON CONFLICT DO NOTHING";

/// Expands into `impl Store for $store` with rows of type `$row`.
macro_rules! impl_store {
    ($store:ty, $row:ty, $backend:expr) => {
        impl $store {
            fn row_checkin(row: &$row) -> $crate::Result<goodenough_core::CheckIn> {
                use sqlx::FromRow;
                goodenough_core::CheckIn::try_from($crate::rows::CheckInRow::from_row(row)?)
            }

            fn row_thought(row: &$row) -> $crate::Result<goodenough_core::ThoughtRecord> {
                use sqlx::FromRow;
                goodenough_core::ThoughtRecord::try_from($crate::rows::ThoughtRow::from_row(row)?)
            }

            fn row_win(row: &$row) -> $crate::Result<goodenough_core::Win> {
                use sqlx::FromRow;
                goodenough_core::Win::try_from($crate::rows::WinRow::from_row(row)?)
            }

            fn row_setback(row: &$row) -> $crate::Result<goodenough_core::Setback> {
                use sqlx::FromRow;
                goodenough_core::Setback::try_from($crate::rows::SetbackRow::from_row(row)?)
            }

            fn row_settings(row: &$row) -> $crate::Result<goodenough_core::Settings> {
                use sqlx::FromRow;
                goodenough_core::Settings::try_from($crate::rows::SettingsRow::from_row(row)?)
            }

            /// A person's settings; NotFound when there is no such person.
            pub(crate) async fn fetch_settings<'e, E>(exec: E, person: &str) -> $crate::Result<goodenough_core::Settings>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let row = sqlx::query($crate::common::GET_PERSON)
                    .bind(person)
                    .fetch_optional(exec)
                    .await?
                    .ok_or_else(|| $crate::StoreError::NotFound("That person does not exist in this store.".into()))?;
                Self::row_settings(&row)
            }

            pub(crate) async fn fetch_checkins<'e, E>(exec: E, person: &str, since: Option<chrono::NaiveDate>) -> $crate::Result<Vec<goodenough_core::CheckIn>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                // One row holding a JSON array: years of check-ins cross from
                // the database in one piece instead of one message per row.
                use sqlx::Row;
                let row = sqlx::query(Self::LIST_CHECKINS_JSON)
                    .bind(person)
                    .bind($crate::common::since_or_min(since))
                    .fetch_one(exec)
                    .await?;
                let json: String = row.try_get("list")?;
                serde_json::from_str(&json).map_err(|e| $crate::StoreError::Corrupt(format!("check-ins: {e}")))
            }

            pub(crate) async fn fetch_thoughts<'e, E>(exec: E, person: &str, since: Option<chrono::NaiveDate>) -> $crate::Result<Vec<goodenough_core::ThoughtRecord>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::common::LIST_THOUGHTS)
                    .bind(person)
                    .bind($crate::common::since_or_min(since))
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_thought).collect()
            }

            pub(crate) async fn fetch_wins<'e, E>(exec: E, person: &str, since: Option<chrono::NaiveDate>) -> $crate::Result<Vec<goodenough_core::Win>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::common::LIST_WINS)
                    .bind(person)
                    .bind($crate::common::since_or_min(since))
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_win).collect()
            }

            pub(crate) async fn fetch_setbacks<'e, E>(exec: E, person: &str, since: Option<chrono::NaiveDate>) -> $crate::Result<Vec<goodenough_core::Setback>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::common::LIST_SETBACKS)
                    .bind(person)
                    .bind($crate::common::since_or_min(since))
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_setback).collect()
            }

            async fn insert_checkin<'e, E>(exec: E, person: &str, c: &goodenough_core::CheckIn, ignore_conflict: bool) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict {
                    $crate::common::INSERT_CHECKINS_OR_SKIP
                } else {
                    $crate::common::INSERT_CHECKINS
                };
                let r = sqlx::query(sql)
                    .bind(&c.id)
                    .bind(person)
                    .bind(c.date)
                    .bind(i32::from(c.mood))
                    .bind(i32::from(c.energy))
                    .bind($crate::common::to_json(&c.appreciations)?)
                    .bind(&c.note)
                    .execute(exec)
                    .await?;
                Ok(r.rows_affected())
            }

            /// One check-in's statements, inside a transaction the caller
            /// holds and commits: with `replace`, the one of that date is
            /// deleted first (a write first, so SQLite takes the write lock,
            /// waiting for it, up front); a check-in already there for the
            /// date is a conflict.
            pub(crate) async fn checkin_statements(
                conn: &mut <<$row as sqlx::Row>::Database as sqlx::Database>::Connection,
                person: &str,
                checkin: &goodenough_core::CheckIn,
                replace: bool,
            ) -> $crate::Result<()> {
                if replace {
                    sqlx::query($crate::common::DELETE_CHECKIN_ON)
                        .bind(person)
                        .bind(checkin.date)
                        .execute(&mut *conn)
                        .await?;
                }
                match Self::insert_checkin(&mut *conn, person, checkin, false).await {
                    Ok(_) => Ok(()),
                    Err($crate::StoreError::Db(e)) if $crate::common::is_unique_violation(&e) => {
                        Err($crate::StoreError::Conflict(format!(
                            "There is already a check-in for {}.",
                            checkin.date
                        )))
                    }
                    Err(e) => Err(e),
                }
            }

            async fn insert_thought<'e, E>(exec: E, person: &str, t: &goodenough_core::ThoughtRecord, ignore_conflict: bool) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict {
                    $crate::common::INSERT_THOUGHTS_OR_SKIP
                } else {
                    $crate::common::INSERT_THOUGHTS
                };
                let r = sqlx::query(sql)
                    .bind(&t.id)
                    .bind(person)
                    .bind(t.created_at)
                    .bind(t.date)
                    .bind(&t.situation)
                    .bind(&t.thought)
                    .bind(i32::from(t.belief))
                    .bind($crate::common::to_json(&t.emotions)?)
                    .bind($crate::common::to_json(&t.traps)?)
                    .bind(&t.reframe)
                    .bind(t.belief_after.map(i32::from))
                    .execute(exec)
                    .await?;
                Ok(r.rows_affected())
            }

            async fn insert_win<'e, E>(exec: E, person: &str, w: &goodenough_core::Win, ignore_conflict: bool) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict {
                    $crate::common::INSERT_WINS_OR_SKIP
                } else {
                    $crate::common::INSERT_WINS
                };
                let r = sqlx::query(sql)
                    .bind(&w.id)
                    .bind(person)
                    .bind(w.created_at)
                    .bind(w.date)
                    .bind(&w.text)
                    .execute(exec)
                    .await?;
                Ok(r.rows_affected())
            }

            async fn insert_setback<'e, E>(exec: E, person: &str, s: &goodenough_core::Setback, ignore_conflict: bool) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict {
                    $crate::common::INSERT_SETBACKS_OR_SKIP
                } else {
                    $crate::common::INSERT_SETBACKS
                };
                let r = sqlx::query(sql)
                    .bind(&s.id)
                    .bind(person)
                    .bind(s.created_at)
                    .bind(s.date)
                    .bind(&s.text)
                    .bind(&s.lesson)
                    .execute(exec)
                    .await?;
                Ok(r.rows_affected())
            }

            async fn write_settings<'e, E>(exec: E, person: &str, s: &goodenough_core::Settings) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let r = sqlx::query(
                    "UPDATE persons SET display_name = $2, time_zone = $3, work_start = $4, work_end = $5, work_days = $6, reminder_time = $7 WHERE id = $1",
                )
                .bind(person)
                .bind(&s.display_name)
                .bind(&s.time_zone)
                .bind(&s.work_start)
                .bind(&s.work_end)
                .bind(s.work_days.join(","))
                .bind(&s.reminder_time)
                .execute(exec)
                .await?;
                Ok(r.rows_affected())
            }
        }

        #[async_trait::async_trait]
        impl $crate::Store for $store {
            fn backend(&self) -> $crate::Backend {
                $backend
            }

            async fn close(&self) {
                // The readers first: SQLite folds the WAL back when the last
                // connection to the file closes.
                self.read.close().await;
                self.pool.close().await;
            }

            async fn create_person(&self, settings: &goodenough_core::Settings) -> $crate::Result<String> {
                let id = goodenough_core::id::new_id();
                sqlx::query(
                    "INSERT INTO persons (id, created_at, display_name, time_zone, work_start, work_end, work_days, reminder_time) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&id)
                .bind(goodenough_core::clock::round(chrono::Utc::now()))
                .bind(&settings.display_name)
                .bind(&settings.time_zone)
                .bind(&settings.work_start)
                .bind(&settings.work_end)
                .bind(settings.work_days.join(","))
                .bind(&settings.reminder_time)
                .execute(&self.pool)
                .await?;
                Ok(id)
            }

            async fn first_person(&self) -> $crate::Result<Option<String>> {
                use sqlx::Row;
                let row = sqlx::query($crate::common::FIRST_PERSON)
                    .fetch_optional(&self.read)
                    .await?;
                Ok(match row {
                    Some(r) => Some(r.try_get("id")?),
                    None => None,
                })
            }

            async fn first_person_or_create(&self, settings: &goodenough_core::Settings) -> $crate::Result<String> {
                use sqlx::Row;
                let mut tx = self.pool.begin().await?;
                if $backend == $crate::Backend::Postgres {
                    // Concurrent "insert if empty" statements would both see an
                    // empty table under READ COMMITTED; take a lock that admits
                    // one such writer at a time (readers are not blocked).
                    sqlx::query("LOCK TABLE persons IN SHARE ROW EXCLUSIVE MODE")
                        .execute(&mut *tx)
                        .await?;
                }
                // On SQLite this single write statement takes the write lock
                // before it reads, so the check and the insert are one step.
                sqlx::query(
                    "INSERT INTO persons (id, created_at, display_name, time_zone, work_start, work_end, work_days, reminder_time) \
                     SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE NOT EXISTS (SELECT 1 FROM persons)",
                )
                .bind(goodenough_core::id::new_id())
                .bind(goodenough_core::clock::round(chrono::Utc::now()))
                .bind(&settings.display_name)
                .bind(&settings.time_zone)
                .bind(&settings.work_start)
                .bind(&settings.work_end)
                .bind(settings.work_days.join(","))
                .bind(&settings.reminder_time)
                .execute(&mut *tx)
                .await?;
                let row = sqlx::query($crate::common::FIRST_PERSON)
                    .fetch_one(&mut *tx)
                    .await?;
                let id: String = row.try_get("id")?;
                tx.commit().await?;
                Ok(id)
            }

            async fn person_exists(&self, person: &str) -> $crate::Result<bool> {
                let row = sqlx::query($crate::common::PERSON_EXISTS)
                    .bind(person)
                    .fetch_optional(&self.read)
                    .await?;
                Ok(row.is_some())
            }

            async fn settings(&self, person: &str) -> $crate::Result<goodenough_core::Settings> {
                Self::fetch_settings(&self.read, person).await
            }

            async fn settings_versioned(&self, person: &str) -> $crate::Result<(goodenough_core::Settings, i64)> {
                use sqlx::Row;
                let row = sqlx::query($crate::common::GET_PERSON)
                    .bind(person)
                    .fetch_optional(&self.read)
                    .await?
                    .ok_or_else(|| $crate::StoreError::NotFound("That person does not exist in this store.".into()))?;
                let version: i64 = row.try_get("data_version")?;
                Ok((Self::row_settings(&row)?, version))
            }

            async fn put_settings(&self, person: &str, settings: &goodenough_core::Settings) -> $crate::Result<()> {
                if Self::write_settings(&self.pool, person, settings).await? == 0 {
                    return Err($crate::StoreError::NotFound("That person does not exist in this store.".into()));
                }
                Ok(())
            }

            async fn put_checkin(&self, person: &str, checkin: &goodenough_core::CheckIn, replace: bool) -> $crate::Result<()> {
                // Each backend commits in its own way (SQLite: several
                // waiting check-ins in one commit, see `sqlite.rs`).
                self.put_checkin_committed(person, checkin, replace).await
            }

            async fn checkin_on(&self, person: &str, date: chrono::NaiveDate) -> $crate::Result<Option<goodenough_core::CheckIn>> {
                let row = sqlx::query($crate::common::CHECKIN_ON)
                    .bind(person)
                    .bind(date)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_checkin).transpose()
            }

            async fn get_checkin(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::CheckIn>> {
                let row = sqlx::query($crate::common::GET_CHECKIN)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_checkin).transpose()
            }

            async fn list_checkins(&self, person: &str, since: Option<chrono::NaiveDate>) -> $crate::Result<Vec<goodenough_core::CheckIn>> {
                Self::fetch_checkins(&self.read, person, since).await
            }

            async fn checkin_dates(&self, person: &str) -> $crate::Result<Vec<chrono::NaiveDate>> {
                use sqlx::Row;
                let row = sqlx::query(Self::CHECKIN_DATES_JSON)
                    .bind(person)
                    .fetch_one(&self.read)
                    .await?;
                let json: String = row.try_get("list")?;
                serde_json::from_str(&json).map_err(|e| $crate::StoreError::Corrupt(format!("check-in dates: {e}")))
            }

            async fn add_thought(&self, person: &str, thought: &goodenough_core::ThoughtRecord) -> $crate::Result<()> {
                Self::insert_thought(&self.pool, person, thought, false).await.map(|_| ())
            }

            async fn get_thought(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::ThoughtRecord>> {
                let row = sqlx::query($crate::common::GET_THOUGHT)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_thought).transpose()
            }

            async fn list_thoughts(&self, person: &str, since: Option<chrono::NaiveDate>) -> $crate::Result<Vec<goodenough_core::ThoughtRecord>> {
                Self::fetch_thoughts(&self.read, person, since).await
            }

            async fn add_win(&self, person: &str, win: &goodenough_core::Win) -> $crate::Result<()> {
                Self::insert_win(&self.pool, person, win, false).await.map(|_| ())
            }

            async fn get_win(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::Win>> {
                let row = sqlx::query($crate::common::GET_WIN)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_win).transpose()
            }

            async fn list_wins(&self, person: &str, since: Option<chrono::NaiveDate>) -> $crate::Result<Vec<goodenough_core::Win>> {
                Self::fetch_wins(&self.read, person, since).await
            }

            async fn add_setback(&self, person: &str, setback: &goodenough_core::Setback) -> $crate::Result<()> {
                Self::insert_setback(&self.pool, person, setback, false).await.map(|_| ())
            }

            async fn get_setback(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::Setback>> {
                let row = sqlx::query($crate::common::GET_SETBACK)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_setback).transpose()
            }

            async fn list_setbacks(&self, person: &str, since: Option<chrono::NaiveDate>) -> $crate::Result<Vec<goodenough_core::Setback>> {
                Self::fetch_setbacks(&self.read, person, since).await
            }

            async fn record_total(&self, person: &str) -> $crate::Result<u64> {
                use sqlx::Row;
                let sql = $crate::common::RECORD_TABLES
                    .iter()
                    .map(|t| format!("(SELECT COUNT(*) FROM {t} WHERE person_id = $1)"))
                    .collect::<Vec<_>>()
                    .join(" + ");
                let row = sqlx::query(&format!("SELECT {sql} AS n"))
                    .bind(person)
                    .fetch_one(&self.read)
                    .await?;
                let n: i64 = row.try_get("n")?;
                Ok(u64::try_from(n).unwrap_or(0))
            }

            async fn kind_counts(&self, person: &str) -> $crate::Result<goodenough_core::export::kinds::KindCounts> {
                use sqlx::Row;
                let tables = $crate::common::RECORD_TABLES;
                let sql = tables
                    .iter()
                    .enumerate()
                    .map(|(i, t)| format!("(SELECT COUNT(*) FROM {t} WHERE person_id = $1) AS n{i}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let row = sqlx::query(&format!("SELECT {sql}"))
                    .bind(person)
                    .fetch_one(&self.read)
                    .await?;
                let mut by_kind = std::collections::HashMap::new();
                for (i, t) in tables.iter().enumerate() {
                    let n: i64 = row.try_get(i)?;
                    by_kind.insert($crate::common::kind_of_table(t), u64::try_from(n).unwrap_or(0));
                }
                Ok(goodenough_core::export::kinds::KindCounts::from_fn(|k| {
                    by_kind.get(k).copied().unwrap_or(0)
                }))
            }

            async fn counts(&self, person: &str) -> $crate::Result<$crate::Counts> {
                use sqlx::Row;
                let row = sqlx::query(
                    "SELECT (SELECT COUNT(*) FROM checkins WHERE person_id = $1) AS c, \
                            (SELECT COUNT(*) FROM thoughts WHERE person_id = $1) AS t, \
                            (SELECT COUNT(*) FROM wins WHERE person_id = $1) AS w, \
                            (SELECT COUNT(*) FROM setbacks WHERE person_id = $1) AS s",
                )
                .bind(person)
                .fetch_one(&self.read)
                .await?;
                let get = |name: &str| -> $crate::Result<u64> {
                    let n: i64 = row.try_get(name)?;
                    Ok(u64::try_from(n).unwrap_or(0))
                };
                Ok($crate::Counts {
                    checkins: get("c")?,
                    thoughts: get("t")?,
                    wins: get("w")?,
                    setbacks: get("s")?,
                })
            }

            async fn export(&self, person: &str, exported_at: chrono::DateTime<chrono::Utc>) -> $crate::Result<goodenough_core::export::ExportDoc> {
                let mut tx = self.read.begin().await?;
                if <Self as $crate::Store>::backend(self) == $crate::Backend::Postgres {
                    // One snapshot for every statement (READ COMMITTED would
                    // take a new one per statement). SQLite's read transaction
                    // keeps the snapshot of its first read already.
                    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                        .execute(&mut *tx)
                        .await?;
                }
                let mut doc = goodenough_core::export::ExportDoc::new(
                    Self::fetch_settings(&mut *tx, person).await?,
                    Self::fetch_checkins(&mut *tx, person, None).await?,
                    Self::fetch_thoughts(&mut *tx, person, None).await?,
                    Self::fetch_wins(&mut *tx, person, None).await?,
                    Self::fetch_setbacks(&mut *tx, person, None).await?,
                    exported_at,
                );
                doc.noes = Self::fetch_noes(&mut *tx, person).await?;
                doc.delegations = Self::fetch_delegations(&mut *tx, person).await?;
                doc.mistakes = Self::fetch_mistakes(&mut *tx, person).await?;
                doc.rungs = Self::fetch_rungs(&mut *tx, person).await?;
                doc.experiments = Self::fetch_experiments(&mut *tx, person, None).await?;
                doc.timeboxes = Self::fetch_timeboxes(&mut *tx, person, None).await?;
                doc.git_commits = Self::fetch_git_commits(&mut *tx, person).await?;
                doc.assessments = Self::fetch_assessments(&mut *tx, person).await?;
                doc.critic = Self::fetch_critic(&mut *tx, person).await?;
                doc.values = Self::fetch_values(&mut *tx, person).await?;
                doc.practice_logs = Self::fetch_practice_logs(&mut *tx, person, None).await?;
                doc.enrolments = Self::fetch_enrolments(&mut *tx, person).await?;
                doc.reviews = Self::fetch_reviews(&mut *tx, person).await?;
                doc.hobbies = Self::fetch_hobbies(&mut *tx, person).await?;
                doc.blocks = Self::fetch_blocks(&mut *tx, person).await?;
                doc.block_occurrences = Self::fetch_occurrences(&mut *tx, person).await?;
                doc.joy_logs = Self::fetch_joy_logs(&mut *tx, person).await?;
                doc.rests = Self::fetch_rests(&mut *tx, person).await?;
                doc.evidence = Self::fetch_evidence(&mut *tx, person, None, None).await?;
                tx.commit().await?;
                Ok(doc)
            }

            async fn import(&self, person: &str, doc: &goodenough_core::export::ExportDoc) -> $crate::Result<$crate::ImportReport> {
                let mut report = $crate::ImportReport::default();
                let mut tx = self.pool.begin().await?;
                Self::start_bulk_writes(&mut *tx).await?;
                Self::write_settings(&mut *tx, person, &doc.settings).await?;
                for c in &doc.checkins {
                    let n = Self::insert_checkin(&mut *tx, person, c, true).await?;
                    report.checkins += n;
                    report.skipped += 1 - n.min(1);
                }
                for t in &doc.thoughts {
                    let n = Self::insert_thought(&mut *tx, person, t, true).await?;
                    report.thoughts += n;
                    report.skipped += 1 - n.min(1);
                }
                for w in &doc.wins {
                    let n = Self::insert_win(&mut *tx, person, w, true).await?;
                    report.wins += n;
                    report.skipped += 1 - n.min(1);
                }
                for s in &doc.setbacks {
                    let n = Self::insert_setback(&mut *tx, person, s, true).await?;
                    report.setbacks += n;
                    report.skipped += 1 - n.min(1);
                }
                for r in &doc.rungs {
                    let n = Self::insert_rung(&mut *tx, person, r, true).await?;
                    report.rungs += n;
                    report.skipped += 1 - n.min(1);
                }
                for e in &doc.experiments {
                    let n = Self::insert_experiment(&mut *tx, person, e, true).await?;
                    report.experiments += n;
                    report.skipped += 1 - n.min(1);
                }
                Self::import_boundaries(&mut *tx, person, doc, &mut report).await?;
                for b in &doc.timeboxes {
                    let n = Self::insert_timebox(&mut *tx, person, b, true).await?;
                    report.timeboxes += n;
                    report.skipped += 1 - n.min(1);
                }
                for chunk in doc.git_commits.chunks($crate::gitsignals::CHUNK) {
                    let n = Self::insert_git_commits(&mut *tx, person, chunk).await?;
                    report.git_commits += n;
                    report.skipped += chunk.len() as u64 - n.min(chunk.len() as u64);
                }
                if let Some(c) = &doc.critic {
                    let n = Self::insert_critic(&mut *tx, person, c, false).await?;
                    report.critics += n;
                    report.skipped += 1 - n.min(1);
                }
                for v in &doc.values {
                    let n = Self::insert_value(&mut *tx, person, v).await?;
                    report.values += n;
                    report.skipped += 1 - n.min(1);
                }
                for l in &doc.practice_logs {
                    let n = Self::insert_practice_log(&mut *tx, person, l).await?;
                    report.practice_logs += n;
                    report.skipped += 1 - n.min(1);
                }
                for e in &doc.evidence {
                    let n = Self::insert_evidence(&mut *tx, person, e).await?;
                    report.evidence += n;
                    report.skipped += 1 - n.min(1);
                }
                Self::import_joy(&mut *tx, person, doc, &mut report).await?;
                for r in &doc.reviews {
                    let n = Self::insert_review(&mut *tx, person, r, false).await?;
                    report.reviews += n;
                    report.skipped += 1 - n.min(1);
                }
                for a in &doc.assessments {
                    let n = Self::insert_assessment(&mut *tx, person, a, true).await?;
                    report.assessments += n;
                    report.skipped += 1 - n.min(1);
                }
                for e in &doc.enrolments {
                    let n = Self::insert_enrolment(&mut *tx, person, e, true).await?;
                    report.enrolments += n;
                    report.skipped += 1 - n.min(1);
                }
                // The dates help was shown: kept again, never counted as
                // records (a date already kept stays one).
                for day in &doc.help_shown_on {
                    sqlx::query($crate::common::INSERT_CRISIS_SHOWN)
                        .bind(person)
                        .bind(*day)
                        .execute(&mut *tx)
                        .await?;
                }
                Self::end_bulk_writes(&mut *tx, person).await?;
                tx.commit().await?;
                Ok(report)
            }

            async fn erase_records(&self, person: &str) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                for table in $crate::common::RECORD_TABLES.iter() {
                    sqlx::query(&format!("DELETE FROM {table} WHERE person_id = $1"))
                        .bind(person)
                        .execute(&mut *tx)
                        .await?;
                }
                for sql in $crate::common::ERASE_PRACTICE {
                    sqlx::query(sql).bind(person).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                self.compact_after_erase().await
            }

            async fn erase_person(&self, person: &str) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                for table in $crate::common::RECORD_TABLES.iter() {
                    sqlx::query(&format!("DELETE FROM {table} WHERE person_id = $1"))
                        .bind(person)
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query($crate::common::DELETE_PERSON)
                    .bind(person)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                self.compact_after_erase().await
            }
        }
    };
}

pub(crate) use impl_store;

#[cfg(test)]
mod tests {
    use goodenough_core::export::kinds::KINDS;

    #[test]
    fn every_table_is_a_kind_and_every_kind_a_table() {
        let kinds: Vec<&str> = super::RECORD_TABLES
            .iter()
            .map(|t| super::kind_of_table(t))
            .collect();
        for k in KINDS {
            assert!(kinds.contains(&k.key), "no table holds {}", k.key);
        }
        for k in &kinds {
            assert!(KINDS.iter().any(|x| x.key == *k), "{k} is not a named kind");
        }
        assert_eq!(kinds.len(), KINDS.len());
    }
}
