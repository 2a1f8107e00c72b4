//! The embedded SQLite backend: one file in the person's data directory.
//!
//! WAL journal, foreign keys on, a busy timeout so two processes writing at
//! once both succeed, `synchronous = FULL` so a commit survives power loss,
//! and `secure_delete` so erased records are overwritten, not just unlinked.
//!
//! One writer connection and a pool of read-only readers: SQLite admits one
//! writer at a time, so writers of this process queue for the one write
//! connection (in the application, in order) instead of each taking a
//! connection and then waiting on the file lock, where a read-then-write
//! transaction can fail with "database is locked". WAL lets the readers
//! read beside the writer, each from its own consistent snapshot. With a
//! pool of one (the CLI) the one connection does both.
//! Opening (creating the file, switching it to WAL) and migrating run under
//! an exclusive file lock, so processes opening a new store at the same
//! moment take turns instead of failing with "database is locked". A store
//! that is already in WAL mode and fully migrated (the usual case: every
//! run after the first) is opened without the lock or the migrator: one
//! read of the file's header and one query of the applied migrations.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::accounts::impl_accounts;
use crate::common::impl_store;
use crate::experiments::impl_experiments;
use crate::{Backend, Result, StoreError};

use std::sync::{Arc, Mutex, MutexGuard};

use sqlx::pool::PoolConnection;
use sqlx::{Connection, Sqlite};
use tokio::sync::oneshot;

pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// A store in one SQLite file.
#[derive(Clone)]
pub struct SqliteStore {
    /// The writer: one connection, so writes queue here.
    pub(crate) pool: SqlitePool,
    /// The readers (read-only connections), or the writer itself when the
    /// store was opened with one connection.
    pub(crate) read: SqlitePool,
    /// Check-ins waiting for the writer, committed together (see
    /// [`SqliteStore::put_checkin_committed`]).
    waiting: Arc<Mutex<Waiting>>,
}

/// Check-ins waiting for the writer, in the order they came.
#[derive(Default)]
struct Waiting {
    next: u64,
    queue: Vec<WaitingCheckIn>,
}

/// One check-in waiting for the writer, and where to send its outcome.
struct WaitingCheckIn {
    /// To find it again when its writer gives up waiting.
    ticket: u64,
    person: String,
    checkin: goodenough_core::CheckIn,
    replace: bool,
    done: oneshot::Sender<Result<()>>,
}

impl SqliteStore {
    /// Bulk writes need nothing on SQLite: its row triggers update the
    /// person's row in place (PostgreSQL's counterpart skips a bump per
    /// statement).
    pub(crate) async fn start_bulk_writes(_conn: &mut sqlx::SqliteConnection) -> Result<()> {
        Ok(())
    }

    /// See [`SqliteStore::start_bulk_writes`]: the triggers already bumped.
    pub(crate) async fn end_bulk_writes(
        _conn: &mut sqlx::SqliteConnection,
        _person: &str,
    ) -> Result<()> {
        Ok(())
    }

    /// Opens (creating if needed) the database file at `path` and migrates it.
    /// `connections` is how many may read at once: 1 for the CLI (one
    /// connection reads and writes), more for a server (one writer and up to
    /// `connections` read-only readers).
    ///
    /// The first connection (which may create the file and switch it to WAL)
    /// and the migrations run under an exclusive lock file beside the
    /// database. Switching to WAL needs an exclusive database lock that
    /// SQLite's busy timeout cannot wait for, so without the lock file
    /// processes opening a brand-new store together could fail with
    /// "database is locked"; with it they take turns, and every later
    /// connection finds the file already in WAL mode.
    pub async fn open(path: &Path, connections: u32) -> Result<SqliteStore> {
        SqliteStore::open_keyed(path, connections, None).await
    }

