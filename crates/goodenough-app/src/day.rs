//! The person's date today, for a front end that shows a form of one
//! category (the date field's default, "still ahead" marks).

use chrono::NaiveDate;

use crate::access::{Action, Category};
use crate::{Result, Scope};

/// The subject's local date at the scope's instant. Asking needs read
/// access to `category`, the records the date is shown with.
pub async fn today(scope: &Scope, category: Category) -> Result<NaiveDate> {
    let allowed = scope.allow(category, Action::Read)?;
    allowed.today().await
}
