//! `goodenough passkeys`: the passkeys of the CLI's person (the store's
//! first person, who is also the first web account). Listing and removing
//! work at the terminal; adding one needs the browser and the
//! authenticator, so the list says where to do that on the web.

use std::path::Path;

use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use clap::Subcommand;
use serde::Serialize;

/// Subcommands of `goodenough passkeys` (none: `list`).
#[derive(Debug, Subcommand)]
pub enum PasskeysCommand {
    /// List your passkeys (names and dates; never the credential).
    List,
    /// Remove one of your passkeys: it can no longer sign you in.
    Remove {
        /// The passkey's handle (from `goodenough passkeys`), or its id.
        id: String,
    },
}

/// One passkey as `passkeys --json` prints it.
#[derive(Debug, Serialize)]
struct PasskeyOut {
    id: String,
    name: String,
    created_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
}

/// Where a passkey is added, for the sentences.
pub const ADD_ON_THE_WEB: &str = "To add a passkey, sign in to the web app (`goodenough serve`) in \
    the browser you will use it with, open Settings, Security (/settings/security) and choose \
    \"Add a passkey\"; it needs that browser and your authenticator, so the terminal cannot add one.";

/// Runs `goodenough passkeys …`.
pub async fn run(
    data_dir: Option<&Path>,
    database: Option<&str>,
    json: bool,
    cmd: Option<PasskeysCommand>,
) -> Result<()> {
    let (_, store) = super::user::open_store(data_dir, database).await?;
    let result = run_on(store.as_ref(), json, cmd).await;
    store.close().await;
    result
}

async fn run_on(
    store: &dyn goodenough_store::Store,
    json: bool,
    cmd: Option<PasskeysCommand>,
) -> Result<()> {
    let person = store.first_person().await?;
    let keys = match &person {
        Some(p) => store.passkeys(p).await?,
        None => Vec::new(),
    };
    match cmd.unwrap_or(PasskeysCommand::List) {
        PasskeysCommand::List => {
            if json {
                let out: Vec<PasskeyOut> = keys
                    .into_iter()
                    .map(|k| PasskeyOut {
                        id: k.id,
                        name: k.name,
                        created_at: k.created_at,
                        last_used_at: k.last_used_at,
                    })
                    .collect();
                return crate::output::json(&out);
            }
            if keys.is_empty() {
                println!("You have no passkeys yet. {ADD_ON_THE_WEB}");
                return Ok(());
            }
            let handles = crate::ids::handles(keys.iter().map(|k| k.id.as_str()));
            for (k, h) in keys.iter().zip(&handles) {
                let used = k
                    .last_used_at
                    .map(|u| format!("last used {}", u.date_naive()))
                    .unwrap_or_else(|| "not used yet".into());
                println!(
                    "{h}  {}  added {}  {used}",
                    crate::args::echo(&k.name),
                    k.created_at.date_naive()
                );
            }
            println!("{ADD_ON_THE_WEB} `goodenough passkeys remove HANDLE` removes one.");
            Ok(())
        }
        PasskeysCommand::Remove { id } => {
            let Some(person) = person else {
                bail!("You have no passkeys, so there is none to remove. {ADD_ON_THE_WEB}");
            };
            if keys.is_empty() {
                bail!("You have no passkeys, so there is none to remove. {ADD_ON_THE_WEB}");
            }
            let ids: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
            let id = crate::ids::pick(&crate::ids::PASSKEY, &id, &ids)?;
            let name = keys
                .iter()
                .find(|k| k.id == id)
                .map(|k| k.name.clone())
                .unwrap_or_default();
            if !store.remove_passkey(&person, id).await? {
                bail!(
                    "That passkey was removed already; `goodenough passkeys` shows the ones left."
                );
            }
            if json {
                return crate::output::json(&serde_json::json!({ "removed": id, "name": name }));
            }
            println!(
                "Removed the passkey {} ({}). It can no longer sign you in.",
                crate::args::echo(&name),
                goodenough_core::id::handle(id)
            );
            Ok(())
        }
    }
}
