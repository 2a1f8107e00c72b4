//! Stored rows as plain structs, one per table, and their conversion into
//! core's types.
//!
//! A `*Row` mirrors its table's columns (names and stored types: scales as
//! `i32`, lists and maps as JSON text); `sqlx::FromRow` reads it from a row
//! of either backend, and `TryFrom<*Row>` checks what the database cannot
//! (a scale in range, JSON that parses, a known kind) and builds the core
//! value. A stored value that does not convert is
//! [`StoreError::Corrupt`]: the database was changed behind the store's
//! back. The backend macros only run the SQL and call these.

use chrono::{DateTime, NaiveDate, Utc};
use goodenough_core::assessment::AssessmentResult;
use goodenough_core::awareness::{CriticProfile, LifeValue, PracticeLog};
use goodenough_core::boundaries::{Delegation, MistakeReview, NoRecord};
use goodenough_core::evidence::EvidenceEntry;
use goodenough_core::experiment::{Experiment, ExperimentResult, Happened, Rung};
use goodenough_core::gitsignals::GitCommit;
use goodenough_core::joy::{Block, Day, Hobby, JoyLog, Occurrence, Rest, RestKind};
use goodenough_core::programme::Enrolment;
use goodenough_core::review::WeeklyReview;
use goodenough_core::timebox::Timebox;
use goodenough_core::{CheckIn, Setback, Settings, ThoughtRecord, Win};

use crate::accounts::Account;
use crate::common::{appreciations, emotions, scale, strings};
use crate::{Result, StoreError};

/// JSON text of a column, parsed; `Corrupt` naming the column otherwise.
fn json<T: serde::de::DeserializeOwned>(text: &str, column: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
}

/// A stored count of minutes (never negative).
fn minutes(value: i32, column: &str) -> Result<u32> {
    u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("{column} {value}")))
}

/// An optional stored scale.
fn scale_opt(value: Option<i32>, column: &str) -> Result<Option<u8>> {
    value.map(|v| scale(v, column)).transpose()
}

/// A row of `persons`, as far as settings go.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SettingsRow {
    pub display_name: String,
    pub time_zone: String,
    pub work_start: String,
    pub work_end: String,
    /// Comma-separated day names.
    pub work_days: String,
    pub reminder_time: String,
}

impl TryFrom<SettingsRow> for Settings {
    type Error = StoreError;

    fn try_from(row: SettingsRow) -> Result<Settings> {
        Ok(Settings {
            display_name: row.display_name,
            time_zone: row.time_zone,
            work_start: row.work_start,
            work_end: row.work_end,
            work_days: row
                .work_days
                .split(',')
                .filter(|d| !d.is_empty())
                .map(str::to_string)
                .collect(),
            reminder_time: row.reminder_time,
        })
    }
}

/// A row of `checkins`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CheckInRow {
    pub id: String,
    pub date: NaiveDate,
    pub mood: i32,
    pub energy: i32,
    /// JSON array of appreciations.
    pub appreciations: String,
    pub note: Option<String>,
}

impl TryFrom<CheckInRow> for CheckIn {
    type Error = StoreError;

    fn try_from(row: CheckInRow) -> Result<CheckIn> {
        Ok(CheckIn {
            id: row.id,
            date: row.date,
            mood: scale(row.mood, "mood")?,
            energy: scale(row.energy, "energy")?,
            appreciations: appreciations(&row.appreciations)?,
            note: row.note,
        })
    }
}

/// A row of `thoughts`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ThoughtRow {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub date: NaiveDate,
    pub situation: String,
    pub thought: String,
    pub belief: i32,
    /// JSON array of emotions.
    pub emotions: String,
    /// JSON array of trap ids.
    pub traps: String,
    pub reframe: Option<String>,
    pub belief_after: Option<i32>,
}

impl TryFrom<ThoughtRow> for ThoughtRecord {
    type Error = StoreError;

    fn try_from(row: ThoughtRow) -> Result<ThoughtRecord> {
        Ok(ThoughtRecord {
            id: row.id,
            created_at: row.created_at,
            date: row.date,
            situation: row.situation,
            thought: row.thought,
            belief: scale(row.belief, "belief")?,
            emotions: emotions(&row.emotions)?,
            traps: strings(&row.traps)?,
            reframe: row.reframe,
            belief_after: scale_opt(row.belief_after, "belief_after")?,
        })
    }
}

