//! The demo practice `serve --demo` adds to a new demo store, so a newcomer
//! sees the coach's side too: sign-ins for the demo person (Alex) and for a
//! coach with a dozen clients, each client at a different week of the
//! programme and sharing something different (from nothing to nearly
//! everything). One password for all of them, made at random, printed once
//! and kept in `demo-sign-ins.txt` in the data directory (only the owner
//! may read it).
//!
//! For the practice benchmark (`benches/practice.sh`) two variables make it
//! larger: `GOODENOUGH_DEMO_CLIENTS` (how many clients, default 12; beyond
//! the twelve named ones they are `client013@demo.example`, …) and
//! `GOODENOUGH_DEMO_CLIENT_DAYS` (every client's journey in days, instead
//! of their week in the table).

use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::Duration;
use goodenough_app::{data, practice, Actor, Category};
use goodenough_core::Settings;
use goodenough_store::Role;

use crate::context::{self, Context};

/// The demo coach's sign-in.
pub const COACH_EMAIL: &str = "coach@demo.example";
/// The demo person's sign-in.
pub const ALEX_EMAIL: &str = "alex@demo.example";

/// The clients: name, weeks into the programme, and the parts they share
/// (keys; a date is added for the last few: shared from two weeks ago).
const CLIENTS: [(&str, u32, &[&str]); 12] = [
    ("Priya", 2, &[]),
    ("Jonas", 3, &["checkins"]),
    ("Mei", 4, &["checkins", "wins"]),
    ("Tomás", 6, &["checkins", "thoughts", "wins"]),
    ("Ayla", 8, &[]),
    ("Kofi", 10, &["checkins", "boundaries"]),
    ("Elin", 12, &["checkins", "thoughts", "assessments"]),
    ("Rafael", 14, &["wins", "progress"]),
    ("Hana", 17, &["checkins", "thoughts", "wins", "progress"]),
    ("Luca", 20, &["checkins", "joy", "experiments"]),
    ("Noor", 24, &["checkins", "wins", "programme"]),
    (
        "Iris",
        30,
        &["checkins", "thoughts", "wins", "evidence", "progress"],
    ),
];

/// What was made: the sign-ins and their one password.
pub struct SignIns {
    pub password: String,
    pub clients: usize,
}

/// Adds the demo practice when the store has no account yet (otherwise
/// nothing). Alex's account takes over the store's own person (the demo
/// journey already there).
pub async fn seed(ctx: &Context, data_dir: &Path) -> Result<Option<SignIns>> {
    let accounts = ctx.app.accounts();
    if accounts.account_count().await? > 0 {
        return Ok(None);
    }
    let password: String = goodenough_web::auth::random_token()
        .chars()
        .take(16)
        .collect();
    let hash = goodenough_web::auth::hash_password(password.clone()).await?;
    let mut alex_settings = ctx.settings().await?;
    alex_settings.display_name = super::demo::DEMO_NAME.to_string();
    let alex = accounts
        .create_account(ALEX_EMAIL, &hash, Role::Client, &alex_settings)
        .await?;
    let zone = alex_settings.time_zone.clone();
    let coach_settings = Settings {
        display_name: "Sam (demo coach)".to_string(),
        ..Settings::defaults(&zone)
    };
    let coach = accounts
        .create_account(COACH_EMAIL, &hash, Role::Coach, &coach_settings)
        .await?;
    let now = context::now();
    let app = &ctx.app;
    let today = ctx.today().await?;
    let own = |person: &str| app.scope(Actor::person(person), person, now);

    // Alex is a client of Sam's too, sharing check-ins and wins.
    link(ctx, &coach, &alex, &["checkins", "wins"], None).await?;
    // Two next steps from Sam, so Today shows what a coach's step looks like.
    give(
        ctx,
        &coach,
        &alex,
        "free",
        Some("Leave work by six on one evening"),
        4,
        "Notice what you tell yourself as you go.",
    )
    .await?;
    give(
        ctx,
        &coach,
        &alex,
        "thought_record",
        None,
        6,
        "The next time a small mistake feels big.",
    )
    .await?;
    // One of Sam's own programmes, offered to Alex: it waits on her Today
    // and Your coach page for an answer.
    let sam = app
        .scope(Actor::person(&coach), &coach, now)
        .for_target("demo");
    goodenough_app::content::upload(
        &sam,
        goodenough_app::content::Upload {
            kind: "programme".to_string(),
            text: DEMO_PROGRAMME.to_string(),
            replace: false,
        },
    )
    .await?;
    goodenough_app::offers::offer(
        &sam,
        &alex,
        "steady-evenings",
        "A lighter month, if the full programme feels like a lot right now.",
    )
    .await?;
    let count = env_number("GOODENOUGH_DEMO_CLIENTS").unwrap_or(CLIENTS.len());
    let days = env_number("GOODENOUGH_DEMO_CLIENT_DAYS");
    for n in 0..count {
        let (name, weeks, shares) = CLIENTS[n % CLIENTS.len()];
        let (name, email) = if n < CLIENTS.len() {
            let email = format!("{}@demo.example", name.to_lowercase().replace('á', "a"));
            (name.to_string(), email)
        } else {
            (
                format!("{name} {}", n + 1),
                format!("client{:03}@demo.example", n + 1),
            )
        };
        let settings = Settings {
            display_name: format!("{name} (demo)"),
            ..Settings::defaults(&zone)
        };
        let person = accounts
            .create_account(&email, &hash, Role::Client, &settings)
            .await?;
        let journey_days = days.map_or(weeks * 7, |d| d as u32);
        let doc = super::demo::journey(settings, 100 + n as u64, today, journey_days)?;
        data::fill(&own(&person), &doc, false)
            .await
            .with_context(|| format!("could not fill the demo client {name}"))?;
        let from = (n % CLIENTS.len() >= 9).then(|| today - Duration::days(14));
        link(ctx, &coach, &person, shares, from).await?;
        if n % 3 == 0 {
            give(ctx, &coach, &person, "evenings", Some("3"), 7, "").await?;
        }
    }

    let file = data_dir.join("demo-sign-ins.txt");
    let text = format!(
        "goodenough demo sign-ins (password for every one: {password})\n\
         {ALEX_EMAIL}  the demo person (Alex), eight months of records\n\
         {COACH_EMAIL}  Sam, a coach with {} clients\n\
         priya@demo.example … iris@demo.example  the clients\n",
        count + 1
    );
    write_private(&file, &text).with_context(|| format!("could not write {}", file.display()))?;
    Ok(Some(SignIns {
        password,
        clients: count + 1,
    }))
}

