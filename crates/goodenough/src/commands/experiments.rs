//! `goodenough ladder`, `experiment plan|record`, `experiments` and
//! `calibration`: the exposure ladder, behavioural experiments and how well
//! fears predicted what actually happened.

use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use goodenough_app::experiments::{self, Recording};
use goodenough_core::calibration::CalibrationReport;
use goodenough_core::experiment::{Experiment, Ladder, Rung};
use goodenough_core::id::handle;

use crate::context::Context;
use crate::prompt;

/// Prints a line; a closed pipe (`| head`) ends the output quietly
/// instead of panicking.
macro_rules! say {
    ($($t:tt)*) => {
        emit(&format!($($t)*))
    };
}

fn emit(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Flags of `goodenough ladder`. With `--json`, `ladder` prints the rungs
/// (a list, least to most distressing) and `ladder gaps` the large steps.
#[derive(Debug, Args)]
pub struct LadderArgs {
    #[command(subcommand)]
    command: Option<LadderCommand>,
}

/// What `ladder` can do besides listing.
#[derive(Debug, Subcommand)]
pub enum LadderCommand {
    /// Add a rung: an action and how distressing it feels (0-100).
    Add {
        /// What you will do, e.g. "share a draft with one colleague".
        action: String,
        /// How distressing it feels, 0-100.
        #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 100))]
        distress: Option<i64>,
    },
    /// Mark a rung climbed (recording an experiment on it does this too).
    Done {
        /// The rung's handle (shown by `goodenough ladder`), or its id.
        id: String,
        /// The day it was climbed (default: today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Remove a rung (experiments on it stay, without the link).
    Remove {
        /// The rung's handle (shown by `goodenough ladder`), or its id.
        id: String,
    },
    /// The jumps of more than 20 points between neighbouring rungs, each
    /// with a suggestion.
    Gaps,
}

/// Flags of `goodenough experiment`.
#[derive(Debug, Subcommand)]
pub enum ExperimentCommand {
    /// Before: the belief, the feared prediction, how likely it feels.
    Plan(PlanArgs),
    /// After: what actually happened (written once).
    Record(RecordArgs),
}

/// Flags of `experiment plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The belief to test, e.g. "if I ask a question they will think I am incompetent".
    #[arg(long)]
    belief: Option<String>,
    /// What you fear will happen.
    #[arg(long)]
    prediction: Option<String>,
    /// How likely the feared outcome feels, 0-100.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 100))]
    likelihood: Option<i64>,
    /// Anxiety now, 0-100.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 100))]
    anxiety: Option<i64>,
    /// The ladder rung this climbs (its handle from `goodenough ladder`, or its id).
    #[arg(long)]
    rung: Option<String>,
    /// When you mean to do it, YYYY-MM-DD.
    #[arg(long)]
    due: Option<String>,
}

/// Flags of `experiment record`.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The experiment's handle (shown by `goodenough experiments`), or its id.
    id: String,
    /// Did the feared outcome happen: yes, partly or no.
    #[arg(long)]
    happened: Option<String>,
    /// What actually happened.
    #[arg(long)]
    actual: Option<String>,
    /// Anxiety afterwards, 0-100.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 100))]
    anxiety_after: Option<i64>,
    /// What it taught you.
    #[arg(long)]
    learned: Option<String>,
    /// How strongly you hold the belief now, 0-100.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 100))]
    belief_after: Option<i64>,
    /// The day you did it (default: today).
    #[arg(long)]
    date: Option<String>,
}

/// Flags of `goodenough experiments`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only experiments planned on or after this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
}

/// Flags of `goodenough calibration`.
#[derive(Debug, Args)]
pub struct CalibrationArgs {
    /// Only experiments done on or after this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
}

fn text_or_prompt(value: Option<String>, question: &str) -> Result<String> {
    match value {
        Some(v) => Ok(v),
        None => prompt::text(question, false),
    }
}

