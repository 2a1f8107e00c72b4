//! `goodenough migrate --to URL`: copies this store's person (their account
//! and every record) into another store, typically a practice's
//! PostgreSQL. The person is found there by their account's email, or
//! created with the same email, password and settings; the records go in
//! through the import path, in one transaction, so a record already there
//! is left as it is and running it twice adds nothing. When the import
//! fails after the account was created here, that account is removed
//! again: nothing is left half-copied. The source store is not changed.

use anyhow::{bail, Context as _, Result};
use clap::Args;
use goodenough_app::{data, Actor, App, Catalogues};
use serde::Serialize;

use crate::context::{self, Context};

/// Flags of `goodenough migrate`.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The store to copy into: postgres://USER@HOST/DB (or a SQLite path).
    #[arg(long, value_name = "URL")]
    to: String,
}

/// What `migrate --json` prints.
#[derive(Debug, Serialize)]
struct Migrated {
    email: String,
    /// Whether the account was made in the target just now.
    account_created: bool,
    added: u64,
    skipped: u64,
}

/// Runs the command.
pub async fn run(ctx: &Context, args: MigrateArgs) -> Result<()> {
    let to = args.to.trim();
    if to.is_empty() {
        bail!("give the store to copy into with --to postgres://USER@HOST/DB.");
    }
    let Some(account) = ctx.app.accounts().account(&ctx.person).await? else {
        bail!(
            "this store's person has no account yet, so the practice could not tell who they are. \
             Add one first (`goodenough user add EMAIL --password-stdin`), then run migrate again; nothing was copied."
        );
    };
    let doc = data::export(&ctx.scope()).await?;
    let target = goodenough_store::open(to)
        .await
        .with_context(|| "cannot open the store named by --to; nothing was copied".to_string())?;
    let target: std::sync::Arc<dyn goodenough_store::Store> = std::sync::Arc::from(target);
    let app = App::new(target.clone(), std::sync::Arc::new(Catalogues::shipped()));
    let (person, created) = match app.accounts().account_by_email(&account.email).await? {
        Some(there) => (there.person_id, false),
        None => {
            let person = app
                .accounts()
                .create_account(
                    &account.email,
                    &account.password_hash,
                    account.role,
                    &doc.settings,
                )
                .await?;
            (person, true)
        }
    };
    let scope = app.scope(Actor::person(&person), &person, context::now());
    let report = match data::import(&scope, &doc).await {
        Ok(r) => r,
        Err(e) => {
            if created {
                // Take back the account made for this copy: all or nothing.
                let _ = target.erase_person(&person).await;
            }
            target.close().await;
            return Err(anyhow::Error::from(e).context("the copy failed; nothing was copied"));
        }
    };
    target.close().await;
    let out = Migrated {
        email: account.email.clone(),
        account_created: created,
        added: report.added(),
        skipped: report.skipped,
    };
    if ctx.json {
        return crate::output::json(&out);
    }
    println!(
        "Copied {} for {} ({} already there){}.",
        goodenough_core::text::count(out.added, "record", "records"),
        out.email,
        out.skipped,
        if created {
            "; the account was created there with the same password"
        } else {
            "; the account was already there"
        }
    );
    Ok(())
}
