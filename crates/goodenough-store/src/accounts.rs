//! Accounts for the web app: logins, sessions, personal access tokens and
//! failed sign-in attempts.
//!
//! An account is a person with an email. The first account created in a
//! store is attached to the store's first person when that person has no
//! login yet, so the CLI's owner and the first web account are one person
//! with one set of records.
//!
//! Secrets never reach this crate in the clear: sessions and API tokens are
//! looked up by a hash of the token, and passwords arrive already hashed.
//! Like the rest of the store, nothing here is ever logged.

use std::fmt;
use std::str::FromStr;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use goodenough_core::Settings;
use serde::Serialize;

use crate::Result;

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Client,
    Coach,
    Admin,
}

impl Role {
    /// The lowercase name stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Client => "client",
            Role::Coach => "coach",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "client" => Ok(Role::Client),
            "coach" => Ok(Role::Coach),
            "admin" => Ok(Role::Admin),
            other => Err(format!(
                "\"{other}\" is not a role; use client, coach or admin."
            )),
        }
    }
}

/// A person who can sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub person_id: String,
    pub email: String,
    pub role: Role,
    /// A PHC string (argon2id).
    pub password_hash: String,
    /// Base32 TOTP secret, when the second factor is on.
    pub totp_secret: Option<String>,
    pub display_name: String,
    /// When the operator disabled the account; `None` while it is active.
    pub disabled_at: Option<DateTime<Utc>>,
}

/// An account as the operator sees it: who, which role, since when, and
/// whether it is disabled. Never a password, never a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountSummary {
    pub person_id: String,
    pub email: String,
    pub role: Role,
    pub display_name: String,
    pub created_at: DateTime<Utc>,
    pub disabled_at: Option<DateTime<Utc>>,
}

/// What one signed-in request learns in its first query: the session, the
/// account, and the person's settings and data version (see
/// [`crate::Store::settings_versioned`]) as they were at that moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub session: SessionRow,
    pub account: Account,
    pub settings: Settings,
    pub data_version: i64,
    /// The person's links version as a coach (0 when nothing of a coach's
    /// was ever made: see `Practice::coach_links_version`), read by the
    /// same query.
    pub coach_links_version: i64,
}

/// Whose a used access token is, with their settings and data version as
/// the same query found them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenUse {
    pub person: String,
    pub settings: Settings,
    pub data_version: i64,
}

/// A signed-in browser. `token_hash` is the hash of the cookie's token.
/// Its fields are the columns of `sessions`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    pub token_hash: String,
    pub person_id: String,
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    /// Last use, written at most once per [`TOKEN_TOUCH_EVERY`].
    pub last_seen_at: DateTime<Utc>,
    /// A short label of the browser and system ("Firefox on Linux"), made
    /// from the User-Agent at sign-in; the header itself is never stored.
    pub device: Option<String>,
    /// Password checked, second factor still to come.
    pub mfa_pending: bool,
}

/// A personal access token (its hash is stored, never shown). Its fields
/// are the columns of `api_tokens` (but the hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ApiTokenRow {
    pub id: String,
    pub person_id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// One of a person's recovery codes: only its hash is stored. Its fields
/// are the columns of `recovery_codes` (but the person).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RecoveryCode {
    /// SHA-256 of the code, hex.
    pub code_hash: String,
    pub created_at: DateTime<Utc>,
    /// When it was used to sign in; `None` while it can still be used.
    pub used_at: Option<DateTime<Utc>>,
}