/// A row of `wins`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct WinRow {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub date: NaiveDate,
    pub text: String,
}

impl TryFrom<WinRow> for Win {
    type Error = StoreError;

    fn try_from(row: WinRow) -> Result<Win> {
        Ok(Win {
            id: row.id,
            created_at: row.created_at,
            date: row.date,
            text: row.text,
        })
    }
}

/// A row of `setbacks`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SetbackRow {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub date: NaiveDate,
    pub text: String,
    pub lesson: Option<String>,
}

impl TryFrom<SetbackRow> for Setback {
    type Error = StoreError;

    fn try_from(row: SetbackRow) -> Result<Setback> {
        Ok(Setback {
            id: row.id,
            created_at: row.created_at,
            date: row.date,
            text: row.text,
            lesson: row.lesson,
        })
    }
}

/// A row of `noes`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct NoRow {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub date: NaiveDate,
    pub request: String,
    pub response: String,
    pub guilt_before: i32,
    pub guilt_after: Option<i32>,
    pub outcome: Option<String>,
}

impl TryFrom<NoRow> for NoRecord {
    type Error = StoreError;

    fn try_from(row: NoRow) -> Result<NoRecord> {
        Ok(NoRecord {
            id: row.id,
            created_at: row.created_at,
            date: row.date,
            request: row.request,
            response: row.response,
            guilt_before: scale(row.guilt_before, "guilt_before")?,
            guilt_after: scale_opt(row.guilt_after, "guilt_after")?,
            outcome: row.outcome,
        })
    }
}

/// A row of `delegations`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct DelegationRow {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub date: NaiveDate,
    pub task: String,
    pub delegated_to: String,
    pub outcome: Option<String>,
    pub fine: Option<bool>,
}

impl TryFrom<DelegationRow> for Delegation {
    type Error = StoreError;

    fn try_from(row: DelegationRow) -> Result<Delegation> {
        Ok(Delegation {
            id: row.id,
            created_at: row.created_at,
            date: row.date,
            task: row.task,
            to: row.delegated_to,
            outcome: row.outcome,
            fine: row.fine,
        })
    }
}

/// A row of `mistakes`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct MistakeRow {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub date: NaiveDate,
    pub what: String,
    pub cost: String,
    pub factors: Option<String>,
    pub taught: String,
    pub friend: String,
    pub thought_id: Option<String>,
}

impl TryFrom<MistakeRow> for MistakeReview {
    type Error = StoreError;

    fn try_from(row: MistakeRow) -> Result<MistakeReview> {
        Ok(MistakeReview {
            id: row.id,
            created_at: row.created_at,
            date: row.date,
            what: row.what,
            cost: row.cost,
            factors: row.factors,
            taught: row.taught,
            friend: row.friend,
            thought_id: row.thought_id,
        })
    }
}

/// A row of `ladder_rungs`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct RungRow {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub action: String,
    pub distress: i32,
    pub done_on: Option<NaiveDate>,
}

impl TryFrom<RungRow> for Rung {
    type Error = StoreError;

    fn try_from(row: RungRow) -> Result<Rung> {
        Ok(Rung {
            id: row.id,
            created_at: row.created_at,
            action: row.action,
            distress: scale(row.distress, "distress")?,
            done_on: row.done_on,
        })
    }
}

/// A row of `experiments`: the plan, and the "after" half once recorded
/// (`recorded_at` set).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ExperimentRow {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub date: NaiveDate,
    pub belief: String,
    pub prediction: String,
    pub likelihood: i32,
    pub anxiety: i32,
    pub rung_id: Option<String>,
    pub due: Option<NaiveDate>,
    pub recorded_at: Option<DateTime<Utc>>,
    pub recorded_on: Option<NaiveDate>,
    pub happened: Option<String>,
    pub actual: Option<String>,
    pub anxiety_after: Option<i32>,
    pub learned: Option<String>,
    pub belief_after: Option<i32>,
}

impl TryFrom<ExperimentRow> for Experiment {
    type Error = StoreError;

