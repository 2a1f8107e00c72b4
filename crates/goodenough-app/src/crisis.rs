//! The dates on which the product showed a person crisis help (Help now,
//! after words of crisis or a questionnaire's safety item), the date only,
//! never what they wrote.
//!
//! Every front end records the date where it shows the help ([`shown`]);
//! the person reads their own dates (their export has them), and a coach
//! reads them only when the client opted in to that for them
//! ([`Category::CrisisDates`], off until the client ticks it, and like
//! every other category versioned, revocable and logged).

use chrono::NaiveDate;

use crate::access::{Action, Category};
use crate::{Result, Scope};

const CATEGORY: Category = Category::CrisisDates;

/// Notes that help was shown to the scope's person today (their local
/// date; once a day is kept, nothing else). Returns the date.
pub async fn shown(scope: &Scope) -> Result<NaiveDate> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let today = allowed.today().await?;
    allowed
        .store
        .record_crisis_shown(allowed.person, today)
        .await?;
    Ok(today)
}

/// The dates on which help was shown to the subject, oldest first: all of
/// them for the person, and for their coach (when the client opted in) from
/// the first date the client chose.
pub async fn dates(scope: &Scope) -> Result<Vec<NaiveDate>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed
        .store
        .crisis_dates(allowed.person, allowed.from(None))
        .await?)
}
