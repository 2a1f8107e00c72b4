//! Timeboxes: start one (one running per person), revise, re-check, extend
//! and stop it, and the boxes with their weekly figures.
//!
//! Revise and re-check count against the running box, or the most recently
//! finished one when none runs (re-checking finished work is what they
//! count). When there is no box to change, the use case answers
//! `AppError::NotFound`: "running timebox" for stop and extend, "timebox"
//! for revise and re-check; each front end says it in its own words.

use chrono::{DateTime, Utc};
use goodenough_core::timebox::{parse_instant, weekly_summary, Outcome, Timebox, WeekSummary};
use goodenough_core::Settings;

use crate::access::{Action, Category};
use crate::scope::Allowed;
use crate::{AppError, Result, Scope};

const CATEGORY: Category = Category::Boundaries;

/// When something happened to a box.
#[derive(Debug, Clone, Copy)]
pub enum When<'a> {
    /// The scope's instant.
    Now,
    /// As typed: RFC 3339, or `YYYY-MM-DD HH:MM` in the person's time zone.
    Typed(&'a str),
    /// An instant already known.
    At(DateTime<Utc>),
}

impl<'a> When<'a> {
    /// Typed text when given, else now.
    pub fn typed_or_now(raw: Option<&'a str>) -> When<'a> {
        match raw {
            Some(raw) => When::Typed(raw),
            None => When::Now,
        }
    }
}

async fn instant(allowed: &Allowed<'_>, when: When<'_>) -> Result<DateTime<Utc>> {
    match when {
        When::Now => Ok(goodenough_core::clock::round(allowed.now)),
        When::At(at) => Ok(at),
        When::Typed(raw) => {
            let tz = allowed.settings().await?.tz();
            Ok(parse_instant(raw, &tz)?)
        }
    }
}

async fn running_box(allowed: &Allowed<'_>) -> Result<Timebox> {
    allowed
        .store
        .running_timebox(allowed.person)
        .await?
        .ok_or(AppError::not_found("running timebox"))
}

/// The running box, or the most recently finished one, and whether it runs.
async fn current_or_last(allowed: &Allowed<'_>) -> Result<(Timebox, bool)> {
    let (store, person) = (allowed.store, allowed.person);
    if let Some(b) = store.running_timebox(person).await? {
        return Ok((b, true));
    }
    match store.last_finished_timebox(person).await? {
        Some(b) => Ok((b, false)),
        None => Err(AppError::not_found("timebox")),
    }
}

/// A box as a person starts it.
#[derive(Debug, Clone)]
pub struct NewTimebox<'a> {
    pub title: &'a str,
    /// The limit as typed: `90m`, `1h30m`, `2h`.
    pub limit: &'a str,
    pub started: When<'a>,
}

/// Starts a box. A second one while one runs is a conflict
/// (`StoreError::Conflict`), and nothing is written.
pub async fn start(scope: &Scope, new: NewTimebox<'_>) -> Result<Timebox> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let at = instant(&allowed, new.started).await?;
    let b = Timebox::start(goodenough_core::id::new_id(), new.title, new.limit, at)?;
    allowed.store.start_timebox(allowed.person, &b).await?;
    Ok(b)
}

/// The running box, if one runs.
pub async fn running(scope: &Scope) -> Result<Option<Timebox>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed.store.running_timebox(allowed.person).await?)
}

/// One box by id.
pub async fn get(scope: &Scope, id: &str) -> Result<Timebox> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    allowed
        .store
        .get_timebox(allowed.person, id)
        .await?
        .ok_or(AppError::not_found("timebox"))
}

/// The boxes, oldest first.
pub async fn list(scope: &Scope) -> Result<Vec<Timebox>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed.store.list_timeboxes(allowed.person, None).await?)
}

/// The boxes with what showing them needs.
#[derive(Debug, Clone)]
pub struct Listing {
    /// Oldest first.
    pub boxes: Vec<Timebox>,
    /// Per ISO week of the person's time zone: overrun rate, median
    /// revisions, re-checks.
    pub weeks: Vec<WeekSummary>,
    /// The person's settings (their time zone for local times).
    pub settings: Settings,
}

/// The boxes, their weekly figures and the person's time zone.
pub async fn listing(scope: &Scope) -> Result<Listing> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let settings = allowed.settings().await?;
    let boxes = allowed.store.list_timeboxes(allowed.person, None).await?;
    let weeks = weekly_summary(&boxes, &settings.tz());
    Ok(Listing {
        boxes,
        weeks,
        settings,
    })
}

/// Ends the running box.
pub async fn stop(scope: &Scope, outcome: Outcome, at: When<'_>) -> Result<Timebox> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let mut b = running_box(&allowed).await?;
    let at = instant(&allowed, at).await?;
    b.stop(at, outcome)?;
    allowed
        .store
        .update_timebox(allowed.person, &b, true)
        .await?;
    Ok(b)
}

/// Counts a revision of the running box (or of the last finished one).
pub async fn revise(scope: &Scope, at: When<'_>, note: Option<&str>) -> Result<Timebox> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let (mut b, was_running) = current_or_last(&allowed).await?;
    let at = instant(&allowed, at).await?;
    b.revise(at, note)?;
    allowed
        .store
        .update_timebox(allowed.person, &b, was_running)
        .await?;
    Ok(b)
}

/// Counts a re-check of the running box (or of the last finished one).
pub async fn recheck(scope: &Scope) -> Result<Timebox> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let (mut b, was_running) = current_or_last(&allowed).await?;
    b.recheck();
    allowed
        .store
        .update_timebox(allowed.person, &b, was_running)
        .await?;
    Ok(b)
}

/// Gives the running box more time (overrun still counts against the
/// original limit). `minutes` as typed: `15m`, `1h`.
pub async fn extend(scope: &Scope, minutes: &str, reason: &str, at: When<'_>) -> Result<Timebox> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let mut b = running_box(&allowed).await?;
    let at = instant(&allowed, at).await?;
    b.extend(minutes, reason, at)?;
    allowed
        .store
        .update_timebox(allowed.person, &b, true)
        .await?;
    Ok(b)
}
