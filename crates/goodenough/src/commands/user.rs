//! `goodenough user add|list|disable|enable|reset`: the operator's account
//! commands. The first account becomes the CLI's person when that person has
//! no login yet. Whoever can open the store is its operator; nothing here
//! reads anyone's records.

use std::io::BufRead;
use std::path::Path;

use anyhow::{bail, Context as _, Result};
use clap::Subcommand;
use goodenough_core::Settings;
use goodenough_store::{Role, StoreError};

use crate::config::Config;

/// Subcommands of `goodenough user`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account (the password is read from standard input).
    Add {
        /// The email to sign in with.
        email: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
        /// client, coach or admin.
        #[arg(long, default_value = "client")]
        role: String,
    },
    /// List the accounts, oldest first.
    List,
    /// Disable an account: it cannot sign in, and its sessions and access
    /// tokens end at once. Its records are kept.
    Disable {
        /// The account's email.
        email: String,
    },
    /// Let a disabled account sign in again.
    Enable {
        /// The account's email.
        email: String,
    },
    /// Make a one-time password-reset link (valid 24 hours).
    Reset {
        /// The account's email.
        email: String,
    },
}

/// The account with an email, or one sentence saying there is none.
async fn account_for(
    store: &dyn goodenough_store::Store,
    email: &str,
) -> Result<goodenough_store::Account> {
    match store.account_by_email(email).await? {
        Some(a) => Ok(a),
        None => bail!(
            "There is no account with the email {email}; `goodenough user list` shows them all."
        ),
    }
}

/// Opens the store for account commands (no person is created).
pub async fn open_store(
    data_dir: Option<&Path>,
    database: Option<&str>,
) -> Result<(Config, Box<dyn goodenough_store::Store>)> {
    let config = Config::load(data_dir, database)?;
    if config.is_sqlite() {
        std::fs::create_dir_all(&config.data_dir).with_context(|| {
            format!(
                "cannot create the data directory {}; choose another with --data-dir",
                config.data_dir.display()
            )
        })?;
    }
    let store = crate::keys::open_store(&config, None).await?;
    Ok((config, store))
}

/// Runs `goodenough user …`.
pub async fn run(
    data_dir: Option<&Path>,
    database: Option<&str>,
    json: bool,
    cmd: UserCommand,
) -> Result<()> {
    match cmd {
        UserCommand::Add {
            email,
            password_stdin,
            role,
        } => {
            let role: Role = role.parse().map_err(anyhow::Error::msg)?;
            if !email.contains('@') {
                bail!("\"{email}\" is not an email address; give one like alex@example.org.");
            }
            if !password_stdin {
                bail!("give the password on standard input with --password-stdin, for example: echo \"$PASSWORD\" | goodenough user add {email} --password-stdin");
            }
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .context("cannot read the password from standard input")?;
            let password = line.trim_end_matches(['\r', '\n']).to_string();
            goodenough_web::auth::check_new_password(&password).map_err(anyhow::Error::msg)?;
            let (_, store) = open_store(data_dir, database).await?;
            let hash = goodenough_web::auth::hash_password(password).await?;
            let settings = Settings::defaults(&crate::context::system_time_zone());
            let person = match store.create_account(&email, &hash, role, &settings).await {
                Ok(p) => p,
                Err(StoreError::Conflict(_)) => {
                    bail!("an account with the email {email} already exists; sign in with it, or choose another email.")
                }
                Err(e) => return Err(e.into()),
            };
            let first = store.first_person().await?.as_deref() == Some(person.as_str());
            if json {
                crate::output::json(&serde_json::json!({
                    "person": person, "email": goodenough_store::accounts::normalize_email(&email),
                    "role": role, "cli_person": first,
                }))?;
            } else {
                println!("Created the {role} account {email}.");
                if first {
                    println!("It is the same person the command line acts for: both see the same records.");
                }
            }
            Ok(())
        }
        UserCommand::List => {
            let (_, store) = open_store(data_dir, database).await?;
            let accounts = store.list_accounts().await?;
            if json {
                let rows: Vec<serde_json::Value> = accounts
                    .iter()
                    .map(|a| {
                        serde_json::json!({
                            "person": a.person_id, "email": a.email, "role": a.role,
                            "display_name": a.display_name, "created_at": a.created_at,
                            "disabled_at": a.disabled_at,
                        })
                    })
                    .collect();
                crate::output::json(&rows)?;
            } else if accounts.is_empty() {
                println!(
                    "No accounts yet. Add one with `goodenough user add EMAIL --password-stdin`."
                );
            } else {
                for a in &accounts {
                    let state = match a.disabled_at {
                        Some(d) => format!("disabled since {}", d.format("%Y-%m-%d")),
                        None => "active".to_string(),
                    };
                    println!(
                        "{}  {}  {}  since {}  {state}",
                        a.email,
                        a.role,
                        a.display_name,
                        a.created_at.format("%Y-%m-%d")
                    );
                }
            }
            Ok(())
        }
        UserCommand::Disable { email } => {
            let (_, store) = open_store(data_dir, database).await?;
            let account = account_for(store.as_ref(), &email).await?;
            store
                .disable_account(&account.person_id, crate::context::now())
                .await?;
            if json {
                crate::output::json(
                    &serde_json::json!({ "email": account.email, "disabled": true }),
                )?;
            } else {
                println!(
                    "Disabled {}: it cannot sign in, and its sessions and access tokens have ended. Its records are kept.",
                    account.email
                );
            }
            Ok(())
        }
        UserCommand::Enable { email } => {
            let (_, store) = open_store(data_dir, database).await?;
            let account = account_for(store.as_ref(), &email).await?;
            store.enable_account(&account.person_id).await?;
            if json {
                crate::output::json(
                    &serde_json::json!({ "email": account.email, "disabled": false }),
                )?;
            } else {
                println!("Enabled {}: it can sign in again.", account.email);
            }
            Ok(())
        }
        UserCommand::Reset { email } => {
            let (_, store) = open_store(data_dir, database).await?;
            let account = account_for(store.as_ref(), &email).await?;
            if account.disabled_at.is_some() {
                bail!(
                    "The account {} is disabled; enable it first with `goodenough user enable {}`.",
                    account.email,
                    account.email
                );
            }
            let path = goodenough_web::auth::make_reset_link(
                store.as_ref(),
                &account.person_id,
                crate::context::now(),
            )
            .await?;
            if json {
                crate::output::json(&serde_json::json!({
                    "email": account.email, "path": path,
                    "valid_hours": goodenough_web::auth::RESET_LINK_HOURS,
                }))?;
            } else {
                println!("{path}");
                println!(
                    "Give this link to {} (after your server's address). It works once, for 24 hours, and is not shown again.",
                    account.email
                );
            }
            Ok(())
        }
    }
}
