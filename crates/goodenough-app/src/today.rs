//! The `/today` page's day at a glance: the programme's day, tonight's
//! check-in, kind consistency and recent wins, read in one go. Each part
//! asks the access check for its own category.

use goodenough_core::programme::Today;
use goodenough_core::{CheckIn, Consistency, Settings, Win};

use crate::access::{Action, Category};
use crate::cache::Kind;
use crate::{Result, Scope};

/// How far back "recent wins" reach, in days.
pub const RECENT_WIN_DAYS: i64 = 14;

/// A day at a glance.
#[derive(Debug, Clone)]
pub struct Overview {
    pub settings: Settings,
    /// What the programme suggests and what is due (its `date` is today).
    pub plan: Today,
    /// Today's check-in, if there is one.
    pub checkin: Option<CheckIn>,
    pub consistency: Consistency,
    /// Wins of the last [`RECENT_WIN_DAYS`] days, oldest first.
    pub wins: Vec<Win>,
}

/// The person's today at a glance, with the programmes of the app's
/// catalogues. Kept while the person's data and local date are unchanged
/// (see `cache.rs`): the busiest page reads one row when nothing changed.
pub async fn overview(scope: &Scope) -> Result<Overview> {
    let checkins = scope.allow(Category::CheckIns, Action::Read).await?;
    let journal = scope.allow(Category::WinsAndSetbacks, Action::Read).await?;
    let programme = scope.allow(Category::Programme, Action::Read).await?;
    let overview = checkins
        .kept(Kind::Today, |settings, today| async move {
            let checkin = checkins.store.checkin_on(checkins.person, today).await?;
            let programmes = &scope.app().catalogues().programmes().list;
            let plan = crate::programme::plan(
                &programme,
                scope.app().catalogues(),
                programmes,
                today,
                checkin.is_some(),
            )
            .await?;
            let dates = checkins.store.checkin_dates(checkins.person).await?;
            let consistency = Consistency::compute(&dates, today);
            let wins = journal
                .store
                .list_wins(
                    journal.person,
                    Some(today - chrono::Duration::days(RECENT_WIN_DAYS)),
                )
                .await?;
            Ok(Overview {
                settings,
                plan,
                checkin,
                consistency,
                wins,
            })
        })
        .await?;
    Ok(Overview::clone(&overview))
}
