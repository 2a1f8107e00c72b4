//! Programmes, the enrolment and "today": the one computation behind
//! `goodenough today`, `/today` and `/api/v1/today`.
//!
//! The programmes themselves (shipped plus the data directory's own) are
//! loaded by the caller and passed in; these use cases only read and write
//! the person's enrolment and what a day holds.

use chrono::{Datelike, NaiveDate};
use goodenough_core::programme::{Enrolment, EnrolmentStatus, Programme, Today, TodayInput};

use crate::access::{Action, Category};
use crate::scope::Allowed;
use crate::{AppError, Result, Scope};

const CATEGORY: Category = Category::Programme;

/// What today holds on `on` (default: the person's today): the running
/// programme's week and phase, its suggestions, and what is due.
pub async fn today(
    scope: &Scope,
    programmes: &[Programme],
    on: Option<NaiveDate>,
) -> Result<Today> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let date = match on {
        Some(d) => d,
        None => allowed.today().await?,
    };
    let checked_in = allowed
        .store
        .checkin_on(allowed.person, date)
        .await?
        .is_some();
    plan(
        &allowed,
        scope.app().catalogues(),
        programmes,
        date,
        checked_in,
    )
    .await
}

/// [`today`] once the access check has passed and the day and whether it
/// has a check-in are known (the `/today` overview reads both itself).
pub(crate) async fn plan(
    allowed: &Allowed<'_>,
    catalogues: &crate::Catalogues,
    programmes: &[Programme],
    date: NaiveDate,
    checked_in: bool,
) -> Result<Today> {
    let (store, person) = (allowed.store, allowed.person);
    let running = store.running_enrolment(person).await?;
    let copy = crate::offers::with_running(store, catalogues, person, programmes, running.as_ref())
        .await?;
    let programme = running.as_ref().and_then(|e| {
        programmes
            .iter()
            .chain(copy.iter())
            .find(|p| p.id == e.programme_id)
            .map(|p| (p, e))
    });
    let monday = date - chrono::Duration::days(i64::from(date.weekday().num_days_from_monday()));
    let review_done = store.review_for_week(person, monday).await?.is_some();
    // Only what the day needs: open experiments planned for it or earlier,
    // and results inside today's assessment windows (range-bounded reads).
    let experiments = store.open_experiments_due_by(person, date).await?;
    let blocks = store.list_blocks(person).await?;
    let mut assessments = Vec::new();
    for (instrument, from, to) in Today::assessment_windows(programme, date) {
        assessments.extend(
            store
                .assessments_dated(person, &instrument, from, to)
                .await?,
        );
    }
    Ok(Today::compute(&TodayInput {
        date,
        programme,
        checked_in,
        review_done,
        experiments: &experiments,
        blocks: &blocks,
        assessments: &assessments,
    }))
}

/// The running enrolment, if any.
pub async fn running(scope: &Scope) -> Result<Option<Enrolment>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed.store.running_enrolment(allowed.person).await?)
}

/// The running enrolment and where it stands today (no standing when its
/// programme is not among `programmes`: a removed or broken file).
pub async fn status(scope: &Scope, programmes: &[Programme]) -> Result<EnrolmentStatus> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let today = allowed.today().await?;
    let running = allowed.store.running_enrolment(allowed.person).await?;
    let copy = crate::offers::with_running(
        allowed.store,
        scope.app().catalogues(),
        allowed.person,
        programmes,
        running.as_ref(),
    )
    .await?;
    match copy {
        Some(copy) => {
            let mut all = programmes.to_vec();
            all.push(copy);
            Ok(EnrolmentStatus::compute(running, &all, today))
        }
        None => Ok(EnrolmentStatus::compute(running, programmes, today)),
    }
}

