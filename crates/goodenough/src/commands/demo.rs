//! `goodenough demo`: fills an empty store with the demo persona's journey
//! (core's seeded generator), through the store's import path: one
//! transaction, all or nothing. Same seed and end date → the same records,
//! ids included.

use anyhow::{bail, Context as _, Result};
use chrono::{DateTime, Duration, Months, NaiveDate, NaiveTime, TimeZone, Utc};
use clap::Args;
use goodenough_app::data;
use goodenough_core::demo::{self, DemoData, DEFAULT_DAYS};
use goodenough_core::export::ExportDoc;
use goodenough_core::{CheckIn, Settings, ThoughtRecord};
use goodenough_store::Counts;
use serde::Serialize;

use crate::context::{self, Context};
use crate::prompt;

/// The demo persona's display name.
pub const DEMO_NAME: &str = "Alex (demo)";
/// The longest journey the demo makes (fifty years).
const MAX_YEARS: u32 = 50;
const MAX_DAYS: u32 = MAX_YEARS * 366;
/// "A month" in the summary: the first and the last thirty days.
const MONTH_DAYS: i64 = 30;

/// Flags of `goodenough demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Seed of the generator: the same seed and end date give the same data.
    #[arg(long, default_value_t = 42, value_parser = crate::args::whole_in(0, u64::MAX))]
    seed: u64,
    /// Length of the journey in days (default: 240, about eight months).
    #[arg(long, value_name = "N", conflicts_with = "years", value_parser = crate::args::whole(1, MAX_DAYS))]
    days: Option<u32>,
    /// Length of the journey in years (e.g. 10 for a large store to measure).
    #[arg(long, value_name = "N", value_parser = crate::args::whole(1, MAX_YEARS))]
    years: Option<u32>,
    /// The last day of the journey, YYYY-MM-DD (default: today, in your time zone).
    #[arg(long, value_name = "YYYY-MM-DD")]
    end: Option<String>,
    /// Erase every record you have, for real, and put the demo in their place.
    #[arg(long)]
    replace: bool,
}

impl DemoArgs {
    /// The default journey (seed 42, about eight months ending today), as
    /// `serve --demo` uses it.
    pub fn eight_months() -> DemoArgs {
        DemoArgs {
            seed: 42,
            days: None,
            years: None,
            end: None,
            replace: false,
        }
    }
}

/// Figures for one stretch of the journey (the first or the last month).
#[derive(Debug, Serialize)]
struct Stretch {
    from: NaiveDate,
    to: NaiveDate,
    checkins: usize,
    /// Mean mood, 0-10.
    mean_mood: Option<f64>,
    /// Share of appreciations about something other than work, 0-1.
    non_work_share: Option<f64>,
    thoughts: usize,
    /// Mean drop in belief (points, 0-100) after a reframe.
    mean_belief_drop: Option<f64>,
}

/// What `demo --json` prints.
#[derive(Debug, Serialize)]
struct Summary {
    display_name: &'static str,
    seed: u64,
    days: u32,
    start: NaiveDate,
    end: NaiveDate,
    replaced: bool,
    counts: Counts,
    first_month: Stretch,
    last_month: Stretch,
    wins: u64,
    setbacks: u64,
}

