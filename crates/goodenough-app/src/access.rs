//! The one access check. Every use case names whose data it touches (the
//! *subject*), which category of it and whether it reads, writes or erases,
//! and asks [`authorize`] before it may reach the store.
//!
//! The rule: a person acting for themselves may do anything with their own
//! data. Another person may only *read*, and only what the subject shares
//! with them as their coach (a live link, the category in the consent in
//! force, from the date the client chose). Nobody else may touch anything.
//! [`crate::Scope`] finds the grant, asks [`authorize`], and writes the
//! client's access log line for every coach's attempt, allowed or refused,
//! before any record is read.

use std::fmt;

use chrono::NaiveDate;
use goodenough_store::practice::Shared;

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A person acting for themselves (the CLI's owner, a signed-in account,
    /// an API token).
    Person { id: String },
    /// Someone who may do nothing at all. Tests use it to prove that every
    /// use case goes through the check.
    Nobody,
}

impl Actor {
    /// A person acting for themselves.
    pub fn person(id: impl Into<String>) -> Actor {
        Actor::Person { id: id.into() }
    }
}

/// The categories of a person's data. A coach will be granted some of them,
/// one by one, by the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// Evening check-ins: mood, energy, three appreciations.
    CheckIns,
    /// Thought records, the inner critic, the journal and awareness logs.
    Thoughts,
    /// Wins, setbacks and the lessons from them.
    WinsAndSetbacks,
    /// Noes, delegations, mistakes, timeboxes, protected blocks.
    Boundaries,
    /// The exposure ladder and experiments.
    Experiments,
    /// Questionnaires and their scores.
    Assessments,
    /// Hobbies, joy logs, rest.
    Joy,
    /// The evidence file and values.
    Evidence,
    /// Weekly reviews, progress figures, outcomes and the report.
    ReviewsAndProgress,
    /// Programmes, enrolments and Today.
    Programme,
    /// The dates on which the product showed the person crisis help (the
    /// date only, never what they wrote). Off unless the client opts in.
    CrisisDates,
    /// Settings, export, import and erasing the account: the person's own.
    Account,
    /// The person's own coaching links, consent and access log.
    Coaching,
}

impl Category {
    /// Every category, for tables and tests.
    pub const ALL: [Category; 13] = [
        Category::CheckIns,
        Category::Thoughts,
        Category::WinsAndSetbacks,
        Category::Boundaries,
        Category::Experiments,
        Category::Assessments,
        Category::Joy,
        Category::Evidence,
        Category::ReviewsAndProgress,
        Category::Programme,
        Category::CrisisDates,
        Category::Account,
        Category::Coaching,
    ];

    /// The categories a client can share with a coach, in the order the
    /// consent page shows them. The dates crisis help was shown come last:
    /// an opt-in, with words of its own on the consent page.
    pub const SHAREABLE: [Category; 11] = [
        Category::CheckIns,
        Category::Thoughts,
        Category::WinsAndSetbacks,
        Category::Boundaries,
        Category::Experiments,
        Category::Assessments,
        Category::Joy,
        Category::Evidence,
        Category::ReviewsAndProgress,
        Category::Programme,
        Category::CrisisDates,
    ];

    /// The category's stable key: in consent records, forms, the API and
    /// the CLI.
    pub fn key(self) -> &'static str {
        match self {
            Category::CheckIns => "checkins",
            Category::Thoughts => "thoughts",
            Category::WinsAndSetbacks => "wins",
            Category::Boundaries => "boundaries",
            Category::Experiments => "experiments",
            Category::Assessments => "assessments",
            Category::Joy => "joy",
            Category::Evidence => "evidence",
            Category::ReviewsAndProgress => "progress",
            Category::Programme => "programme",
            Category::CrisisDates => "crisis",
            Category::Account => "account",
            Category::Coaching => "coaching",
        }
    }

    /// A shareable category by its key.
    pub fn shareable(key: &str) -> Option<Category> {
        Category::SHAREABLE
            .into_iter()
            .find(|c| c.key() == key.trim().to_lowercase())
    }

    /// The category's name in messages.
    pub fn label(self) -> &'static str {
        match self {
            Category::CheckIns => "check-ins",
            Category::Thoughts => "thoughts",
            Category::WinsAndSetbacks => "wins and setbacks",
            Category::Boundaries => "boundaries",
            Category::Experiments => "experiments",
            Category::Assessments => "assessments",
            Category::Joy => "joy",
            Category::Evidence => "evidence",
            Category::ReviewsAndProgress => "reviews and progress",
            Category::Programme => "programme",
            Category::CrisisDates => "crisis-help dates",
            Category::Account => "account",
            Category::Coaching => "coaching links",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What a use case does with the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Read,
    Write,
    Erase,
}

