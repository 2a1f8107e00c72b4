//! Assignments in the store: the steps a coach gives a client, kept with
//! their link (see `migrations/*/0018_assignments.sql`).
//!
//! Like the rest of the practice, this decides nothing about who may see
//! what: the application's access check does.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use goodenough_core::assignment::{AssignmentKind, AssignmentStatus};
use serde::Serialize;

use crate::{Result, StoreError};

/// One assignment, with both people's names as their accounts show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignment {
    pub id: String,
    #[serde(skip)]
    pub link_id: String,
    #[serde(skip)]
    pub coach_id: String,
    pub coach_name: String,
    #[serde(skip)]
    pub client_id: String,
    pub client_name: String,
    pub kind: AssignmentKind,
    /// What narrows the kind: a number of evenings, a name, the free text.
    pub detail: Option<String>,
    /// The coach's note (may be empty).
    pub note: String,
    pub due: NaiveDate,
    pub assigned_at: DateTime<Utc>,
    /// The client's date when it was given: what was done from then on
    /// counts towards it.
    pub assigned_on: NaiveDate,
    pub status: AssignmentStatus,
    /// The client's reason for "not for me" (optional).
    pub reason: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    /// "client" (marked) or "product" (the matching thing was done).
    pub closed_by: Option<String>,
}

/// Who closed an assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClosedBy {
    Client,
    Product,
}

impl ClosedBy {
    pub fn key(self) -> &'static str {
        match self {
            ClosedBy::Client => "client",
            ClosedBy::Product => "product",
        }
    }
}

/// Coaches' assignments.
#[async_trait]
pub trait Assignments: Send + Sync {
    /// Keeps a new assignment (its link must exist).
    async fn add_assignment(&self, assignment: &Assignment) -> Result<()>;
    /// One assignment by id.
    async fn get_assignment(&self, id: &str) -> Result<Option<Assignment>>;
    /// Every assignment given to a client, over all their links, by due
    /// date, oldest first.
    async fn assignments_of_client(&self, client: &str) -> Result<Vec<Assignment>>;
    /// Every assignment a coach gave a client, by due date, oldest first.
    async fn assignments_between(&self, coach: &str, client: &str) -> Result<Vec<Assignment>>;
    /// Sets the status. The client may change their mind (any status to
    /// any); the product only closes an open one, so a client's own
    /// choice is never overwritten. Returns whether anything changed; an
    /// unknown id is [`StoreError::NotFound`].
    async fn set_assignment_status(
        &self,
        id: &str,
        status: AssignmentStatus,
        reason: Option<&str>,
        by: ClosedBy,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// How many of the client's records from `since` on match `kind`
    /// (and `detail`, where it names something): what decides whether an
    /// assignment completed itself. Kinds that never complete themselves
    /// count 0.
    async fn matching_count(
        &self,
        client: &str,
        kind: AssignmentKind,
        detail: Option<&str>,
        since: NaiveDate,
    ) -> Result<i64>;
}

pub(crate) const ASSIGNMENT_COLUMNS: &str =
    "a.id, a.link_id, a.coach_id, c.display_name AS coach_name, a.client_id, \
     k.display_name AS client_name, a.kind, a.detail, a.note, a.due, a.assigned_at, \
     a.assigned_on, a.status, a.reason, a.closed_at, a.closed_by \
     FROM assignments a JOIN persons c ON c.id = a.coach_id JOIN persons k ON k.id = a.client_id";

pub(crate) fn parse_kind(raw: &str) -> Result<AssignmentKind> {
    AssignmentKind::parse(raw).map_err(|_| StoreError::Corrupt("assignment kind".to_string()))
}

pub(crate) fn parse_status(raw: &str) -> Result<AssignmentStatus> {
    AssignmentStatus::parse(raw).map_err(|_| StoreError::Corrupt("assignment status".to_string()))
}

/// The count query for a kind: `$1` the client, `$2` the first date (or
/// its first instant, for kinds kept by instant), `$3` the detail.
pub(crate) fn matching_sql(kind: AssignmentKind, with_detail: bool) -> Option<&'static str> {
    Some(match (kind, with_detail) {
        (AssignmentKind::Evenings, _) => {
            "SELECT COUNT(*) FROM checkins WHERE person_id = $1 AND date >= $2"
        }
        (AssignmentKind::ThoughtRecord, _) => {
            "SELECT COUNT(*) FROM thoughts WHERE person_id = $1 AND date >= $2"
        }
        (AssignmentKind::Experiment, _) => {
            "SELECT COUNT(*) FROM experiments WHERE person_id = $1 AND recorded_on >= $2"
        }
        (AssignmentKind::LadderRung, _) => {
            "SELECT COUNT(*) FROM ladder_rungs WHERE person_id = $1 AND done_on >= $2"
        }
        (AssignmentKind::Timebox, _) => {
            "SELECT COUNT(*) FROM timeboxes WHERE person_id = $1 AND started_at >= $2"
        }
        (AssignmentKind::Practice, false) => {
            "SELECT COUNT(*) FROM practice_logs WHERE person_id = $1 AND date >= $2"
        }
        (AssignmentKind::Practice, true) => {
            "SELECT COUNT(*) FROM practice_logs WHERE person_id = $1 AND date >= $2 \
             AND LOWER(practice) = LOWER($3)"
        }
        (AssignmentKind::PersonalTime, _) => {
            "SELECT COUNT(*) FROM block_occurrences WHERE person_id = $1 AND date >= $2 AND kept"
        }
        (AssignmentKind::Questionnaire, false) => {
            "SELECT COUNT(*) FROM assessments WHERE person_id = $1 AND date >= $2"
        }
        (AssignmentKind::Questionnaire, true) => {
            "SELECT COUNT(*) FROM assessments WHERE person_id = $1 AND date >= $2 \
             AND LOWER(instrument) = LOWER($3)"
        }
        (AssignmentKind::WeeklyReview, _) => {
            "SELECT COUNT(*) FROM reviews WHERE person_id = $1 AND created_at >= $2"
        }
        (AssignmentKind::Evidence, _) => {
            "SELECT COUNT(*) FROM evidence WHERE person_id = $1 AND date >= $2"
        }
        (AssignmentKind::Script, _) | (AssignmentKind::Free, _) => return None,
    })
}

