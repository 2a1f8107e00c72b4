//! The coaching practice in the browser.
//!
//! - `/your-coach`: for everyone. Per coach, what is shared (a checkbox and
//!   an optional "from" date per category), saved as a new version; the
//!   history of versions; ending the link; and the access log of every read
//!   a coach made or tried.
//! - `/invite/{token}`: an invitation link; a signed-in person accepts it
//!   (a signed-out one is sent to sign in first and comes back).
//! - `/clients`: for coaches. The roster (per client, each category shared
//!   or "not shared", never a zero), [`ROSTER_PAGE`] clients a page
//!   (`?page=N`), found by name (`?q=`), making an invitation (its link
//!   shown once), open invitations and the coach's own reads.
//! - `/clients/{client}` and its `checkins`, `thoughts`, `wins`,
//!   `evidence`, `experiments`, `boundaries`, `assessments` and `joy` views
//!   (and the progress `report`): read-only, through the one access check,
//!   which writes each read into the client's access log, from the first
//!   date the client shares. A category not shared is a kind "not shared"
//!   page (404).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form};
use chrono::{DateTime, NaiveDate, Utc};
use goodenough_app::assignments::{self, AssignmentView};
use goodenough_app::practice::{self, Linked};
use goodenough_app::{checkins, journal, thoughts, AppError, Category, Reason, Scope};
use goodenough_core::assignment::{AssignmentKind, AssignmentStatus};
use goodenough_store::practice::{AccessEntry, Shared};
use goodenough_store::{Role, StoreError};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{csrf_field, multiline, notice, page};
use super::listing::{search_form, show_more, Listing};
use super::Viewer;
use crate::auth::{hash_token, random_token, CurrentSession};
use crate::error::PageError;
use crate::layout::bare;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/your-coach", get(your_coach))
        .route("/your-coach/{link}/consent", post(save_consent))
        .route("/links/{link}/end", post(end_link))
        .route("/invite/{token}", get(invitation).post(accept))
        .route("/invite/{token}/sign-up", post(sign_up))
        .route("/clients", get(roster))
        .route("/clients/invite", post(invite))
        .route("/clients/reads", get(reads))
        .route("/clients/{client}", get(client_overview))
        .route("/clients/{client}/notes", post(save_note))
        .route("/clients/{client}/assignments", post(save_assignment))
        .route("/clients/{client}/checkins", get(client_checkins))
        .route("/clients/{client}/thoughts", get(client_thoughts))
        .route("/clients/{client}/wins", get(client_wins))
        .route("/clients/{client}/report", get(client_report))
        .route("/clients/{client}/evidence", get(client_evidence))
        .route("/clients/{client}/experiments", get(client_experiments))
        .route("/clients/{client}/boundaries", get(client_boundaries))
        .route("/clients/{client}/assessments", get(client_assessments))
        .route("/clients/{client}/joy", get(client_joy))
}

/// How many access-log lines a page shows (the latest ones).
const SHOWN_LINES: u32 = 50;

/// How many of their own latest reads a coach's page of them shows (the
/// whole list is at `/api/v1/reads`).
const READS_SHOWN: u32 = 100;

fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// "every date" or "from 2026-11-01 on", for a category that is shared.
fn span(shared: &Shared, category: Category) -> String {
    match shared.get(category.key()) {
        Some(Some(from)) => format!("from {from} on"),
        _ => "every date".to_string(),
    }
}

fn shared_words(shared: &Shared, category: Category) -> String {
    match shared.get(category.key()) {
        None => "not shared".to_string(),
        Some(None) => "shared".to_string(),
        Some(Some(from)) => format!("shared from {from} on"),
    }
}

/// The lines of an access log: a client's (`names` `None`: the coach is
/// named on each line) or a coach's (each client named from `names`, by
/// person id).
fn log_table(lines: &[AccessEntry], names: Option<&HashMap<&str, &str>>) -> Markup {
    let coach_side = names.is_some();
    let name_of = |id: &str| -> &str {
        names
            .and_then(|n| n.get(id).copied())
            .unwrap_or("a former client")
    };
    html! {
        div.table-scroll tabindex="0" {
            table {
                thead {
                    tr {
                        th scope="col" { "When" }
                        th scope="col" { @if coach_side { "Client" } @else { "Coach" } }
                        th scope="col" { "What" }
                        @if !coach_side { th scope="col" { "Page" } }
                        th scope="col" { "Answer" }
                    }
                }
                tbody {
                    @for l in lines.iter().rev() {
                        tr {
                            td { (when(l.at)) }
                            td { @if coach_side { (name_of(&l.client_id)) } @else { (l.coach_name) } }
                            td {
                                (l.action) " "
                                (Category::shareable(&l.category).map_or(l.category.as_str(), |c| c.label()))
                            }
                            @if !coach_side { td.log-target { code { (l.target) } } }
                            td { @if l.allowed { "allowed" } @else { "refused" } }
                        }
                    }
                }
            }
        }
    }
}

// ---------- the client's side ----------

#[derive(Deserialize, Default)]
struct Flash {
    saved: Option<String>,
    ended: Option<String>,
    linked: Option<String>,
    declined: Option<String>,
}

fn consent_form(viewer: &Viewer, linked: &Linked) -> Markup {
    let shared = &linked.consent.shared;
    html! {
        form method="post" action={"/your-coach/" (linked.link.id) "/consent"} {
            (csrf_field(&viewer.csrf))
            fieldset {
                legend { "What " (linked.link.coach_name) " may read" }
                @for category in Category::SHAREABLE {
                    @let key = category.key();
                    @let from = shared.get(key).copied().flatten();
                    div.share-row {
                        label.inline {
                            input type="checkbox" name={"share_" (key)} value="on" checked[shared.contains_key(key)];
                            " " (category.label())
                        }
                        label.share-from {
                            "from"
                            input type="date" name={"from_" (key)} aria-label={"Share " (category.label()) " from this date (empty: every date)"} value=[from.map(|d| d.to_string())];
                        }
                    }
                    @if category == Category::CrisisDates {
                        p.muted.crisis-optin {
                            "Off unless you tick it. Ticked, " (linked.link.coach_name)
                            " sees the dates on which goodenough showed you Help now: the date only, never what you wrote. "
                            "A coach is not an emergency service and may not see this before your next session; "
                            "if you are in danger now, " a href="/help-now" { "Help now" } " lists who to call."
                        }
                    }
                }
                p.muted { "Leave “from” empty to share every date." }
                p.muted { "Whatever you share, " (linked.link.coach_name) " sees whether the steps they give you are done (the product checks for the matching thing, such as a thought record, and tells them only “done”, or for check-in evenings how many so far, never what you wrote), and your reason if you say a step is not for you. See " a href="/assignments" { "your assignments" } ". They also see whether you accept or decline a programme they offer you, and your reason if you give one." }
            }
            button type="submit" { "Save what I share" }
        }
    }
}

