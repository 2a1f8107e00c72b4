//! A coach reading what a client shares, at the terminal:
//! `goodenough clients checkins|thoughts|wins|setbacks|evidence|experiments|
//! boundaries|assessments|joy CLIENT` and `clients report CLIENT --out FILE`.
//!
//! Each read goes through the same use case as the coach's page and the
//! API's `/api/v1/clients/{id}/…` route, with the client as the subject:
//! the one access check allows it (or refuses it, "not shared") and writes
//! the line in the client's access log, naming this command. `--json`
//! prints the same shape as that API route. Nothing here writes anything of
//! the client's.

use anyhow::Result;
use goodenough_app::practice::{self, Linked};
use goodenough_app::{Actor, AppError, Category, Scope};
use goodenough_core::duration::format_minutes;
use goodenough_web::api::practice::{ClientBoundaries, ClientJoy, SharedResult};

use crate::context::Context;

/// What a coach can read of a client at the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Checkins,
    Thoughts,
    Wins,
    Setbacks,
    Evidence,
    Experiments,
    Boundaries,
    Assessments,
    Joy,
}

impl Part {
    /// The subcommand's name, which is also the API route's last segment.
    fn command(self) -> &'static str {
        match self {
            Part::Checkins => "checkins",
            Part::Thoughts => "thoughts",
            Part::Wins => "wins",
            Part::Setbacks => "setbacks",
            Part::Evidence => "evidence",
            Part::Experiments => "experiments",
            Part::Boundaries => "boundaries",
            Part::Assessments => "assessments",
            Part::Joy => "joy",
        }
    }

    /// The consent category this part is read under.
    fn category(self) -> Category {
        match self {
            Part::Checkins => Category::CheckIns,
            Part::Thoughts => Category::Thoughts,
            Part::Wins | Part::Setbacks => Category::WinsAndSetbacks,
            Part::Evidence => Category::Evidence,
            Part::Experiments => Category::Experiments,
            Part::Boundaries => Category::Boundaries,
            Part::Assessments => Category::Assessments,
            Part::Joy => Category::Joy,
        }
    }

    /// Words for the records, e.g. "check-ins".
    fn records(self) -> &'static str {
        match self {
            Part::Checkins => "check-ins",
            Part::Thoughts => "thought records",
            Part::Wins => "wins",
            Part::Setbacks => "setbacks",
            Part::Evidence => "evidence entries",
            Part::Experiments => "experiments",
            Part::Boundaries => "noes, delegations or mistake reviews",
            Part::Assessments => "questionnaire results",
            Part::Joy => "hobbies, personal time, joy or rest",
        }
    }
}

/// One of the coach's clients (a live link) from its handle.
pub(crate) async fn pick(ctx: &Context, typed: &str) -> Result<Linked> {
    let clients = practice::clients(&ctx.scope()).await?;
    let ids: Vec<&str> = clients.iter().map(|c| c.link.client_id.as_str()).collect();
    let id = crate::ids::pick(&super::clients::CLIENT, typed, &ids)?.to_string();
    clients
        .into_iter()
        .find(|c| c.link.client_id == id)
        .ok_or_else(|| {
            anyhow::anyhow!("no client matches \"{typed}\"; `goodenough clients` lists them.")
        })
}

/// The coach's scope over `client`, named in the client's access log as
/// `target`.
fn scope_over(ctx: &Context, client: &str, target: &str) -> Scope {
    ctx.app
        .scope(Actor::person(&ctx.person), client, crate::context::now())
        .for_target(target)
}

/// A refusal of the access check, with where the attempt went.
fn refused(e: AppError) -> anyhow::Error {
    match e {
        AppError::Denied(d) => anyhow::anyhow!(
            "{d} Your attempt is in their access log; `goodenough clients` shows what each client shares."
        ),
        other => other.into(),
    }
}

