//! The PostgreSQL backend, for a practice deployment: several stateless
//! servers can share it, and the operator uses PostgreSQL's own backups and
//! replication. Migrations take PostgreSQL's advisory lock (sqlx does this),
//! so servers starting together do not race.

use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};

use crate::accounts::impl_accounts;
use crate::common::impl_store;
use crate::experiments::impl_experiments;
use crate::{Backend, Result, StoreError};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// A store in a PostgreSQL database.
#[derive(Clone)]
pub struct PgStore {
    pub(crate) pool: PgPool,
    /// The same pool: PostgreSQL serves concurrent writers itself, so
    /// reads and writes share it (the macros read from `read`, write to
    /// `pool`, as for SQLite).
    pub(crate) read: PgPool,
}

impl PgStore {
    /// Starts bulk writes for one person in the transaction `conn` is in:
    /// the per-statement data-version bump is skipped until it ends (see
    /// migration 0027), so a long import does not leave one dead version
    /// of the person's row per statement.
    pub(crate) async fn start_bulk_writes(conn: &mut sqlx::PgConnection) -> Result<()> {
        sqlx::query("SELECT set_config('goodenough.bulk_writes', 'on', true)")
            .execute(conn)
            .await?;
        Ok(())
    }

    /// Ends bulk writes for `person`: one data-version bump for all of
    /// them, in the same transaction, and the per-statement bumps again.
    pub(crate) async fn end_bulk_writes(conn: &mut sqlx::PgConnection, person: &str) -> Result<()> {
        sqlx::query("SELECT set_config('goodenough.bulk_writes', 'off', true)")
            .execute(&mut *conn)
            .await?;
        sqlx::query("UPDATE persons SET data_version = data_version + 1 WHERE id = $1")
            .bind(person)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Saves a check-in in a transaction of its own: PostgreSQL commits
    /// concurrent transactions together itself.
    pub(crate) async fn put_checkin_committed(
        &self,
        person: &str,
        checkin: &goodenough_core::CheckIn,
        replace: bool,
    ) -> Result<()> {
        // Two replacing writes for one date at once: under READ COMMITTED
        // the second one's DELETE would wait for the first, then miss the
        // row the first inserted, and its INSERT meet the unique index. So
        // replacing writes of one person's date take turns (a lock held
        // until the transaction ends), and each DELETE sees the row the one
        // before left. Should a plain write slip in between, the person
        // still asked to replace: it is tried again (its transaction rolled
        // back, nothing half-written).
        let mut attempt = 0;
        loop {
            let mut tx = self.pool.begin().await?;
            if replace {
                sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1 || ' ' || $2, 0))")
                    .bind(person)
                    .bind(checkin.date.to_string())
                    .execute(&mut *tx)
                    .await?;
            }
            match Self::checkin_statements(&mut tx, person, checkin, replace).await {
                Err(StoreError::Conflict(_)) if replace && attempt < 4 => {
                    drop(tx);
                    attempt += 1;
                }
                result => {
                    result?;
                    tx.commit().await?;
                    return Ok(());
                }
            }
        }
    }

    /// Connects to `url` with up to `connections` connections and migrates.
    pub async fn connect(url: &str, connections: u32) -> Result<PgStore> {
        // No ping before each acquire (sqlx's default is one round trip per
        // query): on the coach's roster that was a tenth of the server's
        // CPU. The cost: after PostgreSQL restarts, a request that meets
        // a connection it closed fails once (a 5xx), instead of waiting
        // for a new connection.
        let pool = PgPoolOptions::new()
            .max_connections(connections.max(1))
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await
            .map_err(|e| StoreError::Open {
                path: redact(url),
                reason: open_reason(&e),
            })?;
        MIGRATOR.run(&pool).await?;
        Ok(PgStore {
            read: pool.clone(),
            pool,
        })
    }

    /// Check-ins as one JSON array (oldest first); see `common.rs`.
    pub(crate) const LIST_CHECKINS_JSON: &'static str = "SELECT COALESCE(json_agg(json_build_object(\
        'id', id, 'date', date, 'mood', mood, 'energy', energy, \
        'appreciations', appreciations::json, 'note', note) ORDER BY date, id)::text, '[]') AS list \
        FROM checkins WHERE person_id = $1 AND date >= $2";

    /// The latest consent version of each link `l`, as `v`: one backward
    /// step of the primary key (link, version) per link. For a coach with
    /// 200 clients this planned and ran in 1.4 ms, against 3.2 ms for the
    /// grouped read joined back (which SQLite keeps) and 4-8 ms for a
    /// correlated MAX per row (benches/README.md).
    pub(crate) fn latest_consent(_column: &str) -> String {
        "CROSS JOIN LATERAL (SELECT w.link_id, w.version, w.changed_at, w.shared \
         FROM consent_versions w WHERE w.link_id = l.id ORDER BY w.version DESC LIMIT 1) v"
            .to_string()
    }

    /// Check-in dates as one JSON array (oldest first).
    pub(crate) const CHECKIN_DATES_JSON: &'static str =
        "SELECT COALESCE(json_agg(date ORDER BY date)::text, '[]') AS list \
        FROM checkins WHERE person_id = $1";

    /// The pool, for the web server and tests.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    pub(crate) async fn compact_after_erase(&self) -> Result<()> {
        // PostgreSQL reclaims deleted rows through autovacuum; an explicit
        // VACUUM cannot run inside the pool's transaction-less path cheaply,
        // so the operator's maintenance handles the physical pages.
        Ok(())
    }
}

