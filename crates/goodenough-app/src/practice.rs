//! The coaching practice: a coach invites, a client accepts, and the client
//! decides, category by category, what the coach may read. Every change of
//! consent is a new version the client can look back on; either side can
//! end the link. What a coach reads of a client's data goes through the one
//! access check ([`crate::Scope`]), which writes the client's access log.
//!
//! These use cases act on the actor's own side of a link (their
//! invitations, their links, their consent, their log), so each one asks
//! the check for [`Category::Coaching`] of their own data.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use goodenough_store::practice::{
    AccessEntry, ConsentVersion, Invitation, Link, SessionNote, Shared,
};
use goodenough_store::Role;
use serde::Serialize;

use crate::access::{Action, Category};
use crate::scope::Allowed;
use crate::{AppError, Result, Scope};

const CATEGORY: Category = Category::Coaching;

/// How long an invitation link can be used.
pub const INVITATION_DAYS: i64 = 7;

/// A link with the consent in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Linked {
    #[serde(flatten)]
    pub link: Link,
    /// The consent in force (version 1 shares nothing).
    pub consent: ConsentVersion,
}

impl Linked {
    /// Whether the client shares `category` (and from which date).
    pub fn shares(&self, category: Category) -> Option<Option<NaiveDate>> {
        self.consent.shared.get(category.key()).copied()
    }
}

fn refused(message: &str) -> AppError {
    AppError::Refused(message.to_string())
}

fn invalid(message: String) -> AppError {
    AppError::Invalid(goodenough_core::ValidationError::Other(message))
}

/// Makes an invitation for the coach (the scope's person), valid for
/// [`INVITATION_DAYS`] days, optionally only for `email`. The caller makes
/// the link's secret and passes only its hash.
pub async fn invite(scope: &Scope, token_hash: &str, email: Option<&str>) -> Result<Invitation> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let account = allowed.store.account(allowed.person).await?;
    if account.map(|a| a.role) != Some(Role::Coach) {
        return Err(refused(
            "only a coach account can invite clients; the operator can give this account the coach role.",
        ));
    }
    let email = match email.map(str::trim).filter(|e| !e.is_empty()) {
        None => None,
        Some(e) if e.contains('@') && !e.contains(char::is_whitespace) && e.len() <= 254 => {
            Some(goodenough_store::accounts::normalize_email(e))
        }
        Some(_) => {
            return Err(invalid(
                "That email address does not look right; write it as name@example.org, or leave it empty."
                    .to_string(),
            ))
        }
    };
    let invitation = Invitation {
        id: goodenough_core::id::new_id(),
        coach_id: allowed.person.to_string(),
        email,
        created_at: allowed.now,
        expires_at: allowed.now + Duration::days(INVITATION_DAYS),
        used_at: None,
    };
    allowed
        .store
        .create_invitation(&invitation, token_hash)
        .await?;
    Ok(invitation)
}

/// The coach's invitations, oldest first.
pub async fn invitations(scope: &Scope) -> Result<Vec<Invitation>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed.store.invitations_of(allowed.person).await?)
}

/// What an invitation link offers the person who opened it: the coach's
/// name, once every rule for accepting it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offer {
    pub coach_name: String,
    pub expires_at: DateTime<Utc>,
}

async fn usable(allowed: &Allowed<'_>, token_hash: &str) -> Result<(Invitation, String)> {
    let invitation = allowed
        .store
        .invitation_by_hash(token_hash)
        .await?
        .ok_or(refused_not_found())?;
    if invitation.used_at.is_some() || invitation.expires_at <= allowed.now {
        return Err(AppError::Store(goodenough_store::StoreError::NotFound(
            "This invitation link has been used or has expired; ask your coach for a new one."
                .to_string(),
        )));
    }
    if invitation.coach_id == allowed.person {
        return Err(refused(
            "this is your own invitation; send the link to the person you coach instead.",
        ));
    }
    if let Some(email) = &invitation.email {
        let mine = allowed
            .store
            .account(allowed.person)
            .await?
            .map(|a| a.email);
        if mine.as_deref() != Some(email.as_str()) {
            return Err(refused(
                "this invitation was made for another email address; ask your coach to invite the address you sign in with.",
            ));
        }
    }
    let coach = allowed
        .store
        .account(&invitation.coach_id)
        .await?
        .map(|a| a.display_name)
        .unwrap_or_else(|| "your coach".to_string());
    Ok((invitation, coach))
}

