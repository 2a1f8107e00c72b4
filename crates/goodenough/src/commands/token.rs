//! `goodenough token`: personal access tokens for the JSON API
//! (`Authorization: Bearer TOKEN`). A token is printed once and stored
//! hashed.

use std::path::Path;

use anyhow::{bail, Result};
use clap::Subcommand;
use goodenough_store::ApiTokenRow;

/// Subcommands of `goodenough token`.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token for an account and print it once.
    Create {
        /// The account's email.
        email: String,
        /// A name to recognise it by (e.g. "laptop script").
        #[arg(long)]
        name: String,
    },
    /// List an account's tokens (names and dates, never the tokens).
    List {
        /// The account's email.
        email: String,
    },
    /// Revoke one of an account's tokens by id.
    Revoke {
        /// The account's email.
        email: String,
        /// The token's handle (from `goodenough token list`), or its id.
        id: String,
    },
}

/// Runs `goodenough token …`.
pub async fn run(
    data_dir: Option<&Path>,
    database: Option<&str>,
    json: bool,
    cmd: TokenCommand,
) -> Result<()> {
    let (_, store) = super::user::open_store(data_dir, database).await?;
    let email = match &cmd {
        TokenCommand::Create { email, .. }
        | TokenCommand::List { email }
        | TokenCommand::Revoke { email, .. } => email.clone(),
    };
    let Some(account) = store.account_by_email(&email).await? else {
        bail!("there is no account with the email {email}; create one with `goodenough user add {email} --password-stdin`.");
    };
    match cmd {
        TokenCommand::Create { name, .. } => {
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 100 {
                bail!("give the token a name of 1 to 100 characters with --name, such as \"laptop script\".");
            }
            let token = format!("ge_{}", goodenough_web::auth::random_token());
            let row = ApiTokenRow {
                id: goodenough_core::id::new_id(),
                person_id: account.person_id.clone(),
                name: name.to_string(),
                created_at: goodenough_core::clock::round(chrono::Utc::now()),
                last_used_at: None,
            };
            store
                .create_api_token(&row, &goodenough_web::auth::hash_token(&token))
                .await?;
            if json {
                crate::output::json(
                    &serde_json::json!({ "id": row.id, "name": row.name, "token": token }),
                )?;
            } else {
                println!("{token}");
                eprintln!("This token is shown only now; keep it like a password. Revoke it with `goodenough token revoke {email} {}`.", goodenough_core::id::handle(&row.id));
            }
        }
        TokenCommand::List { .. } => {
            let tokens = store.list_api_tokens(&account.person_id).await?;
            if json {
                crate::output::json(&tokens)?;
            } else if tokens.is_empty() {
                println!("No tokens for {email}.");
            } else {
                let handles = crate::ids::handles(tokens.iter().map(|t| t.id.as_str()));
                for (t, h) in tokens.iter().zip(&handles) {
                    let used = t
                        .last_used_at
                        .map(|u| u.to_rfc3339())
                        .unwrap_or_else(|| "never used".into());
                    println!(
                        "{h}  {}  created {}  {}",
                        t.name,
                        t.created_at.date_naive(),
                        used
                    );
                }
            }
        }
        TokenCommand::Revoke { id, .. } => {
            let tokens = store.list_api_tokens(&account.person_id).await?;
            let ids: Vec<&str> = tokens.iter().map(|t| t.id.as_str()).collect();
            let list = format!("token list {email}");
            let id = crate::ids::pick_listed_by(&crate::ids::TOKEN, &list, &id, &ids)?;
            if !store.revoke_api_token(&account.person_id, id).await? {
                bail!("that token was already revoked; `goodenough {list}` shows the ones left.");
            }
            println!("Revoked the token {}.", goodenough_core::id::handle(id));
        }
    }
    Ok(())
}
