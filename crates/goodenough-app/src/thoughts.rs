//! Thought records: a self-critical thought, the traps in it, a reframe.

use chrono::NaiveDate;
use goodenough_core::clock::check_happened;
use goodenough_core::thought::{Emotion, ThoughtInput};
use goodenough_core::traps::TrapCatalog;
use goodenough_core::ThoughtRecord;

use crate::access::{Action, Category};
use crate::{AppError, Result, Scope};

const CATEGORY: Category = Category::Thoughts;

/// The thought records, oldest first; from `since` on when given.
pub async fn list(scope: &Scope, since: Option<NaiveDate>) -> Result<Vec<ThoughtRecord>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed
        .store
        .list_thoughts(allowed.person, allowed.from(since))
        .await?)
}

/// A thought record as a person writes it; `date` defaults to today.
#[derive(Debug, Clone, Default)]
pub struct NewThought {
    pub date: Option<NaiveDate>,
    pub situation: String,
    pub thought: String,
    /// 0-100.
    pub belief: i64,
    pub emotions: Vec<Emotion>,
    /// Trap slugs of `catalogue`.
    pub traps: Vec<String>,
    pub reframe: Option<String>,
    /// 0-100; only with a reframe.
    pub belief_after: Option<i64>,
}

/// Saves a thought record (its date not after today), its traps checked
/// against `catalogue`.
pub async fn add(scope: &Scope, catalogue: &TrapCatalog, new: NewThought) -> Result<ThoughtRecord> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let today = allowed.today().await?;
    let date = new.date.unwrap_or(today);
    check_happened("a thought record", date, today)?;
    let record = ThoughtRecord::new(
        goodenough_core::id::new_id(),
        goodenough_core::clock::round(allowed.now),
        date,
        ThoughtInput {
            situation: new.situation,
            thought: new.thought,
            belief: new.belief,
            emotions: new.emotions,
            traps: new.traps,
            reframe: new.reframe,
            belief_after: new.belief_after,
        },
        |s| catalogue.contains(s),
    )?;
    allowed.store.add_thought(allowed.person, &record).await?;
    Ok(record)
}

/// One thought record by id.
pub async fn get(scope: &Scope, id: &str) -> Result<ThoughtRecord> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    allowed
        .store
        .get_thought(allowed.person, id)
        .await?
        .filter(|t| allowed.shows(t.date))
        .ok_or(AppError::not_found("thought record"))
}
