//! `goodenough user add`: create a web account from the terminal. The first
//! account becomes the CLI's person when that person has no login yet.

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
    let store = goodenough_store::open(&config.database_url)
        .await
        .context("cannot open the goodenough store")?;
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
    }
}