/// Runs `clients PART CLIENT`.
pub async fn read(ctx: &Context, part: Part, typed: &str) -> Result<()> {
    let client = pick(ctx, typed).await?;
    let target = format!("goodenough clients {}", part.command());
    let scope = scope_over(ctx, &client.link.client_id, &target);
    let name = client.link.client_name.as_str();
    // The heading says from when the client shares; the records themselves
    // come from the access check, which applies the same date.
    let heading = match client.shares(part.category()) {
        Some(Some(from)) => format!("{name} shares their {} from {from} on.", part.category()),
        _ => format!("{name} shares their {} with you.", part.category()),
    };
    let none = format!("{name} has no {} to show you yet.", part.records());
    match part {
        Part::Checkins => show(
            ctx,
            goodenough_app::checkins::list(&scope, None).await,
            (&heading, &none),
            super::checkin::print,
        ),
        Part::Thoughts => show(
            ctx,
            goodenough_app::thoughts::list(&scope, None).await,
            (&heading, &none),
            |t| super::reframe::print(t, None),
        ),
        Part::Wins => show(
            ctx,
            goodenough_app::journal::wins(&scope, None).await,
            (&heading, &none),
            |w| println!("{}  {}", w.date, w.text),
        ),
        Part::Setbacks => show(
            ctx,
            goodenough_app::journal::setbacks(&scope, None).await,
            (&heading, &none),
            |s| {
                println!("{}  {}", s.date, s.text);
                if let Some(l) = &s.lesson {
                    println!("    lesson: {l}");
                }
            },
        ),
        Part::Evidence => show(
            ctx,
            goodenough_app::evidence::list(&scope).await,
            (&heading, &none),
            super::evidence::print,
        ),
        Part::Experiments => show(
            ctx,
            goodenough_app::experiments::list(&scope, None).await,
            (&heading, &none),
            |e| {
                println!(
                    "{}  feared {:>3}%  {:<22}  {}",
                    e.date,
                    e.likelihood,
                    super::experiments::status(e),
                    e.prediction
                );
            },
        ),
        Part::Assessments => {
            let instruments = ctx.catalogues().instruments();
            let list = goodenough_app::assessments::list(&scope, None)
                .await
                .map(|list| {
                    list.into_iter()
                        .map(|r| SharedResult::new(r, instruments))
                        .collect::<Vec<_>>()
                });
            show(ctx, list, (&heading, &none), |r| {
                println!(
                    "{}  {}  total {}",
                    r.date,
                    r.title,
                    super::assess::fmt_score(r.total)
                );
                for (name, value) in &r.subscales {
                    println!("    {name}: {}", super::assess::fmt_score(*value));
                }
            })
        }
        Part::Boundaries => {
            let all: ClientBoundaries = goodenough_app::boundaries::all(&scope)
                .await
                .map_err(refused)?
                .into();
            if ctx.json {
                return crate::output::json(&all);
            }
            let empty =
                all.noes.is_empty() && all.delegations.is_empty() && all.mistakes.is_empty();
            say(&heading, &none, empty);
            section("Noes", all.noes.is_empty());
            for n in &all.noes {
                let after = n
                    .guilt_after
                    .map_or_else(|| "→ ?".to_string(), |a| format!("→ {a}"));
                println!(
                    "  {}  guilt {} {after}  {}",
                    n.date, n.guilt_before, n.request
                );
            }
            section("Delegations", all.delegations.is_empty());
            for d in &all.delegations {
                let fine = match d.fine {
                    Some(true) => "  turned out fine",
                    Some(false) => "  needed follow-up",
                    None => "",
                };
                println!("  {}  {} → {}{fine}", d.date, d.task, d.to);
            }
            section("Mistake reviews", all.mistakes.is_empty());
            for m in &all.mistakes {
                println!("  {}  {}", m.date, m.what);
                println!("      taught: {}", m.taught);
            }
            Ok(())
        }
        Part::Joy => {
            let joy: ClientJoy = goodenough_app::joy::overview(&scope, 1)
                .await
                .map_err(refused)?
                .into();
            if ctx.json {
                return crate::output::json(&joy);
            }
            let empty = joy.hobbies.is_empty()
                && joy.blocks.is_empty()
                && joy.logs.is_empty()
                && joy.rests.is_empty();
            say(&heading, &none, empty);
            section("Hobbies", joy.hobbies.is_empty());
            for h in &joy.hobbies {
                println!("  {}", h.name);
            }
            section("Personal-time blocks", joy.blocks.is_empty());
            for b in &joy.blocks {
                let kept = joy
                    .occurrences
                    .iter()
                    .filter(|o| o.block_id == b.id && o.kept)
                    .count();
                let marked = joy
                    .occurrences
                    .iter()
                    .filter(|o| o.block_id == b.id)
                    .count();
                println!(
                    "  {}  {} {}-{}  kept {kept} of {marked} marked",
                    b.title,
                    b.weekday.as_str(),
                    b.start,
                    b.end
                );
            }
            section("Time for joy", joy.logs.is_empty());
            for l in &joy.logs {
                println!(
                    "  {}  {}  {}",
                    l.date,
                    l.hobby,
                    format_minutes(i64::from(l.minutes))
                );
            }
            section("Rest", joy.rests.is_empty());
            for r in &joy.rests {
                println!(
                    "  {} to {}  {}  {} day(s)",
                    r.from,
                    r.to,
                    r.kind.as_str(),
                    r.days()
                );
            }
            Ok(())
        }
    }
}

/// A list the access check allowed (or its refusal, with where the attempt
/// went): as JSON in the API's shape, or the heading, a line when there is
/// nothing yet, and each record.
fn show<T: serde::Serialize>(
    ctx: &Context,
    list: goodenough_app::Result<Vec<T>>,
    (heading, none): (&str, &str),
    each: impl Fn(&T),
) -> Result<()> {
    let list = list.map_err(refused)?;
    if ctx.json {
        return crate::output::json(&list);
    }
    say(heading, none, list.is_empty());
    list.iter().for_each(each);
    Ok(())
}

/// Runs `clients report CLIENT --out FILE`: the client's progress report,
/// when they share reviews and progress.
pub async fn report(ctx: &Context, typed: &str, args: super::report::ReportArgs) -> Result<()> {
    let client = pick(ctx, typed).await?;
    let scope = scope_over(ctx, &client.link.client_id, "goodenough clients report");
    super::report::write(ctx, &scope, args, Some(&client.link.client_name))
        .await
        .map_err(|e| match e.downcast::<AppError>() {
            Ok(app) => refused(app),
            Err(other) => other,
        })
}

fn say(heading: &str, none: &str, empty: bool) {
    println!("{heading}");
    if empty {
        println!("{none}");
    }
}

fn section(title: &str, empty: bool) {
    if !empty {
        println!("{title}:");
    }
}
