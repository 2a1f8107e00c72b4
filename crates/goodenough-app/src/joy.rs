//! Joy: hobbies, weekly personal-time blocks (kept or skipped), minutes of
//! joy, rest, and the three summaries.
//!
//! Logging joy is never blocked by bookkeeping: a hobby named for the first
//! time is created on the way.
//!
//! For a coach given a first shared date, the dated records (kept or
//! skipped blocks, joy logs, rests by their first day) start at that date;
//! a hobby or weekly block shows when a record shown names it, or when it
//! was added from that date on (UTC) and no earlier record names it.

use chrono::NaiveDate;
use goodenough_core::clock::check_happened;
use goodenough_core::joy::{
    summarize, Block, Hobby, JoyLog, JoySummary, Occurrence, Rest, RestKind, Weekly,
};

use crate::access::{Action, Category};
use crate::scope::Allowed;
use crate::{AppError, Result, Scope};

const CATEGORY: Category = Category::Joy;

/// A hobby and whether it was created just now.
#[derive(Debug, Clone)]
pub struct Named {
    pub hobby: Hobby,
    pub created: bool,
}

/// The hobby named `name` (any case), created when new.
async fn hobby_named(allowed: &Allowed<'_>, name: &str) -> Result<Named> {
    let wanted = name.trim().to_lowercase();
    let hobbies = allowed.store.list_hobbies(allowed.person).await?;
    if let Some(hobby) = hobbies
        .into_iter()
        .find(|h| h.name.to_lowercase() == wanted)
    {
        return Ok(Named {
            hobby,
            created: false,
        });
    }
    let hobby = Hobby::new(
        goodenough_core::id::new_id(),
        goodenough_core::clock::round(allowed.now),
        name,
    )?;
    allowed.store.add_hobby(allowed.person, &hobby).await?;
    Ok(Named {
        hobby,
        created: true,
    })
}

/// Adds a hobby; one with the same name (any case) is returned as it is.
pub async fn add_hobby(scope: &Scope, name: &str) -> Result<Named> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    hobby_named(&allowed, name).await
}

/// The hobbies, oldest first.
pub async fn hobbies(scope: &Scope) -> Result<Vec<Hobby>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed.store.list_hobbies(allowed.person).await?)
}

/// A weekly block as a person gives it.
#[derive(Debug, Clone)]
pub struct NewBlock {
    pub title: String,
    pub weekly: Weekly,
    /// A hobby name (created when new).
    pub hobby: Option<String>,
}

/// Adds a weekly block of personal time (with the date it first falls on).
/// The title is checked before a new hobby is created, so a refused block
/// leaves nothing behind.
pub async fn add_block(scope: &Scope, new: NewBlock) -> Result<Upcoming> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    goodenough_core::text::required("block title", &new.title)?;
    let hobby_id = match new.hobby.as_deref() {
        Some(name) => Some(hobby_named(&allowed, name).await?.hobby.id),
        None => None,
    };
    let block = Block::new(
        goodenough_core::id::new_id(),
        goodenough_core::clock::round(allowed.now),
        &new.title,
        &new.weekly,
        hobby_id,
    )?;
    allowed.store.add_block(allowed.person, &block).await?;
    Ok(Upcoming {
        next: block.next_on_or_after(allowed.today().await?),
        block,
    })
}

/// The blocks, oldest first.
pub async fn blocks(scope: &Scope) -> Result<Vec<Block>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed.store.list_blocks(allowed.person).await?)
}

/// A block and the date it next falls on.
#[derive(Debug, Clone)]
pub struct Upcoming {
    pub block: Block,
    pub next: NaiveDate,
}

/// The blocks, oldest first, each with its next date from today on.
pub async fn upcoming(scope: &Scope) -> Result<Vec<Upcoming>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let today = allowed.today().await?;
    Ok(allowed
        .store
        .list_blocks(allowed.person)
        .await?
        .into_iter()
        .map(|block| Upcoming {
            next: block.next_on_or_after(today),
            block,
        })
        .collect())
}

