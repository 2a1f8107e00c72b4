//! `goodenough export`: every record of the person, as one versioned JSON
//! document (the same one `import` restores) or as one CSV file per kind.
//!
//! Files are written atomically: the bytes go to a temporary file next to the
//! target, are flushed to disk, and only then is the file renamed into place,
//! so a failure never leaves a half-written export behind.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Result};
use clap::{Args, ValueEnum};
use goodenough_core::export::ExportDoc;
use goodenough_core::{CheckIn, Setback, Settings, ThoughtRecord, Win};
use serde::Serialize;

use crate::context::{now, Context};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON document (what `goodenough import` reads back).
    Json,
    /// One CSV file per kind of record, written into the --out directory.
    Csv,
}

/// Flags of `goodenough export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json (default; can be imported again) or csv (for spreadsheets).
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Where to write: a file for json (default: standard output), a
    /// directory for csv (required; created if missing).
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
}

/// What `--json` prints after writing to a file or directory.
#[derive(Debug, Serialize)]
struct Written {
    format: &'static str,
    paths: Vec<String>,
    checkins: usize,
    thoughts: usize,
    wins: usize,
    setbacks: usize,
}

/// Runs the command.
pub async fn run(ctx: &Context, args: ExportArgs) -> Result<()> {
    let doc = collect(ctx).await?;
    let paths = match (args.format, &args.out) {
        (Format::Json, None) => {
            let mut text = serde_json::to_string_pretty(&doc)?;
            text.push('\n');
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| anyhow!("cannot write the export to standard output ({e})."))?;
            return Ok(());
        }
        (Format::Json, Some(path)) => {
            let mut text = serde_json::to_string_pretty(&doc)?;
            text.push('\n');
            write_atomically(path, text.as_bytes())?;
            vec![path.clone()]
        }
        (Format::Csv, Some(dir)) => write_csv(dir, &doc)?,
        (Format::Csv, None) => {
            bail!("CSV export writes one file per kind, so it needs a directory: add --out DIR.")
        }
    };
    let written = Written {
        format: match args.format {
            Format::Json => "json",
            Format::Csv => "csv",
        },
        paths: paths.iter().map(|p| p.display().to_string()).collect(),
        checkins: doc.checkins.len(),
        thoughts: doc.thoughts.len(),
        wins: doc.wins.len(),
        setbacks: doc.setbacks.len(),
    };
    if ctx.json {
        return crate::output::json(&written);
    }
    println!(
        "Exported {} to {}.",
        describe(&written),
        args.out
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    );
    Ok(())
}

/// Everything the person keeps, each list oldest first.
pub async fn collect(ctx: &Context) -> Result<ExportDoc> {
    let settings = ctx.settings().await?;
    let checkins = ctx.store.list_checkins(&ctx.person, None).await?;
    let thoughts = ctx.store.list_thoughts(&ctx.person, None).await?;
    let wins = ctx.store.list_wins(&ctx.person, None).await?;
    let setbacks = ctx.store.list_setbacks(&ctx.person, None).await?;
    let mut doc = ExportDoc::new(
        settings,
        checkins,
        thoughts,
        wins,
        setbacks,
        goodenough_core::clock::round(now()),
    );
    doc.noes = ctx.store.list_noes(&ctx.person).await?;
    doc.delegations = ctx.store.list_delegations(&ctx.person).await?;
    doc.mistakes = ctx.store.list_mistakes(&ctx.person).await?;
    doc.rungs = ctx.store.list_rungs(&ctx.person).await?;
    doc.experiments = ctx.store.list_experiments(&ctx.person, None).await?;
    doc.timeboxes = ctx.store.list_timeboxes(&ctx.person, None).await?;
    doc.git_commits = ctx.store.list_git_commits(&ctx.person).await?;
    doc.assessments = ctx.store.list_assessments(&ctx.person, None).await?;
    doc.critic = ctx.store.critic(&ctx.person).await?;
    doc.values = ctx.store.list_values(&ctx.person).await?;
    doc.practice_logs = ctx.store.list_practice_logs(&ctx.person, None).await?;
    doc.enrolments = ctx.store.list_enrolments(&ctx.person).await?;
    doc.reviews = ctx.store.list_reviews(&ctx.person).await?;
    doc.hobbies = ctx.store.list_hobbies(&ctx.person).await?;
    doc.blocks = ctx.store.list_blocks(&ctx.person).await?;
    doc.block_occurrences = ctx.store.list_occurrences(&ctx.person).await?;
    doc.joy_logs = ctx.store.list_joy_logs(&ctx.person).await?;
    doc.rests = ctx.store.list_rests(&ctx.person).await?;
    doc.evidence = ctx.store.list_evidence(&ctx.person, None, None).await?;
    Ok(doc)
}