    /// Like [`SqliteStore::open`], for a store encrypted with `key` (see
    /// [`crate::cipher`]; `None` is a plain store). The key is the first
    /// statement on every connection, the writer's and each reader's.
    pub async fn open_keyed(
        path: &Path,
        connections: u32,
        key: Option<&crate::cipher::Key>,
    ) -> Result<SqliteStore> {
        let open_err = |reason: String| StoreError::Open {
            path: path.display().to_string(),
            reason,
        };
        let base = SqliteConnectOptions::from_str("sqlite://")
            .map_err(|e| open_err(e.to_string()))?
            .filename(path)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(15))
            // Rows cross from SQLite's worker thread in batches; a larger
            // buffer means far fewer wake-ups when listing years of records.
            .row_buffer_size(4096);
        // sqlx runs the `key` pragma before every other statement.
        let base = match key {
            Some(key) => base.pragma("key", key.pragma_value()),
            None => base,
        };
        let writer = base
            .clone()
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .pragma("secure_delete", "ON");
        // A connection to a local file does not go stale, so no ping on
        // every acquire (sqlx's default): that round trip to the worker
        // thread cost as much as a small query.
        let writer_pool = SqlitePoolOptions::new()
            .max_connections(1)
            .test_before_acquire(false)
            // Writers wait their turn here: long enough for a queue of
            // many concurrent requests, each a short transaction.
            .acquire_timeout(Duration::from_secs(60));
        // An established store (a database file already in WAL mode) is
        // opened without the lock: its first connection changes nothing in
        // the file, so it cannot meet another process's switch to WAL. When
        // the migrations applied are exactly this binary's, nothing is left
        // to do; otherwise (a new migration, a failed one, a store migrated
        // by another version of goodenough) the migrator runs as below, under
        // the lock, and answers as it always did.
        // An encrypted file's header is encrypted too, so whether it is in
        // WAL mode cannot be read from it. Such a file always exists already
        // (`goodenough encrypt`, `rekey` or a restore wrote it whole, and the
        // first open switched it to WAL), so it takes the same path: one
        // connection and one query. Should that connection fail for any
        // reason but a wrong key (say, two processes switching a fresh file
        // to WAL at once), the locked path below decides.
        let established = if is_wal_database(path) {
            Some(
                writer_pool
                    .clone()
                    .connect_with(writer.clone())
                    .await
                    .map_err(|e| open_err(e.to_string()))?,
            )
        } else if key.is_some() && crate::cipher::is_encrypted(path) {
            match writer_pool.clone().connect_with(writer.clone()).await {
                Ok(pool) => Some(pool),
                Err(e) if crate::cipher::not_a_database(&e) => return Err(open_err(e.to_string())),
                Err(_) => None,
            }
        } else {
            None
        };
        let pool = if let Some(pool) = established {
            if !is_fully_migrated(&pool).await {
                let locked = lock_beside(path).await?;
                let result = MIGRATOR.run(&pool).await;
                drop(locked);
                result?;
            }
            pool
        } else {
            let locked = lock_beside(path).await?;
            let pool = writer_pool
                .connect_with(writer)
                .await
                .map_err(|e| open_err(e.to_string()));
            let result = match pool {
                Ok(pool) => MIGRATOR
                    .run(&pool)
                    .await
                    .map(|()| pool)
                    .map_err(StoreError::from),
                Err(e) => Err(e),
            };
            drop(locked);
            result?
        };
        let read = if connections <= 1 {
            pool.clone()
        } else {
            // Opened when first needed; the file is in WAL mode already.
            SqlitePoolOptions::new()
                .max_connections(connections)
                .test_before_acquire(false)
                .acquire_timeout(Duration::from_secs(30))
                .connect_lazy_with(base.read_only(true))
        };
        Ok(SqliteStore {
            pool,
            read,
            waiting: Arc::default(),
        })
    }

    /// Check-ins as one JSON array (oldest first); see `common.rs`.
    pub(crate) const LIST_CHECKINS_JSON: &'static str =
        "SELECT COALESCE(json_group_array(json_object(\
        'id', id, 'date', date, 'mood', mood, 'energy', energy, \
        'appreciations', json(appreciations), 'note', note)), '[]') AS list \
        FROM (SELECT * FROM checkins WHERE person_id = $1 AND date >= $2 ORDER BY date, id)";

    /// The latest consent version of each link `l` whose `column` is the
    /// person, as `v`: one grouped read of that person's links, joined
    /// back. (A correlated MAX per row made PostgreSQL compare every
    /// version with every link; PostgreSQL now takes one step of the
    /// primary key per link instead, which SQLite has no LATERAL for.)
    pub(crate) fn latest_consent(column: &str) -> String {
        format!(
            "JOIN (SELECT w.link_id, MAX(w.version) AS latest FROM consent_versions w \
             JOIN coach_links j ON j.id = w.link_id WHERE j.{column} = $1 \
             GROUP BY w.link_id) m ON m.link_id = l.id \
             JOIN consent_versions v ON v.link_id = m.link_id AND v.version = m.latest"
        )
    }

    /// Check-in dates as one JSON array (oldest first).
    pub(crate) const CHECKIN_DATES_JSON: &'static str =
        "SELECT COALESCE(json_group_array(date), '[]') AS list \
        FROM (SELECT date FROM checkins WHERE person_id = $1 ORDER BY date)";

    fn waiting(&self) -> MutexGuard<'_, Waiting> {
        // Every change to the queue is one push or one take, so a panic
        // elsewhere cannot leave it half-changed.
        self.waiting
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Saves a check-in, committed together with any others waiting for
    /// the writer at the same moment ("group commit").
    ///
    /// Every commit waits for the disk (`synchronous = FULL`), so one
    /// commit per check-in caps a server at about one check-in per fsync
    /// while evening check-ins arrive together. Here each check-in joins a
    /// queue; whoever gets the writer connection takes the whole queue and
    /// commits it in one transaction, each check-in inside a savepoint of
    /// its own, so one check-in's conflict rolls back that one alone. The
    /// others' writers wait for their answer, which is sent only after the
    /// commit returned: no check-in is acknowledged before it is on disk.
    /// The batch runs in a task of its own, so a request that goes away
    /// (a closed connection) cannot stop the others' commit halfway.
    pub(crate) async fn put_checkin_committed(
        &self,
        person: &str,
        checkin: &goodenough_core::CheckIn,
        replace: bool,
    ) -> Result<()> {
        let (done, mut answer) = oneshot::channel();
        let ticket = {
            let mut waiting = self.waiting();
            let ticket = waiting.next;
            waiting.next += 1;
            waiting.queue.push(WaitingCheckIn {
                ticket,
                person: person.to_string(),
                checkin: checkin.clone(),
                replace,
                done,
            });
            ticket
        };
        tokio::select! {
            biased;
            outcome = &mut answer => answered(outcome),
            writer = self.pool.acquire() => {
                match writer {
                    Ok(writer) => {
                        let batch = std::mem::take(&mut self.waiting().queue);
                        if batch.is_empty() {
                            // An earlier writer took this check-in and has
                            // answered it already (it held the writer).
                            drop(writer);
                        } else {
                            tokio::spawn(commit_together(writer, batch));
                        }
                        answered(answer.await)
                    }
                    Err(e) => {
                        // Still waiting means nobody took it: it was never
                        // written, and the error is the whole answer.
                        let withdrawn = {
                            let mut waiting = self.waiting();
                            let at = waiting.queue.iter().position(|w| w.ticket == ticket);
                            at.map(|at| waiting.queue.remove(at)).is_some()
                        };
                        if withdrawn {
                            Err(e.into())
                        } else {
                            answered(answer.await)
                        }
                    }
                }
            }
        }
    }

    /// The writer's pool (one connection), for the web server and tests.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// After an erase: fold the WAL back into the file and rebuild it, so no
    /// copy of erased text is left in free pages or in the WAL.
    pub(crate) async fn compact_after_erase(&self) -> Result<()> {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await?;
        sqlx::query("VACUUM").execute(&self.pool).await?;
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// Whether `path` is an SQLite database already in WAL mode, from its
/// header alone (the read and write format versions, bytes 18 and 19, are 2
/// only in WAL mode). A missing, empty or unreadable file is not.
fn is_wal_database(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 20];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok()
        && header.starts_with(b"SQLite format 3\0")
        && header[18] == 2
        && header[19] == 2
}

