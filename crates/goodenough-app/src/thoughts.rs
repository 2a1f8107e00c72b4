//! Thought records: a self-critical thought, the traps in it, a reframe.

use chrono::NaiveDate;
use goodenough_core::ThoughtRecord;

use crate::access::{Action, Category};
use crate::{Result, Scope};

const CATEGORY: Category = Category::Thoughts;

/// The thought records, oldest first; from `since` on when given.
pub async fn list(scope: &Scope, since: Option<NaiveDate>) -> Result<Vec<ThoughtRecord>> {
    let allowed = scope.allow(CATEGORY, Action::Read)?;
    Ok(allowed.store.list_thoughts(allowed.person, since).await?)
}
