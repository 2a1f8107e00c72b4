//! `/settings`: display name, time zone, working hours, reminder time, and
//! personal access tokens for the API (shown once, stored hashed).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Form;
use goodenough_app::{settings, AppError};
use goodenough_core::Settings;
use goodenough_store::{ApiTokenRow, Role};
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{csrf_field, notice, page};
use super::Viewer;
use crate::error::PageError;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/settings", get(show).post(save))
        .route("/settings/tokens", post(create_token))
        .route("/settings/tokens/revoke", post(revoke_token))
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

#[derive(Deserialize, Default)]
struct ShowQuery {
    saved: Option<String>,
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    s: &Settings,
    message: Option<(&str, String)>,
    new_token: Option<&str>,
) -> Result<Markup, PageError> {
    let tokens = state.store.list_api_tokens(&viewer.person).await?;
    let devices = goodenough_app::push::devices(&state.scope(&viewer.person)).await?;
    Ok(page(
        viewer,
        "Settings",
        "/settings",
        html! {
            h1 { "Settings" }
            @if let Some((kind, text)) = &message { (notice(kind, text)) }
            form.stack method="post" action="/settings" {
                (csrf_field(&viewer.csrf))
                label for="display_name" { "Your name" }
                input #display_name name="display_name" type="text" required value=(s.display_name);
                label for="time_zone" { "Time zone (IANA name, e.g. Europe/Berlin)" }
                input #time_zone name="time_zone" type="text" required value=(s.time_zone);
                div.pair {
                    div {
                        label for="work_start" { "Work starts" }
                        input #work_start name="work_start" type="time" required value=(s.work_start);
                    }
                    div {
                        label for="work_end" { "Work ends" }
                        input #work_end name="work_end" type="time" required value=(s.work_end);
                    }
                }
                fieldset {
                    legend { "Working days" }
                    @for d in DAYS {
                        label.inline {
                            input type="checkbox" name="work_days" value=(d) checked[s.work_days.iter().any(|w| w == d)];
                            " " (d)
                        }
                    }
                }
                label for="reminder_time" { "Evening check-in reminder" }
                input #reminder_time name="reminder_time" type="time" required value=(s.reminder_time);
                button type="submit" { "Save settings" }
            }
            (reminders(viewer, s, &devices))
            p { a href="/settings/security" { "Security: sessions and two-step sign-in" } }
            @if viewer.role == Role::Admin && !state.content_problems.is_empty() {
                (content_problems(state))
            }
            section aria-labelledby="tokens" {
                h2 #tokens { "Personal access tokens" }
                p { "A token lets a script use the API as you (" code { "Authorization: Bearer TOKEN" } "). It is shown once; keep it like a password." }
                @if let Some(t) = new_token {
                    div.notice.ok role="status" {
                        p { "Your new token (copy it now; it will not be shown again):" }
                        p { code.token { (t) } }
                    }
                }
                @if tokens.is_empty() {
                    p { "No tokens yet." }
                } @else {
                    div.table-scroll tabindex="0" {
                        table {
                            thead { tr { th scope="col" { "Name" } th scope="col" { "Created" } th scope="col" { "Last used" } th scope="col" { span.visually-hidden { "Actions" } } } }
                            tbody {
                                @for t in &tokens { (token_row(viewer, t)) }
                            }
                        }
                    }
                }
                form.stack method="post" action="/settings/tokens" {
                    (csrf_field(&viewer.csrf))
                    label for="token_name" { "Name of a new token" }
                    input #token_name name="name" type="text" required maxlength="100";
                    button type="submit" { "Create token" }
                }
            }
        },
    ))
}

/// "Reminders on this device": what a reminder is and when it comes, the
/// devices that get them, and (with JavaScript, in a browser that can
/// receive them) buttons to turn them on, send a test and turn them off.
/// Without JavaScript the section says so and shows no button.
fn reminders(viewer: &Viewer, s: &Settings, devices: &[goodenough_app::push::Device]) -> Markup {
    use goodenough_core::reminders::{QUIET_END, QUIET_START};
    let quiet = format!(
        "{} to {}",
        QUIET_START.format("%H:%M"),
        QUIET_END.format("%H:%M")
    );
    html! {
        section #reminders aria-labelledby="reminders-h" {
            h2 #reminders-h { "Reminders on this device" }
            p {
                "A notification at your evening check-in time (" (s.reminder_time) ", " (s.time_zone) "), at most once a day. "
                "None on a day you have already checked in, on rest days and vacations, and none in quiet hours (" (quiet) "). "
                "It says only \"Time for your evening check-in\"; nothing you wrote is ever in it."
            }
            noscript {
                p { "Reminders on a device need JavaScript and a browser that can show notifications. With JavaScript off, nothing here can be switched on; your calendar can remind you instead (Data, \"Evening reminder in your calendar\")." }
            }
            p #push-status role="status" aria-live="polite" {}
            div.push-actions #push-actions hidden data-csrf=(viewer.csrf) {
                button #push-on type="button" { "Turn on reminders on this device" }
                " "
                button #push-test type="button" { "Send a test" }
                " "
                button #push-off type="button" { "Turn off on this device" }
            }
            h3 { "Devices that get reminders" }
            @if devices.is_empty() {
                p { "No device gets reminders yet." }
            } @else {
                ul.records {
                    @for d in devices {
                        li {
                            (d.device) " — since " (d.created_at.format("%Y-%m-%d").to_string())
                            @if let Some(at) = d.last_sent_at { ", last reminder " (at.format("%Y-%m-%d %H:%M UTC").to_string()) }
                        }
                    }
                }
            }
        }
    }
}

