//! Answers computed from a person's whole data, kept while that data is
//! unchanged.
//!
//! The busiest reads (the day at a glance, the progress series, the
//! outcomes month by month) are pure functions of the person's records, their
//! settings, their local date and the catalogues (loaded once at start). The
//! database keeps a data version per person that every write changes, from
//! any process (migration 0014's triggers: the CLI writing beside a running
//! server counts), and the version is read in the same query as the
//! settings. An answer is reused only for the same person, the same version
//! and the same local date; anything else computes it again.
//!
//! What a person's coaches give them is kept the same way: their
//! assignments and programme offers move the client's data version too
//! (migration 0030), as does a new name of the coach who gave one. Reading
//! the assignments may close one the person has just done (a write, which
//! moves the version), so the next request reads them again and finds it
//! closed.
//!
//! Why this is safe when a write lands during a computation: the version is
//! read *before* the records, so an answer is never filed under a version
//! newer than the data it was computed from; at worst it is filed under an
//! older version, which no later request asks for.
//!
//! A person reading their own data uses every kind. A coach reading a
//! client's data uses only the kinds computed from one category's records
//! and nothing else ([`Kind::one_window`]: the check-in lists), and their
//! answer is filed under the first date the client shares with them too,
//! so an answer computed for one window is never handed to a reader with
//! another. What is kept is the client's data, never the permission: the
//! access check runs (and writes its log line) on every request before
//! the cache is asked.
//!
//! One kind is not a client's data but the coach's own: their links with
//! the consent in force ([`Kind::CoachLinks`]), which the roster's access
//! check decides on. It is filed under the coach's links version, which the
//! database moves in the same transaction as every change of a link, a
//! consent or a name (migration 0028), and which is read on every request
//! before the kept read is used: the check decides on the consent in force
//! at that moment, as a fresh read would. The coach's invitations not used
//! yet ([`Kind::CoachInvitations`]) are filed under the same number, which
//! making, using or removing one moves too (migration 0029); whether one has
//! expired is decided from the clock each time they are shown. A page that
//! only reads takes the number from the session's query, read at the start
//! of the request ([`crate::Known::coach_links_version`]), which comes before
//! the links are read as the rule above asks.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::NaiveDate;

/// Which answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// `today::overview`.
    Today,
    /// `progress::series`.
    ProgressSeries,
    /// `progress::outcomes`.
    ProgressOutcomes,
    /// `checkins::all_json`.
    CheckInsJson,
    /// `checkins::all`.
    CheckIns,
    /// `assignments::mine`: the person's own, from every coach.
    Assignments,
    /// `offers::mine`: the programmes offered to the person.
    Offers,
    /// The coach's own links with their consent in force (the roster's
    /// list and access check), filed under the coach and their links
    /// version rather than a data version (`Scope::coach_links`).
    CoachLinks,
    /// The coach's own invitations not used yet, filed under their links
    /// version as [`Kind::CoachLinks`] is (`Scope::coach_invitations_at`).
    CoachInvitations,
}

impl Kind {
    /// Whether the answer is a function of one category's records from a
    /// first date on (and of nothing a reader may not see), so a coach's
    /// read may keep it under that date. The day at a glance and the
    /// progress answers read several categories or ignore the date: only
    /// a person reading their own data keeps those.
    pub(crate) fn one_window(self) -> bool {
        match self {
            Kind::CheckInsJson | Kind::CheckIns => true,
            Kind::Today
            | Kind::Assignments
            | Kind::Offers
            | Kind::ProgressSeries
            | Kind::ProgressOutcomes
            | Kind::CoachLinks
            | Kind::CoachInvitations => false,
        }
    }
}

/// Whose answer, which one, and from which first date (`None`: every date,
/// as the person themselves reads it).
type Key = (String, Kind, Option<NaiveDate>);

/// How many answers are kept at most (four per person for over a thousand
/// people, a coach's views of their clients included); when full, the
/// oldest versions go first by clearing everything, which only costs a
/// recomputation.
const CAPACITY: usize = 4096;

struct Entry {
    version: i64,
    day: NaiveDate,
    value: Arc<dyn Any + Send + Sync>,
}

/// The kept answers of one process.
#[derive(Default)]
pub(crate) struct Cache {
    entries: Mutex<HashMap<Key, Entry>>,
}

