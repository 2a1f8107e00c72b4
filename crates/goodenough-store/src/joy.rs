//! Joy: hobbies, weekly personal-time blocks and their occurrences, minutes
//! of joy, and rest.
//!
//! Every row carries its owner and every query filters on it: another
//! person's id finds nothing.

use async_trait::async_trait;
use chrono::NaiveDate;
use goodenough_core::joy::{Block, Hobby, JoyLog, Occurrence, Rest};

use crate::Result;

/// Joy records of a person.
#[async_trait]
pub trait Joy: Send + Sync {
    /// Saves a new hobby.
    async fn add_hobby(&self, person: &str, h: &Hobby) -> Result<()>;
    /// A hobby by id (`None` when it is not this person's).
    async fn get_hobby(&self, person: &str, id: &str) -> Result<Option<Hobby>>;
    /// Every hobby, oldest first.
    async fn list_hobbies(&self, person: &str) -> Result<Vec<Hobby>>;
    /// Saves a new block.
    async fn add_block(&self, person: &str, b: &Block) -> Result<()>;
    /// A block by id (`None` when it is not this person's).
    async fn get_block(&self, person: &str, id: &str) -> Result<Option<Block>>;
    /// Every block, oldest first.
    async fn list_blocks(&self, person: &str) -> Result<Vec<Block>>;
    /// Records (or replaces) whether an occurrence was kept; NotFound when
    /// the block is not this person's.
    async fn set_occurrence(&self, person: &str, o: &Occurrence) -> Result<()>;
    /// The occurrence of a block on a date (occurrences have no id of their own; `None` when the block is not this person's).
    async fn get_occurrence(
        &self,
        person: &str,
        block_id: &str,
        date: NaiveDate,
    ) -> Result<Option<Occurrence>>;
    /// Every occurrence, oldest first.
    async fn list_occurrences(&self, person: &str) -> Result<Vec<Occurrence>>;
    /// Saves minutes of joy.
    async fn add_joy_log(&self, person: &str, l: &JoyLog) -> Result<()>;
    /// A joy log by id (`None` when it is not this person's).
    async fn get_joy_log(&self, person: &str, id: &str) -> Result<Option<JoyLog>>;
    /// Every joy log, oldest first.
    async fn list_joy_logs(&self, person: &str) -> Result<Vec<JoyLog>>;
    /// Saves a rest.
    async fn add_rest(&self, person: &str, r: &Rest) -> Result<()>;
    /// A rest by id (`None` when it is not this person's).
    async fn get_rest(&self, person: &str, id: &str) -> Result<Option<Rest>>;
    /// Every rest, oldest first.
    async fn list_rests(&self, person: &str) -> Result<Vec<Rest>>;
}

/// A hobby by id, by owner.
pub(crate) const GET_HOBBY: &str = "SELECT * FROM hobbies WHERE person_id = $1 AND id = $2";

/// A block by id, by owner.
pub(crate) const GET_BLOCK: &str = "SELECT * FROM blocks WHERE person_id = $1 AND id = $2";

/// The occurrence of a block on a date, by owner.
pub(crate) const GET_OCCURRENCE: &str =
    "SELECT * FROM block_occurrences WHERE person_id = $1 AND block_id = $2 AND date = $3";

/// A joy log by id, by owner.
pub(crate) const GET_JOY_LOG: &str = "SELECT * FROM joy_logs WHERE person_id = $1 AND id = $2";

/// A rest by id, by owner.
pub(crate) const GET_REST: &str = "SELECT * FROM rests WHERE person_id = $1 AND id = $2";

/// An owner's hobbies in list order (the list and the export read this).
pub(crate) const LIST_HOBBIES: &str =
    "SELECT * FROM hobbies WHERE person_id = $1 ORDER BY created_at, id";

/// An owner's blocks in list order (the list and the export read this).
pub(crate) const LIST_BLOCKS: &str =
    "SELECT * FROM blocks WHERE person_id = $1 ORDER BY created_at, id";

/// An owner's occurrences in list order (the list and the export read this).
pub(crate) const LIST_OCCURRENCES: &str =
    "SELECT * FROM block_occurrences WHERE person_id = $1 ORDER BY date, block_id";

