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

const ACCOMPLISHMENTS: &[&str] = &[
    "Shipped the search fix the same day it was found",
    "Ran the sprint review without rewriting the slides the night before",
    "Mentored the new hire through their first deploy",
    "Wrote the design note in one sitting and sent it",
    "Untangled the flaky integration test everyone had given up on",
    "Gave a clear estimate and kept to it",
    "Closed the quarter's on-call week with no escalations",
    "Finished the refactor in the timebox, not a week later",
    "Explained the outage calmly to the customer",
    "Said what I thought in the architecture meeting",
];

const PRAISE: &[(&str, &str)] = &[
    (
        "Your walkthrough made the migration easy to follow",
        "Priya",
    ),
    ("Thanks for unblocking us so quickly", "Jonas"),
    ("That review caught something important", "Mei"),
    ("You explained it better than the docs do", "the new hire"),
    ("Solid work on the release, really", "my manager"),
    ("Glad you were on this one", "Sam"),
    ("The customer asked for you by name", "support"),
    ("Your notes saved me a day", "Jonas"),
];

/// The evidence log: one or two entries a week (fewer in the crunch).
/// Early on success is mostly put down to luck or to others' help; the
/// share credited to own effort and ability grows over the months, slips
/// back in the crunch, and settles later.
fn evidence_records(
    seed: u64,
    start: NaiveDate,
    days: u32,
    programme: u32,
) -> Vec<crate::evidence::EvidenceEntry> {
    use crate::evidence::{Attribution, EvidenceEntry, EvidenceKind};
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0e1d_e9ce_0e1d_e9ce);
    let evening = NaiveTime::from_hms_opt(18, 45, 0).unwrap_or(NaiveTime::MIN);
    let mut out = Vec::new();
    for day in 0..days {
        let crunch = in_crunch(day, programme);
        let p = progress(day, programme);
        if !rng.gen_bool(if crunch { 0.12 } else { 0.2 }) {
            continue;
        }
        let date = start + Duration::days(i64::from(day));
        // Weights shift from luck/help towards effort/ability with progress.
        let luck = 0.55 - 0.42 * p + if crunch { 0.15 } else { 0.0 };
        let help = 0.25 - 0.07 * p;
        let effort = 0.15 + 0.27 * p;
        let ability = 0.05 + 0.22 * p;
        let roll = rng.gen_range(0.0..(luck + help + effort + ability));
        let attribution = if roll < luck {
            Attribution::Luck
        } else if roll < luck + help {
            Attribution::Help
        } else if roll < luck + help + effort {
            Attribution::Effort
        } else {
            Attribution::Ability
        };
        let (kind, text, source) = if rng.gen_bool(0.4) {
            let (t, who) = PRAISE[rng.gen_range(0..PRAISE.len())];
            (EvidenceKind::Praise, t, Some(who.to_string()))
        } else {
            let t = ACCOMPLISHMENTS[rng.gen_range(0..ACCOMPLISHMENTS.len())];
            (EvidenceKind::Accomplishment, t, None)
        };
        out.push(EvidenceEntry {
            id: id_from_rng(&mut rng),
            kind,
            text: text.to_string(),
            date,
            source,
            attribution,
            logged_at: Utc.from_utc_datetime(&date.and_time(evening)),
        });
    }
    out
}

/// The critic profile and three values (described in the first weeks), and
/// mindfulness practice a few times a week: rarer in the crunch, more
/// regular later on, with the odd quiet week.
fn awareness_records(data: &mut DemoData, seed: u64, start: NaiveDate, days: u32, programme: u32) {
    use crate::awareness::{CriticProfile, LifeValue, PracticeLog};
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0a3a_12e5_5e55_0a3a);
    let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN);
    let at = |d: u32| Utc.from_utc_datetime(&(start + Duration::days(i64::from(d))).and_time(noon));
    data.critic = Some(CriticProfile {
        name: "The Inspector".into(),
        says: vec![
            "not good enough".into(),
            "everyone will see you are a fraud".into(),
            "you should have checked it again".into(),
        ],
        learned: Some("School reports where a 92 meant asking about the missing 8.".into()),
        protects: Some("Me from being caught out, and from disappointing people.".into()),
        kind_answer: Some(
            "It was good enough to be useful, and people have been glad of it.".into(),
        ),
        updated_at: at(2.min(days - 1)),
    });
    let values = [
        (
            "friend",
            "Answer Priya's messages the same week and see her once a month.",
        ),
        (
            "painter",
            "Two hours of watercolour on Saturday mornings, whatever comes out.",
        ),
        (
            "sister",
            "Call my brother on Sunday evenings, even briefly.",
        ),
    ];
    data.values = values
        .iter()
        .enumerate()
        .map(|(i, (n, p))| LifeValue {
            id: id_from_rng(&mut rng),
            name: (*n).to_string(),
            practice: (*p).to_string(),
            created_at: at((3 + 4 * i as u32).min(days - 1)),
        })
        .collect();
    let practices = ["breathing", "body-scan", "grounding", "self-compassion"];
    let mut quiet_left = 0u32;
    for day in 0..days {
        let p = progress(day, programme);
        if quiet_left == 0 && rng.gen_bool(0.01) {
            quiet_left = rng.gen_range(4..=9);
        }
        if quiet_left > 0 {
            quiet_left -= 1;
            continue;
        }
        let chance = if in_crunch(day, programme) {
            0.18
        } else {
            0.25 + 0.3 * p
        };
        if !rng.gen_bool(chance.clamp(0.0, 1.0)) {
            continue;
        }
        let practice = practices[rng.gen_range(0..practices.len())];
        let minutes = match practice {
            "body-scan" => rng.gen_range(6..=10),
            "grounding" => rng.gen_range(3..=5),
            _ => rng.gen_range(2..=4),
        };
        data.practice_logs.push(PracticeLog {
            id: id_from_rng(&mut rng),
            practice: practice.to_string(),
            date: start + Duration::days(i64::from(day)),
            minutes,
            logged_at: at(day),
        });
    }
}

