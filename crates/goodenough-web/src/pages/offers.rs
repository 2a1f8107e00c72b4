//! Programme offers in the browser.
//!
//! - On a client's page (`/clients/{client}`), the coach offers one of
//!   their own programmes with a note (`POST /clients/{client}/offers`) and
//!   sees each offer's answer.
//! - On "Your coach" (`/your-coach`), the client reads what each offer
//!   holds and accepts it (`POST /your-coach/offers/{id}/accept`: it starts
//!   on the day they choose) or declines it, with a reason if they like
//!   (`POST /your-coach/offers/{id}/decline`). Today points to an offer
//!   still waiting.

use axum::extract::{Path, State};
use axum::response::Redirect;
use axum::routing::post;
use axum::Form;
use chrono::NaiveDate;
use goodenough_app::offers::{self, OfferView};
use goodenough_app::practice::Linked;
use goodenough_store::coach_content::ContentItem;
use goodenough_store::offers::OfferStatus;
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{csrf_field, multiline, notice};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/clients/{client}/offers", post(make))
        .route("/your-coach/offers/{id}/accept", post(accept))
        .route("/your-coach/offers/{id}/decline", post(decline))
}

fn answer(o: &OfferView) -> Markup {
    html! {
        @match o.offer.status {
            OfferStatus::Offered => { "waiting for an answer" }
            OfferStatus::Accepted => {
                "accepted"
                @if let Some(d) = o.offer.decided_at { " on " (d.date_naive()) }
            }
            OfferStatus::Declined => {
                "declined"
                @if let Some(d) = o.offer.decided_at { " on " (d.date_naive()) }
                @if let Some(r) = &o.offer.reason { ": " (r) }
            }
        }
    }
}

/// The coach's block on a client's page: the offers made and a form to
/// offer one of their own programmes.
pub fn coach_block(
    viewer: &Viewer,
    linked: &Linked,
    given: &[OfferView],
    own: &[ContentItem],
    offered: bool,
) -> Markup {
    let client = &linked.link.client_name;
    let programmes: Vec<&ContentItem> = own
        .iter()
        .filter(|c| c.kind == goodenough_core::coach_content::ContentKind::Programme)
        .collect();
    html! {
        h2 #offers { "Programmes offered" }
        @if offered { (notice("success", "Offered. It waits on their \"Your coach\" page until they accept or decline it.")) }
        p.muted {
            "Offer one of your own programmes; " (client) " reads it and decides. If they accept, it runs for them like any other programme, from a copy of the file as it is now."
        }
        @if !given.is_empty() {
            table.offers {
                thead { tr { th scope="col" { "Programme" } th scope="col" { "Offered" } th scope="col" { "Answer" } } }
                tbody {
                    @for o in given.iter().rev() {
                        tr {
                            td { (o.offer.title) @if !o.offer.note.is_empty() { br; span.muted { (o.offer.note) } } }
                            td { time datetime=(o.offer.offered_at.date_naive()) { (o.offer.offered_at.date_naive().format("%a %-d %b")) } }
                            td { (answer(o)) }
                        }
                    }
                }
            }
        }
        @if programmes.is_empty() {
            p { "You have no programme of your own yet. " a href="/content" { "Upload one" } " to offer it here." }
        } @else if linked.link.live() {
            details.offer-programme open[given.is_empty()] {
                summary { "Offer a programme" }
                form.stack method="post" action={"/clients/" (linked.link.client_id) "/offers"} {
                    (csrf_field(&viewer.csrf))
                    label for="offer-programme" { "Programme" }
                    select #offer-programme name="programme" {
                        @for p in &programmes {
                            option value=(p.content_id) { (p.title) }
                        }
                    }
                    label for="offer-note" { "Note (optional)" }
                    textarea #offer-note name="note" rows="2" {}
                    button type="submit" { "Offer this programme" }
                }
            }
        }
    }
}

