//! The demo persona: a reproducible, realistic journey (seeded generator).
//!
//! Progress is deliberately non-linear: a slow start, a crunch around the
//! middle that brings setbacks and more self-critical thoughts, recovery,
//! and a maintenance phase with occasional wobbles when more than eight
//! months are asked for. Same seed, same dates → same data, ids included.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::area::LifeArea;
use crate::checkin::{Appreciation, CheckIn};
use crate::id::id_from_rng;
use crate::journal::{Setback, Win};
use crate::thought::{Emotion, ThoughtRecord};

/// About eight months, the length of the reference programme.
mod assessments;
mod awareness;
mod boundaries;
mod evidence;
mod experiments;
mod git;
mod joy;
mod reviews;
#[cfg(test)]
mod tests;
mod timeboxes;

use assessments::*;
use awareness::*;
use boundaries::*;
use evidence::*;
use experiments::*;
pub use git::git_commits_in_zone;
use git::*;
use joy::*;
pub use reviews::weekly_reviews;
use timeboxes::*;
pub const DEFAULT_DAYS: u32 = 240;

/// Everything the demo generator produces.
#[derive(Debug, Clone, Default)]
pub struct DemoData {
    pub checkins: Vec<CheckIn>,
    pub thoughts: Vec<ThoughtRecord>,
    pub wins: Vec<Win>,
    pub setbacks: Vec<Setback>,
    pub timeboxes: Vec<crate::timebox::Timebox>,
    pub noes: Vec<crate::boundaries::NoRecord>,
    pub delegations: Vec<crate::boundaries::Delegation>,
    pub mistakes: Vec<crate::boundaries::MistakeReview>,
    pub rungs: Vec<crate::experiment::Rung>,
    pub experiments: Vec<crate::experiment::Experiment>,
    /// Commits from the persona's git history (wall-clock times as UTC;
    /// see [`git_commits_in_zone`]).
    pub git_commits: Vec<crate::gitsignals::GitCommit>,
    /// The perfectionism snapshot, the WHO-5 and the CBI personal burnout
    /// scale every four weeks (the first snapshot is the intake), by date.
    pub assessments: Vec<crate::assessment::AssessmentResult>,
    /// Hobbies, personal-time blocks and whether each was kept, joy minutes, rest.
    pub hobbies: Vec<crate::joy::Hobby>,
    pub blocks: Vec<crate::joy::Block>,
    pub block_occurrences: Vec<crate::joy::Occurrence>,
    pub joy_logs: Vec<crate::joy::JoyLog>,
    pub rests: Vec<crate::joy::Rest>,
    /// The inner critic profile, values beyond work and practice minutes.
    pub critic: Option<crate::awareness::CriticProfile>,
    pub values: Vec<crate::awareness::LifeValue>,
    pub practice_logs: Vec<crate::awareness::PracticeLog>,
    /// The evidence log: accomplishments and praise with their attribution.
    pub evidence: Vec<crate::evidence::EvidenceEntry>,
    /// The persona follows the Perfectionism programme from the first day.
    pub enrolments: Vec<crate::programme::Enrolment>,
}

const APPRECIATIONS: &[(LifeArea, &str)] = &[
    (
        LifeArea::Work,
        "shipped the migration without re-reading it five times",
    ),
    (
        LifeArea::Work,
        "asked a question in standup instead of researching for an hour",
    ),
    (
        LifeArea::Work,
        "explained the caching bug clearly to the team",
    ),
    (
        LifeArea::Work,
        "stopped polishing the design doc at the agreed time",
    ),
    (LifeArea::Work, "fixed the flaky test"),
    (
        LifeArea::Work,
        "reviewed three pull requests with kind comments",
    ),
    (LifeArea::Work, "kept the meeting to its half hour"),
    (LifeArea::Relationships, "called my sister just to chat"),
    (
        LifeArea::Relationships,
        "listened to a friend without fixing anything",
    ),
    (LifeArea::Relationships, "cooked dinner with my partner"),
    (
        LifeArea::Relationships,
        "replied to my old classmate's message",
    ),
    (LifeArea::Health, "went for a walk at lunch"),
    (LifeArea::Health, "went to bed before eleven"),
    (LifeArea::Health, "stretched for ten minutes"),
    (LifeArea::Health, "drank water instead of a fourth coffee"),
    (LifeArea::Creativity, "sketched for twenty minutes"),
    (LifeArea::Creativity, "played guitar badly and enjoyed it"),
    (LifeArea::Creativity, "tried a new recipe without a plan"),
    (LifeArea::Creativity, "painted a small watercolour"),
    (
        LifeArea::Rest,
        "took a real lunch break away from the screen",
    ),
    (LifeArea::Rest, "read a novel on the balcony"),
    (LifeArea::Rest, "let the evening be slow"),
    (LifeArea::Character, "admitted I did not know the answer"),
    (LifeArea::Character, "was patient with myself after a slip"),
    (LifeArea::Character, "kept a promise to myself"),
    (LifeArea::Other, "fixed the bike tyre"),
    (LifeArea::Other, "sorted the balcony plants"),
];

