//! A coach's own content in the store: programmes, scripts and
//! questionnaires uploaded as TOML (see
//! `migrations/*/0022_coach_content.sql`). The text is kept as uploaded,
//! after the application checked it; every server on one PostgreSQL reads
//! the same rows.
//!
//! Like the rest of the practice, this decides nothing about who may see
//! what: the application does.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use goodenough_core::coach_content::ContentKind;
use serde::Serialize;

use crate::{Result, StoreError};

/// One uploaded file, with its coach's name as their account shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContentItem {
    /// The row's own id (a UUID).
    pub id: String,
    #[serde(skip)]
    pub coach_id: String,
    pub coach_name: String,
    pub kind: ContentKind,
    /// The id inside the file (a script's name).
    pub content_id: String,
    pub title: String,
    /// The TOML text as uploaded.
    pub body: String,
    pub uploaded_at: DateTime<Utc>,
}

/// Coaches' own content.
#[async_trait]
pub trait CoachContent: Send + Sync {
    /// Keeps a checked file. With `replace`, the coach's file of the same
    /// kind and content id (if any) goes in the same transaction;
    /// without, such a file is [`StoreError::Conflict`].
    async fn add_content(&self, item: &ContentItem, replace: bool) -> Result<()>;
    /// One file by its row id (whoever's it is: the caller checks).
    async fn get_content(&self, id: &str) -> Result<Option<ContentItem>>;
    /// A coach's files, by kind then content id.
    async fn content_of(&self, coach: &str) -> Result<Vec<ContentItem>>;
    /// The files of every coach the client has a live link with, by kind,
    /// content id and coach.
    async fn content_for_client(&self, client: &str) -> Result<Vec<ContentItem>>;
    /// Removes a coach's file; whether there was one.
    async fn remove_content(&self, coach: &str, id: &str) -> Result<bool>;
}

pub(crate) const CONTENT_COLUMNS: &str =
    "c.id, c.coach_id, p.display_name AS coach_name, c.kind, c.content_id, c.title, c.body, \
     c.uploaded_at FROM coach_content c JOIN persons p ON p.id = c.coach_id";

pub(crate) fn parse_kind(raw: &str) -> Result<ContentKind> {
    ContentKind::parse(raw).map_err(|_| StoreError::Corrupt("content kind".to_string()))
}

/// Expands into `impl CoachContent for $store`.
macro_rules! impl_coach_content {
    ($store:ty, $row:ty) => {
        impl $store {
            fn row_content(row: &$row) -> $crate::Result<$crate::coach_content::ContentItem> {
                use sqlx::Row;
                let kind: String = row.try_get("kind")?;
                Ok($crate::coach_content::ContentItem {
                    id: row.try_get("id")?,
                    coach_id: row.try_get("coach_id")?,
                    coach_name: row.try_get("coach_name")?,
                    kind: $crate::coach_content::parse_kind(&kind)?,
                    content_id: row.try_get("content_id")?,
                    title: row.try_get("title")?,
                    body: row.try_get("body")?,
                    uploaded_at: row.try_get("uploaded_at")?,
                })
            }
        }

        #[async_trait::async_trait]
        impl $crate::coach_content::CoachContent for $store {
            async fn add_content(
                &self,
                item: &$crate::coach_content::ContentItem,
                replace: bool,
            ) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                if replace {
                    sqlx::query(
                        "DELETE FROM coach_content WHERE coach_id = $1 AND kind = $2 AND content_id = $3",
                    )
                    .bind(&item.coach_id)
                    .bind(item.kind.key())
                    .bind(&item.content_id)
                    .execute(&mut *tx)
                    .await?;
                }
                let inserted = sqlx::query(
                    "INSERT INTO coach_content (id, coach_id, kind, content_id, title, body, uploaded_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&item.id)
                .bind(&item.coach_id)
                .bind(item.kind.key())
                .bind(&item.content_id)
                .bind(&item.title)
                .bind(&item.body)
                .bind(item.uploaded_at)
                .execute(&mut *tx)
                .await;
                match inserted {
                    Ok(_) => {}
                    Err(e) if $crate::common::is_unique_violation(&e) => {
                        return Err($crate::StoreError::Conflict(format!(
                            "you already have a {} with the id \"{}\"",
                            item.kind.key(),
                            item.content_id
                        )));
                    }
                    Err(e) => return Err(e.into()),
                }
                tx.commit().await?;
                Ok(())
            }

            async fn get_content(
                &self,
                id: &str,
            ) -> $crate::Result<Option<$crate::coach_content::ContentItem>> {
                let sql = format!("SELECT {} WHERE c.id = $1", $crate::coach_content::CONTENT_COLUMNS);
                let row = sqlx::query(&sql).bind(id).fetch_optional(&self.read).await?;
                row.as_ref().map(Self::row_content).transpose()
            }

            async fn content_of(
                &self,
                coach: &str,
            ) -> $crate::Result<Vec<$crate::coach_content::ContentItem>> {
                let sql = format!(
                    "SELECT {} WHERE c.coach_id = $1 ORDER BY c.kind, c.content_id",
                    $crate::coach_content::CONTENT_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(coach).fetch_all(&self.read).await?;
                rows.iter().map(Self::row_content).collect()
            }

            async fn content_for_client(
                &self,
                client: &str,
            ) -> $crate::Result<Vec<$crate::coach_content::ContentItem>> {
                let sql = format!(
                    "SELECT {} WHERE c.coach_id IN (SELECT l.coach_id FROM coach_links l \
                     WHERE l.client_id = $1 AND l.ended_at IS NULL) \
                     ORDER BY c.kind, c.content_id, p.display_name, c.id",
                    $crate::coach_content::CONTENT_COLUMNS
                );
                let rows = sqlx::query(&sql).bind(client).fetch_all(&self.read).await?;
                rows.iter().map(Self::row_content).collect()
            }

            async fn remove_content(&self, coach: &str, id: &str) -> $crate::Result<bool> {
                let done = sqlx::query("DELETE FROM coach_content WHERE coach_id = $1 AND id = $2")
                    .bind(coach)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() > 0)
            }
        }
    };
}

pub(crate) use impl_coach_content;
