//! The outcome summary per ISO week (timebox overruns and revisions, noes
//! and guilt, delegations, after-hours and weekend commits) and the git
//! signals behind its commit figures. The summary reads only the weeks
//! asked for, never the whole history.

use chrono::{DateTime, Utc};
use goodenough_core::gitsignals::{self, local_midnight, GitCommit, GitWeek, WorkHours};
use goodenough_core::outcomes::{self, WeekOutcome};
use goodenough_core::ValidationError;

use crate::access::{Action, Category};
use crate::{Result, Scope};

const CATEGORY: Category = Category::ReviewsAndProgress;

/// The summary window when none is asked for, in ISO weeks.
pub const DEFAULT_WEEKS: u32 = 12;
/// The longest summary window, in ISO weeks (about ten years).
pub const MAX_WEEKS: u32 = 530;

/// The summary of the `weeks` ISO weeks ending with the person's today,
/// oldest first (1 to [`MAX_WEEKS`]).
pub async fn weekly(scope: &Scope, weeks: u32) -> Result<Vec<WeekOutcome>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    if weeks == 0 || weeks > MAX_WEEKS {
        return Err(ValidationError::Other(format!(
            "weeks must be between 1 and {MAX_WEEKS}; you gave {weeks}."
        ))
        .into());
    }
    let settings = allowed.settings().await?;
    let hours = WorkHours::from_settings(&settings)?;
    let today = goodenough_core::settings::today_in(hours.tz, allowed.now);
    let from = outcomes::window_start(today, weeks);
    let facts = allowed
        .store
        .outcome_facts(allowed.person, local_midnight(from, &hours.tz), from)
        .await?;
    Ok(outcomes::summarize(&facts, &hours, from, today))
}

/// Commits per ISO week from `since` (default: all), oldest first: how many
/// were outside working hours (days off included) and how many on days off.
pub async fn git_weeks(scope: &Scope, since: Option<DateTime<Utc>>) -> Result<Vec<GitWeek>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let settings = allowed.settings().await?;
    let hours = WorkHours::from_settings(&settings)?;
    let times = allowed
        .store
        .git_commit_times(allowed.person, since)
        .await?;
    Ok(gitsignals::weekly(&times, &hours))
}

/// Records scanned commits (ids and times only); returns how many were new.
pub async fn add_git_commits(scope: &Scope, commits: &[GitCommit]) -> Result<u64> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    Ok(allowed
        .store
        .add_git_commits(allowed.person, commits)
        .await?)
}