/// Whether the kind's records are compared by instant, not by date.
pub(crate) fn by_instant(kind: AssignmentKind) -> bool {
    matches!(kind, AssignmentKind::Timebox | AssignmentKind::WeeklyReview)
}

/// Expands into `impl Assignments for $store`.
macro_rules! impl_assignments {
    ($store:ty, $row:ty) => {
        impl $store {
            fn row_assignment(row: &$row) -> $crate::Result<$crate::assignments::Assignment> {
                use sqlx::Row;
                let kind: String = row.try_get("kind")?;
                let status: String = row.try_get("status")?;
                Ok($crate::assignments::Assignment {
                    id: row.try_get("id")?,
                    link_id: row.try_get("link_id")?,
                    coach_id: row.try_get("coach_id")?,
                    coach_name: row.try_get("coach_name")?,
                    client_id: row.try_get("client_id")?,
                    client_name: row.try_get("client_name")?,
                    kind: $crate::assignments::parse_kind(&kind)?,
                    detail: row.try_get("detail")?,
                    note: row.try_get("note")?,
                    due: row.try_get("due")?,
                    assigned_at: row.try_get("assigned_at")?,
                    assigned_on: row.try_get("assigned_on")?,
                    status: $crate::assignments::parse_status(&status)?,
                    reason: row.try_get("reason")?,
                    closed_at: row.try_get("closed_at")?,
                    closed_by: row.try_get("closed_by")?,
                })
            }
        }

        #[async_trait::async_trait]
        impl $crate::assignments::Assignments for $store {
            async fn add_assignment(&self, a: &$crate::assignments::Assignment) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO assignments (id, link_id, coach_id, client_id, kind, detail, note, due, \
                     assigned_at, assigned_on, status, reason, closed_at, closed_by) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                )
                .bind(&a.id)
                .bind(&a.link_id)
                .bind(&a.coach_id)
                .bind(&a.client_id)
                .bind(a.kind.key())
                .bind(&a.detail)
                .bind(&a.note)
                .bind(a.due)
                .bind(a.assigned_at)
                .bind(a.assigned_on)
                .bind(a.status.key())
                .bind(&a.reason)
                .bind(a.closed_at)
                .bind(&a.closed_by)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn get_assignment(&self, id: &str) -> $crate::Result<Option<$crate::assignments::Assignment>> {
                let sql = format!("SELECT {} WHERE a.id = $1", $crate::assignments::ASSIGNMENT_COLUMNS);
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.read).await?;
                row.as_ref().map(Self::row_assignment).transpose()
            }

            async fn assignments_of_client(&self, client: &str) -> $crate::Result<Vec<$crate::assignments::Assignment>> {
                let sql = format!(
                    "SELECT {} WHERE a.client_id = $1 ORDER BY a.due, a.assigned_at, a.id",
                    $crate::assignments::ASSIGNMENT_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(client).fetch_all(&self.read).await?;
                rows.iter().map(Self::row_assignment).collect()
            }

            async fn assignments_between(&self, coach: &str, client: &str) -> $crate::Result<Vec<$crate::assignments::Assignment>> {
                let sql = format!(
                    "SELECT {} WHERE a.coach_id = $1 AND a.client_id = $2 ORDER BY a.due, a.assigned_at, a.id",
                    $crate::assignments::ASSIGNMENT_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(coach).bind(client).fetch_all(&self.read).await?;
                rows.iter().map(Self::row_assignment).collect()
            }

            async fn set_assignment_status(
                &self,
                id: &str,
                status: goodenough_core::assignment::AssignmentStatus,
                reason: Option<&str>,
                by: $crate::assignments::ClosedBy,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::Result<bool> {
                let open = status == goodenough_core::assignment::AssignmentStatus::Open;
                let closed_at = (!open).then_some(now);
                let closed_by = (!open).then_some(by.key());
                let reason = if status == goodenough_core::assignment::AssignmentStatus::NotForMe {
                    reason
                } else {
                    None
                };
                let only_open = if by == $crate::assignments::ClosedBy::Product {
                    " AND status = 'open'"
                } else {
                    ""
                };
                let sql = format!(
                    "UPDATE assignments SET status = $2, reason = $3, closed_at = $4, closed_by = $5 \
                     WHERE id = $1{only_open}"
                );
                let r = sqlx::query(&sql)
                    .bind(id)
                    .bind(status.key())
                    .bind(reason)
                    .bind(closed_at)
                    .bind(closed_by)
                    .execute(&self.pool)
                    .await?;
                if r.rows_affected() == 0 && by == $crate::assignments::ClosedBy::Client {
                    return Err($crate::StoreError::NotFound(
                        "That assignment no longer exists; nothing was changed.".to_string(),
                    ));
                }
                Ok(r.rows_affected() > 0)
            }

            async fn matching_count(
                &self,
                client: &str,
                kind: goodenough_core::assignment::AssignmentKind,
                detail: Option<&str>,
                since: chrono::NaiveDate,
            ) -> $crate::Result<i64> {
                let named = detail.is_some()
                    && matches!(
                        kind,
                        goodenough_core::assignment::AssignmentKind::Practice
                            | goodenough_core::assignment::AssignmentKind::Questionnaire
                    );
                let Some(sql) = $crate::assignments::matching_sql(kind, named) else {
                    return Ok(0);
                };
                let q = sqlx::query_scalar::<_, i64>(sql).bind(client);
                let q = if $crate::assignments::by_instant(kind) {
                    q.bind(since.and_time(chrono::NaiveTime::MIN).and_utc())
                } else {
                    q.bind(since)
                };
                let q = if named { q.bind(detail) } else { q };
                Ok(q.fetch_one(&self.read).await?)
            }
        }
    };
}
pub(crate) use impl_assignments;