fn describe(w: &Written) -> String {
    fn n(count: usize, one: &str, many: &str) -> String {
        format!("{count} {}", if count == 1 { one } else { many })
    }
    format!(
        "{}, {}, {} and {}",
        n(w.checkins, "check-in", "check-ins"),
        n(w.thoughts, "thought record", "thought records"),
        n(w.wins, "win", "wins"),
        n(w.setbacks, "setback", "setbacks"),
    )
}

/// Writes `bytes` to `path` via a temporary file in the same directory,
/// flushed to disk and renamed into place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let fix = "Choose a path in a directory that exists and that you can write to.";
    let file_name = path.file_name().ok_or_else(|| {
        anyhow!(
            "cannot write the export to {}: it is not a file name. {fix}",
            path.display()
        )
    })?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        bail!(
            "cannot write the export to {}: the directory {} does not exist. {fix}",
            path.display(),
            dir.display()
        );
    }
    if path.is_dir() {
        bail!(
            "cannot write the export to {}: it is a directory. Give a file name, e.g. {}.",
            path.display(),
            path.join("goodenough-export.json").display()
        );
    }
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable where the platform allows it.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        bail!("cannot write the export to {} ({e}). {fix}", path.display());
    }
    Ok(())
}

/// Writes one CSV file per kind (and the settings) into `dir`.
fn write_csv(dir: &Path, doc: &ExportDoc) -> Result<Vec<PathBuf>> {
    match std::fs::create_dir(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => {}
        Err(e) => bail!(
            "cannot create the export directory {} ({e}). Give --out a directory inside one that exists and that you can write to.",
            dir.display()
        ),
    }
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("checkins.csv", checkins_csv(&doc.checkins)?),
        ("thoughts.csv", thoughts_csv(&doc.thoughts)?),
        ("wins.csv", wins_csv(&doc.wins)?),
        ("setbacks.csv", setbacks_csv(&doc.setbacks)?),
        ("noes.csv", noes_csv(&doc.noes)?),
        ("delegations.csv", delegations_csv(&doc.delegations)?),
        ("mistakes.csv", mistakes_csv(&doc.mistakes)?),
        ("ladder.csv", rungs_csv(&doc.rungs)?),
        ("experiments.csv", experiments_csv(&doc.experiments)?),
        ("timeboxes.csv", timeboxes_csv(&doc.timeboxes)?),
        ("git_commits.csv", git_commits_csv(&doc.git_commits)?),
        ("assessments.csv", assessments_csv(&doc.assessments)?),
        ("critic.csv", critic_csv(doc.critic.as_ref())?),
        ("values.csv", values_csv(&doc.values)?),
        ("practice_logs.csv", practice_logs_csv(&doc.practice_logs)?),
        (
            "enrolments.csv",
            super::programme::enrolments_csv(&doc.enrolments)?,
        ),
        ("evidence.csv", evidence_csv(&doc.evidence)?),
        ("settings.csv", settings_csv(&doc.settings)?),
    ];
    files.extend(super::joy::csv_files(doc)?);
    files.push(("reviews.csv", super::review::reviews_csv(&doc.reviews)?));
    let mut paths = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        write_atomically(&path, &bytes)?;
        paths.push(path);
    }
    Ok(paths)
}

fn to_bytes(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    w.into_inner()
        .map_err(|e| anyhow!("cannot build the CSV export ({}).", e.error()))
}

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
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CHECKIN_COLUMNS)?;
    for c in checkins {
        let mut row = vec![
            c.id.clone(),
            c.date.to_string(),
            c.mood.to_string(),
            c.energy.to_string(),
        ];
        for i in 0..goodenough_core::checkin::APPRECIATIONS {
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
    let mut w = csv::Writer::from_writer(Vec::new());
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
    let mut w = csv::Writer::from_writer(Vec::new());
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
    let mut w = csv::Writer::from_writer(Vec::new());
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
fn git_commits_csv(all: &[goodenough_core::gitsignals::GitCommit]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
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
fn critic_csv(critic: Option<&goodenough_core::awareness::CriticProfile>) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
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
fn values_csv(all: &[goodenough_core::awareness::LifeValue]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
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
fn evidence_csv(all: &[goodenough_core::evidence::EvidenceEntry]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
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
fn practice_logs_csv(all: &[goodenough_core::awareness::PracticeLog]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
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
fn assessments_csv(all: &[goodenough_core::assessment::AssessmentResult]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
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
    let mut w = csv::Writer::from_writer(Vec::new());
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
fn noes_csv(noes: &[goodenough_core::boundaries::NoRecord]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
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
fn delegations_csv(all: &[goodenough_core::boundaries::Delegation]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
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
fn mistakes_csv(all: &[goodenough_core::boundaries::MistakeReview]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
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
fn rungs_csv(rungs: &[goodenough_core::experiment::Rung]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
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
fn experiments_csv(list: &[goodenough_core::experiment::Experiment]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
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
fn timeboxes_csv(boxes: &[goodenough_core::timebox::Timebox]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
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
