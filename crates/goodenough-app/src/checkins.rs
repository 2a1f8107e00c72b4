//! Evening check-ins: record one, read them, and the kind consistency figures.

use chrono::NaiveDate;
use goodenough_core::{Appreciation, CheckIn, Consistency};

use std::sync::Arc;

use crate::access::{Action, Category};
use crate::cache::Kind;
use crate::{AppError, Result, Scope};
use goodenough_store::StoreError;

const CATEGORY: Category = Category::CheckIns;

/// A check-in as a person gives it; `date` defaults to their today.
#[derive(Debug, Clone)]
pub struct NewCheckIn {
    pub date: Option<NaiveDate>,
    pub mood: i64,
    pub energy: i64,
    pub appreciations: Vec<Appreciation>,
    pub note: Option<String>,
}

/// A saved check-in and whether it replaced one of the same date.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub checkin: CheckIn,
    pub replaced: bool,
}

/// Validates (core's rules, a date not after today) and saves a check-in.
/// With `replace`, one of the same date is replaced; without it, an existing
/// one is a conflict (`StoreError::Conflict`), and nothing is written.
pub async fn record(scope: &Scope, new: NewCheckIn, replace: bool) -> Result<Recorded> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let today = allowed.today().await?;
    let date = new.date.unwrap_or(today);
    goodenough_core::clock::check_happened("a check-in", date, today)?;
    let checkin = CheckIn::new(
        goodenough_core::id::new_id(),
        date,
        new.mood,
        new.energy,
        new.appreciations,
        new.note.as_deref(),
    )?;
    let replaced = replace
        && allowed
            .store
            .checkin_on(allowed.person, date)
            .await?
            .is_some();
    allowed
        .store
        .put_checkin(allowed.person, &checkin, replace)
        .await?;
    Ok(Recorded { checkin, replaced })
}

/// The check-in of one date, if there is one.
pub async fn on(scope: &Scope, date: NaiveDate) -> Result<Option<CheckIn>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    if !allowed.shows(date) {
        return Ok(None);
    }
    Ok(allowed.store.checkin_on(allowed.person, date).await?)
}

/// One check-in by id.
pub async fn get(scope: &Scope, id: &str) -> Result<CheckIn> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    allowed
        .store
        .get_checkin(allowed.person, id)
        .await?
        .filter(|c| allowed.shows(c.date))
        .ok_or(AppError::not_found("check-in"))
}

/// The check-ins, oldest first; from `since` on when given.
pub async fn list(scope: &Scope, since: Option<NaiveDate>) -> Result<Vec<CheckIn>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed
        .store
        .list_checkins(allowed.person, allowed.from(since))
        .await?)
}

/// Every check-in the reader may see, oldest first (from the first date
/// shared, for a coach), kept while the person's data is unchanged
/// (`cache.rs`). The access check runs first on every call.
pub async fn all(scope: &Scope) -> Result<Arc<Vec<CheckIn>>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    allowed
        .kept(Kind::CheckIns, |_, _| async {
            Ok(allowed
                .store
                .list_checkins(allowed.person, allowed.from(None))
                .await?)
        })
        .await
}

/// Every check-in the reader may see as its JSON text (the shape of the
/// export and the API), oldest first, kept while the person's data is
/// unchanged (`cache.rs`): a page of the API's list is these texts joined,
/// not copied and serialised again on every request.
pub async fn all_json(scope: &Scope) -> Result<Arc<Vec<String>>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    // Kept per day too, like every answer: one recomputation a day. A
    // coach's list starts at the first date shared and is kept under it.
    allowed
        .kept(Kind::CheckInsJson, |_, _| async {
            let list = allowed
                .store
                .list_checkins(allowed.person, allowed.from(None))
                .await?;
            list.iter()
                .map(|c| {
                    serde_json::to_string(c)
                        .map_err(|e| AppError::Store(StoreError::Corrupt(e.to_string())))
                })
                .collect::<Result<Vec<String>>>()
        })
        .await
}

/// Kind consistency over every check-in date (missed days never count
/// against anyone).
pub async fn consistency(scope: &Scope) -> Result<Consistency> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let dates = allowed.store.checkin_dates(allowed.person).await?;
    Ok(Consistency::compute(&dates, allowed.today().await?))
}

/// Consistency for this week and month only: cheap whatever the length of
/// the history (what a person sees right after checking in).
pub async fn recent_consistency(scope: &Scope) -> Result<Consistency> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let today = allowed.today().await?;
    let window = today - chrono::Duration::days(40);
    let dates: Vec<NaiveDate> = allowed
        .store
        .list_checkins(allowed.person, Some(window))
        .await?
        .iter()
        .map(|c| c.date)
        .collect();
    Ok(Consistency::compute(&dates, today))
}