fn refused_not_found() -> AppError {
    AppError::Store(goodenough_store::StoreError::NotFound(
        "This invitation link is not valid; check that it was copied whole, or ask your coach for a new one."
            .to_string(),
    ))
}

/// What the invitation with this secret hash offers the scope's person.
pub async fn offer(scope: &Scope, token_hash: &str) -> Result<Offer> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let (invitation, coach_name) = usable(&allowed, token_hash).await?;
    Ok(Offer {
        coach_name,
        expires_at: invitation.expires_at,
    })
}

/// Accepts an invitation: the scope's person becomes the coach's client,
/// sharing nothing until they choose to.
pub async fn accept(scope: &Scope, token_hash: &str) -> Result<Linked> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    usable(&allowed, token_hash).await?;
    let link = allowed
        .store
        .accept_invitation(
            token_hash,
            allowed.person,
            &goodenough_core::id::new_id(),
            allowed.now,
        )
        .await?;
    with_consent(&allowed, link).await
}

async fn with_consent(allowed: &Allowed<'_>, link: Link) -> Result<Linked> {
    let consent = allowed
        .store
        .consent_history(&link.id)
        .await?
        .pop()
        .ok_or(AppError::Store(goodenough_store::StoreError::Corrupt(
            "a coaching link without consent".to_string(),
        )))?;
    Ok(Linked { link, consent })
}

/// The person's coaches (live links and ended ones), oldest first, each
/// with the consent in force.
pub async fn coaches(scope: &Scope) -> Result<Vec<Linked>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let links = allowed
        .store
        .links_with_consent(allowed.person, true)
        .await?;
    Ok(links
        .into_iter()
        .map(|(link, consent)| Linked { link, consent })
        .collect())
}

/// The coach's clients with a live link, oldest first, each with what
/// they share. Reading the consent reads nothing of the client's data.
/// One query, however many clients.
pub async fn clients(scope: &Scope) -> Result<Vec<Linked>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    // The read the roster keeps (under the coach's links version).
    let links = scope.coach_links(allowed.person).await?;
    Ok(links
        .iter()
        .filter(|(link, _)| link.live())
        .map(|(link, consent)| Linked {
            link: link.clone(),
            consent: consent.clone(),
        })
        .collect())
}

/// One of the coach's clients with a live link, by the client's person id;
/// `NotFound` for anyone else (whether they exist or not). Two small
/// queries, however many clients the coach has.
pub async fn client(scope: &Scope, client: &str) -> Result<Linked> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let link = allowed
        .store
        .live_link(allowed.person, client)
        .await?
        .ok_or(AppError::not_found("client of yours"))?;
    with_consent(&allowed, link).await
}

/// The link `link_id` if the scope's person is its client.
async fn own_link(allowed: &Allowed<'_>, link_id: &str) -> Result<Link> {
    allowed
        .store
        .get_link(link_id)
        .await?
        .filter(|l| l.client_id == allowed.person)
        .ok_or(AppError::not_found("coaching link"))
}

/// Replaces what the client shares over one of their links with `shared`
/// (a new consent version); the coach's next request sees the change.
pub async fn set_consent(scope: &Scope, link_id: &str, shared: Shared) -> Result<ConsentVersion> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    for key in shared.keys() {
        if Category::shareable(key).is_none() {
            return Err(invalid(format!(
                "\"{key}\" is not something you can share; use one of: {}.",
                shareable_keys()
            )));
        }
    }
    let today = allowed.today().await?;
    if let Some(Some(from)) = shared.values().find(|f| f.is_some_and(|d| d > today)) {
        return Err(invalid(format!(
            "{from} is after today; share from today or an earlier date."
        )));
    }
    own_link(&allowed, link_id).await?;
    Ok(allowed
        .store
        .set_consent(link_id, &shared, allowed.now)
        .await?)
}

/// The shareable categories' keys, for messages.
pub fn shareable_keys() -> String {
    Category::SHAREABLE
        .iter()
        .map(|c| c.key())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Shares one more category (from `from` on, or every date) over a link,
/// keeping the rest as it is.
pub async fn share(
    scope: &Scope,
    link_id: &str,
    category: Category,
    from: Option<NaiveDate>,
) -> Result<ConsentVersion> {
    let mut shared = current(scope, link_id).await?;
    shared.insert(category.key().to_string(), from);
    set_consent(scope, link_id, shared).await
}

/// Stops sharing one category over a link, keeping the rest as it is.
pub async fn unshare(scope: &Scope, link_id: &str, category: Category) -> Result<ConsentVersion> {
    let mut shared = current(scope, link_id).await?;
    shared.remove(category.key());
    set_consent(scope, link_id, shared).await
}

async fn current(scope: &Scope, link_id: &str) -> Result<Shared> {
    let history = consent_history(scope, link_id).await?;
    Ok(history.last().map(|v| v.shared.clone()).unwrap_or_default())
}

/// Every version of the consent of one of the client's links, oldest first.
pub async fn consent_history(scope: &Scope, link_id: &str) -> Result<Vec<ConsentVersion>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    own_link(&allowed, link_id).await?;
    Ok(allowed.store.consent_history(link_id).await?)
}

