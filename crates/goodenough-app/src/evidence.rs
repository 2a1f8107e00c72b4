//! The evidence log: accomplishments and praise, what the person puts each
//! down to, and the monthly attribution summary.

use chrono::NaiveDate;
use goodenough_core::clock::check_happened;
use goodenough_core::evidence::{
    summarize, Attribution, EvidenceEntry, EvidenceKind, EvidenceSummary,
};

use crate::access::{Action, Category};
use crate::{Result, Scope};

const CATEGORY: Category = Category::Evidence;

/// An entry as a person gives it; `date` defaults to today.
#[derive(Debug, Clone)]
pub struct NewEvidence {
    pub kind: EvidenceKind,
    pub text: String,
    pub attribution: Attribution,
    /// Who said it (praise); blank is none.
    pub source: Option<String>,
    pub date: Option<NaiveDate>,
}

/// Logs an accomplishment or praise.
pub async fn add(scope: &Scope, new: NewEvidence) -> Result<EvidenceEntry> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let today = allowed.today().await?;
    let date = new.date.unwrap_or(today);
    check_happened("an evidence entry", date, today)?;
    let entry = EvidenceEntry::new(
        goodenough_core::id::new_id(),
        new.kind,
        &new.text,
        date,
        new.source.as_deref(),
        new.attribution,
        goodenough_core::clock::round(allowed.now),
    )?;
    allowed.store.add_evidence(allowed.person, &entry).await?;
    Ok(entry)
}

/// Every entry, oldest first.
pub async fn list(scope: &Scope) -> Result<Vec<EvidenceEntry>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed
        .store
        .list_evidence(allowed.person, allowed.from(None), None)
        .await?)
}

/// The counts and the month-by-month attribution, with its kind sentence.
pub async fn summary(scope: &Scope) -> Result<EvidenceSummary> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let entries = allowed
        .store
        .list_evidence(allowed.person, None, None)
        .await?;
    Ok(summarize(&entries))
}
