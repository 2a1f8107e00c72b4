//! Wins and setbacks.

use chrono::NaiveDate;
use goodenough_core::clock::check_happened;
use goodenough_core::{Setback, Win};

use crate::access::{Action, Category};
use crate::scope::Allowed;
use crate::{AppError, Result, Scope};

const CATEGORY: Category = Category::WinsAndSetbacks;

async fn happened(
    allowed: &Allowed<'_>,
    what: &'static str,
    date: Option<NaiveDate>,
) -> Result<NaiveDate> {
    let today = allowed.today().await?;
    let date = date.unwrap_or(today);
    check_happened(what, date, today)?;
    Ok(date)
}

/// Logs a win on `date` (default today; not after today).
pub async fn add_win(scope: &Scope, date: Option<NaiveDate>, text: &str) -> Result<Win> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let date = happened(&allowed, "a win", date).await?;
    let win = Win::new(
        goodenough_core::id::new_id(),
        goodenough_core::clock::round(allowed.now),
        date,
        text,
    )?;
    allowed.store.add_win(allowed.person, &win).await?;
    Ok(win)
}

/// The wins, oldest first; from `since` on when given.
pub async fn wins(scope: &Scope, since: Option<NaiveDate>) -> Result<Vec<Win>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed
        .store
        .list_wins(allowed.person, allowed.from(since))
        .await?)
}

/// One win by id.
pub async fn get_win(scope: &Scope, id: &str) -> Result<Win> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    allowed
        .store
        .get_win(allowed.person, id)
        .await?
        .filter(|r| allowed.shows(r.date))
        .ok_or(AppError::not_found("win"))
}

/// Logs a setback (and its lesson, if any yet) on `date` (default today).
pub async fn add_setback(
    scope: &Scope,
    date: Option<NaiveDate>,
    text: &str,
    lesson: Option<&str>,
) -> Result<Setback> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let date = happened(&allowed, "a setback", date).await?;
    let setback = Setback::new(
        goodenough_core::id::new_id(),
        goodenough_core::clock::round(allowed.now),
        date,
        text,
        lesson,
    )?;
    allowed.store.add_setback(allowed.person, &setback).await?;
    Ok(setback)
}

/// The setbacks, oldest first; from `since` on when given.
pub async fn setbacks(scope: &Scope, since: Option<NaiveDate>) -> Result<Vec<Setback>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed
        .store
        .list_setbacks(allowed.person, allowed.from(since))
        .await?)
}

/// One setback by id.
pub async fn get_setback(scope: &Scope, id: &str) -> Result<Setback> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    allowed
        .store
        .get_setback(allowed.person, id)
        .await?
        .filter(|r| allowed.shows(r.date))
        .ok_or(AppError::not_found("setback"))
}
