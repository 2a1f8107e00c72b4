//! The person's calendar: the evening check-in reminder, weekly
//! personal-time blocks, the running timebox and the due dates of
//! experiments not recorded yet, as one iCalendar text (the CLI's file and
//! the web's feed).

use goodenough_core::calendar::{build, uid_key, CalendarInput};
use goodenough_core::settings::today_in;

use crate::access::{Action, Category};
use crate::{Result, Scope};

/// The iCalendar text. With `block_titles`, blocks carry the titles the
/// person gave them (the file on their own disk); without, they are
/// "Personal time" (the feed anyone with its address can read).
pub async fn ics(scope: &Scope, block_titles: bool) -> Result<String> {
    let allowed = scope.allow(Category::Boundaries, Action::Read).await?;
    let experiments = scope.allow(Category::Experiments, Action::Read).await?;
    let (store, person) = (allowed.store, allowed.person);
    let settings = allowed.settings().await?;
    let now = goodenough_core::clock::round(allowed.now);
    let blocks = store.list_blocks(person).await?;
    let running: Vec<_> = store.running_timebox(person).await?.into_iter().collect();
    let experiments = experiments
        .store
        .list_experiments(experiments.person, None)
        .await?;
    let key = uid_key(person);
    Ok(build(&CalendarInput {
        settings: &settings,
        first_day: today_in(settings.tz(), now),
        now,
        uid_key: &key,
        blocks: &blocks,
        timeboxes: &running,
        experiments: &experiments,
        block_titles,
    }))
}