async fn find_block(allowed: &Allowed<'_>, id: &str) -> Result<Block> {
    allowed
        .store
        .get_block(allowed.person, id)
        .await?
        .ok_or(AppError::not_found("block"))
}

/// One block by id.
pub async fn get_block(scope: &Scope, id: &str) -> Result<Block> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    find_block(&allowed, id).await
}

/// A block's occurrence and the block.
#[derive(Debug, Clone)]
pub struct Marked {
    pub block: Block,
    pub occurrence: Occurrence,
}

/// Marks one occurrence of a block kept or skipped (marking again replaces
/// it). `date` defaults to the block's most recent day up to today.
pub async fn mark(
    scope: &Scope,
    block_id: &str,
    date: Option<NaiveDate>,
    kept: bool,
    reason: Option<&str>,
) -> Result<Marked> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let block = find_block(&allowed, block_id).await?;
    let today = allowed.today().await?;
    let date = date.unwrap_or_else(|| block.last_on_or_before(today));
    check_happened("a kept or skipped block", date, today)?;
    let occurrence = Occurrence::new(&block, date, kept, reason)?;
    allowed
        .store
        .set_occurrence(allowed.person, &occurrence)
        .await?;
    Ok(Marked { block, occurrence })
}

/// The occurrence of a block on a date, when it was marked.
pub async fn occurrence(scope: &Scope, block_id: &str, date: NaiveDate) -> Result<Option<Marked>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let block = match find_block(&allowed, block_id).await {
        Ok(b) => b,
        Err(AppError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(e),
    };
    let found = allowed
        .store
        .get_occurrence(allowed.person, &block.id, date)
        .await?
        .filter(|o| allowed.shows(o.date));
    Ok(found.map(|occurrence| Marked { block, occurrence }))
}

/// Minutes of joy as a person gives them; `date` defaults to today.
#[derive(Debug, Clone)]
pub struct NewJoyLog {
    /// A hobby name (created when new).
    pub hobby: String,
    pub minutes: u32,
    pub date: Option<NaiveDate>,
}

/// A saved joy log and whether its hobby was created for it.
#[derive(Debug, Clone)]
pub struct Logged {
    pub log: JoyLog,
    pub hobby: Hobby,
    pub created: bool,
}

/// Logs time spent on a hobby.
pub async fn log(scope: &Scope, new: NewJoyLog) -> Result<Logged> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let today = allowed.today().await?;
    let date = new.date.unwrap_or(today);
    check_happened("a joy log", date, today)?;
    let Named { hobby, created } = hobby_named(&allowed, &new.hobby).await?;
    let log = JoyLog::new(
        goodenough_core::id::new_id(),
        goodenough_core::clock::round(allowed.now),
        &hobby,
        date,
        new.minutes,
    )?;
    allowed.store.add_joy_log(allowed.person, &log).await?;
    Ok(Logged {
        log,
        hobby,
        created,
    })
}

/// The joy log, oldest first (for a coach, from the first shared date).
pub async fn logs(scope: &Scope) -> Result<Vec<JoyLog>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let mut list = allowed.store.list_joy_logs(allowed.person).await?;
    list.retain(|l| allowed.shows(l.date));
    Ok(list)
}

/// A vacation or rest day(s) as a person gives them.
#[derive(Debug, Clone)]
pub struct NewRest {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: RestKind,
    /// 0-10.
    pub guilt: Option<i64>,
}

/// Records rest (its first day not after today).
pub async fn add_rest(scope: &Scope, new: NewRest) -> Result<Rest> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    check_happened("a rest", new.from, allowed.today().await?)?;
    let rest = Rest::new(
        goodenough_core::id::new_id(),
        goodenough_core::clock::round(allowed.now),
        new.from,
        new.to,
        new.kind,
        new.guilt,
    )?;
    allowed.store.add_rest(allowed.person, &rest).await?;
    Ok(rest)
}

