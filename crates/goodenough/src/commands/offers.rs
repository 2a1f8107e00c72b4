//! Programme offers at the terminal.
//!
//! For a client: `goodenough programme offers` lists what coaches offered
//! (oldest first), `programme accept ID [--on DATE] [--replace]` starts
//! one, `programme decline ID [--reason TEXT]` says no.
//!
//! For a coach: `goodenough clients offer CLIENT PROGRAMME [--note TEXT]`
//! offers one of their own programmes; `clients offers CLIENT` lists the
//! offers made to one client with their answers. Both are in the client's
//! access log, as on the web.

use anyhow::{bail, Result};
use goodenough_app::offers::{self, OfferView};

use crate::context::Context;
use crate::ids::{self, Kind};
use crate::output;

const OFFER: Kind = Kind {
    one: "programme offer",
    many: "programme offers",
    list: "programme offers",
};

fn line(o: &OfferView, handle: &str, for_coach: bool) -> String {
    let who = if for_coach {
        format!("to {}", o.offer.client_name)
    } else {
        format!("from {}", o.offer.coach_name)
    };
    let weeks = o
        .programme
        .as_ref()
        .map(|p| format!(", {} weeks", p.weeks))
        .unwrap_or_default();
    let answer = match (o.offer.status, &o.offer.reason) {
        (goodenough_store::offers::OfferStatus::Declined, Some(r)) => format!("declined: {r}"),
        (s, _) => s.label().to_string(),
    };
    format!(
        "{handle}  {}{weeks}  ({who}, {}; {answer})",
        o.offer.title,
        o.offer.offered_at.date_naive()
    )
}

fn print(list: &[OfferView], for_coach: bool) {
    let handles = ids::handles(list.iter().map(|o| o.offer.id.as_str()));
    for (o, h) in list.iter().zip(&handles) {
        println!("{}", line(o, h, for_coach));
        if !o.offer.note.is_empty() {
            println!("      note: {}", o.offer.note);
        }
    }
}

/// `programme offers`.
pub async fn mine(ctx: &Context) -> Result<()> {
    let list = offers::mine(&ctx.scope()).await?;
    if ctx.json {
        return output::json(&list.iter().map(OfferView::record).collect::<Vec<_>>());
    }
    if list.is_empty() {
        println!("No coach has offered you a programme. When one does, it shows here, on Today and on the Your coach page.");
        return Ok(());
    }
    print(&list, false);
    if list.iter().any(OfferView::waiting) {
        println!();
        println!("`goodenough programme accept ID` starts one (`--on DATE` for another first day); `goodenough programme decline ID --reason \"…\"` says no.");
    }
    Ok(())
}

async fn pick(ctx: &Context, typed: &str) -> Result<String> {
    let list = offers::mine(&ctx.scope()).await?;
    let ids: Vec<&str> = list.iter().map(|o| o.offer.id.as_str()).collect();
    Ok(ids::pick(&OFFER, typed, &ids)?.to_string())
}

/// `programme accept ID`.
pub async fn accept(ctx: &Context, typed: &str, on: Option<&str>, replace: bool) -> Result<()> {
    let id = pick(ctx, typed).await?;
    let started_on = super::parse_date_arg(on)?;
    if !replace {
        if let Some(running) = goodenough_app::programme::running(&ctx.scope()).await? {
            bail!(
                "you are following \"{}\" (since {}) and only one programme runs at a time. To switch, run `goodenough programme accept {typed} --replace` (the running one stops today; your records from it stay). Nothing was changed.",
                running.programme_id,
                running.started_on
            );
        }
    }
    let accepted = offers::accept(&ctx.scope(), &id, started_on, replace).await?;
    if ctx.json {
        return output::json(&accepted.status);
    }
    if let Some(s) = &accepted.stopped {
        println!(
            "Stopped \"{}\" (your records from it stay).",
            s.programme_id
        );
    }
    println!(
        "Accepted \"{}\" from {}. Week 1 starts on {}; `goodenough today` shows what it suggests each day.",
        accepted.offer.offer.title, accepted.offer.offer.coach_name, accepted.enrolment.started_on
    );
    Ok(())
}

/// `programme decline ID`.
pub async fn decline(ctx: &Context, typed: &str, reason: Option<&str>) -> Result<()> {
    let id = pick(ctx, typed).await?;
    let o = offers::decline(&ctx.scope(), &id, reason).await?;
    if ctx.json {
        return output::json(&o.record());
    }
    println!(
        "Declined \"{}\". {} sees your answer{}.",
        o.offer.title,
        o.offer.coach_name,
        if o.offer.reason.is_some() {
            " and your reason"
        } else {
            ""
        }
    );
    Ok(())
}

/// `clients offer CLIENT PROGRAMME`.
pub async fn offer(ctx: &Context, client: &str, programme: &str, note: &str) -> Result<()> {
    let scope = ctx.scope().for_target("goodenough clients offer");
    let o = offers::offer(&scope, client, programme, note).await?;
    if ctx.json {
        return output::json(&o.record());
    }
    println!(
        "Offered \"{}\" to {}. They accept or decline it on their Your coach page (or with `goodenough programme offers`).",
        o.offer.title, o.offer.client_name
    );
    Ok(())
}

/// `clients offers CLIENT`.
pub async fn given(ctx: &Context, client: &str) -> Result<()> {
    let scope = ctx.scope().for_target("goodenough clients offers");
    let list = offers::given(&scope, client).await?;
    if ctx.json {
        return output::json(&list.iter().map(OfferView::record).collect::<Vec<_>>());
    }
    if list.is_empty() {
        println!("You have not offered this client a programme. `goodenough clients offer CLIENT PROGRAMME` does.");
        return Ok(());
    }
    print(&list, true);
    Ok(())
}