fn number_or_prompt(value: Option<i64>, question: &str) -> Result<i64> {
    match value {
        Some(v) => Ok(v),
        None => prompt::number(question, 0, 100),
    }
}

/// Runs `ladder`.
pub async fn ladder(ctx: &Context, args: LadderArgs) -> Result<()> {
    match args.command {
        None => list_ladder(ctx).await,
        Some(LadderCommand::Gaps) => list_gaps(ctx).await,
        Some(LadderCommand::Add { action, distress }) => {
            if distress.is_none() {
                prompt::require_flags(&["--distress"])?;
            }
            let distress = number_or_prompt(distress, "How distressing does it feel?")?;
            let scope = ctx.scope();
            let rung = experiments::add_rung(&scope, &action, distress).await?;
            if ctx.json {
                crate::output::json(&rung)?;
            } else {
                say!(
                    "Added rung {} at {}: {}",
                    handle(&rung.id),
                    rung.distress,
                    rung.action
                );
                for g in experiments::ladder(&scope).await?.gaps {
                    say!("  {}", g.hint());
                }
            }
            ctx.safety_check([rung.action.as_str()])?;
            Ok(())
        }
        Some(LadderCommand::Done { id, date }) => {
            let rung = find_rung(ctx, &id).await?;
            let on = super::parse_date_arg(date.as_deref())?;
            let rung = experiments::rung_done(&ctx.scope(), &rung.id, on).await?;
            if ctx.json {
                crate::output::json(&rung)?;
            } else if let Some(done) = rung.done_on {
                say!(
                    "Climbed: {} (done {done}). Each rung is practice, whatever happened on it.",
                    rung.action,
                );
            }
            Ok(())
        }
        Some(LadderCommand::Remove { id }) => {
            let rung = find_rung(ctx, &id).await?;
            let rung = experiments::remove_rung(&ctx.scope(), &rung.id).await?;
            if ctx.json {
                crate::output::json(&rung)?;
            } else {
                say!("Removed rung {}: {}", handle(&rung.id), rung.action);
            }
            Ok(())
        }
    }
}

async fn list_ladder(ctx: &Context) -> Result<()> {
    let Ladder { rungs, gaps } = experiments::ladder(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&rungs);
    }
    if rungs.is_empty() {
        say!(
            "Your ladder is empty. Add a first, small step: `goodenough ladder add \"ACTION\" --distress 20`."
        );
        return Ok(());
    }
    say!("Exposure ladder, least to most distressing:");
    let handles = crate::ids::handles(rungs.iter().map(|r| r.id.as_str()));
    for (i, r) in rungs.iter().enumerate() {
        let mark = if r.done_on.is_some() { "[x]" } else { "[ ]" };
        say!("  {mark} {:>3}  {}  {}", r.distress, handles[i], r.action);
        if let Some(g) = gaps.iter().find(|g| g.from == r.id && i + 1 < rungs.len()) {
            say!("            ↕ {}", g.hint());
        }
    }
    let done = rungs.iter().filter(|r| r.done_on.is_some()).count();
    say!("\n{done} of {} rungs climbed.", rungs.len());
    Ok(())
}

/// `ladder gaps`: the large steps, in ladder order.
async fn list_gaps(ctx: &Context) -> Result<()> {
    let Ladder { gaps, .. } = experiments::ladder(&ctx.scope()).await?;
    if ctx.json {
        return crate::output::json(&gaps);
    }
    if gaps.is_empty() {
        say!("No jumps of more than 20 points between neighbouring rungs: the climb is even.");
    }
    for g in &gaps {
        say!("{} → {}  {}", handle(&g.from), handle(&g.to), g.hint());
    }
    Ok(())
}

/// The rung a person means by its handle or id.
async fn find_rung(ctx: &Context, typed: &str) -> Result<Rung> {
    let rungs = experiments::ladder(&ctx.scope()).await?.rungs;
    let ids: Vec<&str> = rungs.iter().map(|r| r.id.as_str()).collect();
    let id = crate::ids::pick(&crate::ids::RUNG, typed, &ids)?.to_string();
    rungs
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| anyhow::anyhow!("That rung was not found."))
}

