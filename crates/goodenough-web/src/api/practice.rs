//! The coaching practice in the API: a coach's invitations and clients, a
//! client's coaches, consent (every version kept) and access log, and the
//! coach's read-only views of what a client shares. Every read of a
//! client's data goes through the one access check, which logs it.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::IntoResponse;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use goodenough_app::practice::{self, Linked};
use goodenough_app::{checkins, journal, thoughts};
use goodenough_core::{CheckIn, Setback, ThoughtRecord, Win};
use goodenough_store::practice::{AccessEntry, ConsentVersion, Invitation};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiJson, ApiPath, ApiUser, Created};
use crate::auth::{hash_token, random_token};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/invitations",
            get(list_invitations).post(create_invitation),
        )
        .route("/api/v1/invitations/accept", post(accept_invitation))
        .route("/api/v1/invitations/sign-up", post(sign_up_by_invitation))
        .route("/api/v1/coaches", get(list_coaches))
        .route(
            "/api/v1/coaches/{id}/consent",
            get(consent_history).put(set_consent),
        )
        .route("/api/v1/links/{id}", delete(end_link))
        .route("/api/v1/access-log", get(access_log))
        .route("/api/v1/reads", get(my_reads))
        .route("/api/v1/clients", get(list_clients))
        .route("/api/v1/clients/{id}/checkins", get(client_checkins))
        .route("/api/v1/clients/{id}/thoughts", get(client_thoughts))
        .route("/api/v1/clients/{id}/wins", get(client_wins))
        .route("/api/v1/clients/{id}/setbacks", get(client_setbacks))
        .route(
            "/api/v1/clients/{id}/notes",
            get(notes_about).post(add_note),
        )
        .route("/api/v1/session-notes", get(my_notes))
        .route("/api/v1/clients/{id}/report", get(client_report))
        .route("/api/v1/clients/{id}/evidence", get(client_evidence))
        .route("/api/v1/clients/{id}/experiments", get(client_experiments))
        .route("/api/v1/clients/{id}/boundaries", get(client_boundaries))
        .route("/api/v1/clients/{id}/assessments", get(client_assessments))
        .route("/api/v1/clients/{id}/joy", get(client_joy))
        .route(
            "/api/v1/clients/{id}/crisis-dates",
            get(client_crisis_dates),
        )
}

/// The dates on which the product showed a client crisis help (Help now),
/// the date only, from the first date they share; 404 unless the client
/// opted in to this for you. A coach is not an emergency service: these
/// dates are for the next session, not an alarm.
#[utoipa::path(
    get,
    path = "/api/v1/clients/{id}/crisis-dates",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    responses(
        (status = 200, description = "The client's local dates, oldest first, never what they wrote", body = Vec<NaiveDate>),
        (status = 404, description = "Not your client, or the client has not opted in to this", body = ErrorBody),
    ),
)]
pub(crate) async fn client_crisis_dates(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    uri: Uri,
) -> Result<Json<Vec<NaiveDate>>, ApiError> {
    let scope = client_scope(&state, &user, &client, &uri).await?;
    Ok(Json(goodenough_app::crisis::dates(&scope).await?))
}

/// A client's boundaries records, from the first date they share.
#[derive(Serialize, ToSchema)]
pub struct ClientBoundaries {
    /// Times they said no, oldest first.
    pub noes: Vec<goodenough_core::boundaries::NoRecord>,
    /// Tasks handed on, oldest first.
    pub delegations: Vec<goodenough_core::boundaries::Delegation>,
    /// Mistake reviews, oldest first.
    pub mistakes: Vec<goodenough_core::boundaries::MistakeReview>,
}

/// A client's noes, delegations and mistake reviews, each oldest first,
/// from the first date they share (404 when they do not share boundaries).
#[utoipa::path(
    get,
    path = "/api/v1/clients/{id}/boundaries",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    responses(
        (status = 200, description = "The shared records", body = ClientBoundaries),
        (status = 404, description = "Not your client, or boundaries not shared", body = ErrorBody),
    ),
)]
pub(crate) async fn client_boundaries(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    uri: Uri,
) -> Result<Json<ClientBoundaries>, ApiError> {
    let scope = client_scope(&state, &user, &client, &uri).await?;
    Ok(Json(goodenough_app::boundaries::all(&scope).await?.into()))
}