/// Where each of `clients` stands in their programme, for a coach's
/// roster: one access check for all of them ([`Scope::allow_each`], every
/// attempt in that client's log), then one read of the allowed ones. A
/// client who does not share their programme (or is no client of the
/// actor's) is the refusal. In the order given.
pub async fn standings(
    scope: &Scope,
    clients: &[String],
    programmes: &[Programme],
) -> Result<Vec<(String, std::result::Result<EnrolmentStatus, crate::Denied>)>> {
    let verdicts = scope.allow_each(clients, CATEGORY, Action::Read).await?;
    let allowed: Vec<String> = verdicts
        .iter()
        .filter(|(_, v)| v.is_ok())
        .map(|(c, _)| c.clone())
        .collect();
    let mut found = running_of(scope, &allowed).await?;
    let mut out = Vec::with_capacity(verdicts.len());
    for (client, verdict) in verdicts {
        let status = match verdict {
            Err(denied) => Err(denied),
            Ok(_) => {
                let (settings, running) =
                    found.remove(&client).ok_or(AppError::not_found("person"))?;
                Ok(standing(scope, &client, settings, running, programmes).await?)
            }
        };
        out.push((client, status));
    }
    Ok(out)
}

/// Per client of `allowed` (whom the access check has just allowed), their
/// settings and running enrolment, in one read.
async fn running_of(
    scope: &Scope,
    allowed: &[String],
) -> Result<std::collections::HashMap<String, (goodenough_core::Settings, Option<Enrolment>)>> {
    Ok(scope
        .store_after_check()
        .running_enrolments_of(allowed)
        .await?
        .into_iter()
        .map(|(person, settings, running)| (person, (settings, running)))
        .collect())
}

/// Which of a coach's clients a roster shows: those whose name holds
/// `name` (ignoring case; every client without it), from position
/// `offset` (0 is the oldest link), at most `limit` of them (`None`: all).
#[derive(Debug, Clone, Default)]
pub struct RosterWindow {
    pub name: Option<String>,
    pub offset: usize,
    pub limit: Option<usize>,
}

impl RosterWindow {
    /// Every client, as the CLI lists them.
    pub fn all() -> RosterWindow {
        RosterWindow::default()
    }

    /// Whether a client of this name is in the window's list.
    pub(crate) fn matches(&self, client_name: &str) -> bool {
        match self.name.as_deref().map(str::trim) {
            None | Some("") => true,
            Some(part) => client_name.to_lowercase().contains(&part.to_lowercase()),
        }
    }
}

/// One client on the roster: the live link with the consent in force, and
/// where they stand in their programme when they share it (`None` when
/// they do not: nothing of theirs is read).
pub type RosterLine = (
    crate::practice::Linked,
    Option<std::result::Result<EnrolmentStatus, crate::Denied>>,
);

/// One page of the coach's roster.
#[derive(Debug, Clone)]
pub struct RosterPage {
    /// The clients the window picked, oldest link first.
    pub clients: Vec<RosterLine>,
    /// How many clients match the window's name, over all pages.
    pub total: usize,
    /// The coach's invitations still open (not used, not expired), oldest
    /// first: kept with their links, so the roster reads them without a
    /// query of its own while nothing changed.
    pub invitations: Vec<goodenough_store::practice::Invitation>,
    /// The coach's links as kept, whatever the window (see
    /// [`RosterPage::names`]).
    links: crate::scope::CoachLinks,
}

impl RosterPage {
    /// Every live client's person id and name, oldest link first, whatever
    /// the window: the coach's own list, what names the lines of their
    /// reads.
    pub fn names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.links
            .iter()
            .filter(|(link, _)| link.live())
            .map(|(link, _)| (link.client_id.as_str(), link.client_name.as_str()))
    }
}

/// The coach's roster: every client with a live link (oldest first) with
/// the consent in force, and where they stand in their programme when they
/// share it. The same as [`roster_page`] with every client in the window.
pub async fn roster(scope: &Scope, programmes: &[Programme]) -> Result<Vec<RosterLine>> {
    Ok(roster_page(scope, programmes, &RosterWindow::all())
        .await?
        .clients)
}