impl Cache {
    fn lock(&self) -> MutexGuard<'_, HashMap<Key, Entry>> {
        // A panic elsewhere while holding the lock leaves a map that is
        // still whole (every insert is one call), so keep using it.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The answer kept for this person, kind, first date, version and
    /// day, if any.
    pub(crate) fn get<T: Any + Send + Sync>(
        &self,
        person: &str,
        kind: Kind,
        since: Option<NaiveDate>,
        version: i64,
        day: NaiveDate,
    ) -> Option<Arc<T>> {
        let map = self.lock();
        let entry = map.get(&(person.to_string(), kind, since))?;
        if entry.version != version || entry.day != day {
            return None;
        }
        Arc::clone(&entry.value).downcast::<T>().ok()
    }

    /// Keeps `value` as the answer for this person, kind, first date,
    /// version and day (replacing any older one of the same person, kind
    /// and first date).
    pub(crate) fn put<T: Any + Send + Sync>(
        &self,
        person: &str,
        kind: Kind,
        since: Option<NaiveDate>,
        version: i64,
        day: NaiveDate,
        value: Arc<T>,
    ) {
        let mut map = self.lock();
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert(
            (person.to_string(), kind, since),
            Entry {
                version,
                day,
                value,
            },
        );
    }

    /// How many answers are kept (for tests).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).expect("a date")
    }

    #[test]
    fn an_answer_is_reused_only_for_the_same_version_and_day() {
        let cache = Cache::default();
        cache.put("p", Kind::Today, None, 7, day(3), Arc::new(42_u32));
        assert_eq!(
            cache
                .get::<u32>("p", Kind::Today, None, 7, day(3))
                .as_deref(),
            Some(&42)
        );
        assert!(
            cache
                .get::<u32>("p", Kind::Today, None, 8, day(3))
                .is_none(),
            "a write since"
        );
        assert!(
            cache
                .get::<u32>("p", Kind::Today, None, 7, day(4))
                .is_none(),
            "a new day"
        );
        assert!(
            cache
                .get::<u32>("q", Kind::Today, None, 7, day(3))
                .is_none(),
            "another person"
        );
        assert!(
            cache
                .get::<u32>("p", Kind::ProgressSeries, None, 7, day(3))
                .is_none(),
            "another answer"
        );
        assert!(
            cache
                .get::<String>("p", Kind::Today, None, 7, day(3))
                .is_none(),
            "another type"
        );
    }

    #[test]
    fn a_newer_answer_replaces_the_older_and_the_size_is_bounded() {
        let cache = Cache::default();
        cache.put("p", Kind::Today, None, 1, day(3), Arc::new(1_u32));
        cache.put("p", Kind::Today, None, 2, day(3), Arc::new(2_u32));
        assert_eq!(cache.len(), 1);
        assert!(cache
            .get::<u32>("p", Kind::Today, None, 1, day(3))
            .is_none());
        assert_eq!(
            cache
                .get::<u32>("p", Kind::Today, None, 2, day(3))
                .as_deref(),
            Some(&2)
        );
        for i in 0..(CAPACITY + 10) {
            cache.put(
                &format!("p{i}"),
                Kind::Today,
                None,
                1,
                day(3),
                Arc::new(0_u32),
            );
        }
        assert!(cache.len() <= CAPACITY);
    }

    #[test]
    fn an_answer_for_one_first_date_is_never_handed_to_another() {
        let cache = Cache::default();
        let from = Some(day(1));
        cache.put("p", Kind::CheckIns, from, 7, day(3), Arc::new(1_u32));
        cache.put("p", Kind::CheckIns, None, 7, day(3), Arc::new(2_u32));
        assert_eq!(
            cache
                .get::<u32>("p", Kind::CheckIns, from, 7, day(3))
                .as_deref(),
            Some(&1),
            "the window it was computed for"
        );
        assert_eq!(
            cache
                .get::<u32>("p", Kind::CheckIns, None, 7, day(3))
                .as_deref(),
            Some(&2),
            "every date, beside it"
        );
        assert!(
            cache
                .get::<u32>("p", Kind::CheckIns, Some(day(2)), 7, day(3))
                .is_none(),
            "a later first date"
        );
    }

    #[test]
    fn only_the_single_category_lists_are_kept_for_a_coach() {
        assert!(Kind::CheckIns.one_window() && Kind::CheckInsJson.one_window());
        assert!(!Kind::Today.one_window(), "reads several categories");
        assert!(!Kind::Assignments.one_window(), "the person's own only");
        assert!(!Kind::Offers.one_window(), "the person's own only");
        assert!(!Kind::ProgressSeries.one_window(), "reads every date");
        assert!(!Kind::ProgressOutcomes.one_window(), "reads every date");
    }
}