/// The experiment a person means by its handle or id.
async fn find_experiment(ctx: &Context, typed: &str) -> Result<Experiment> {
    let all = experiments::list(&ctx.scope(), None).await?;
    let ids: Vec<&str> = all.iter().map(|e| e.id.as_str()).collect();
    let id = crate::ids::pick(&crate::ids::EXPERIMENT, typed, &ids)?.to_string();
    all.into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| anyhow::anyhow!("That experiment was not found."))
}

/// Runs `experiment plan|record`.
pub async fn experiment(ctx: &Context, command: ExperimentCommand) -> Result<()> {
    match command {
        ExperimentCommand::Plan(a) => plan(ctx, a).await,
        ExperimentCommand::Record(a) => record(ctx, a).await,
    }
}

async fn plan(ctx: &Context, a: PlanArgs) -> Result<()> {
    let mut missing = Vec::new();
    if a.belief.is_none() {
        missing.push("--belief");
    }
    if a.prediction.is_none() {
        missing.push("--prediction");
    }
    if a.likelihood.is_none() {
        missing.push("--likelihood");
    }
    if a.anxiety.is_none() {
        missing.push("--anxiety");
    }
    prompt::require_flags(&missing)?;
    let due = super::parse_date_arg(a.due.as_deref())?;
    let rung_id = match &a.rung {
        Some(r) => Some(find_rung(ctx, r).await?.id),
        None => None,
    };
    let belief = text_or_prompt(a.belief, "Which belief are you testing?")?;
    let prediction = text_or_prompt(a.prediction, "What do you fear will happen?")?;
    let likelihood = number_or_prompt(a.likelihood, "How likely does that feel")?;
    let anxiety = number_or_prompt(a.anxiety, "How anxious are you now")?;
    let new = experiments::NewExperiment {
        date: None,
        belief,
        prediction,
        likelihood,
        anxiety,
        rung_id,
        due,
    };
    let e = experiments::plan(&ctx.scope(), new).await?;
    if ctx.json {
        crate::output::json(&e)?;
    } else {
        say!(
            "Planned experiment {}. Afterwards, note what actually happened:\n  goodenough experiment record {} --happened yes|partly|no --actual \"…\" --anxiety-after N --learned \"…\"",
            handle(&e.id),
            handle(&e.id)
        );
    }
    ctx.safety_check(e.texts())?;
    Ok(())
}

async fn record(ctx: &Context, a: RecordArgs) -> Result<()> {
    let e = find_experiment(ctx, &a.id).await?;
    if let Some(r) = &e.result {
        bail!(
            "experiment {} was already recorded on {}; a result is written once. To test the belief again, plan a new experiment.",
            handle(&e.id),
            r.date
        );
    }
    let mut missing = Vec::new();
    if a.happened.is_none() {
        missing.push("--happened");
    }
    if a.actual.is_none() {
        missing.push("--actual");
    }
    if a.anxiety_after.is_none() {
        missing.push("--anxiety-after");
    }
    if a.learned.is_none() {
        missing.push("--learned");
    }
    prompt::require_flags(&missing)?;
    let date = super::happened_on(ctx, a.date.as_deref(), "an experiment's outcome").await?;
    let happened = match a.happened {
        Some(h) => h,
        None => {
            let options = ["yes", "partly", "no"];
            options[prompt::select("Did the feared outcome happen?", &options)?].to_string()
        }
    };
    let actual = text_or_prompt(a.actual, "What actually happened?")?;
    let anxiety_after = number_or_prompt(a.anxiety_after, "How anxious are you now")?;
    let learned = text_or_prompt(a.learned, "What did it teach you?")?;
    let new = experiments::NewResult {
        date: Some(date),
        happened,
        actual,
        anxiety_after,
        learned,
        belief_after: a.belief_after,
    };
    let e = match experiments::record(&ctx.scope(), &e.id, new).await? {
        Recording::Saved(e) => e,
        Recording::AlreadyRecorded { on, .. } => bail!(
            "experiment {} was already recorded on {on}; a result is written once. To test the belief again, plan a new experiment.",
            handle(&e.id)
        ),
        Recording::RecordedMeanwhile(_) => bail!(
            "experiment {} was recorded a moment ago by something else; a result is written once, so nothing was changed.",
            handle(&e.id)
        ),
    };
    let Some(result) = &e.result else {
        bail!(
            "experiment {} has no result after recording it; please try again.",
            handle(&e.id)
        );
    };
    if ctx.json {
        crate::output::json(&e)?;
    } else {
        say!(
            "Recorded. You gave the feared outcome {}%; it {}. Whatever happened, it is information.",
            e.likelihood,
            match result.happened {
                goodenough_core::experiment::Happened::Yes => "happened",
                goodenough_core::experiment::Happened::Partly => "partly happened",
                goodenough_core::experiment::Happened::No => "did not happen",
            }
        );
    }
    ctx.safety_check(e.texts())?;
    Ok(())
}

