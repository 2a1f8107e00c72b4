//! Demo questionnaires every four weeks.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::id::id_from_rng;

/// About eight months, the length of the reference programme.
use super::*;

/// The perfectionism snapshot every 28 days from the first day: high at the
/// intake, easing unevenly, with a bump back up in the crunch and small
/// wobbles later. Its own random stream, so other kinds stay as they were.
pub(super) fn assessments(
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
pub(super) fn published_questionnaires(
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
