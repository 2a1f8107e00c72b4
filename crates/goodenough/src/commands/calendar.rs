//! `goodenough calendar --out FILE.ics`: the evening check-in reminder,
//! personal-time blocks, the running timebox and experiment due dates, as
//! one iCalendar file: the same events as the web feed. The file is written
//! to the person's own disk, so it names their personal-time blocks by the
//! titles they gave them; the feed, readable by anyone with its address,
//! does not. Nothing else the person wrote goes in either.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use goodenough_app::calendar;
use serde::Serialize;

use crate::context::Context;

/// Flags of `goodenough calendar`.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Where to write the .ics file. It names your personal-time blocks by
    /// their titles (the web app's calendar feed does not); nothing else you
    /// wrote goes in it.
    #[arg(long, value_name = "FILE.ics")]
    out: PathBuf,
}

#[derive(Serialize)]
struct Written {
    path: String,
    events: usize,
}

/// Writes the calendar file.
pub async fn run(ctx: &Context, args: CalendarArgs) -> Result<()> {
    let text = calendar::ics(&ctx.scope(), true).await?;
    super::export::write_atomically(&args.out, text.as_bytes())?;
    let events = text
        .lines()
        .filter(|l| l.trim_end() == "BEGIN:VEVENT")
        .count();
    if ctx.json {
        return crate::output::json(&Written {
            path: args.out.display().to_string(),
            events,
        });
    }
    println!(
        "Wrote {} calendar events to {}. Import it into your calendar, or subscribe to the feed from the web app's Data page.",
        events,
        args.out.display()
    );
    Ok(())
}
