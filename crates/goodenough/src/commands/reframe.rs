//! `goodenough reframe` and `goodenough thoughts`: the thought reframing
//! journal. A thought record holds the situation, the self-critical thought,
//! how strongly it is believed, emotions, thinking traps, a compassionate
//! reframe and the belief afterwards.
//!
//! Interactive when stdin is a terminal and a required flag is missing;
//! otherwise everything comes from flags. Suggested thinking traps always
//! show the words that triggered them, and while the reframe is written the
//! original thought is printed again right above the question.

use anyhow::Result;
use clap::Args;
use goodenough_app::{thoughts, AppError};
use goodenough_core::error::check_range;
use goodenough_core::thought::{Emotion, ThoughtRecord};
use goodenough_core::traps::{TrapCatalog, TrapSuggestion};
use goodenough_core::ValidationError;

use crate::context::Context;
use crate::prompt;

/// Flags of `goodenough reframe`.
#[derive(Debug, Args)]
pub struct ReframeArgs {
    /// What happened: where you were, what was going on.
    #[arg(long)]
    situation: Option<String>,
    /// The self-critical thought, in your own words.
    #[arg(long)]
    thought: Option<String>,
    /// How strongly you believe the thought, 0 (not at all) to 100 (completely).
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 100))]
    belief: Option<i64>,
    /// An emotion and its intensity 0-100, as NAME:N (for example anxious:70).
    /// Repeat for several.
    #[arg(long = "emotion", value_name = "NAME:N", allow_negative_numbers = true)]
    emotions: Vec<String>,
    /// A thinking trap you recognise, by slug (see `goodenough traps`).
    /// Repeat for several.
    #[arg(long = "trap", value_name = "SLUG")]
    traps: Vec<String>,
    /// A kinder, still honest way to see it.
    #[arg(long)]
    reframe: Option<String>,
    /// How strongly you believe the original thought after the reframe, 0-100.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::args::whole(0i64, 100))]
    belief_after: Option<i64>,
    /// The date it belongs to, YYYY-MM-DD (default: today, in your time zone).
    #[arg(long)]
    date: Option<String>,
}

/// Flags of `goodenough thoughts`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only thought records on or after this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
}

