//! `goodenough reminders [--json]`: the devices that get reminders (Web
//! Push, turned on in the web app's Settings) and the next planned evening
//! check-in reminder. Reading only: devices are added in a browser.

use anyhow::Result;
use goodenough_app::push;

use crate::context::Context;

/// Runs `reminders`.
pub async fn run(ctx: &Context) -> Result<()> {
    let plan = push::plan(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&plan);
    }
    let settings = goodenough_app::settings::get(&ctx.scope()).await?;
    let tz = settings.tz();
    match plan.next_checkin_reminder {
        Some(at) if !plan.devices.is_empty() => println!(
            "Next check-in reminder: {} ({}), unless you have checked in or are resting that day.",
            at.with_timezone(&tz).format("%a %-d %b %H:%M"),
            settings.time_zone
        ),
        Some(_) => println!(
            "No device gets reminders yet: turn them on in the web app, Settings, \"Reminders on this device\"."
        ),
        None => println!(
            "Your reminder time ({}) is in quiet hours ({} to {}), so no reminder is sent; choose another with `goodenough settings --reminder-time HH:MM`.",
            settings.reminder_time, plan.quiet_hours.start, plan.quiet_hours.end
        ),
    }
    println!(
        "Quiet hours: {} to {}. A reminder says only \"Time for your evening check-in\".",
        plan.quiet_hours.start, plan.quiet_hours.end
    );
    if !plan.devices.is_empty() {
        println!("Devices:");
        for d in &plan.devices {
            let last = d
                .last_sent_at
                .map(|at| {
                    format!(
                        ", last reminder {}",
                        at.with_timezone(&tz).format("%Y-%m-%d %H:%M")
                    )
                })
                .unwrap_or_default();
            println!(
                "  {} (since {}{last})",
                d.device,
                d.created_at.with_timezone(&tz).format("%Y-%m-%d")
            );
        }
    }
    Ok(())
}