/// A demo thought: (situation, thought, traps, emotions, reframe).
type DemoThought = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
);

const THOUGHTS: &[DemoThought] = &[
    (
        "A reviewer left one comment on my pull request",
        "I always miss something, I should have caught it myself",
        &["overgeneralisation", "should-statements"],
        &["ashamed", "anxious"],
        "One comment on a large change is normal review. Catching things is what review is for.",
    ),
    (
        "The release slipped a day",
        "It's all my fault, I'm such a failure",
        &["personalisation", "labelling"],
        &["guilty", "sad"],
        "Five people and a vendor were part of this. A day's slip is an event, not who I am.",
    ),
    (
        "Presented the quarterly roadmap",
        "They must think I'm a fraud, the questions showed it",
        &["mind-reading", "emotional-reasoning"],
        &["anxious", "embarrassed"],
        "Questions mean people were listening. I do not know what they think; I could ask.",
    ),
    (
        "My manager praised the incident write-up",
        "She was just being nice, anyone could have written it",
        &["disqualifying-the-positive", "moving-the-goalposts"],
        &["uneasy"],
        "She does not praise lightly. I can let a compliment count.",
    ),
    (
        "Sending the proposal after one read",
        "If it's not perfect they'll reject it and it will be a disaster",
        &["all-or-nothing", "fortune-telling", "catastrophising"],
        &["afraid", "tense"],
        "A good proposal with a typo is still a good proposal. Feedback is cheaper than a week of polishing.",
    ),
    (
        "Demo went well except the one bug on stage",
        "All I can think about is the one bug",
        &["mental-filter", "selective-attention-to-failure"],
        &["frustrated"],
        "Nine things worked and people were excited. The bug took thirty seconds of a thirty-minute demo.",
    ),
    (
        "Left work at six while the team stayed",
        "I should be working harder than everyone else",
        &["should-statements"],
        &["guilty"],
        "Rested people write better code. My hours were agreed and my work is done.",
    ),
    (
        "Hit the goal I set for the sprint",
        "That was too easy, it doesn't really count",
        &["moving-the-goalposts", "disqualifying-the-positive"],
        &["flat"],
        "Three weeks ago I called this goal ambitious. Reaching it counts.",
    ),
];

const WINS: &[&str] = &[
    "Sent the design doc at 80% and got useful feedback in an hour",
    "Said no to a fourth project without apologising three times",
    "Took Saturday fully off and did not check email",
    "Shipped on time without a last-minute rewrite",
    "Asked for help on the build issue after twenty minutes, not two days",
    "Let a teammate present my work and felt fine",
    "Painted for two hours on Sunday",
    "Noticed the inner critic and answered it kindly",
    "Left a typo in a chat message and nothing happened",
    "Delegated the release notes and they were good",
];

const SETBACKS: &[(&str, &str)] = &[
    (
        "Worked until midnight three days in a row during the crunch",
        "Crunch weeks need the boundaries most; plan the evening block before the week starts.",
    ),
    (
        "Re-wrote a finished report twice before sending it",
        "The second rewrite changed nothing anyone noticed. Timebox the review.",
    ),
    (
        "Skipped the evening check-ins for a week after a bad review",
        "Coming back matters more than the gap. Start with one sentence.",
    ),
    (
        "Snapped at a colleague when I was exhausted",
        "Tiredness shows up as irritation. Apologise, then rest.",
    ),
    (
        "Cancelled painting to polish slides",
        "The slides were fine. Personal time is not the first thing to cut.",
    ),
];