/// One of a person's passkeys. Its fields are the columns of `passkeys`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PasskeyRow {
    pub id: String,
    pub person_id: String,
    /// The credential id the authenticator gave it, base64url: unique
    /// across every account.
    pub credential_id: String,
    /// What the person calls it ("Laptop", "Phone").
    pub name: String,
    /// The credential as webauthn-rs serialises it (JSON).
    pub passkey: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A passkey ceremony waiting for its answer (see `passkey_ceremonies`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ceremony {
    /// What it is for (`"register"`, `"signin"`, `"second"`): a ceremony is
    /// only ever finished as the kind it was started as.
    pub kind: String,
    /// Whom it is for; `None` when the passkey will say.
    pub person: Option<String>,
    /// webauthn-rs's state (JSON).
    pub state: String,
    pub expires_at: DateTime<Utc>,
}

/// How stale a token's recorded last use may get before a use writes it
/// again: at most one write a minute per token.
pub const TOKEN_TOUCH_EVERY: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

/// A token's person and last recorded use, by token hash.
pub(crate) const TOKEN_BY_HASH: &str =
    "SELECT t.person_id, t.last_used_at, p.display_name, p.time_zone, p.work_start, \
     p.work_end, p.work_days, p.reminder_time, p.data_version \
     FROM api_tokens t JOIN persons p ON p.id = t.person_id \
     WHERE t.token_hash = $1 AND p.disabled_at IS NULL";
/// [`TOKEN_BY_HASH`] for PostgreSQL; see [`lookup`] for why it differs.
pub(crate) const TOKEN_BY_HASH_PG: &str =
    "SELECT t.person_id, t.last_used_at, p.display_name, p.time_zone, p.work_start, \
     p.work_end, p.work_days, p.reminder_time, p.data_version \
     FROM api_tokens t CROSS JOIN LATERAL (SELECT * FROM persons \
       WHERE id = t.person_id AND disabled_at IS NULL LIMIT 1) p \
     WHERE t.token_hash = $1";
/// Records a token's use unless a later-enough one is already recorded
/// (`$3` = the use minus [`TOKEN_TOUCH_EVERY`]), so two racing requests
/// write once.
pub(crate) const TOUCH_TOKEN: &str = "UPDATE api_tokens SET last_used_at = $2 \
     WHERE token_hash = $1 AND (last_used_at IS NULL OR last_used_at < $3)";

/// Normalises an email for storage and lookup.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Logins, sessions, tokens and sign-in throttling.
#[async_trait]
pub trait Accounts: Send + Sync {
    /// How many persons can sign in.
    async fn account_count(&self) -> Result<u64>;
    /// Creates an account. The very first account takes over the store's
    /// first person when that person has no login (the CLI's owner);
    /// otherwise a new person with `settings` is created. Fails with
    /// [`crate::StoreError::Conflict`] when the email is taken.
    async fn create_account(
        &self,
        email: &str,
        password_hash: &str,
        role: Role,
        settings: &Settings,
    ) -> Result<String>;
    /// Creates the store's first account, like [`Accounts::create_account`],
    /// but only while nobody can sign in: checked and written in one
    /// serialised transaction, so of two setup forms posted at once exactly
    /// one succeeds. Fails with [`crate::StoreError::Conflict`] when any
    /// account exists already.
    async fn create_first_account(
        &self,
        email: &str,
        password_hash: &str,
        role: Role,
        settings: &Settings,
    ) -> Result<String>;
    /// The account with an email (case-insensitive).
    async fn account_by_email(&self, email: &str) -> Result<Option<Account>>;
    /// The account of a person.
    async fn account(&self, person: &str) -> Result<Option<Account>>;
    /// Replaces a password hash.
    async fn set_password(&self, person: &str, password_hash: &str) -> Result<()>;
    /// Turns the second factor on (`Some`) or off (`None`). Either way the
    /// record of the last accepted code and the recovery codes are dropped:
    /// a new secret starts a new sequence of codes.
    async fn set_totp_secret(&self, person: &str, secret: Option<&str>) -> Result<()>;
    /// Accepts a TOTP code's time step (Unix time / 30 s) once: true, and
    /// the step is recorded, only when it is newer than the last step
    /// accepted for the person. Checked and written in one statement, so of
    /// two requests with the same code exactly one gets `true`.
    async fn accept_totp_step(&self, person: &str, step: i64) -> Result<bool>;
    /// Replaces all of a person's recovery codes with these hashes (made
    /// at `at`), in one transaction: no old code works afterwards.
    async fn replace_recovery_codes(
        &self,
        person: &str,
        code_hashes: &[String],
        at: DateTime<Utc>,
    ) -> Result<()>;
    /// A person's recovery codes (used ones too), oldest first.
    async fn recovery_codes(&self, person: &str) -> Result<Vec<RecoveryCode>>;
    /// Marks one of a person's recovery codes used at `at`: true only when
    /// it was unused (of two sign-ins racing with one code, one gets it).
    async fn use_recovery_code(
        &self,
        person: &str,
        code_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<bool>;
    /// Sets or clears the hash of the person's calendar-feed token.
    async fn set_calendar_token(&self, person: &str, token_hash: Option<&str>) -> Result<()>;
    /// The person a calendar-feed token hash belongs to.
    async fn person_by_calendar_token(&self, token_hash: &str) -> Result<Option<String>>;
    /// The hash of the person's calendar-feed token, if a feed is on.
    async fn calendar_token(&self, person: &str) -> Result<Option<String>>;

    /// Stores a new session.
    async fn create_session(&self, session: &SessionRow) -> Result<()>;
    /// A session by token hash.
    async fn session(&self, token_hash: &str) -> Result<Option<SessionRow>>;
    /// A session, its account, the person's settings and data version in
    /// one query (every signed-in request needs the first two, and most
    /// pages the rest); `None` when either is missing.
    async fn session_with_account(&self, token_hash: &str) -> Result<Option<SignedIn>>;
    /// Records activity on a session at `at`, unless its recorded last use
    /// is less than [`TOKEN_TOUCH_EVERY`] older: at most one write a minute
    /// per session, however many requests it makes.
    async fn touch_session(&self, token_hash: &str, at: DateTime<Utc>) -> Result<()>;
    /// A person's sessions, newest activity first.
    async fn list_sessions(&self, person: &str) -> Result<Vec<SessionRow>>;
    /// Ends one of a person's sessions; false when there was none.
    async fn delete_session(&self, person: &str, token_hash: &str) -> Result<bool>;
    /// Ends all of a person's sessions except `keep`.
    async fn delete_sessions_except(&self, person: &str, keep: Option<&str>) -> Result<u64>;
    /// Removes sessions idle since before `idle_before` or created before
    /// `created_before`.
    async fn delete_expired_sessions(
        &self,
        idle_before: DateTime<Utc>,
        created_before: DateTime<Utc>,
    ) -> Result<u64>;

    /// Stores a new personal access token under its hash.
    async fn create_api_token(&self, token: &ApiTokenRow, token_hash: &str) -> Result<()>;
    /// The person a token hash belongs to. Records the use at `at` only when
    /// the recorded last use is more than [`TOKEN_TOUCH_EVERY`] older (like a
    /// session's activity), so a client calling the API many times a minute
    /// does not cost a synchronous commit per request.
    async fn use_api_token(&self, token_hash: &str, at: DateTime<Utc>) -> Result<Option<String>> {
        Ok(self
            .use_api_token_known(token_hash, at)
            .await?
            .map(|used| used.person))
    }
    /// [`Accounts::use_api_token`], with the person's settings and data
    /// version read in the same query (as a session's are).
    async fn use_api_token_known(
        &self,
        token_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<TokenUse>>;
    /// A person's tokens, oldest first.
    async fn list_api_tokens(&self, person: &str) -> Result<Vec<ApiTokenRow>>;
    /// Revokes one of a person's tokens; false when there was none.
    async fn revoke_api_token(&self, person: &str, id: &str) -> Result<bool>;

    /// Records a failed sign-in under a throttling key.
    async fn record_login_failure(&self, key: &str, at: DateTime<Utc>) -> Result<()>;
    /// Failed sign-ins under a key since an instant, oldest first.
    async fn login_failures_since(
        &self,
        key: &str,
        since: DateTime<Utc>,
    ) -> Result<Vec<DateTime<Utc>>>;
    /// Forgets the failures under a key (after a successful sign-in).
    async fn clear_login_failures(&self, key: &str) -> Result<()>;
    /// Forgets failures older than an instant.
    async fn prune_login_failures(&self, before: DateTime<Utc>) -> Result<u64>;

    /// Every account (persons who can sign in), oldest first: what the
    /// operator manages. Nothing of anyone's records.
    async fn list_accounts(&self) -> Result<Vec<AccountSummary>>;
    /// Disables an account at `at` and, in the same transaction, deletes
    /// its sessions, access tokens and unused reset links, so it is signed
    /// out everywhere at once. Disabling a disabled account keeps the first
    /// date. False when the person has no account.
    async fn disable_account(&self, person: &str, at: DateTime<Utc>) -> Result<bool>;
    /// Lets a disabled account sign in again. False when the person has no
    /// account.
    async fn enable_account(&self, person: &str) -> Result<bool>;
    /// Stores a one-time password-reset link under the hash of its secret.
    async fn create_password_reset(
        &self,
        person: &str,
        token_hash: &str,
        created_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()>;
    /// The person a reset link is for, when it is unused, unexpired at `at`
    /// and the account is active.
    async fn password_reset_person(
        &self,
        token_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<String>>;
    /// Uses a reset link: when it is unused, unexpired at `at` and the
    /// account active, marks it used, sets the new password hash and ends
    /// all the person's sessions, in one transaction. Returns the person,
    /// or `None` (and changes nothing) when the link cannot be used.
    async fn use_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<String>>;

    /// Adds a passkey. [`StoreError::Conflict`](crate::StoreError::Conflict)
    /// when its credential id is already stored (for this account or
    /// another one).
    async fn add_passkey(&self, passkey: &PasskeyRow) -> Result<()>;
    /// A person's passkeys, oldest first.
    async fn passkeys(&self, person: &str) -> Result<Vec<PasskeyRow>>;
    /// The passkey with a credential id (base64url), whoever's it is.
    async fn passkey_by_credential(&self, credential_id: &str) -> Result<Option<PasskeyRow>>;
    /// Records a sign-in with one of a person's passkeys: its updated
    /// credential (the signature counter) and the time. False when the
    /// person has no passkey with that id.
    async fn use_passkey(
        &self,
        person: &str,
        id: &str,
        passkey: &str,
        at: DateTime<Utc>,
    ) -> Result<bool>;
    /// Renames one of a person's passkeys. False when they have none with
    /// that id.
    async fn rename_passkey(&self, person: &str, id: &str, name: &str) -> Result<bool>;
    /// Removes one of a person's passkeys. False when they have none with
    /// that id.
    async fn remove_passkey(&self, person: &str, id: &str) -> Result<bool>;
    /// Keeps a ceremony's state until its answer comes, under the hash of
    /// the id the browser holds. Ceremonies expired at `now` are dropped.
    async fn put_ceremony(
        &self,
        id_hash: &str,
        ceremony: &Ceremony,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Takes a ceremony: returns it and deletes it in one statement, so of
    /// two answers to one challenge only one gets it. `None` when there is
    /// none of that kind under that hash, or it expired before `now`.
    async fn take_ceremony(
        &self,
        id_hash: &str,
        kind: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Ceremony>>;
}

/// The account with an (already normalised) email.
pub(crate) const ACCOUNT_BY_EMAIL: &str = "SELECT * FROM persons WHERE email = $1";

/// The account of a person, if they can sign in.
pub(crate) const ACCOUNT_OF_PERSON: &str =
    "SELECT * FROM persons WHERE id = $1 AND email IS NOT NULL";

/// A session by token hash.
/// A disabled account's sessions are never found (disabling deletes them
/// too; this is the second lock on the same door).
pub(crate) const SESSION_BY_HASH: &str =
    "SELECT s.* FROM sessions s JOIN persons p ON p.id = s.person_id \
     WHERE s.token_hash = $1 AND p.disabled_at IS NULL";
/// [`SESSION_BY_HASH`] for PostgreSQL; see [`lookup`] for why it differs.
pub(crate) const SESSION_BY_HASH_PG: &str =
    "SELECT s.* FROM sessions s CROSS JOIN LATERAL (SELECT 1 FROM persons \
       WHERE id = s.person_id AND disabled_at IS NULL LIMIT 1) p \
     WHERE s.token_hash = $1";

/// The columns of a session with its account, settings, data version and
/// links version as a coach, as `session_with_account` decodes them (a
/// macro, so that both statements below are one literal each).
macro_rules! session_with_account_columns {
    () => {
        "SELECT s.token_hash, s.person_id, s.csrf_token, s.created_at, s.last_seen_at, \
                s.device, s.mfa_pending, p.id, p.email, p.role, p.password_hash, \
                p.totp_secret, p.display_name, p.time_zone, p.work_start, p.work_end, \
                p.work_days, p.reminder_time, p.data_version, p.disabled_at, \
                COALESCE((SELECT v.version FROM coach_links_versions v WHERE v.coach_id = p.id), 0) \
                  AS coach_links_version "
    };
}

/// A session with its account, settings and data version: the one
/// statement of a signed-in page that has nothing new to show.
pub(crate) const SESSION_WITH_ACCOUNT: &str = concat!(
    session_with_account_columns!(),
    "FROM sessions s JOIN persons p ON p.id = s.person_id \
     WHERE s.token_hash = $1 AND p.email IS NOT NULL AND p.disabled_at IS NULL"
);
/// [`SESSION_WITH_ACCOUNT`] for PostgreSQL; see [`lookup`] for why it differs.
pub(crate) const SESSION_WITH_ACCOUNT_PG: &str = concat!(
    session_with_account_columns!(),
    "FROM sessions s CROSS JOIN LATERAL (SELECT * FROM persons \
       WHERE id = s.person_id AND email IS NOT NULL AND disabled_at IS NULL LIMIT 1) p \
     WHERE s.token_hash = $1"
);

/// Which statement finds the person behind a session or API token, per
/// backend: the look-up every signed-in request makes.
///
/// On PostgreSQL the plain join (`sessions s JOIN persons p ON p.id =
/// s.person_id`) let the planner pick a merge join while `sessions` and
/// `api_tokens` were small: it sorted the one session and walked `persons`
/// in id order up to its owner, so a request cost more the later its
/// person's id sorted: 202 rows read for the last of 202 people, against 1
/// for the first. The lateral look-up with `LIMIT 1` (`id` is the key, so
/// it changes no answer) looks for the one person only: through the key's
/// index once `persons` is more than a page or two (a smaller table may
/// still be read whole, which costs no more than its index would). SQLite
/// looks the person up by key already.
/// Public for the store tests, which check the plan on PostgreSQL.
#[doc(hidden)]
pub mod lookup {
    use crate::Backend;

    /// The statement behind `Accounts::session_with_account`.
    pub fn session_with_account(backend: Backend) -> &'static str {
        match backend {
            Backend::Postgres => super::SESSION_WITH_ACCOUNT_PG,
            Backend::Sqlite => super::SESSION_WITH_ACCOUNT,
        }
    }

    /// The statement behind `Accounts::session`.
    pub fn session(backend: Backend) -> &'static str {
        match backend {
            Backend::Postgres => super::SESSION_BY_HASH_PG,
            Backend::Sqlite => super::SESSION_BY_HASH,
        }
    }

    /// The statement behind an API token's use.
    pub fn api_token(backend: Backend) -> &'static str {
        match backend {
            Backend::Postgres => super::TOKEN_BY_HASH_PG,
            Backend::Sqlite => super::TOKEN_BY_HASH,
        }
    }
}

/// Records a TOTP step unless the same or a newer one is recorded.
pub(crate) const ACCEPT_TOTP_STEP: &str =
    "INSERT INTO totp_steps (person_id, last_step) VALUES ($1, $2) \
     ON CONFLICT (person_id) DO UPDATE SET last_step = excluded.last_step \
     WHERE totp_steps.last_step < excluded.last_step";

/// Records activity on a session unless a later-enough one is recorded
/// (`$3` = the use minus [`TOKEN_TOUCH_EVERY`]).
pub(crate) const TOUCH_SESSION: &str =
    "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at <= $3";

/// A person's sessions, newest activity first.
pub(crate) const LIST_SESSIONS: &str =
    "SELECT * FROM sessions WHERE person_id = $1 AND mfa_pending = $2 ORDER BY last_seen_at DESC, token_hash";

/// Ends one of a person's sessions.
pub(crate) const DELETE_SESSION: &str =
    "DELETE FROM sessions WHERE person_id = $1 AND token_hash = $2";

/// Ends a person's sessions but one.
pub(crate) const DELETE_SESSIONS_EXCEPT: &str =
    "DELETE FROM sessions WHERE person_id = $1 AND token_hash <> $2";

/// Removes idle or old sessions.
pub(crate) const DELETE_EXPIRED_SESSIONS: &str =
    "DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2";

/// A person's tokens, oldest first.
pub(crate) const LIST_API_TOKENS: &str =
    "SELECT * FROM api_tokens WHERE person_id = $1 ORDER BY created_at, id";

/// Revokes one of a person's tokens.
pub(crate) const REVOKE_API_TOKEN: &str = "DELETE FROM api_tokens WHERE person_id = $1 AND id = $2";

/// Every account, oldest first.
pub(crate) const LIST_ACCOUNTS: &str =
    "SELECT id, email, role, display_name, created_at, disabled_at \
     FROM persons WHERE email IS NOT NULL ORDER BY created_at, id";

/// Marks an account disabled (keeping an earlier date).
pub(crate) const DISABLE_ACCOUNT: &str =
    "UPDATE persons SET disabled_at = COALESCE(disabled_at, $2) \
     WHERE id = $1 AND email IS NOT NULL";

/// Marks an account active.
pub(crate) const ENABLE_ACCOUNT: &str =
    "UPDATE persons SET disabled_at = NULL WHERE id = $1 AND email IS NOT NULL";

/// A usable reset link's person (`$2` = now).
pub(crate) const RESET_PERSON: &str = "SELECT r.person_id FROM password_resets r \
     JOIN persons p ON p.id = r.person_id \
     WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND p.disabled_at IS NULL";

/// Marks a usable reset link used (`$2` = now), returning its person.
pub(crate) const USE_RESET: &str = "UPDATE password_resets SET used_at = $2 \
     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
     AND person_id IN (SELECT id FROM persons WHERE disabled_at IS NULL) \
     RETURNING person_id";

/// Expands into `impl Accounts for $store` with rows of type `$row`.
macro_rules! impl_accounts {
    ($store:ty, $row:ty) => {
        impl $store {
            /// `create_account`, and with `first_only` the check that
            /// nobody has a login yet, inside the same serialised
            /// transaction.
            async fn insert_account(
                &self,
                email: &str,
                password_hash: &str,
                role: $crate::accounts::Role,
                settings: &goodenough_core::Settings,
                first_only: bool,
            ) -> $crate::Result<String> {
                use sqlx::Row;
                let email = $crate::accounts::normalize_email(email);
                let taken = || $crate::StoreError::Conflict("An account with that email already exists.".into());
                let mut tx = self.pool.begin().await?;
                // Two creators must serialise: both would otherwise see "no
                // account yet" and take the same first person, the second
                // overwriting the first's email and password.
                if <Self as $crate::Store>::backend(self) == $crate::Backend::Postgres {
                    // Under READ COMMITTED a no-op UPDATE locks nothing; this
                    // lock admits one writer of persons at a time (readers are
                    // not blocked), as in `first_person_or_create`.
                    sqlx::query("LOCK TABLE persons IN SHARE ROW EXCLUSIVE MODE")
                        .execute(&mut *tx)
                        .await?;
                } else {
                    // SQLite: a write statement takes the database's write lock.
                    sqlx::query("UPDATE persons SET role = role WHERE id = ''")
                        .execute(&mut *tx)
                        .await?;
                }
                let existing = sqlx::query("SELECT id FROM persons WHERE email = $1")
                    .bind(&email)
                    .fetch_optional(&mut *tx)
                    .await?;
                if existing.is_some() {
                    return Err(taken());
                }
                let accounts: i64 = sqlx::query("SELECT COUNT(*) AS n FROM persons WHERE email IS NOT NULL")
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get("n")?;
                if first_only && accounts > 0 {
                    return Err($crate::StoreError::Conflict(
                        "This goodenough already has an account; sign in instead.".into(),
                    ));
                }
                let first = sqlx::query("SELECT id FROM persons ORDER BY created_at, id LIMIT 1")
                    .fetch_optional(&mut *tx)
                    .await?;
                let id = match (accounts, first) {
                    (0, Some(row)) => {
                        let id: String = row.try_get("id")?;
                        sqlx::query("UPDATE persons SET email = $2, password_hash = $3, role = $4 WHERE id = $1")
                            .bind(&id)
                            .bind(&email)
                            .bind(password_hash)
                            .bind(role.as_str())
                            .execute(&mut *tx)
                            .await?;
                        id
                    }
                    _ => {
                        let id = goodenough_core::id::new_id();
                        let r = sqlx::query(
                            "INSERT INTO persons (id, created_at, display_name, time_zone, work_start, work_end, work_days, reminder_time, email, password_hash, role) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                        )
                        .bind(&id)
                        .bind(goodenough_core::clock::round(chrono::Utc::now()))
                        .bind(&settings.display_name)
                        .bind(&settings.time_zone)
                        .bind(&settings.work_start)
                        .bind(&settings.work_end)
                        .bind(settings.work_days.join(","))
                        .bind(&settings.reminder_time)
                        .bind(&email)
                        .bind(password_hash)
                        .bind(role.as_str())
                        .execute(&mut *tx)
                        .await;
                        match r {
                            Ok(_) => {}
                            Err(e) if $crate::common::is_unique_violation(&e) => return Err(taken()),
                            Err(e) => return Err(e.into()),
                        }
                        id
                    }
                };
                tx.commit().await?;
                Ok(id)
            }

            fn row_account(row: &$row) -> $crate::Result<$crate::accounts::Account> {
                use sqlx::FromRow;
                $crate::accounts::Account::try_from($crate::rows::AccountRow::from_row(row)?)
            }

            fn row_session(row: &$row) -> $crate::Result<$crate::accounts::SessionRow> {
                use sqlx::FromRow;
                Ok($crate::accounts::SessionRow::from_row(row)?)
            }

            fn row_api_token(row: &$row) -> $crate::Result<$crate::accounts::ApiTokenRow> {
                use sqlx::FromRow;
                Ok($crate::accounts::ApiTokenRow::from_row(row)?)
            }
        }

        #[async_trait::async_trait]
        impl $crate::accounts::Accounts for $store {
            async fn account_count(&self) -> $crate::Result<u64> {
                use sqlx::Row;
                let row = sqlx::query("SELECT COUNT(*) AS n FROM persons WHERE email IS NOT NULL")
                    .fetch_one(&self.read)
                    .await?;
                let n: i64 = row.try_get("n")?;
                Ok(u64::try_from(n).unwrap_or(0))
            }

            async fn create_account(
                &self,
                email: &str,
                password_hash: &str,
                role: $crate::accounts::Role,
                settings: &goodenough_core::Settings,
            ) -> $crate::Result<String> {
                self.insert_account(email, password_hash, role, settings, false).await
            }

            async fn create_first_account(
                &self,
                email: &str,
                password_hash: &str,
                role: $crate::accounts::Role,
                settings: &goodenough_core::Settings,
            ) -> $crate::Result<String> {
                self.insert_account(email, password_hash, role, settings, true).await
            }

            async fn account_by_email(&self, email: &str) -> $crate::Result<Option<$crate::accounts::Account>> {
                let row = sqlx::query($crate::accounts::ACCOUNT_BY_EMAIL)
                    .bind($crate::accounts::normalize_email(email))
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_account).transpose()
            }

            async fn account(&self, person: &str) -> $crate::Result<Option<$crate::accounts::Account>> {
                let row = sqlx::query($crate::accounts::ACCOUNT_OF_PERSON)
                    .bind(person)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_account).transpose()
            }

            async fn set_password(&self, person: &str, password_hash: &str) -> $crate::Result<()> {
                sqlx::query("UPDATE persons SET password_hash = $2 WHERE id = $1")
                    .bind(person)
                    .bind(password_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn set_totp_secret(&self, person: &str, secret: Option<&str>) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                sqlx::query("UPDATE persons SET totp_secret = $2 WHERE id = $1")
                    .bind(person)
                    .bind(secret)
                    .execute(&mut *tx)
                    .await?;
                for sql in [
                    "DELETE FROM totp_steps WHERE person_id = $1",
                    "DELETE FROM recovery_codes WHERE person_id = $1",
                ] {
                    sqlx::query(sql).bind(person).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn replace_recovery_codes(
                &self,
                person: &str,
                code_hashes: &[String],
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM recovery_codes WHERE person_id = $1")
                    .bind(person)
                    .execute(&mut *tx)
                    .await?;
                for hash in code_hashes {
                    sqlx::query("INSERT INTO recovery_codes (person_id, code_hash, created_at) VALUES ($1, $2, $3)")
                        .bind(person)
                        .bind(hash)
                        .bind(goodenough_core::clock::round(at))
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn recovery_codes(&self, person: &str) -> $crate::Result<Vec<$crate::accounts::RecoveryCode>> {
                use sqlx::FromRow;
                let rows = sqlx::query(
                    "SELECT code_hash, created_at, used_at FROM recovery_codes \
                     WHERE person_id = $1 ORDER BY created_at, code_hash",
                )
                .bind(person)
                .fetch_all(&self.read)
                .await?;
                rows.iter()
                    .map(|r| $crate::accounts::RecoveryCode::from_row(r).map_err($crate::StoreError::from))
                    .collect()
            }

            async fn use_recovery_code(
                &self,
                person: &str,
                code_hash: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<bool> {
                let r = sqlx::query(
                    "UPDATE recovery_codes SET used_at = $3 \
                     WHERE person_id = $1 AND code_hash = $2 AND used_at IS NULL",
                )
                .bind(person)
                .bind(code_hash)
                .bind(goodenough_core::clock::round(at))
                .execute(&self.pool)
                .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn accept_totp_step(&self, person: &str, step: i64) -> $crate::Result<bool> {
                let r = sqlx::query($crate::accounts::ACCEPT_TOTP_STEP)
                    .bind(person)
                    .bind(step)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn set_calendar_token(&self, person: &str, token_hash: Option<&str>) -> $crate::Result<()> {
                sqlx::query("UPDATE persons SET calendar_token = $2 WHERE id = $1")
                    .bind(person)
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn person_by_calendar_token(&self, token_hash: &str) -> $crate::Result<Option<String>> {
                use sqlx::Row;
                let row = sqlx::query("SELECT id FROM persons WHERE calendar_token = $1 AND disabled_at IS NULL")
                    .bind(token_hash)
                    .fetch_optional(&self.read)
                    .await?;
                Ok(match row {
                    Some(r) => Some(r.try_get("id")?),
                    None => None,
                })
            }

            async fn calendar_token(&self, person: &str) -> $crate::Result<Option<String>> {
                use sqlx::Row;
                let row = sqlx::query("SELECT calendar_token FROM persons WHERE id = $1")
                    .bind(person)
                    .fetch_optional(&self.read)
                    .await?;
                Ok(match row {
                    Some(r) => r.try_get("calendar_token")?,
                    None => None,
                })
            }

            async fn create_session(&self, s: &$crate::accounts::SessionRow) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, last_seen_at, device, mfa_pending) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&s.token_hash)
                .bind(&s.person_id)
                .bind(&s.csrf_token)
                .bind(goodenough_core::clock::round(s.created_at))
                .bind(goodenough_core::clock::round(s.last_seen_at))
                .bind(&s.device)
                .bind(s.mfa_pending)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn session(&self, token_hash: &str) -> $crate::Result<Option<$crate::accounts::SessionRow>> {
                let sql = $crate::accounts::lookup::session(<Self as $crate::Store>::backend(self));
                let row = sqlx::query(sql)
                    .bind(token_hash)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_session).transpose()
            }

            async fn session_with_account(&self, token_hash: &str) -> $crate::Result<Option<$crate::accounts::SignedIn>> {
                use sqlx::Row;
                let sql = $crate::accounts::lookup::session_with_account(<Self as $crate::Store>::backend(self));
                let row = sqlx::query(sql)
                    .bind(token_hash)
                    .fetch_optional(&self.read)
                    .await?;
                match row {
                    Some(r) => Ok(Some($crate::accounts::SignedIn {
                        session: Self::row_session(&r)?,
                        account: Self::row_account(&r)?,
                        settings: Self::row_settings(&r)?,
                        data_version: r.try_get("data_version")?,
                        coach_links_version: r.try_get("coach_links_version")?,
                    })),
                    None => Ok(None),
                }
            }

            async fn touch_session(&self, token_hash: &str, at: chrono::DateTime<chrono::Utc>) -> $crate::Result<()> {
                let at = goodenough_core::clock::round(at);
                sqlx::query($crate::accounts::TOUCH_SESSION)
                    .bind(token_hash)
                    .bind(at)
                    .bind(at - $crate::accounts::TOKEN_TOUCH_EVERY)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn list_sessions(&self, person: &str) -> $crate::Result<Vec<$crate::accounts::SessionRow>> {
                let rows = sqlx::query($crate::accounts::LIST_SESSIONS)
                    .bind(person)
                    .bind(false)
                    .fetch_all(&self.read)
                    .await?;
                rows.iter().map(Self::row_session).collect()
            }

            async fn delete_session(&self, person: &str, token_hash: &str) -> $crate::Result<bool> {
                let r = sqlx::query($crate::accounts::DELETE_SESSION)
                    .bind(person)
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn delete_sessions_except(&self, person: &str, keep: Option<&str>) -> $crate::Result<u64> {
                let r = sqlx::query($crate::accounts::DELETE_SESSIONS_EXCEPT)
                    .bind(person)
                    .bind(keep.unwrap_or(""))
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected())
            }

            async fn delete_expired_sessions(
                &self,
                idle_before: chrono::DateTime<chrono::Utc>,
                created_before: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<u64> {
                let r = sqlx::query($crate::accounts::DELETE_EXPIRED_SESSIONS)
                    .bind(goodenough_core::clock::round(idle_before))
                    .bind(goodenough_core::clock::round(created_before))
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected())
            }

            async fn create_api_token(&self, t: &$crate::accounts::ApiTokenRow, token_hash: &str) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO api_tokens (id, person_id, name, token_hash, created_at, last_used_at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&t.id)
                .bind(&t.person_id)
                .bind(&t.name)
                .bind(token_hash)
                .bind(goodenough_core::clock::round(t.created_at))
                .bind(t.last_used_at.map(goodenough_core::clock::round))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn use_api_token_known(&self, token_hash: &str, at: chrono::DateTime<chrono::Utc>) -> $crate::Result<Option<$crate::accounts::TokenUse>> {
                use sqlx::Row;
                let sql = $crate::accounts::lookup::api_token(<Self as $crate::Store>::backend(self));
                let row = sqlx::query(sql)
                    .bind(token_hash)
                    .fetch_optional(&self.read)
                    .await?;
                let Some(row) = row else { return Ok(None) };
                let person: String = row.try_get("person_id")?;
                let settings = Self::row_settings(&row)?;
                let data_version: i64 = row.try_get("data_version")?;
                let last: Option<chrono::DateTime<chrono::Utc>> = row.try_get("last_used_at")?;
                let at = goodenough_core::clock::round(at);
                let stale_before = at - $crate::accounts::TOKEN_TOUCH_EVERY;
                // A read, not a write, for every request but one a minute.
                if last.is_none_or(|l| l < stale_before) {
                    sqlx::query($crate::accounts::TOUCH_TOKEN)
                        .bind(token_hash)
                        .bind(at)
                        .bind(stale_before)
                        .execute(&self.pool)
                        .await?;
                }
                Ok(Some($crate::accounts::TokenUse {
                    person,
                    settings,
                    data_version,
                }))
            }

            async fn list_api_tokens(&self, person: &str) -> $crate::Result<Vec<$crate::accounts::ApiTokenRow>> {
                let rows = sqlx::query($crate::accounts::LIST_API_TOKENS)
                    .bind(person)
                    .fetch_all(&self.read)
                    .await?;
                rows.iter().map(Self::row_api_token).collect()
            }

            async fn revoke_api_token(&self, person: &str, id: &str) -> $crate::Result<bool> {
                let r = sqlx::query($crate::accounts::REVOKE_API_TOKEN)
                    .bind(person)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn record_login_failure(&self, key: &str, at: chrono::DateTime<chrono::Utc>) -> $crate::Result<()> {
                sqlx::query("INSERT INTO login_attempts (key, at) VALUES ($1, $2)")
                    .bind(key)
                    .bind(goodenough_core::clock::round(at))
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn login_failures_since(
                &self,
                key: &str,
                since: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<Vec<chrono::DateTime<chrono::Utc>>> {
                use sqlx::Row;
                let rows = sqlx::query("SELECT at FROM login_attempts WHERE key = $1 AND at >= $2 ORDER BY at")
                    .bind(key)
                    .bind(goodenough_core::clock::round(since))
                    .fetch_all(&self.read)
                    .await?;
                rows.iter().map(|r| r.try_get("at").map_err($crate::StoreError::from)).collect()
            }

            async fn clear_login_failures(&self, key: &str) -> $crate::Result<()> {
                sqlx::query("DELETE FROM login_attempts WHERE key = $1")
                    .bind(key)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn prune_login_failures(&self, before: chrono::DateTime<chrono::Utc>) -> $crate::Result<u64> {
                let r = sqlx::query("DELETE FROM login_attempts WHERE at < $1")
                    .bind(goodenough_core::clock::round(before))
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected())
            }

            async fn list_accounts(&self) -> $crate::Result<Vec<$crate::accounts::AccountSummary>> {
                use sqlx::Row;
                let rows = sqlx::query($crate::accounts::LIST_ACCOUNTS)
                    .fetch_all(&self.read)
                    .await?;
                rows.iter()
                    .map(|r| {
                        let role: String = r.try_get("role")?;
                        let email: Option<String> = r.try_get("email")?;
                        Ok($crate::accounts::AccountSummary {
                            person_id: r.try_get("id")?,
                            email: email.unwrap_or_default(),
                            role: role.parse().map_err($crate::StoreError::Corrupt)?,
                            display_name: r.try_get("display_name")?,
                            created_at: r.try_get("created_at")?,
                            disabled_at: r.try_get("disabled_at")?,
                        })
                    })
                    .collect()
            }

            async fn disable_account(&self, person: &str, at: chrono::DateTime<chrono::Utc>) -> $crate::Result<bool> {
                let mut tx = self.pool.begin().await?;
                let r = sqlx::query($crate::accounts::DISABLE_ACCOUNT)
                    .bind(person)
                    .bind(goodenough_core::clock::round(at))
                    .execute(&mut *tx)
                    .await?;
                if r.rows_affected() == 0 {
                    return Ok(false);
                }
                for sql in [
                    "DELETE FROM sessions WHERE person_id = $1",
                    "DELETE FROM api_tokens WHERE person_id = $1",
                    "DELETE FROM password_resets WHERE person_id = $1 AND used_at IS NULL",
                ] {
                    sqlx::query(sql).bind(person).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn enable_account(&self, person: &str) -> $crate::Result<bool> {
                let r = sqlx::query($crate::accounts::ENABLE_ACCOUNT)
                    .bind(person)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn create_password_reset(
                &self,
                person: &str,
                token_hash: &str,
                created_at: chrono::DateTime<chrono::Utc>,
                expires_at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<()> {
                sqlx::query("INSERT INTO password_resets (token_hash, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                    .bind(token_hash)
                    .bind(person)
                    .bind(goodenough_core::clock::round(created_at))
                    .bind(goodenough_core::clock::round(expires_at))
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn password_reset_person(
                &self,
                token_hash: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<Option<String>> {
                use sqlx::Row;
                let row = sqlx::query($crate::accounts::RESET_PERSON)
                    .bind(token_hash)
                    .bind(goodenough_core::clock::round(at))
                    .fetch_optional(&self.read)
                    .await?;
                Ok(match row {
                    Some(r) => Some(r.try_get("person_id")?),
                    None => None,
                })
            }

            async fn add_passkey(&self, k: &$crate::accounts::PasskeyRow) -> $crate::Result<()> {
                let r = sqlx::query(
                    "INSERT INTO passkeys (id, person_id, credential_id, name, passkey, created_at, last_used_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&k.id)
                .bind(&k.person_id)
                .bind(&k.credential_id)
                .bind(&k.name)
                .bind(&k.passkey)
                .bind(goodenough_core::clock::round(k.created_at))
                .bind(k.last_used_at.map(goodenough_core::clock::round))
                .execute(&self.pool)
                .await;
                match r {
                    Ok(_) => Ok(()),
                    Err(e) if $crate::common::is_unique_violation(&e) => Err($crate::StoreError::Conflict(
                        "this passkey is already added".to_string(),
                    )),
                    Err(e) => Err(e.into()),
                }
            }

            async fn passkeys(&self, person: &str) -> $crate::Result<Vec<$crate::accounts::PasskeyRow>> {
                Ok(sqlx::query_as::<_, $crate::accounts::PasskeyRow>(
                    "SELECT * FROM passkeys WHERE person_id = $1 ORDER BY created_at, id",
                )
                .bind(person)
                .fetch_all(&self.read)
                .await?)
            }

            async fn passkey_by_credential(
                &self,
                credential_id: &str,
            ) -> $crate::Result<Option<$crate::accounts::PasskeyRow>> {
                Ok(sqlx::query_as::<_, $crate::accounts::PasskeyRow>(
                    "SELECT k.* FROM passkeys k JOIN persons p ON p.id = k.person_id \
                     WHERE k.credential_id = $1 AND p.disabled_at IS NULL",
                )
                .bind(credential_id)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn use_passkey(
                &self,
                person: &str,
                id: &str,
                passkey: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<bool> {
                let r = sqlx::query(
                    "UPDATE passkeys SET passkey = $3, last_used_at = $4 WHERE person_id = $1 AND id = $2",
                )
                .bind(person)
                .bind(id)
                .bind(passkey)
                .bind(goodenough_core::clock::round(at))
                .execute(&self.pool)
                .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn rename_passkey(&self, person: &str, id: &str, name: &str) -> $crate::Result<bool> {
                let r = sqlx::query("UPDATE passkeys SET name = $3 WHERE person_id = $1 AND id = $2")
                    .bind(person)
                    .bind(id)
                    .bind(name)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn remove_passkey(&self, person: &str, id: &str) -> $crate::Result<bool> {
                let r = sqlx::query("DELETE FROM passkeys WHERE person_id = $1 AND id = $2")
                    .bind(person)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(r.rows_affected() > 0)
            }

            async fn put_ceremony(
                &self,
                id_hash: &str,
                c: &$crate::accounts::Ceremony,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM passkey_ceremonies WHERE expires_at <= $1")
                    .bind(goodenough_core::clock::round(now))
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO passkey_ceremonies (id_hash, kind, person_id, state, expires_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id_hash)
                .bind(&c.kind)
                .bind(c.person.as_deref())
                .bind(&c.state)
                .bind(goodenough_core::clock::round(c.expires_at))
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn take_ceremony(
                &self,
                id_hash: &str,
                kind: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<Option<$crate::accounts::Ceremony>> {
                use sqlx::Row;
                // Deleted whatever its kind or age: a wrong answer to a
                // challenge uses the challenge up too.
                let row = sqlx::query(
                    "DELETE FROM passkey_ceremonies WHERE id_hash = $1 \
                     RETURNING kind, person_id, state, expires_at",
                )
                .bind(id_hash)
                .fetch_optional(&self.pool)
                .await?;
                let Some(row) = row else { return Ok(None) };
                let c = $crate::accounts::Ceremony {
                    kind: row.try_get("kind")?,
                    person: row.try_get("person_id")?,
                    state: row.try_get("state")?,
                    expires_at: row.try_get("expires_at")?,
                };
                if c.kind != kind || c.expires_at <= goodenough_core::clock::round(now) {
                    return Ok(None);
                }
                Ok(Some(c))
            }

            async fn use_password_reset(
                &self,
                token_hash: &str,
                password_hash: &str,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<Option<String>> {
                use sqlx::Row;
                let mut tx = self.pool.begin().await?;
                let row = sqlx::query($crate::accounts::USE_RESET)
                    .bind(token_hash)
                    .bind(goodenough_core::clock::round(at))
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(row) = row else { return Ok(None) };
                let person: String = row.try_get("person_id")?;
                sqlx::query("UPDATE persons SET password_hash = $2 WHERE id = $1")
                    .bind(&person)
                    .bind(password_hash)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM sessions WHERE person_id = $1")
                    .bind(&person)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Some(person))
            }
        }
    };
}

pub(crate) use impl_accounts;