/// For admins: the data directory's content files the server left out at
/// start (found once; fixed files are read at the next start).
fn content_problems(state: &AppState) -> Markup {
    html! {
        section aria-labelledby="content-files" {
            h2 #content-files { "Content files left out" }
            p {
                "These files in the server's data directory could not be used, so they were left out when the server started. "
                "Everything else loaded: the shipped content and the other files. "
                "Fix each file and restart the server."
            }
            ul.records {
                @for p in &state.content_problems {
                    li { (p.kind.words()) ": " code { (p.sentence) } }
                }
            }
        }
    }
}

fn token_row(viewer: &Viewer, t: &ApiTokenRow) -> Markup {
    html! {
        tr {
            td { (t.name) }
            td { (t.created_at.format("%Y-%m-%d").to_string()) }
            td { @match t.last_used_at { Some(at) => (at.format("%Y-%m-%d %H:%M UTC").to_string()), None => "never" } }
            td {
                form method="post" action="/settings/tokens/revoke" {
                    (csrf_field(&viewer.csrf))
                    input type="hidden" name="id" value=(t.id);
                    button type="submit" aria-label={"Revoke " (t.name)} { "Revoke" }
                }
            }
        }
    }
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ShowQuery>,
) -> Result<Markup, PageError> {
    let s = settings::get(&state.scope(&viewer.person)).await?;
    let message = q.saved.map(|what| {
        (
            "ok",
            match what.as_str() {
                "revoked" => "Token revoked.".to_string(),
                _ => "Settings saved.".to_string(),
            },
        )
    });
    render(&state, &viewer, &s, message, None).await
}

async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let s = Settings {
        display_name: get("display_name"),
        time_zone: get("time_zone"),
        work_start: get("work_start"),
        work_end: get("work_end"),
        work_days: pairs
            .iter()
            .filter(|(k, _)| k == "work_days")
            .map(|(_, v)| v.trim().to_lowercase())
            .collect(),
        reminder_time: get("reminder_time"),
    };
    match settings::save(&state.scope(&viewer.person), s.clone()).await {
        Ok(_) => Ok(Redirect::to("/settings?saved=settings").into_response()),
        Err(AppError::Invalid(e)) => {
            let body = render(&state, &viewer, &s, Some(("error", e.to_string())), None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct NewToken {
    name: String,
}

/// Creates a token for a person; returns the token (to show once).
pub async fn new_api_token(
    state: &AppState,
    person: &str,
    name: &str,
) -> Result<String, PageError> {
    let token = format!("ge_{}", crate::auth::random_token());
    state
        .store
        .create_api_token(
            &ApiTokenRow {
                id: goodenough_core::id::new_id(),
                person_id: person.to_string(),
                name: name.to_string(),
                created_at: state.clock.now(),
                last_used_at: None,
            },
            &crate::auth::hash_token(&token),
        )
        .await?;
    Ok(token)
}

async fn create_token(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<NewToken>,
) -> Result<Response, PageError> {
    let s = settings::get(&state.scope(&viewer.person)).await?;
    let name = f.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        let body = render(
            &state,
            &viewer,
            &s,
            Some((
                "error",
                "Give the token a name of 1 to 100 characters, such as \"laptop script\".".into(),
            )),
            None,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response());
    }
    let token = new_api_token(&state, &viewer.person, name).await?;
    // Rendered directly (not redirected): the token is shown this once.
    Ok(render(&state, &viewer, &s, None, Some(&token))
        .await?
        .into_response())
}

#[derive(Deserialize)]
struct RevokeToken {
    id: String,
}

async fn revoke_token(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<RevokeToken>,
) -> Result<Response, PageError> {
    if !state.store.revoke_api_token(&viewer.person, &f.id).await? {
        return Err(PageError::not_found());
    }
    Ok(Redirect::to("/settings?saved=revoked").into_response())
}