/// Vacations and rest days, oldest first (for a coach, those whose first
/// day is on or after the first shared date).
pub async fn rests(scope: &Scope) -> Result<Vec<Rest>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let mut list = allowed.store.list_rests(allowed.person).await?;
    list.retain(|r| allowed.shows(r.from));
    Ok(list)
}

/// The dated records a reader may see: occurrences, logs and rests.
struct Dated {
    occurrences: Vec<Occurrence>,
    logs: Vec<JoyLog>,
    rests: Vec<Rest>,
}

async fn dated(allowed: &Allowed<'_>) -> Result<Dated> {
    let (store, person) = (allowed.store, allowed.person);
    let mut occurrences = store.list_occurrences(person).await?;
    let mut logs = store.list_joy_logs(person).await?;
    let mut rests = store.list_rests(person).await?;
    occurrences.retain(|o| allowed.shows(o.date));
    logs.retain(|l| allowed.shows(l.date));
    rests.retain(|r| allowed.shows(r.from));
    Ok(Dated {
        occurrences,
        logs,
        rests,
    })
}

async fn summary_of(allowed: &Allowed<'_>, today: NaiveDate, weeks: u32) -> Result<JoySummary> {
    let blocks = allowed.store.list_blocks(allowed.person).await?;
    let d = dated(allowed).await?;
    Ok(summarize(
        &blocks,
        &d.occurrences,
        &d.logs,
        &d.rests,
        today,
        weeks,
    ))
}

/// Blocks kept per week, minutes per hobby per week and days of rest per
/// month, over `weeks` ISO weeks ending with this one.
pub async fn summary(scope: &Scope, weeks: u32) -> Result<JoySummary> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let today = allowed.today().await?;
    summary_of(&allowed, today, weeks).await
}

/// Everything the joy page shows.
#[derive(Debug, Clone)]
pub struct Overview {
    pub today: NaiveDate,
    pub hobbies: Vec<Hobby>,
    pub blocks: Vec<Block>,
    pub occurrences: Vec<Occurrence>,
    pub logs: Vec<JoyLog>,
    pub rests: Vec<Rest>,
    /// The last `weeks` weeks.
    pub summary: JoySummary,
}

/// The hobbies, blocks, marked occurrences, logs and rests, with the
/// summaries of the last `weeks` weeks (for a coach, the dated records from
/// the first shared date).
pub async fn overview(scope: &Scope, weeks: u32) -> Result<Overview> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let (store, person) = (allowed.store, allowed.person);
    let today = allowed.today().await?;
    let hobbies = store.list_hobbies(person).await?;
    let blocks = store.list_blocks(person).await?;
    let Dated {
        occurrences,
        logs,
        rests,
    } = dated(&allowed).await?;
    let (hobbies, blocks) = if allowed.since.is_some() {
        let all_logs = store.list_joy_logs(person).await?;
        let all_occs = store.list_occurrences(person).await?;
        let hobbies = hobbies
            .into_iter()
            .filter(|h| {
                logs.iter().any(|l| l.hobby_id == h.id)
                    || (allowed.shows(h.created_at.date_naive())
                        && !all_logs.iter().any(|l| l.hobby_id == h.id))
            })
            .collect();
        let blocks = blocks
            .into_iter()
            .filter(|b| {
                occurrences.iter().any(|o| o.block_id == b.id)
                    || (allowed.shows(b.created_at.date_naive())
                        && !all_occs.iter().any(|o| o.block_id == b.id))
            })
            .collect();
        (hobbies, blocks)
    } else {
        (hobbies, blocks)
    };
    let summary = summarize(&blocks, &occurrences, &logs, &rests, today, weeks);
    Ok(Overview {
        today,
        hobbies,
        blocks,
        occurrences,
        logs,
        rests,
        summary,
    })
}
