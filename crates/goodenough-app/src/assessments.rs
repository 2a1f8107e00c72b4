//! Questionnaires: record a completed one, and the results over time with
//! the reliable change against the first (where the questionnaire has
//! norms). The questionnaires themselves are loaded by the caller.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use goodenough_core::assessment::{history, AssessmentResult, HistoryEntry, Instrument, Scores};
use goodenough_core::ValidationError;

use crate::access::{Action, Category};
use crate::{AppError, Result, Scope};

const CATEGORY: Category = Category::Assessments;

/// A completed questionnaire as a person gives it; `date` defaults to
/// their today.
#[derive(Debug, Clone, Default)]
pub struct NewAssessment {
    /// One answer per item, in order.
    pub answers: Vec<i64>,
    /// Item id → the person's own words.
    pub notes: BTreeMap<String, String>,
    pub date: Option<NaiveDate>,
}

/// A saved result, its scores, and whether it is the person's first of
/// this questionnaire (their baseline).
#[derive(Debug, Clone)]
pub struct Recorded {
    pub result: AssessmentResult,
    pub scores: Scores,
    pub first: bool,
}

/// The questionnaires the person can take: `offered` (the server's,
/// shipped and the operator's) and the ones their coaches uploaded (live
/// links only; the first of an id wins), each of those marked "from your
/// coach NAME". A coach's file that no longer reads is left out.
pub async fn available(scope: &Scope, offered: &[Instrument]) -> Result<Vec<Instrument>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let mut all = offered.to_vec();
    let from_coaches: Vec<_> = allowed
        .store
        .content_for_client(allowed.person)
        .await?
        .into_iter()
        .filter(|c| c.kind == goodenough_core::coach_content::ContentKind::Questionnaire)
        .collect();
    if from_coaches.is_empty() {
        return Ok(all);
    }
    // Only now the other catalogues (a broken practice file is reported by
    // the commands that use practices, not by every questionnaire read).
    let targets = scope.app().catalogues().targets();
    for item in from_coaches {
        if all.iter().any(|i| i.id == item.content_id) {
            continue;
        }
        let origin = format!("from your coach {}", item.coach_name);
        if let Ok(goodenough_core::coach_content::Checked::Questionnaire(i)) =
            goodenough_core::coach_content::check(
                goodenough_core::coach_content::ContentKind::Questionnaire,
                &item.body,
                &targets,
                &origin,
            )
        {
            let mut i = *i;
            i.source = origin;
            all.push(i);
        }
    }
    Ok(all)
}

/// Scores and saves a completed `instrument`. A date after today, a wrong
/// number of answers or an answer off the scale is refused; nothing is
/// written then.
pub async fn record(
    scope: &Scope,
    instrument: &Instrument,
    new: NewAssessment,
) -> Result<Recorded> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let today = allowed.today().await?;
    let date = new.date.unwrap_or(today);
    goodenough_core::clock::check_happened("a questionnaire", date, today)?;
    let (result, scores) =
        AssessmentResult::new(instrument, &new.answers, new.notes, allowed.now, date)
            .map_err(ValidationError::Other)?;
    let first = allowed
        .store
        .list_assessments(allowed.person, Some(&instrument.id))
        .await?
        .is_empty();
    allowed
        .store
        .add_assessment(allowed.person, &result)
        .await?;
    Ok(Recorded {
        result,
        scores,
        first,
    })
}

/// The results, oldest first; only `instrument`'s when given. For a
/// coach, from the first shared date.
pub async fn list(scope: &Scope, instrument: Option<&str>) -> Result<Vec<AssessmentResult>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let mut list = allowed
        .store
        .list_assessments(allowed.person, instrument)
        .await?;
    list.retain(|r| allowed.shows(r.date));
    Ok(list)
}

/// One result by id.
pub async fn get(scope: &Scope, id: &str) -> Result<AssessmentResult> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    allowed
        .store
        .get_assessment(allowed.person, id)
        .await?
        .filter(|r| allowed.shows(r.date))
        .ok_or(AppError::not_found("questionnaire result"))
}

/// `instrument`'s results over time, each later one with its change
/// against the first.
pub async fn history_of(scope: &Scope, instrument: &Instrument) -> Result<Vec<HistoryEntry>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let mut results = allowed
        .store
        .list_assessments(allowed.person, Some(&instrument.id))
        .await?;
    results.retain(|r| allowed.shows(r.date));
    Ok(history(instrument, results))
}

/// Every result over time, oldest first: those of `instruments` with their
/// change, any other (a questionnaire no longer offered) as it is.
pub async fn history_all(scope: &Scope, instruments: &[Instrument]) -> Result<Vec<HistoryEntry>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let mut all = allowed.store.list_assessments(allowed.person, None).await?;
    all.retain(|r| allowed.shows(r.date));
    let mut out: Vec<HistoryEntry> = Vec::new();
    for i in instruments {
        let mine = all
            .iter()
            .filter(|r| r.instrument == i.id)
            .cloned()
            .collect();
        out.extend(history(i, mine));
    }
    out.extend(
        all.iter()
            .filter(|r| !instruments.iter().any(|i| i.id == r.instrument))
            .map(|r| HistoryEntry {
                result: r.clone(),
                change: None,
                band: None,
            }),
    );
    out.sort_by(|a, b| (a.result.taken_at, &a.result.id).cmp(&(b.result.taken_at, &b.result.id)));
    Ok(out)
}
