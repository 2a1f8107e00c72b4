//! The exposure ladder, behavioural experiments (planned before, recorded
//! once after) and fear calibration.
//!
//! Rungs and experiments are found by id or by a unique id prefix of four
//! or more characters; anything else is `AppError::NotFound`.

use chrono::NaiveDate;
use goodenough_core::calibration::{self, CalibrationReport};
use goodenough_core::clock::check_happened;
use goodenough_core::experiment::{
    check_id_prefix, Experiment, ExperimentResult, Ladder, PlanInput, RecordInput, Rung,
};

use crate::access::{Action, Category};
use crate::scope::Allowed;
use crate::{AppError, Result, Scope};

const CATEGORY: Category = Category::Experiments;

/// The web's sentence for a plan naming a rung that is not the person's.
pub const NOT_ON_LADDER: &str =
    "That rung is not on your ladder; pick one from the list or leave it empty.";

/// The web's sentence when a result was written a moment ago by something else.
pub const RECORDED_MEANWHILE: &str =
    "This experiment was recorded a moment ago; a result is written once, so nothing was changed.";

/// The web's sentence for a second result.
pub fn already_recorded(on: NaiveDate) -> String {
    format!(
        "This experiment was already recorded on {on}; a result is written once. To test the belief again, plan a new experiment."
    )
}

fn now(allowed: &Allowed<'_>) -> chrono::DateTime<chrono::Utc> {
    goodenough_core::clock::round(allowed.now)
}

async fn find_rung(allowed: &Allowed<'_>, id: &str) -> Result<Rung> {
    let Ok(prefix) = check_id_prefix("rung", id) else {
        return Err(AppError::not_found("rung"));
    };
    allowed
        .store
        .find_rung(allowed.person, &prefix)
        .await?
        .ok_or(AppError::not_found("rung"))
}

async fn find_experiment(allowed: &Allowed<'_>, id: &str) -> Result<Experiment> {
    let Ok(prefix) = check_id_prefix("experiment", id) else {
        return Err(AppError::not_found("experiment"));
    };
    allowed
        .store
        .find_experiment(allowed.person, &prefix)
        .await?
        .ok_or(AppError::not_found("experiment"))
}

/// The ladder: rungs least distressing first, and the large steps.
pub async fn ladder(scope: &Scope) -> Result<Ladder> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(Ladder::new(allowed.store.list_rungs(allowed.person).await?))
}

/// Adds a rung (distress 0-100).
pub async fn add_rung(scope: &Scope, action: &str, distress: i64) -> Result<Rung> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let rung = Rung::new(
        goodenough_core::id::new_id(),
        now(&allowed),
        action,
        distress,
    )?;
    allowed.store.add_rung(allowed.person, &rung).await?;
    Ok(rung)
}

/// One rung by id or unique prefix.
pub async fn get_rung(scope: &Scope, id: &str) -> Result<Rung> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    find_rung(&allowed, id).await
}

/// Marks a rung climbed on `date` (default today; not after today); one
/// climbed already keeps its day. Answers the rung as saved.
pub async fn rung_done(scope: &Scope, id: &str, date: Option<NaiveDate>) -> Result<Rung> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let rung = find_rung(&allowed, id).await?;
    let today = allowed.today().await?;
    let on = date.unwrap_or(today);
    check_happened("a climbed rung", on, today)?;
    allowed
        .store
        .mark_rung_done(allowed.person, &rung.id, on)
        .await?;
    find_rung(&allowed, &rung.id).await
}

/// Removes a rung (experiments on it keep their record); answers it.
pub async fn remove_rung(scope: &Scope, id: &str) -> Result<Rung> {
    let allowed = scope.allow(CATEGORY, Action::Erase).await?;
    let rung = find_rung(&allowed, id).await?;
    allowed.store.remove_rung(allowed.person, &rung.id).await?;
    Ok(rung)
}

/// An experiment as planned; `date` defaults to today.
#[derive(Debug, Clone, Default)]
pub struct NewExperiment {
    pub date: Option<NaiveDate>,
    pub belief: String,
    pub prediction: String,
    pub likelihood: i64,
    pub anxiety: i64,
    /// A rung's id or unique prefix; blank is none.
    pub rung_id: Option<String>,
    pub due: Option<NaiveDate>,
}