/// The client's block on "Your coach": offers waiting (with what they
/// hold, accept and decline) and the ones answered.
pub fn client_block(
    viewer: &Viewer,
    list: &[OfferView],
    running: Option<&str>,
    today: NaiveDate,
) -> Markup {
    let (waiting, answered): (Vec<&OfferView>, Vec<&OfferView>) =
        list.iter().partition(|o| o.waiting());
    html! {
        @if !list.is_empty() {
            h2 #offers { "Programmes offered to you" }
            @for o in &waiting {
                section.card aria-labelledby={"offer-" (o.offer.id)} {
                    h3 id={"offer-" (o.offer.id)} { (o.offer.title) }
                    p.muted { "From " (o.offer.coach_name) ", " (o.offer.offered_at.date_naive()) }
                    @if !o.offer.note.is_empty() { p { (multiline(&o.offer.note)) } }
                    @if let Some(p) = &o.programme {
                        p { (p.summary) }
                        p.muted { (p.weeks) " weeks"
                            @if !p.phases.is_empty() {
                                ": "
                                @for (i, ph) in p.phases.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    (ph.name)
                                }
                            }
                        }
                        form.stack method="post" action={"/your-coach/offers/" (o.offer.id) "/accept"} {
                            (csrf_field(&viewer.csrf))
                            label for={"offer-start-" (o.offer.id)} { "Week 1 starts on" }
                            input id={"offer-start-" (o.offer.id)} type="date" name="on" value=(today);
                            @if let Some(title) = running {
                                label.inline {
                                    input type="checkbox" name="replace" value="on";
                                    " Stop " (title) " today and start this one instead"
                                }
                                p.hint { "Your records from " (title) " stay." }
                            }
                            button type="submit" { "Accept and start" }
                        }
                    } @else {
                        p { "This programme does not read on this server any more; ask " (o.offer.coach_name) " to offer it again." }
                    }
                    details {
                        summary { "Not for me" }
                        form.stack method="post" action={"/your-coach/offers/" (o.offer.id) "/decline"} {
                            (csrf_field(&viewer.csrf))
                            label for={"offer-reason-" (o.offer.id)} { "Why, in a few words (optional; " (o.offer.coach_name) " sees it)" }
                            input id={"offer-reason-" (o.offer.id)} type="text" name="reason";
                            button.secondary type="submit" { "Decline" }
                        }
                    }
                }
            }
            @if !answered.is_empty() {
                ul {
                    @for o in answered.iter().rev() {
                        li { (o.offer.title) " from " (o.offer.coach_name) ": " (answer(o)) }
                    }
                }
            }
        }
    }
}

/// Today's pointer to offers still waiting.
pub fn today_line(list: &[OfferView]) -> Markup {
    let waiting: Vec<&OfferView> = list.iter().filter(|o| o.waiting()).collect();
    html! {
        @if !waiting.is_empty() {
            section aria-labelledby="offered" {
                h2 #offered { "A programme for you" }
                @for o in &waiting {
                    p { (o.offer.coach_name) " offered you " strong { (o.offer.title) } ". " a href="/your-coach#offers" { "Read it and decide" } }
                }
            }
        }
    }
}

#[derive(Deserialize)]
struct OfferForm {
    programme: String,
    #[serde(default)]
    note: String,
}

async fn make(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(client): Path<String>,
    Form(form): Form<OfferForm>,
) -> Result<Redirect, PageError> {
    let scope = state
        .scope(&viewer.person)
        .for_target(format!("/clients/{client}/offers"));
    offers::offer(&scope, &client, &form.programme, &form.note).await?;
    Ok(Redirect::to(&format!("/clients/{client}?offered=1#offers")))
}

#[derive(Deserialize)]
struct AcceptForm {
    #[serde(default)]
    on: String,
    #[serde(default)]
    replace: Option<String>,
}

async fn accept(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<AcceptForm>,
) -> Result<Redirect, PageError> {
    let on = match form.on.trim() {
        "" => None,
        raw => Some(goodenough_core::text::parse_date(raw)?),
    };
    offers::accept(
        &state.scope(&viewer.person),
        &id,
        on,
        form.replace.is_some(),
    )
    .await?;
    Ok(Redirect::to("/programme?saved=started"))
}

#[derive(Deserialize)]
struct DeclineForm {
    #[serde(default)]
    reason: String,
}

async fn decline(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<DeclineForm>,
) -> Result<Redirect, PageError> {
    let reason = Some(form.reason.as_str()).filter(|r| !r.trim().is_empty());
    offers::decline(&state.scope(&viewer.person), &id, reason).await?;
    Ok(Redirect::to("/your-coach?declined=1#offers"))
}