/// The demo coach's own programme (offered to Alex).
const DEMO_PROGRAMME: &str = r#"id = "steady-evenings"
title = "Steady evenings"
summary = "Four weeks of short evening check-ins and one protected evening a week, before anything harder."
weeks = 4

[[phases]]
name = "Noticing"
weeks = [1, 2]
goals = ["Check in most evenings, briefly."]

[[phases]]
name = "Protecting"
weeks = [3, 4]
goals = ["Keep one evening a week free of work."]
"#;

/// The coach invites, the client accepts and shares `shares` (from `from`).
async fn link(
    ctx: &Context,
    coach: &str,
    client: &str,
    shares: &[&str],
    from: Option<chrono::NaiveDate>,
) -> Result<()> {
    let now = context::now();
    let app = &ctx.app;
    let token = goodenough_web::auth::random_token();
    let hash = goodenough_web::auth::hash_token(&token);
    practice::invite(&app.scope(Actor::person(coach), coach, now), &hash, None).await?;
    let mine = app.scope(Actor::person(client), client, now);
    let linked = practice::accept(&mine, &hash).await?;
    let mut shared = goodenough_store::practice::Shared::new();
    for key in shares {
        if let Some(c) = Category::shareable(key) {
            shared.insert(c.key().to_string(), from);
        }
    }
    if !shared.is_empty() {
        practice::set_consent(&mine, &linked.link.id, shared).await?;
    }
    Ok(())
}

/// The coach gives the client a step due in `days` days.
async fn give(
    ctx: &Context,
    coach: &str,
    client: &str,
    kind: &str,
    detail: Option<&str>,
    days: i64,
    note: &str,
) -> Result<()> {
    let now = context::now();
    let scope = ctx
        .app
        .scope(Actor::person(coach), coach, now)
        .for_target("demo");
    let new = goodenough_app::assignments::NewAssignment {
        kind: kind.to_string(),
        detail: detail.map(str::to_string),
        due: ctx.today().await? + Duration::days(days),
        note: note.to_string(),
    };
    goodenough_app::assignments::assign(&scope, client, new).await?;
    Ok(())
}

/// A whole number from the environment (unset or unreadable: `None`).
fn env_number(name: &str) -> Option<usize> {
    std::env::var(name)
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|n| *n <= 10_000)
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    f.write_all(text.as_bytes())
}