    fn try_from(row: ExperimentRow) -> Result<Experiment> {
        let result = match row.recorded_at {
            None => None,
            Some(recorded_at) => {
                let happened: Happened = row.happened.unwrap_or_default().parse().map_err(
                    |e: goodenough_core::ValidationError| StoreError::Corrupt(e.to_string()),
                )?;
                Some(ExperimentResult {
                    recorded_at,
                    date: row.recorded_on.ok_or_else(|| {
                        StoreError::Corrupt("recorded experiment without a date".into())
                    })?,
                    happened,
                    actual: row.actual.unwrap_or_default(),
                    anxiety_after: scale(row.anxiety_after.unwrap_or_default(), "anxiety_after")?,
                    learned: row.learned.unwrap_or_default(),
                    belief_after: scale_opt(row.belief_after, "belief_after")?,
                })
            }
        };
        Ok(Experiment {
            id: row.id,
            created_at: row.created_at,
            date: row.date,
            belief: row.belief,
            prediction: row.prediction,
            likelihood: scale(row.likelihood, "likelihood")?,
            anxiety: scale(row.anxiety, "anxiety")?,
            rung_id: row.rung_id,
            due: row.due,
            result,
        })
    }
}

/// A row of `timeboxes`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct TimeboxRow {
    pub id: String,
    pub title: String,
    pub limit_minutes: i32,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    /// JSON array of extensions.
    pub extensions: String,
    /// JSON array of revisions.
    pub revisions: String,
    pub rechecks: i32,
    pub outcome: Option<String>,
}

impl TryFrom<TimeboxRow> for Timebox {
    type Error = StoreError;

    fn try_from(row: TimeboxRow) -> Result<Timebox> {
        Ok(Timebox {
            id: row.id,
            title: row.title,
            limit_minutes: u32::try_from(row.limit_minutes)
                .map_err(|_| StoreError::Corrupt(format!("timebox limit {}", row.limit_minutes)))?,
            started_at: row.started_at,
            ended_at: row.ended_at,
            extensions: crate::timeboxes::parse_list(&row.extensions)?,
            revisions: crate::timeboxes::parse_list(&row.revisions)?,
            rechecks: u32::try_from(row.rechecks).unwrap_or(0),
            outcome: crate::timeboxes::parse_outcome(row.outcome)?,
        })
    }
}

/// A row of `assessments`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AssessmentRow {
    pub id: String,
    pub instrument: String,
    pub taken_at: DateTime<Utc>,
    pub date: NaiveDate,
    /// JSON array of answers.
    pub answers: String,
    pub total: f64,
    /// JSON object of subscale scores.
    pub subscales: String,
    /// JSON object of the person's notes.
    pub notes: String,
}

impl TryFrom<AssessmentRow> for AssessmentResult {
    type Error = StoreError;

    fn try_from(row: AssessmentRow) -> Result<AssessmentResult> {
        Ok(AssessmentResult {
            id: row.id,
            instrument: row.instrument,
            taken_at: row.taken_at,
            date: row.date,
            answers: json(&row.answers, "answers")?,
            total: row.total,
            subscales: json(&row.subscales, "subscales")?,
            notes: json(&row.notes, "notes")?,
        })
    }
}

/// A row of `critics` (one per person).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct CriticRow {
    pub name: String,
    /// JSON array of the critic's phrases.
    pub says: String,
    pub learned: Option<String>,
    pub protects: Option<String>,
    pub kind_answer: Option<String>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<CriticRow> for CriticProfile {
    type Error = StoreError;

    fn try_from(row: CriticRow) -> Result<CriticProfile> {
        Ok(CriticProfile {
            name: row.name,
            says: crate::awareness::parse_says(&row.says)?,
            learned: row.learned,
            protects: row.protects,
            kind_answer: row.kind_answer,
            updated_at: row.updated_at,
        })
    }
}

/// A row of `life_values`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ValueRow {
    pub id: String,
    pub name: String,
    pub practice: String,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<ValueRow> for LifeValue {
    type Error = StoreError;

    fn try_from(row: ValueRow) -> Result<LifeValue> {
        Ok(LifeValue {
            id: row.id,
            name: row.name,
            practice: row.practice,
            created_at: row.created_at,
        })
    }
}

/// A row of `practice_logs`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct PracticeLogRow {
    pub id: String,
    pub practice: String,
    pub date: NaiveDate,
    pub minutes: i32,
    pub logged_at: DateTime<Utc>,
}

