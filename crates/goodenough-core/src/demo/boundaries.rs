//! Demo noes, delegations and mistake reviews.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::id::id_from_rng;
use crate::thought::ThoughtRecord;

/// About eight months, the length of the reference programme.
use super::*;

/// Saying no, delegations and mistake reviews, on their own random stream
/// (other kinds stay as they were for a seed). Noes start rare and heavy
/// with guilt, become more frequent, and the guilt afterwards drops more
/// with practice — unevenly: in the crunch it barely eases, and the last
/// few are not completed yet. Delegations grow more common and mostly turn
/// out fine; a handful of mistake reviews, some tied to a thought record of
/// the same week.
pub(super) fn boundaries(
    seed: u64,
    start: NaiveDate,
    days: u32,
    programme: u32,
    thoughts: &[ThoughtRecord],
) -> (
    Vec<crate::boundaries::NoRecord>,
    Vec<crate::boundaries::Delegation>,
    Vec<crate::boundaries::MistakeReview>,
) {
    use crate::boundaries::{Delegation, MistakeReview, NoRecord};
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x00b0_0d1e_5b0a_0d1e);
    let at = |date: NaiveDate| {
        Utc.from_utc_datetime(
            &date.and_time(NaiveTime::from_hms_opt(16, 30, 0).unwrap_or(NaiveTime::MIN)),
        )
    };
    let (mut noes, mut delegations, mut mistakes) = (Vec::new(), Vec::new(), Vec::new());
    for day in 0..days {
        let date = start + Duration::days(i64::from(day));
        let p = progress(day, programme);
        let crunch = in_crunch(day, programme);
        let weekday = !matches!(date.format("%a").to_string().as_str(), "Sat" | "Sun");
        if weekday && rng.gen_bool((0.04 + 0.22 * p).clamp(0.0, 1.0)) {
            let (request, response) = DEMO_NOES[rng.gen_range(0..DEMO_NOES.len())];
            let before =
                (8.5 - 3.5 * p + rng.gen_range(-1.0..1.0) + if crunch { 1.0 } else { 0.0 })
                    .round()
                    .clamp(1.0, 10.0);
            let drop = if crunch {
                rng.gen_range(-1.0..1.5)
            } else {
                1.0 + 3.5 * p + rng.gen_range(-1.5..1.5)
            };
            let after = (before - drop).round().clamp(0.0, 10.0);
            let recent = days - day <= 4;
            let outcome = if recent {
                None
            } else {
                Some(DEMO_NO_OUTCOMES[rng.gen_range(0..DEMO_NO_OUTCOMES.len())].to_string())
            };
            noes.push(NoRecord {
                id: id_from_rng(&mut rng),
                created_at: at(date),
                date,
                request: request.to_string(),
                response: response.to_string(),
                guilt_before: before as u8,
                guilt_after: (!recent).then_some(after as u8),
                outcome,
            });
        }
        if weekday && rng.gen_bool((0.02 + 0.08 * p).clamp(0.0, 1.0)) {
            let (task, to) = DEMO_DELEGATIONS[rng.gen_range(0..DEMO_DELEGATIONS.len())];
            let done = days - day > 7;
            let fine = done.then(|| rng.gen_bool((0.6 + 0.3 * p).clamp(0.0, 1.0)));
            let outcome = match fine {
                Some(true) => {
                    Some("Done well, and differently from how I would have done it".to_string())
                }
                Some(false) => Some(
                    "Needed one round of follow-up; still saved me most of the time".to_string(),
                ),
                None => None,
            };
            delegations.push(Delegation {
                id: id_from_rng(&mut rng),
                created_at: at(date),
                date,
                task: task.to_string(),
                to: to.to_string(),
                outcome,
                fine,
            });
        }
        let mistake_chance = if crunch { 0.03 } else { 0.012 };
        if rng.gen_bool(mistake_chance) {
            let m = DEMO_MISTAKES[mistakes.len() % DEMO_MISTAKES.len()];
            // The thought record it set off: one written within three days.
            let thought_id = thoughts
                .iter()
                .filter(|t| t.date >= date && t.date <= date + Duration::days(3))
                .map(|t| t.id.clone())
                .next()
                .filter(|_| rng.gen_bool(0.6));
            mistakes.push(MistakeReview {
                id: id_from_rng(&mut rng),
                created_at: at(date),
                date,
                what: m.0.to_string(),
                cost: m.1.to_string(),
                factors: Some(m.2.to_string()),
                taught: m.3.to_string(),
                friend: m.4.to_string(),
                thought_id,
            });
        }
    }
    (noes, delegations, mistakes)
}

/// (request, response) for the demo's noes.
const DEMO_NOES: &[(&str, &str)] = &[
    (
        "Could you pick up the on-call shift this weekend too?",
        "Not this weekend; I was on call last week and need the rest",
    ),
    (
        "Can you join the hiring panel on top of the release work?",
        "Not this month; ask me again after the release",
    ),
    (
        "Would you review this 2,000-line PR before tomorrow?",
        "I can review the risky half tomorrow and the rest on Thursday",
    ),
    (
        "Can you rewrite the onboarding docs while you're at it?",
        "That is a project of its own; let's put it on the roadmap",
    ),
    (
        "Quick call at 7pm about the dashboard?",
        "I'm offline after six; 9:30 tomorrow works",
    ),
    (
        "Could you add one more feature before the demo?",
        "Not before the demo; it would go in untested",
    ),
    (
        "Can you mentor another new starter this quarter?",
        "I have one already; two would shortchange both",
    ),
];

const DEMO_NO_OUTCOMES: &[&str] = &[
    "They said thanks for being clear and found another way",
    "Nobody minded; the request was less urgent than it sounded",
    "My lead moved the work to next sprint",
    "A colleague offered to take it and was glad of the chance",
    "A slightly awkward moment, then it was forgotten",
];

/// (task, to) for the demo's delegations.
const DEMO_DELEGATIONS: &[(&str, &str)] = &[
    ("Write the release notes", "Priya"),
    ("Run the sprint demo", "Jonas"),
    ("Triage the bug queue this week", "Mei"),
    ("Update the deployment runbook", "Tomás"),
    ("First review of the API design", "Aisha"),
];

/// (what, cost, factors, taught, friend) for the demo's mistake reviews.
const DEMO_MISTAKES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Pushed a config change that broke staging for an hour",
        "An hour of staging for two teams; no customer saw it",
        "No check on config changes; end of a long day",
        "Config changes get the same review as code",
        "Staging exists so this can happen there; you found it and fixed it fast",
    ),
    (
        "Missed a message from a customer for two days",
        "A slower answer and an apology email",
        "Three channels to watch; no shared inbox",
        "One place for customer messages, checked twice a day",
        "Nobody can watch three channels at once; the setup made it likely",
    ),
    (
        "Gave a wrong estimate in planning",
        "The sprint slipped by two days",
        "The estimate was given on the spot, without looking at the code",
        "Say \"I'll have an estimate by tomorrow\" when unsure",
        "Estimates are guesses; being off is normal, and you adjusted quickly",
    ),
    (
        "Forgot to hand over a task before leave",
        "A colleague had to ask around for a morning",
        "Leave started right after a busy release",
        "A short handover note is part of going on leave",
        "You were running on empty; that is a reason, not a character flaw",
    ),
];