/// The clients of the coach's roster that `window` picks, with the consent
/// in force and where they stand in their programme when they share it.
/// One read of the coach's links is both the list and the access check
/// ([`Scope::allow_each_client`]): only the clients in the window who share
/// their programme are asked about, each attempt in that client's log;
/// then one read of the allowed clients' programmes.
pub async fn roster_page(
    scope: &Scope,
    programmes: &[Programme],
    window: &RosterWindow,
) -> Result<RosterPage> {
    // The list of clients is the coach's own (only they may ask for it),
    // then each client's programme is the check's.
    scope.allow(Category::Coaching, Action::Read).await?;
    let checks = scope
        .allow_each_client(CATEGORY, Action::Read, window)
        .await?;
    let allowed: Vec<String> = checks
        .checks
        .iter()
        .filter(|c| matches!(c.verdict, Some(Ok(_))))
        .map(|c| c.link.client_id.clone())
        .collect();
    let mut found = running_of(scope, &allowed).await?;
    let mut out = Vec::with_capacity(checks.checks.len());
    for check in checks.checks {
        let status = match check.verdict {
            None => None,
            Some(Err(denied)) => Some(Err(denied)),
            Some(Ok(_)) => {
                let (settings, running) = found
                    .remove(&check.link.client_id)
                    .ok_or(AppError::not_found("person"))?;
                Some(Ok(standing(
                    scope,
                    &check.link.client_id,
                    settings,
                    running,
                    programmes,
                )
                .await?))
            }
        };
        out.push((
            crate::practice::Linked {
                link: check.link,
                consent: check.consent,
            },
            status,
        ));
    }
    let invitations = match scope.actor() {
        crate::access::Actor::Person { id: coach } => scope
            .coach_invitations_at(coach, checks.version)
            .await?
            .iter()
            .filter(|i| i.expires_at > scope.now())
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    Ok(RosterPage {
        clients: out,
        total: checks.total,
        invitations,
        links: checks.links,
    })
}

/// Where one client stands today, from their settings and running
/// enrolment (after the access check allowed it): a coach's programme they
/// accepted runs from their copy.
async fn standing(
    scope: &Scope,
    client: &str,
    settings: goodenough_core::Settings,
    running: Option<Enrolment>,
    programmes: &[Programme],
) -> Result<EnrolmentStatus> {
    let today = goodenough_core::settings::today_in(settings.tz(), scope.now());
    let copy = crate::offers::with_running(
        scope.store_after_check(),
        scope.app().catalogues(),
        client,
        programmes,
        running.as_ref(),
    )
    .await?;
    Ok(match copy {
        Some(copy) => {
            let mut all = programmes.to_vec();
            all.push(copy);
            EnrolmentStatus::compute(running, &all, today)
        }
        None => EnrolmentStatus::compute(running, programmes, today),
    })
}

/// A programme just started, and the one it replaced.
#[derive(Debug, Clone)]
pub struct Started {
    pub enrolment: Enrolment,
    /// The programme stopped to make way (only with `replace`).
    pub stopped: Option<Enrolment>,
    /// The new enrolment and where it stands today.
    pub status: EnrolmentStatus,
}

/// Starts the programme `id` (one of `programmes`) with week 1 on
/// `started_on` (default today). Without `replace`, a running programme is a
/// conflict (`StoreError::Conflict`) and nothing is written; with it, the
/// running one is stopped today.
pub async fn start(
    scope: &Scope,
    programmes: &[Programme],
    id: &str,
    started_on: Option<NaiveDate>,
    replace: bool,
) -> Result<Started> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let programme = programmes
        .iter()
        .find(|p| p.id == id.trim())
        .ok_or(AppError::not_found("programme"))?;
    let today = allowed.today().await?;
    let enrolment = Enrolment {
        id: goodenough_core::id::new_id(),
        programme_id: programme.id.clone(),
        started_on: started_on.unwrap_or(today),
        stopped_on: None,
        created_at: allowed.now,
    };
    let stopped = allowed
        .store
        .start_enrolment(allowed.person, &enrolment, replace.then_some(today))
        .await?;
    let status = EnrolmentStatus::compute(Some(enrolment.clone()), programmes, today);
    Ok(Started {
        enrolment,
        stopped,
        status,
    })
}

/// Stops the running programme today (the records stay); the stopped
/// enrolment, or `None` when none was running.
pub async fn stop(scope: &Scope) -> Result<Option<Enrolment>> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let today = allowed.today().await?;
    Ok(allowed.store.stop_enrolment(allowed.person, today).await?)
}
