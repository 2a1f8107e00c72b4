//! Demo awareness: the inner critic, values and practice minutes.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::id::id_from_rng;

/// About eight months, the length of the reference programme.
use super::*;

/// The critic profile and three values (described in the first weeks), and
/// mindfulness practice a few times a week: rarer in the crunch, more
/// regular later on, with the odd quiet week.
pub(super) fn awareness_records(
    data: &mut DemoData,
    seed: u64,
    start: NaiveDate,
    days: u32,
    programme: u32,
) {
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
