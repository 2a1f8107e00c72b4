//! The programmes the web offers (shipped plus the data directory's)
//! and starting one: shared by the `/programme` pages and
//! `/api/v1/programmes`, neither of which imports the other.

use axum::http::StatusCode;
use goodenough_app::AppError;
use goodenough_core::programme::{EnrolmentStatus, Programme, ProgrammeErrors};
use goodenough_store::StoreError;

use crate::AppState;

/// The programmes (shipped plus the data directory's, loaded at start) and
/// the problems of files that cannot be used (they hide nothing else).
pub(crate) fn load(state: &AppState) -> (&[Programme], &[ProgrammeErrors]) {
    let loaded = state.catalogues().programmes();
    (&loaded.list, &loaded.errors)
}

/// The programme `id` and every programme, or the sentence for a 404
/// (naming any broken files).
pub(crate) fn find(state: &AppState, id: &str) -> Result<(Programme, Vec<Programme>), String> {
    let (all, errors) = load(state);
    match all.iter().find(|p| p.id == id.trim()) {
        Some(p) => Ok((p.clone(), all.to_vec())),
        None => {
            let mut msg = format!("There is no programme with that id ({id}).");
            if !errors.is_empty() {
                msg.push_str(" Some programme files could not be used: ");
                msg.push_str(
                    &errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                );
            }
            Err(msg)
        }
    }
}

/// Why a programme was not started.
pub(crate) enum StartError {
    /// A sentence for the person, with its status (404, 409, 422).
    Refused(StatusCode, String),
    /// The use case's own error.
    App(AppError),
}

impl From<AppError> for StartError {
    fn from(e: AppError) -> Self {
        StartError::App(e)
    }
}

/// Starts `id` for the scope's person with week 1 on `started_on` (a
/// YYYY-MM-DD text; empty or absent: today).
pub(crate) async fn start(
    state: &AppState,
    person: &str,
    id: &str,
    started_on: Option<&str>,
    replace: bool,
) -> Result<EnrolmentStatus, StartError> {
    let started_on =
        match started_on.map(str::trim).filter(|s| !s.is_empty()) {
            Some(raw) => Some(goodenough_core::text::parse_date(raw).map_err(|e| {
                StartError::Refused(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
            })?),
            None => None,
        };
    let (p, all) = find(state, id).map_err(|m| StartError::Refused(StatusCode::NOT_FOUND, m))?;
    let scope = state.scope(person);
    match goodenough_app::programme::start(&scope, &all, &p.id, started_on, replace).await {
        Ok(started) => Ok(started.status),
        Err(AppError::Store(StoreError::Conflict(_))) => {
            let running = goodenough_app::programme::running(&scope).await?;
            let title = running
                .as_ref()
                .and_then(|r| all.iter().find(|x| x.id == r.programme_id))
                .map(|x| x.title.clone())
                .or_else(|| running.map(|r| r.programme_id))
                .unwrap_or_else(|| "another programme".into());
            Err(StartError::Refused(
                StatusCode::CONFLICT,
                format!("You are already following \"{title}\"; only one programme runs at a time. Send replace: true (or tick \"Replace\") to switch, or stop it first. Nothing was changed."),
            ))
        }
        Err(e) => Err(e.into()),
    }
}
