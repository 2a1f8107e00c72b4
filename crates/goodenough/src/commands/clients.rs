//! `goodenough clients`: a coach's roster at the terminal, the same as the
//! web's Clients page and through the same use cases: each client with a
//! live link, their programme and week (only when they share their
//! programme: one access check for all of them, each attempt in that
//! client's access log), and per part what they share or "not shared".
//!
//! `clients offer|offers` are the programme offers (`offers.rs`);
//! `clients assign|steps` give a client a next step and list the ones given;
//! `clients note|notes` keep a session note and list the coach's notes;
//! `clients checkins|thoughts|…|joy CLIENT` and `clients report CLIENT`
//! read what a client shares (`clients_read.rs`);
//! `clients crisis-dates CLIENT` lists the dates on which the product
//! showed a client crisis help, only when they opted in to that for this
//! coach (the date only; a coach is not an emergency service).

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use goodenough_app::practice;
use goodenough_app::Category;
use serde::Serialize;

use super::clients_read::{read, Part};
use crate::context::Context;
use crate::ids::{self, Kind};

pub(crate) const CLIENT: Kind = Kind {
    one: "client",
    many: "clients",
    list: "clients",
};

/// Flags of `goodenough clients`.
#[derive(Debug, Args)]
pub struct ClientsArgs {
    #[command(subcommand)]
    command: Option<ClientsCommand>,
}

/// `goodenough clients …`.
#[derive(Debug, Subcommand)]
pub enum ClientsCommand {
    /// Your clients with their programme, week and what each shares (the default).
    List,
    /// Offer one of your own programmes to a client; they accept or decline it.
    Offer {
        /// The client's handle (from `goodenough clients`).
        client: String,
        /// The id inside one of your uploaded programme files (`goodenough content`).
        programme: String,
        /// A few words for your client (optional).
        #[arg(long, default_value = "")]
        note: String,
    },
    /// The programmes you offered a client, with their answers.
    Offers {
        /// The client's handle (from `goodenough clients`).
        client: String,
    },
    /// Give a client a next step with a due date; it shows on their Today.
    Assign {
        /// The client's handle (from `goodenough clients`).
        client: String,
        /// evenings, thought_record, experiment, ladder_rung, timebox, practice, personal_time, questionnaire, weekly_review, evidence, script or free.
        kind: String,
        /// For evenings: how many; for a script, practice or questionnaire: which; for free: the step in your words.
        #[arg(long)]
        detail: Option<String>,
        /// The due date (YYYY-MM-DD; today or later).
        #[arg(long, value_name = "DATE")]
        due: String,
        /// A few words for your client (optional).
        #[arg(long, default_value = "")]
        note: String,
    },
    /// The steps you gave a client and where each stands (whatever they share).
    Steps {
        /// The client's handle (from `goodenough clients`).
        client: String,
    },
    /// Keep a note of a session with a client; private to you unless `--shared`.
    Note {
        /// The client's handle (from `goodenough clients`).
        client: String,
        /// What you noted (required).
        #[arg(long)]
        notes: String,
        /// What the session was to be about (optional).
        #[arg(long, default_value = "")]
        agenda: String,
        /// The session's date (YYYY-MM-DD); today when left out.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Show the note to your client; otherwise only they learn that a private note exists.
        #[arg(long)]
        shared: bool,
    },
    /// Your session notes about a client (private and shared), oldest first.
    Notes {
        /// The client's handle (from `goodenough clients`).
        client: String,
    },
    /// A client's check-ins, oldest first (only if they share check-ins with you).
    Checkins {
        /// The client's handle (from `goodenough clients`).
        client: String,
    },
    /// A client's thought records, oldest first (only if they share thoughts with you).
    Thoughts {
        /// The client's handle (from `goodenough clients`).
        client: String,
    },
    /// A client's wins, oldest first (only if they share wins and setbacks with you).
    Wins {
        /// The client's handle (from `goodenough clients`).
        client: String,
    },
    /// A client's setbacks, oldest first (only if they share wins and setbacks with you).
    Setbacks {
        /// The client's handle (from `goodenough clients`).
        client: String,
    },
    /// A client's evidence log, oldest first (only if they share evidence with you).
    Evidence {
        /// The client's handle (from `goodenough clients`).
        client: String,
    },
    /// A client's experiments, oldest first (only if they share experiments with you).
    Experiments {
        /// The client's handle (from `goodenough clients`).
        client: String,
    },
    /// A client's noes, delegations and mistake reviews (only if they share boundaries with you).
    Boundaries {
        /// The client's handle (from `goodenough clients`).
        client: String,
    },
    /// A client's questionnaire scores, never their answers (only if they share assessments with you).
    Assessments {
        /// The client's handle (from `goodenough clients`).
        client: String,
    },
    /// A client's hobbies, personal time, joy and rest (only if they share joy with you).
    Joy {
        /// The client's handle (from `goodenough clients`).
        client: String,
    },
    /// Write a client's progress report to a file (only if they share reviews and progress with you).
    Report {
        /// The client's handle (from `goodenough clients`).
        client: String,
        #[command(flatten)]
        args: super::report::ReportArgs,
    },
    /// The dates on which goodenough showed a client crisis help (only if they opted in for you).
    CrisisDates {
        /// The client's handle (from `goodenough clients`).
        client: String,
    },
}