impl From<goodenough_app::boundaries::All> for ClientBoundaries {
    fn from(all: goodenough_app::boundaries::All) -> ClientBoundaries {
        ClientBoundaries {
            noes: all.noes,
            delegations: all.delegations,
            mistakes: all.mistakes,
        }
    }
}

/// One questionnaire result as a coach reads it: the scores, never the
/// answers to the items or the client's own words.
#[derive(Serialize, ToSchema)]
pub struct SharedResult {
    pub id: String,
    /// The questionnaire's id.
    pub instrument: String,
    /// Its title (the id when it is no longer offered).
    pub title: String,
    pub date: NaiveDate,
    pub total: f64,
    /// Subscale name -> score.
    pub subscales: BTreeMap<String, f64>,
}

/// A client's questionnaire results (scores only), oldest first, from the
/// first date they share (404 when they do not share assessments).
#[utoipa::path(
    get,
    path = "/api/v1/clients/{id}/assessments",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    responses(
        (status = 200, description = "The shared results, oldest first", body = Vec<SharedResult>),
        (status = 404, description = "Not your client, or assessments not shared", body = ErrorBody),
    ),
)]
pub(crate) async fn client_assessments(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    uri: Uri,
    paging: Paging,
) -> Result<Paged<SharedResult>, ApiError> {
    let scope = client_scope(&state, &user, &client, &uri).await?;
    let instruments = state.catalogues().instruments();
    let list = goodenough_app::assessments::list(&scope, None).await?;
    Ok(paging.page(
        list.into_iter()
            .map(|r| SharedResult::new(r, instruments))
            .collect(),
    ))
}

impl SharedResult {
    /// The scores of `r`, titled from `instruments`; the answers and the
    /// client's own words are left behind.
    pub fn new(
        r: goodenough_core::assessment::AssessmentResult,
        instruments: &[goodenough_core::assessment::Instrument],
    ) -> SharedResult {
        SharedResult {
            title: instruments
                .iter()
                .find(|i| i.id == r.instrument)
                .map_or_else(|| r.instrument.clone(), |i| i.title.clone()),
            id: r.id,
            instrument: r.instrument,
            date: r.date,
            total: r.total,
            subscales: r.subscales,
        }
    }
}

/// A client's joy from the first date they share: the dated records, and
/// the hobbies and weekly blocks a record shown names (or added since then
/// and named by no earlier record).
#[derive(Serialize, ToSchema)]
pub struct ClientJoy {
    pub hobbies: Vec<goodenough_core::joy::Hobby>,
    pub blocks: Vec<goodenough_core::joy::Block>,
    /// Blocks marked kept or skipped, oldest first.
    pub occurrences: Vec<goodenough_core::joy::Occurrence>,
    /// Minutes of joy, oldest first.
    pub logs: Vec<goodenough_core::joy::JoyLog>,
    /// Vacations and rest days, by their first day, oldest first.
    pub rests: Vec<goodenough_core::joy::Rest>,
}

/// A client's hobbies, personal-time blocks (kept or skipped), joy logs and
/// rests (404 when they do not share joy).
#[utoipa::path(
    get,
    path = "/api/v1/clients/{id}/joy",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    responses(
        (status = 200, description = "The shared records", body = ClientJoy),
        (status = 404, description = "Not your client, or joy not shared", body = ErrorBody),
    ),
)]
pub(crate) async fn client_joy(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    uri: Uri,
) -> Result<Json<ClientJoy>, ApiError> {
    let scope = client_scope(&state, &user, &client, &uri).await?;
    Ok(Json(goodenough_app::joy::overview(&scope, 1).await?.into()))
}

impl From<goodenough_app::joy::Overview> for ClientJoy {
    fn from(o: goodenough_app::joy::Overview) -> ClientJoy {
        ClientJoy {
            hobbies: o.hobbies,
            blocks: o.blocks,
            occurrences: o.occurrences,
            logs: o.logs,
            rests: o.rests,
        }
    }
}

