//! `goodenough settings`: show or change the person's settings.

use anyhow::Result;
use clap::Args;
use goodenough_app::settings;

use crate::context::Context;

/// Flags of `goodenough settings`; with none, the settings are shown.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// Your name, as the app should address you.
    #[arg(long)]
    name: Option<String>,
    /// Your time zone (IANA name, e.g. Europe/Berlin).
    #[arg(long)]
    time_zone: Option<String>,
    /// Start of working hours, HH:MM.
    #[arg(long)]
    work_start: Option<String>,
    /// End of working hours, HH:MM.
    #[arg(long)]
    work_end: Option<String>,
    /// Working days, comma-separated (e.g. mon,tue,wed,thu,fri).
    #[arg(long, value_delimiter = ',')]
    work_days: Option<Vec<String>>,
    /// When the evening check-in reminder is due, HH:MM.
    #[arg(long)]
    reminder_time: Option<String>,
}

/// Shows the settings, after applying any changes given.
pub async fn run(ctx: &Context, args: SettingsArgs) -> Result<()> {
    let scope = ctx.scope();
    let mut s = settings::get(&scope).await?;
    let changed = args.name.is_some()
        || args.time_zone.is_some()
        || args.work_start.is_some()
        || args.work_end.is_some()
        || args.work_days.is_some()
        || args.reminder_time.is_some();
    if let Some(v) = args.name {
        s.display_name = v.trim().to_string();
    }
    if let Some(v) = args.time_zone {
        s.time_zone = goodenough_core::settings::parse_time_zone(&v)?
            .name()
            .to_string();
    }
    if let Some(v) = args.work_start {
        s.work_start = v.trim().to_string();
    }
    if let Some(v) = args.work_end {
        s.work_end = v.trim().to_string();
    }
    if let Some(v) = args.work_days {
        s.work_days = v
            .iter()
            .map(|d| {
                goodenough_core::settings::parse_weekday(d).map(|w| w.to_string().to_lowercase())
            })
            .collect::<Result<_, _>>()?;
    }
    if let Some(v) = args.reminder_time {
        s.reminder_time = v.trim().to_string();
    }
    if changed {
        s = settings::save(&scope, s).await?;
    }
    if ctx.json {
        return crate::output::json(&s);
    }
    if changed {
        println!("Settings saved.");
    }
    println!("name:           {}", s.display_name);
    println!("time zone:      {}", s.time_zone);
    println!(
        "working hours:  {}-{} on {}",
        s.work_start,
        s.work_end,
        s.work_days.join(", ")
    );
    println!("reminder time:  {}", s.reminder_time);
    Ok(())
}
