//! `goodenough checkin` and `goodenough checkins`: the evening self-check-in.

use anyhow::{bail, Result};
use clap::Args;
use goodenough_app::{checkins, AppError};
use goodenough_core::checkin::{all_work, ALL_WORK_NUDGE};
use goodenough_core::{Appreciation, LifeArea, ValidationError};
use goodenough_store::StoreError;

use crate::context::Context;
use crate::prompt;

/// Flags of `goodenough checkin`.
#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// Mood today, 0 (very low) to 10 (very good).
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 10))]
    mood: Option<i64>,
    /// Energy today, 0 to 10.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 10))]
    energy: Option<i64>,
    /// Something you appreciate about yourself today, as "AREA: TEXT";
    /// exactly three. Areas: work, relationships, health, creativity, rest,
    /// character, other.
    #[arg(long = "appreciate", value_name = "AREA: TEXT")]
    appreciations: Vec<String>,
    /// An optional note.
    #[arg(long)]
    note: Option<String>,
    /// The date it is for, YYYY-MM-DD (default: today, in your time zone).
    #[arg(long)]
    date: Option<String>,
    /// Replace an existing check-in for that date without asking.
    #[arg(long)]
    replace: bool,
}

/// Flags of `goodenough checkins`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only check-ins on or after this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
}

/// Saves a check-in (asking for what is missing when interactive).
pub async fn run(ctx: &Context, args: CheckinArgs) -> Result<()> {
    let date = super::happened_on(ctx, args.date.as_deref(), "a check-in").await?;
    // Parse what was given before asking anything, so a typo fails fast.
    let mut appreciations = args
        .appreciations
        .iter()
        .map(|a| Appreciation::parse(a))
        .collect::<Result<Vec<_>, _>>()?;
    if !appreciations.is_empty() && appreciations.len() != goodenough_core::checkin::APPRECIATIONS {
        bail!(goodenough_core::ValidationError::AppreciationCount(
            appreciations.len()
        ));
    }
    let mut missing = Vec::new();
    if args.mood.is_none() {
        missing.push("--mood");
    }
    if args.energy.is_none() {
        missing.push("--energy");
    }
    if appreciations.is_empty() {
        missing.push("three --appreciate \"AREA: TEXT\"");
    }
    prompt::require_flags(&missing)?;
    let interactive = !missing.is_empty();

    let mut replace = args.replace;
    // Whether there is one to replace: "replacing" is said only then.
    let scope = ctx.scope();
    let existed = checkins::on(&scope, date).await?.is_some();
    if !replace && existed {
        if prompt::interactive()
            && prompt::confirm(
                &format!("You already checked in for {date}. Replace it?"),
                false,
            )?
        {
            replace = true;
        } else {
            bail!("there is already a check-in for {date}. Add --replace to replace it, or --date for another day.");
        }
    }

    let mood = match args.mood {
        Some(m) => m,
        None => prompt::number("Mood today", 0, 10)?,
    };
    goodenough_core::error::check_range("mood", mood, 0, 10)?;
    let energy = match args.energy {
        Some(e) => e,
        None => prompt::number("Energy today", 0, 10)?,
    };
    goodenough_core::error::check_range("energy", energy, 0, 10)?;
    if appreciations.is_empty() {
        eprintln!("Three things you appreciate about yourself today (not only work).");
        for i in 1..=3 {
            appreciations.push(ask_appreciation(&format!("#{i}"), &LifeArea::ALL)?);
        }
    }
    if all_work(&appreciations) && prompt::interactive() {
        eprintln!("\n{ALL_WORK_NUDGE}\n");
        {
            if prompt::confirm(
                "Add one from another part of your day (it replaces the third)?",
                true,
            )? {
                let others: Vec<LifeArea> = LifeArea::ALL
                    .into_iter()
                    .filter(|a| *a != LifeArea::Work)
                    .collect();
                let extra = ask_appreciation("#3", &others)?;
                appreciations.pop();
                appreciations.push(extra);
            }
        }
    }
    let note = match (&args.note, interactive) {
        (Some(n), _) => Some(n.clone()),
        (None, true) => Some(prompt::text("A note (optional, Enter to skip)", true)?),
        (None, false) => None,
    };

    let new = checkins::NewCheckIn {
        date: Some(date),
        mood,
        energy,
        appreciations,
        note,
    };
    let checkin = match checkins::record(&scope, new, replace).await {
        Ok(recorded) => recorded.checkin,
        Err(AppError::Invalid(e)) => {
            return Err(super::flag_hint(
                e,
                |e| matches!(e, ValidationError::AppreciationCount(_)),
                "Add --appreciate \"AREA: TEXT\" once for each of three.",
            ))
        }
        Err(AppError::Store(StoreError::Conflict(_))) => {
            bail!("there is already a check-in for {date}. Add --replace to replace it, or --date for another day.")
        }
        Err(e) => return Err(e.into()),
    };

    if ctx.json {
        crate::output::json(&checkin)?;
    } else {
        println!(
            "Saved your check-in for {date}{}.",
            if replace && existed {
                " (replacing the earlier one)"
            } else {
                ""
            }
        );
        // Only this week and month: cheap, whatever the length of the history.
        let consistency = checkins::recent_consistency(&scope).await?;
        println!("{}", consistency.short_sentence());
        if checkin.all_work() {
            println!("\n{ALL_WORK_NUDGE}\n(Saved as it is; there is always tomorrow evening.)");
        }
    }
    let mut texts: Vec<&str> = checkin
        .appreciations
        .iter()
        .map(|a| a.text.as_str())
        .collect();
    if let Some(n) = &checkin.note {
        texts.push(n);
    }
    ctx.safety_check(texts)?;
    Ok(())
}

fn ask_appreciation(label: &str, areas: &[LifeArea]) -> Result<Appreciation> {
    let names: Vec<&str> = areas.iter().map(|a| a.as_str()).collect();
    let area = areas[prompt::select(&format!("{label} area"), &names)?];
    loop {
        let text = prompt::text(&format!("{label} I appreciate that I…"), false)?;
        match goodenough_core::text::required("appreciation", &text) {
            Ok(text) => return Ok(Appreciation { area, text }),
            Err(e) => eprintln!("{e}"),
        }
    }
}

/// Lists check-ins with kind consistency figures.
pub async fn list(ctx: &Context, args: ListArgs) -> Result<()> {
    let since = super::parse_date_arg(args.since.as_deref())?;
    let scope = ctx.scope();
    let list = checkins::list(&scope, since).await?;
    if ctx.json {
        return crate::output::json(&list);
    }
    if list.is_empty() {
        println!(
            "No check-ins{} yet.",
            if since.is_some() {
                " in that range"
            } else {
                ""
            }
        );
    }
    list.iter().for_each(print);
    println!("\n{}", checkins::consistency(&scope).await?.sentence());
    Ok(())
}

/// One check-in as the lists show it (yours, or a client's to a coach).
pub(crate) fn print(c: &goodenough_core::CheckIn) {
    println!("{}  mood {:>2}  energy {:>2}", c.date, c.mood, c.energy);
    for a in &c.appreciations {
        println!("    [{}] {}", a.area, a.text);
    }
    if let Some(n) = &c.note {
        println!("    note: {n}");
    }
}