/// Writes a thought record (asking for what is missing when interactive).
pub async fn run(ctx: &Context, args: ReframeArgs) -> Result<()> {
    let date = super::happened_on(ctx, args.date.as_deref(), "a thought record").await?;
    let catalog = ctx.traps();

    // Check everything that was given before asking anything, so a typo
    // fails fast instead of after the person has written it all out.
    let mut emotions = args
        .emotions
        .iter()
        .map(|e| Emotion::parse(e))
        .collect::<Result<Vec<_>, _>>()?;
    for t in &args.traps {
        if !catalog.contains(&t.trim().to_lowercase()) {
            return Err(ValidationError::UnknownTrap(t.clone()).into());
        }
    }
    if let Some(s) = &args.situation {
        goodenough_core::text::required("situation", s)?;
    }
    if let Some(t) = &args.thought {
        goodenough_core::text::required("thought", t)?;
    }
    if let Some(b) = args.belief {
        check_range("belief", b, 0, 100)?;
    }
    if let Some(b) = args.belief_after {
        check_range("belief after", b, 0, 100)?;
    }

    let mut missing = Vec::new();
    if args.situation.is_none() {
        missing.push("--situation");
    }
    if args.thought.is_none() {
        missing.push("--thought");
    }
    if args.belief.is_none() {
        missing.push("--belief");
    }
    prompt::require_flags(&missing)?;
    let interactive = !missing.is_empty();
    if interactive {
        eprintln!(
            "A thought record: write down what happened and the thought that came with it.\n\
             There are no wrong answers, and you can stop at any time with Ctrl-C.\n"
        );
    }

    let situation = match args.situation {
        Some(s) => s,
        None => ask_required("What happened? (the situation)", "situation")?,
    };
    let thought = match args.thought {
        Some(t) => t,
        None => ask_required("What did you tell yourself? (the thought)", "thought")?,
    };
    let belief = match args.belief {
        Some(b) => b,
        None => prompt::number("How strongly do you believe it right now", 0, 100)?,
    };
    if interactive && emotions.is_empty() {
        emotions = ask_emotions()?;
    }

    let suggestions = catalog.suggest(&thought);
    let mut traps: Vec<String> = args.traps;
    if interactive && traps.is_empty() {
        traps = ask_traps(catalog, &suggestions)?;
    }

    let mut reframe = args.reframe;
    let mut belief_after = args.belief_after;
    if interactive && reframe.is_none() {
        let slugs: Vec<String> = traps.iter().map(|t| t.trim().to_lowercase()).collect();
        let prompts = catalog.prompts_for(&slugs);
        if !prompts.is_empty() {
            eprintln!("\nSome questions that may help:");
            for p in prompts.iter().take(4) {
                eprintln!("  - {}", p.text);
            }
        }
        eprintln!("\nYour thought was:\n  \"{}\"\n", thought.trim());
        let answer = prompt::text("A kinder, still honest way to see it (Enter to skip)", true)?;
        if !answer.trim().is_empty() {
            reframe = Some(answer);
        }
    }
    let has_reframe = reframe.as_deref().is_some_and(|r| !r.trim().is_empty());
    if interactive && has_reframe && belief_after.is_none() {
        eprintln!("\nYour original thought:\n  \"{}\"", thought.trim());
        belief_after = Some(prompt::number(
            "How strongly do you believe it now",
            0,
            100,
        )?);
    }

    let new = thoughts::NewThought {
        date: Some(date),
        situation,
        thought,
        belief,
        emotions,
        traps,
        reframe,
        belief_after,
    };
    let record = match thoughts::add(&ctx.scope(), catalog, new).await {
        Ok(r) => r,
        Err(AppError::Invalid(e)) => {
            return Err(super::flag_hint(
                e,
                |e| matches!(e, ValidationError::BeliefAfterWithoutReframe),
                "Add --reframe \"…\" or leave --belief-after out.",
            ))
        }
        Err(e) => return Err(e.into()),
    };

    if ctx.json {
        crate::output::json(&record)?;
    } else {
        print_saved(&record, catalog, &suggestions);
        super::awareness::print_critic_hint(ctx, &record.thought).await?;
    }

    let mut texts: Vec<&str> = vec![record.situation.as_str(), record.thought.as_str()];
    if let Some(r) = &record.reframe {
        texts.push(r);
    }
    texts.extend(record.emotions.iter().map(|e| e.name.as_str()));
    ctx.safety_check(texts)?;
    Ok(())
}

/// The confirmation after saving, in text mode.
fn print_saved(record: &ThoughtRecord, catalog: &TrapCatalog, suggestions: &[TrapSuggestion]) {
    println!(
        "Saved your thought record for {} ({}). Writing it down is already a step.",
        record.date,
        goodenough_core::id::handle(&record.id)
    );
    if let Some(after) = record.belief_after {
        let shift = record.belief_shift().unwrap_or(0);
        let note = if shift > 0 {
            "the thought has loosened its grip a little"
        } else {
            "some thoughts take more than one look, and that is fine"
        };
        println!("belief {} → {after} ({note}).", record.belief);
    }
    if !record.traps.is_empty() {
        let names: Vec<String> = record
            .traps
            .iter()
            .map(|s| catalog.get(s).map_or(s.clone(), |t| t.name.clone()))
            .collect();
        println!("Thinking traps you noticed: {}.", names.join(", "));
    } else if !suggestions.is_empty() {
        println!("\nThinking traps the words might point to (only a hint; you know best):");
        for s in suggestions {
            println!("  {} [{}]: {}", s.name, s.slug, quoted(&s.matched));
        }
        println!("Add one next time with --trap SLUG, or ignore it if it does not fit.");
    }
}

/// Matched words as `"a", "b"`.
pub(crate) fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn ask_required(question: &str, field: &'static str) -> Result<String> {
    loop {
        let answer = prompt::text(question, false)?;
        match goodenough_core::text::required(field, &answer) {
            Ok(text) => return Ok(text),
            Err(e) => eprintln!("{e}"),
        }
    }
}

