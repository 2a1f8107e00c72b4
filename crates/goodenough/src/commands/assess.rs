//! `goodenough assess list|show|take|history` and `goodenough intake`:
//! questionnaires as data (shipped, plus the person's own in
//! `<data-dir>/instruments/*.toml`), results over time and, where an
//! instrument gives norms, the Reliable Change Index against the first result.

use std::collections::BTreeMap;

use anyhow::{anyhow, bail, Result};
use clap::{Args, Subcommand};
use goodenough_app::assessments::{self, NewAssessment, Recorded};
use goodenough_core::assessment::{parse_answers, Instrument, PERFECTIONISM_SNAPSHOT};

use crate::context::Context;
use crate::prompt;

/// `goodenough assess …`.
#[derive(Debug, Subcommand)]
pub enum AssessCommand {
    /// List the questionnaires (shipped and your own).
    List,
    /// Show one questionnaire: instructions, items and the answer scale.
    Show {
        /// The questionnaire's id (see `assess list`).
        id: String,
    },
    /// Answer a questionnaire (interactive, or `--answers 3,2,4,…`).
    Take {
        /// The questionnaire's id.
        id: String,
        /// One answer per item, in order, comma-separated.
        #[arg(long)]
        answers: Option<String>,
        /// The day it is about (YYYY-MM-DD; default today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Scores over time; with norms, reliable change against the first result.
    History {
        /// The questionnaire's id.
        id: String,
    },
}

/// `goodenough intake`: the four problem areas, each 0-10 with an example.
#[derive(Debug, Args)]
pub struct IntakeArgs {
    /// Overwork, 0-10.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 10))]
    pub overwork: Option<i64>,
    /// An example of overwork, in your own words.
    #[arg(long)]
    pub overwork_example: Option<String>,
    /// Fear of failure, 0-10.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 10))]
    pub fear_of_failure: Option<i64>,
    #[arg(long)]
    pub fear_of_failure_example: Option<String>,
    /// Self-criticism, 0-10.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 10))]
    pub self_criticism: Option<i64>,
    #[arg(long)]
    pub self_criticism_example: Option<String>,
    /// Imbalance, 0-10.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 10))]
    pub imbalance: Option<i64>,
    #[arg(long)]
    pub imbalance_example: Option<String>,
    /// The day it is about (YYYY-MM-DD; default today).
    #[arg(long)]
    pub date: Option<String>,
}

fn find<'a>(all: &'a [Instrument], id: &str) -> Result<&'a Instrument> {
    all.iter().find(|i| i.id == id).ok_or_else(|| {
        anyhow!(
            "there is no questionnaire \"{id}\"; `goodenough assess list` shows the ids ({})",
            all.iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

fn scale_line(i: &Instrument) -> String {
    i.scale
        .values
        .iter()
        .zip(&i.scale.labels)
        .map(|(v, l)| {
            if l.is_empty() {
                v.to_string()
            } else {
                format!("{v} = {l}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A score as the questionnaire output shows it (yours, or a client's to a coach).
pub(crate) fn fmt_score(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

/// Runs an assess subcommand.
pub async fn run(ctx: &Context, command: AssessCommand) -> Result<()> {
    // The server's questionnaires and those of the person's coaches.
    let all = &goodenough_app::assessments::available(&ctx.scope(), ctx.catalogues().instruments())
        .await?;
    match command {
        AssessCommand::List => {
            if ctx.json {
                return crate::output::json(&all);
            }
            for i in all {
                let norms = if i.norms.is_some() {
                    "norms"
                } else {
                    "no norms"
                };
                let from = if i.source.starts_with("from your coach") {
                    format!(", {}", i.source)
                } else {
                    String::new()
                };
                println!(
                    "{:<24} {} ({} items, {norms}{from})",
                    i.id,
                    i.title,
                    i.items.len()
                );
            }
            println!("\nAnswer one with `goodenough assess take ID`.");
        }
        AssessCommand::Show { id } => {
            let i = find(all, &id)?;
            if ctx.json {
                return crate::output::json(i);
            }
            println!("{} ({})\n{}\n", i.title, i.id, i.instructions);
            println!("Answers: {}\n", scale_line(i));
            for (n, item) in i.items.iter().enumerate() {
                let rev = if item.reverse {
                    " (reverse-scored)"
                } else {
                    ""
                };
                println!("{:>2}. [{}] {}{rev}", n + 1, item.id, item.text);
            }
            println!("\n{}", i.licence);
        }
        AssessCommand::Take { id, answers, date } => {
            let i = find(all, &id)?;
            let answers = match answers {
                Some(a) => parse_answers(&a).map_err(|e| anyhow!(e))?,
                None => {
                    prompt::require_flags(&["--answers 3,2,4,… (one per item)"])?;
                    ask(i)?
                }
            };
            let new = NewAssessment {
                answers,
                notes: BTreeMap::new(),
                date: super::parse_date_arg(date.as_deref())?,
            };
            save_and_report(ctx, i, new).await?;
        }
        AssessCommand::History { id } => {
            let i = find(all, &id)?;
            let entries = assessments::history_of(&ctx.scope(), i).await?;
            if ctx.json {
                return crate::output::json(&entries);
            }
            if entries.is_empty() {
                println!(
                    "No results for {} yet. `goodenough assess take {}` records the first one.",
                    i.title, i.id
                );
                return Ok(());
            }
            println!("{} — for your own reflection, not a diagnosis.", i.title);
            for e in &entries {
                let subs = e
                    .result
                    .subscales
                    .iter()
                    .map(|(k, v)| format!("{k} {}", fmt_score(*v)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let change = match &e.change {
                    Some(c) => format!(
                        "  RCI {:+.2}: {} — {}",
                        c.rci,
                        c.classification.word(),
                        c.classification.sentence()
                    ),
                    None if e.result.id == entries[0].result.id => "  (baseline)".into(),
                    None => String::new(),
                };
                let subs = if subs.is_empty() {
                    subs
                } else {
                    format!(" ({subs})")
                };
                let band = match &e.band {
                    Some(b) => format!("  [{}]", b.words(i.higher_is_better)),
                    None => String::new(),
                };
                println!(
                    "{}  {}{subs}{change}{band}",
                    e.result.date,
                    fmt_score(e.result.total)
                );
            }
            if let Some(note) = entries.last().and_then(|e| i.note_for(e.result.total)) {
                println!("\n{note}");
            }
            if i.norms.is_none() {
                println!("\nThis questionnaire has no norms, so there is no reliable-change figure; the trend is yours to read.");
            }
        }
    }
    Ok(())
}

fn ask(i: &Instrument) -> Result<Vec<i64>> {
    eprintln!(
        "{}\n{}\nAnswers: {}\n",
        i.title,
        i.instructions,
        scale_line(i)
    );
    let (min, max) = (i.scale.min(), i.scale.max());
    let mut out = Vec::new();
    for (n, item) in i.items.iter().enumerate() {
        loop {
            let v = prompt::number(&format!("{}. {}", n + 1, item.text), min, max)?;
            if i.scale.values.contains(&v) {
                out.push(v);
                break;
            }
            eprintln!("{v} is not on this scale; pick one of: {}", scale_line(i));
        }
    }
    Ok(out)
}

/// Saves a completed questionnaire and reports it; whether it was the
/// first of its kind.
async fn save_and_report(ctx: &Context, i: &Instrument, new: NewAssessment) -> Result<bool> {
    let Recorded {
        result,
        scores,
        first,
    } = assessments::record(&ctx.scope(), i, new).await?;
    let notes: Vec<&str> = result.notes.values().map(String::as_str).collect();
    if !scores.help_now.is_empty() {
        crate::signpost::show_help();
    } else {
        ctx.safety_check(notes)?;
    }
    if ctx.json {
        crate::output::json(&result)?;
        return Ok(first);
    }
    println!(
        "Saved {} for {}: total {}.",
        i.title,
        result.date,
        fmt_score(result.total)
    );
    for (k, v) in &result.subscales {
        println!("  {k}: {}", fmt_score(*v));
    }
    if let Some(b) = i.band(result.total) {
        println!(
            "That is {} ({}).",
            b.words(i.higher_is_better),
            fmt_score(b.cutoff)
        );
    }
    if let Some(note) = i.note_for(result.total) {
        println!("{note}");
    }
    println!("`goodenough assess history {}` shows how it moves over time; scores are for reflection, not a verdict.", i.id);
    Ok(first)
}

/// Runs `goodenough intake`.
pub async fn intake(ctx: &Context, args: IntakeArgs) -> Result<()> {
    let all = ctx.catalogues().instruments();
    let i = find(all, PERFECTIONISM_SNAPSHOT)?;
    let given = [
        ("overwork", args.overwork, args.overwork_example),
        (
            "fear_of_failure",
            args.fear_of_failure,
            args.fear_of_failure_example,
        ),
        (
            "self_criticism",
            args.self_criticism,
            args.self_criticism_example,
        ),
        ("imbalance", args.imbalance, args.imbalance_example),
    ];
    let missing: Vec<String> = given
        .iter()
        .filter(|(_, v, _)| v.is_none())
        .map(|(k, _, _)| format!("--{}", k.replace('_', "-")))
        .collect();
    let missing_refs: Vec<&str> = missing.iter().map(String::as_str).collect();
    prompt::require_flags(&missing_refs)?;
    let interactive = !missing.is_empty();
    if interactive {
        eprintln!("{}\n", i.instructions);
    }
    let mut answers = Vec::new();
    let mut notes = BTreeMap::new();
    for (key, value, example) in given {
        let item = i
            .items
            .iter()
            .find(|it| it.id == key)
            .ok_or_else(|| anyhow!("the perfectionism snapshot has no item \"{key}\""))?;
        let v = match value {
            Some(v) => v,
            None => prompt::number(&item.text, i.scale.min(), i.scale.max())?,
        };
        if !(0..=10).contains(&v) {
            bail!(
                "--{} must be between 0 and 10 (you gave {v}).",
                key.replace('_', "-")
            );
        }
        let example = match (example, interactive) {
            (Some(e), _) => e,
            (None, true) => prompt::text("An example, in your own words (Enter to skip)", true)?,
            (None, false) => String::new(),
        };
        answers.push(v);
        notes.insert(key.to_string(), example);
    }
    let new = NewAssessment {
        answers,
        notes,
        date: super::parse_date_arg(args.date.as_deref())?,
    };
    let first = save_and_report(ctx, i, new).await?;
    if !ctx.json {
        if first {
            println!("This is your baseline. Repeating the intake about once a month shows how things move.");
        } else {
            println!("Compared with your baseline in `goodenough assess history {PERFECTIONISM_SNAPSHOT}`.");
        }
    }
    Ok(())
}
