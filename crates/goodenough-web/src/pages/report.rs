//! `/report?from=&to=&format=`: the printable progress report as a download
//! for the signed-in person (the same document as `goodenough report` and
//! `/api/v1/report`). The form that asks for it sits on `/progress`.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use goodenough_app::{report, AppError};
use maud::{html, Markup};

use super::layout::{notice, page};
use super::Viewer;
use crate::error::PageError;
use crate::journey::{attachment, ReportQuery};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new().route("/report", get(download))
}

/// The form on `/progress` that asks for a report.
pub fn report_form() -> Markup {
    html! {
        section aria-labelledby="report-h" {
            h2 #report-h { "Printable report" }
            p { "One page to print or share with your coach: the four outcomes month by month with charts, questionnaires with reliable change, milestones, setbacks and breakthroughs, wins and your evidence log. Nothing in it loads from the network." }
            form.stack method="get" action="/report" {
                label for="report-from" { "From (empty: your first record)" }
                input #report-from name="from" type="date";
                label for="report-to" { "To (empty: today)" }
                input #report-to name="to" type="date";
                label for="report-format" { "Format" }
                select #report-format name="format" {
                    option value="html" selected { "HTML (printable page)" }
                    option value="md" { "Markdown" }
                }
                button type="submit" { "Download the report" }
            }
        }
    }
}

async fn download(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ReportQuery>,
) -> Result<Response, PageError> {
    let catalogues = state.catalogues();
    let scope = state.scope(&viewer.person);
    let report = match q.request() {
        Ok(request) => {
            report::build(
                &scope,
                request,
                catalogues.instruments(),
                &catalogues.programmes().list,
            )
            .await
        }
        Err(e) => Err(e.into()),
    };
    match report {
        Ok(report) => Ok(attachment(report)),
        Err(AppError::Invalid(e)) => {
            let body = page(
                &viewer,
                "Report",
                "/progress",
                html! {
                    h1 { "Printable report" }
                    (notice("error", &e.to_string()))
                    (report_form())
                },
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