/// The demo ladder: (action, distress). The jump from 65 to 90 is left in
/// on purpose, so the gap hint has something to point at.
const DEMO_RUNGS: &[(&str, u8)] = &[
    (
        "Send a rough draft of the design doc to one trusted colleague",
        10,
    ),
    ("Ask a \"basic\" question in the team channel", 20),
    ("Open a pull request marked work-in-progress", 30),
    ("Leave at six with a task unfinished", 40),
    ("Say \"I don't know yet\" in a planning meeting", 50),
    ("Ship a feature with a known cosmetic rough edge", 58),
    ("Show a half-finished prototype at the weekly demo", 65),
    ("Present unfinished work at the all-hands", 90),
];

/// (belief, feared prediction) per rung, in the demo persona's words.
const DEMO_BELIEFS: &[(&str, &str)] = &[
    (
        "If people see my early drafts they will think I am careless",
        "My colleague says the draft is a mess",
    ),
    (
        "Senior engineers should never need to ask basic questions",
        "Someone replies with a link to the docs and an eye-roll",
    ),
    (
        "Unfinished code reflects badly on me",
        "A reviewer comments on how rough it is",
    ),
    (
        "If I leave on time the team will think I am not committed",
        "My lead asks why the task is not done",
    ),
    (
        "Admitting I don't know makes me look incompetent",
        "The room goes quiet and someone else takes over",
    ),
    (
        "Any visible flaw means the whole feature is a failure",
        "Users complain and my manager brings it up",
    ),
    (
        "Showing half-done work wastes everyone's time",
        "People look bored and nobody gives feedback",
    ),
    (
        "Presenting unfinished work to everyone will damage my reputation",
        "Someone points out the gaps in front of the whole company",
    ),
];

const DEMO_ACTUAL_NO: &[&str] = &[
    "Got two useful suggestions and a thank-you",
    "Nobody mentioned it; the conversation moved on",
    "Someone said they had the same question",
    "The feedback was about the idea, not about me",
    "It was a normal, slightly boring conversation",
];

const DEMO_ACTUAL_PARTLY: &[&str] = &[
    "One comment about the roughness, then helpful ideas",
    "A short pause, then a colleague asked a follow-up",
    "A question about the timing, asked kindly",
];

const DEMO_ACTUAL_YES: &[&str] = &[
    "It did happen, and it stung for an hour; then the work went on",
    "Someone pointed it out, and we fixed it the next day",
];

const DEMO_LEARNED: &[&str] = &[
    "Early feedback saves me days of polishing the wrong thing",
    "People are mostly busy with their own work",
    "Asking out loud helps others who were wondering too",
    "Even when the feared thing happens, it is survivable and small",
    "My prediction felt certain and was wrong again",
    "Good enough today beats perfect next month",
];

/// The exposure ladder and about one behavioural experiment every nine
/// days, on their own random stream (other kinds stay as they were for a
/// seed). Early on the feared outcome feels 70-85% likely and rarely
/// happens (about 1 in 10, partly now and then); predictions soften as the
/// ladder is climbed, the crunch brings fewer experiments and higher
/// anxiety, and anxiety afterwards drops unevenly.
fn experiments(
    seed: u64,
    start: NaiveDate,
    end: NaiveDate,
    days: u32,
    programme: u32,
) -> (
    Vec<crate::experiment::Rung>,
    Vec<crate::experiment::Experiment>,
) {
    use crate::experiment::{Experiment, ExperimentResult, Happened, Rung};
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0e4b_e21e_0e4b_e21e);
    let at = |date: NaiveDate, hour: u32| {
        Utc.from_utc_datetime(
            &date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN)),
        )
    };
    let mut rungs: Vec<Rung> = DEMO_RUNGS
        .iter()
        .enumerate()
        .map(|(i, (action, distress))| Rung {
            id: id_from_rng(&mut rng),
            created_at: at(start, 19) + Duration::minutes(i as i64),
            action: (*action).to_string(),
            distress: *distress,
            done_on: None,
        })
        .collect();
    let mut list = Vec::new();
    let mut day = rng.gen_range(2..6u32);
    let mut outcomes: Vec<Happened> = Vec::new();
    while day < days {
        let date = start + Duration::days(i64::from(day));
        let p = progress(day, programme);
        let crunch = in_crunch(day, programme);
        // Climb: the rung follows progress through the programme; later,
        // any rung is revisited now and then.
        let rung = if day < programme {
            ((p * DEMO_RUNGS.len() as f64) as usize).min(DEMO_RUNGS.len() - 1)
        } else {
            rng.gen_range(0..DEMO_RUNGS.len())
        };
        let likelihood = if day < programme {
            let base = 85.0 - 40.0 * p + if crunch { 10.0 } else { 0.0 };
            (base + rng.gen_range(-7.0..7.0)).clamp(20.0, 95.0).round() as i64
        } else {
            rng.gen_range(20..50)
        };
        let anxiety = if crunch {
            rng.gen_range(70..90)
        } else {
            ((80.0 - 45.0 * p) + rng.gen_range(-10.0..10.0))
                .clamp(15.0, 95.0)
                .round() as i64
        };
        let (belief, prediction) = DEMO_BELIEFS[rung];
        let Ok(mut e) = Experiment::plan(
            id_from_rng(&mut rng),
            at(date, 19),
            date,
            crate::experiment::PlanInput {
                belief,
                prediction,
                likelihood,
                anxiety,
                rung_id: Some(rungs[rung].id.clone()),
                due: Some(date + Duration::days(2)),
            },
        ) else {
            break;
        };
        let done = date + Duration::days(rng.gen_range(1..4));
        if done <= end {
            // In every ten experiments the feared outcome happens once and
            // partly twice, in a random order.
            if outcomes.is_empty() {
                outcomes = vec![Happened::Yes, Happened::Partly, Happened::Partly];
                outcomes.extend([Happened::No; 7]);
                rand::seq::SliceRandom::shuffle(outcomes.as_mut_slice(), &mut rng);
            }
            let happened = outcomes.pop().unwrap_or(Happened::No);
            let actual = match happened {
                Happened::Yes => DEMO_ACTUAL_YES[rng.gen_range(0..DEMO_ACTUAL_YES.len())],
                Happened::Partly => DEMO_ACTUAL_PARTLY[rng.gen_range(0..DEMO_ACTUAL_PARTLY.len())],
                Happened::No => DEMO_ACTUAL_NO[rng.gen_range(0..DEMO_ACTUAL_NO.len())],
            };
            // Uneven relief: usually a clear drop, sometimes little, and
            // after a "yes" it can stay high.
            let drop = match happened {
                Happened::Yes => rng.gen_range(-10..15),
                _ if rng.gen_bool(0.2) => rng.gen_range(0..10),
                _ => rng.gen_range(15..50),
            };
            let anxiety_after = (anxiety - drop).clamp(0, 100);
            let belief_after = rng
                .gen_bool(0.6)
                .then(|| (likelihood - rng.gen_range(10..40)).clamp(5, 100));
            if let Ok(r) = ExperimentResult::new(
                at(done, 20),
                crate::experiment::RecordInput {
                    happened: happened.as_str(),
                    actual,
                    anxiety_after,
                    learned: DEMO_LEARNED[rng.gen_range(0..DEMO_LEARNED.len())],
                    belief_after,
                    date: done,
                },
            ) {
                if rungs[rung].done_on.is_none() {
                    rungs[rung].done_on = Some(done);
                }
                e.result = Some(r);
            }
        }
        list.push(e);
        day += if crunch {
            rng.gen_range(12..20)
        } else {
            rng.gen_range(6..13)
        };
    }
    (rungs, list)
}