const EMOTION_INTENSITY: (i64, i64) = (35, 90);

/// The shape of progress over time, 0 (start) to 1 (well practised), with a
/// crunch dip around 40-55% of the first eight months and later wobbles.
fn progress(day: u32, total_programme: u32) -> f64 {
    let t = f64::from(day) / f64::from(total_programme.max(1));
    if t <= 1.0 {
        let base = 1.0 / (1.0 + (-7.0 * (t - 0.45)).exp());
        let dip = if (0.38..0.56).contains(&t) {
            0.28 * (1.0 - ((t - 0.47) / 0.09).abs())
        } else {
            0.0
        };
        (base - dip).clamp(0.0, 1.0)
    } else {
        // Maintenance: mostly steady, with a wobble every year around the same season.
        let years = (t - 1.0) * f64::from(total_programme) / 365.0;
        let season = (years.fract() - 0.5).abs();
        let wobble: f64 = if season < 0.06 { 0.25 } else { 0.0 };
        (0.85 - wobble).clamp(0.0, 1.0)
    }
}

/// Whether a day falls in the mid-programme crunch (busy weeks at work).
fn in_crunch(day: u32, total_programme: u32) -> bool {
    let t = f64::from(day) / f64::from(total_programme.max(1));
    (0.38..0.56).contains(&t)
}

