//! Assignments: a coach gives a client a next step with a due date; the
//! client sees it on Today and in their list, and it completes itself when
//! they do the matching thing (or they mark it done, or "not for me").
//!
//! Assignments are the coach's and the client's shared coaching business,
//! not the client's records: the coach sees the status of the steps they
//! gave whatever the client shares. To know whether a step completed
//! itself, the product counts the client's matching records from the day
//! it was given; the coach learns only "done" (or, for evenings, how many
//! so far), never a record. Every time a coach gives an assignment or looks
//! at the ones they gave, the client's access log gets a line.

use chrono::NaiveDate;
use goodenough_core::assignment::{AssignmentKind, AssignmentStatus};
use goodenough_store::assignments::{Assignment, ClosedBy};
use goodenough_store::practice::AccessEntry;
use goodenough_store::Store;
use serde::Serialize;

use crate::access::{Action, Category};
use crate::cache::Kind;
use crate::{AppError, Result, Scope};

const CATEGORY: Category = Category::Coaching;

/// The access-log category of a coach's assignments.
pub const LOG_CATEGORY: &str = "assignments";

/// An assignment as pages, the API and the CLI show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssignmentView {
    #[serde(flatten)]
    pub assignment: Assignment,
    /// The step in words ("Check in on 5 evenings").
    pub title: String,
    /// For an open step that needs more than one thing (evenings): how
    /// many are done so far and how many it asks for.
    pub progress: Option<Progress>,
}

/// How far along a step of several things is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: i64,
    pub needed: i64,
}

impl AssignmentView {
    fn of(assignment: Assignment, progress: Option<Progress>) -> AssignmentView {
        AssignmentView {
            title: assignment.kind.title(assignment.detail.as_deref()),
            assignment,
            progress,
        }
    }

    /// Still to do.
    pub fn open(&self) -> bool {
        self.assignment.status == AssignmentStatus::Open
    }
}

/// A step as a coach gives it.
#[derive(Debug, Clone)]
pub struct NewAssignment {
    /// A kind key (see [`AssignmentKind::key`]).
    pub kind: String,
    pub detail: Option<String>,
    pub due: NaiveDate,
    pub note: String,
}

fn invalid(message: String) -> AppError {
    AppError::Invalid(goodenough_core::ValidationError::Other(message))
}

/// Checks a named script, questionnaire or practice against what this
/// server has (and, for a script, the coach's own), so the client is never
/// sent looking for nothing.
async fn check_name(
    scope: &Scope,
    store: &dyn Store,
    coach: &str,
    kind: AssignmentKind,
    name: &str,
) -> Result<()> {
    let catalogues = scope.app().catalogues();
    let (known, what): (Vec<String>, &str) = match kind {
        AssignmentKind::Script => {
            let mut known: Vec<String> = catalogues
                .scripts()
                .list()
                .iter()
                .map(|s| s.name.clone())
                .collect();
            known.extend(
                store
                    .content_of(coach)
                    .await?
                    .into_iter()
                    .filter(|c| c.kind == goodenough_core::coach_content::ContentKind::Script)
                    .map(|c| c.content_id),
            );
            (known, "script")
        }
        AssignmentKind::Questionnaire => {
            let mut known: Vec<String> = catalogues
                .instruments()
                .iter()
                .map(|i| i.id.clone())
                .collect();
            // The coach's own questionnaires, which their client can take.
            known.extend(
                store
                    .content_of(coach)
                    .await?
                    .into_iter()
                    .filter(|c| {
                        c.kind == goodenough_core::coach_content::ContentKind::Questionnaire
                    })
                    .map(|c| c.content_id),
            );
            (known, "questionnaire")
        }
        AssignmentKind::Practice => (
            catalogues
                .practices()
                .iter()
                .map(|p| p.id.clone())
                .collect(),
            "practice",
        ),
        _ => return Ok(()),
    };
    if known.iter().any(|k| k.eq_ignore_ascii_case(name)) {
        return Ok(());
    }
    Err(invalid(format!(
        "There is no {what} called \"{name}\" here. Use one of: {}.",
        known.join(", ")
    )))
}

/// One line of the client's access log for what the coach did with their
/// steps.
struct LogLine<'a> {
    client: &'a str,
    coach: &'a str,
    coach_name: &'a str,
    action: Action,
    target: &'a str,
}

async fn log_line(
    store: &dyn Store,
    line: LogLine<'_>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let LogLine {
        client,
        coach,
        coach_name,
        action,
        target,
    } = line;
    store
        .log_access(&AccessEntry {
            seq: 0,
            client_id: client.to_string(),
            coach_id: coach.to_string(),
            coach_name: coach_name.to_string(),
            at: now,
            category: LOG_CATEGORY.to_string(),
            action: action.as_str().to_string(),
            target: target.to_string(),
            allowed: true,
        })
        .await?;
    Ok(())
}

