//! The application value ([`App`]) and one request's view of it ([`Scope`]).

use std::any::Any;
use std::future::Future;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use goodenough_core::practice_settings::{CrisisResource, PracticeSettings};
use goodenough_core::settings::today_in;
use goodenough_core::Settings;
use goodenough_store::accounts::Accounts;
use goodenough_store::{Backend, Store};

use crate::access::{authorize, Access, Action, Actor, Category, Denied};
use crate::cache::{Cache, Kind};
use crate::catalogues::Catalogues;
use crate::Result;

/// The store and what is loaded once at start. Cheap to clone.
#[derive(Clone)]
pub struct App {
    store: Arc<dyn Store>,
    catalogues: Arc<Catalogues>,
    /// Answers kept while a person's data is unchanged (see `cache.rs`).
    cache: Arc<Cache>,
}

impl App {
    pub fn new(store: Arc<dyn Store>, catalogues: Arc<Catalogues>) -> App {
        App {
            store,
            catalogues,
            cache: Arc::default(),
        }
    }

    /// Traps, crisis rules, scripts, questionnaires, practices and
    /// programmes: shipped plus the data directory's own, loaded once.
    pub fn catalogues(&self) -> &Catalogues {
        &self.catalogues
    }

    /// One request's view: `actor` asks about `subject`'s data at `now`.
    pub fn scope(&self, actor: Actor, subject: impl Into<String>, now: DateTime<Utc>) -> Scope {
        Scope {
            app: self.clone(),
            actor,
            subject: subject.into(),
            now,
            known: None,
            target: None,
        }
    }

    /// Accounts, sessions and tokens: what signing in needs before anyone
    /// is known. Holds no record of a person's coaching data.
    pub fn accounts(&self) -> &dyn Accounts {
        &*self.store
    }

    /// The store, for the jobs that act for nobody in particular (the
    /// reminder scheduler in `push.rs`); never for a person's request.
    pub(crate) fn store(&self) -> &dyn Store {
        &*self.store
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.store.backend()
    }

    /// The practice's name and the crisis resources of its region. Nobody's
    /// records: everyone may read them (Help now shows them first).
    pub async fn practice_settings(&self) -> Result<PracticeSettings> {
        Ok(self.store.practice_settings().await?)
    }

    /// Checks and replaces the practice's name and crisis resources, and
    /// returns what was kept. Only the operator may: the web's admin pages
    /// and API check the role before they call this, and at the command
    /// line whoever holds the database is its operator. Nothing is written
    /// when any part is refused.
    pub async fn set_practice_settings(
        &self,
        name: Option<&str>,
        resources: &[CrisisResource],
        now: DateTime<Utc>,
    ) -> Result<PracticeSettings> {
        let checked = PracticeSettings::checked(name, resources)?;
        self.store.put_practice_settings(&checked, now).await?;
        Ok(checked)
    }
}

impl App {
    /// What an invitation link offers someone not signed in (nobody's
    /// records: the coach's name, the date it ends, the email it is for).
    pub async fn open_invitation(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<crate::practice::OpenOffer> {
        crate::practice::open_invitation(&*self.store, token_hash, now).await
    }

    /// Signs a new person up through an invitation link: their client
    /// account and the link (sharing nothing) in one transaction, or
    /// nothing at all. Before anyone is signed in, so no scope: the
    /// invitation's secret is what allows it. Returns the new person's id
    /// and the link.
    pub async fn sign_up_by_invitation(
        &self,
        new: crate::practice::SignUp<'_>,
        now: DateTime<Utc>,
    ) -> Result<(String, goodenough_store::practice::Link)> {
        crate::practice::sign_up(&*self.store, new, now).await
    }
}

/// Who asks about whose data, and when. Every use case takes one.
#[derive(Clone)]
pub struct Scope {
    app: App,
    actor: Actor,
    subject: String,
    now: DateTime<Utc>,
    /// The subject's settings and data version, already read by this
    /// request (see [`Scope::knowing`]).
    known: Option<Known>,
    /// What was asked for (a page, an API route, a record), for the access
    /// log when the actor is not the subject.
    target: Option<String>,
}

/// A person's settings and data version as one read found them: what a
/// signed-in request learns with its session, before it reads anything else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// Whose they are: used only when this is the scope's subject.
    pub person: String,
    pub settings: Settings,
    pub data_version: i64,
    /// The person's links version as a coach, when the same query read it
    /// (a signed-in page's session): the roster then takes it instead of a
    /// read of its own ([`Scope::allow_each_client`]).
    pub coach_links_version: Option<i64>,
}