/// An owner's joy logs in list order (the list and the export read this).
pub(crate) const LIST_JOY_LOGS: &str =
    "SELECT * FROM joy_logs WHERE person_id = $1 ORDER BY date, created_at, id";

/// An owner's rests in list order (the list and the export read this).
pub(crate) const LIST_RESTS: &str =
    "SELECT * FROM rests WHERE person_id = $1 ORDER BY from_date, created_at, id";

/// Inserts a row of `hobbies`.
pub(crate) const INSERT_HOBBIES: &str =
    "INSERT INTO hobbies (id, person_id, created_at, name) VALUES ($1, $2, $3, $4)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_HOBBIES_OR_SKIP: &str =
    "INSERT INTO hobbies (id, person_id, created_at, name) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";

/// Inserts a row of `blocks`.
pub(crate) const INSERT_BLOCKS: &str =
    "INSERT INTO blocks (id, person_id, created_at, title, weekday, start_time, end_time, hobby_id, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_BLOCKS_OR_SKIP: &str =
    "INSERT INTO blocks (id, person_id, created_at, title, weekday, start_time, end_time, hobby_id, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING";

/// Inserts a row of `joy_logs`.
pub(crate) const INSERT_JOY_LOGS: &str =
    "INSERT INTO joy_logs (id, person_id, created_at, hobby_id, hobby, date, minutes) VALUES ($1, $2, $3, $4, $5, $6, $7)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_JOY_LOGS_OR_SKIP: &str =
    "INSERT INTO joy_logs (id, person_id, created_at, hobby_id, hobby, date, minutes) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING";

/// Inserts a row of `rests`.
pub(crate) const INSERT_RESTS: &str =
    "INSERT INTO rests (id, person_id, created_at, from_date, to_date, kind, guilt) VALUES ($1, $2, $3, $4, $5, $6, $7)";
/// The same, skipping a row already there (import).
pub(crate) const INSERT_RESTS_OR_SKIP: &str =
    "INSERT INTO rests (id, person_id, created_at, from_date, to_date, kind, guilt) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING";