const TIMEBOX_TITLES: &[&str] = &[
    "Write the design doc for the sync service",
    "Review the open pull requests",
    "Draft the quarterly update",
    "Fix the flaky integration test",
    "Prepare slides for the team demo",
    "Answer the backlog of support questions",
    "Refactor the config loader",
    "Write release notes",
    "Plan next sprint's tickets",
    "Sketch the onboarding guide",
];

const EXTENSION_REASONS: &[&str] = &[
    "found an edge case I had not planned for",
    "wanted one more pass over the wording",
    "a meeting cut into the box",
    "the review asked for a diagram",
];

/// Timeboxes on many workdays, with their own random stream (so the other
/// kinds stay exactly as they were for a seed). Early on boxes often run
/// over with many revisions and re-checks; the crunch makes it worse; later
/// most work ships within its box.
fn timeboxes(
    seed: u64,
    start: NaiveDate,
    days: u32,
    programme: u32,
) -> Vec<crate::timebox::Timebox> {
    use crate::timebox::{Extension, Outcome, Revision, Timebox};
    use chrono::Datelike;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7157_b0c5_7157_b0c5);
    let mut out = Vec::new();
    let morning = NaiveTime::from_hms_opt(9, 30, 0).unwrap_or(NaiveTime::MIN);
    for day in 0..days {
        let date = start + Duration::days(i64::from(day));
        if date.weekday().number_from_monday() > 5 || !rng.gen_bool(0.6) {
            continue;
        }
        let p = progress(day, programme);
        let crunch = in_crunch(day, programme);
        let limit: u32 = [30, 45, 60, 90, 120][rng.gen_range(0..5)];
        let over_chance = if crunch {
            0.85
        } else {
            (0.75 - 0.6 * p).clamp(0.1, 0.9)
        };
        let overran = rng.gen_bool(over_chance);
        let actual = if overran {
            let factor = rng.gen_range(1.15..if crunch { 2.2 } else { 1.8 });
            ((f64::from(limit) * factor).round() as u32).max(limit + 5)
        } else {
            ((f64::from(limit) * rng.gen_range(0.6..1.0)).round() as u32).max(10)
        };
        let started_at = Utc.from_utc_datetime(&date.and_time(morning))
            + Duration::minutes(rng.gen_range(0..6) * 15);
        let ended_at = started_at + Duration::minutes(i64::from(actual));
        let max_rev = if crunch { 7.0 } else { 6.0 - 5.0 * p };
        let revisions = rng.gen_range(0.0..=max_rev.max(1.0)).round() as u32;
        let rechecks = rng.gen_range(0.0..=(max_rev * 0.7).max(0.5)).round() as u32;
        let mut extensions = Vec::new();
        if overran && rng.gen_bool(0.5) {
            extensions.push(Extension {
                minutes: [15, 30][rng.gen_range(0..2)],
                reason: EXTENSION_REASONS[rng.gen_range(0..EXTENSION_REASONS.len())].to_string(),
                at: started_at + Duration::minutes(i64::from(limit)),
            });
        }
        let outcome = if rng.gen_bool(0.04) {
            Outcome::Dropped
        } else if !extensions.is_empty() {
            Outcome::Extended
        } else {
            Outcome::Shipped
        };
        out.push(Timebox {
            id: id_from_rng(&mut rng),
            title: TIMEBOX_TITLES[rng.gen_range(0..TIMEBOX_TITLES.len())].to_string(),
            limit_minutes: limit,
            started_at,
            ended_at: Some(ended_at),
            extensions,
            revisions: (0..revisions)
                .map(|i| Revision {
                    at: started_at
                        + Duration::minutes(
                            i64::from(actual) * i64::from(i + 1) / i64::from(revisions + 1),
                        ),
                    note: None,
                })
                .collect(),
            rechecks,
            outcome: Some(outcome),
        });
    }
    out
}

