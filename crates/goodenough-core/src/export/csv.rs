//! The CSV form of an export: one file per kind of record, the same bytes
//! for `goodenough export --format csv` and the web Data page
//! (`/data/export/{file}`). Pure: an [`ExportDoc`] in, named bytes out; the
//! caller writes or serves them.

use thiserror::Error;

use crate::checkin::CheckIn;
use crate::export::ExportDoc;
use crate::journal::{Setback, Win};
use crate::programme::Enrolment;
use crate::review::WeeklyReview;
use crate::settings::Settings;
use crate::thought::ThoughtRecord;

/// A CSV file could not be built.
#[derive(Debug, Error)]
pub enum CsvError {
    /// The CSV writer refused a record.
    #[error("cannot build the CSV export ({0}).")]
    Csv(#[from] ::csv::Error),
    /// The in-memory buffer could not be flushed.
    #[error("cannot build the CSV export ({0}).")]
    Io(#[from] std::io::Error),
}

type Result<T> = std::result::Result<T, CsvError>;

/// Every file of the CSV export of `doc`, named as in [`FILES`] and in that
/// order.
pub fn files(doc: &ExportDoc) -> Result<Vec<(&'static str, Vec<u8>)>> {
    FILES
        .iter()
        .map(|&name| match file(doc, name) {
            Some(bytes) => bytes.map(|b| (name, b)),
            None => unreachable!("every name in FILES has a renderer"),
        })
        .collect()
}

/// One file of the CSV export of `doc` by its name (e.g. `"evidence.csv"`);
/// `None` when no file has that name.
pub fn file(doc: &ExportDoc, name: &str) -> Option<Result<Vec<u8>>> {
    Some(match name {
        "checkins.csv" => checkins_csv(&doc.checkins),
        "thoughts.csv" => thoughts_csv(&doc.thoughts),
        "wins.csv" => wins_csv(&doc.wins),
        "setbacks.csv" => setbacks_csv(&doc.setbacks),
        "noes.csv" => noes_csv(&doc.noes),
        "delegations.csv" => delegations_csv(&doc.delegations),
        "mistakes.csv" => mistakes_csv(&doc.mistakes),
        "ladder.csv" => rungs_csv(&doc.rungs),
        "experiments.csv" => experiments_csv(&doc.experiments),
        "timeboxes.csv" => timeboxes_csv(&doc.timeboxes),
        "git_commits.csv" => git_commits_csv(&doc.git_commits),
        "assessments.csv" => assessments_csv(&doc.assessments),
        "critic.csv" => critic_csv(doc.critic.as_ref()),
        "values.csv" => values_csv(&doc.values),
        "practice_logs.csv" => practice_logs_csv(&doc.practice_logs),
        "enrolments.csv" => enrolments_csv(&doc.enrolments),
        "evidence.csv" => evidence_csv(&doc.evidence),
        "settings.csv" => settings_csv(&doc.settings),
        "reviews.csv" => reviews_csv(&doc.reviews),
        other => return joy_file(doc, other),
    })
}

fn to_bytes(w: ::csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    w.into_inner().map_err(|e| CsvError::Io(e.into_error()))
}

fn instant(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// Every file of a CSV export, in the order they are written.
pub const FILES: [&str; 24] = [
    "checkins.csv",
    "thoughts.csv",
    "wins.csv",
    "setbacks.csv",
    "noes.csv",
    "delegations.csv",
    "mistakes.csv",
    "ladder.csv",
    "experiments.csv",
    "timeboxes.csv",
    "git_commits.csv",
    "assessments.csv",
    "critic.csv",
    "values.csv",
    "practice_logs.csv",
    "enrolments.csv",
    "evidence.csv",
    "settings.csv",
    "hobbies.csv",
    "blocks.csv",
    "block_occurrences.csv",
    "joy_logs.csv",
    "rests.csv",
    "reviews.csv",
];

/// Column names of `checkins.csv`.
pub const CHECKIN_COLUMNS: [&str; 11] = [
    "id",
    "date",
    "mood",
    "energy",
    "appreciation_1_area",
    "appreciation_1_text",
    "appreciation_2_area",
    "appreciation_2_text",
    "appreciation_3_area",
    "appreciation_3_text",
    "note",
];

fn checkins_csv(checkins: &[CheckIn]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(CHECKIN_COLUMNS)?;
    for c in checkins {
        let mut row = vec![
            c.id.clone(),
            c.date.to_string(),
            c.mood.to_string(),
            c.energy.to_string(),
        ];
        for i in 0..crate::checkin::APPRECIATIONS {
            match c.appreciations.get(i) {
                Some(a) => {
                    row.push(a.area.as_str().to_string());
                    row.push(a.text.clone());
                }
                None => {
                    row.push(String::new());
                    row.push(String::new());
                }
            }
        }
        row.push(c.note.clone().unwrap_or_default());
        w.write_record(&row)?;
    }
    to_bytes(w)
}

fn thoughts_csv(thoughts: &[ThoughtRecord]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "created_at",
        "date",
        "situation",
        "thought",
        "belief",
        "emotions",
        "traps",
        "reframe",
        "belief_after",
    ])?;
    for t in thoughts {
        let emotions = t
            .emotions
            .iter()
            .map(|e| format!("{}:{}", e.name, e.intensity))
            .collect::<Vec<_>>()
            .join("; ");
        w.write_record([
            t.id.clone(),
            t.created_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            t.date.to_string(),
            t.situation.clone(),
            t.thought.clone(),
            t.belief.to_string(),
            emotions,
            t.traps.join("; "),
            t.reframe.clone().unwrap_or_default(),
            t.belief_after.map(|b| b.to_string()).unwrap_or_default(),
        ])?;
    }
    to_bytes(w)
}

fn wins_csv(wins: &[Win]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "created_at", "date", "text"])?;
    for x in wins {
        w.write_record([
            x.id.clone(),
            x.created_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            x.date.to_string(),
            x.text.clone(),
        ])?;
    }
    to_bytes(w)
}