/// A client's behavioural experiments, oldest first, from the first date
/// they share (404 when they do not share experiments).
#[utoipa::path(
    get,
    path = "/api/v1/clients/{id}/experiments",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    responses(
        (status = 200, description = "The shared experiments, oldest first", body = Vec<goodenough_core::experiment::Experiment>),
        (status = 404, description = "Not your client, or experiments not shared", body = ErrorBody),
    ),
)]
pub(crate) async fn client_experiments(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    uri: Uri,
    paging: Paging,
) -> Result<Paged<goodenough_core::experiment::Experiment>, ApiError> {
    let scope = client_scope(&state, &user, &client, &uri).await?;
    Ok(paging.page(goodenough_app::experiments::list(&scope, None).await?))
}

/// A client's evidence log, oldest first, from the first date they share
/// (404 when they do not share it).
#[utoipa::path(
    get,
    path = "/api/v1/clients/{id}/evidence",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    responses(
        (status = 200, description = "The shared entries, oldest first", body = Vec<goodenough_core::evidence::EvidenceEntry>),
        (status = 404, description = "Not your client, or evidence not shared", body = ErrorBody),
    ),
)]
pub(crate) async fn client_evidence(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    uri: Uri,
    paging: Paging,
) -> Result<Paged<goodenough_core::evidence::EvidenceEntry>, ApiError> {
    let scope = client_scope(&state, &user, &client, &uri).await?;
    Ok(paging.page(goodenough_app::evidence::list(&scope).await?))
}

/// A client's printable progress report (HTML), from the first date they
/// share on, when they share "reviews and progress" (404 otherwise).
#[utoipa::path(
    get,
    path = "/api/v1/clients/{id}/report",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    responses(
        (status = 200, description = "The report, as a download", content_type = "text/html"),
        (status = 404, description = "Not your client, or reviews and progress not shared", body = ErrorBody),
    ),
)]
pub(crate) async fn client_report(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    uri: Uri,
) -> Result<axum::response::Response, ApiError> {
    let scope = client_scope(&state, &user, &client, &uri).await?;
    let catalogues = state.catalogues();
    let report = goodenough_app::report::build(
        &scope,
        goodenough_app::report::ReportRequest {
            from: None,
            to: None,
            format: goodenough_core::report::Format::Html,
        },
        catalogues.instruments(),
        &catalogues.programmes().list,
    )
    .await?;
    Ok(crate::journey::attachment(report))
}

/// A session note.
#[derive(Serialize, ToSchema)]
pub struct Note {
    pub id: String,
    pub session_date: NaiveDate,
    pub agenda: String,
    pub notes: String,
    /// Shared with the client; otherwise private to the coach.
    pub shared: bool,
    pub created_at: DateTime<Utc>,
}

impl From<goodenough_store::practice::SessionNote> for Note {
    fn from(n: goodenough_store::practice::SessionNote) -> Note {
        Note {
            id: n.id,
            session_date: n.session_date,
            agenda: n.agenda,
            notes: n.notes,
            shared: n.shared,
            created_at: n.created_at,
        }
    }
}

/// A session note as a coach writes it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    /// The session's date; defaults to today.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub agenda: Option<String>,
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub notes: String,
    /// Show it to the client; otherwise it stays private to you.
    #[serde(default)]
    pub shared: bool,
}

/// Your session notes about one client (private and shared), oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/clients/{id}/notes",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    responses(
        (status = 200, description = "Your notes, oldest first", body = Vec<Note>),
        (status = 404, description = "Not your client", body = ErrorBody),
    ),
)]
pub(crate) async fn notes_about(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    paging: Paging,
) -> Result<Paged<Note>, ApiError> {
    let list = practice::notes_about(&state.scope(&user.person), &client).await?;
    Ok(paging.page(list.into_iter().map(Into::into).collect()))
}

/// Keeps a note of a session with one of your clients; shared notes are
/// shown to the client at once.
#[utoipa::path(
    post,
    path = "/api/v1/clients/{id}/notes",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    request_body = NewNote,
    responses(
        (status = 201, description = "The note", body = Note),
        (status = 404, description = "Not your client, or the link has ended", body = ErrorBody),
        (status = 422, description = "Empty notes, or too long", body = ErrorBody),
    ),
)]
pub(crate) async fn add_note(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    ApiJson(body): ApiJson<NewNote>,
) -> Result<Created<Note>, ApiError> {
    let new = practice::NewNote {
        date: body.date,
        agenda: body.agenda.unwrap_or_default(),
        notes: body.notes,
        shared: body.shared,
    };
    let note = practice::add_note(&state.scope(&user.person), &client, new).await?;
    Ok(Created::new(note.into()))
}

