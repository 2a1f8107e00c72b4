//! `goodenough review week`, `goodenough reviews` and `goodenough progress`:
//! the week's figures from every pillar beside the four weeks before, the
//! reflection (breakthroughs, setbacks, one thing to celebrate), and the
//! four outcomes month by month. A review reads about five weeks of records,
//! however long the history is.

use anyhow::{Context as _, Result};
use clap::{Args, Subcommand};
use goodenough_app::{progress, reviews, AppError};
use goodenough_core::figures::Measure;
use goodenough_core::review::{Reflection, WeekComparison, WeeklyReview};

use crate::context::Context;
use crate::prompt;

/// `goodenough review …`.
#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// The week's figures beside your recent weeks, its wins and setbacks,
    /// and your reflection (saved when given by flags or at the prompts).
    Week(WeekArgs),
}

/// Flags of `goodenough review week`.
#[derive(Debug, Args)]
pub struct WeekArgs {
    /// Any day of the week to review (YYYY-MM-DD); this week by default.
    #[arg(long)]
    on: Option<String>,
    /// Something that went better than you feared (repeat for more).
    #[arg(long = "breakthrough")]
    breakthroughs: Vec<String>,
    /// Something that was hard this week (repeat for more).
    #[arg(long = "setback")]
    setbacks: Vec<String>,
    /// One thing to celebrate.
    #[arg(long)]
    celebrate: Option<String>,
}

/// The week view of `on` (or this week); a day after today is refused
/// with the flag that gave it.
async fn week_view(ctx: &Context, on: Option<&str>) -> Result<WeekComparison> {
    let on = super::parse_date_arg(on)?;
    match reviews::week(&ctx.scope(), on).await {
        Err(AppError::Invalid(e)) => Err(anyhow::anyhow!("--on {e}")),
        other => Ok(other?),
    }
}

/// Runs `goodenough review …`.
pub async fn run(ctx: &Context, command: ReviewCommand) -> Result<()> {
    match command {
        ReviewCommand::Week(args) => week(ctx, args).await,
    }
}

async fn week(ctx: &Context, args: WeekArgs) -> Result<()> {
    let mut view = week_view(ctx, args.on.as_deref()).await?;
    let on = Some(view.week_start);
    let flags_given =
        !args.breakthroughs.is_empty() || !args.setbacks.is_empty() || args.celebrate.is_some();
    // Check the reflection before reading or writing anything.
    let from_flags = if flags_given {
        Some(
            Reflection::new(
                &args.breakthroughs,
                &args.setbacks,
                args.celebrate.as_deref(),
            )
            .map_err(|e| {
                super::flag_hint(
                    e,
                    |e| e.to_string().starts_with("the reflection is empty"),
                    "For example --celebrate \"I rested on Sunday\".",
                )
            })?,
        )
    } else {
        None
    };
    if ctx.json {
        if let Some(reflection) = from_flags {
            let texts: Vec<String> = reflection.texts().iter().map(|s| s.to_string()).collect();
            view.review = Some(reviews::save(&ctx.scope(), on, reflection).await?);
            ctx.safety_check(texts.iter().map(String::as_str))?;
        }
        return crate::output::json(&view);
    }
    print_view(&view);
    let reflection = match from_flags {
        Some(r) => Some(r),
        None if prompt::interactive() => ask_reflection()?,
        None => {
            if view.review.is_none() {
                println!(
                    "\nTo save a reflection: goodenough review week{} --breakthrough \"…\" --setback \"…\" --celebrate \"…\"",
                    args.on.as_deref().map(|o| format!(" --on {o}")).unwrap_or_default()
                );
            }
            None
        }
    };
    if let Some(reflection) = reflection {
        let texts: Vec<String> = reflection.texts().iter().map(|s| s.to_string()).collect();
        let replacing = view.review.is_some();
        let saved = reviews::save(&ctx.scope(), on, reflection).await?;
        println!(
            "\n{} your review of {}. Breakthroughs and setbacks both belong on the path.",
            if replacing { "Updated" } else { "Saved" },
            saved.week
        );
        if let Some(c) = &saved.celebrate {
            println!("Worth celebrating: {c}");
        }
        ctx.safety_check(texts.iter().map(String::as_str))?;
    }
    Ok(())
}

/// Asks for the reflection line by line; `None` when nothing was written.
fn ask_reflection() -> Result<Option<Reflection>> {
    println!("\nYour reflection (leave a line empty to move on).");
    let lines = |question: &str| -> Result<Vec<String>> {
        let mut out = Vec::new();
        loop {
            let l = prompt::text(question, true)?;
            if l.trim().is_empty() {
                return Ok(out);
            }
            out.push(l);
        }
    };
    let breakthroughs = lines("A breakthrough, big or small")?;
    let setbacks = lines("Something that was hard")?;
    let celebrate = prompt::text("One thing to celebrate", true)?;
    let celebrate = Some(celebrate).filter(|c| !c.trim().is_empty());
    if breakthroughs.is_empty() && setbacks.is_empty() && celebrate.is_none() {
        println!(
            "Nothing written, so nothing was saved. The figures are here whenever you want them."
        );
        return Ok(None);
    }
    Reflection::new(&breakthroughs, &setbacks, celebrate.as_deref())
        .map(Some)
        .context("the reflection could not be saved")
}