/// Runs `clients`.
pub async fn run(ctx: &Context, args: ClientsArgs) -> Result<()> {
    match args.command.unwrap_or(ClientsCommand::List) {
        ClientsCommand::List => roster(ctx).await,
        ClientsCommand::Offer {
            client,
            programme,
            note,
        } => {
            let client = pick(ctx, &client).await?;
            super::offers::offer(ctx, &client, &programme, &note).await
        }
        ClientsCommand::Offers { client } => {
            let client = pick(ctx, &client).await?;
            super::offers::given(ctx, &client).await
        }
        ClientsCommand::CrisisDates { client } => crisis_dates(ctx, &client).await,
        ClientsCommand::Checkins { client } => read(ctx, Part::Checkins, &client).await,
        ClientsCommand::Thoughts { client } => read(ctx, Part::Thoughts, &client).await,
        ClientsCommand::Wins { client } => read(ctx, Part::Wins, &client).await,
        ClientsCommand::Setbacks { client } => read(ctx, Part::Setbacks, &client).await,
        ClientsCommand::Evidence { client } => read(ctx, Part::Evidence, &client).await,
        ClientsCommand::Experiments { client } => read(ctx, Part::Experiments, &client).await,
        ClientsCommand::Boundaries { client } => read(ctx, Part::Boundaries, &client).await,
        ClientsCommand::Assessments { client } => read(ctx, Part::Assessments, &client).await,
        ClientsCommand::Joy { client } => read(ctx, Part::Joy, &client).await,
        ClientsCommand::Report { client, args } => {
            super::clients_read::report(ctx, &client, args).await
        }
        ClientsCommand::Note {
            client,
            notes,
            agenda,
            date,
            shared,
        } => {
            let client = pick(ctx, &client).await?;
            let date =
                match date.as_deref().map(str::trim) {
                    None | Some("") => None,
                    Some(raw) => Some(goodenough_core::text::parse_date(raw).map_err(|e| {
                        anyhow::anyhow!("{e} Give the session's date as YYYY-MM-DD.")
                    })?),
                };
            let note = practice::add_note(
                &ctx.scope(),
                &client,
                practice::NewNote {
                    date,
                    agenda,
                    notes,
                    shared,
                },
            )
            .await?;
            if ctx.json {
                return crate::output::json(&note);
            }
            if note.shared {
                println!(
                    "Kept your note of the session on {}; your client can read it.",
                    note.session_date
                );
            } else {
                println!(
                    "Kept your note of the session on {}, private to you (your client sees only that a private note exists and its date).",
                    note.session_date
                );
            }
            Ok(())
        }
        ClientsCommand::Notes { client } => {
            let client = pick(ctx, &client).await?;
            let notes = practice::notes_about(&ctx.scope(), &client).await?;
            if ctx.json {
                return crate::output::json(&notes);
            }
            if notes.is_empty() {
                println!("No session notes about this client yet. `goodenough clients note CLIENT --notes TEXT` keeps one.");
            }
            for (i, n) in notes.iter().enumerate() {
                if i > 0 {
                    println!();
                }
                let whose = if n.shared {
                    "shared with your client"
                } else {
                    "private"
                };
                println!("{}  ({whose})", n.session_date);
                if !n.agenda.is_empty() {
                    println!("  agenda: {}", n.agenda);
                }
                for line in n.notes.lines() {
                    println!("  {line}");
                }
            }
            Ok(())
        }
        ClientsCommand::Assign {
            client,
            kind,
            detail,
            due,
            note,
        } => {
            let client = pick(ctx, &client).await?;
            let due = goodenough_core::text::parse_date(due.trim())
                .map_err(|e| anyhow::anyhow!("{e} Give the due date as YYYY-MM-DD."))?;
            let scope = ctx.scope().for_target("goodenough clients assign");
            let given = goodenough_app::assignments::assign(
                &scope,
                &client,
                goodenough_app::assignments::NewAssignment {
                    kind,
                    detail,
                    due,
                    note,
                },
            )
            .await?;
            if ctx.json {
                return crate::output::json(&given);
            }
            println!(
                "Gave {} a step: {} (due {}). It shows on their Today.",
                given.assignment.client_name, given.title, given.assignment.due
            );
            Ok(())
        }
        ClientsCommand::Steps { client } => {
            let client = pick(ctx, &client).await?;
            let scope = ctx.scope().for_target("goodenough clients steps");
            let list = goodenough_app::assignments::given(&scope, &client).await?;
            if ctx.json {
                return crate::output::json(&list);
            }
            if list.is_empty() {
                println!("You have not given this client a step yet. `goodenough clients assign CLIENT KIND --due DATE` does.");
            }
            for a in &list {
                let state = match (a.assignment.status, a.progress) {
                    (goodenough_core::assignment::AssignmentStatus::Open, Some(p)) => {
                        format!("to do, {} of {} so far", p.done, p.needed)
                    }
                    (goodenough_core::assignment::AssignmentStatus::NotForMe, _) => {
                        match &a.assignment.reason {
                            Some(r) => format!("not for them: {r}"),
                            None => "not for them".to_string(),
                        }
                    }
                    (s, _) => s.label().to_string(),
                };
                println!("{}  (due {}; {state})", a.title, a.assignment.due);
            }
            Ok(())
        }
    }
}

