//! The one access check. Every use case names whose data it touches (the
//! *subject*), which category of it and whether it reads, writes or erases,
//! and asks [`authorize`] before it may reach the store.
//!
//! Only self-access is granted today: a person acting for themselves may do
//! anything with their own data, and nobody may touch anyone else's. The
//! coaching practice (a coach reading what a client chose to share) will be a
//! new [`Actor`] kind and a new arm here — and nowhere else.

use std::fmt;

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
    /// Settings, export, import and erasing the account: the person's own.
    Account,
}

impl Category {
    /// Every category, for tables and tests.
    pub const ALL: [Category; 11] = [
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
        Category::Account,
    ];

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
            Category::Account => "account",
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
#[error("you may not {} this person's {category}; only they can give that access.", action.verb())]
pub struct Denied {
    pub category: Category,
    pub action: Action,
}

/// The one access rule. `subject` is the person whose data is touched.
pub fn authorize(
    actor: &Actor,
    subject: &str,
    category: Category,
    action: Action,
) -> Result<(), Denied> {
    let allowed = match actor {
        Actor::Person { id } => id == subject,
        Actor::Nobody => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied { category, action })
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
                assert_eq!(authorize(&me, "p1", category, action), Ok(()));
                let refused =
                    authorize(&me, "p2", category, action).expect_err("another person is refused");
                assert_eq!(refused.category, category);
                assert!(refused.to_string().contains(category.label()));
                assert!(authorize(&Actor::Nobody, "p1", category, action).is_err());
            }
        }
    }
}