/// Expands into `impl Joy for $store` with rows of type `$row`.
macro_rules! impl_joy {
    ($store:ty, $row:ty) => {
        impl $store {
            pub(crate) async fn fetch_hobbies<'e, E>(exec: E, person: &str) -> $crate::Result<Vec<goodenough_core::joy::Hobby>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::joy::LIST_HOBBIES)
                    .bind(person)
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_hobby).collect()
            }

            pub(crate) async fn fetch_blocks<'e, E>(exec: E, person: &str) -> $crate::Result<Vec<goodenough_core::joy::Block>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::joy::LIST_BLOCKS)
                    .bind(person)
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_block).collect()
            }

            pub(crate) async fn fetch_occurrences<'e, E>(exec: E, person: &str) -> $crate::Result<Vec<goodenough_core::joy::Occurrence>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::joy::LIST_OCCURRENCES)
                    .bind(person)
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_occurrence).collect()
            }

            pub(crate) async fn fetch_joy_logs<'e, E>(exec: E, person: &str) -> $crate::Result<Vec<goodenough_core::joy::JoyLog>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::joy::LIST_JOY_LOGS)
                    .bind(person)
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_joy_log).collect()
            }

            pub(crate) async fn fetch_rests<'e, E>(exec: E, person: &str) -> $crate::Result<Vec<goodenough_core::joy::Rest>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::joy::LIST_RESTS)
                    .bind(person)
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_rest).collect()
            }

            fn row_hobby(row: &$row) -> $crate::Result<goodenough_core::joy::Hobby> {
                use sqlx::FromRow;
                goodenough_core::joy::Hobby::try_from($crate::rows::HobbyRow::from_row(row)?)
            }

            fn row_block(row: &$row) -> $crate::Result<goodenough_core::joy::Block> {
                use sqlx::FromRow;
                goodenough_core::joy::Block::try_from($crate::rows::BlockRow::from_row(row)?)
            }

            fn row_occurrence(row: &$row) -> $crate::Result<goodenough_core::joy::Occurrence> {
                use sqlx::FromRow;
                goodenough_core::joy::Occurrence::try_from($crate::rows::OccurrenceRow::from_row(row)?)
            }

            fn row_joy_log(row: &$row) -> $crate::Result<goodenough_core::joy::JoyLog> {
                use sqlx::FromRow;
                goodenough_core::joy::JoyLog::try_from($crate::rows::JoyLogRow::from_row(row)?)
            }

            fn row_rest(row: &$row) -> $crate::Result<goodenough_core::joy::Rest> {
                use sqlx::FromRow;
                goodenough_core::joy::Rest::try_from($crate::rows::RestRow::from_row(row)?)
            }

            pub(crate) async fn insert_hobby<'e, E>(
                exec: E,
                person: &str,
                h: &goodenough_core::joy::Hobby,
                ignore_conflict: bool,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict { $crate::joy::INSERT_HOBBIES_OR_SKIP } else { $crate::joy::INSERT_HOBBIES };
                let r = sqlx::query(sql)
                .bind(&h.id)
                .bind(person)
                .bind(h.created_at)
                .bind(&h.name)
                .execute(exec)
                .await?;
                Ok(r.rows_affected())
            }

            pub(crate) async fn insert_block<'e, E>(
                exec: E,
                person: &str,
                b: &goodenough_core::joy::Block,
                ignore_conflict: bool,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict { $crate::joy::INSERT_BLOCKS_OR_SKIP } else { $crate::joy::INSERT_BLOCKS };
                let r = sqlx::query(sql)
                .bind(&b.id)
                .bind(person)
                .bind(b.created_at)
                .bind(&b.title)
                .bind(b.weekday.as_str())
                .bind(&b.start)
                .bind(&b.end)
                .bind(&b.hobby_id)
                .bind(b.active)
                .execute(exec)
                .await?;
                Ok(r.rows_affected())
            }

            pub(crate) async fn insert_occurrence<'e, E>(
                exec: E,
                person: &str,
                o: &goodenough_core::joy::Occurrence,
                replace: bool,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let tail = if replace {
                    " ON CONFLICT (block_id, date) DO UPDATE SET kept = excluded.kept, reason = excluded.reason"
                } else {
                    " ON CONFLICT DO NOTHING"
                };
                // Only into a block the person owns.
                let r = sqlx::query(&format!(
                    "INSERT INTO block_occurrences (person_id, block_id, date, kept, reason) SELECT $1, id, $3, $4, $5 FROM blocks WHERE person_id = $1 AND id = $2{tail}"
                ))
                .bind(person)
                .bind(&o.block_id)
                .bind(o.date)
                .bind(o.kept)
                .bind(&o.reason)
                .execute(exec)
                .await?;
                Ok(r.rows_affected())
            }

            pub(crate) async fn insert_joy_log<'e, E>(
                exec: E,
                person: &str,
                l: &goodenough_core::joy::JoyLog,
                ignore_conflict: bool,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict { $crate::joy::INSERT_JOY_LOGS_OR_SKIP } else { $crate::joy::INSERT_JOY_LOGS };
                let minutes = i32::try_from(l.minutes).unwrap_or(i32::MAX);
                let r = sqlx::query(sql)
                .bind(&l.id)
                .bind(person)
                .bind(l.created_at)
                .bind(&l.hobby_id)
                .bind(&l.hobby)
                .bind(l.date)
                .bind(minutes)
                .execute(exec)
                .await?;
                Ok(r.rows_affected())
            }

            pub(crate) async fn insert_rest<'e, E>(
                exec: E,
                person: &str,
                r: &goodenough_core::joy::Rest,
                ignore_conflict: bool,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let sql = if ignore_conflict { $crate::joy::INSERT_RESTS_OR_SKIP } else { $crate::joy::INSERT_RESTS };
                let res = sqlx::query(sql)
                .bind(&r.id)
                .bind(person)
                .bind(r.created_at)
                .bind(r.from)
                .bind(r.to)
                .bind(r.kind.as_str())
                .bind(r.guilt.map(i32::from))
                .execute(exec)
                .await?;
                Ok(res.rows_affected())
            }

            /// Imports joy records inside an import's transaction.
            pub(crate) async fn import_joy(
                conn: &mut <<$row as sqlx::Row>::Database as sqlx::Database>::Connection,
                person: &str,
                doc: &goodenough_core::export::ExportDoc,
                report: &mut $crate::ImportReport,
            ) -> $crate::Result<()> {
                for h in &doc.hobbies {
                    let n = Self::insert_hobby(&mut *conn, person, h, true).await?;
                    report.hobbies += n;
                    report.skipped += 1 - n.min(1);
                }
                for b in &doc.blocks {
                    let n = Self::insert_block(&mut *conn, person, b, true).await?;
                    report.blocks += n;
                    report.skipped += 1 - n.min(1);
                }
                for o in &doc.block_occurrences {
                    let n = Self::insert_occurrence(&mut *conn, person, o, false).await?;
                    report.block_occurrences += n;
                    report.skipped += 1 - n.min(1);
                }
                for l in &doc.joy_logs {
                    let n = Self::insert_joy_log(&mut *conn, person, l, true).await?;
                    report.joy_logs += n;
                    report.skipped += 1 - n.min(1);
                }
                for r in &doc.rests {
                    let n = Self::insert_rest(&mut *conn, person, r, true).await?;
                    report.rests += n;
                    report.skipped += 1 - n.min(1);
                }
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::joy::Joy for $store {
            async fn add_hobby(&self, person: &str, h: &goodenough_core::joy::Hobby) -> $crate::Result<()> {
                Self::insert_hobby(&self.pool, person, h, false).await.map(|_| ())
            }

            async fn get_hobby(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::joy::Hobby>> {
                let row = sqlx::query($crate::joy::GET_HOBBY)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_hobby).transpose()
            }

            async fn list_hobbies(&self, person: &str) -> $crate::Result<Vec<goodenough_core::joy::Hobby>> {
                Self::fetch_hobbies(&self.read, person).await
            }

            async fn add_block(&self, person: &str, b: &goodenough_core::joy::Block) -> $crate::Result<()> {
                Self::insert_block(&self.pool, person, b, false).await.map(|_| ())
            }

            async fn get_block(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::joy::Block>> {
                let row = sqlx::query($crate::joy::GET_BLOCK)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_block).transpose()
            }

            async fn list_blocks(&self, person: &str) -> $crate::Result<Vec<goodenough_core::joy::Block>> {
                Self::fetch_blocks(&self.read, person).await
            }

            async fn set_occurrence(&self, person: &str, o: &goodenough_core::joy::Occurrence) -> $crate::Result<()> {
                let n = Self::insert_occurrence(&self.pool, person, o, true).await?;
                if n == 0 {
                    return Err($crate::StoreError::NotFound("That block was not found.".into()));
                }
                Ok(())
            }

            async fn get_occurrence(&self, person: &str, block_id: &str, date: chrono::NaiveDate) -> $crate::Result<Option<goodenough_core::joy::Occurrence>> {
                let row = sqlx::query($crate::joy::GET_OCCURRENCE)
                    .bind(person)
                    .bind(block_id)
                    .bind(date)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_occurrence).transpose()
            }

            async fn list_occurrences(&self, person: &str) -> $crate::Result<Vec<goodenough_core::joy::Occurrence>> {
                Self::fetch_occurrences(&self.read, person).await
            }

            async fn add_joy_log(&self, person: &str, l: &goodenough_core::joy::JoyLog) -> $crate::Result<()> {
                Self::insert_joy_log(&self.pool, person, l, false).await.map(|_| ())
            }

            async fn get_joy_log(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::joy::JoyLog>> {
                let row = sqlx::query($crate::joy::GET_JOY_LOG)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_joy_log).transpose()
            }

            async fn list_joy_logs(&self, person: &str) -> $crate::Result<Vec<goodenough_core::joy::JoyLog>> {
                Self::fetch_joy_logs(&self.read, person).await
            }

            async fn add_rest(&self, person: &str, r: &goodenough_core::joy::Rest) -> $crate::Result<()> {
                Self::insert_rest(&self.pool, person, r, false).await.map(|_| ())
            }

            async fn get_rest(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::joy::Rest>> {
                let row = sqlx::query($crate::joy::GET_REST)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_rest).transpose()
            }

            async fn list_rests(&self, person: &str) -> $crate::Result<Vec<goodenough_core::joy::Rest>> {
                Self::fetch_rests(&self.read, person).await
            }
        }
    };
}

pub(crate) use impl_joy;
