//! Programme offers in the API: a coach offers one of their own programmes
//! to a client (`/api/v1/clients/{id}/programme-offers`); the client lists
//! the offers, accepts one (it starts) or declines it
//! (`/api/v1/programme-offers`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use goodenough_app::offers::{self, OfferView};
use goodenough_core::export::OfferRecord;
use goodenough_core::programme::EnrolmentStatus;
use serde::Deserialize;
use utoipa::ToSchema;

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiJson, ApiPath, ApiUser, Created};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/programme-offers", get(mine))
        .route("/api/v1/programme-offers/{id}/accept", post(accept))
        .route("/api/v1/programme-offers/{id}/decline", post(decline))
        .route(
            "/api/v1/clients/{id}/programme-offers",
            get(given).post(make),
        )
}

/// A programme a coach offered a client (the export's shape).
pub type ProgrammeOffer = OfferRecord;

fn record(v: OfferView) -> ProgrammeOffer {
    v.record()
}

/// An offer as a coach makes it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOffer {
    /// The id inside one of your uploaded programme files.
    #[schema(min_length = 1)]
    pub programme_id: String,
    /// A few words for your client (optional).
    #[serde(default)]
    pub note: Option<String>,
}

/// A client's yes to an offer.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferAcceptance {
    /// The first day of week 1 (default today).
    #[serde(default)]
    pub started_on: Option<NaiveDate>,
    /// Stop a running programme and start this one (default false).
    #[serde(default)]
    pub replace: bool,
}

/// A client's no to an offer.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferRefusal {
    /// Why, in a few words (optional; your coach sees it).
    #[serde(default)]
    pub reason: Option<String>,
}

/// The programmes your coaches offered you, oldest first.
#[utoipa::path(
    get,
    operation_id = "list_programme_offers",
    path = "/api/v1/programme-offers",
    tag = "coaching",
    responses(
        (status = 200, description = "The offers, oldest first", body = Vec<OfferRecord>),
    ),
)]
pub(crate) async fn mine(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<ProgrammeOffer>, ApiError> {
    let list = offers::mine(&state.scope(&user.person)).await?;
    Ok(paging.page(list.into_iter().map(record).collect()))
}

/// Accepts an offer: its programme starts (week 1 on `started_on`, default
/// today) and then runs like any other. Refused (409) while another
/// programme runs unless `replace`, and for an offer answered already.
#[utoipa::path(
    post,
    operation_id = "accept_programme_offer",
    path = "/api/v1/programme-offers/{id}/accept",
    tag = "coaching",
    params(("id" = String, Path, description = "The offer's id")),
    request_body = OfferAcceptance,
    responses(
        (status = 201, description = "Started: where the programme stands", body = EnrolmentStatus),
        (status = 404, description = "No offer of yours with that id", body = ErrorBody),
        (status = 409, description = "Answered already, or another programme runs and replace is not set", body = ErrorBody),
        (status = 422, description = "A start date out of range, or a copy that no longer reads", body = ErrorBody),
    ),
)]
pub(crate) async fn accept(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<OfferAcceptance>,
) -> Result<(StatusCode, Json<EnrolmentStatus>), ApiError> {
    let accepted = offers::accept(
        &state.scope(&user.person),
        &id,
        body.started_on,
        body.replace,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(accepted.status)))
}

/// Declines an offer, with a reason if you like (your coach sees it).
#[utoipa::path(
    post,
    operation_id = "decline_programme_offer",
    path = "/api/v1/programme-offers/{id}/decline",
    tag = "coaching",
    params(("id" = String, Path, description = "The offer's id")),
    request_body = OfferRefusal,
    responses(
        (status = 200, description = "The offer as it is now", body = OfferRecord),
        (status = 404, description = "No offer of yours with that id", body = ErrorBody),
        (status = 409, description = "Answered already", body = ErrorBody),
        (status = 422, description = "A reason too long", body = ErrorBody),
    ),
)]
pub(crate) async fn decline(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<OfferRefusal>,
) -> Result<Json<ProgrammeOffer>, ApiError> {
    let o = offers::decline(&state.scope(&user.person), &id, body.reason.as_deref()).await?;
    Ok(Json(o.record()))
}

/// The programmes you offered one client and their answers (whatever they
/// share), oldest first. The client's access log gets a line.
#[utoipa::path(
    get,
    operation_id = "list_client_programme_offers",
    path = "/api/v1/clients/{id}/programme-offers",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    responses(
        (status = 200, description = "Your offers to them, oldest first", body = Vec<OfferRecord>),
        (status = 404, description = "Not your client", body = ErrorBody),
    ),
)]
pub(crate) async fn given(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    paging: Paging,
) -> Result<Paged<ProgrammeOffer>, ApiError> {
    let scope = state
        .scope(&user.person)
        .for_target(format!("GET /api/v1/clients/{client}/programme-offers"));
    let list = offers::given(&scope, &client).await?;
    Ok(paging.page(list.into_iter().map(record).collect()))
}

/// Offers one of your own programmes to a client; they accept or decline
/// it on their "Your coach" page.
#[utoipa::path(
    post,
    operation_id = "offer_programme",
    path = "/api/v1/clients/{id}/programme-offers",
    tag = "coaching",
    params(("id" = String, Path, description = "The client's person id")),
    request_body = NewOffer,
    responses(
        (status = 201, description = "The offer", body = OfferRecord),
        (status = 404, description = "Not your client, or the link has ended", body = ErrorBody),
        (status = 409, description = "That programme waits for their answer already", body = ErrorBody),
        (status = 422, description = "No programme of yours with that id, or a note too long", body = ErrorBody),
    ),
)]
pub(crate) async fn make(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(client): ApiPath<String>,
    ApiJson(body): ApiJson<NewOffer>,
) -> Result<Created<ProgrammeOffer>, ApiError> {
    let scope = state
        .scope(&user.person)
        .for_target(format!("POST /api/v1/clients/{client}/programme-offers"));
    let o = offers::offer(
        &scope,
        &client,
        &body.programme_id,
        body.note.as_deref().unwrap_or(""),
    )
    .await?;
    Ok(Created::new(o.record()))
}
