//! The coaching practice in the store: invitations, the links between a
//! coach and a client, the client's consent (every version kept) and the
//! access log the client reads.
//!
//! This crate decides nothing about who may do what: the application's one
//! access check does. It only keeps what that check needs and writes.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use goodenough_core::practice_settings::{CrisisResource, PracticeSettings};

use crate::{Result, StoreError};

/// A one-time invitation a coach made. The link's secret is never stored,
/// only its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invitation {
    pub id: String,
    pub coach_id: String,
    /// When set, only the account with this email may accept it.
    pub email: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

/// A person signing up through an invitation link.
#[derive(Debug, Clone, Copy)]
pub struct NewClient<'a> {
    /// The hash of the invitation link's secret.
    pub token_hash: &'a str,
    pub email: &'a str,
    /// The password's hash (never the password).
    pub password_hash: &'a str,
    /// The new person's settings (their name and time zone).
    pub settings: &'a goodenough_core::Settings,
}

/// A coach and a client, with both names as their accounts show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub id: String,
    pub coach_id: String,
    pub coach_name: String,
    pub client_id: String,
    pub client_name: String,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
}

impl Link {
    /// Whether the link is still in force.
    pub fn live(&self) -> bool {
        self.ended_at.is_none()
    }
}

/// What a client shares with one coach: category key -> the first date
/// shared (`None`: every date).
pub type Shared = BTreeMap<String, Option<NaiveDate>>;

/// One version of a client's consent for one link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentVersion {
    /// Not in the JSON: a version is always shown under its link.
    #[serde(skip)]
    pub link_id: String,
    pub version: i64,
    pub changed_at: DateTime<Utc>,
    pub shared: Shared,
}

/// What the access check needs to know about a coach asking about a
/// client: their latest link (live or ended) and its consent in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub link_id: String,
    pub coach_name: String,
    /// Whether the link is still in force; an ended link grants nothing.
    pub live: bool,
    pub shared: Shared,
}

/// One line of a client's access log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessEntry {
    /// Its place in the log (given by the store; 0 before it is written).
    #[serde(skip)]
    pub seq: i64,
    pub client_id: String,
    pub coach_id: String,
    pub coach_name: String,
    pub at: DateTime<Utc>,
    pub category: String,
    pub action: String,
    /// The page or API route, or the record, that was asked for.
    pub target: String,
    pub allowed: bool,
}

/// A coach's note of one session with a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionNote {
    pub id: String,
    #[serde(skip)]
    pub link_id: String,
    #[serde(skip)]
    pub coach_id: String,
    #[serde(skip)]
    pub client_id: String,
    pub session_date: NaiveDate,
    pub agenda: String,
    pub notes: String,
    /// Shared with the client (else private to the coach).
    pub shared: bool,
    pub created_at: DateTime<Utc>,
}