impl Scope {
    /// The person whose data this scope touches.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// Who asks.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The instant the request is made.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The application this scope belongs to.
    pub fn app(&self) -> &App {
        &self.app
    }

    /// The same scope, using `known` (the subject's settings and data
    /// version, read at the start of this request) instead of reading them
    /// again. For a request that only reads (a page shown, not a form
    /// saved): its answers are then as of the moment `known` was read, the
    /// kept ones included, which is the cache's rule (the version is read
    /// before any record). A write through this scope would not move
    /// `known`, so a request that writes must not use it.
    pub fn knowing(mut self, known: Known) -> Scope {
        self.known = Some(known);
        self
    }

    /// The same scope, naming what is asked for (a page or API route, or
    /// a record) in the subject's access log when the actor is their coach.
    pub fn for_target(mut self, target: impl Into<String>) -> Scope {
        self.target = Some(target.into());
        self
    }

    /// What was asked for, when the caller named it.
    pub fn target(&self) -> Option<&str> {
        self.target.as_deref()
    }

    /// The access check, then the store: the only way a use case reaches
    /// the subject's data. When the actor is someone else, their coaching
    /// grant is read, [`authorize`] decides, and the subject's access log
    /// gets a line for the attempt, allowed or refused, *before* anything
    /// else is read: a read with no log line cannot happen.
    pub(crate) async fn allow(&self, category: Category, action: Action) -> Result<Allowed<'_>> {
        let store = &*self.app.store;
        let access = match &self.actor {
            Actor::Person { id } if *id != self.subject => {
                let grant = store.grant(id, &self.subject).await?;
                let live = grant.as_ref().filter(|g| g.live);
                let verdict = authorize(
                    &self.actor,
                    &self.subject,
                    live.map(|g| &g.shared),
                    category,
                    action,
                );
                if let Some(grant) = &grant {
                    store
                        .log_access(&goodenough_store::practice::AccessEntry {
                            seq: 0,
                            client_id: self.subject.clone(),
                            coach_id: id.clone(),
                            coach_name: grant.coach_name.clone(),
                            at: self.now,
                            category: category.key().to_string(),
                            action: action.as_str().to_string(),
                            target: self.target.clone().unwrap_or_default(),
                            allowed: verdict.is_ok(),
                        })
                        .await?;
                }
                verdict?
            }
            _ => authorize(&self.actor, &self.subject, None, category, action)?,
        };
        let own = access == Access::Own;
        Ok(Allowed {
            store,
            person: &self.subject,
            now: self.now,
            cache: &self.app.cache,
            own,
            known: self
                .known
                .as_ref()
                .filter(|k| own && k.person == self.subject),
            since: match access {
                Access::Own => None,
                Access::Shared { since } => since,
            },
        })
    }
}

