//! Every kind of record a person keeps, with the words for one and for
//! many, and [`KindCounts`]: how many of each. Erase, import and export (CLI
//! and web) say what they did from here, so every summary names every kind
//! with the same words and the same plural rule ([`crate::text::count`]).

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::ExportDoc;

/// One kind of record: its key (the export document's array, `critics`
/// for the one inner critic profile) and its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub key: &'static str,
    pub one: &'static str,
    pub many: &'static str,
}

const fn kind(key: &'static str, one: &'static str, many: &'static str) -> Kind {
    Kind { key, one, many }
}

/// Every kind of record, in the order summaries list them.
pub const KINDS: [Kind; 23] = [
    kind("checkins", "check-in", "check-ins"),
    kind("thoughts", "thought record", "thought records"),
    kind("wins", "win", "wins"),
    kind("setbacks", "setback", "setbacks"),
    kind("noes", "time you said no", "times you said no"),
    kind("delegations", "delegation", "delegations"),
    kind("mistakes", "mistake review", "mistake reviews"),
    kind("rungs", "ladder rung", "ladder rungs"),
    kind("experiments", "experiment", "experiments"),
    kind("timeboxes", "timebox", "timeboxes"),
    kind("git_commits", "commit", "commits"),
    kind(
        "assessments",
        "questionnaire result",
        "questionnaire results",
    ),
    kind("critics", "inner critic profile", "inner critic profiles"),
    kind("values", "value", "values"),
    kind(
        "practice_logs",
        "practice log entry",
        "practice log entries",
    ),
    kind("reviews", "weekly review", "weekly reviews"),
    kind("hobbies", "hobby", "hobbies"),
    kind("blocks", "personal-time block", "personal-time blocks"),
    kind("block_occurrences", "block occurrence", "block occurrences"),
    kind("joy_logs", "joy log entry", "joy log entries"),
    kind("rests", "rest", "rests"),
    kind("enrolments", "programme enrolment", "programme enrolments"),
    kind("evidence", "evidence entry", "evidence entries"),
];

/// How many records of each kind, every kind present (in [`KINDS`] order).
/// Serialises as a JSON object `{"checkins": 3, …}` in that order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindCounts(Vec<(Kind, u64)>);

impl Default for KindCounts {
    fn default() -> Self {
        KindCounts::from_fn(|_| 0)
    }
}

impl KindCounts {
    /// The count of each kind from `count(key)`.
    pub fn from_fn(count: impl Fn(&str) -> u64) -> KindCounts {
        KindCounts(KINDS.iter().map(|k| (*k, count(k.key))).collect())
    }

    /// How many of the kind with this key (0 for an unknown key).
    pub fn get(&self, key: &str) -> u64 {
        self.0
            .iter()
            .find(|(k, _)| k.key == key)
            .map_or(0, |(_, n)| *n)
    }

    /// Records in all.
    pub fn total(&self) -> u64 {
        self.0.iter().map(|(_, n)| n).sum()
    }

    /// Every kind with its count.
    pub fn iter(&self) -> impl Iterator<Item = (Kind, u64)> + '_ {
        self.0.iter().copied()
    }

    /// Every kind named with its count: those there are first ("3
    /// check-ins, 1 win and 2 timeboxes"), then the kinds with none ("none
    /// of: thought records, setbacks, …"). "no records of any kind" when empty.
    pub fn sentence(&self) -> String {
        let some: Vec<String> = self
            .0
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| crate::text::count(*n, k.one, k.many))
            .collect();
        let none: Vec<&str> = self
            .0
            .iter()
            .filter(|(_, n)| *n == 0)
            .map(|(k, _)| k.many)
            .collect();
        match (some.is_empty(), none.is_empty()) {
            (true, _) => "no records of any kind".to_string(),
            (false, true) => and_list(&some),
            (false, false) => format!("{}; none of: {}", and_list(&some), none.join(", ")),
        }
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl Serialize for KindCounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, n) in &self.0 {
            map.serialize_entry(k.key, n)?;
        }
        map.end()
    }
}

impl ExportDoc {
    /// How many records of each kind the document holds.
    pub fn kind_counts(&self) -> KindCounts {
        let n = |len: usize| u64::try_from(len).unwrap_or(u64::MAX);
        KindCounts::from_fn(|key| match key {
            "checkins" => n(self.checkins.len()),
            "thoughts" => n(self.thoughts.len()),
            "wins" => n(self.wins.len()),
            "setbacks" => n(self.setbacks.len()),
            "noes" => n(self.noes.len()),
            "delegations" => n(self.delegations.len()),
            "mistakes" => n(self.mistakes.len()),
            "rungs" => n(self.rungs.len()),
            "experiments" => n(self.experiments.len()),
            "timeboxes" => n(self.timeboxes.len()),
            "git_commits" => n(self.git_commits.len()),
            "assessments" => n(self.assessments.len()),
            "critics" => u64::from(self.critic.is_some()),
            "values" => n(self.values.len()),
            "practice_logs" => n(self.practice_logs.len()),
            "reviews" => n(self.reviews.len()),
            "hobbies" => n(self.hobbies.len()),
            "blocks" => n(self.blocks.len()),
            "block_occurrences" => n(self.block_occurrences.len()),
            "joy_logs" => n(self.joy_logs.len()),
            "rests" => n(self.rests.len()),
            "enrolments" => n(self.enrolments.len()),
            "evidence" => n(self.evidence.len()),
            _ => 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_named_with_the_right_plural() {
        let c = KindCounts::from_fn(|k| match k {
            "checkins" => 3,
            "experiments" => 1,
            "delegations" => 1,
            _ => 0,
        });
        assert_eq!(c.total(), 5);
        assert_eq!(c.get("experiments"), 1);
        let s = c.sentence();
        assert!(
            s.starts_with(
                "3 check-ins, 1 delegation and 1 experiment; none of: thought records, wins, "
            ),
            "{s}"
        );
        for k in KINDS {
            assert!(s.contains(k.many) || s.contains(k.one), "{} named", k.key);
        }
        assert_eq!(KindCounts::default().sentence(), "no records of any kind");
        let one = KindCounts::from_fn(|k| u64::from(k == "hobbies") * 2);
        assert_eq!(
            one.sentence().split(';').next(),
            Some("2 hobbies"),
            "{}",
            one.sentence()
        );
        let json = serde_json::to_value(&c).expect("json");
        assert_eq!(json["checkins"], 3);
        assert_eq!(json["evidence"], 0);
        assert_eq!(json.as_object().map(|o| o.len()), Some(KINDS.len()));
    }

    #[test]
    fn keys_are_distinct_and_the_document_counts_each() {
        let keys: std::collections::HashSet<&str> = KINDS.iter().map(|k| k.key).collect();
        assert_eq!(keys.len(), KINDS.len());
        let at = chrono::DateTime::<chrono::Utc>::from_timestamp(0, 0).expect("epoch");
        let win = crate::journal::Win {
            id: "w1".into(),
            created_at: at,
            date: at.date_naive(),
            text: "Sent it".into(),
        };
        let doc = ExportDoc::new(
            crate::settings::Settings::defaults("UTC"),
            vec![],
            vec![],
            vec![win],
            vec![],
            at,
        );
        let c = doc.kind_counts();
        assert_eq!((c.get("wins"), c.total()), (1, 1));
        assert!(
            c.sentence()
                .starts_with("1 win; none of: check-ins, thought records"),
            "{}",
            c.sentence()
        );
    }
}