async fn your_coach(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(flash): Query<Flash>,
) -> Result<Markup, PageError> {
    let scope = state.scope(&viewer.person);
    let coaches = practice::coaches(&scope).await?;
    let log = practice::recent_log(&scope, false, SHOWN_LINES).await?;
    let notes = practice::my_notes(&scope).await?;
    let offered = goodenough_app::offers::mine(&scope).await?;
    let running = if offered.iter().any(|o| o.waiting()) {
        goodenough_app::programme::status(&scope, crate::programmes::load(&state).0)
            .await?
            .standing
            .map(|s| s.title)
    } else {
        None
    };
    let today = goodenough_app::settings::today(&scope).await?;
    let mut histories = Vec::new();
    for linked in &coaches {
        histories.push(practice::consent_history(&scope, &linked.link.id).await?);
    }
    Ok(page(
        &viewer,
        "Your coach",
        "/your-coach",
        html! {
            h1 { "Your coach" }
            @if flash.saved.is_some() { (notice("success", "Saved. Your coach sees exactly this from their next click on.")) }
            @if flash.ended.is_some() { (notice("success", "The link has ended. Your coach can no longer read anything of yours.")) }
            @if flash.linked.is_some() { (notice("success", "You are linked. Nothing is shared yet: choose below what your coach may read.")) }
            @if flash.declined.is_some() { (notice("success", "Declined. Your coach sees your answer; nothing else changed.")) }
            p {
                "You decide what each coach may read, one part at a time, and you can change it whenever you like. "
                "Nothing is shared until you tick it. Every read a coach makes, or tries, is written in the log at the bottom of this page."
            }
            p.muted {
                "A coach is not an emergency service: if you are in danger, "
                a href="/help-now" { "Help now" } " lists who to call."
            }
            @if coaches.is_empty() {
                p { "You have no coach linked. When a coach sends you an invitation link, open it while signed in to accept." }
            }
            @for (linked, history) in coaches.iter().zip(&histories) {
                section.card aria-labelledby={"coach-" (linked.link.id)} {
                    h2 id={"coach-" (linked.link.id)} { (linked.link.coach_name) }
                    p.muted {
                        "Linked since " (linked.link.started_at.date_naive())
                        @if let Some(ended) = linked.link.ended_at { " · ended " (ended.date_naive()) }
                    }
                    @if linked.link.live() {
                        (consent_form(&viewer, linked))
                        form.end-link method="post" action={"/links/" (linked.link.id) "/end"} {
                            (csrf_field(&viewer.csrf))
                            input type="hidden" name="back" value="/your-coach";
                            p.muted { "Ending the link stops every read at once. Your records stay yours." }
                            button.secondary type="submit" { "End the link with " (linked.link.coach_name) }
                        }
                    } @else {
                        p { "This link has ended; nothing is shared over it." }
                    }
                    details {
                        summary { "Every change of what you share (" (history.len()) ")" }
                        ol {
                            @for v in history {
                                li {
                                    (when(v.changed_at)) ": "
                                    @if v.shared.is_empty() { "nothing shared" }
                                    @else {
                                        @for (i, c) in Category::SHAREABLE.iter().filter(|c| v.shared.contains_key(c.key())).enumerate() {
                                            @if i > 0 { ", " }
                                            (c.label()) " (" (shared_words(&v.shared, *c)) ")"
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            (super::offers::client_block(&viewer, &offered, running.as_deref(), today))
            @if !notes.is_empty() {
                h2 { "Notes from your sessions" }
                @for from in &notes {
                    section.card {
                        h3 { (from.coach_name) }
                        @for n in from.shared.iter().rev() {
                            article {
                                p.muted { time datetime=(n.session_date) { (n.session_date.format("%a %-d %b %Y")) } }
                                @if !n.agenda.is_empty() { p { strong { "Agenda: " } (n.agenda) } }
                                p { (multiline(&n.notes)) }
                            }
                        }
                        @if from.private_count > 0 {
                            p.muted {
                                (from.coach_name) " also keeps " (from.private_count)
                                @if from.private_count == 1 { " private note" } @else { " private notes" }
                                " about your sessions"
                                @if let Some(latest) = from.private_latest { ", the latest from " (latest) }
                                ". They are about you; you can ask about them whenever you like."
                            }
                        }
                    }
                }
            }
            h2 { "Who read what" }
            @if log.is_empty() {
                p { "No coach has read or tried to read anything of yours." }
            } @else {
                p.muted {
                    "Newest first. Refused attempts are listed too. "
                    @if log.len() as u32 == SHOWN_LINES {
                        "These are the latest " (SHOWN_LINES) "; the whole log is in your export (Data)."
                    }
                }
                (log_table(&log, None))
            }
        },
    ))
}

fn consent_from_form(pairs: &[(String, String)]) -> Result<Shared, PageError> {
    let mut shared = Shared::new();
    for category in Category::SHAREABLE {
        let key = category.key();
        let ticked = pairs
            .iter()
            .any(|(k, v)| *k == format!("share_{key}") && v == "on");
        if !ticked {
            continue;
        }
        let from = pairs
            .iter()
            .find(|(k, _)| *k == format!("from_{key}"))
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty());
        let from = match from {
            None => None,
            Some(raw) => Some(NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
                PageError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("\"{raw}\" is not a date; write it as YYYY-MM-DD, or leave it empty to share every date."),
                )
            })?),
        };
        shared.insert(key.to_string(), from);
    }
    Ok(shared)
}

async fn save_consent(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(link): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Redirect, PageError> {
    let shared = consent_from_form(&pairs)?;
    practice::set_consent(&state.scope(&viewer.person), &link, shared).await?;
    Ok(Redirect::to("/your-coach?saved=1"))
}

#[derive(Deserialize)]
struct Back {
    #[serde(default)]
    back: String,
}

async fn end_link(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(link): Path<String>,
    Form(back): Form<Back>,
) -> Result<Redirect, PageError> {
    practice::end(&state.scope(&viewer.person), &link).await?;
    Ok(Redirect::to(if back.back == "/clients" {
        "/clients?ended=1"
    } else {
        "/your-coach?ended=1"
    }))
}

async fn invitation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(session): Extension<CurrentSession>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let viewer = match &session.0 {
        Some(user) if !user.mfa_pending => Viewer(user.clone()),
        Some(_) => {
            return Ok(Redirect::to(&format!("/login/totp?next=/invite/{token}")).into_response())
        }
        None => {
            // Signed out: sign in to accept, or create an account here.
            let offer = state
                .app
                .open_invitation(&hash_token(&token), state.clock.now())
                .await?;
            let (csrf, cookie) = super::auth::form_token(&state, &headers, &session);
            return Ok(super::auth::with_cookie(
                StatusCode::OK,
                newcomer_page(&csrf, &token, &offer, "", "", None),
                cookie,
            ));
        }
    };
    let offer = practice::offer(&state.scope(&viewer.person), &hash_token(&token)).await?;
    Ok(page(
        &viewer,
        "An invitation",
        "/your-coach",
        html! {
            h1 { (offer.coach_name) " invites you" }
            p {
                "Accepting links you with " (offer.coach_name) " as your coach. "
                "Nothing of yours is shared when you accept: afterwards, on “Your coach”, you choose what they may read, and you can change that or end the link at any time."
            }
            p.muted { "This link can be used once, until " (offer.expires_at.date_naive()) "." }
            form method="post" action={"/invite/" (token)} {
                (csrf_field(&viewer.csrf))
                button type="submit" { "Accept" }
                " "
                a href="/today" { "Not now" }
            }
        },
    )
    .into_response())
}

/// The invitation for someone not signed in: sign in to accept it, or
/// create an account that accepts it in the same step.
fn newcomer_page(
    csrf: &str,
    token: &str,
    offer: &practice::OpenOffer,
    name: &str,
    email: &str,
    error: Option<&str>,
) -> Markup {
    bare(
        "An invitation",
        html! {
            h1 { (offer.coach_name) " invites you" }
            p {
                "Accepting links you with " (offer.coach_name) " as your coach. "
                "Nothing of yours is shared when you accept: afterwards, on “Your coach”, you choose what they may read, and you can change that or end the link at any time."
            }
            p.muted { "This link can be used once, until " (offer.expires_at.date_naive()) "." }
            h2 { "Already have an account here?" }
            p { a.button href={"/login?next=/invite/" (token)} { "Sign in to accept" } }
            h2 { "New here? Create an account" }
            @if let Some(e) = error { (notice("error", e)) }
            form.stack method="post" action={"/invite/" (token) "/sign-up"} {
                (csrf_field(csrf))
                label for="name" { "Your name (what goodenough and your coach call you)" }
                input #name name="display_name" type="text" required autocomplete="name" value=(name);
                @match &offer.email {
                    Some(invited) => {
                        p { "You will sign in with " strong { (invited) } ", the address " (offer.coach_name) " invited." }
                    }
                    None => {
                        label for="email" { "Email (you sign in with it)" }
                        input #email name="email" type="email" required autocomplete="username" value=(email);
                    }
                }
                label for="password" { "Password (at least " (crate::auth::MIN_PASSWORD_CHARS) " characters)" }
                input #password name="password" type="password" required autocomplete="new-password" minlength=(crate::auth::MIN_PASSWORD_CHARS);
                button type="submit" { "Create my account and accept" }
            }
        },
    )
}

#[derive(Deserialize)]
struct SignUpForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// Creates the account and accepts the invitation in one step, then signs
/// the new person in. A refusal shows the form again with one sentence;
/// nothing is kept then.
async fn sign_up(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(session): Extension<CurrentSession>,
    Path(token): Path<String>,
    Form(f): Form<SignUpForm>,
) -> Result<Response, PageError> {
    if session.0.is_some() {
        return Err(PageError::new(
            StatusCode::CONFLICT,
            "You are signed in: open the invitation link again to accept it with this account, or sign out first to create a new one.",
        ));
    }
    let now = state.clock.now();
    let hash = hash_token(&token);
    let offer = state.app.open_invitation(&hash, now).await?;
    let (csrf, _) = super::auth::form_token(&state, &headers, &session);
    let again = |status: StatusCode, message: &str| {
        (
            status,
            newcomer_page(
                &csrf,
                &token,
                &offer,
                &f.display_name,
                &f.email,
                Some(message),
            ),
        )
            .into_response()
    };
    if let Err(m) = crate::auth::check_new_password(&f.password) {
        return Ok(again(StatusCode::UNPROCESSABLE_ENTITY, &m));
    }
    let password_hash = crate::auth::hash_password(f.password.clone()).await?;
    let signed_up = state
        .app
        .sign_up_by_invitation(
            practice::SignUp {
                token_hash: &hash,
                name: &f.display_name,
                email: &f.email,
                password_hash: &password_hash,
                time_zone: &state.config.default_time_zone,
            },
            now,
        )
        .await;
    let person = match signed_up {
        Ok((person, _)) => person,
        Err(AppError::Invalid(e)) => {
            return Ok(again(StatusCode::UNPROCESSABLE_ENTITY, &e.to_string()))
        }
        Err(AppError::Refused(m)) => {
            return Ok(again(StatusCode::FORBIDDEN, &crate::error::sentence(&m)))
        }
        Err(AppError::Store(StoreError::Conflict(m))) => {
            return Ok(again(StatusCode::CONFLICT, &m))
        }
        Err(e) => return Err(e.into()),
    };
    let cookie = crate::auth::start_session(&state, &person, &headers, false, None).await?;
    Ok(super::redirect_with_cookie("/your-coach?linked=1", cookie))
}

async fn accept(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Redirect, PageError> {
    practice::accept(&state.scope(&viewer.person), &hash_token(&token)).await?;
    Ok(Redirect::to("/your-coach?linked=1"))
}

// ---------- the coach's side ----------

/// Clients on one page of the roster: a screenful on a laptop, a few
/// scrolls on a phone; the rest are a "next page" or a name away.
pub(crate) const ROSTER_PAGE: usize = 50;

/// Past this many clients the roster offers to find one by name.
const FIND_FROM: usize = 10;

#[derive(Deserialize, Default)]
struct RosterFlash {
    ended: Option<String>,
    page: Option<String>,
    q: Option<String>,
}

/// Which page of the roster, and by which name: the query as the coach
/// typed it, read into a window of the roster.
struct RosterAsk {
    page: usize,
    name: Option<String>,
}

impl RosterAsk {
    fn parse(page: Option<&str>, q: Option<&str>) -> Result<RosterAsk, PageError> {
        let page = match page.map(str::trim).filter(|p| !p.is_empty()) {
            None => 1,
            Some(p) => p.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                PageError::new(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "The page number should be a whole number from 1 on, like /clients?page=2, not \"{}\".",
                        p.chars().take(20).collect::<String>()
                    ),
                )
            })?,
        };
        let name = q.map(str::trim).filter(|q| !q.is_empty());
        if name.is_some_and(|n| n.chars().count() > 100) {
            return Err(PageError::new(
                StatusCode::BAD_REQUEST,
                "A name to find is at most 100 characters; type part of the client's name.",
            ));
        }
        Ok(RosterAsk {
            page,
            name: name.map(str::to_string),
        })
    }

    /// The first page of everyone (after making an invitation).
    fn default_first() -> RosterAsk {
        RosterAsk {
            page: 1,
            name: None,
        }
    }

    fn window(&self) -> goodenough_app::programme::RosterWindow {
        goodenough_app::programme::RosterWindow {
            name: self.name.clone(),
            offset: (self.page - 1).saturating_mul(ROSTER_PAGE),
            limit: Some(ROSTER_PAGE),
        }
    }

    /// The roster's address for another page of the same search.
    fn href(&self, page: usize) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(name) = &self.name {
            query.append_pair("q", name);
        }
        if page > 1 {
            query.append_pair("page", &page.to_string());
        }
        let query = query.finish();
        if query.is_empty() {
            "/clients".to_string()
        } else {
            format!("/clients?{query}")
        }
    }
}

/// The roster page. `only_reads`: the request writes nothing of the
/// coach's own (a `GET`), so the coach's links version the session's query
/// read serves (no read of its own); after a form that changed something,
/// the version is read again.
async fn roster_page(
    state: &AppState,
    viewer: &Viewer,
    extra: Markup,
    ask: &RosterAsk,
    only_reads: bool,
) -> Result<(StatusCode, Markup), PageError> {
    // The clients on this page with what they share, and the programme and
    // week of those who share their programme: one read of the coach's
    // links (kept while they are unchanged) is the list and the access
    // check (each client on the page asked about gets a line in their
    // log), then one read of those programmes, rather than a check and a
    // read per client (the roster is the coach's busiest page). The open
    // invitations come kept with the links; the coach's own reads have
    // their page (`/clients/reads`).
    let scope = if only_reads {
        state.scope_of_viewer(viewer)
    } else {
        state.scope(&viewer.person)
    };
    let roster = goodenough_app::programme::roster_page(
        &scope.for_target("/clients"),
        crate::programmes::load(state).0,
        &ask.window(),
    )
    .await?;
    let now = state.clock.now();
    let coach = viewer.role == Role::Coach;
    let open = &roster.invitations;
    let everyone = roster.names().count();
    let pages = roster.total.div_ceil(ROSTER_PAGE).max(1);
    let past_the_end = ask.page > pages;
    // (Any page number parses; one past the end is never used for these.)
    let first_shown = (ask.page - 1).saturating_mul(ROSTER_PAGE).saturating_add(1);
    let last_shown = first_shown.saturating_add(roster.clients.len().saturating_sub(1));
    let programmes: Vec<String> = roster
        .clients
        .iter()
        .map(|(_, status)| match status {
            Some(Ok(status)) => status.one_line(),
            _ => "not shared".to_string(),
        })
        .collect();
    let clients: Vec<&Linked> = roster.clients.iter().map(|(c, _)| c).collect();
    let status = if past_the_end {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        page(
            viewer,
            "Clients",
            "/clients",
            html! {
                h1 { "Clients" }
                (extra)
                @if !coach {
                    p { "This page is for coaches. Your account is not a coach account; the operator of this goodenough can change that." }
                }
                @if everyone == 0 {
                    p { "No clients linked yet." @if coach { " Invite someone below; they choose what to share with you." } }
                } @else {
                    p.muted { "You see only what each client shares with you. A part they do not share reads “not shared”." }
                    @if everyone > FIND_FROM || ask.name.is_some() {
                        (search_form("/clients", "find-client", "Find a client by name", &Listing { q: ask.name.clone().unwrap_or_default(), limit: ROSTER_PAGE }))
                    }
                    @if past_the_end {
                        (notice("error", &format!(
                            "There is no page {} of this list: it has {} page{}.",
                            ask.page, pages, if pages == 1 { "" } else { "s" }
                        )))
                        p { a href=(ask.href(1)) { "Go to the first page" } }
                    } @else if roster.total == 0 {
                        p role="status" { "No client has “" (ask.name.as_deref().unwrap_or("")) "” in their name. " a href="/clients" { "Show everyone" } }
                    } @else {
                        p.muted role="status" {
                            @if let Some(name) = &ask.name {
                                (roster.total) " of " (everyone) " clients " @if roster.total == 1 { "has" } @else { "have" } " “" (name) "” in their name"
                            } @else {
                                (everyone) " client" @if everyone != 1 { "s" }
                            }
                            @if pages > 1 { "; " (first_shown) "–" (last_shown) " on this page, oldest link first. " } @else { ". " }
                            @if ask.name.is_some() { a href="/clients" { "Show everyone" } }
                        }
                        div.table-scroll tabindex="0" {
                            table {
                                thead {
                                    tr {
                                        th scope="col" { "Client" }
                                        th scope="col" { "Linked since" }
                                        th scope="col" { "Programme" }
                                        th scope="col" { "Shared with you" }
                                    }
                                }
                                tbody {
                                    @for (c, programme) in clients.iter().zip(&programmes) {
                                        tr {
                                            td { a href={"/clients/" (c.link.client_id)} { (c.link.client_name) } }
                                            td { (c.link.started_at.date_naive()) }
                                            td { (programme) }
                                            td {
                                                @let shared: Vec<_> = Category::SHAREABLE.iter().filter(|k| c.shares(**k).is_some()).collect();
                                                @if shared.is_empty() { "not shared" }
                                                @else {
                                                    @for (i, k) in shared.iter().enumerate() {
                                                        @if i > 0 { ", " }
                                                        (k.label())
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        @if pages > 1 {
                            nav.pager aria-label="Pages of clients" {
                                @if ask.page > 1 { a rel="prev" href=(ask.href(ask.page - 1)) { "← Earlier clients" } }
                                span { "Page " (ask.page) " of " (pages) }
                                @if ask.page < pages { a rel="next" href=(ask.href(ask.page + 1)) { "Later clients →" } }
                            }
                        }
                    }
                }
                @if coach {
                    h2 { "Invite a client" }
                    form method="post" action="/clients/invite" {
                        (csrf_field(&viewer.csrf))
                        label for="invite-email" { "Their email (optional: only that account can then accept)" }
                        input id="invite-email" type="email" name="email" autocomplete="off";
                        button type="submit" { "Make an invitation link" }
                    }
                    @if !open.is_empty() {
                        p.muted {
                            (open.len()) " open invitation" @if open.len() != 1 { "s" }
                            ", the last valid until " (open.iter().map(|i| i.expires_at).max().unwrap_or(now).date_naive()) "."
                        }
                    }
                }
                h2 { "What you read" }
                p {
                    "Each read of a client's data, allowed or refused, is kept in that client's own log and in yours. "
                    a href="/clients/reads" { "See what you read" }
                }
            },
        ),
    ))
}

/// The coach's own reads of their clients' data, the latest first: the
/// lines each client sees in their log, named by client.
async fn reads(State(state): State<AppState>, viewer: Viewer) -> Result<Markup, PageError> {
    let scope = state.scope(&viewer.person);
    let reads = practice::recent_log(&scope, true, READS_SHOWN).await?;
    let clients = practice::clients(&scope).await?;
    let names: HashMap<&str, &str> = clients
        .iter()
        .map(|c| (c.link.client_id.as_str(), c.link.client_name.as_str()))
        .collect();
    let coach = viewer.role == Role::Coach;
    Ok(page(
        &viewer,
        "What you read",
        "/clients",
        html! {
            p { a href="/clients" { "← Clients" } }
            h1 { "What you read" }
            @if !coach {
                p { "This page is for coaches. Your account is not a coach account; the operator of this goodenough can change that." }
            }
            p.muted { "Each time you open a client's data, or try to, a line is kept here and in that client's own log, which they read on their “Your coach” page. A former client's lines name them “a former client”." }
            @if reads.is_empty() {
                p { "Nothing yet." }
            } @else {
                @if reads.len() as u32 == READS_SHOWN {
                    p.muted { "The latest " (READS_SHOWN) ", newest first; the whole list is at " code { "/api/v1/reads" } "." }
                }
                (log_table(&reads, Some(&names)))
            }
        },
    ))
}

async fn roster(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(flash): Query<RosterFlash>,
) -> Result<Response, PageError> {
    let ask = RosterAsk::parse(flash.page.as_deref(), flash.q.as_deref())?;
    let extra = html! {
        @if flash.ended.is_some() { (notice("success", "The link has ended.")) }
    };
    Ok(roster_page(&state, &viewer, extra, &ask, true)
        .await?
        .into_response())
}

#[derive(Deserialize)]
struct InviteForm {
    #[serde(default)]
    email: String,
}

async fn invite(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<InviteForm>,
) -> Result<Response, PageError> {
    let token = random_token();
    let email = Some(form.email.as_str()).filter(|e| !e.trim().is_empty());
    match practice::invite(&state.scope(&viewer.person), &hash_token(&token), email).await {
        Ok(invitation) => {
            let extra = html! {
                div.card role="status" {
                    p { "Here is the invitation link. It is shown only this once; send it to your client yourself. It works once, until " (invitation.expires_at.date_naive()) "." }
                    p { code.invite-link { "/invite/" (token) } }
                    p.muted { "Put this server's address in front of it, for example https://coaching.example.org/invite/…" }
                }
            };
            Ok(
                roster_page(&state, &viewer, extra, &RosterAsk::default_first(), false)
                    .await?
                    .into_response(),
            )
        }
        Err(AppError::Invalid(e)) => {
            let extra = notice("error", &e.to_string());
            let (_, markup) =
                roster_page(&state, &viewer, extra, &RosterAsk::default_first(), false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, markup).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct NoteForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    agenda: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    shared: Option<String>,
}

async fn save_note(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(client): Path<String>,
    Form(form): Form<NoteForm>,
) -> Result<Redirect, PageError> {
    let date = match form.date.trim() {
        "" => None,
        raw => Some(goodenough_core::text::parse_date(raw)?),
    };
    let new = practice::NewNote {
        date,
        agenda: form.agenda,
        notes: form.notes,
        shared: form.shared.is_some(),
    };
    practice::add_note(&state.scope(&viewer.person), &client, new).await?;
    Ok(Redirect::to(&format!("/clients/{client}?saved=1#notes")))
}

/// A client of the viewer's (404 for anyone else) and the scope that reads
/// their data for `target`.
async fn client_scope(
    state: &AppState,
    viewer: &Viewer,
    client: &str,
    target: &str,
) -> Result<(Linked, Scope), PageError> {
    let linked = your_client(state, viewer, client).await?;
    let scope = state.scope_as_coach(&viewer.person, client, target);
    Ok((linked, scope))
}

/// The viewer's live link with `client`; a kind 404 for anyone else.
async fn your_client(state: &AppState, viewer: &Viewer, client: &str) -> Result<Linked, PageError> {
    match practice::client(&state.scope(&viewer.person), client).await {
        Ok(l) => Ok(l),
        Err(AppError::NotFound { .. }) => Err(PageError::new(
            StatusCode::NOT_FOUND,
            "There is no client of yours here. Your clients are listed on the Clients page.",
        )),
        Err(e) => Err(e.into()),
    }
}

/// The kind page for a category a client does not share (404).
fn not_shared(viewer: &Viewer, linked: &Linked, category: Category) -> Response {
    (
        StatusCode::NOT_FOUND,
        page(
            viewer,
            "Not shared",
            "/clients",
            html! {
                h1 { "Not shared" }
                p { (linked.link.client_name) " does not share their " (category.label()) " with you. That is their choice, and they can change it whenever they like." }
                p { a href={"/clients/" (linked.link.client_id)} { "Back to " (linked.link.client_name) } }
            },
        ),
    )
        .into_response()
}

/// A use case's answer, or the "not shared" page.
fn shared_or<T>(
    r: goodenough_app::Result<T>,
    viewer: &Viewer,
    linked: &Linked,
    category: Category,
) -> Result<Result<T, Response>, PageError> {
    match r {
        Ok(v) => Ok(Ok(v)),
        Err(AppError::Denied(d)) if d.reason == Reason::NotShared => {
            Ok(Err(not_shared(viewer, linked, category)))
        }
        Err(e) => Err(e.into()),
    }
}

/// The client page's line about the dates crisis help was shown: the
/// dates when the client opted in (`dates`), else "not shared".
fn crisis_line(linked: &Linked, dates: Option<&[NaiveDate]>) -> Markup {
    let category = Category::CrisisDates;
    html! {
        @match dates {
            Some(dates) => {
                (category.label()) " — " (shared_words(&linked.consent.shared, category)) ": "
                @if dates.is_empty() { "none" }
                @for (i, d) in dates.iter().enumerate() {
                    @if i > 0 { ", " }
                    time datetime=(d) { (d.format("%a %-d %b %Y")) }
                }
                p.muted {
                    "The date only, never what was written. goodenough sends no alerts, and "
                    (linked.link.client_name) " has been told that a coach is not an emergency service."
                }
            }
            None => { (category.label()) " — not shared" }
        }
    }
}

fn client_header(linked: &Linked, title: &str) -> Markup {
    html! {
        p.muted { a href="/clients" { "Clients" } " › " a href={"/clients/" (linked.link.client_id)} { (linked.link.client_name) } }
        h1 { (title) }
    }
}

#[derive(Deserialize, Default)]
struct NoteFlash {
    saved: Option<String>,
    assigned: Option<String>,
    offered: Option<String>,
}

async fn client_overview(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(client): Path<String>,
    Query(q): Query<NoteFlash>,
) -> Result<Markup, PageError> {
    let linked = your_client(&state, &viewer, &client).await?;
    let notes = practice::notes_about(&state.scope(&viewer.person), &client).await?;
    let given = assignments::given(
        &state
            .scope(&viewer.person)
            .for_target(format!("/clients/{client}")),
        &client,
    )
    .await?;
    let offered = goodenough_app::offers::given(
        &state
            .scope(&viewer.person)
            .for_target(format!("/clients/{client}")),
        &client,
    )
    .await?;
    let own = goodenough_app::content::mine(&state.scope(&viewer.person)).await?;
    // The dates crisis help was shown, read (and logged) only when the
    // client opted in; a revocation since the link was read reads as not
    // shared.
    let crisis = if linked.shares(Category::CrisisDates).is_some() {
        let scope = state.scope_as_coach(&viewer.person, &client, &format!("/clients/{client}"));
        match goodenough_app::crisis::dates(&scope).await {
            Ok(dates) => Some(dates),
            Err(AppError::Denied(_)) => None,
            Err(e) => return Err(e.into()),
        }
    } else {
        None
    };
    let today = state.clock.now().date_naive();
    let views = [
        (Category::CheckIns, "checkins"),
        (Category::Thoughts, "thoughts"),
        (Category::WinsAndSetbacks, "wins"),
        (Category::ReviewsAndProgress, "report"),
        (Category::Evidence, "evidence"),
        (Category::Experiments, "experiments"),
        (Category::Boundaries, "boundaries"),
        (Category::Assessments, "assessments"),
        (Category::Joy, "joy"),
    ];
    Ok(page(
        &viewer,
        &linked.link.client_name,
        "/clients",
        html! {
            p.muted { a href="/clients" { "Clients" } }
            h1 { (linked.link.client_name) }
            p.muted { "Linked since " (linked.link.started_at.date_naive()) ". Every page you open here is listed in their access log." }
            ul {
                @for category in Category::SHAREABLE {
                    li {
                        @let view = views.iter().find(|(c, _)| *c == category).map(|(_, v)| *v);
                        @if category == Category::CrisisDates {
                            (crisis_line(&linked, crisis.as_deref()))
                        } @else {
                        @match (linked.shares(category), view) {
                            (Some(_), Some("report")) => {
                                (category.label()) " — " (shared_words(&linked.consent.shared, category)) ": "
                                a href={"/clients/" (linked.link.client_id) "/report"} { "download the progress report" }
                            }
                            (Some(_), Some(v)) => {
                                a href={"/clients/" (linked.link.client_id) "/" (v)} { (category.label()) }
                                " — " (shared_words(&linked.consent.shared, category))
                            }
                            (Some(_), None) => {
                                // The programme: its name and week are on the Clients page.
                                (category.label()) " — " (shared_words(&linked.consent.shared, category))
                                " (shown on " a href="/clients" { "the Clients page" } ")"
                            }
                            (None, _) => { (category.label()) " — not shared" }
                        }
                        }
                    }
                }
            }
            (assignment_block(&viewer, &linked, &given, today, q.assigned.is_some()))
            (super::offers::coach_block(&viewer, &linked, &offered, &own, q.offered.is_some()))
            h2 #notes { "Session notes" }
            @if q.saved.is_some() { (notice("success", "Note kept.")) }
            form.stack method="post" action={"/clients/" (linked.link.client_id) "/notes"} {
                (csrf_field(&viewer.csrf))
                label for="note-date" { "Session date" }
                input #note-date type="date" name="date" value=(today);
                label for="note-agenda" { "Agenda (optional)" }
                input #note-agenda type="text" name="agenda";
                label for="note-text" { "Notes" }
                textarea #note-text name="notes" rows="4" required {}
                label.inline {
                    input type="checkbox" name="shared" value="on";
                    " Share this note with " (linked.link.client_name)
                }
                p.hint { "Unshared notes stay yours; " (linked.link.client_name) " is told how many there are and the latest date, never what they say." }
                button type="submit" { "Keep this note" }
            }
            @if notes.is_empty() {
                p { "No notes yet." }
            }
            @for n in notes.iter().rev() {
                article.card {
                    h3 { time datetime=(n.session_date) { (n.session_date.format("%a %-d %b %Y")) } }
                    p.muted { @if n.shared { "Shared with " (linked.link.client_name) } @else { "Private to you" } }
                    @if !n.agenda.is_empty() { p { strong { "Agenda: " } (n.agenda) } }
                    p { (multiline(&n.notes)) }
                }
            }
            form.end-link method="post" action={"/links/" (linked.link.id) "/end"} {
                (csrf_field(&viewer.csrf))
                input type="hidden" name="back" value="/clients";
                button.secondary type="submit" { "End coaching " (linked.link.client_name) }
            }
        },
    ))
}

/// `?limit=`: how many of a client's check-ins the coach's view shows.
#[derive(Deserialize, Default)]
struct ShowMore {
    limit: Option<String>,
}

async fn client_checkins(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(client): Path<String>,
    Query(more): Query<ShowMore>,
) -> Result<Response, PageError> {
    // The newest first, a screenful at a time as on the person's own lists
    // ("Show more" adds the next ones), so eight months of evenings is not
    // one long page.
    let listing = Listing::new(None, more.limit.as_deref());
    let target = format!("/clients/{client}/checkins");
    let (linked, scope) = client_scope(&state, &viewer, &client, &target).await?;
    // Kept while the client's data is unchanged, under the first date they
    // share; the access check and its log line come first on every request.
    let list = match shared_or(
        checkins::all(&scope).await,
        &viewer,
        &linked,
        Category::CheckIns,
    )? {
        Ok(l) => l,
        Err(page) => return Ok(page),
    };
    Ok(page(
        &viewer,
        "Check-ins",
        "/clients",
        html! {
            (client_header(&linked, "Check-ins"))
            p.muted { "Read only. " (linked.link.client_name) " shares this with you, " (span(&linked.consent.shared, Category::CheckIns)) "." }
            @if list.is_empty() { p { "No check-ins in what is shared." } }
            @for (i, c) in list.iter().rev().take(listing.limit).enumerate() {
                article.card id={"checkin-" (i + 1)} {
                    h3 { time datetime=(c.date) { (c.date.format("%a %-d %b %Y")) } }
                    p { "Mood " (c.mood) " · energy " (c.energy) }
                    ul {
                        @for a in &c.appreciations { li { (a.area) ": " (a.text) } }
                    }
                    @if let Some(note) = &c.note { p { (multiline(note)) } }
                }
            }
            (show_more(&listing, list.len().min(listing.limit), list.len(), &target, "checkin"))
        },
    )
    .into_response())
}

async fn client_thoughts(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(client): Path<String>,
) -> Result<Response, PageError> {
    let target = format!("/clients/{client}/thoughts");
    let (linked, scope) = client_scope(&state, &viewer, &client, &target).await?;
    let list = match shared_or(
        thoughts::list(&scope, None).await,
        &viewer,
        &linked,
        Category::Thoughts,
    )? {
        Ok(l) => l,
        Err(page) => return Ok(page),
    };
    let catalog = state.catalogues().traps();
    Ok(page(
        &viewer,
        "Thought records",
        "/clients",
        html! {
            (client_header(&linked, "Thought records"))
            p.muted { "Read only. " (linked.link.client_name) " shares this with you, " (span(&linked.consent.shared, Category::Thoughts)) "." }
            @if list.is_empty() { p { "No thought records in what is shared." } }
            @for r in list.iter().rev() { (super::thoughts::record_view(r, catalog, false)) }
        },
    )
    .into_response())
}

async fn client_wins(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(client): Path<String>,
) -> Result<Response, PageError> {
    let target = format!("/clients/{client}/wins");
    let (linked, scope) = client_scope(&state, &viewer, &client, &target).await?;
    let category = Category::WinsAndSetbacks;
    let wins = match shared_or(
        journal::wins(&scope, None).await,
        &viewer,
        &linked,
        category,
    )? {
        Ok(l) => l,
        Err(page) => return Ok(page),
    };
    let setbacks = match shared_or(
        journal::setbacks(&scope, None).await,
        &viewer,
        &linked,
        category,
    )? {
        Ok(l) => l,
        Err(page) => return Ok(page),
    };
    Ok(page(
        &viewer,
        "Wins and setbacks",
        "/clients",
        html! {
            (client_header(&linked, "Wins and setbacks"))
            p.muted { "Read only. " (linked.link.client_name) " shares this with you, " (span(&linked.consent.shared, category)) "." }
            h2 { "Wins" }
            @if wins.is_empty() { p { "No wins in what is shared." } }
            ul { @for w in wins.iter().rev() { li { time datetime=(w.date) { (w.date) } ": " (w.text) } } }
            h2 { "Setbacks" }
            @if setbacks.is_empty() { p { "No setbacks in what is shared." } }
            ul {
                @for s in setbacks.iter().rev() {
                    li {
                        time datetime=(s.date) { (s.date) } ": " (s.text)
                        @if let Some(lesson) = &s.lesson { " — " (lesson) }
                    }
                }
            }
        },
    )
    .into_response())
}

async fn client_report(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(client): Path<String>,
) -> Result<Response, PageError> {
    let target = format!("/clients/{client}/report");
    let (linked, scope) = client_scope(&state, &viewer, &client, &target).await?;
    let catalogues = state.catalogues();
    let built = goodenough_app::report::build(
        &scope,
        goodenough_app::report::ReportRequest {
            from: None,
            to: None,
            format: goodenough_core::report::Format::Html,
        },
        catalogues.instruments(),
        &catalogues.programmes().list,
    )
    .await;
    match shared_or(built, &viewer, &linked, Category::ReviewsAndProgress)? {
        Ok(report) => Ok(crate::journey::attachment(report)),
        Err(page) => Ok(page),
    }
}

async fn client_evidence(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(client): Path<String>,
) -> Result<Response, PageError> {
    let target = format!("/clients/{client}/evidence");
    let (linked, scope) = client_scope(&state, &viewer, &client, &target).await?;
    let category = Category::Evidence;
    let list = match shared_or(
        goodenough_app::evidence::list(&scope).await,
        &viewer,
        &linked,
        category,
    )? {
        Ok(l) => l,
        Err(page) => return Ok(page),
    };
    Ok(page(
        &viewer,
        "Evidence",
        "/clients",
        html! {
            (client_header(&linked, "Evidence"))
            p.muted { "Read only. " (linked.link.client_name) " shares this with you, " (span(&linked.consent.shared, category)) "." }
            @if list.is_empty() { p { "No evidence in what is shared." } }
            @for e in list.iter().rev() {
                article.card {
                    p.muted { time datetime=(e.date) { (e.date.format("%a %-d %b %Y")) } " · " (e.kind.as_str()) " · put down to " (e.attribution.as_str()) }
                    p { (e.text) @if let Some(from) = &e.source { " — " (from) } }
                }
            }
        },
    )
    .into_response())
}

async fn client_experiments(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(client): Path<String>,
) -> Result<Response, PageError> {
    let target = format!("/clients/{client}/experiments");
    let (linked, scope) = client_scope(&state, &viewer, &client, &target).await?;
    let category = Category::Experiments;
    let list = match shared_or(
        goodenough_app::experiments::list(&scope, None).await,
        &viewer,
        &linked,
        category,
    )? {
        Ok(l) => l,
        Err(page) => return Ok(page),
    };
    Ok(page(
        &viewer,
        "Experiments",
        "/clients",
        html! {
            (client_header(&linked, "Experiments"))
            p.muted { "Read only. " (linked.link.client_name) " shares this with you, " (span(&linked.consent.shared, category)) "." }
            @if list.is_empty() { p { "No experiments in what is shared." } }
            @for x in list.iter().rev() {
                article.card {
                    h3 { time datetime=(x.date) { (x.date.format("%a %-d %b %Y")) } }
                    dl {
                        dt { "Belief tested" } dd { (x.belief) }
                        dt { "Prediction" } dd { (x.prediction) " (" (x.likelihood) "% likely, anxiety " (x.anxiety) ")" }
                        @if let Some(r) = &x.result {
                            dt { "What happened" } dd { (r.actual) }
                            dt { "Learned" } dd { (r.learned) }
                        } @else {
                            dt { "Result" } dd { "not recorded yet" }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

async fn client_boundaries(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(client): Path<String>,
) -> Result<Response, PageError> {
    let target = format!("/clients/{client}/boundaries");
    let (linked, scope) = client_scope(&state, &viewer, &client, &target).await?;
    let category = Category::Boundaries;
    let all = match shared_or(
        goodenough_app::boundaries::all(&scope).await,
        &viewer,
        &linked,
        category,
    )? {
        Ok(l) => l,
        Err(page) => return Ok(page),
    };
    let day = |d: NaiveDate| html! { time datetime=(d) { (d.format("%a %-d %b %Y")) } };
    Ok(page(
        &viewer,
        "Boundaries",
        "/clients",
        html! {
            (client_header(&linked, "Boundaries"))
            p.muted { "Read only. " (linked.link.client_name) " shares this with you, " (span(&linked.consent.shared, category)) "." }
            h2 { "Saying no" }
            @if all.noes.is_empty() { p { "No times of saying no in what is shared." } }
            @for n in all.noes.iter().rev() {
                article.card {
                    p.muted { (day(n.date)) }
                    dl {
                        dt { "Asked" } dd { (n.request) }
                        dt { "Said" } dd { (n.response) }
                        dt { "Guilt" } dd {
                            (n.guilt_before) " before"
                            @if let Some(after) = n.guilt_after { ", " (after) " after" }
                            " (0-10)"
                        }
                        @if let Some(o) = &n.outcome { dt { "What happened" } dd { (o) } }
                    }
                }
            }
            h2 { "Delegations" }
            @if all.delegations.is_empty() { p { "No delegations in what is shared." } }
            @for d in all.delegations.iter().rev() {
                article.card {
                    p.muted { (day(d.date)) }
                    dl {
                        dt { "Handed on" } dd { (d.task) }
                        dt { "To" } dd { (d.to) }
                        @if let Some(o) = &d.outcome { dt { "How it went" } dd { (o) } }
                        @match d.fine {
                            Some(true) => { dt { "Turned out" } dd { "fine" } }
                            Some(false) => { dt { "Turned out" } dd { "not quite fine" } }
                            None => {}
                        }
                    }
                }
            }
            h2 { "Mistake reviews" }
            @if all.mistakes.is_empty() { p { "No mistake reviews in what is shared." } }
            @for m in all.mistakes.iter().rev() {
                article.card {
                    p.muted { (day(m.date)) }
                    dl {
                        dt { "What happened" } dd { (m.what) }
                        dt { "What it cost" } dd { (m.cost) }
                        @if let Some(f) = &m.factors { dt { "What played a part" } dd { (f) } }
                        dt { "What it taught" } dd { (m.taught) }
                        dt { "To a friend" } dd { (m.friend) }
                    }
                }
            }
        },
    )
    .into_response())
}

async fn client_assessments(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(client): Path<String>,
) -> Result<Response, PageError> {
    let target = format!("/clients/{client}/assessments");
    let (linked, scope) = client_scope(&state, &viewer, &client, &target).await?;
    let category = Category::Assessments;
    let list = match shared_or(
        goodenough_app::assessments::list(&scope, None).await,
        &viewer,
        &linked,
        category,
    )? {
        Ok(l) => l,
        Err(page) => return Ok(page),
    };
    let instruments = state.catalogues().instruments();
    let score = super::assessments::fmt_score;
    Ok(page(
        &viewer,
        "Questionnaires",
        "/clients",
        html! {
            (client_header(&linked, "Questionnaires"))
            p.muted { "Read only. " (linked.link.client_name) " shares this with you, " (span(&linked.consent.shared, category)) ". Scores are for reflecting together, never a diagnosis; the answers to single questions stay theirs." }
            @if list.is_empty() { p { "No questionnaires in what is shared." } }
            @for r in list.iter().rev() {
                @let title = instruments.iter().find(|i| i.id == r.instrument).map_or(r.instrument.as_str(), |i| i.title.as_str());
                article.card {
                    h3 { (title) }
                    p.muted { (r.date.format("%a %-d %b %Y")) }
                    p { "Total " strong { (score(r.total)) } }
                    @if !r.subscales.is_empty() {
                        ul {
                            @for (name, value) in &r.subscales { li { (name) ": " (score(*value)) } }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

async fn client_joy(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(client): Path<String>,
) -> Result<Response, PageError> {
    let target = format!("/clients/{client}/joy");
    let (linked, scope) = client_scope(&state, &viewer, &client, &target).await?;
    let category = Category::Joy;
    let o = match shared_or(
        goodenough_app::joy::overview(&scope, 1).await,
        &viewer,
        &linked,
        category,
    )? {
        Ok(l) => l,
        Err(page) => return Ok(page),
    };
    let day = |d: NaiveDate| html! { time datetime=(d) { (d.format("%a %-d %b %Y")) } };
    let block_title = |id: &str| {
        o.blocks
            .iter()
            .find(|b| b.id == id)
            .map_or("a block since removed", |b| b.title.as_str())
    };
    let minutes: u64 = o.logs.iter().map(|l| u64::from(l.minutes)).sum();
    Ok(page(
        &viewer,
        "Joy",
        "/clients",
        html! {
            (client_header(&linked, "Joy"))
            p.muted {
                "Read only. " (linked.link.client_name) " shares this with you, " (span(&linked.consent.shared, category)) ". "
                "A hobby or weekly block shows when a record here names it, or when it was added since then."
            }
            h2 { "Hobbies" }
            @if o.hobbies.is_empty() { p { "No hobbies yet." } }
            @else { ul { @for h in &o.hobbies { li { (h.name) } } } }
            h2 { "Personal time each week" }
            @if o.blocks.is_empty() { p { "No weekly blocks yet." } }
            @else {
                ul {
                    @for b in &o.blocks {
                        li { (b.title) ": " (b.weekday.full_name()) " " (b.start) "–" (b.end) @if !b.active { " (paused)" } }
                    }
                }
            }
            h2 { "Kept or skipped" }
            @if o.occurrences.is_empty() { p { "Nothing marked in what is shared." } }
            @else {
                ul {
                    @for occ in o.occurrences.iter().rev() {
                        li {
                            (day(occ.date)) ": " (block_title(&occ.block_id)) " — "
                            @if occ.kept { "kept" } @else { "skipped" }
                            @if let Some(r) = &occ.reason { " (" (r) ")" }
                        }
                    }
                }
            }
            h2 { "Time for joy" }
            @if o.logs.is_empty() { p { "No time logged in what is shared." } }
            @else {
                p { (minutes) " minutes in all." }
                ul { @for l in o.logs.iter().rev() { li { (day(l.date)) ": " (l.hobby) ", " (l.minutes) " min" } } }
            }
            h2 { "Rest" }
            @if o.rests.is_empty() { p { "No vacations or rest days in what is shared." } }
            @else {
                ul {
                    @for r in o.rests.iter().rev() {
                        li {
                            (day(r.from))
                            @if r.to != r.from { " to " (day(r.to)) }
                            ": " @if r.kind == goodenough_core::joy::RestKind::Vacation { "vacation" } @else { "rest" }
                            @if let Some(g) = r.guilt { ", guilt " (g) " of 10" }
                            @if r.without_guilt { " — taken without guilt" }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

/// The coach's assignments for one client: what they gave, with its
/// status, and the form to give a new one.
fn assignment_block(
    viewer: &Viewer,
    linked: &Linked,
    given: &[AssignmentView],
    today: NaiveDate,
    assigned: bool,
) -> Markup {
    let client = &linked.link.client_name;
    html! {
        h2 #assignments { "Assignments" }
        @if assigned { (notice("success", "Assignment given. It shows on their Today.")) }
        p.muted { "You see whether each step is done, whatever " (client) " shares: most steps tick themselves off when they do the matching thing." }
        @if given.is_empty() {
            p { "No assignments yet." }
        } @else {
            table.assignments {
                thead { tr { th scope="col" { "Step" } th scope="col" { "Due" } th scope="col" { "Status" } } }
                tbody {
                    @for a in given.iter().rev() {
                        tr {
                            td { (a.title) @if !a.assignment.note.is_empty() { br; span.muted { (a.assignment.note) } } }
                            td { time datetime=(a.assignment.due) { (a.assignment.due.format("%a %-d %b")) } }
                            td {
                                @match (a.assignment.status, a.progress) {
                                    (AssignmentStatus::Open, Some(p)) => { "to do (" (p.done) " of " (p.needed) ")" }
                                    (AssignmentStatus::NotForMe, _) => {
                                        "not for them"
                                        @if let Some(r) = &a.assignment.reason { ": " (r) }
                                    }
                                    (s, _) => { (s.label()) }
                                }
                            }
                        }
                    }
                }
            }
        }
        details.give-assignment open[given.is_empty()] {
            summary { "Give a next step" }
            form.stack method="post" action={"/clients/" (linked.link.client_id) "/assignments"} {
                (csrf_field(&viewer.csrf))
                label for="assign-kind" { "Kind" }
                select #assign-kind name="kind" {
                    @for k in AssignmentKind::ALL {
                        option value=(k.key()) { (k.label()) }
                    }
                }
                label for="assign-detail" { "Detail (for evenings: how many; for a script, practice or questionnaire: which; for your own words: the step)" }
                input #assign-detail type="text" name="detail";
                label for="assign-due" { "Due" }
                input #assign-due type="date" name="due" value=((today + chrono::Duration::days(7))) min=(today) required;
                label for="assign-note" { "Note (optional)" }
                textarea #assign-note name="note" rows="2" {}
                button type="submit" { "Give this step" }
            }
        }
    }
}

#[derive(Deserialize)]
struct AssignForm {
    kind: String,
    #[serde(default)]
    detail: String,
    due: String,
    #[serde(default)]
    note: String,
}

async fn save_assignment(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(client): Path<String>,
    Form(form): Form<AssignForm>,
) -> Result<Redirect, PageError> {
    let due = goodenough_core::text::parse_date(form.due.trim())?;
    let new = assignments::NewAssignment {
        kind: form.kind,
        detail: Some(form.detail).filter(|d| !d.trim().is_empty()),
        due,
        note: form.note,
    };
    let scope = state
        .scope(&viewer.person)
        .for_target(format!("/clients/{client}/assignments"));
    assignments::assign(&scope, &client, new).await?;
    Ok(Redirect::to(&format!(
        "/clients/{client}?assigned=1#assignments"
    )))
}
