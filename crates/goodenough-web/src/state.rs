//! Shared state of the server: the store, the configuration, the clock, the
//! content catalogues and the crisis-language rules. Nothing about a person
//! is kept in memory: sessions live in the database, so several servers can
//! share one store.

use std::ops::Deref;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use goodenough_app::catalogues::{Catalogues, Problem};
use goodenough_core::safety::SafetyRules;
use goodenough_store::Store;

/// Sign-in throttling: after `max_failures` failed sign-ins for one email
/// from one address within `window`, further tries are refused for a delay
/// that starts at `base_delay` and doubles with each further failure, never
/// longer than `window`. Nobody is ever locked out for good.
#[derive(Debug, Clone)]
pub struct Throttle {
    pub max_failures: u32,
    pub window: Duration,
    pub base_delay: Duration,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            max_failures: 5,
            window: Duration::minutes(15),
            base_delay: Duration::seconds(30),
        }
    }
}

/// Where the import form posts (it has a larger body limit).
pub const IMPORT_PATH: &str = "/data/import";
/// Where the API's import of an encrypted export posts (the same larger limit).
pub const API_IMPORT_PATH: &str = "/api/v1/import/encrypted";

/// How the server behaves (not a person's settings: those are in the store).
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Trust `X-Forwarded-Proto` / `X-Forwarded-For` from a reverse proxy.
    pub behind_proxy: bool,
    /// The server itself is reached over TLS (cookies get `Secure`).
    pub tls: bool,
    /// A session ends after this long without a request.
    pub idle_timeout: Duration,
    /// A session ends this long after sign-in, whatever happens.
    pub absolute_timeout: Duration,
    /// Time to type the second-factor code after the password.
    pub mfa_timeout: Duration,
    pub throttle: Throttle,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Largest body of the import form (`POST /data/import`), in bytes: an
    /// export of a few years does not fit in `body_limit`.
    pub import_limit: usize,
    /// Time zone for accounts created on the web.
    pub default_time_zone: String,
    /// The address people open (`https://coach.example.org`): passkeys are
    /// made for its host name and accepted only from it. `None`: passkeys
    /// work on `http://localhost` (any port) only.
    pub public_url: Option<String>,
    /// How long this server shows the practice's settings before reading
    /// them again (a change through another server shows within this).
    pub practice_refresh: std::time::Duration,
    /// Accept push addresses on plain `http://` to this machine (127.0.0.1,
    /// ::1, localhost): for tests and a push server of one's own. Off: only
    /// `https://` addresses are accepted.
    pub push_loopback_http: bool,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            behind_proxy: false,
            tls: false,
            idle_timeout: Duration::hours(12),
            absolute_timeout: Duration::days(30),
            mfa_timeout: Duration::minutes(5),
            throttle: Throttle::default(),
            body_limit: 256 * 1024,
            import_limit: 32 * 1024 * 1024,
            default_time_zone: "UTC".to_string(),
            public_url: None,
            practice_refresh: crate::practice_view::FRESH_FOR,
            push_loopback_http: false,
        }
    }
}

impl WebConfig {
    /// The body limit for a request path: the import form takes more.
    pub fn body_limit_for(&self, path: &str) -> usize {
        if path == IMPORT_PATH || path == API_IMPORT_PATH {
            self.import_limit.max(self.body_limit)
        } else {
            self.body_limit
        }
    }
}

/// The server's clock: the system time plus an offset that tests can move
/// forward (so timeouts and throttling are tested without waiting).
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_secs: Arc<AtomicI64>,
    /// The Unix second the clock stands still at (tests); 0 while it runs.
    frozen_at: Arc<AtomicI64>,
}

impl Clock {
    /// Now, rounded to whole seconds like every stored instant.
    pub fn now(&self) -> DateTime<Utc> {
        let offset = Duration::seconds(self.offset_secs.load(Ordering::Relaxed));
        let frozen = self.frozen_at.load(Ordering::Relaxed);
        let base = match DateTime::from_timestamp(frozen, 0) {
            Some(at) if frozen != 0 => at,
            _ => Utc::now(),
        };
        goodenough_core::clock::round(base + offset)
    }