/// Whether the migrations applied to the store are exactly this binary's:
/// the same versions with the same checksums, each applied successfully.
/// Then the migrator would find nothing to do (and nothing to refuse). Any
/// doubt (no migrations table yet, a query error) answers no, and the
/// migrator decides.
async fn is_fully_migrated(pool: &SqlitePool) -> bool {
    let applied: Vec<(i64, Vec<u8>, bool)> = match sqlx::query_as(
        "SELECT version, checksum, success FROM _sqlx_migrations ORDER BY version",
    )
    .fetch_all(pool)
    .await
    {
        Ok(rows) => rows,
        Err(_) => return false,
    };
    let mut embedded = MIGRATOR
        .iter()
        .filter(|m| !m.migration_type.is_down_migration());
    let mut applied = applied.iter();
    loop {
        match (embedded.next(), applied.next()) {
            (None, None) => return true,
            (Some(m), Some((version, checksum, success))) => {
                if !*success || m.version != *version || *m.checksum != checksum[..] {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// A check-in's outcome as its batch sent it.
fn answered(outcome: std::result::Result<Result<()>, oneshot::error::RecvError>) -> Result<()> {
    outcome.unwrap_or_else(|_| {
        Err(StoreError::Db(sqlx::Error::Protocol(
            "the check-in's commit stopped before it answered".into(),
        )))
    })
}

/// Commits `batch` in one transaction on the writer and answers each
/// check-in: its own error, the commit's error, or saved.
async fn commit_together(mut writer: PoolConnection<Sqlite>, batch: Vec<WaitingCheckIn>) {
    let mut outcomes: Vec<Result<()>> = Vec::with_capacity(batch.len());
    let committed: Result<()> = async {
        let mut tx = writer.begin().await?;
        if let [one] = batch.as_slice() {
            outcomes.push(
                SqliteStore::checkin_statements(&mut tx, &one.person, &one.checkin, one.replace)
                    .await,
            );
        } else {
            for w in &batch {
                let mut savepoint = tx.begin().await?;
                let outcome = SqliteStore::checkin_statements(
                    &mut savepoint,
                    &w.person,
                    &w.checkin,
                    w.replace,
                )
                .await;
                match outcome {
                    Ok(()) => savepoint.commit().await?,
                    Err(_) => savepoint.rollback().await?,
                }
                outcomes.push(outcome);
            }
        }
        if outcomes.iter().any(Result::is_ok) {
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        Ok(())
    }
    .await;
    let failed = committed.err().map(|e| e.to_string());
    let mut outcomes = outcomes.into_iter();
    for w in batch {
        let outcome = match (outcomes.next(), &failed) {
            // The statements failed: that sentence (a conflict) is the answer.
            (Some(Err(e)), _) => Err(e),
            (_, Some(why)) => Err(StoreError::Db(sqlx::Error::Protocol(format!(
                "the check-in was not saved: {why}"
            )))),
            (Some(Ok(())), None) => Ok(()),
            (None, None) => Err(StoreError::Db(sqlx::Error::Protocol(
                "the check-in was not saved".into(),
            ))),
        };
        // A writer that went away no longer needs its answer.
        let _ = w.done.send(outcome);
    }
}

/// Takes the exclusive lock file beside the database (waiting for it in a
/// blocking thread); the lock is released when the file is dropped.
async fn lock_beside(path: &Path) -> Result<std::fs::File> {
    let lock_path = path.with_extension("migrate.lock");
    let lock_err = |e: std::io::Error| StoreError::Open {
        path: lock_path.display().to_string(),
        reason: e.to_string(),
    };
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(lock_err)?;
    tokio::task::spawn_blocking(move || lock.lock().map(|()| lock))
        .await
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .map_err(lock_err)
}

impl_store!(SqliteStore, sqlx::sqlite::SqliteRow, Backend::Sqlite);
impl_accounts!(SqliteStore, sqlx::sqlite::SqliteRow);
crate::timeboxes::impl_timeboxes!(SqliteStore, sqlx::sqlite::SqliteRow);
crate::boundaries::impl_boundaries!(SqliteStore, sqlx::sqlite::SqliteRow);
impl_experiments!(SqliteStore, sqlx::sqlite::SqliteRow);
crate::gitsignals::impl_gitsignals!(SqliteStore, sqlx::sqlite::SqliteRow);
crate::awareness::impl_awareness!(SqliteStore, sqlx::sqlite::SqliteRow);
crate::evidence::impl_evidence!(SqliteStore, sqlx::sqlite::SqliteRow);
crate::joy::impl_joy!(SqliteStore, sqlx::sqlite::SqliteRow);
crate::journey::impl_journey!(SqliteStore, sqlx::sqlite::SqliteRow);
crate::assessments::impl_assessments!(SqliteStore, sqlx::sqlite::SqliteRow);
crate::programmes::impl_programmes!(SqliteStore, sqlx::sqlite::SqliteRow);
crate::practice::impl_practice!(SqliteStore, sqlx::sqlite::SqliteRow);
crate::assignments::impl_assignments!(SqliteStore, sqlx::sqlite::SqliteRow);
crate::coach_content::impl_coach_content!(SqliteStore, sqlx::sqlite::SqliteRow);
crate::offers::impl_offers!(SqliteStore, sqlx::sqlite::SqliteRow);
crate::push::impl_push!(SqliteStore, sqlx::sqlite::SqliteRow);
