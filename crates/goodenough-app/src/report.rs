//! The printable progress report: the same document for `goodenough
//! report`, `/report` and `/api/v1/report`.

use chrono::NaiveDate;
use goodenough_core::assessment::Instrument;
use goodenough_core::programme::Programme;
use goodenough_core::report::{self, Format};

use crate::access::{Action, Category};
use crate::{Result, Scope};

const CATEGORY: Category = Category::ReviewsAndProgress;

/// Which report: the range (default: from the first record to today) and
/// the format.
#[derive(Debug, Clone, Copy)]
pub struct ReportRequest {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub format: Format,
}

/// A rendered report.
#[derive(Debug, Clone)]
pub struct Report {
    pub format: Format,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// A file name for it, such as `goodenough-report-2026-01-05-to-2026-03-10.html`.
    pub file_name: String,
    pub body: String,
}

/// Renders the report; `instruments` and `programmes` are the ones that
/// exist (the report names their titles, bands and milestones). A range
/// whose start is after its end is refused before anything is read.
pub async fn build(
    scope: &Scope,
    request: ReportRequest,
    instruments: &[Instrument],
    programmes: &[Programme],
) -> Result<Report> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    if let (Some(f), Some(t)) = (request.from, request.to) {
        report::check_range(f, t)?;
    }
    let settings = allowed.settings().await?;
    let today = goodenough_core::settings::today_in(settings.tz(), allowed.now);
    let to = request.to.unwrap_or(today);
    let from = match request.from {
        Some(f) => f,
        None => goodenough_store::report::first_date(allowed.store, allowed.person)
            .await?
            .unwrap_or(to)
            .min(to),
    };
    // A coach reads from the first date the client shares on.
    let from = allowed.from(Some(from)).unwrap_or(from);
    report::check_range(from, to)?;
    let name = if settings.display_name.trim().is_empty() {
        "You".to_string()
    } else {
        settings.display_name.clone()
    };
    // The coach programmes the person accepted run like shipped ones.
    let accepted =
        crate::offers::accepted(allowed.store, scope.app().catalogues(), allowed.person).await?;
    let with_accepted: Vec<Programme>;
    let programmes = if accepted.is_empty() {
        programmes
    } else {
        with_accepted = programmes.iter().cloned().chain(accepted).collect();
        &with_accepted
    };
    let input = goodenough_store::report::report_input(
        allowed.store,
        allowed.person,
        &name,
        from,
        to,
        today,
        instruments,
        programmes,
    )
    .await?;
    let format = request.format;
    Ok(Report {
        format,
        from,
        to,
        file_name: format!("goodenough-report-{from}-to-{to}.{}", format.extension()),
        body: report::render(&input, format),
    })
}