/// Plans an experiment. A rung that is not the person's is
/// `AppError::NotFound("rung")`, checked first.
pub async fn plan(scope: &Scope, new: NewExperiment) -> Result<Experiment> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let rung_id = match new.rung_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(r) => Some(find_rung(&allowed, r).await?.id),
    };
    let date = match new.date {
        Some(d) => d,
        None => allowed.today().await?,
    };
    let experiment = Experiment::plan(
        goodenough_core::id::new_id(),
        now(&allowed),
        date,
        PlanInput {
            belief: &new.belief,
            prediction: &new.prediction,
            likelihood: new.likelihood,
            anxiety: new.anxiety,
            rung_id,
            due: new.due,
        },
    )?;
    allowed
        .store
        .add_experiment(allowed.person, &experiment)
        .await?;
    Ok(experiment)
}

/// One experiment by id or unique prefix.
pub async fn get_experiment(scope: &Scope, id: &str) -> Result<Experiment> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    find_experiment(&allowed, id).await
}

/// What happened, as recorded afterwards; `date` defaults to today.
#[derive(Debug, Clone, Default)]
pub struct NewResult {
    pub date: Option<NaiveDate>,
    /// yes, partly or no.
    pub happened: String,
    pub actual: String,
    pub anxiety_after: i64,
    pub learned: String,
    pub belief_after: Option<i64>,
}

/// What recording a result came to.
#[derive(Debug, Clone)]
pub enum Recording {
    /// Saved: the experiment with its result.
    Saved(Experiment),
    /// It had a result already (written on that day); nothing changed.
    AlreadyRecorded {
        experiment: Experiment,
        on: NaiveDate,
    },
    /// Something else wrote its result a moment ago; nothing changed.
    RecordedMeanwhile(Experiment),
}

/// Writes an experiment's result, once (and marks its rung climbed).
pub async fn record(scope: &Scope, id: &str, new: NewResult) -> Result<Recording> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let experiment = find_experiment(&allowed, id).await?;
    if let Some(r) = &experiment.result {
        let on = r.date;
        return Ok(Recording::AlreadyRecorded { experiment, on });
    }
    let today = allowed.today().await?;
    let date = new.date.unwrap_or(today);
    check_happened("an experiment's outcome", date, today)?;
    let result = ExperimentResult::new(
        now(&allowed),
        RecordInput {
            happened: &new.happened,
            actual: &new.actual,
            anxiety_after: new.anxiety_after,
            learned: &new.learned,
            belief_after: new.belief_after,
            date,
        },
    )?;
    if !allowed
        .store
        .record_experiment(allowed.person, &experiment.id, &result)
        .await?
    {
        return Ok(Recording::RecordedMeanwhile(experiment));
    }
    Ok(Recording::Saved(
        find_experiment(&allowed, &experiment.id).await?,
    ))
}

/// The experiments planned from `since`, oldest first.
pub async fn list(scope: &Scope, since: Option<NaiveDate>) -> Result<Vec<Experiment>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed
        .store
        .list_experiments(allowed.person, allowed.from(since))
        .await?)
}

/// How well fears predicted what happened, from `since` on.
pub async fn calibration(scope: &Scope, since: Option<NaiveDate>) -> Result<CalibrationReport> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let forecasts = allowed
        .store
        .calibration_forecasts(allowed.person, since)
        .await?;
    Ok(calibration::report(since, &forecasts))
}

/// Everything the experiments page shows.
#[derive(Debug, Clone)]
pub struct Overview {
    pub today: NaiveDate,
    /// Oldest first.
    pub experiments: Vec<Experiment>,
    pub calibration: CalibrationReport,
    pub ladder: Ladder,
}

/// The experiments, the whole calibration report, the ladder and today.
pub async fn overview(scope: &Scope) -> Result<Overview> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let (store, person) = (allowed.store, allowed.person);
    let experiments = store.list_experiments(person, None).await?;
    let forecasts = store.calibration_forecasts(person, None).await?;
    let ladder = Ladder::new(store.list_rungs(person).await?);
    Ok(Overview {
        today: allowed.today().await?,
        experiments,
        calibration: calibration::report(None, &forecasts),
        ladder,
    })
}