fn ask_emotions() -> Result<Vec<Emotion>> {
    eprintln!(
        "\nWhich emotions came with it? One at a time; press Enter on an empty line when done."
    );
    let mut emotions = Vec::new();
    loop {
        let name = prompt::text("Emotion (Enter when done)", true)?;
        if name.trim().is_empty() {
            return Ok(emotions);
        }
        let intensity = prompt::number(&format!("How strong is \"{}\"", name.trim()), 0, 100)?;
        match Emotion::new(&name, intensity) {
            Ok(e) => emotions.push(e),
            Err(e) => eprintln!("{e}"),
        }
    }
}

fn ask_traps(catalog: &TrapCatalog, suggestions: &[TrapSuggestion]) -> Result<Vec<String>> {
    if suggestions.is_empty() {
        eprintln!(
            "\nNo thinking traps stand out from the words alone; pick any that fit, or none."
        );
    } else {
        eprintln!("\nThe words you used might point to these thinking traps (only a hint):");
        for s in suggestions {
            eprintln!("  {} — because of {}", s.name, quoted(&s.matched));
            if let Some(t) = catalog.get(&s.slug) {
                eprintln!("      {}", t.definition);
            }
        }
    }
    eprintln!("(`goodenough traps` explains every trap.)");
    // Suggested traps first, then the rest; none is pre-selected.
    let mut slugs: Vec<String> = suggestions.iter().map(|s| s.slug.clone()).collect();
    for t in catalog.traps() {
        if !slugs.contains(&t.slug) {
            slugs.push(t.slug.clone());
        }
    }
    let labels: Vec<String> = slugs
        .iter()
        .map(|slug| {
            // Short labels: long ones wrap and confuse the redraw.
            let name = catalog.get(slug).map_or(slug.as_str(), |t| t.name.as_str());
            match suggestions.iter().find(|s| &s.slug == slug) {
                Some(s) => format!("{name} (suggested: {})", quoted(&s.matched)),
                None => name.to_string(),
            }
        })
        .collect();
    let defaults = vec![false; labels.len()];
    let picked = prompt::multi_select(
        "Which thinking traps do you recognise? (space to pick, Enter to go on)",
        &labels,
        &defaults,
    )?;
    Ok(picked
        .into_iter()
        .filter_map(|i| slugs.get(i).cloned())
        .collect())
}

/// Lists thought records, oldest first.
pub async fn list(ctx: &Context, args: ListArgs) -> Result<()> {
    let since = super::parse_date_arg(args.since.as_deref())?;
    let thoughts = thoughts::list(&ctx.scope(), since).await?;
    if ctx.json {
        return crate::output::json(&thoughts);
    }
    if thoughts.is_empty() {
        println!(
            "No thought records{} yet. When a harsh thought shows up, `goodenough reframe` helps you look at it.",
            if since.is_some() { " in that range" } else { "" }
        );
        return Ok(());
    }
    let handles = crate::ids::handles(thoughts.iter().map(|t| t.id.as_str()));
    for (i, (t, h)) in thoughts.iter().zip(&handles).enumerate() {
        if i > 0 {
            println!();
        }
        print(t, Some(h));
    }
    Ok(())
}

/// One thought record as the lists show it, after its handle when the
/// reader can act on it (yours; a coach's view of a client's has none).
pub(crate) fn print(t: &ThoughtRecord, handle: Option<&str>) {
    match handle {
        Some(h) => println!("{}  {h}  {}", t.date, t.situation),
        None => println!("{}  {}", t.date, t.situation),
    }
    println!("    thought: {} (belief {})", t.thought, t.belief);
    if !t.emotions.is_empty() {
        let emotions: Vec<String> = t
            .emotions
            .iter()
            .map(|e| format!("{} {}", e.name, e.intensity))
            .collect();
        println!("    emotions: {}", emotions.join(", "));
    }
    if !t.traps.is_empty() {
        println!("    traps: {}", t.traps.join(", "));
    }
    if let Some(r) = &t.reframe {
        println!("    reframe: {r}");
    }
    if let Some(after) = t.belief_after {
        println!("    belief {} → {after}", t.belief);
    }
}