impl TryFrom<PracticeLogRow> for PracticeLog {
    type Error = StoreError;

    fn try_from(row: PracticeLogRow) -> Result<PracticeLog> {
        Ok(PracticeLog {
            id: row.id,
            practice: row.practice,
            date: row.date,
            minutes: minutes(row.minutes, "practice minutes")?,
            logged_at: row.logged_at,
        })
    }
}

/// A row of `evidence`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct EvidenceRow {
    pub id: String,
    pub kind: String,
    pub text: String,
    pub date: NaiveDate,
    pub source: Option<String>,
    pub attribution: String,
    pub logged_at: DateTime<Utc>,
}

impl TryFrom<EvidenceRow> for EvidenceEntry {
    type Error = StoreError;

    fn try_from(row: EvidenceRow) -> Result<EvidenceEntry> {
        Ok(EvidenceEntry {
            id: row.id,
            kind: crate::evidence::parse_kind(&row.kind)?,
            text: row.text,
            date: row.date,
            source: row.source,
            attribution: crate::evidence::parse_attribution(&row.attribution)?,
            logged_at: row.logged_at,
        })
    }
}

/// A row of `enrolments`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct EnrolmentRow {
    pub id: String,
    pub programme_id: String,
    pub started_on: NaiveDate,
    pub stopped_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<EnrolmentRow> for Enrolment {
    type Error = StoreError;

    fn try_from(row: EnrolmentRow) -> Result<Enrolment> {
        Ok(Enrolment {
            id: row.id,
            programme_id: row.programme_id,
            started_on: row.started_on,
            stopped_on: row.stopped_on,
            created_at: row.created_at,
        })
    }
}

/// A row of `reviews`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ReviewRow {
    pub id: String,
    pub week: String,
    pub week_start: NaiveDate,
    /// JSON of the week's figures.
    pub figures: String,
    /// JSON array of lines.
    pub breakthroughs: String,
    /// JSON array of lines.
    pub setbacks: String,
    pub celebrate: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<ReviewRow> for WeeklyReview {
    type Error = StoreError;

    fn try_from(row: ReviewRow) -> Result<WeeklyReview> {
        Ok(WeeklyReview {
            id: row.id,
            week: row.week,
            week_start: row.week_start,
            figures: json(&row.figures, "review figures")?,
            breakthroughs: strings(&row.breakthroughs)?,
            setbacks: strings(&row.setbacks)?,
            celebrate: row.celebrate,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// A row of `hobbies`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct HobbyRow {
    pub id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<HobbyRow> for Hobby {
    type Error = StoreError;

    fn try_from(row: HobbyRow) -> Result<Hobby> {
        Ok(Hobby {
            id: row.id,
            name: row.name,
            created_at: row.created_at,
        })
    }
}

/// A row of `blocks`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct BlockRow {
    pub id: String,
    pub title: String,
    pub weekday: String,
    pub start_time: String,
    pub end_time: String,
    pub hobby_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub active: bool,
}

impl TryFrom<BlockRow> for Block {
    type Error = StoreError;

    fn try_from(row: BlockRow) -> Result<Block> {
        Ok(Block {
            id: row.id,
            title: row.title,
            weekday: Day::parse(&row.weekday)
                .map_err(|_| StoreError::Corrupt(format!("weekday {}", row.weekday)))?,
            start: row.start_time,
            end: row.end_time,
            hobby_id: row.hobby_id,
            created_at: row.created_at,
            active: row.active,
        })
    }
}

/// A row of `block_occurrences` (keyed by block and date).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct OccurrenceRow {
    pub block_id: String,
    pub date: NaiveDate,
    pub kept: bool,
    pub reason: Option<String>,
}

impl TryFrom<OccurrenceRow> for Occurrence {
    type Error = StoreError;

    fn try_from(row: OccurrenceRow) -> Result<Occurrence> {
        Ok(Occurrence {
            block_id: row.block_id,
            date: row.date,
            kept: row.kept,
            reason: row.reason,
        })
    }
}

/// A row of `joy_logs`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct JoyLogRow {
    pub id: String,
    pub hobby_id: String,
    pub hobby: String,
    pub date: NaiveDate,
    pub minutes: i32,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<JoyLogRow> for JoyLog {
    type Error = StoreError;

    fn try_from(row: JoyLogRow) -> Result<JoyLog> {
        Ok(JoyLog {
            id: row.id,
            hobby_id: row.hobby_id,
            hobby: row.hobby,
            date: row.date,
            minutes: minutes(row.minutes, "minutes")?,
            created_at: row.created_at,
        })
    }
}

/// A row of `rests`.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct RestRow {
    pub id: String,
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    pub kind: String,
    pub guilt: Option<i32>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<RestRow> for Rest {
    type Error = StoreError;

    fn try_from(row: RestRow) -> Result<Rest> {
        let guilt = scale_opt(row.guilt, "guilt")?;
        Ok(Rest {
            id: row.id,
            from: row.from_date,
            to: row.to_date,
            kind: RestKind::parse(&row.kind)
                .map_err(|_| StoreError::Corrupt(format!("rest kind {}", row.kind)))?,
            guilt,
            without_guilt: guilt.is_some_and(|g| g <= goodenough_core::joy::WITHOUT_GUILT_MAX),
            created_at: row.created_at,
        })
    }
}

/// A row of `git_commits` (keyed by hash).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct GitCommitRow {
    pub hash: String,
    pub authored_at: DateTime<Utc>,
}

impl TryFrom<GitCommitRow> for GitCommit {
    type Error = StoreError;

    fn try_from(row: GitCommitRow) -> Result<GitCommit> {
        Ok(GitCommit {
            hash: row.hash,
            at: row.authored_at,
        })
    }
}

/// A row of `persons`, as far as the login goes.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AccountRow {
    pub id: String,
    pub email: Option<String>,
    pub role: String,
    pub password_hash: Option<String>,
    pub totp_secret: Option<String>,
    pub display_name: String,
    pub disabled_at: Option<DateTime<Utc>>,
}