impl Scope {
    /// The access check for one category of several people at once, for
    /// a page that asks about every client of a coach (the roster). The
    /// rule is [`Scope::allow`]'s: the grants of all of them are read in
    /// one query, [`authorize`] decides for each, and every attempt by
    /// someone other than the subject gets its line in that subject's
    /// access log (all in one transaction) before the caller may read
    /// anything. The scope's own subject plays no part. Per subject, in
    /// the order given: the first date shared (`None`: every date), or
    /// the refusal.
    pub(crate) async fn allow_each(
        &self,
        subjects: &[String],
        category: Category,
        action: Action,
    ) -> Result<Vec<(String, std::result::Result<Option<NaiveDate>, Denied>)>> {
        let store = &*self.app.store;
        let since = |access: Access| match access {
            Access::Own => None,
            Access::Shared { since } => since,
        };
        let Actor::Person { id } = &self.actor else {
            return Ok(subjects
                .iter()
                .map(|s| {
                    let verdict = authorize(&self.actor, s, None, category, action).map(since);
                    (s.clone(), verdict)
                })
                .collect());
        };
        // Per client, the grant [`Scope::allow`] would read: their latest
        // link with this coach (a live one first) and its consent in force,
        // from one read of all the coach's links.
        let mut grants: std::collections::HashMap<String, goodenough_store::practice::Grant> =
            std::collections::HashMap::new();
        let kept = self.coach_links(id).await?;
        let mut links: Vec<_> = kept.iter().collect();
        links.sort_by(|(a, _), (b, _)| {
            (a.live(), a.started_at, &a.id).cmp(&(b.live(), b.started_at, &b.id))
        });
        for (link, consent) in links {
            // In that order, the last one seen for a client is its grant.
            grants.insert(
                link.client_id.clone(),
                goodenough_store::practice::Grant {
                    link_id: link.id.clone(),
                    coach_name: link.coach_name.clone(),
                    live: link.live(),
                    shared: consent.shared.clone(),
                },
            );
        }
        let mut lines = Vec::new();
        let mut verdicts = Vec::with_capacity(subjects.len());
        for subject in subjects {
            let grant = (subject != id).then(|| grants.get(subject)).flatten();
            let live = grant.filter(|g| g.live);
            let verdict = authorize(
                &self.actor,
                subject,
                live.map(|g| &g.shared),
                category,
                action,
            );
            if let Some(grant) = grant {
                lines.push(goodenough_store::practice::AccessEntry {
                    seq: 0,
                    client_id: subject.clone(),
                    coach_id: id.clone(),
                    coach_name: grant.coach_name.clone(),
                    at: self.now,
                    category: category.key().to_string(),
                    action: action.as_str().to_string(),
                    target: self.target.clone().unwrap_or_default(),
                    allowed: verdict.is_ok(),
                });
            }
            verdicts.push((subject.clone(), verdict.map(since)));
        }
        if !lines.is_empty() {
            store.log_access_many(&lines).await?;
        }
        Ok(verdicts)
    }

    /// The access check for one category of the clients of the actor that
    /// `window` picks, for the coach's roster: one read of the coach's
    /// links with their consent in force is both the list of clients (live
    /// links, oldest first) and what [`authorize`] decides on, so the list
    /// and the check cannot disagree. The window is cut from the live links
    /// by name, then position, before anyone is asked about: a client not
    /// shown is not asked about. For each client shown whose consent shares
    /// `category`, the verdict, with its line in that client's access log
    /// (all in one transaction) before the caller may read anything; a
    /// client who does not share it is not asked about (`None`: nothing of
    /// theirs is read, nothing logged). Someone who is not a person has no
    /// clients.
    pub(crate) async fn allow_each_client(
        &self,
        category: Category,
        action: Action,
        window: &crate::programme::RosterWindow,
    ) -> Result<ClientChecks> {
        let store = &*self.app.store;
        let Actor::Person { id } = &self.actor else {
            return Ok(ClientChecks::default());
        };
        // The version the session's query read for this request, if the
        // scope knows it (a page that only reads); otherwise read now.
        let known = self
            .known
            .as_ref()
            .filter(|k| k.person == *id)
            .and_then(|k| k.coach_links_version);
        let version = match known {
            Some(version) => version,
            None => store.coach_links_version(id).await?,
        };
        let links = self.coach_links_at(id, version).await?;
        let matching: Vec<_> = links
            .iter()
            .filter(|(link, _)| link.live() && window.matches(&link.client_name))
            .collect();
        let total = matching.len();
        let mut out = Vec::new();
        let mut lines = Vec::new();
        for (link, consent) in matching
            .into_iter()
            .skip(window.offset)
            .take(window.limit.unwrap_or(usize::MAX))
        {
            let (link, consent) = (link.clone(), consent.clone());
            let verdict = consent.shared.contains_key(category.key()).then(|| {
                let verdict = authorize(
                    &self.actor,
                    &link.client_id,
                    Some(&consent.shared),
                    category,
                    action,
                );
                lines.push(goodenough_store::practice::AccessEntry {
                    seq: 0,
                    client_id: link.client_id.clone(),
                    coach_id: id.clone(),
                    coach_name: link.coach_name.clone(),
                    at: self.now,
                    category: category.key().to_string(),
                    action: action.as_str().to_string(),
                    target: self.target.clone().unwrap_or_default(),
                    allowed: verdict.is_ok(),
                });
                verdict.map(|access| match access {
                    Access::Own => None,
                    Access::Shared { since } => since,
                })
            });
            out.push(ClientCheck {
                link,
                consent,
                verdict,
            });
        }
        if !lines.is_empty() {
            store.log_access_many(&lines).await?;
        }
        Ok(ClientChecks {
            total,
            version,
            links,
            checks: out,
        })
    }