fn print_view(view: &WeekComparison) {
    println!(
        "Week {} ({} to {})",
        view.week, view.week_start, view.week_end
    );
    println!("{}", view.summary);
    println!();
    println!(
        "{:<28} {:>10} {:>14}",
        "",
        if view.coverage.complete {
            "this week"
        } else {
            "so far"
        },
        format!("last {} weeks", view.recent_weeks)
    );
    for row in &view.rows {
        if row.this_week.is_none() && row.recent.is_none() {
            continue;
        }
        println!(
            "{:<28} {:>10} {:>14}",
            row.label,
            row.measure.format(row.this_week),
            row.measure.format(row.recent)
        );
    }
    let sentences: Vec<&str> = view
        .rows
        .iter()
        .filter_map(|r| r.sentence.as_deref())
        .collect();
    if !sentences.is_empty() {
        println!();
        for s in sentences {
            println!("- {s}");
        }
    }
    println!("\"—\" means nothing was recorded for that figure; that is not a score.");
    println!();
    if view.wins.is_empty() {
        println!("Wins: none logged this week (small ones count: `goodenough win \"…\"`).");
    } else {
        println!("Wins:");
        for w in &view.wins {
            println!("  {}  {}", w.date, w.text);
        }
    }
    if view.setbacks.is_empty() {
        println!("Setbacks: none logged.");
    } else {
        println!("Setbacks (part of the path, not a verdict):");
        for s in &view.setbacks {
            match &s.lesson {
                Some(l) => println!("  {}  {} (lesson: {l})", s.date, s.text),
                None => println!("  {}  {}", s.date, s.text),
            }
        }
    }
    if let Some(r) = &view.review {
        println!();
        println!("Your saved reflection:");
        print_reflection(r);
    }
}

fn print_reflection(r: &WeeklyReview) {
    for b in &r.breakthroughs {
        println!("  + {b}");
    }
    for s in &r.setbacks {
        println!("  ~ {s}");
    }
    if let Some(c) = &r.celebrate {
        println!("  * celebrate: {c}");
    }
}

/// Runs `goodenough reviews`.
pub async fn list(ctx: &Context) -> Result<()> {
    let reviews = reviews::list(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&reviews);
    }
    if reviews.is_empty() {
        println!("No weekly reviews yet. `goodenough review week` shows this week's figures and asks for your reflection.");
        return Ok(());
    }
    for r in &reviews {
        println!(
            "{} ({})  check-ins {}  mood {}",
            r.week,
            r.week_start,
            r.figures.checkins,
            Measure::MeanMood.format(r.figures.mean_mood)
        );
        print_reflection(r);
    }
    println!(
        "{} review{}. Missed weeks are fine: a review is there when it helps.",
        reviews.len(),
        if reviews.len() == 1 { "" } else { "s" }
    );
    Ok(())
}

/// Runs `goodenough progress`.
pub async fn progress(ctx: &Context) -> Result<()> {
    let p = progress::outcomes(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&p);
    }
    if p.is_empty() {
        println!("Nothing recorded yet. Progress starts with your first check-in, timebox or experiment.");
        return Ok(());
    }
    let first = p.months.first().map(|m| m.label.as_str()).unwrap_or("");
    let last = p.months.last().map(|m| m.label.as_str()).unwrap_or("");
    println!("The four outcomes, month by month ({first} to {last}; a gap is a month with nothing recorded).");
    let unfinished = p.unfinished();
    if let Some((month, c)) = unfinished {
        println!(
            "{} is not over ({} of {} days): shown as \"·\" and \"so far\", never as the latest month.",
            month.label, c.days_so_far, c.days
        );
    }
    for o in &p.outcomes {
        println!();
        println!("{}", o.title);
        for m in &o.measures {
            let so_far = match (unfinished, m.so_far) {
                (Some((month, _)), Some(v)) => {
                    format!("; {} so far: {}", month.label, m.measure.format(Some(v)))
                }
                _ => String::new(),
            };
            println!(
                "  {:<28} {}  first {:>6}  latest {:>6}  {}{so_far}",
                m.label,
                m.sparkline,
                m.measure.format(m.first),
                m.measure.format(m.latest),
                m.change_sentence()
            );
        }
    }
    println!();
    println!("Progress is rarely a straight line; dips are part of the picture, not a verdict.");
    Ok(())
}
