//! Progress: the four outcomes month by month, and the weekly and monthly
//! series of mood, energy, appreciations and belief.

use goodenough_core::figures::{OutcomeProgress, PeriodFacts};
use goodenough_core::progress::Progress;

use crate::access::{Action, Category};
use crate::cache::Kind;
use crate::{Result, Scope};

const CATEGORY: Category = Category::ReviewsAndProgress;

/// The four outcomes month by month, from the first record to today.
/// Kept while the person's data and local date are unchanged (`cache.rs`).
pub async fn outcomes(scope: &Scope) -> Result<OutcomeProgress> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let outcomes = allowed
        .kept(Kind::ProgressOutcomes, |_, today| async move {
            match allowed.store.first_record_date(allowed.person).await? {
                Some(from) if from <= today => {
                    let facts = allowed
                        .store
                        .period_facts(allowed.person, from, today)
                        .await?;
                    Ok(OutcomeProgress::compute(&facts, from, today))
                }
                _ => Ok(OutcomeProgress::compute(
                    &PeriodFacts::default(),
                    today + chrono::Duration::days(1),
                    today,
                )),
            }
        })
        .await?;
    Ok(OutcomeProgress::clone(&outcomes))
}

/// Weekly (ISO week) and monthly series of mean mood, mean energy, the
/// share of appreciations beyond work and belief before and after reframes.
/// Kept while the person's data and local date are unchanged (`cache.rs`).
pub async fn series(scope: &Scope) -> Result<Progress> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let progress = allowed
        .kept(Kind::ProgressSeries, |_, today| async move {
            let checkins = allowed.store.list_checkins(allowed.person, None).await?;
            let thoughts = allowed.store.list_thoughts(allowed.person, None).await?;
            Ok(Progress::compute(&checkins, &thoughts, today))
        })
        .await?;
    Ok(Progress::clone(&progress))
}
