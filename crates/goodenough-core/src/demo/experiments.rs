//! Demo exposure ladder and experiments.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::id::id_from_rng;

/// About eight months, the length of the reference programme.
use super::*;

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
pub(super) fn experiments(
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
