//! Demo git history: commit times of the persona.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// About eight months, the length of the reference programme.
use super::*;

/// The persona's commits: a few per working day, some late in the evening
/// and some at weekends. The after-hours share starts high, climbs in the
/// crunch, then falls as boundaries take hold, unevenly (each week has its
/// own wobble, and now and then a release week spills over). Times are wall
/// clock, stored as UTC; the CLI moves them into the person's time zone.
pub(super) fn git_commits(
    seed: u64,
    start: NaiveDate,
    days: u32,
    programme: u32,
) -> Vec<crate::gitsignals::GitCommit> {
    use chrono::Datelike;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6769_745f_7369_676e);
    let mut commits = Vec::new();
    let mut wobble = 0.0;
    let mut release_week = false;
    for day in 0..days {
        let date = start + Duration::days(i64::from(day));
        if date.weekday() == chrono::Weekday::Mon || day == 0 {
            wobble = rng.gen_range(-0.08..0.08);
            release_week = rng.gen_bool(0.07);
        }
        let p = progress(day, programme);
        let crunch = in_crunch(day, programme);
        let pressure = if crunch { 0.2 } else { 0.0 } + if release_week { 0.15 } else { 0.0 };
        let weekend = date.weekday().number_from_monday() >= 6;
        let n = if weekend {
            let chance = (0.32 - 0.27 * p + pressure).clamp(0.02, 0.9);
            if rng.gen_bool(chance) {
                rng.gen_range(1..=3)
            } else {
                0
            }
        } else {
            rng.gen_range(1..=5)
        };
        let late = (0.42 - 0.3 * p + pressure + wobble).clamp(0.03, 0.9);
        for _ in 0..n {
            let minute_of_day = if weekend || !rng.gen_bool(late) {
                rng.gen_range(9 * 60 + 15..17 * 60 + 50)
            } else if rng.gen_bool(0.8) {
                rng.gen_range(18 * 60 + 5..23 * 60 + 50)
            } else {
                rng.gen_range(6 * 60..8 * 60 + 50)
            };
            let time = NaiveTime::from_hms_opt(
                minute_of_day / 60,
                minute_of_day % 60,
                rng.gen_range(0..60),
            )
            .unwrap_or(NaiveTime::MIN);
            commits.push(crate::gitsignals::GitCommit {
                hash: format!(
                    "{:016x}{:016x}{:08x}",
                    rng.gen::<u64>(),
                    rng.gen::<u64>(),
                    rng.gen::<u32>()
                ),
                at: date.and_time(time).and_utc(),
            });
        }
    }
    commits.sort_by_key(|c| c.at);
    commits
}

/// Reads demo commit times (wall clock stored as UTC) as local times in
/// `tz`; a time skipped by a daylight-saving change moves an hour later.
pub fn git_commits_in_zone<Tz: TimeZone>(
    commits: Vec<crate::gitsignals::GitCommit>,
    tz: &Tz,
) -> Vec<crate::gitsignals::GitCommit> {
    commits
        .into_iter()
        .map(|c| {
            let wall = c.at.naive_utc();
            let at = tz
                .from_local_datetime(&wall)
                .earliest()
                .or_else(|| {
                    tz.from_local_datetime(&(wall + Duration::hours(1)))
                        .earliest()
                })
                .map_or(c.at, |t| t.with_timezone(&Utc));
            crate::gitsignals::GitCommit { hash: c.hash, at }
        })
        .collect()
}