/// Saying no, delegations and mistake reviews, on their own random stream
/// (other kinds stay as they were for a seed). Noes start rare and heavy
/// with guilt, become more frequent, and the guilt afterwards drops more
/// with practice — unevenly: in the crunch it barely eases, and the last
/// few are not completed yet. Delegations grow more common and mostly turn
/// out fine; a handful of mistake reviews, some tied to a thought record of
/// the same week.
fn boundaries(
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

/// The persona's commits: a few per working day, some late in the evening
/// and some at weekends. The after-hours share starts high, climbs in the
/// crunch, then falls as boundaries take hold, unevenly (each week has its
/// own wobble, and now and then a release week spills over). Times are wall
/// clock, stored as UTC; the CLI moves them into the person's time zone.
fn git_commits(
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

/// The perfectionism snapshot every 28 days from the first day: high at the
/// intake, easing unevenly, with a bump back up in the crunch and small
/// wobbles later. Its own random stream, so other kinds stay as they were.
fn assessments(
    seed: u64,
    start: NaiveDate,
    days: u32,
    programme: u32,
) -> Vec<crate::assessment::AssessmentResult> {
    use crate::assessment::{Answer, AssessmentResult};
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xa55e_55a5_a55e_55a5);
    let evening = NaiveTime::from_hms_opt(20, 45, 0).unwrap_or(NaiveTime::MIN);
    // Intake levels per area, and how far each eases when practised.
    let areas: [(&str, f64, f64, &str); 4] = [
        (
            "overwork",
            8.5,
            5.0,
            "answered work chat at 23:00 most nights",
        ),
        (
            "fear_of_failure",
            7.5,
            4.0,
            "kept a finished design doc to myself for a week",
        ),
        (
            "self_criticism",
            9.0,
            5.5,
            "called myself an idiot over a typo in a slide",
        ),
        (
            "imbalance",
            7.0,
            4.5,
            "cancelled climbing three weeks running",
        ),
    ];
    let mut out = Vec::new();
    let mut day = 0;
    while day < days {
        let date = start + Duration::days(i64::from(day));
        let p = progress(day, programme);
        let bump = if in_crunch(day, programme) { 1.5 } else { 0.0 };
        let answers: Vec<Answer> = areas
            .iter()
            .map(|(item, level, ease, _)| Answer {
                item: (*item).to_string(),
                value: (level - ease * p + bump + rng.gen_range(-1.0..1.0))
                    .round()
                    .clamp(0.0, 10.0) as i64,
            })
            .collect();
        let total = answers.iter().map(|a| a.value as f64).sum();
        let notes = if day == 0 {
            areas
                .iter()
                .map(|(item, _, _, ex)| ((*item).to_string(), (*ex).to_string()))
                .collect()
        } else {
            Default::default()
        };
        out.push(AssessmentResult {
            id: id_from_rng(&mut rng),
            instrument: crate::assessment::PERFECTIONISM_SNAPSHOT.to_string(),
            taken_at: Utc.from_utc_datetime(&date.and_time(evening)),
            date,
            answers,
            total,
            subscales: Default::default(),
            notes,
        });
        day += 28;
    }
    out
}

/// The WHO-5 and the CBI personal burnout scale every 28 days from the first
/// day, scored by the shipped definitions: low well-being and much
/// exhaustion at the start, a setback in the crunch, then a change larger
/// than either questionnaire's measurement noise. Its own random stream, so
/// the other kinds (the perfectionism snapshot included) stay as they were.
fn published_questionnaires(
    seed: u64,
    start: NaiveDate,
    days: u32,
    programme: u32,
) -> Vec<crate::assessment::AssessmentResult> {
    use crate::assessment::{shipped, AssessmentResult, CBI_PERSONAL, WHO5};
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0057_e11b_e1a6_b0c5);
    let (Some(who5), Some(cbi)) = (shipped(WHO5), shipped(CBI_PERSONAL)) else {
        return Vec::new();
    };
    let evening = NaiveTime::from_hms_opt(20, 55, 0).unwrap_or(NaiveTime::MIN);
    let mut out = Vec::new();
    let mut day = 0;
    while day < days {
        let date = start + Duration::days(i64::from(day));
        let taken_at = Utc.from_utc_datetime(&date.and_time(evening));
        let p = progress(day, programme);
        let crunch = in_crunch(day, programme);
        // WHO-5 items 0-5: about 1.6 ("some of the time") at the intake,
        // past 3 once practised; the crunch pulls them down.
        let well = 1.6 + 1.9 * p - if crunch { 0.6 } else { 0.0 };
        let who5_answers: Vec<i64> = (0..who5.items.len())
            .map(|_| (well + rng.gen_range(-0.7..0.7)).round().clamp(0.0, 5.0) as i64)
            .collect();
        // CBI items 0-4: "often" to "always" at the intake, towards
        // "seldom"/"sometimes" later; "I can't take it anymore" a step lower
        // and never "always" in the demo.
        let tired = 2.9 - 1.5 * p + if crunch { 0.5 } else { 0.0 };
        let cbi_answers: Vec<i64> = cbi
            .items
            .iter()
            .map(|item| {
                let (level, top) = if item.safety_threshold.is_some() {
                    (tired - 0.8, 3.0)
                } else {
                    (tired, 4.0)
                };
                (level + rng.gen_range(-0.6..0.6)).round().clamp(0.0, top) as i64
            })
            .collect();
        for (instrument, answers) in [(&who5, who5_answers), (&cbi, cbi_answers)] {
            if let Ok((mut result, _)) =
                AssessmentResult::new(instrument, &answers, Default::default(), taken_at, date)
            {
                result.id = id_from_rng(&mut rng);
                out.push(result);
            }
        }
        day += 28;
    }
    out
}