/// Coaches and clients.
#[async_trait]
pub trait Practice: Send + Sync {
    /// Keeps a session note (its link must exist).
    async fn add_session_note(&self, note: &SessionNote) -> Result<()>;
    /// The notes of one link, by session date then writing, oldest first.
    async fn session_notes_of_link(&self, link_id: &str) -> Result<Vec<SessionNote>>;
    /// Every note about a client, over all their links, oldest first.
    async fn session_notes_of_client(&self, client: &str) -> Result<Vec<SessionNote>>;
    /// Keeps a new invitation, with the hash of its link's secret.
    async fn create_invitation(&self, invitation: &Invitation, token_hash: &str) -> Result<()>;
    /// The invitation a link's secret hash names, used or not.
    async fn invitation_by_hash(&self, token_hash: &str) -> Result<Option<Invitation>>;
    /// A coach's invitations, oldest first.
    async fn invitations_of(&self, coach: &str) -> Result<Vec<Invitation>>;
    /// A coach's invitations still open at `now` (unused, not expired),
    /// oldest first: what the roster counts, without reading every
    /// invitation ever made.
    async fn open_invitations_of(&self, coach: &str, now: DateTime<Utc>)
        -> Result<Vec<Invitation>>;
    /// In one transaction: marks the invitation used by `client` (it must
    /// be unused and not expired at `now`), starts the link `link_id` and
    /// its consent version 1, which shares nothing. A used or expired
    /// invitation is [`StoreError::NotFound`]; a live link with the same
    /// coach is [`StoreError::Conflict`]. Nothing is written on failure.
    async fn accept_invitation(
        &self,
        token_hash: &str,
        client: &str,
        link_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Link>;
    /// In one transaction: creates a client account for `new` (its email
    /// must be free, else [`StoreError::Conflict`]) and accepts the
    /// invitation for it as [`Practice::accept_invitation`] does (a used or
    /// expired invitation is [`StoreError::NotFound`]). Nothing is written
    /// on failure.
    async fn sign_up_by_invitation(
        &self,
        new: &NewClient<'_>,
        link_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Link>;
    /// A link by id.
    async fn get_link(&self, link_id: &str) -> Result<Option<Link>>;
    /// Every link where the person is the client, oldest first.
    async fn links_as_client(&self, client: &str) -> Result<Vec<Link>>;
    /// The live link between a coach and a client, if there is one.
    async fn live_link(&self, coach: &str, client: &str) -> Result<Option<Link>>;
    /// Every link where the person is the coach, oldest first.
    async fn links_as_coach(&self, coach: &str) -> Result<Vec<Link>>;
    /// Ends a live link (either side may): the coach loses access at once.
    /// An ended or unknown link is [`StoreError::NotFound`].
    async fn end_link(&self, link_id: &str, by: &str, now: DateTime<Utc>) -> Result<()>;
    /// A new consent version for a live link; returns it.
    async fn set_consent(
        &self,
        link_id: &str,
        shared: &Shared,
        now: DateTime<Utc>,
    ) -> Result<ConsentVersion>;
    /// Every consent version of a link, oldest first.
    async fn consent_history(&self, link_id: &str) -> Result<Vec<ConsentVersion>>;
    /// The latest link between `coach` and `client` (a live one first) and
    /// its consent in force, in one read; `None` when there was never one.
    async fn grant(&self, coach: &str, client: &str) -> Result<Option<Grant>>;
    /// Every link where `person` is the coach (or, with `as_client`, the
    /// client), live and ended, oldest first, each with its consent in
    /// force: one read, however many links (the roster's busiest question).
    async fn links_with_consent(
        &self,
        person: &str,
        as_client: bool,
    ) -> Result<Vec<(Link, ConsentVersion)>>;
    /// A number that changes, in the same transaction, with every change to
    /// what [`Practice::links_with_consent`] answers for `coach` as coach:
    /// a link made, ended or removed, a consent version, the coach's or a
    /// linked client's name (migration 0028's triggers, so a change through
    /// any process counts). 0 before the first change. One small read, so
    /// the roster can reuse its read of the links while it is unchanged.
    async fn coach_links_version(&self, coach: &str) -> Result<i64>;
    /// Writes one access-log line.
    async fn log_access(&self, entry: &AccessEntry) -> Result<()>;
    /// Writes several access-log lines in one transaction: all of them or,
    /// on an error, none.
    async fn log_access_many(&self, entries: &[AccessEntry]) -> Result<()>;
    /// The client's access log, oldest first.
    async fn access_log_of_client(&self, client: &str) -> Result<Vec<AccessEntry>>;
    /// What one coach did, over all their clients, oldest first.
    async fn access_log_of_coach(&self, coach: &str) -> Result<Vec<AccessEntry>>;
    /// The latest `limit` lines of a client's log (`as_client`) or of what a
    /// coach did, oldest of them first: what a page shows.
    async fn access_log_recent(
        &self,
        person: &str,
        as_client: bool,
        limit: u32,
    ) -> Result<Vec<AccessEntry>>;
    /// The practice's name and crisis resources (empty when never set).
    async fn practice_settings(&self) -> Result<PracticeSettings>;
    /// Replaces the practice's name and crisis resources.
    async fn put_practice_settings(
        &self,
        settings: &PracticeSettings,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Notes that Help now was shown to `person` on their local date `on`
    /// (once a day is enough; nothing else is kept).
    async fn record_crisis_shown(&self, person: &str, on: NaiveDate) -> Result<()>;
    /// The dates on which Help now was shown to `person`, from `since`
    /// (inclusive) on, oldest first.
    async fn crisis_dates(&self, person: &str, since: Option<NaiveDate>) -> Result<Vec<NaiveDate>>;
}

pub(crate) fn parse_resources(raw: &str) -> Result<Vec<CrisisResource>> {
    serde_json::from_str(raw).map_err(|_| StoreError::Corrupt("crisis resources".to_string()))
}

pub(crate) fn resources_text(resources: &[CrisisResource]) -> Result<String> {
    serde_json::to_string(resources)
        .map_err(|_| StoreError::Corrupt("crisis resources".to_string()))
}

/// The statement that writes `lines` access-log lines (8 values each).
pub(crate) fn access_insert_sql(lines: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO access_log (client_id, coach_id, coach_name, at, category, action, target, allowed) VALUES ",
    );
    for i in 0..lines {
        let b = i * 8;
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&format!(
            "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
            b + 1,
            b + 2,
            b + 3,
            b + 4,
            b + 5,
            b + 6,
            b + 7,
            b + 8
        ));
    }
    sql
}

pub(crate) const LINK_COLUMNS: &str =
    "l.id, l.coach_id, c.display_name AS coach_name, l.client_id, \
     k.display_name AS client_name, l.started_at, l.ended_at \
     FROM coach_links l JOIN persons c ON c.id = l.coach_id JOIN persons k ON k.id = l.client_id";

pub(crate) const INVITATION_COLUMNS: &str =
    "id, coach_id, email, created_at, expires_at, used_at FROM coach_invitations";

pub(crate) const ACCESS_COLUMNS: &str =
    "seq, client_id, coach_id, coach_name, at, category, action, target, allowed FROM access_log";

pub(crate) fn parse_shared(raw: &str) -> Result<Shared> {
    serde_json::from_str(raw).map_err(|_| StoreError::Corrupt("consent categories".to_string()))
}

pub(crate) fn shared_text(shared: &Shared) -> Result<String> {
    serde_json::to_string(shared).map_err(|_| StoreError::Corrupt("consent categories".to_string()))
}

/// Expands into `impl Practice for $store`.
macro_rules! impl_practice {
    ($store:ty, $row:ty) => {
        impl $store {
            fn row_invitation(row: &$row) -> $crate::Result<$crate::practice::Invitation> {
                use sqlx::Row;
                Ok($crate::practice::Invitation {
                    id: row.try_get("id")?,
                    coach_id: row.try_get("coach_id")?,
                    email: row.try_get("email")?,
                    created_at: row.try_get("created_at")?,
                    expires_at: row.try_get("expires_at")?,
                    used_at: row.try_get("used_at")?,
                })
            }

            fn row_link(row: &$row) -> $crate::Result<$crate::practice::Link> {
                use sqlx::Row;
                Ok($crate::practice::Link {
                    id: row.try_get("id")?,
                    coach_id: row.try_get("coach_id")?,
                    coach_name: row.try_get("coach_name")?,
                    client_id: row.try_get("client_id")?,
                    client_name: row.try_get("client_name")?,
                    started_at: row.try_get("started_at")?,
                    ended_at: row.try_get("ended_at")?,
                })
            }

            fn row_consent(row: &$row) -> $crate::Result<$crate::practice::ConsentVersion> {
                use sqlx::Row;
                let shared: String = row.try_get("shared")?;
                Ok($crate::practice::ConsentVersion {
                    link_id: row.try_get("link_id")?,
                    version: row.try_get("version")?,
                    changed_at: row.try_get("changed_at")?,
                    shared: $crate::practice::parse_shared(&shared)?,
                })
            }

            fn row_access(row: &$row) -> $crate::Result<$crate::practice::AccessEntry> {
                use sqlx::Row;
                Ok($crate::practice::AccessEntry {
                    seq: row.try_get("seq")?,
                    client_id: row.try_get("client_id")?,
                    coach_id: row.try_get("coach_id")?,
                    coach_name: row.try_get("coach_name")?,
                    at: row.try_get("at")?,
                    category: row.try_get("category")?,
                    action: row.try_get("action")?,
                    target: row.try_get("target")?,
                    allowed: row.try_get("allowed")?,
                })
            }

            fn row_note(row: &$row) -> $crate::Result<$crate::practice::SessionNote> {
                use sqlx::Row;
                Ok($crate::practice::SessionNote {
                    id: row.try_get("id")?,
                    link_id: row.try_get("link_id")?,
                    coach_id: row.try_get("coach_id")?,
                    client_id: row.try_get("client_id")?,
                    session_date: row.try_get("session_date")?,
                    agenda: row.try_get("agenda")?,
                    notes: row.try_get("notes")?,
                    shared: row.try_get("shared")?,
                    created_at: row.try_get("created_at")?,
                })
            }

            async fn notes_where(&self, column: &str, value: &str) -> $crate::Result<Vec<$crate::practice::SessionNote>> {
                let sql = format!(
                    "SELECT id, link_id, coach_id, client_id, session_date, agenda, notes, shared, created_at \
                     FROM session_notes WHERE {column} = $1 ORDER BY session_date, created_at, id"
                );
                let rows = sqlx::query(&sql).bind(value).fetch_all(&self.read).await?;
                rows.iter().map(Self::row_note).collect()
            }

            /// Marks the invitation used by `client` (unused and not
            /// expired at `now`), starts the link and its consent version 1
            /// (nothing shared), on the caller's transaction.
            async fn link_by_invitation(
                conn: &mut <<$row as sqlx::Row>::Database as sqlx::Database>::Connection,
                token_hash: &str,
                client: &str,
                link_id: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<$crate::practice::Link> {
                use sqlx::Row;
                let row = sqlx::query(
                    "UPDATE coach_invitations SET used_at = $2, used_by = $3 \
                     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING coach_id",
                )
                .bind(token_hash)
                .bind(now)
                .bind(client)
                .fetch_optional(&mut *conn)
                .await?;
                let Some(row) = row else {
                    return Err($crate::StoreError::NotFound(
                        "This invitation link has been used or has expired; ask your coach for a new one.".to_string(),
                    ));
                };
                let coach: String = row.try_get("coach_id")?;
                let live: Option<String> = sqlx::query_scalar(
                    "SELECT id FROM coach_links WHERE coach_id = $1 AND client_id = $2 AND ended_at IS NULL",
                )
                .bind(&coach)
                .bind(client)
                .fetch_optional(&mut *conn)
                .await?;
                if live.is_some() {
                    return Err($crate::StoreError::Conflict(
                        "You are already linked with this coach; nothing was changed.".to_string(),
                    ));
                }
                sqlx::query(
                    "INSERT INTO coach_links (id, coach_id, client_id, started_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(link_id)
                .bind(&coach)
                .bind(client)
                .bind(now)
                .execute(&mut *conn)
                .await?;
                sqlx::query(
                    "INSERT INTO consent_versions (link_id, version, changed_at, shared) VALUES ($1, 1, $2, '{}')",
                )
                .bind(link_id)
                .bind(now)
                .execute(&mut *conn)
                .await?;
                let sql = format!("SELECT {} WHERE l.id = $1", $crate::practice::LINK_COLUMNS);
                let row = sqlx::query(&sql).bind(link_id).fetch_one(&mut *conn).await?;
                let link = Self::row_link(&row)?;
                Ok(link)
            }


            async fn links_where(&self, column: &str, person: &str) -> $crate::Result<Vec<$crate::practice::Link>> {
                let sql = format!(
                    "SELECT {} WHERE l.{column} = $1 ORDER BY l.started_at, l.id",
                    $crate::practice::LINK_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(person).fetch_all(&self.read).await?;
                rows.iter().map(Self::row_link).collect()
            }

            async fn access_where(&self, column: &str, person: &str) -> $crate::Result<Vec<$crate::practice::AccessEntry>> {
                let sql = format!(
                    "SELECT {} WHERE {column} = $1 ORDER BY seq",
                    $crate::practice::ACCESS_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(person).fetch_all(&self.read).await?;
                rows.iter().map(Self::row_access).collect()
            }
        }

        #[async_trait::async_trait]
        impl $crate::practice::Practice for $store {
            async fn add_session_note(&self, n: &$crate::practice::SessionNote) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO session_notes (id, link_id, coach_id, client_id, session_date, agenda, notes, shared, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(&n.id)
                .bind(&n.link_id)
                .bind(&n.coach_id)
                .bind(&n.client_id)
                .bind(n.session_date)
                .bind(&n.agenda)
                .bind(&n.notes)
                .bind(n.shared)
                .bind(n.created_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn session_notes_of_link(&self, link_id: &str) -> $crate::Result<Vec<$crate::practice::SessionNote>> {
                self.notes_where("link_id", link_id).await
            }

            async fn session_notes_of_client(&self, client: &str) -> $crate::Result<Vec<$crate::practice::SessionNote>> {
                self.notes_where("client_id", client).await
            }

            async fn create_invitation(
                &self,
                invitation: &$crate::practice::Invitation,
                token_hash: &str,
            ) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO coach_invitations (id, coach_id, token_hash, email, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&invitation.id)
                .bind(&invitation.coach_id)
                .bind(token_hash)
                .bind(&invitation.email)
                .bind(invitation.created_at)
                .bind(invitation.expires_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn invitation_by_hash(&self, token_hash: &str) -> $crate::Result<Option<$crate::practice::Invitation>> {
                let sql = format!("SELECT {} WHERE token_hash = $1", $crate::practice::INVITATION_COLUMNS);
                let row = sqlx::query(&sql).bind(token_hash).fetch_optional(&self.read).await?;
                row.as_ref().map(Self::row_invitation).transpose()
            }

            async fn invitations_of(&self, coach: &str) -> $crate::Result<Vec<$crate::practice::Invitation>> {
                let sql = format!(
                    "SELECT {} WHERE coach_id = $1 ORDER BY created_at, id",
                    $crate::practice::INVITATION_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(coach).fetch_all(&self.read).await?;
                rows.iter().map(Self::row_invitation).collect()
            }

            async fn open_invitations_of(
                &self,
                coach: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<Vec<$crate::practice::Invitation>> {
                let sql = format!(
                    "SELECT {} WHERE coach_id = $1 AND used_at IS NULL AND expires_at > $2 \
                     ORDER BY created_at, id",
                    $crate::practice::INVITATION_COLUMNS
                );
                let rows = sqlx::query(&sql)
                    .bind(coach)
                    .bind(now)
                    .fetch_all(&self.read)
                    .await?;
                rows.iter().map(Self::row_invitation).collect()
            }

            async fn accept_invitation(
                &self,
                token_hash: &str,
                client: &str,
                link_id: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<$crate::practice::Link> {
                let mut tx = self.pool.begin().await?;
                let link = Self::link_by_invitation(&mut *tx, token_hash, client, link_id, now).await?;
                tx.commit().await?;
                Ok(link)
            }

            async fn sign_up_by_invitation(
                &self,
                new: &$crate::practice::NewClient<'_>,
                link_id: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<$crate::practice::Link> {
                let email = $crate::accounts::normalize_email(new.email);
                let mut tx = self.pool.begin().await?;
                // One writer of persons at a time, as `create_account` does.
                if <Self as $crate::Store>::backend(self) == $crate::Backend::Postgres {
                    sqlx::query("LOCK TABLE persons IN SHARE ROW EXCLUSIVE MODE")
                        .execute(&mut *tx)
                        .await?;
                } else {
                    sqlx::query("UPDATE persons SET role = role WHERE id = ''")
                        .execute(&mut *tx)
                        .await?;
                }
                let taken: Option<String> = sqlx::query_scalar("SELECT id FROM persons WHERE email = $1")
                    .bind(&email)
                    .fetch_optional(&mut *tx)
                    .await?;
                if taken.is_some() {
                    return Err($crate::StoreError::Conflict(
                        "An account with that email already exists; sign in with it and accept the invitation.".to_string(),
                    ));
                }
                let id = goodenough_core::id::new_id();
                let s = new.settings;
                sqlx::query(
                    "INSERT INTO persons (id, created_at, display_name, time_zone, work_start, work_end, work_days, reminder_time, email, password_hash, role) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                )
                .bind(&id)
                .bind(goodenough_core::clock::round(now))
                .bind(&s.display_name)
                .bind(&s.time_zone)
                .bind(&s.work_start)
                .bind(&s.work_end)
                .bind(s.work_days.join(","))
                .bind(&s.reminder_time)
                .bind(&email)
                .bind(new.password_hash)
                .bind($crate::accounts::Role::Client.as_str())
                .execute(&mut *tx)
                .await?;
                let link = Self::link_by_invitation(&mut *tx, new.token_hash, &id, link_id, now).await?;
                tx.commit().await?;
                Ok(link)
            }

            async fn get_link(&self, link_id: &str) -> $crate::Result<Option<$crate::practice::Link>> {
                let sql = format!("SELECT {} WHERE l.id = $1", $crate::practice::LINK_COLUMNS);
                let row = sqlx::query(&sql).bind(link_id).fetch_optional(&self.read).await?;
                row.as_ref().map(Self::row_link).transpose()
            }

            async fn links_as_client(&self, client: &str) -> $crate::Result<Vec<$crate::practice::Link>> {
                self.links_where("client_id", client).await
            }

            async fn live_link(&self, coach: &str, client: &str) -> $crate::Result<Option<$crate::practice::Link>> {
                let sql = format!(
                    "SELECT {} WHERE l.coach_id = $1 AND l.client_id = $2 AND l.ended_at IS NULL",
                    $crate::practice::LINK_COLUMNS
                );
                let row = sqlx::query(&sql).bind(coach).bind(client).fetch_optional(&self.read).await?;
                row.as_ref().map(Self::row_link).transpose()
            }

            async fn links_as_coach(&self, coach: &str) -> $crate::Result<Vec<$crate::practice::Link>> {
                self.links_where("coach_id", coach).await
            }

            async fn end_link(&self, link_id: &str, by: &str, now: chrono::DateTime<chrono::Utc>) -> $crate::Result<()> {
                let r = sqlx::query(
                    "UPDATE coach_links SET ended_at = $2, ended_by = $3 WHERE id = $1 AND ended_at IS NULL",
                )
                .bind(link_id)
                .bind(now)
                .bind(by)
                .execute(&self.pool)
                .await?;
                if r.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound(
                        "That link has already ended; nothing was changed.".to_string(),
                    ));
                }
                Ok(())
            }

            async fn set_consent(
                &self,
                link_id: &str,
                shared: &$crate::practice::Shared,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<$crate::practice::ConsentVersion> {
                let text = $crate::practice::shared_text(shared)?;
                let mut tx = self.pool.begin().await?;
                // Taking the link's row first serialises two changes of the
                // same consent, so versions never collide.
                let live: Option<String> = sqlx::query_scalar(
                    "UPDATE coach_links SET id = id WHERE id = $1 AND ended_at IS NULL RETURNING id",
                )
                .bind(link_id)
                .fetch_optional(&mut *tx)
                .await?;
                if live.is_none() {
                    return Err($crate::StoreError::NotFound(
                        "That link has ended, so there is nothing to share with it.".to_string(),
                    ));
                }
                let row = sqlx::query(
                    "INSERT INTO consent_versions (link_id, version, changed_at, shared) \
                     SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3 FROM consent_versions WHERE link_id = $1 \
                     RETURNING link_id, version, changed_at, shared",
                )
                .bind(link_id)
                .bind(now)
                .bind(&text)
                .fetch_one(&mut *tx)
                .await?;
                let version = Self::row_consent(&row)?;
                tx.commit().await?;
                Ok(version)
            }

            async fn consent_history(&self, link_id: &str) -> $crate::Result<Vec<$crate::practice::ConsentVersion>> {
                let rows = sqlx::query(
                    "SELECT link_id, version, changed_at, shared FROM consent_versions \
                     WHERE link_id = $1 ORDER BY version",
                )
                .bind(link_id)
                .fetch_all(&self.read)
                .await?;
                rows.iter().map(Self::row_consent).collect()
            }

            async fn grant(&self, coach: &str, client: &str) -> $crate::Result<Option<$crate::practice::Grant>> {
                use sqlx::Row;
                let row = sqlx::query(
                    "SELECT l.id, c.display_name AS coach_name, v.shared, \
                     CASE WHEN l.ended_at IS NULL THEN 1 ELSE 0 END AS live FROM coach_links l \
                     JOIN persons c ON c.id = l.coach_id \
                     JOIN consent_versions v ON v.link_id = l.id \
                     WHERE l.coach_id = $1 AND l.client_id = $2 \
                     ORDER BY live DESC, l.started_at DESC, v.version DESC LIMIT 1",
                )
                .bind(coach)
                .bind(client)
                .fetch_optional(&self.read)
                .await?;
                let Some(row) = row else { return Ok(None) };
                let shared: String = row.try_get("shared")?;
                Ok(Some($crate::practice::Grant {
                    link_id: row.try_get("id")?,
                    coach_name: row.try_get("coach_name")?,
                    live: row.try_get::<i32, _>("live")? == 1,
                    shared: $crate::practice::parse_shared(&shared)?,
                }))
            }

            async fn links_with_consent(
                &self,
                person: &str,
                as_client: bool,
            ) -> $crate::Result<Vec<($crate::practice::Link, $crate::practice::ConsentVersion)>> {
                let column = if as_client { "client_id" } else { "coach_id" };
                // The links with both names, and the latest consent version
                // per link (each backend's own join: `latest_consent`).
                let sql = format!(
                    "SELECT l.id, l.coach_id, c.display_name AS coach_name, l.client_id, \
                     k.display_name AS client_name, l.started_at, l.ended_at, \
                     v.link_id, v.version, v.changed_at, v.shared \
                     FROM coach_links l JOIN persons c ON c.id = l.coach_id \
                     JOIN persons k ON k.id = l.client_id {} \
                     WHERE l.{column} = $1 ORDER BY l.started_at, l.id",
                    Self::latest_consent(column)
                );
                let rows = sqlx::query(&sql).bind(person).fetch_all(&self.read).await?;
                rows.iter()
                    .map(|row| Ok((Self::row_link(row)?, Self::row_consent(row)?)))
                    .collect()
            }

            async fn coach_links_version(&self, coach: &str) -> $crate::Result<i64> {
                let version: i64 = sqlx::query_scalar(
                    "SELECT COALESCE((SELECT version FROM coach_links_versions WHERE coach_id = $1), 0)",
                )
                .bind(coach)
                .fetch_one(&self.read)
                .await?;
                Ok(version)
            }

            async fn log_access_many(&self, entries: &[$crate::practice::AccessEntry]) -> $crate::Result<()> {
                // Many lines per statement (8 values a line keeps each
                // statement well under both backends' limit on values).
                const LINES: usize = 100;
                if entries.is_empty() {
                    return Ok(());
                }
                // Up to one statement's worth, that statement alone is
                // atomic: no transaction, so one round trip instead of
                // three (the roster writes its lines on every request).
                // More lines take a transaction: all of them or none.
                let single = entries.len() <= LINES;
                let mut tx = if single { None } else { Some(self.pool.begin().await?) };
                for chunk in entries.chunks(LINES) {
                    let sql = $crate::practice::access_insert_sql(chunk.len());
                    let mut query = sqlx::query(&sql);
                    for e in chunk {
                        query = query
                            .bind(&e.client_id)
                            .bind(&e.coach_id)
                            .bind(&e.coach_name)
                            .bind(e.at)
                            .bind(&e.category)
                            .bind(&e.action)
                            .bind(&e.target)
                            .bind(e.allowed);
                    }
                    match tx.as_mut() {
                        Some(tx) => query.execute(&mut **tx).await?,
                        None => query.execute(&self.pool).await?,
                    };
                }
                if let Some(tx) = tx {
                    tx.commit().await?;
                }
                Ok(())
            }

            async fn log_access(&self, e: &$crate::practice::AccessEntry) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO access_log (client_id, coach_id, coach_name, at, category, action, target, allowed) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&e.client_id)
                .bind(&e.coach_id)
                .bind(&e.coach_name)
                .bind(e.at)
                .bind(&e.category)
                .bind(&e.action)
                .bind(&e.target)
                .bind(e.allowed)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn access_log_of_client(&self, client: &str) -> $crate::Result<Vec<$crate::practice::AccessEntry>> {
                self.access_where("client_id", client).await
            }

            async fn access_log_recent(&self, person: &str, as_client: bool, limit: u32) -> $crate::Result<Vec<$crate::practice::AccessEntry>> {
                let column = if as_client { "client_id" } else { "coach_id" };
                let sql = format!(
                    "SELECT {} WHERE {column} = $1 ORDER BY seq DESC LIMIT $2",
                    $crate::practice::ACCESS_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(person).bind(i64::from(limit)).fetch_all(&self.read).await?;
                let mut lines = rows.iter().map(Self::row_access).collect::<$crate::Result<Vec<_>>>()?;
                lines.reverse();
                Ok(lines)
            }

            async fn access_log_of_coach(&self, coach: &str) -> $crate::Result<Vec<$crate::practice::AccessEntry>> {
                self.access_where("coach_id", coach).await
            }

            async fn practice_settings(&self) -> $crate::Result<goodenough_core::practice_settings::PracticeSettings> {
                use sqlx::Row;
                let row = sqlx::query("SELECT name, crisis_resources FROM practice_settings WHERE id = 1")
                    .fetch_optional(&self.read)
                    .await?;
                let Some(row) = row else { return Ok(Default::default()) };
                let resources: String = row.try_get("crisis_resources")?;
                Ok(goodenough_core::practice_settings::PracticeSettings {
                    name: row.try_get("name")?,
                    crisis_resources: $crate::practice::parse_resources(&resources)?,
                })
            }

            async fn put_practice_settings(
                &self,
                settings: &goodenough_core::practice_settings::PracticeSettings,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<()> {
                let text = $crate::practice::resources_text(&settings.crisis_resources)?;
                sqlx::query(
                    "INSERT INTO practice_settings (id, name, crisis_resources, updated_at) VALUES (1, $1, $2, $3) \
                     ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
                     crisis_resources = excluded.crisis_resources, updated_at = excluded.updated_at",
                )
                .bind(&settings.name)
                .bind(&text)
                .bind(now)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn record_crisis_shown(&self, person: &str, on: chrono::NaiveDate) -> $crate::Result<()> {
                sqlx::query($crate::common::INSERT_CRISIS_SHOWN)
                .bind(person)
                .bind(on)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn crisis_dates(
                &self,
                person: &str,
                since: Option<chrono::NaiveDate>,
            ) -> $crate::Result<Vec<chrono::NaiveDate>> {
                let rows: Vec<chrono::NaiveDate> = match since {
                    Some(since) => sqlx::query_scalar(
                        "SELECT shown_on FROM crisis_shown WHERE shown_to = $1 AND shown_on >= $2 ORDER BY shown_on",
                    )
                    .bind(person)
                    .bind(since)
                    .fetch_all(&self.read)
                    .await?,
                    None => sqlx::query_scalar(
                        "SELECT shown_on FROM crisis_shown WHERE shown_to = $1 ORDER BY shown_on",
                    )
                    .bind(person)
                    .fetch_all(&self.read)
                    .await?,
                };
                Ok(rows)
            }
        }
    };
}
pub(crate) use impl_practice;