/// Runs the command.
pub async fn run(ctx: &Context, args: DemoArgs) -> Result<()> {
    let end = match super::parse_date_arg(args.end.as_deref())? {
        Some(d) => d,
        None => ctx.today().await?,
    };
    let days = journey_days(end, args.days, args.years)?;
    let start = end - Duration::days(i64::from(days) - 1);

    let scope = ctx.scope();
    // Every kind counts (timeboxes, experiments, …), not only the four named.
    let holdings = data::holdings(&scope).await?;
    let (existing, total) = (holdings.counts, holdings.total);
    if total > 0 && !args.replace {
        bail!(
            "you already have {} (the demo only fills an empty store, and nothing was changed). \
             Try it in a separate place with --data-dir DIR, or add --replace to erase your records for real and put the demo in their place.",
            describe(&existing, total)
        );
    }
    if total > 0
        && prompt::interactive()
        && !prompt::confirm(
            &format!(
                "This erases your {} for real and puts the demo in their place. Go ahead?",
                describe(&existing, total)
            ),
            false,
        )?
    {
        bail!("nothing was changed.");
    }

    // Build and validate everything before touching the store.
    let mut settings = ctx.settings().await?;
    settings.display_name = DEMO_NAME.to_string();
    let doc = journey(settings, args.seed, end, days)?;

    let replaced = total > 0;
    // Replacing keeps the person (and any login); only their records go.
    data::fill(&scope, &doc, replaced).await?;

    // Report what the store now holds (read back, not what was generated).
    let counts = data::holdings(&scope).await?.counts;
    let checkins = goodenough_app::checkins::list(&scope, Some(start)).await?;
    let thoughts = goodenough_app::thoughts::list(&scope, Some(start)).await?;
    let first_to = (start + Duration::days(MONTH_DAYS - 1)).min(end);
    let last_from = (end - Duration::days(MONTH_DAYS - 1)).max(start);
    let summary = Summary {
        display_name: DEMO_NAME,
        seed: args.seed,
        days,
        start,
        end,
        replaced,
        first_month: stretch(&checkins, &thoughts, start, first_to),
        last_month: stretch(&checkins, &thoughts, last_from, end),
        wins: counts.wins,
        setbacks: counts.setbacks,
        counts,
    };
    if ctx.json {
        return crate::output::json(&summary);
    }
    print_summary(&summary);
    Ok(())
}

/// A demo journey of `days` days ending on `end`, for a person with
/// `settings`, as one validated export document.
pub fn journey(settings: Settings, seed: u64, end: NaiveDate, days: u32) -> Result<ExportDoc> {
    let tz = settings.tz();
    let data = at_local_evenings(demo::generate(seed, end, days), tz);
    let mut doc = ExportDoc::new(
        settings,
        data.checkins,
        data.thoughts,
        data.wins,
        data.setbacks,
        goodenough_core::clock::round(context::now()),
    );
    doc.timeboxes = super::timebox::at_local_mornings(data.timeboxes, tz);
    doc.noes = data.noes;
    doc.delegations = data.delegations;
    doc.mistakes = data.mistakes;
    doc.rungs = data.rungs;
    doc.experiments = data.experiments;
    doc.git_commits = demo::git_commits_in_zone(data.git_commits, &tz);
    doc.hobbies = data.hobbies;
    doc.blocks = data.blocks;
    doc.block_occurrences = data.block_occurrences;
    doc.joy_logs = data.joy_logs;
    doc.rests = data.rests;
    doc.assessments = data.assessments;
    doc.critic = data.critic;
    doc.values = data.values;
    doc.practice_logs = data.practice_logs;
    doc.evidence = data.evidence;
    doc.enrolments = data.enrolments;
    doc.reviews = demo::weekly_reviews(&doc, seed);
    doc.validate()
        .context("the demo generator made an invalid record (please report this)")?;
    Ok(doc)
}

/// The journey's length in days from `--days` or `--years`.
fn journey_days(end: NaiveDate, days: Option<u32>, years: Option<u32>) -> Result<u32> {
    match (days, years) {
        (Some(d), _) => {
            if d == 0 || d > MAX_DAYS {
                bail!("--days must be between 1 and {MAX_DAYS}; you gave {d}.");
            }
            Ok(d)
        }
        (None, Some(y)) => {
            if y == 0 || y > MAX_YEARS {
                bail!("--years must be between 1 and {MAX_YEARS}; you gave {y}.");
            }
            let before = end
                .checked_sub_months(Months::new(12 * y))
                .with_context(|| format!("--end {end} minus {y} years is before the calendar starts; choose a later --end or fewer years."))?;
            u32::try_from((end - before).num_days())
                .context("that journey is too long; choose fewer --years.")
        }
        (None, None) => Ok(DEFAULT_DAYS),
    }
}