/// Closes every open step whose matching thing the client has done, and
/// says how far along the rest are.
async fn refresh(
    store: &dyn Store,
    now: chrono::DateTime<chrono::Utc>,
    list: Vec<Assignment>,
) -> Result<Vec<AssignmentView>> {
    let mut out = Vec::with_capacity(list.len());
    for mut a in list {
        let mut progress = None;
        if a.status == AssignmentStatus::Open && a.kind.completes_itself() {
            let needed = a.kind.needed(a.detail.as_deref());
            let done = store
                .matching_count(&a.client_id, a.kind, a.detail.as_deref(), a.assigned_on)
                .await?;
            if done >= needed {
                if store
                    .set_assignment_status(
                        &a.id,
                        AssignmentStatus::Done,
                        None,
                        ClosedBy::Product,
                        now,
                    )
                    .await?
                {
                    a.status = AssignmentStatus::Done;
                    a.closed_at = Some(goodenough_core::clock::round(now));
                    a.closed_by = Some(ClosedBy::Product.key().to_string());
                }
            } else if needed > 1 {
                progress = Some(Progress { done, needed });
            }
        }
        out.push(AssignmentView::of(a, progress));
    }
    Ok(out)
}

/// The coach (the scope's person) gives one of their clients (a live link)
/// a step. The due date may be today or later.
pub async fn assign(scope: &Scope, client: &str, new: NewAssignment) -> Result<AssignmentView> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let link = allowed
        .store
        .live_link(allowed.person, client)
        .await?
        .ok_or(AppError::not_found("client of yours"))?;
    let kind = AssignmentKind::parse(&new.kind)?;
    let detail = kind.check_detail(new.detail.as_deref())?;
    if let Some(name) = &detail {
        check_name(scope, allowed.store, allowed.person, kind, name).await?;
    }
    let note = goodenough_core::text::optional("the note", Some(&new.note))?.unwrap_or_default();
    goodenough_core::clock::check_date(new.due)?;
    let today = allowed.today().await?;
    if new.due < today {
        return Err(invalid(format!(
            "The due date {} is in the past; choose today ({today}) or a later day.",
            new.due
        )));
    }
    // What the client does from their own "today" on counts.
    let client_tz = allowed.store.settings(client).await?;
    let assigned_on = goodenough_core::settings::today_in(client_tz.tz(), allowed.now);
    let assignment = Assignment {
        id: goodenough_core::id::new_id(),
        link_id: link.id.clone(),
        coach_id: allowed.person.to_string(),
        coach_name: link.coach_name.clone(),
        client_id: client.to_string(),
        client_name: link.client_name.clone(),
        kind,
        detail,
        note,
        due: new.due,
        assigned_at: goodenough_core::clock::round(allowed.now),
        assigned_on,
        status: AssignmentStatus::Open,
        reason: None,
        closed_at: None,
        closed_by: None,
    };
    log_line(
        allowed.store,
        LogLine {
            client,
            coach: allowed.person,
            coach_name: &link.coach_name,
            action: Action::Write,
            target: scope.target().unwrap_or("assign"),
        },
        allowed.now,
    )
    .await?;
    allowed.store.add_assignment(&assignment).await?;
    Ok(AssignmentView::of(assignment, None))
}

/// The steps the coach (the scope's person) gave one client, with their
/// status, oldest due date first. A client they were never linked with is
/// not found.
pub async fn given(scope: &Scope, client: &str) -> Result<Vec<AssignmentView>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    // The latest link with this client (live or ended), in one read.
    let grant = allowed
        .store
        .grant(allowed.person, client)
        .await?
        .ok_or(AppError::not_found("client of yours"))?;
    log_line(
        allowed.store,
        LogLine {
            client,
            coach: allowed.person,
            coach_name: &grant.coach_name,
            action: Action::Read,
            target: scope.target().unwrap_or("assignments"),
        },
        allowed.now,
    )
    .await?;
    let list = allowed
        .store
        .assignments_between(allowed.person, client)
        .await?;
    refresh(allowed.store, allowed.now, list).await
}

/// The person's own assignments from every coach, oldest due date first.
/// Kept while the person's data and local date are unchanged (see
/// `cache.rs`): an assignment made, marked or removed, a record that could
/// complete one, and a new name of the coach who gave one all move the
/// person's data version (migrations 0014 and 0030), so Today reads no
/// assignment when nothing changed. Completing one here moves the version
/// too, so the next request looks again and finds it done.
pub async fn mine(scope: &Scope) -> Result<Vec<AssignmentView>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let kept = allowed
        .kept(Kind::Assignments, |_, _| async {
            let list = allowed.store.assignments_of_client(allowed.person).await?;
            refresh(allowed.store, allowed.now, list).await
        })
        .await?;
    Ok(Vec::clone(&kept))
}

/// The person marks one of their assignments done, not for them (with an
/// optional reason) or open again.
pub async fn mark(
    scope: &Scope,
    id: &str,
    status: &str,
    reason: Option<&str>,
) -> Result<AssignmentView> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let status = AssignmentStatus::parse(status)?;
    let reason = goodenough_core::text::optional("the reason", reason)?;
    let found = allowed
        .store
        .get_assignment(id)
        .await?
        .filter(|a| a.client_id == allowed.person)
        .ok_or(AppError::not_found("assignment"))?;
    allowed
        .store
        .set_assignment_status(
            &found.id,
            status,
            reason.as_deref(),
            ClosedBy::Client,
            allowed.now,
        )
        .await?;
    let updated = allowed
        .store
        .get_assignment(&found.id)
        .await?
        .ok_or(AppError::not_found("assignment"))?;
    Ok(AssignmentView::of(updated, None))
}
