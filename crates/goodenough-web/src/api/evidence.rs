//! `/api/v1/evidence`: the evidence log of accomplishments and praise, and
//! its attribution summary.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use goodenough_app::evidence;
use goodenough_core::evidence::{Attribution, EvidenceEntry, EvidenceKind, EvidenceSummary};
use serde::Deserialize;
use utoipa::ToSchema;

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiJson, ApiUser, Created};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/evidence", get(list_evidence).post(create_evidence))
        .route("/api/v1/evidence/summary", get(evidence_summary))
}

/// Your evidence log, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/evidence",
    tag = "evidence",
    responses(
        (status = 200, description = "The entries, oldest first", body = Vec<EvidenceEntry>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list_evidence(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<EvidenceEntry>, ApiError> {
    Ok(paging.page(evidence::list(&state.scope(&user.person)).await?))
}

/// An entry as posted.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEvidence {
    /// `accomplishment` or `praise`.
    #[schema(value_type = goodenough_core::evidence::EvidenceKind)]
    pub kind: String,
    /// What you did, or what was said.
    #[schema(min_length = 1, pattern = r"[^\s\x00-\x1F\x7F-\x9F]")]
    pub text: String,
    /// `luck`, `effort`, `help` or `ability`.
    #[schema(value_type = goodenough_core::evidence::Attribution)]
    pub attribution: String,
    /// Who praised you (or helped).
    #[serde(default)]
    #[schema(max_length = 120)]
    pub source: Option<String>,
    /// Defaults to today in your time zone.
    #[serde(default)]
    pub date: Option<chrono::NaiveDate>,
}

/// Logs an accomplishment or a piece of praise, with its attribution.
#[utoipa::path(
    post,
    path = "/api/v1/evidence",
    tag = "evidence",
    request_body = NewEvidence,
    responses(
        (status = 201, description = "The saved entry (with the help-now headers when the text matched the crisis-language rules)", body = EvidenceEntry),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Session cookie without the CSRF token", body = ErrorBody),
        (status = 415, description = "Body is not JSON", body = ErrorBody),
        (status = 422, description = "Unknown kind or attribution, or empty text", body = ErrorBody),
    ),
)]
pub(crate) async fn create_evidence(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<NewEvidence>,
) -> Result<Created<EvidenceEntry>, ApiError> {
    let new = evidence::NewEvidence {
        kind: EvidenceKind::parse(&body.kind)?,
        attribution: Attribution::parse(&body.attribution)?,
        text: body.text,
        source: body.source,
        date: body.date,
    };
    let entry = evidence::add(&state.scope(&user.person), new).await?;
    Ok(Created::new(entry))
}

/// The attribution summary: the share of each attribution per month.
#[utoipa::path(
    get,
    path = "/api/v1/evidence/summary",
    tag = "evidence",
    responses(
        (status = 200, description = "The summary", body = EvidenceSummary),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn evidence_summary(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<EvidenceSummary>, ApiError> {
    Ok(Json(evidence::summary(&state.scope(&user.person)).await?))
}