fn setbacks_csv(setbacks: &[Setback]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "created_at", "date", "text", "lesson"])?;
    for s in setbacks {
        w.write_record([
            s.id.clone(),
            s.created_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            s.date.to_string(),
            s.text.clone(),
            s.lesson.clone().unwrap_or_default(),
        ])?;
    }
    to_bytes(w)
}

/// `git_commits.csv`: one row per scanned commit (id and authoring time only).
fn git_commits_csv(all: &[crate::gitsignals::GitCommit]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(["hash", "at"])?;
    for c in all {
        w.write_record([
            c.hash.clone(),
            c.at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        ])?;
    }
    to_bytes(w)
}

/// `critic.csv`: the inner-critic profile as one row (no row when there is
/// none); its phrases joined by "; ".
fn critic_csv(critic: Option<&crate::awareness::CriticProfile>) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "name",
        "says",
        "learned",
        "protects",
        "kind_answer",
        "updated_at",
    ])?;
    if let Some(c) = critic {
        w.write_record([
            c.name.clone(),
            c.says.join("; "),
            c.learned.clone().unwrap_or_default(),
            c.protects.clone().unwrap_or_default(),
            c.kind_answer.clone().unwrap_or_default(),
            c.updated_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        ])?;
    }
    to_bytes(w)
}

/// `values.csv`: values and roles beyond work.
fn values_csv(all: &[crate::awareness::LifeValue]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "name", "practice", "created_at"])?;
    for v in all {
        w.write_record([
            v.id.clone(),
            v.name.clone(),
            v.practice.clone(),
            v.created_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        ])?;
    }
    to_bytes(w)
}