/// Hobbies, two weekly blocks kept more often as months pass (skipped more
/// in the crunch), joy minutes rising, a one-week vacation in month 6 taken
/// without guilt, and a few rest days. Its own random stream.
fn joy_records(data: &mut DemoData, seed: u64, start: NaiveDate, days: u32, programme: u32) {
    use crate::joy::{parse_weekly, Block, Hobby, JoyLog, Occurrence, Rest, RestKind};
    use chrono::Datelike;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0a0b_1e55_f00d_cafe);
    let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN);
    let at = |d: NaiveDate| Utc.from_utc_datetime(&d.and_time(noon));
    let created = at(start);
    let hobby = |name: &str, rng: &mut ChaCha8Rng| Hobby {
        id: id_from_rng(rng),
        name: name.to_string(),
        created_at: created,
    };
    let painting = hobby("painting", &mut rng);
    let climbing = hobby("climbing", &mut rng);
    let piano = hobby("piano", &mut rng);
    let mut blocks = Vec::new();
    for (title, weekly, h, minutes) in [
        ("painting", "sat 10:00-12:00", &painting, 120u32),
        ("climbing with friends", "wed 18:30-20:00", &climbing, 90),
    ] {
        if let Ok(w) = parse_weekly(weekly) {
            if let Ok(b) = Block::new(
                id_from_rng(&mut rng),
                created,
                title,
                &w,
                Some(h.id.clone()),
            ) {
                blocks.push((b, h.clone(), minutes));
            }
        }
    }
    let reasons = [
        "release week",
        "too tired after work",
        "family visit",
        "stayed late to fix a bug",
    ];
    for day in 0..days {
        let date = start + Duration::days(i64::from(day));
        let p = progress(day, programme);
        let crunch = in_crunch(day, programme);
        for (b, h, minutes) in &blocks {
            if !b.falls_on(date) {
                continue;
            }
            let chance = if crunch { 0.25 } else { 0.3 + 0.6 * p };
            let kept = rng.gen_bool(chance.clamp(0.05, 0.95));
            let reason = (!kept && rng.gen_bool(0.6))
                .then(|| reasons[rng.gen_range(0..reasons.len())].to_string());
            data.block_occurrences.push(Occurrence {
                block_id: b.id.clone(),
                date,
                kept,
                reason,
            });
            if kept {
                data.joy_logs.push(JoyLog {
                    id: id_from_rng(&mut rng),
                    hobby_id: h.id.clone(),
                    hobby: h.name.clone(),
                    date,
                    minutes: *minutes,
                    created_at: at(date),
                });
            }
        }
        let piano_chance = if crunch { 0.05 } else { 0.08 + 0.3 * p };
        if rng.gen_bool(piano_chance.clamp(0.0, 1.0)) {
            let top = 20 + (40.0 * p) as u32;
            data.joy_logs.push(JoyLog {
                id: id_from_rng(&mut rng),
                hobby_id: piano.id.clone(),
                hobby: piano.name.clone(),
                date,
                minutes: rng.gen_range(15..=top.max(16)),
                created_at: at(date),
            });
        }
        // A rest day now and then on a Friday, guilt easing over time.
        if date.weekday() == chrono::Weekday::Fri && day > 20 && rng.gen_bool(0.06 + 0.06 * p) {
            let guilt = (7.0 - 5.0 * p).round().clamp(0.0, 10.0) as i64;
            if let Ok(r) = Rest::new(
                id_from_rng(&mut rng),
                at(date),
                date,
                date,
                RestKind::RestDay,
                Some(guilt),
            ) {
                data.rests.push(r);
            }
        }
    }
    // One week of vacation in month 6, taken without guilt.
    let v = start + Duration::days(152);
    let v = v - Duration::days(i64::from(v.weekday().num_days_from_monday()));
    let v_end = v + Duration::days(6);
    if v_end < start + Duration::days(i64::from(days)) {
        data.rests.retain(|r| r.to < v || r.from > v_end);
        if let Ok(r) = Rest::new(
            id_from_rng(&mut rng),
            at(v - Duration::days(20)),
            v,
            v_end,
            RestKind::Vacation,
            Some(2),
        ) {
            data.rests.push(r);
        }
        data.rests.sort_by_key(|r| r.from);
    }
    data.hobbies = vec![painting, climbing, piano];
    data.blocks = blocks.into_iter().map(|(b, _, _)| b).collect();
}