/// Runs `experiments`: every experiment, oldest first.
pub async fn list(ctx: &Context, args: ListArgs) -> Result<()> {
    let since = super::parse_date_arg(args.since.as_deref())?;
    let list = experiments::list(&ctx.scope(), since).await?;
    if ctx.json {
        return crate::output::json(&list);
    }
    if list.is_empty() {
        say!("No experiments yet. Plan one: `goodenough experiment plan --belief \"…\" --prediction \"…\" --likelihood 80 --anxiety 60`.");
        return Ok(());
    }
    let handles = crate::ids::handles(list.iter().map(|e| e.id.as_str()));
    for (e, h) in list.iter().zip(&handles) {
        say!(
            "{}  {}  feared {:>3}%  {:<22}  {}",
            e.date,
            h,
            e.likelihood,
            status(e),
            e.prediction
        );
    }
    Ok(())
}

/// Where an experiment stands, as the lists show it: what happened and
/// when, or planned (with its due date).
pub(crate) fn status(e: &Experiment) -> String {
    match &e.result {
        Some(r) => format!("{} on {}", r.happened, r.date),
        None => match e.due {
            Some(d) => format!("planned, due {d}"),
            None => "planned".to_string(),
        },
    }
}

/// Runs `calibration`: reads only the recorded experiments in the window.
pub async fn calibration(ctx: &Context, args: CalibrationArgs) -> Result<()> {
    let since = super::parse_date_arg(args.since.as_deref())?;
    let report = experiments::calibration(&ctx.scope(), since).await?;
    if ctx.json {
        return crate::output::json(&report);
    }
    print_report(&report);
    Ok(())
}

fn print_report(r: &CalibrationReport) {
    let Some(o) = &r.overall else {
        say!("{}", r.sentence);
        return;
    };
    match r.since {
        Some(d) => say!(
            "Fear calibration since {d}: {} recorded experiments",
            r.experiments
        ),
        None => say!("Fear calibration: {} recorded experiments", r.experiments),
    }
    say!("  mean predicted likelihood  {:>5.1}%", o.mean_predicted);
    say!(
        "  observed rate              {:>5.1}%  (partly counts half)",
        o.observed_rate
    );
    say!(
        "  Brier score                {:>6.3}  (0 is perfect; 0.25 is a coin toss)",
        o.brier
    );
    say!("");
    say!("  month     experiments  predicted  observed   Brier");
    for m in &r.months {
        say!(
            "  {}  {:>11}  {:>8.1}%  {:>7.1}%  {:>6.3}",
            m.month,
            m.figures.experiments,
            m.figures.mean_predicted,
            m.figures.observed_rate,
            m.figures.brier
        );
    }
    say!("");
    say!("{}", r.sentence);
}