/// Why a connection could not be made, in words that say what to change.
/// TLS failures (`sslmode=require`, `verify-ca`, `verify-full`; see
/// docs/practice.md) name the setting to look at: sqlx's own text alone
/// ("invalid peer certificate: UnknownIssuer") does not.
fn open_reason(e: &sqlx::Error) -> String {
    // rustls reports a refused certificate through the socket (an `Io`
    // error), a missing TLS offer as `Tls`.
    let detail = match e {
        sqlx::Error::Tls(inner) => inner.to_string(),
        sqlx::Error::Io(inner) => inner.to_string(),
        other => return other.to_string(),
    };
    if detail.contains("does not support TLS") {
        "the server does not offer TLS, which the URL's sslmode requires; turn on ssl in the server's postgresql.conf, or choose another sslmode".to_string()
    } else if detail.contains("certificate") || detail.contains("Certificate") {
        format!(
            "the server's TLS certificate was refused ({detail}); check that sslrootcert names the certificate authority that signed the server's certificate and that the URL's host is a name the certificate holds"
        )
    } else if matches!(e, sqlx::Error::Tls(_)) {
        format!(
            "the TLS connection failed ({detail}); check the URL's sslmode and sslrootcert, and the server's ssl settings"
        )
    } else {
        e.to_string()
    }
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            let user = creds.split(':').next().unwrap_or("");
            format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..])
        }
        _ => url.to_string(),
    }
}

impl_store!(PgStore, sqlx::postgres::PgRow, Backend::Postgres);
impl_accounts!(PgStore, sqlx::postgres::PgRow);
crate::timeboxes::impl_timeboxes!(PgStore, sqlx::postgres::PgRow);
crate::boundaries::impl_boundaries!(PgStore, sqlx::postgres::PgRow);
impl_experiments!(PgStore, sqlx::postgres::PgRow);
crate::gitsignals::impl_gitsignals!(PgStore, sqlx::postgres::PgRow);
crate::awareness::impl_awareness!(PgStore, sqlx::postgres::PgRow);
crate::evidence::impl_evidence!(PgStore, sqlx::postgres::PgRow);
crate::joy::impl_joy!(PgStore, sqlx::postgres::PgRow);
crate::journey::impl_journey!(PgStore, sqlx::postgres::PgRow);
crate::assessments::impl_assessments!(PgStore, sqlx::postgres::PgRow);
crate::programmes::impl_programmes!(PgStore, sqlx::postgres::PgRow);
crate::practice::impl_practice!(PgStore, sqlx::postgres::PgRow);
crate::assignments::impl_assignments!(PgStore, sqlx::postgres::PgRow);
crate::coach_content::impl_coach_content!(PgStore, sqlx::postgres::PgRow);
crate::offers::impl_offers!(PgStore, sqlx::postgres::PgRow);
crate::push::impl_push!(PgStore, sqlx::postgres::PgRow);

#[cfg(test)]
mod open_reason_tests {
    use super::open_reason;

    #[test]
    fn a_tls_failure_names_what_to_check() {
        let plain = open_reason(&sqlx::Error::Tls("server does not support TLS".into()));
        assert!(plain.contains("does not offer TLS"), "{plain}");
        assert!(plain.contains("sslmode"), "{plain}");
        let refused = open_reason(&sqlx::Error::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "invalid peer certificate: UnknownIssuer",
        )));
        assert!(refused.contains("certificate was refused"), "{refused}");
        assert!(refused.contains("sslrootcert"), "{refused}");
        let other = open_reason(&sqlx::Error::PoolTimedOut);
        assert!(!other.contains("TLS"), "{other}");
        let refused_connection = open_reason(&sqlx::Error::Io(std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "connection refused",
        )));
        assert!(!refused_connection.contains("TLS"), "{refused_connection}");
    }
}