/// `evidence.csv`: accomplishments and praise with their attribution.
fn evidence_csv(all: &[crate::evidence::EvidenceEntry]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "date",
        "kind",
        "text",
        "source",
        "attribution",
        "logged_at",
    ])?;
    for e in all {
        w.write_record([
            e.id.clone(),
            e.date.to_string(),
            e.kind.as_str().to_string(),
            e.text.clone(),
            e.source.clone().unwrap_or_default(),
            e.attribution.as_str().to_string(),
            e.logged_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        ])?;
    }
    to_bytes(w)
}

/// `practice_logs.csv`: mindfulness practice done, in minutes.
fn practice_logs_csv(all: &[crate::awareness::PracticeLog]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "practice", "date", "minutes", "logged_at"])?;
    for p in all {
        w.write_record([
            p.id.clone(),
            p.practice.clone(),
            p.date.to_string(),
            p.minutes.to_string(),
            p.logged_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        ])?;
    }
    to_bytes(w)
}

/// `assessments.csv`: one row per questionnaire result; answers, subscales
/// and notes as `key=value` pairs joined by "; ".
fn assessments_csv(all: &[crate::assessment::AssessmentResult]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "instrument",
        "taken_at",
        "date",
        "total",
        "answers",
        "subscales",
        "notes",
    ])?;
    for a in all {
        w.write_record([
            a.id.clone(),
            a.instrument.clone(),
            a.taken_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            a.date.to_string(),
            a.total.to_string(),
            a.answers
                .iter()
                .map(|x| format!("{}={}", x.item, x.value))
                .collect::<Vec<_>>()
                .join("; "),
            a.subscales
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
            a.notes
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
        ])?;
    }
    to_bytes(w)
}

fn settings_csv(s: &Settings) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(["setting", "value"])?;
    w.write_record(["display_name", s.display_name.as_str()])?;
    w.write_record(["time_zone", s.time_zone.as_str()])?;
    w.write_record(["work_start", s.work_start.as_str()])?;
    w.write_record(["work_end", s.work_end.as_str()])?;
    w.write_record(["work_days", s.work_days.join("; ").as_str()])?;
    w.write_record(["reminder_time", s.reminder_time.as_str()])?;
    to_bytes(w)
}

/// `noes.csv`: one row per time of saying no.
fn noes_csv(noes: &[crate::boundaries::NoRecord]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "date",
        "request",
        "response",
        "guilt_before",
        "guilt_after",
        "outcome",
    ])?;
    for n in noes {
        w.write_record([
            n.id.clone(),
            n.date.to_string(),
            n.request.clone(),
            n.response.clone(),
            n.guilt_before.to_string(),
            n.guilt_after.map(|g| g.to_string()).unwrap_or_default(),
            n.outcome.clone().unwrap_or_default(),
        ])?;
    }
    to_bytes(w)
}

/// `delegations.csv`: one row per delegation.
fn delegations_csv(all: &[crate::boundaries::Delegation]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "date", "task", "to", "outcome", "fine"])?;
    for d in all {
        w.write_record([
            d.id.clone(),
            d.date.to_string(),
            d.task.clone(),
            d.to.clone(),
            d.outcome.clone().unwrap_or_default(),
            d.fine
                .map(|f| if f { "yes" } else { "no" }.to_string())
                .unwrap_or_default(),
        ])?;
    }
    to_bytes(w)
}

/// `mistakes.csv`: one row per mistake review.
fn mistakes_csv(all: &[crate::boundaries::MistakeReview]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "date",
        "what",
        "cost",
        "factors",
        "taught",
        "friend",
        "thought_id",
    ])?;
    for m in all {
        w.write_record([
            m.id.clone(),
            m.date.to_string(),
            m.what.clone(),
            m.cost.clone(),
            m.factors.clone().unwrap_or_default(),
            m.taught.clone(),
            m.friend.clone(),
            m.thought_id.clone().unwrap_or_default(),
        ])?;
    }
    to_bytes(w)
}

