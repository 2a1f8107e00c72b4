//! `GET /api/v1/export`: every record of the person as one export document
//! (the JSON `goodenough export` writes and `goodenough import` reads).
//! `POST /api/v1/export/encrypted`: the same document sealed with a
//! passphrase in the age format (binary; `age -d` opens it), and
//! `POST /api/v1/import/encrypted`: an age-encrypted export (armored text or
//! the binary file in base64) opened with its passphrase and imported, all
//! or nothing.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use goodenough_app::data;
use goodenough_app::sealed::{Opener, Seal, SealError, SecretString};
use goodenough_core::export::ExportDoc;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::openapi::ErrorBody;
use super::{ApiError, ApiJson, ApiUser};
use crate::state::API_IMPORT_PATH;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/export", get(export))
        .route("/api/v1/export/encrypted", post(export_encrypted))
        .route(
            API_IMPORT_PATH,
            post(import_encrypted).layer(axum::extract::DefaultBodyLimit::disable()),
        )
}

/// Everything you keep, as one export document (what `goodenough import`
/// and the Data page's import read back).
#[utoipa::path(
    get,
    path = "/api/v1/export",
    tag = "progress and data",
    responses(
        (status = 200, description = "The export document: settings and every record, each list oldest first", body = ExportDoc),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn export(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<ExportDoc>, ApiError> {
    Ok(Json(data::export(&state.scope(&user.person)).await?))
}

/// The passphrase to seal an export with.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EncryptExport {
    /// At least 8 characters. Needed again to open the file; it is not kept.
    #[schema(min_length = 8)]
    pub passphrase: String,
}

/// An encrypted export to import, with its passphrase.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EncryptedImport {
    /// The passphrase the file was sealed with.
    #[schema(min_length = 1)]
    pub passphrase: String,
    /// The age file: its armored text (`-----BEGIN AGE ENCRYPTED FILE-----`)
    /// or the binary file in standard base64.
    #[schema(min_length = 1)]
    pub file: String,
}

/// What an import added.
#[derive(Serialize, ToSchema)]
pub struct Imported {
    /// Records added.
    pub added: u64,
    /// Records that were already here and were left as they are.
    pub skipped: u64,
}

/// An encrypted file that could not be opened: one sentence, 422 (the
/// body was read; what it holds cannot be used), 500 only for a failure of
/// the server itself.
fn refused(e: SealError) -> ApiError {
    let status = match e {
        SealError::Other(_) => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    ApiError::new(
        status,
        format!(
            "{} Nothing was imported.",
            crate::error::sentence(&e.to_string())
        ),
    )
}

/// Everything you keep, sealed with a passphrase in the age format
/// (age-encryption.org/v1): `age -d` or `goodenough import` opens it.
#[utoipa::path(
    post,
    path = "/api/v1/export/encrypted",
    tag = "progress and data",
    request_body = EncryptExport,
    responses(
        (status = 200, description = "The export document, encrypted: a binary age file, as an attachment",
            content((String = "application/octet-stream"))),
        (status = 422, description = "The passphrase is shorter than 8 characters", body = ErrorBody),
    ),
)]
pub(crate) async fn export_encrypted(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<EncryptExport>,
) -> Result<Response, ApiError> {
    let passphrase = SecretString::from(body.passphrase);
    goodenough_app::sealed::check_new_passphrase(&passphrase).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::error::sentence(&e.to_string()),
        )
    })?;
    let doc = data::export(&state.scope(&user.person)).await?;
    let name = format!(
        "goodenough-export-{}.json.age",
        doc.exported_at.format("%Y-%m-%d")
    );
    let mut text = serde_json::to_string_pretty(&doc)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    text.push('\n');
    let bytes = crate::sealing::seal(text.into_bytes(), Seal::Passphrase(passphrase), false)
        .await
        .map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::error::sentence(&e.to_string()),
            )
        })?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// Imports an encrypted export (what the export above, the Data page or
/// `goodenough export --encrypt` wrote): opened with its passphrase, then
/// checked whole and imported in one transaction; records already here
/// are skipped.
#[utoipa::path(
    post,
    path = "/api/v1/import/encrypted",
    tag = "progress and data",
    request_body = EncryptedImport,
    responses(
        (status = 200, description = "What was added and what was already here", body = Imported),
        (status = 422, description = "Not an age file, a wrong passphrase, a damaged file, or an opened file that is not a valid export; nothing was imported", body = ErrorBody),
    ),
)]
pub(crate) async fn import_encrypted(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<EncryptedImport>,
) -> Result<Json<Imported>, ApiError> {
    let text = body.file.trim();
    let bytes = if text.starts_with("-----BEGIN AGE ENCRYPTED FILE-----") {
        text.as_bytes().to_vec()
    } else {
        let compact: String = text.split_whitespace().collect();
        base64::engine::general_purpose::STANDARD
            .decode(compact)
            .map_err(|_| {
                ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "`file` is neither an armored age file nor a base64 age file; send the armored text (-----BEGIN AGE ENCRYPTED FILE-----) or the binary file in base64. Nothing was imported.",
                )
            })?
    };
    if !goodenough_app::sealed::is_sealed(&bytes) {
        return Err(refused(SealError::NotAge));
    }
    let plain = crate::sealing::open(
        bytes,
        Opener::Passphrase(SecretString::from(body.passphrase)),
    )
    .await
    .map_err(refused)?;
    let Ok(plain) = String::from_utf8(plain) else {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "The encrypted file holds no goodenough export (it is not text). Nothing was imported.",
        ));
    };
    let doc = ExportDoc::parse(&plain).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "{} Nothing was imported.",
                crate::error::sentence(&e.to_string())
            ),
        )
    })?;
    let report = data::import(&state.scope(&user.person), &doc).await?;
    Ok(Json(Imported {
        added: report.added(),
        skipped: report.skipped,
    }))
}