impl Action {
    /// The action's name in the access log.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::Write => "write",
            Action::Erase => "erase",
        }
    }

    fn verb(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::Write => "change",
            Action::Erase => "erase",
        }
    }
}

/// A refusal: the actor may not do this with this person's data. The message
/// names the category and the action, never any of the data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.sentence())]
pub struct Denied {
    pub category: Category,
    pub action: Action,
    pub reason: Reason,
}

/// Why the check said no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Not the actor's data, and no live coaching link that could share it.
    NotTheirs,
    /// The actor is the subject's coach, but the client does not share this
    /// (or a coach asked to change or erase anything).
    NotShared,
}

impl Denied {
    fn sentence(&self) -> String {
        match self.reason {
            Reason::NotTheirs => format!(
                "you may not {} this person's {}; only they can give that access.",
                self.action.verb(),
                self.category
            ),
            Reason::NotShared if self.action == Action::Read => format!(
                "not shared: this client has not shared their {} with you; only they can change that.",
                self.category
            ),
            Reason::NotShared => format!(
                "a coach can read what a client shares but not {} it; this client's {} stay theirs.",
                self.action.verb(),
                self.category
            ),
        }
    }
}

/// What the check allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The person's own data: everything.
    Own,
    /// A coach reading what the client shares, from `since` on (every date
    /// when `None`).
    Shared { since: Option<NaiveDate> },
}

/// The one access rule. `subject` is the person whose data is touched;
/// `shared` is what the subject shares with the actor over a live coaching
/// link (`None`: no live link).
pub fn authorize(
    actor: &Actor,
    subject: &str,
    shared: Option<&Shared>,
    category: Category,
    action: Action,
) -> Result<Access, Denied> {
    let denied = |reason| Denied {
        category,
        action,
        reason,
    };
    match actor {
        Actor::Person { id } if id == subject => Ok(Access::Own),
        Actor::Person { .. } => {
            let Some(shared) = shared else {
                return Err(denied(Reason::NotTheirs));
            };
            let given = Category::SHAREABLE
                .contains(&category)
                .then(|| shared.get(category.key()))
                .flatten();
            match (action, given) {
                (Action::Read, Some(since)) => Ok(Access::Shared { since: *since }),
                _ => Err(denied(Reason::NotShared)),
            }
        }
        Actor::Nobody => Err(denied(Reason::NotTheirs)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_may_do_everything_with_their_own_data_and_nothing_with_anothers() {
        let me = Actor::person("p1");
        for category in Category::ALL {
            for action in [Action::Read, Action::Write, Action::Erase] {
                assert_eq!(
                    authorize(&me, "p1", None, category, action),
                    Ok(Access::Own)
                );
                let refused = authorize(&me, "p2", None, category, action)
                    .expect_err("another person is refused");
                assert_eq!(refused.category, category);
                assert_eq!(refused.reason, Reason::NotTheirs);
                assert!(refused.to_string().contains(category.label()));
                assert!(authorize(&Actor::Nobody, "p1", None, category, action).is_err());
            }
        }
    }

    #[test]
    fn a_coach_reads_only_what_is_shared_and_never_writes() {
        let coach = Actor::person("coach");
        let from = NaiveDate::from_ymd_opt(2026, 11, 1);
        let mut shared = Shared::new();
        shared.insert("checkins".to_string(), None);
        shared.insert("thoughts".to_string(), from);
        // Keys that are not shareable categories grant nothing.
        shared.insert("account".to_string(), None);
        shared.insert("coaching".to_string(), None);
        for category in Category::ALL {
            for action in [Action::Read, Action::Write, Action::Erase] {
                let verdict = authorize(&coach, "client", Some(&shared), category, action);
                match (category, action) {
                    (Category::CheckIns, Action::Read) => {
                        assert_eq!(verdict, Ok(Access::Shared { since: None }))
                    }
                    (Category::Thoughts, Action::Read) => {
                        assert_eq!(verdict, Ok(Access::Shared { since: from }))
                    }
                    _ => {
                        let refused = verdict.expect_err("not shared");
                        assert_eq!(refused.reason, Reason::NotShared, "{category} {action:?}");
                    }
                }
            }
        }
        // Nothing shared at all: every read refused as "not shared".
        let nothing = Shared::new();
        let refused = authorize(
            &coach,
            "client",
            Some(&nothing),
            Category::CheckIns,
            Action::Read,
        )
        .expect_err("nothing shared");
        assert!(refused.to_string().starts_with("not shared"));
    }

    #[test]
    fn every_shareable_category_has_its_own_key() {
        for category in Category::SHAREABLE {
            assert_eq!(Category::shareable(category.key()), Some(category));
        }
        assert_eq!(Category::shareable("account"), None);
        assert_eq!(Category::shareable("Check-Ins"), None);
        assert_eq!(Category::shareable(" CHECKINS "), Some(Category::CheckIns));
    }
}
