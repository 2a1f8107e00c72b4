//! `goodenough clients`: a coach's roster at the terminal, the same as the
//! web's Clients page and through the same use cases: each client with a
//! live link, their programme and week (only when they share their
//! programme: one access check for all of them, each attempt in that
//! client's access log), and per part what they share or "not shared".

use anyhow::Result;
use chrono::NaiveDate;
use goodenough_app::practice;
use goodenough_app::Category;
use serde::Serialize;

use crate::context::Context;

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

/// Runs `clients`.
pub async fn run(ctx: &Context) -> Result<()> {
    let scope = ctx.scope();
    let clients = practice::clients(&scope).await?;
    let sharing: Vec<String> = clients
        .iter()
        .filter(|c| c.shares(Category::Programme).is_some())
        .map(|c| c.link.client_id.clone())
        .collect();
    let programmes = &ctx.catalogues().programmes().list;
    let standings: std::collections::HashMap<String, String> =
        goodenough_app::programme::standings(
            &ctx.scope().for_target("goodenough clients"),
            &sharing,
            programmes,
        )
        .await?
        .into_iter()
        .map(|(client, status)| {
            let line = match status {
                Ok(status) => status.one_line(),
                Err(_) => "not shared".to_string(),
            };
            (client, line)
        })
        .collect();
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
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            println!();
        }
        println!("{} (linked since {})", line.name, line.linked_since);
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