/// One coach's session notes for you: the shared ones, and how many they
/// keep private.
#[derive(Serialize, ToSchema)]
pub struct NotesFromCoach {
    pub coach_name: String,
    /// Shared with you, oldest first.
    pub shared: Vec<Note>,
    pub private_count: u64,
    /// The session date of the latest private note.
    pub private_latest: Option<NaiveDate>,
}

/// The session notes about you, per coach.
#[utoipa::path(
    get,
    path = "/api/v1/session-notes",
    tag = "coaching",
    responses(
        (status = 200, description = "Per coach, oldest link first", body = Vec<NotesFromCoach>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn my_notes(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<NotesFromCoach>, ApiError> {
    let list = practice::my_notes(&state.scope(&user.person)).await?;
    Ok(paging.page(
        list.into_iter()
            .map(|n| NotesFromCoach {
                coach_name: n.coach_name,
                shared: n.shared.into_iter().map(Into::into).collect(),
                private_count: n.private_count as u64,
                private_latest: n.private_latest,
            })
            .collect(),
    ))
}

/// A coach and a client, with the consent in force.
#[derive(Serialize, ToSchema)]
pub struct CoachLink {
    /// The link's id (what consent and ending name).
    pub id: String,
    pub coach_id: String,
    pub coach_name: String,
    pub client_id: String,
    pub client_name: String,
    pub started_at: DateTime<Utc>,
    /// When either side ended it; `null` while it is in force.
    pub ended_at: Option<DateTime<Utc>>,
    /// The consent in force.
    pub consent: Consent,
}

/// One version of what a client shares with one coach.
#[derive(Serialize, ToSchema)]
pub struct Consent {
    /// 1 when the link starts (nothing shared); one more with every change.
    pub version: i64,
    pub changed_at: DateTime<Utc>,
    /// Category key -> the first date shared, or `null` for every date.
    /// Keys: checkins, thoughts, wins, boundaries, experiments,
    /// assessments, joy, evidence, progress, programme, crisis (the dates
    /// crisis help was shown, off unless the client opts in).
    pub shared: BTreeMap<String, Option<NaiveDate>>,
}

impl From<ConsentVersion> for Consent {
    fn from(v: ConsentVersion) -> Consent {
        Consent {
            version: v.version,
            changed_at: v.changed_at,
            shared: v.shared,
        }
    }
}

impl From<Linked> for CoachLink {
    fn from(l: Linked) -> CoachLink {
        CoachLink {
            id: l.link.id,
            coach_id: l.link.coach_id,
            coach_name: l.link.coach_name,
            client_id: l.link.client_id,
            client_name: l.link.client_name,
            started_at: l.link.started_at,
            ended_at: l.link.ended_at,
            consent: l.consent.into(),
        }
    }
}

/// One line of an access log: a coach's read or write of a client's data,
/// allowed or refused.
#[derive(Serialize, ToSchema)]
pub struct AccessLine {
    pub at: DateTime<Utc>,
    pub coach_id: String,
    pub coach_name: String,
    pub client_id: String,
    /// The category key.
    pub category: String,
    /// `read`, `write` or `erase`.
    pub action: String,
    /// The page or API route asked for.
    pub target: String,
    pub allowed: bool,
}

impl From<AccessEntry> for AccessLine {
    fn from(e: AccessEntry) -> AccessLine {
        AccessLine {
            at: e.at,
            coach_id: e.coach_id,
            coach_name: e.coach_name,
            client_id: e.client_id,
            category: e.category,
            action: e.action,
            target: e.target,
            allowed: e.allowed,
        }
    }
}

/// An invitation a coach made.
#[derive(Serialize, ToSchema)]
pub struct InvitationInfo {
    pub id: String,
    /// Only this email may accept it, when set.
    pub email: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// When it was accepted; `null` while open.
    pub used_at: Option<DateTime<Utc>>,
}

impl From<Invitation> for InvitationInfo {
    fn from(i: Invitation) -> InvitationInfo {
        InvitationInfo {
            id: i.id,
            email: i.email,
            created_at: i.created_at,
            expires_at: i.expires_at,
            used_at: i.used_at,
        }
    }
}

/// A new invitation: its secret is shown this once.
#[derive(Serialize, ToSchema)]
pub struct NewInvitationAnswer {
    pub invitation: InvitationInfo,
    /// The one-time secret; the client accepts with it.
    pub token: String,
    /// The page where the client accepts (`/invite/TOKEN`).
    pub path: String,
}

/// An invitation as asked for.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    /// Only the account with this email may accept it.
    #[serde(default)]
    pub email: Option<String>,
}

/// Your invitations (as a coach), oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/invitations",
    tag = "coaching",
    responses(
        (status = 200, description = "The invitations, oldest first", body = Vec<InvitationInfo>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list_invitations(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<InvitationInfo>, ApiError> {
    let list = practice::invitations(&state.scope(&user.person)).await?;
    Ok(paging.page(list.into_iter().map(Into::into).collect()))
}

/// Makes an invitation (coaches only), valid for seven days.
#[utoipa::path(
    post,
    path = "/api/v1/invitations",
    tag = "coaching",
    request_body = NewInvitation,
    responses(
        (status = 201, description = "The invitation and its one-time secret", body = NewInvitationAnswer),
        (status = 403, description = "Not a coach account", body = ErrorBody),
        (status = 422, description = "An email address that does not look right", body = ErrorBody),
    ),
)]
pub(crate) async fn create_invitation(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewInvitation>,
) -> Result<Created<NewInvitationAnswer>, ApiError> {
    let token = random_token();
    let invitation = practice::invite(
        &state.scope(&user.person),
        &hash_token(&token),
        body.email.as_deref(),
    )
    .await?;
    Ok(Created::new(NewInvitationAnswer {
        invitation: invitation.into(),
        path: format!("/invite/{token}"),
        token,
    }))
}

/// An invitation's secret, to accept it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    pub token: String,
}

/// Accepts an invitation: you become the coach's client, sharing nothing
/// until you choose to.
#[utoipa::path(
    post,
    path = "/api/v1/invitations/accept",
    tag = "coaching",
    request_body = Acceptance,
    responses(
        (status = 201, description = "The new link (nothing shared yet)", body = CoachLink),
        (status = 403, description = "Your own invitation, or one made for another email", body = ErrorBody),
        (status = 404, description = "Not a valid invitation, or used or expired", body = ErrorBody),
        (status = 409, description = "Already linked with this coach", body = ErrorBody),
    ),
)]
pub(crate) async fn accept_invitation(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<Acceptance>,
) -> Result<Created<CoachLink>, ApiError> {
    let linked =
        practice::accept(&state.scope(&user.person), &hash_token(body.token.trim())).await?;
    Ok(Created::new(linked.into()))
}