/// `ladder.csv`: one row per rung.
fn rungs_csv(rungs: &[crate::experiment::Rung]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "created_at", "action", "distress", "done_on"])?;
    for r in rungs {
        w.write_record([
            r.id.clone(),
            r.created_at.to_rfc3339(),
            r.action.clone(),
            r.distress.to_string(),
            r.done_on.map(|d| d.to_string()).unwrap_or_default(),
        ])?;
    }
    to_bytes(w)
}

/// `experiments.csv`: one row per experiment; the "after" columns are empty
/// until it is recorded.
fn experiments_csv(list: &[crate::experiment::Experiment]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "date",
        "belief",
        "prediction",
        "likelihood",
        "anxiety",
        "rung_id",
        "due",
        "done_on",
        "happened",
        "actual",
        "anxiety_after",
        "learned",
        "belief_after",
    ])?;
    for e in list {
        let r = e.result.as_ref();
        w.write_record([
            e.id.clone(),
            e.date.to_string(),
            e.belief.clone(),
            e.prediction.clone(),
            e.likelihood.to_string(),
            e.anxiety.to_string(),
            e.rung_id.clone().unwrap_or_default(),
            e.due.map(|d| d.to_string()).unwrap_or_default(),
            r.map(|r| r.date.to_string()).unwrap_or_default(),
            r.map(|r| r.happened.as_str().to_string())
                .unwrap_or_default(),
            r.map(|r| r.actual.clone()).unwrap_or_default(),
            r.map(|r| r.anxiety_after.to_string()).unwrap_or_default(),
            r.map(|r| r.learned.clone()).unwrap_or_default(),
            r.and_then(|r| r.belief_after)
                .map(|b| b.to_string())
                .unwrap_or_default(),
        ])?;
    }
    to_bytes(w)
}

/// `timeboxes.csv`: one row per box; extensions and revisions as counts and
/// totals (the JSON export keeps every detail).
fn timeboxes_csv(boxes: &[crate::timebox::Timebox]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "title",
        "limit_minutes",
        "started_at",
        "ended_at",
        "extended_minutes",
        "extension_reasons",
        "revisions",
        "rechecks",
        "outcome",
        "actual_minutes",
        "overrun_minutes",
    ])?;
    for b in boxes {
        let end = b.ended_at.unwrap_or(b.started_at);
        let reasons: Vec<&str> = b.extensions.iter().map(|e| e.reason.as_str()).collect();
        w.write_record([
            b.id.clone(),
            b.title.clone(),
            b.limit_minutes.to_string(),
            b.started_at.to_rfc3339(),
            b.ended_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            b.extended_minutes().to_string(),
            reasons.join("; "),
            b.revisions.len().to_string(),
            b.rechecks.to_string(),
            b.outcome
                .map(|o| o.as_str().to_string())
                .unwrap_or_default(),
            if b.is_running() {
                String::new()
            } else {
                b.actual_minutes(end).to_string()
            },
            if b.is_running() {
                String::new()
            } else {
                b.overrun_minutes(end).to_string()
            },
        ])?;
    }
    to_bytes(w)
}

fn csv_bytes(header: &[&str], rows: Vec<Vec<String>>) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    for r in rows {
        w.write_record(r)?;
    }
    to_bytes(w)
}