/// The id of one of the coach's clients (live links) from its handle.
async fn pick(ctx: &Context, typed: &str) -> Result<String> {
    Ok(super::clients_read::pick(ctx, typed).await?.link.client_id)
}

async fn crisis_dates(ctx: &Context, typed: &str) -> Result<()> {
    let client = pick(ctx, typed).await?;
    let scope = ctx
        .app
        .scope(
            goodenough_app::Actor::person(&ctx.person),
            &client,
            crate::context::now(),
        )
        .for_target("goodenough clients crisis-dates");
    let dates = match goodenough_app::crisis::dates(&scope).await {
        Ok(d) => d,
        Err(goodenough_app::AppError::Denied(_)) => anyhow::bail!(
            "this client has not opted in to showing you the dates on which goodenough showed them crisis help; only they can turn it on (on their Your coach page). Your attempt is in their access log."
        ),
        Err(e) => return Err(e.into()),
    };
    if ctx.json {
        return crate::output::json(&dates);
    }
    if dates.is_empty() {
        println!(
            "goodenough has not shown this client crisis help on any day they share with you."
        );
    } else {
        println!("goodenough showed this client crisis help (Help now) on:");
        for d in &dates {
            println!("  {d}");
        }
    }
    println!(
        "These are dates for your next session, not an alarm: a coach is not an emergency service."
    );
    Ok(())
}

/// One client as the roster shows them.
#[derive(Debug, Serialize)]
struct RosterLine {
    client_id: String,
    name: String,
    linked_since: NaiveDate,
    /// "Title: week N of M", "no programme running", or "not shared".
    programme: String,
    /// Per part: "shared", "shared from DATE" or "not shared".
    shared: Vec<SharedPart>,
}

#[derive(Debug, Serialize)]
struct SharedPart {
    category: &'static str,
    /// The first date shared (`null`: every date); left out when not shared.
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<Option<NaiveDate>>,
    shared: bool,
}

async fn roster(ctx: &Context) -> Result<()> {
    let programmes = &ctx.catalogues().programmes().list;
    // The same use case as the web's Clients page: one read of the links
    // is the list and the access check (a line in the log of each client
    // asked about), then one read of the shared programmes.
    let roster = goodenough_app::programme::roster(
        &ctx.scope().for_target("goodenough clients"),
        programmes,
    )
    .await?;
    let standings: std::collections::HashMap<String, String> = roster
        .iter()
        .filter_map(|(c, status)| match status {
            Some(Ok(status)) => Some((c.link.client_id.clone(), status.one_line())),
            _ => None,
        })
        .collect();
    let clients: Vec<practice::Linked> = roster.into_iter().map(|(c, _)| c).collect();
    let lines: Vec<RosterLine> = clients
        .iter()
        .map(|c| RosterLine {
            client_id: c.link.client_id.clone(),
            name: c.link.client_name.clone(),
            linked_since: c.link.started_at.date_naive(),
            programme: standings
                .get(&c.link.client_id)
                .cloned()
                .unwrap_or_else(|| "not shared".to_string()),
            shared: Category::SHAREABLE
                .iter()
                .map(|k| SharedPart {
                    category: k.key(),
                    from: c.shares(*k),
                    shared: c.shares(*k).is_some(),
                })
                .collect(),
        })
        .collect();
    if ctx.json {
        return crate::output::json(&lines);
    }
    if lines.is_empty() {
        println!(
            "No clients linked yet. Invite someone on the Clients page of the web app; they choose what to share with you."
        );
        return Ok(());
    }
    let handles = ids::handles(lines.iter().map(|l| l.client_id.as_str()));
    for (i, (line, handle)) in lines.iter().zip(&handles).enumerate() {
        if i > 0 {
            println!();
        }
        println!(
            "{handle}  {} (linked since {})",
            line.name, line.linked_since
        );
        println!("  programme: {}", line.programme);
        for part in &line.shared {
            let words = match part.from {
                None => "not shared".to_string(),
                Some(None) => "shared".to_string(),
                Some(Some(d)) => format!("shared from {d}"),
            };
            let label = Category::shareable(part.category).map_or(part.category, |c| c.label());
            println!("  {label}: {words}");
        }
    }
    Ok(())
}
