//! The person's whole data: export, import, counts and erase.

use goodenough_core::export::kinds::KindCounts;
use goodenough_core::export::ExportDoc;
use goodenough_store::{Counts, ImportReport};

use crate::access::{Action, Category};
use crate::{Result, Scope};

/// Everything the person keeps, each list oldest first: the export document
/// of the CLI's `export`, the web's download and `GET /api/v1/export`.
pub async fn export(scope: &Scope) -> Result<ExportDoc> {
    let allowed = scope.allow(Category::Account, Action::Read).await?;
    let (store, person) = (allowed.store, allowed.person);
    let mut doc = ExportDoc::new(
        allowed.settings().await?,
        store.list_checkins(person, None).await?,
        store.list_thoughts(person, None).await?,
        store.list_wins(person, None).await?,
        store.list_setbacks(person, None).await?,
        goodenough_core::clock::round(allowed.now),
    );
    doc.noes = store.list_noes(person).await?;
    doc.delegations = store.list_delegations(person).await?;
    doc.mistakes = store.list_mistakes(person).await?;
    doc.rungs = store.list_rungs(person).await?;
    doc.experiments = store.list_experiments(person, None).await?;
    doc.timeboxes = store.list_timeboxes(person, None).await?;
    doc.git_commits = store.list_git_commits(person).await?;
    doc.assessments = store.list_assessments(person, None).await?;
    doc.critic = store.critic(person).await?;
    doc.values = store.list_values(person).await?;
    doc.practice_logs = store.list_practice_logs(person, None).await?;
    doc.enrolments = store.list_enrolments(person).await?;
    doc.reviews = store.list_reviews(person).await?;
    doc.hobbies = store.list_hobbies(person).await?;
    doc.blocks = store.list_blocks(person).await?;
    doc.block_occurrences = store.list_occurrences(person).await?;
    doc.joy_logs = store.list_joy_logs(person).await?;
    doc.rests = store.list_rests(person).await?;
    doc.evidence = store.list_evidence(person, None, None).await?;
    doc.help_shown_on = store.crisis_dates(person, None).await?;
    doc.coaching = coaching(store, scope.app().catalogues(), person).await?;
    Ok(doc)
}

/// The person's coaches (each with every consent version) and access log,
/// for the export.
async fn coaching(
    store: &dyn goodenough_store::Store,
    catalogues: &crate::Catalogues,
    person: &str,
) -> Result<goodenough_core::export::Coaching> {
    use goodenough_core::export::{AccessRecord, CoachRecord, ConsentRecord, NoteRecord};
    let mut coaches = Vec::new();
    let links = store.links_as_client(person).await?;
    let session_notes = store
        .session_notes_of_client(person)
        .await?
        .into_iter()
        .filter(|n| n.shared)
        .map(|n| NoteRecord {
            coach_name: links
                .iter()
                .find(|l| l.id == n.link_id)
                .map_or_else(String::new, |l| l.coach_name.clone()),
            session_date: n.session_date,
            agenda: n.agenda,
            notes: n.notes,
            created_at: n.created_at,
        })
        .collect();
    for link in links {
        let consent = store
            .consent_history(&link.id)
            .await?
            .into_iter()
            .map(|v| ConsentRecord {
                version: v.version,
                changed_at: v.changed_at,
                shared: v.shared,
            })
            .collect();
        coaches.push(CoachRecord {
            coach_name: link.coach_name,
            started_at: link.started_at,
            ended_at: link.ended_at,
            consent,
        });
    }
    let access_log = store
        .access_log_of_client(person)
        .await?
        .into_iter()
        .map(|e| AccessRecord {
            at: e.at,
            coach_name: e.coach_name,
            category: e.category,
            action: e.action,
            target: e.target,
            allowed: e.allowed,
        })
        .collect();
    let assignments = store
        .assignments_of_client(person)
        .await?
        .into_iter()
        .map(|a| goodenough_core::export::AssignmentRecord {
            title: a.kind.title(a.detail.as_deref()),
            coach_name: a.coach_name,
            kind: a.kind.key().to_string(),
            note: a.note,
            due: a.due,
            assigned_at: a.assigned_at,
            status: a.status.key().to_string(),
            reason: a.reason,
            closed_at: a.closed_at,
        })
        .collect();
    let programme_offers = crate::offers::records(store, catalogues, person).await?;
    Ok(goodenough_core::export::Coaching {
        coaches,
        access_log,
        session_notes,
        assignments,
        programme_offers,
    })
}

/// Adds an export's records (ones already here are left as they are). A
/// record dated after the person's today refuses the whole file; nothing is
/// written then.
pub async fn import(scope: &Scope, doc: &ExportDoc) -> Result<ImportReport> {
    let allowed = scope.allow(Category::Account, Action::Write).await?;
    doc.check_dates(allowed.today().await?)?;
    Ok(allowed.store.import(allowed.person, doc).await?)
}

/// How many records of each kind the person keeps.
pub async fn counts(scope: &Scope) -> Result<KindCounts> {
    let allowed = scope.allow(Category::Account, Action::Read).await?;
    Ok(allowed.store.kind_counts(allowed.person).await?)
}

/// Erases every record and the settings for good; returns what was erased.
/// On SQLite the file is compacted so no erased text is left in it.
pub async fn erase(scope: &Scope) -> Result<KindCounts> {
    let allowed = scope.allow(Category::Account, Action::Erase).await?;
    let counts = allowed.store.kind_counts(allowed.person).await?;
    allowed.store.erase_person(allowed.person).await?;
    Ok(counts)
}

/// What the person holds: the four first kinds by name and every record of
/// every kind together (what "is this store empty?" asks).
#[derive(Debug, Clone)]
pub struct Holdings {
    pub counts: Counts,
    pub total: u64,
}

/// How much the person holds.
pub async fn holdings(scope: &Scope) -> Result<Holdings> {
    let allowed = scope.allow(Category::Account, Action::Read).await?;
    Ok(Holdings {
        counts: allowed.store.counts(allowed.person).await?,
        total: allowed.store.record_total(allowed.person).await?,
    })
}

/// Puts a generated journey (the demo) in the person's store; with
/// `replace`, their records go first (the person, settings and login stay).
/// The document is validated by its maker, not date-checked: a demo may end
/// on a chosen day.
pub async fn fill(scope: &Scope, doc: &ExportDoc, replace: bool) -> Result<ImportReport> {
    let allowed = scope.allow(Category::Account, Action::Erase).await?;
    if replace {
        allowed.store.erase_records(allowed.person).await?;
    }
    Ok(allowed.store.import(allowed.person, doc).await?)
}