/// A new person signing up through an invitation link (no account yet).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationSignUp {
    /// The invitation link's secret (the last part of its path).
    pub token: String,
    /// What goodenough and the coach call you.
    pub display_name: String,
    /// Your email, to sign in with; may be left out when the invitation was
    /// made for one (then it is that one).
    #[serde(default)]
    pub email: String,
    /// At least ten characters.
    pub password: String,
}

/// The account made by signing up through an invitation.
#[derive(Serialize, ToSchema)]
pub struct SignedUp {
    /// The new person's id.
    pub person_id: String,
    /// The new link's id (nothing shared yet).
    pub link_id: String,
    pub coach_name: String,
}

/// Signs up through an invitation link, with no account yet: a client
/// account and the link with the coach, made together (a refusal keeps
/// nothing). Sign in afterwards (the page, or make a token there) and
/// choose what to share.
#[utoipa::path(
    post,
    path = "/api/v1/invitations/sign-up",
    tag = "coaching",
    security(()),
    request_body = InvitationSignUp,
    responses(
        (status = 201, description = "The account and the link (nothing shared yet)", body = SignedUp),
        (status = 403, description = "The invitation was made for another email", body = ErrorBody),
        (status = 404, description = "Not a valid invitation, or used or expired", body = ErrorBody),
        (status = 409, description = "An account with that email exists, or you are signed in", body = ErrorBody),
        (status = 422, description = "A name, email or password that cannot be used", body = ErrorBody),
    ),
)]
pub(crate) async fn sign_up_by_invitation(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    ApiJson(body): ApiJson<InvitationSignUp>,
) -> Result<Created<SignedUp>, ApiError> {
    if headers.contains_key(axum::http::header::AUTHORIZATION) {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "You are signed in: accept the invitation with POST /api/v1/invitations/accept instead.",
        ));
    }
    let now = state.clock.now();
    let hash = hash_token(body.token.trim());
    // A bad link is named before anything else is looked at.
    state.app.open_invitation(&hash, now).await?;
    crate::auth::check_new_password(&body.password)
        .map_err(|m| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, m))?;
    let password_hash = crate::auth::hash_password(body.password.clone())
        .await
        .map_err(|_| {
            tracing::error!("could not hash a new password");
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on the server; please try again in a moment.",
            )
        })?;
    let (person_id, link) = state
        .app
        .sign_up_by_invitation(
            practice::SignUp {
                token_hash: &hash,
                name: &body.display_name,
                email: &body.email,
                password_hash: &password_hash,
                time_zone: &state.config.default_time_zone,
            },
            now,
        )
        .await?;
    Ok(Created::new(SignedUp {
        person_id,
        link_id: link.id,
        coach_name: link.coach_name,
    }))
}

