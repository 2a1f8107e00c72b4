//! Weekly reviews: a week's figures from every pillar beside the four weeks
//! before, and the person's reflection saved with the figures of the moment.
//! A week view reads about five weeks of records, however long the history.

use chrono::NaiveDate;
use goodenough_core::review::{self, Reflection, WeekComparison, WeeklyReview};

use crate::access::{Action, Category};
use crate::scope::Allowed;
use crate::{Result, Scope};

const CATEGORY: Category = Category::ReviewsAndProgress;

/// The week holding `on` (default: today), with the saved review if any.
/// A day after today is refused: a week is reviewed once it has begun.
pub async fn week(scope: &Scope, on: Option<NaiveDate>) -> Result<WeekComparison> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    view(&allowed, on).await
}

async fn view(allowed: &Allowed<'_>, on: Option<NaiveDate>) -> Result<WeekComparison> {
    let today = allowed.today().await?;
    let on = on.unwrap_or(today);
    review::check_review_date(on, today)?;
    let (from, to) = review::view_window(on);
    let facts = allowed.store.period_facts(allowed.person, from, to).await?;
    let mut view = review::week_view(&facts, on, today);
    view.review = allowed
        .store
        .review_for_week(allowed.person, view.week_start)
        .await?;
    Ok(view)
}

/// Saves the reflection for the week of `on` (default: this week) with the
/// week's figures now; saving the same week again replaces the reflection
/// (the id and `created_at` stay).
pub async fn save(
    scope: &Scope,
    on: Option<NaiveDate>,
    reflection: Reflection,
) -> Result<WeeklyReview> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let view = view(&allowed, on).await?;
    let review = WeeklyReview::new(
        goodenough_core::id::new_id(),
        allowed.now,
        view.week_start,
        view.figures,
        reflection,
    );
    Ok(allowed.store.put_review(allowed.person, &review).await?)
}

/// The saved reviews, oldest week first.
pub async fn list(scope: &Scope) -> Result<Vec<WeeklyReview>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed.store.list_reviews(allowed.person).await?)
}