/// Ends a link: the client or the coach may. The coach's access ends with
/// their next request.
pub async fn end(scope: &Scope, link_id: &str) -> Result<()> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let link = allowed
        .store
        .get_link(link_id)
        .await?
        .filter(|l| l.client_id == allowed.person || l.coach_id == allowed.person)
        .ok_or(AppError::not_found("coaching link"))?;
    Ok(allowed
        .store
        .end_link(&link.id, allowed.person, allowed.now)
        .await?)
}

/// Every read or write a coach made (or tried) of the person's data,
/// oldest first.
pub async fn access_log(scope: &Scope) -> Result<Vec<AccessEntry>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed.store.access_log_of_client(allowed.person).await?)
}

/// The latest `limit` lines of the person's access log (as a client, or
/// with `as_coach` what they read as a coach), oldest of them first: a page
/// shows these, the export and the API the whole log.
pub async fn recent_log(scope: &Scope, as_coach: bool, limit: u32) -> Result<Vec<AccessEntry>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed
        .store
        .access_log_recent(allowed.person, !as_coach, limit)
        .await?)
}

/// What the coach (the scope's person) read or tried to read of their
/// clients' data, oldest first.
pub async fn my_reads(scope: &Scope) -> Result<Vec<AccessEntry>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed.store.access_log_of_coach(allowed.person).await?)
}

/// A session note as a coach writes it; `date` defaults to today.
#[derive(Debug, Clone, Default)]
pub struct NewNote {
    pub date: Option<NaiveDate>,
    /// What the session was to be about (may be empty).
    pub agenda: String,
    pub notes: String,
    /// Shared with the client; otherwise private to the coach.
    pub shared: bool,
}

/// The coach (the scope's person) keeps a note of a session with one of
/// their clients (a live link). A shared note is shown to the client at
/// once; a private one is counted for them, never shown.
pub async fn add_note(scope: &Scope, client: &str, new: NewNote) -> Result<SessionNote> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let link = allowed
        .store
        .live_link(allowed.person, client)
        .await?
        .ok_or(AppError::not_found("client of yours"))?;
    let notes = goodenough_core::text::required("the notes", &new.notes)?;
    let agenda =
        goodenough_core::text::optional("the agenda", Some(&new.agenda))?.unwrap_or_default();
    let date = match new.date {
        Some(d) => {
            goodenough_core::clock::check_date(d)?;
            d
        }
        None => allowed.today().await?,
    };
    let note = SessionNote {
        id: goodenough_core::id::new_id(),
        link_id: link.id,
        coach_id: allowed.person.to_string(),
        client_id: client.to_string(),
        session_date: date,
        agenda,
        notes,
        shared: new.shared,
        created_at: goodenough_core::clock::round(allowed.now),
    };
    allowed.store.add_session_note(&note).await?;
    Ok(note)
}

/// The coach's notes about one client (private and shared), oldest first.
pub async fn notes_about(scope: &Scope, client: &str) -> Result<Vec<SessionNote>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let linked = allowed
        .store
        .links_as_coach(allowed.person)
        .await?
        .iter()
        .any(|l| l.client_id == client);
    if !linked {
        return Err(AppError::not_found("client of yours"));
    }
    let mut notes = allowed.store.session_notes_of_client(client).await?;
    notes.retain(|n| n.coach_id == allowed.person);
    Ok(notes)
}

/// What one coach's session notes hold for the client: the shared notes in
/// full, and that private ones exist (they are about the client).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotesFromCoach {
    pub coach_name: String,
    /// Shared with you, oldest first.
    pub shared: Vec<SessionNote>,
    /// How many notes the coach keeps private.
    pub private_count: usize,
    /// The session date of the latest private note.
    pub private_latest: Option<NaiveDate>,
}