    /// The coach's links with their consent in force, as
    /// [`goodenough_store::practice::Practice::links_with_consent`] answers
    /// them, read again only when the coach's links version has changed
    /// since the read kept. The version is read first, on every call, in
    /// its own query: a consent changed or a link ended through any server
    /// or the CLI has moved it (in the same transaction as the change), so
    /// the next request decides on the new consent, as it would reading
    /// the links themselves. Reading the version before the links means a
    /// read is never filed under a version newer than itself (`cache.rs`).
    pub(crate) async fn coach_links(&self, coach: &str) -> Result<CoachLinks> {
        let version = self.app.store.coach_links_version(coach).await?;
        self.coach_links_at(coach, version).await
    }

    /// [`Scope::coach_links`] for a links version already read in this
    /// request.
    async fn coach_links_at(&self, coach: &str, version: i64) -> Result<CoachLinks> {
        self.kept_under_links_version(coach, Kind::CoachLinks, version, || async {
            Ok(self.app.store.links_with_consent(coach, false).await?)
        })
        .await
    }

    /// The coach's invitations not used yet, expired or not (the caller
    /// decides that from the clock), oldest first, kept under the coach's
    /// links version as their links are: making, using or removing an
    /// invitation moves it (migration 0029). `version` is the number this
    /// request read before anything else of the coach's.
    pub(crate) async fn coach_invitations_at(
        &self,
        coach: &str,
        version: i64,
    ) -> Result<Arc<Vec<goodenough_store::practice::Invitation>>> {
        self.kept_under_links_version(coach, Kind::CoachInvitations, version, || async {
            Ok(self
                .app
                .store
                .open_invitations_of(coach, DateTime::<Utc>::UNIX_EPOCH)
                .await?)
        })
        .await
    }

    /// The coach's answer of `kind` kept under their links `version`, or
    /// else `read`'s, kept for the next request. Neither depends on the
    /// day: one fixed day for every entry.
    async fn kept_under_links_version<T, Fut>(
        &self,
        coach: &str,
        kind: Kind,
        version: i64,
        read: impl FnOnce() -> Fut,
    ) -> Result<Arc<T>>
    where
        T: Any + Send + Sync,
        Fut: Future<Output = Result<T>>,
    {
        let day = NaiveDate::MIN;
        if let Some(kept) = self.app.cache.get(coach, kind, None, version, day) {
            return Ok(kept);
        }
        let value = Arc::new(read().await?);
        self.app
            .cache
            .put(coach, kind, None, version, day, Arc::clone(&value));
        Ok(value)
    }

    /// The store, for a use case that has just asked [`Scope::allow_each`]
    /// and reads only what it allowed.
    pub(crate) fn store_after_check(&self) -> &dyn Store {
        &*self.app.store
    }
}

