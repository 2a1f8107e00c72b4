//! Boundaries: saying no (completed later with the guilt afterwards),
//! delegations and blameless mistake reviews.

use chrono::NaiveDate;
use goodenough_core::boundaries::{Delegation, MistakeInput, MistakeReview, NoInput, NoRecord};
use goodenough_core::clock::check_happened;

use crate::access::{Action, Category};
use crate::scope::Allowed;
use crate::{AppError, Result, Scope};

const CATEGORY: Category = Category::Boundaries;

/// The date of a record: the one given, or today; not after today.
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

fn now(allowed: &Allowed<'_>) -> chrono::DateTime<chrono::Utc> {
    goodenough_core::clock::round(allowed.now)
}

/// A "no" as a person gives it; `date` defaults to today.
#[derive(Debug, Clone)]
pub struct NewNo {
    pub date: Option<NaiveDate>,
    pub request: String,
    pub response: String,
    pub guilt_before: i64,
    pub guilt_after: Option<i64>,
    pub outcome: Option<String>,
}

/// Records a time the person said no.
pub async fn add_no(scope: &Scope, new: NewNo) -> Result<NoRecord> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let date = happened(&allowed, "a no", new.date).await?;
    let record = NoRecord::new(
        goodenough_core::id::new_id(),
        now(&allowed),
        date,
        &NoInput {
            request: &new.request,
            response: &new.response,
            guilt_before: new.guilt_before,
            guilt_after: new.guilt_after,
            outcome: new.outcome.as_deref(),
        },
    )?;
    allowed.store.add_no(allowed.person, &record).await?;
    Ok(record)
}

async fn find_no(allowed: &Allowed<'_>, id: &str) -> Result<NoRecord> {
    allowed
        .store
        .get_no(allowed.person, id)
        .await?
        .filter(|r| allowed.shows(r.date))
        .ok_or(AppError::not_found("record of saying no"))
}

/// One "no" by id.
pub async fn get_no(scope: &Scope, id: &str) -> Result<NoRecord> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    find_no(&allowed, id).await
}

/// Completes a "no" later: the guilt afterwards and what happened.
pub async fn complete_no(
    scope: &Scope,
    id: &str,
    guilt_after: Option<i64>,
    outcome: Option<&str>,
) -> Result<NoRecord> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let mut record = find_no(&allowed, id).await?;
    record.complete(guilt_after, outcome)?;
    allowed.store.update_no(allowed.person, &record).await?;
    Ok(record)
}

/// Every "no", oldest first (for a coach, from the first shared date).
pub async fn noes(scope: &Scope) -> Result<Vec<NoRecord>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let mut list = allowed.store.list_noes(allowed.person).await?;
    list.retain(|r| allowed.shows(r.date));
    Ok(list)
}

/// A delegation as a person gives it; `date` defaults to today.
#[derive(Debug, Clone)]
pub struct NewDelegation {
    pub date: Option<NaiveDate>,
    pub task: String,
    pub to: String,
    pub outcome: Option<String>,
    pub fine: Option<bool>,
}

/// Records a task handed on.
pub async fn add_delegation(scope: &Scope, new: NewDelegation) -> Result<Delegation> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let date = happened(&allowed, "a delegation", new.date).await?;
    let delegation = Delegation::new(
        goodenough_core::id::new_id(),
        now(&allowed),
        date,
        &new.task,
        &new.to,
        new.outcome.as_deref(),
        new.fine,
    )?;
    allowed
        .store
        .add_delegation(allowed.person, &delegation)
        .await?;
    Ok(delegation)
}

async fn find_delegation(allowed: &Allowed<'_>, id: &str) -> Result<Delegation> {
    allowed
        .store
        .get_delegation(allowed.person, id)
        .await?
        .filter(|d| allowed.shows(d.date))
        .ok_or(AppError::not_found("delegation"))
}

/// One delegation by id.
pub async fn get_delegation(scope: &Scope, id: &str) -> Result<Delegation> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    find_delegation(&allowed, id).await
}

/// Completes a delegation later: how it went.
pub async fn complete_delegation(
    scope: &Scope,
    id: &str,
    outcome: Option<&str>,
    fine: Option<bool>,
) -> Result<Delegation> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let mut delegation = find_delegation(&allowed, id).await?;
    delegation.complete(outcome, fine)?;
    allowed
        .store
        .update_delegation(allowed.person, &delegation)
        .await?;
    Ok(delegation)
}

/// Every delegation, oldest first (for a coach, from the first shared
/// date).
pub async fn delegations(scope: &Scope) -> Result<Vec<Delegation>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let mut list = allowed.store.list_delegations(allowed.person).await?;
    list.retain(|d| allowed.shows(d.date));
    Ok(list)
}

/// A mistake review as a person gives it; `date` defaults to today.
#[derive(Debug, Clone)]
pub struct NewMistake {
    pub date: Option<NaiveDate>,
    pub what: String,
    pub cost: String,
    pub factors: Option<String>,
    pub taught: String,
    pub friend: String,
    /// The id of one of the person's thought records.
    pub thought_id: Option<String>,
}

/// Records a blameless mistake review. A `thought_id` that names no thought
/// record of the person is `AppError::NotFound("thought record")`, checked
/// first; nothing is written then.
pub async fn add_mistake(scope: &Scope, new: NewMistake) -> Result<MistakeReview> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    if let Some(t) = new.thought_id.as_deref() {
        let thoughts = scope.allow(Category::Thoughts, Action::Read).await?;
        if thoughts
            .store
            .get_thought(thoughts.person, t)
            .await?
            .is_none()
        {
            return Err(AppError::not_found("thought record"));
        }
    }
    let date = happened(&allowed, "a mistake review", new.date).await?;
    let review = MistakeReview::new(
        goodenough_core::id::new_id(),
        now(&allowed),
        date,
        &MistakeInput {
            what: &new.what,
            cost: &new.cost,
            factors: new.factors.as_deref(),
            taught: &new.taught,
            friend: &new.friend,
            thought_id: new.thought_id.clone(),
        },
    )?;
    allowed.store.add_mistake(allowed.person, &review).await?;
    Ok(review)
}

/// Every mistake review, oldest first (for a coach, from the first shared
/// date).
pub async fn mistakes(scope: &Scope) -> Result<Vec<MistakeReview>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let mut list = allowed.store.list_mistakes(allowed.person).await?;
    list.retain(|m| allowed.shows(m.date));
    Ok(list)
}

/// The noes, delegations and mistake reviews together, each oldest first.
#[derive(Debug, Clone, Default)]
pub struct All {
    pub noes: Vec<NoRecord>,
    pub delegations: Vec<Delegation>,
    pub mistakes: Vec<MistakeReview>,
}

/// Every record of this pillar in one read (one access check, so one line
/// in a client's access log when their coach asks); for a coach, from the
/// first shared date.
pub async fn all(scope: &Scope) -> Result<All> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let (store, person) = (allowed.store, allowed.person);
    let mut all = All {
        noes: store.list_noes(person).await?,
        delegations: store.list_delegations(person).await?,
        mistakes: store.list_mistakes(person).await?,
    };
    all.noes.retain(|r| allowed.shows(r.date));
    all.delegations.retain(|d| allowed.shows(d.date));
    all.mistakes.retain(|m| allowed.shows(m.date));
    Ok(all)
}

/// One mistake review by id.
pub async fn get_mistake(scope: &Scope, id: &str) -> Result<MistakeReview> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    allowed
        .store
        .get_mistake(allowed.person, id)
        .await?
        .filter(|m| allowed.shows(m.date))
        .ok_or(AppError::not_found("mistake review"))
}
