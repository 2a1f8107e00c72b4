//! The person's settings (name, time zone, working hours, reminder) and
//! their today, which the time zone decides.

use chrono::NaiveDate;
use goodenough_core::Settings;

use crate::access::{Action, Category};
use crate::{Result, Scope};

const CATEGORY: Category = Category::Account;

/// The settings.
pub async fn get(scope: &Scope) -> Result<Settings> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    allowed.settings().await
}

/// The person's local date at the scope's instant (a form's default date).
pub async fn today(scope: &Scope) -> Result<NaiveDate> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    allowed.today().await
}

/// Checks (core's rules) and saves the settings whole; nothing is written
/// when one of them cannot be used.
pub async fn save(scope: &Scope, settings: Settings) -> Result<Settings> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    settings.validate()?;
    allowed
        .store
        .put_settings(allowed.person, &settings)
        .await?;
    Ok(settings)
}