/// Generates `days` days of demo data ending on `end` (inclusive).
pub fn generate(seed: u64, end: NaiveDate, days: u32) -> DemoData {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut data = DemoData::default();
    let start = end - Duration::days(i64::from(days.max(1)) - 1);
    let evening = NaiveTime::from_hms_opt(20, 30, 0).unwrap_or(NaiveTime::MIN);
    let programme = DEFAULT_DAYS.min(days.max(1));
    // Quiet stretches: a few evenings in a row without a check-in (more
    // likely in the crunch), besides the odd single evening off.
    let mut quiet_left = 0u32;
    for day in 0..days.max(1) {
        let date = start + Duration::days(i64::from(day));
        let p = progress(day, programme);
        let crunch = in_crunch(day, programme);
        let at = Utc.from_utc_datetime(&date.and_time(evening));
        let is_weekend = matches!(date.format("%a").to_string().as_str(), "Sat" | "Sun");

        if quiet_left == 0 && rng.gen_bool(if crunch { 0.06 } else { 0.012 }) {
            quiet_left = rng.gen_range(2..=6);
        }
        let quiet = quiet_left > 0;
        quiet_left = quiet_left.saturating_sub(1);

        if !quiet && rng.gen_bool((0.62 + 0.32 * p).clamp(0.0, 1.0)) {
            let mood =
                (3.2 + 4.0 * p + rng.gen_range(-1.5..1.5) + if is_weekend { 0.5 } else { 0.0 })
                    .round()
                    .clamp(0.0, 10.0) as i64;
            let energy = (3.5 + 3.0 * p + rng.gen_range(-2.0..2.0))
                .round()
                .clamp(0.0, 10.0) as i64;
            let work_chance = 0.85 - 0.55 * p;
            let mut apps: Vec<Appreciation> = Vec::new();
            while apps.len() < 3 {
                let want_work = rng.gen_bool(work_chance.clamp(0.05, 0.95));
                let pool: Vec<&(LifeArea, &str)> = APPRECIATIONS
                    .iter()
                    .filter(|(a, _)| (*a == LifeArea::Work) == want_work)
                    .collect();
                let (area, text) = pool[rng.gen_range(0..pool.len())];
                if !apps.iter().any(|a| a.text == *text) {
                    apps.push(Appreciation {
                        area: *area,
                        text: (*text).to_string(),
                    });
                }
            }
            let note = if rng.gen_bool(0.2) {
                Some(if p < 0.4 {
                    "Long day. Glad I did this anyway."
                } else {
                    "A calmer day than I expected."
                })
            } else {
                None
            };
            let id = id_from_rng(&mut rng);
            if let Ok(c) = CheckIn::new(id, date, mood, energy, apps, note) {
                data.checkins.push(c);
            }
        }

        if rng.gen_bool((0.38 - 0.26 * p).clamp(0.03, 0.9)) {
            let (situation, thought, traps, emotions, reframe) =
                THOUGHTS[rng.gen_range(0..THOUGHTS.len())];
            let belief = (88.0 - 28.0 * p + rng.gen_range(-8.0..8.0))
                .round()
                .clamp(0.0, 100.0) as u8;
            // Unevenly: now and then a reframe barely lands, whatever the phase.
            let drop = if rng.gen_bool(0.12) {
                rng.gen_range(0.0..6.0)
            } else {
                (12.0 + 38.0 * p + rng.gen_range(-10.0..10.0)).max(0.0)
            };
            let after = (f64::from(belief) - drop).round().clamp(0.0, 100.0) as u8;
            // Some evenings the thought is written down but not reframed yet.
            let reframed = rng.gen_bool(0.9);
            let emotions = emotions
                .iter()
                .map(|name| Emotion {
                    name: (*name).to_string(),
                    intensity: rng.gen_range(EMOTION_INTENSITY.0..=EMOTION_INTENSITY.1) as u8,
                })
                .collect();
            data.thoughts.push(ThoughtRecord {
                id: id_from_rng(&mut rng),
                created_at: at,
                date,
                situation: situation.to_string(),
                thought: thought.to_string(),
                belief,
                emotions,
                traps: traps.iter().map(|t| (*t).to_string()).collect(),
                reframe: reframed.then(|| reframe.to_string()),
                belief_after: reframed.then_some(after),
            });
        }

        if rng.gen_bool((0.08 + 0.2 * p).clamp(0.0, 1.0)) {
            data.wins.push(Win {
                id: id_from_rng(&mut rng),
                created_at: at,
                date,
                text: WINS[rng.gen_range(0..WINS.len())].to_string(),
            });
        }

        let setback_chance = if crunch { 0.11 } else { 0.05 - 0.045 * p };
        if rng.gen_bool(setback_chance.clamp(0.005, 1.0)) {
            let (text, lesson) = SETBACKS[rng.gen_range(0..SETBACKS.len())];
            data.setbacks.push(Setback {
                id: id_from_rng(&mut rng),
                created_at: at,
                date,
                text: text.to_string(),
                lesson: Some(lesson.to_string()),
            });
        }
    }
    data.timeboxes = timeboxes(seed, start, days.max(1), programme);
    (data.noes, data.delegations, data.mistakes) =
        boundaries(seed, start, days.max(1), programme, &data.thoughts);
    (data.rungs, data.experiments) = experiments(seed, start, end, days.max(1), programme);
    data.git_commits = git_commits(seed, start, days.max(1), programme);
    joy_records(&mut data, seed, start, days.max(1), programme);
    data.assessments = assessments(seed, start, days.max(1), programme);
    data.assessments.extend(published_questionnaires(
        seed,
        start,
        days.max(1),
        programme,
    ));
    data.assessments.sort_by_key(|a| (a.date, a.taken_at));
    awareness_records(&mut data, seed, start, days.max(1), programme);
    data.evidence = evidence_records(seed, start, days.max(1), programme);
    data.enrolments = enrolments(seed, start);
    data
}

/// The Perfectionism programme, started on the first demo day and still
/// running (in its maintenance rhythm once the 34 weeks are over). Its own
/// random stream, so the other areas' output stays as it was.
fn enrolments(seed: u64, start: NaiveDate) -> Vec<crate::programme::Enrolment> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7072_6f67_7261_6d6d);
    let morning = NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN);
    vec![crate::programme::Enrolment {
        id: id_from_rng(&mut rng),
        programme_id: crate::programme::PERFECTIONISM.to_string(),
        started_on: start,
        stopped_on: None,
        created_at: Utc.from_utc_datetime(&start.and_time(morning)),
    }]
}