/// Your coaches (links in force and ended ones), oldest first, with what
/// you share with each.
#[utoipa::path(
    get,
    path = "/api/v1/coaches",
    tag = "coaching",
    responses(
        (status = 200, description = "Your coaches, oldest first", body = Vec<CoachLink>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list_coaches(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<CoachLink>, ApiError> {
    let list = practice::coaches(&state.scope(&user.person)).await?;
    Ok(paging.page(list.into_iter().map(Into::into).collect()))
}

/// Every version of what you share with one coach, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/coaches/{id}/consent",
    tag = "coaching",
    params(("id" = String, Path, description = "The link's id")),
    responses(
        (status = 200, description = "The versions, oldest first", body = Vec<Consent>),
        (status = 404, description = "No such link of yours", body = ErrorBody),
    ),
)]
pub(crate) async fn consent_history(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(link): ApiPath<String>,
    paging: Paging,
) -> Result<Paged<Consent>, ApiError> {
    let list = practice::consent_history(&state.scope(&user.person), &link).await?;
    Ok(paging.page(list.into_iter().map(Into::into).collect()))
}

/// What to share with one coach from now on: the whole set (a category
/// left out is not shared).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewConsent {
    /// Category key -> the first date to share, or `null` for every date.
    pub shared: BTreeMap<String, Option<NaiveDate>>,
}

/// Changes what you share with one coach (a new version); the coach's next
/// request sees it.
#[utoipa::path(
    put,
    path = "/api/v1/coaches/{id}/consent",
    tag = "coaching",
    params(("id" = String, Path, description = "The link's id")),
    request_body = NewConsent,
    responses(
        (status = 200, description = "The new version", body = Consent),
        (status = 404, description = "No such link of yours, or it has ended", body = ErrorBody),
        (status = 422, description = "A category that cannot be shared, or a date after today", body = ErrorBody),
    ),
)]
pub(crate) async fn set_consent(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(link): ApiPath<String>,
    ApiJson(body): ApiJson<NewConsent>,
) -> Result<Json<Consent>, ApiError> {
    let version = practice::set_consent(&state.scope(&user.person), &link, body.shared).await?;
    Ok(Json(version.into()))
}