/// The joy files of a CSV export: `hobbies.csv`, `blocks.csv`,
/// `block_occurrences.csv`, `joy_logs.csv`, `rests.csv`.
fn joy_file(doc: &ExportDoc, name: &str) -> Option<Result<Vec<u8>>> {
    Some(match name {
        "hobbies.csv" => csv_bytes(
            &["id", "name", "created_at"],
            doc.hobbies
                .iter()
                .map(|h| vec![h.id.clone(), h.name.clone(), instant(h.created_at)])
                .collect(),
        ),
        "blocks.csv" => csv_bytes(
            &[
                "id",
                "title",
                "weekday",
                "start",
                "end",
                "hobby_id",
                "active",
                "created_at",
            ],
            doc.blocks
                .iter()
                .map(|b| {
                    vec![
                        b.id.clone(),
                        b.title.clone(),
                        b.weekday.as_str().to_string(),
                        b.start.clone(),
                        b.end.clone(),
                        b.hobby_id.clone().unwrap_or_default(),
                        b.active.to_string(),
                        instant(b.created_at),
                    ]
                })
                .collect(),
        ),
        "block_occurrences.csv" => csv_bytes(
            &["block_id", "date", "kept", "reason"],
            doc.block_occurrences
                .iter()
                .map(|o| {
                    vec![
                        o.block_id.clone(),
                        o.date.to_string(),
                        o.kept.to_string(),
                        o.reason.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        ),
        "joy_logs.csv" => csv_bytes(
            &["id", "hobby_id", "hobby", "date", "minutes", "created_at"],
            doc.joy_logs
                .iter()
                .map(|l| {
                    vec![
                        l.id.clone(),
                        l.hobby_id.clone(),
                        l.hobby.clone(),
                        l.date.to_string(),
                        l.minutes.to_string(),
                        instant(l.created_at),
                    ]
                })
                .collect(),
        ),
        "rests.csv" => csv_bytes(
            &[
                "id",
                "from",
                "to",
                "kind",
                "guilt",
                "without_guilt",
                "created_at",
            ],
            doc.rests
                .iter()
                .map(|r| {
                    vec![
                        r.id.clone(),
                        r.from.to_string(),
                        r.to.to_string(),
                        r.kind.as_str().to_string(),
                        r.guilt.map(|g| g.to_string()).unwrap_or_default(),
                        r.without_guilt.to_string(),
                        instant(r.created_at),
                    ]
                })
                .collect(),
        ),
        _ => return None,
    })
}

/// `enrolments.csv`: which programme, from when, until when.
fn enrolments_csv(all: &[Enrolment]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "programme_id",
        "started_on",
        "stopped_on",
        "created_at",
    ])?;
    for e in all {
        w.write_record([
            e.id.clone(),
            e.programme_id.clone(),
            e.started_on.to_string(),
            e.stopped_on.map(|d| d.to_string()).unwrap_or_default(),
            e.created_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        ])?;
    }
    to_bytes(w)
}

/// `reviews.csv`: one row per weekly review; the reflection lines joined by
/// "; ", and the headline figures of the week.
fn reviews_csv(all: &[WeeklyReview]) -> Result<Vec<u8>> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "week",
        "week_start",
        "breakthroughs",
        "setbacks",
        "celebrate",
        "checkins",
        "mean_mood",
        "overrun_rate",
        "after_hours_share",
        "noes",
        "experiments_done",
        "personal_time_kept",
        "created_at",
        "updated_at",
    ])?;
    let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    for r in all {
        let f = &r.figures;
        w.write_record([
            r.id.clone(),
            r.week.clone(),
            r.week_start.to_string(),
            r.breakthroughs.join("; "),
            r.setbacks.join("; "),
            r.celebrate.clone().unwrap_or_default(),
            f.checkins.to_string(),
            num(f.mean_mood),
            num(f.overrun_rate),
            num(f.after_hours_share),
            f.noes.to_string(),
            f.experiments_done.to_string(),
            num(f.personal_time_kept),
            r.created_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            r.updated_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        ])?;
    }
    to_bytes(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> ExportDoc {
        ExportDoc::new(
            Settings::defaults("UTC"),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            chrono::DateTime::UNIX_EPOCH,
        )
    }

    #[test]
    fn every_listed_file_renders_with_a_header_row() {
        let files = files(&doc()).expect("csv");
        assert_eq!(files.len(), FILES.len());
        for (name, bytes) in files {
            let text = String::from_utf8(bytes).expect("utf-8");
            assert!(text.ends_with('\n'), "{name} has a header line");
        }
    }

    #[test]
    fn an_unknown_name_has_no_file() {
        assert!(file(&doc(), "passwords.csv").is_none());
        assert!(file(&doc(), "../checkins.csv").is_none());
    }
}