    /// Stops the clock at the present instant, so only
    /// [`Clock::advance`] moves it (tests whose answer depends on which
    /// 30-second window a code falls in).
    pub fn freeze(&self) {
        let now = goodenough_core::clock::round(Utc::now()).timestamp();
        self.frozen_at.store(now, Ordering::Relaxed);
    }

    /// Stops the clock at `at` (tests: a reminder schedule across a day).
    pub fn set(&self, at: DateTime<Utc>) {
        self.offset_secs.store(0, Ordering::Relaxed);
        self.frozen_at.store(
            goodenough_core::clock::round(at).timestamp(),
            Ordering::Relaxed,
        );
    }

    /// Moves the clock forward (tests).
    pub fn advance(&self, by: Duration) {
        self.offset_secs
            .fetch_add(by.num_seconds(), Ordering::Relaxed);
    }
}

/// What every handler gets. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

/// The contents of [`AppState`].
pub struct Inner {
    /// For authentication only: accounts, sessions, API tokens, the
    /// calendar-feed token (and tests' seeding). A person's records are read
    /// and written through [`Inner::app`]'s use cases, behind the access check.
    pub store: Arc<dyn Store>,
    /// The use cases; [`AppState::scope`] is how a handler calls them.
    pub app: goodenough_app::App,
    pub config: WebConfig,
    pub clock: Clock,
    /// The crisis-language rules with the operator's help message (from
    /// the catalogues).
    pub safety: SafetyRules,
    /// The content files that could not be used, found at start (shown to
    /// admins on `/settings`).
    pub content_problems: Vec<Problem>,
    /// The practice's name and crisis resources as this server shows them
    /// (read again from the database every few seconds).
    pub practice: crate::practice_view::PracticeView,
    /// Web Push: the VAPID key and HTTP client, made on first use.
    pub push: crate::push::PushState,
}

impl AppState {
    /// Builds the state. Every catalogue is loaded here, so no request
    /// reads a file; a file that cannot be used is logged and left out.
    /// Fails only when the shipped safety rules cannot load.
    pub fn new(
        store: Arc<dyn Store>,
        config: WebConfig,
        catalogues: Arc<Catalogues>,
    ) -> anyhow::Result<AppState> {
        let content_problems = catalogues.load_all()?;
        for p in &content_problems {
            tracing::warn!(catalogue = p.kind.words(), file = %p.file, problem = %p, "a content file is left out");
        }
        let safety = catalogues.safety()?.clone();
        Ok(AppState(Arc::new(Inner {
            app: goodenough_app::App::new(store.clone(), catalogues),
            store,
            config,
            clock: Clock::default(),
            safety,
            content_problems,
            practice: Default::default(),
            push: Default::default(),
        })))
    }

    /// Traps, scripts, questionnaires, practices and programmes, loaded at
    /// start.
    pub fn catalogues(&self) -> &Catalogues {
        self.app.catalogues()
    }

    /// A person acting for themselves, at the server's clock: what every
    /// use case takes.
    pub fn scope(&self, person: &str) -> goodenough_app::Scope {
        self.app.scope(
            goodenough_app::Actor::person(person),
            person,
            self.clock.now(),
        )
    }

    /// A coach (`coach`) reading `client`'s data at the server's clock, for
    /// `target` (the page or route, written in the client's access log by
    /// the access check).
    pub fn scope_as_coach(&self, coach: &str, client: &str, target: &str) -> goodenough_app::Scope {
        self.app
            .scope(
                goodenough_app::Actor::person(coach),
                client,
                self.clock.now(),
            )
            .for_target(target)
    }

    /// The signed-in person's scope for a page that only reads: their
    /// settings and data version come from the session's query instead of
    /// a second read (see [`goodenough_app::Scope::knowing`]).
    pub fn scope_of_viewer(&self, user: &crate::auth::SessionUser) -> goodenough_app::Scope {
        self.scope(&user.person).knowing(user.known.clone())
    }
}

impl Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}