/// Ends a link (the client or the coach may): the coach's access ends with
/// their next request.
#[utoipa::path(
    delete,
    path = "/api/v1/links/{id}",
    tag = "coaching",
    params(("id" = String, Path, description = "The link's id")),
    responses(
        (status = 204, description = "Ended"),
        (status = 404, description = "No such link of yours, or it has ended already", body = ErrorBody),
    ),
)]
pub(crate) async fn end_link(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(link): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    practice::end(&state.scope(&user.person), &link).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Your access log: every read or write a coach made (or tried) of your
/// data, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/access-log",
    tag = "coaching",
    responses(
        (status = 200, description = "The log, oldest first", body = Vec<AccessLine>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn access_log(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<AccessLine>, ApiError> {
    let list = practice::access_log(&state.scope(&user.person)).await?;
    Ok(paging.page(list.into_iter().map(Into::into).collect()))
}

/// What you (as a coach) read or tried to read of your clients' data,
/// oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/reads",
    tag = "coaching",
    responses(
        (status = 200, description = "Your reads, oldest first", body = Vec<AccessLine>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn my_reads(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<AccessLine>, ApiError> {
    let list = practice::my_reads(&state.scope(&user.person)).await?;
    Ok(paging.page(list.into_iter().map(Into::into).collect()))
}

/// Your clients (as a coach), oldest first, with what each shares.
#[utoipa::path(
    get,
    path = "/api/v1/clients",
    tag = "coaching",
    responses(
        (status = 200, description = "Your clients, oldest first", body = Vec<CoachLink>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list_clients(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<CoachLink>, ApiError> {
    let list = practice::clients(&state.scope(&user.person)).await?;
    Ok(paging.page(list.into_iter().map(Into::into).collect()))
}

/// The scope of a coach reading one client's data, naming the route in the
/// client's access log. A person who is not the coach's client is a 404,
/// the same whether they exist or not.
async fn client_scope(
    state: &AppState,
    user: &ApiUser,
    client: &str,
    uri: &Uri,
) -> Result<goodenough_app::Scope, ApiError> {
    practice::client(&state.scope(&user.person), client).await?;
    Ok(state.scope_as_coach(&user.person, client, &format!("GET {}", uri.path())))
}

/// A client's check-ins, oldest first, from the first date they share
/// (404 when they do not share them).
#[utoipa::path(
    get,
    path = "/api/v1/clients/{id}/checkins",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    responses(
        (status = 200, description = "The shared check-ins, oldest first", body = Vec<CheckIn>),
        (status = 404, description = "Not your client, or check-ins not shared", body = ErrorBody),
    ),
)]
pub(crate) async fn client_checkins(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    uri: Uri,
    paging: Paging,
) -> Result<axum::response::Response, ApiError> {
    let scope = client_scope(&state, &user, &client, &uri).await?;
    // The client's check-ins as JSON texts from the first date they share,
    // kept under that date while their data is unchanged; the access check
    // and its log line run first on every request.
    Ok(paging
        .page_json(&checkins::all_json(&scope).await?)
        .into_response())
}

/// A client's thought records, oldest first, from the first date they
/// share (404 when they do not share them).
#[utoipa::path(
    get,
    path = "/api/v1/clients/{id}/thoughts",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    responses(
        (status = 200, description = "The shared thought records, oldest first", body = Vec<ThoughtRecord>),
        (status = 404, description = "Not your client, or thoughts not shared", body = ErrorBody),
    ),
)]
pub(crate) async fn client_thoughts(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    uri: Uri,
    paging: Paging,
) -> Result<Paged<ThoughtRecord>, ApiError> {
    let scope = client_scope(&state, &user, &client, &uri).await?;
    Ok(paging.page(thoughts::list(&scope, None).await?))
}

/// A client's wins, oldest first, from the first date they share (404 when
/// they do not share wins and setbacks).
#[utoipa::path(
    get,
    path = "/api/v1/clients/{id}/wins",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    responses(
        (status = 200, description = "The shared wins, oldest first", body = Vec<Win>),
        (status = 404, description = "Not your client, or wins and setbacks not shared", body = ErrorBody),
    ),
)]
pub(crate) async fn client_wins(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    uri: Uri,
    paging: Paging,
) -> Result<Paged<Win>, ApiError> {
    let scope = client_scope(&state, &user, &client, &uri).await?;
    Ok(paging.page(journal::wins(&scope, None).await?))
}

/// A client's setbacks, oldest first, from the first date they share (404
/// when they do not share wins and setbacks).
#[utoipa::path(
    get,
    path = "/api/v1/clients/{id}/setbacks",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    responses(
        (status = 200, description = "The shared setbacks, oldest first", body = Vec<Setback>),
        (status = 404, description = "Not your client, or wins and setbacks not shared", body = ErrorBody),
    ),
)]
pub(crate) async fn client_setbacks(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    uri: Uri,
    paging: Paging,
) -> Result<Paged<Setback>, ApiError> {
    let scope = client_scope(&state, &user, &client, &uri).await?;
    Ok(paging.page(journal::setbacks(&scope, None).await?))
}