/// Moves each record's time of writing to the evening of its date in the
/// person's time zone (thoughts at 20:30, wins 20:45, setbacks 21:00), so
/// `created_at` and `date` agree wherever the person lives.
fn at_local_evenings(mut data: DemoData, tz: chrono_tz::Tz) -> DemoData {
    let evening = |date: NaiveDate, hour: u32, minute: u32, fallback: DateTime<Utc>| {
        NaiveTime::from_hms_opt(hour, minute, 0)
            .and_then(|t| tz.from_local_datetime(&date.and_time(t)).earliest())
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(fallback)
    };
    for t in &mut data.thoughts {
        t.created_at = evening(t.date, 20, 30, t.created_at);
    }
    for w in &mut data.wins {
        w.created_at = evening(w.date, 20, 45, w.created_at);
    }
    for s in &mut data.setbacks {
        s.created_at = evening(s.date, 21, 0, s.created_at);
    }
    data
}

fn stretch(
    checkins: &[CheckIn],
    thoughts: &[ThoughtRecord],
    from: NaiveDate,
    to: NaiveDate,
) -> Stretch {
    let cs: Vec<&CheckIn> = checkins
        .iter()
        .filter(|c| c.date >= from && c.date <= to)
        .collect();
    let ts: Vec<&ThoughtRecord> = thoughts
        .iter()
        .filter(|t| t.date >= from && t.date <= to)
        .collect();
    let appreciations: usize = cs.iter().map(|c| c.appreciations.len()).sum();
    let non_work: usize = cs.iter().map(|c| c.non_work_count()).sum();
    let drops: Vec<f64> = ts
        .iter()
        .filter_map(|t| t.belief_shift())
        .map(|d| d as f64)
        .collect();
    Stretch {
        from,
        to,
        checkins: cs.len(),
        mean_mood: mean(cs.iter().map(|c| f64::from(c.mood))),
        non_work_share: (appreciations > 0)
            .then(|| (non_work as f64 / appreciations as f64 * 1000.0).round() / 1000.0),
        thoughts: ts.len(),
        mean_belief_drop: mean(drops.into_iter()),
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| round1(sum / f64::from(n)))
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn describe(c: &Counts, total: u64) -> String {
    let part = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let others = total.saturating_sub(c.total());
    format!(
        "{}, {}, {}, {} and {}",
        part(c.checkins, "check-in", "check-ins"),
        part(c.thoughts, "thought record", "thought records"),
        part(c.wins, "win", "wins"),
        part(c.setbacks, "setback", "setbacks"),
        part(others, "other record", "other records")
    )
}

fn print_summary(s: &Summary) {
    let opt = |v: Option<f64>, fmt: &dyn Fn(f64) -> String| v.map_or_else(|| "-".to_string(), fmt);
    let one = |x: f64| format!("{x:.1}");
    let pct = |x: f64| format!("{:.0}%", x * 100.0);
    let pts = |x: f64| format!("{x:.0} points");
    println!(
        "{} the store with the demo journey of {}: {} days, {} to {} (seed {}).",
        if s.replaced {
            "Erased your records and filled"
        } else {
            "Filled"
        },
        s.display_name,
        s.days,
        s.start,
        s.end,
        s.seed
    );
    println!();
    println!("  check-ins        {:>6}", s.counts.checkins);
    println!("  thought records  {:>6}", s.counts.thoughts);
    println!("  wins             {:>6}", s.counts.wins);
    println!("  setbacks         {:>6}", s.counts.setbacks);
    println!();
    println!("  {:<34} {:>13} {:>13}", "", "first month", "last month");
    let row = |label: &str, a: String, b: String| println!("  {label:<34} {a:>13} {b:>13}");
    row(
        "mean mood (0-10)",
        opt(s.first_month.mean_mood, &one),
        opt(s.last_month.mean_mood, &one),
    );
    row(
        "appreciations beyond work",
        opt(s.first_month.non_work_share, &pct),
        opt(s.last_month.non_work_share, &pct),
    );
    row(
        "belief drop after a reframe",
        opt(s.first_month.mean_belief_drop, &pts),
        opt(s.last_month.mean_belief_drop, &pts),
    );
    println!();
    println!(
        "Some evenings have no check-in and some weeks bring setbacks: progress is not a straight line."
    );
    println!();
    println!("Next, try:");
    let month_ago = s.end - Duration::days(MONTH_DAYS - 1);
    println!("  goodenough checkins --since {}", month_ago.max(s.start));
    println!("  goodenough thoughts");
    println!("  goodenough wins");
    println!("  goodenough setbacks");
    println!("  goodenough export");
}
