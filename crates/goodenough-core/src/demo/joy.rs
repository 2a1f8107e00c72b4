//! Demo hobbies, personal-time blocks, joy minutes and rest.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::id::id_from_rng;

/// About eight months, the length of the reference programme.
use super::*;

/// Hobbies, two weekly blocks kept more often as months pass (skipped more
/// in the crunch), joy minutes rising, a one-week vacation in month 6 taken
/// without guilt, and a few rest days. Its own random stream.
pub(super) fn joy_records(
    data: &mut DemoData,
    seed: u64,
    start: NaiveDate,
    days: u32,
    programme: u32,
) {
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