/// The session notes about the person, per coach (links in force and
/// ended), oldest link first; coaches with no notes are left out.
pub async fn my_notes(scope: &Scope) -> Result<Vec<NotesFromCoach>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let notes = allowed
        .store
        .session_notes_of_client(allowed.person)
        .await?;
    let mut out = Vec::new();
    for link in allowed.store.links_as_client(allowed.person).await? {
        let mine: Vec<&SessionNote> = notes.iter().filter(|n| n.link_id == link.id).collect();
        if mine.is_empty() {
            continue;
        }
        let private: Vec<&&SessionNote> = mine.iter().filter(|n| !n.shared).collect();
        out.push(NotesFromCoach {
            coach_name: link.coach_name,
            shared: mine
                .iter()
                .filter(|n| n.shared)
                .map(|n| (*n).clone())
                .collect(),
            private_count: private.len(),
            private_latest: private.iter().map(|n| n.session_date).max(),
        });
    }
    Ok(out)
}

/// What an invitation link offers someone who is not signed in: the
/// coach's name, until when, and the email it was made for (then the new
/// account has that email).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenOffer {
    pub coach_name: String,
    pub expires_at: DateTime<Utc>,
    pub email: Option<String>,
}

/// A new person signing up through an invitation link.
#[derive(Debug, Clone)]
pub struct SignUp<'a> {
    /// The hash of the link's secret.
    pub token_hash: &'a str,
    /// What goodenough calls them.
    pub name: &'a str,
    /// Their email; must be the invitation's when it names one (empty
    /// then means that one).
    pub email: &'a str,
    /// The hash of the password they chose (the caller checks and hashes it).
    pub password_hash: &'a str,
    /// Their time zone (the server's default).
    pub time_zone: &'a str,
}

/// The invitation a link names, usable at `now`: unknown is "not valid",
/// used or expired says so.
pub(crate) async fn open_invitation(
    store: &dyn goodenough_store::Store,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<OpenOffer> {
    let invitation = store
        .invitation_by_hash(token_hash)
        .await?
        .ok_or(refused_not_found())?;
    if invitation.used_at.is_some() || invitation.expires_at <= now {
        return Err(AppError::Store(goodenough_store::StoreError::NotFound(
            "This invitation link has been used or has expired; ask your coach for a new one."
                .to_string(),
        )));
    }
    let coach_name = store
        .account(&invitation.coach_id)
        .await?
        .map(|a| a.display_name)
        .unwrap_or_else(|| "your coach".to_string());
    Ok(OpenOffer {
        coach_name,
        expires_at: invitation.expires_at,
        email: invitation.email,
    })
}

/// Creates the new person's client account and accepts the invitation for
/// it, in one transaction: both or, on any refusal, neither. Returns the
/// new person's id and the link (sharing nothing).
pub(crate) async fn sign_up(
    store: &dyn goodenough_store::Store,
    new: SignUp<'_>,
    now: DateTime<Utc>,
) -> Result<(String, Link)> {
    let offer = open_invitation(store, new.token_hash, now).await?;
    let name = new.name.trim();
    if name.is_empty() {
        return Err(invalid(
            "Please write your name (what goodenough and your coach call you).".to_string(),
        ));
    }
    let typed = new.email.trim();
    let email = match (&offer.email, typed) {
        (Some(made_for), "") => made_for.clone(),
        (Some(made_for), typed)
            if goodenough_store::accounts::normalize_email(typed) == *made_for =>
        {
            made_for.clone()
        }
        (Some(_), _) => {
            return Err(refused(
                "this invitation was made for another email address; sign up with the address your coach invited, or ask them for a new link.",
            ))
        }
        (None, typed)
            if typed.contains('@')
                && typed.len() >= 3
                && typed.len() <= 254
                && !typed.contains(char::is_whitespace) =>
        {
            goodenough_store::accounts::normalize_email(typed)
        }
        (None, _) => {
            return Err(invalid(
                "Please enter your email address, such as alex@example.org: you sign in with it."
                    .to_string(),
            ))
        }
    };
    let settings = goodenough_core::Settings {
        display_name: name.chars().take(100).collect(),
        ..goodenough_core::Settings::defaults(new.time_zone)
    };
    settings.validate()?;
    let link = store
        .sign_up_by_invitation(
            &goodenough_store::practice::NewClient {
                token_hash: new.token_hash,
                email: &email,
                password_hash: new.password_hash,
                settings: &settings,
            },
            &goodenough_core::id::new_id(),
            now,
        )
        .await?;
    Ok((link.client_id.clone(), link))
}
