//! Demo weekly reviews.

use chrono::{Duration, NaiveTime, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::id::id_from_rng;

/// About eight months, the length of the reference programme.
use super::*;

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