/// What [`Scope::allow_each_client`] answers: the window's clients with
/// their verdicts, how many clients match the window's name (all pages),
/// and the coach's links as kept (their own list, for naming the lines of
/// their reads).
#[derive(Default)]
pub(crate) struct ClientChecks {
    pub total: usize,
    /// The coach's links version read for this answer (0: no coach).
    pub version: i64,
    pub links: CoachLinks,
    pub checks: Vec<ClientCheck>,
}

/// A coach's links with the consent in force, oldest first, as
/// [`Scope::coach_links`] keeps them.
pub(crate) type CoachLinks = Arc<
    Vec<(
        goodenough_store::practice::Link,
        goodenough_store::practice::ConsentVersion,
    )>,
>;

/// One client of a coach as [`Scope::allow_each_client`] answers: their
/// live link, the consent in force, and for a category they share the
/// check's verdict (the first date shared, or the refusal).
pub(crate) struct ClientCheck {
    pub link: goodenough_store::practice::Link,
    pub consent: goodenough_store::practice::ConsentVersion,
    pub verdict: Option<std::result::Result<Option<NaiveDate>, Denied>>,
}

/// What a use case holds once the access check said yes.
pub(crate) struct Allowed<'a> {
    pub store: &'a dyn Store,
    pub person: &'a str,
    pub now: DateTime<Utc>,
    /// The kept answers (every kind for the person themselves; for a
    /// coach only [`Kind::one_window`] kinds, under their first date).
    pub cache: &'a Cache,
    /// Whether the person reads their own data.
    pub own: bool,
    /// The settings and data version this request already read, when the
    /// person reads their own data.
    pub known: Option<&'a Known>,
    /// The first date a coach may see (the client shares from then on);
    /// `None` for the person themselves or when every date is shared.
    pub since: Option<NaiveDate>,
}

impl Allowed<'_> {
    /// The later of `asked` and the first date shared with a coach: what a
    /// list read uses as its start, so nothing before the shared date is
    /// ever read for a coach.
    pub fn from(&self, asked: Option<NaiveDate>) -> Option<NaiveDate> {
        match (asked, self.since) {
            (Some(a), Some(s)) => Some(a.max(s)),
            (a, s) => a.or(s),
        }
    }

    /// Whether a record dated `date` may be shown (always, but for a coach
    /// given a later first date).
    pub fn shows(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|s| date >= s)
    }

    /// The subject's settings (their time zone gives their "today").
    pub async fn settings(&self) -> Result<Settings> {
        match self.known {
            Some(known) => Ok(known.settings.clone()),
            None => Ok(self.store.settings(self.person).await?),
        }
    }

    /// The answer of `kind` kept for the subject's current data version and
    /// local day, or else `compute`'s (given the subject's settings and local
    /// day), kept for the next request. The version is read here, with the
    /// settings and before `compute` reads any record: the rule of
    /// `cache.rs`, kept by this one place.
    pub async fn kept<T, Fut>(
        &self,
        kind: Kind,
        compute: impl FnOnce(Settings, NaiveDate) -> Fut,
    ) -> Result<Arc<T>>
    where
        T: Any + Send + Sync,
        Fut: Future<Output = Result<T>>,
    {
        let (settings, version) = match self.known {
            Some(known) => (known.settings.clone(), known.data_version),
            None => self.store.settings_versioned(self.person).await?,
        };
        let day = today_in(settings.tz(), self.now);
        // A coach's answer is filed under their first date (`since`); a
        // kind that reads more than that one window is not kept for them.
        let keep = self.own || kind.one_window();
        if keep {
            if let Some(hit) = self
                .cache
                .get::<T>(self.person, kind, self.since, version, day)
            {
                return Ok(hit);
            }
        }
        let value = Arc::new(compute(settings, day).await?);
        if keep {
            self.cache.put(
                self.person,
                kind,
                self.since,
                version,
                day,
                Arc::clone(&value),
            );
        }
        Ok(value)
    }

    /// The subject's local date at the scope's instant.
    pub async fn today(&self) -> Result<NaiveDate> {
        let settings = self.settings().await?;
        Ok(today_in(settings.tz(), self.now))
    }
}
