//! Awareness: the inner critic's profile, values and roles beyond work, and
//! the mindfulness practice log.
//!
//! The critic and the practice log are thoughts (awareness); values sit
//! with the evidence of who the person is beyond work.

use chrono::NaiveDate;
use goodenough_core::awareness::{CriticProfile, LifeValue, Practice, PracticeLog};
use goodenough_core::clock::check_happened;
use goodenough_core::ValidationError;

use crate::access::{Action, Category};
use crate::{AppError, Result, Scope};

const CRITIC: Category = Category::Thoughts;
const VALUES: Category = Category::Evidence;
const PRACTICE: Category = Category::Thoughts;

/// The critic as a person describes it.
#[derive(Debug, Clone, Default)]
pub struct NewCritic {
    pub name: String,
    /// What it typically says, one phrase each.
    pub says: Vec<String>,
    pub learned: Option<String>,
    pub protects: Option<String>,
    pub kind_answer: Option<String>,
}

/// Saves (replaces) the critic profile.
pub async fn set_critic(scope: &Scope, new: NewCritic) -> Result<CriticProfile> {
    let allowed = scope.allow(CRITIC, Action::Write).await?;
    let profile = CriticProfile::new(
        &new.name,
        &new.says,
        new.learned.as_deref(),
        new.protects.as_deref(),
        new.kind_answer.as_deref(),
        goodenough_core::clock::round(allowed.now),
    )?;
    allowed.store.put_critic(allowed.person, &profile).await?;
    Ok(profile)
}

/// The critic profile, if the person described it.
pub async fn critic(scope: &Scope) -> Result<Option<CriticProfile>> {
    let allowed = scope.allow(CRITIC, Action::Read).await?;
    Ok(allowed.store.critic(allowed.person).await?)
}

/// Adds a value or role beyond work.
pub async fn add_value(scope: &Scope, name: &str, practice: &str) -> Result<LifeValue> {
    let allowed = scope.allow(VALUES, Action::Write).await?;
    let value = LifeValue::new(
        goodenough_core::id::new_id(),
        name,
        practice,
        goodenough_core::clock::round(allowed.now),
    )?;
    allowed.store.add_value(allowed.person, &value).await?;
    Ok(value)
}

/// The values, oldest first.
pub async fn values(scope: &Scope) -> Result<Vec<LifeValue>> {
    let allowed = scope.allow(VALUES, Action::Read).await?;
    Ok(allowed.store.list_values(allowed.person).await?)
}

/// Removes a value; `AppError::NotFound("value")` when there is none with
/// that id (removed already, or not the person's).
pub async fn remove_value(scope: &Scope, id: &str) -> Result<()> {
    let allowed = scope.allow(VALUES, Action::Erase).await?;
    if allowed.store.remove_value(allowed.person, id).await? {
        Ok(())
    } else {
        Err(AppError::not_found("value"))
    }
}

/// Logs minutes (1-600) of a practice of `catalogue` on `date` (default
/// today; not after today).
pub async fn log_practice(
    scope: &Scope,
    catalogue: &[Practice],
    practice: &str,
    minutes: i64,
    date: Option<NaiveDate>,
) -> Result<PracticeLog> {
    let allowed = scope.allow(PRACTICE, Action::Write).await?;
    if !catalogue.iter().any(|p| p.id == practice) {
        let ids: Vec<&str> = catalogue.iter().map(|p| p.id.as_str()).collect();
        return Err(ValidationError::Other(format!(
            "There is no practice called \"{practice}\"; choose one of: {}.",
            ids.join(", ")
        ))
        .into());
    }
    goodenough_core::error::check_range("minutes", minutes, 1, 600)?;
    let today = allowed.today().await?;
    let date = date.unwrap_or(today);
    check_happened("a practice log", date, today)?;
    let log = PracticeLog::new(
        goodenough_core::id::new_id(),
        practice,
        date,
        u32::try_from(minutes).unwrap_or(1),
        goodenough_core::clock::round(allowed.now),
    )?;
    allowed.store.add_practice_log(allowed.person, &log).await?;
    Ok(log)
}

/// The practice log, oldest first.
pub async fn practice_logs(scope: &Scope) -> Result<Vec<PracticeLog>> {
    let allowed = scope.allow(PRACTICE, Action::Read).await?;
    Ok(allowed
        .store
        .list_practice_logs(allowed.person, None)
        .await?)
}