impl TryFrom<AccountRow> for Account {
    type Error = StoreError;

    fn try_from(row: AccountRow) -> Result<Account> {
        Ok(Account {
            person_id: row.id,
            email: row.email.unwrap_or_default(),
            role: row.role.parse().map_err(StoreError::Corrupt)?,
            password_hash: row.password_hash.unwrap_or_default(),
            totp_secret: row.totp_secret,
            display_name: row.display_name,
            disabled_at: row.disabled_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkin_row(mood: i32, appreciations: &str) -> CheckInRow {
        CheckInRow {
            id: "c1".into(),
            date: NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
            mood,
            energy: 5,
            appreciations: appreciations.into(),
            note: None,
        }
    }

    #[test]
    fn a_stored_check_in_converts() {
        let c = CheckIn::try_from(checkin_row(7, "[]")).expect("converts");
        assert_eq!((c.id.as_str(), c.mood, c.energy), ("c1", 7, 5));
        assert!(c.appreciations.is_empty());
    }

    #[test]
    fn a_damaged_row_is_corrupt_not_a_panic() {
        for row in [
            checkin_row(300, "[]"),
            checkin_row(-1, "[]"),
            checkin_row(5, "not json"),
        ] {
            assert!(matches!(
                CheckIn::try_from(row),
                Err(StoreError::Corrupt(_))
            ));
        }
        let rest = RestRow {
            id: "r1".into(),
            from_date: NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
            to_date: NaiveDate::from_ymd_opt(2026, 3, 3).expect("date"),
            kind: "sabbatical-on-mars".into(),
            guilt: None,
            created_at: DateTime::<Utc>::from_timestamp(0, 0).expect("instant"),
        };
        assert!(matches!(Rest::try_from(rest), Err(StoreError::Corrupt(_))));
    }

    #[test]
    fn a_recorded_experiment_needs_its_date() {
        let row = ExperimentRow {
            id: "e1".into(),
            created_at: DateTime::<Utc>::from_timestamp(0, 0).expect("instant"),
            date: NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
            belief: "b".into(),
            prediction: "p".into(),
            likelihood: 70,
            anxiety: 60,
            rung_id: None,
            due: None,
            recorded_at: DateTime::<Utc>::from_timestamp(60, 0),
            recorded_on: None,
            happened: Some("no".into()),
            actual: None,
            anxiety_after: Some(20),
            learned: None,
            belief_after: None,
        };
        assert!(matches!(
            Experiment::try_from(row),
            Err(StoreError::Corrupt(_))
        ));
    }
}