/// The persona's weekly reviews: most weeks, not all (a quiet week with few
/// check-ins is often left unreviewed, and some weeks are simply missed).
/// Each review holds the figures of its week, computed from `doc` (the
/// generated records), and a reflection that follows the journey: unsure
/// first steps, the mid-programme crunch with its setbacks, recovery, steady
/// practice and, over longer runs, the odd wobble. Lines also answer the
/// week's own figures (many overruns, a dip in mood, an experiment whose fear
/// did not come true, rest taken). Its own random stream, so the other
/// records of the demo are unchanged.
pub fn weekly_reviews(
    doc: &crate::export::ExportDoc,
    seed: u64,
) -> Vec<crate::review::WeeklyReview> {
    use crate::figures::{iso_weeks, PeriodFacts, PeriodFigures};
    use crate::review::{Reflection, WeeklyReview};

    let (Some(first), Some(last)) = (
        doc.checkins.iter().map(|c| c.date).min(),
        doc.checkins.iter().map(|c| c.date).max(),
    ) else {
        return Vec::new();
    };
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_4e71_3e75);
    let total = u32::try_from((last - first).num_days() + 1).unwrap_or(u32::MAX);
    let programme = DEFAULT_DAYS.min(total);
    let tz = doc.settings.tz();
    let weeks = iso_weeks(first, last);
    // One pass over the records: the facts of each week (and the week before).
    let mut out = Vec::new();
    let mut previous: Option<PeriodFigures> = None;
    let mut said: Vec<String> = Vec::new();
    let mut chunk_from = first;
    let mut facts = PeriodFacts::default();
    for w in weeks.iter().filter(|w| w.to <= last) {
        if w.from >= chunk_from + Duration::weeks(12)
            || out.is_empty() && facts == PeriodFacts::default()
        {
            // Re-read the records a quarter at a time, so ten years stay cheap.
            chunk_from = w.from;
            facts = PeriodFacts::from_export(doc, w.from, w.from + Duration::weeks(13));
        }
        let f = PeriodFigures::compute(&facts, w.from, w.to);
        let day = u32::try_from((w.from.max(first) - first).num_days()).unwrap_or(0);
        let t = f64::from(day) / f64::from(programme.max(1));
        let p = progress(day, programme);
        let skip = if f.checkins <= 2 { 0.55 } else { 0.15 };
        if rng.gen_bool(skip) {
            previous = Some(f);
            continue;
        }
        // A line from the pool, not the same as last week's.
        let pick = |rng: &mut ChaCha8Rng, pool: &[&str], said: &[String]| -> String {
            let i = rng.gen_range(0..pool.len());
            let line = pool[i];
            if said.iter().any(|s| s == line) {
                pool[(i + 1) % pool.len()].to_string()
            } else {
                line.to_string()
            }
        };
        let (wins_pool, hard_pool, joy_pool): (&[&str], &[&str], &[&str]) = if t < 0.15 {
            (
                &[
                    "Noticed the urge to reread an email a fourth time, and sent it anyway",
                    "Started a timebox and actually looked at the clock when it ended",
                    "Wrote down three things I appreciate, and one was not about work",
                ],
                &[
                    "Rewrote the status report until late on Thursday",
                    "Said yes to an extra review I had no time for",
                    "Felt silly filling in the check-in; the critic called it a waste of time",
                ],
                &[
                    "I started at all",
                    "Four evenings of check-ins",
                    "A walk without my phone",
                ],
            )
        } else if t < 0.38 {
            (
                &[
                    "Shipped the design note at the agreed time, rough edges and all",
                    "Said no to a meeting that did not need me, and the day went on fine",
                    "Handed the release notes to a colleague instead of doing them myself",
                    "An experiment: asked a question in standup without preparing it; nobody minded",
                ],
                &[
                    "One timebox turned into a whole afternoon of polishing",
                    "Guilt after saying no stayed with me all evening",
                    "Skipped my painting block for a bug that could have waited",
                ],
                &[
                    "My first real no",
                    "Kept Saturday morning for painting",
                    "A timebox that ended on time",
                ],
            )
        } else if t < 0.56 {
            (
                &[
                    "Even in the crunch I stopped one task at good enough",
                    "Told my lead the deadline was too tight instead of silently working nights",
                    "Noticed the inner critic at 11 pm and closed the laptop",
                ],
                &[
                    "The release crunch swallowed my evenings",
                    "Worked past midnight twice; the old habits came straight back",
                    "Skipped the check-ins for a few days and felt I had failed the whole thing",
                    "Reworked the same slide deck five times before the demo",
                ],
                &[
                    "Got through the week",
                    "Ate dinner with my partner, away from the screen, once",
                    "Asked for help on the release instead of carrying it alone",
                ],
            )
        } else if t < 0.75 {
            (
                &[
                    "Took a rest day after the release without apologising for it",
                    "Experiment: sent the proposal at about 80%; the feared criticism never came",
                    "Timeboxes mostly held; the extra revisions felt optional, not necessary",
                    "Delegated the dashboard fix and it came back fine",
                ],
                &[
                    "A sharp review comment stung more than it should have",
                    "Slid back into late commits on Wednesday",
                    "Doubted that the change will last",
                ],
                &[
                    "Back to my Saturday painting",
                    "A whole weekend with no work email",
                    "The crunch is over and I am still here",
                ],
            )
        } else if t <= 1.0 {
            (
                &[
                    "Left work at six on four days out of five",
                    "Made a small mistake in public and treated it as information",
                    "Said no twice this week and felt calm about both",
                    "Spent more time on hobbies than on polishing",
                ],
                &[
                    "An old urge to redo a finished task crept back on Friday",
                    "A tired week; fewer check-ins",
                ],
                &[
                    "Good enough shipped, again",
                    "A long walk on Sunday",
                    "How far this is from where I started",
                ],
            )
        } else if p < 0.7 {
            (
                &[
                    "Spotted the old pattern early this time",
                    "Used the relapse plan: a timebox, a no, a rest day",
                ],
                &[
                    "A busy season at work pulled me back towards late evenings",
                    "The critic got loud again around a big launch",
                    "Noticed myself polishing long after it was good enough",
                ],
                &["Caught it early", "Kept my personal time despite the rush"],
            )
        } else {
            (
                &[
                    "A steady week: timeboxes held and evenings stayed mine",
                    "Handed over a task without checking on it twice",
                    "Tried a new experiment and the fear was, again, bigger than the outcome",
                ],
                &[
                    "A harder day on Tuesday; it passed",
                    "Skipped one block for a family visit",
                ],
                &[
                    "The monthly check-up showed the habits are holding",
                    "A day of rest, guilt-free",
                    "Time with friends",
                ],
            )
        };
        let mut breakthroughs = vec![pick(&mut rng, wins_pool, &said)];
        let mut setbacks = Vec::new();
        if (0.38..0.56).contains(&t) || rng.gen_bool(0.5) {
            setbacks.push(pick(&mut rng, hard_pool, &said));
        }
        // Answer the week's own figures.
        if f.overrun_rate.is_some_and(|r| r > 0.5) && f.timeboxes >= 2 {
            setbacks.push("More than half of my timeboxes ran over".to_string());
        }
        if let (Some(now), Some(before)) =
            (f.mean_mood, previous.as_ref().and_then(|x| x.mean_mood))
        {
            if now + 1.0 < before {
                setbacks.push("My mood dipped compared with last week".to_string());
            } else if now > before + 1.0 {
                breakthroughs.push("Felt noticeably lighter than last week".to_string());
            }
        }
        if let (Some(feared), Some(happened)) = (f.feared_likelihood, f.feared_happened) {
            if happened + 20.0 < feared {
                breakthroughs
                    .push("What I feared in my experiment mostly did not happen".to_string());
            }
        }
        let celebrate = if f.rest_days > 0 {
            Some("I took real time off".to_string())
        } else if rng.gen_bool(0.85) {
            Some(pick(&mut rng, joy_pool, &said))
        } else {
            None
        };
        breakthroughs.dedup();
        setbacks.dedup();
        let Ok(reflection) = Reflection::new(&breakthroughs, &setbacks, celebrate.as_deref())
        else {
            previous = Some(f);
            continue;
        };
        let at = NaiveTime::from_hms_opt(19, 30, 0)
            .and_then(|time| tz.from_local_datetime(&w.to.and_time(time)).earliest())
            .map_or_else(
                || Utc.from_utc_datetime(&w.to.and_time(NaiveTime::MIN)),
                |l| l.with_timezone(&Utc),
            );
        said = reflection.texts().iter().map(|t| t.to_string()).collect();
        out.push(WeeklyReview::new(
            id_from_rng(&mut rng),
            at,
            w.from,
            f.clone(),
            reflection,
        ));
        previous = Some(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::traps::TrapCatalog;

    fn end() -> NaiveDate {
        crate::text::parse_date("2026-11-01").expect("date")
    }

    #[test]
    fn same_seed_same_data() {
        let a = generate(7, end(), 240);
        let b = generate(7, end(), 240);
        assert_eq!(a.checkins, b.checkins);
        assert_eq!(a.thoughts, b.thoughts);
        let c = generate(8, end(), 240);
        assert_ne!(a.checkins, c.checkins);
    }

    #[test]
    fn journey_is_realistic_and_non_linear() {
        let d = generate(42, end(), 240);
        // Missed days exist, but most evenings have a check-in.
        assert!(
            d.checkins.len() > 120 && d.checkins.len() < 235,
            "{}",
            d.checkins.len()
        );
        let mean_mood = |from: usize, to: usize| {
            let xs: Vec<f64> = d.checkins[from..to]
                .iter()
                .map(|c| f64::from(c.mood))
                .collect();
            xs.iter().sum::<f64>() / xs.len() as f64
        };
        let n = d.checkins.len();
        let first = mean_mood(0, n / 5);
        let last = mean_mood(n - n / 5, n);
        assert!(last > first + 1.5, "mood should improve: {first} -> {last}");
        // Belief drops after reframes grow over time, unevenly.
        let drops: Vec<i64> = d.thoughts.iter().filter_map(|t| t.belief_shift()).collect();
        let third = drops.len() / 3;
        let early: i64 = drops[..third].iter().sum::<i64>() / third as i64;
        let late: i64 = drops[drops.len() - third..].iter().sum::<i64>() / third as i64;
        assert!(late > early + 10, "{drops:?}");
        assert!(!d.setbacks.is_empty() && d.wins.len() > 20);
        for c in &d.checkins {
            c.validate().expect("demo check-ins are valid");
        }
        // Demo traps exist in the shipped catalogue.
        let cat = TrapCatalog::shipped().expect("loads");
        for t in &d.thoughts {
            for slug in &t.traps {
                assert!(cat.contains(slug), "{slug}");
            }
        }
    }

    #[test]
    fn quiet_stretches_and_a_crunch() {
        let d = generate(42, end(), 240);
        let start = end() - Duration::days(239);
        // At least one run of three or more evenings without a check-in.
        let longest_gap = d
            .checkins
            .windows(2)
            .map(|w| (w[1].date - w[0].date).num_days() - 1)
            .max()
            .unwrap_or(0);
        assert!(longest_gap >= 3, "longest gap {longest_gap}");
        // Setbacks cluster in the crunch (days 91-134) more than in the
        // last third, over several seeds (one seed is a small sample).
        let (mut crunch, mut late) = (0usize, 0usize);
        for seed in 1..=10 {
            for s in generate(seed, end(), 240).setbacks {
                match (s.date - start).num_days() {
                    91..=134 => crunch += 1,
                    160..=239 => late += 1,
                    _ => {}
                }
            }
        }
        // Per day: 44 crunch days against 80 late days.
        assert!(
            crunch * 80 > 2 * late * 44,
            "crunch {crunch} vs late {late}"
        );
        // Not every thought gets a reframe the same evening.
        assert!(d.thoughts.iter().any(|t| t.reframe.is_none()));
        assert!(d
            .thoughts
            .iter()
            .all(|t| t.reframe.is_some() == t.belief_after.is_some()));
    }

    #[test]
    fn ten_years_are_valid_and_distinct() {
        let d = generate(42, end(), 3650);
        assert!(d.checkins.len() > 2500, "{}", d.checkins.len());
        let mut ids = std::collections::HashSet::new();
        for id in d
            .checkins
            .iter()
            .map(|c| &c.id)
            .chain(d.thoughts.iter().map(|t| &t.id))
            .chain(d.wins.iter().map(|w| &w.id))
            .chain(d.setbacks.iter().map(|s| &s.id))
        {
            assert!(ids.insert(id.clone()), "duplicate id {id}");
        }
        let doc = crate::export::ExportDoc::new(
            crate::Settings::defaults("UTC"),
            d.checkins,
            d.thoughts,
            d.wins,
            d.setbacks,
            Utc::now(),
        );
        doc.validate().expect("ten years of demo data validate");
    }

    /// The demo ends on its `end` day: an export of it imports that same day
    /// (nothing that happened is dated after today), and the dates are
    /// really checked (a day earlier, the last check-in is refused).
    #[test]
    fn every_demo_date_is_one_a_person_could_mean() {
        let d = generate(42, end(), 400);
        let mut doc = crate::export::ExportDoc::new(
            crate::Settings::defaults("UTC"),
            d.checkins,
            d.thoughts,
            d.wins,
            d.setbacks,
            Utc::now(),
        );
        doc.noes = d.noes;
        doc.delegations = d.delegations;
        doc.mistakes = d.mistakes;
        doc.rungs = d.rungs;
        doc.experiments = d.experiments;
        doc.block_occurrences = d.block_occurrences;
        doc.joy_logs = d.joy_logs;
        doc.rests = d.rests;
        doc.assessments = d.assessments;
        doc.practice_logs = d.practice_logs;
        doc.evidence = d.evidence;
        doc.enrolments = d.enrolments;
        doc.reviews = weekly_reviews(&doc, 42);
        assert!(!doc.reviews.is_empty() && !doc.evidence.is_empty());
        assert_eq!(doc.check_dates(end()), Ok(()));
        let day_before = end() - Duration::days(1);
        match doc.check_dates(day_before) {
            Err(crate::export::ImportError::Invalid { at, message }) => {
                assert!(at.starts_with("checkins["), "{at}");
                assert!(message.contains("can't be dated"), "{message}");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn experiments_climb_the_ladder_and_fears_rarely_come_true() {
        use crate::experiment::{ladder_gaps, sort_ladder};
        let d = generate(42, end(), 240);
        assert_eq!(d.rungs.len(), 8);
        let n = d.experiments.len();
        assert!((20..=32).contains(&n), "{n} experiments");
        for e in &d.experiments {
            e.validate().expect("valid experiment");
            let r = e.rung_id.as_deref().expect("on a rung");
            assert!(d.rungs.iter().any(|x| x.id == r));
        }
        let mut rungs = d.rungs.clone();
        sort_ladder(&mut rungs);
        assert_eq!(ladder_gaps(&rungs).len(), 1);
        assert!(rungs.iter().filter(|r| r.done_on.is_some()).count() >= 6);
        // Early fears feel likely, late ones less so; the feared outcome
        // fully happens rarely.
        let items: Vec<_> = d.experiments.iter().filter_map(|e| e.forecast()).collect();
        let report = crate::calibration::report(None, &items);
        let first = &report.months[0].figures;
        let last = &report.months[report.months.len() - 1].figures;
        assert!(first.mean_predicted >= 70.0, "{first:?}");
        assert!(
            last.mean_predicted < first.mean_predicted - 15.0,
            "{last:?}"
        );
        let overall = report.overall.expect("recorded");
        assert!(overall.happened * 5 <= overall.experiments, "{overall:?}");
        assert!(overall.partly >= 1);
        assert!(overall.observed_rate < 30.0);
        // Same seed, same experiments; ten years stay valid.
        assert_eq!(generate(42, end(), 240).experiments, d.experiments);
        let ten = generate(42, end(), 3650);
        assert!(ten.experiments.len() > 300, "{}", ten.experiments.len());
    }

    #[test]
    fn snapshot_every_four_weeks_eases_unevenly() {
        let end = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
        let data = generate(7, end, DEFAULT_DAYS);
        let a: Vec<_> = data
            .assessments
            .iter()
            .filter(|r| r.instrument == crate::assessment::PERFECTIONISM_SNAPSHOT)
            .cloned()
            .collect();
        assert_eq!(a.len(), (DEFAULT_DAYS as usize).div_ceil(28));
        for w in a.windows(2) {
            assert_eq!((w[1].date - w[0].date).num_days(), 28);
        }
        assert_eq!(a[0].notes.len(), 4, "the intake has an example per area");
        let last = a.last().expect("some");
        assert!(
            last.total < a[0].total - 8.0,
            "{} vs {}",
            last.total,
            a[0].total
        );
        // The crunch brings a bump: some result is higher than the one before.
        assert!(a.windows(2).any(|w| w[1].total > w[0].total));
        assert_eq!(generate(7, end, DEFAULT_DAYS).assessments, data.assessments);
    }

    #[test]
    fn who5_and_cbi_change_reliably_and_not_in_a_straight_line() {
        use crate::assessment::{history, shipped, Classification, CBI_PERSONAL, WHO5};
        for seed in [7, 42, 2026] {
            let data = generate(seed, end(), DEFAULT_DAYS);
            assert!(data.assessments.windows(2).all(|w| w[0].date <= w[1].date));
            for (id, better) in [(WHO5, 1.0), (CBI_PERSONAL, -1.0)] {
                let i = shipped(id).expect(id);
                let mine: Vec<_> = data
                    .assessments
                    .iter()
                    .filter(|r| r.instrument == id)
                    .cloned()
                    .collect();
                assert_eq!(mine.len(), (DEFAULT_DAYS as usize).div_ceil(28), "{id}");
                // Every total is what the shipped definition scores.
                for r in &mine {
                    let answers: Vec<i64> = r.answers.iter().map(|a| a.value).collect();
                    assert_eq!(i.score(&answers).expect("valid").total, r.total, "{id}");
                    assert!(i.score(&answers).expect("valid").help_now.is_empty());
                }
                let h = history(&i, mine);
                let last = h.last().and_then(|e| e.change).expect("a classification");
                assert!(
                    matches!(
                        last.classification,
                        Classification::Improved | Classification::Recovered
                    ),
                    "seed {seed}, {id}: {last:?}"
                );
                // Not a straight line: some sitting is worse than the one before.
                assert!(
                    h.windows(2)
                        .any(|w| better * (w[1].result.total - w[0].result.total) < 0.0),
                    "seed {seed}, {id}"
                );
            }
        }
        let a = generate(7, end(), DEFAULT_DAYS).assessments;
        assert_eq!(a, generate(7, end(), DEFAULT_DAYS).assessments);
    }
}
