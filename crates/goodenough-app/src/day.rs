//! The person's date today and time zone, for a front end that shows the
//! records or a form of one category (a date field's default, local times).

use chrono::NaiveDate;
use goodenough_core::Settings;

use crate::access::{Action, Category};
use crate::{Result, Scope};

/// The subject's local date at the scope's instant. Asking needs read
/// access to `category`, the records the date is shown with.
pub async fn today(scope: &Scope, category: Category) -> Result<NaiveDate> {
    let allowed = scope.allow(category, Action::Read).await?;
    allowed.today().await
}

/// The subject's settings, for showing records of `category` in their time
/// zone. Asking needs read access to `category`.
pub async fn settings(scope: &Scope, category: Category) -> Result<Settings> {
    let allowed = scope.allow(category, Action::Read).await?;
    allowed.settings().await
}
