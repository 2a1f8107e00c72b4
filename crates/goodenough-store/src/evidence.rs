//! The evidence log in the store: accomplishments and praise with their
//! attribution. Every query filters on the owner.

use async_trait::async_trait;
use chrono::NaiveDate;
use goodenough_core::evidence::{Attribution, EvidenceEntry, EvidenceKind};

use crate::{Result, StoreError};

/// A person's evidence log.
#[async_trait]
pub trait Evidence: Send + Sync {
    /// Adds an entry.
    async fn add_evidence(&self, person: &str, entry: &EvidenceEntry) -> Result<()>;
    /// An evidence entry by id (`None` when it is not this person's).
    async fn get_evidence(&self, person: &str, id: &str) -> Result<Option<EvidenceEntry>>;
    /// Entries dated within `from..=to` (either end open when `None`),
    /// oldest first.
    async fn list_evidence(
        &self,
        person: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<EvidenceEntry>>;
}

/// An evidence entry by id, by owner.
pub(crate) const GET_EVIDENCE: &str = "SELECT * FROM evidence WHERE person_id = $1 AND id = $2";

/// An owner's entries dated within a range, oldest first.
pub(crate) const LIST_EVIDENCE: &str =
    "SELECT * FROM evidence WHERE person_id = $1 AND date >= $2 AND date <= $3 \
     ORDER BY date, logged_at, id";

pub(crate) fn parse_kind(raw: &str) -> Result<EvidenceKind> {
    EvidenceKind::parse(raw).map_err(|_| StoreError::Corrupt(format!("evidence kind {raw:?}")))
}

pub(crate) fn parse_attribution(raw: &str) -> Result<Attribution> {
    Attribution::parse(raw).map_err(|_| StoreError::Corrupt(format!("attribution {raw:?}")))
}

/// The latest date both backends can store, used for "no upper bound".
pub(crate) fn until_or_max(to: Option<NaiveDate>) -> NaiveDate {
    to.unwrap_or_else(|| NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default())
}

/// Expands into `impl Evidence for $store`, plus the insert helper for import.
macro_rules! impl_evidence {
    ($store:ty, $row:ty) => {
        impl $store {
            pub(crate) async fn fetch_evidence<'e, E>(exec: E, person: &str, from: Option<chrono::NaiveDate>, to: Option<chrono::NaiveDate>) -> $crate::Result<Vec<goodenough_core::evidence::EvidenceEntry>>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let rows = sqlx::query($crate::evidence::LIST_EVIDENCE)
                    .bind(person)
                    .bind($crate::common::since_or_min(from))
                    .bind($crate::evidence::until_or_max(to))
                    .fetch_all(exec)
                    .await?;
                rows.iter().map(Self::row_evidence).collect()
            }

            fn row_evidence(row: &$row) -> $crate::Result<goodenough_core::evidence::EvidenceEntry> {
                use sqlx::FromRow;
                goodenough_core::evidence::EvidenceEntry::try_from($crate::rows::EvidenceRow::from_row(row)?)
            }

            pub(crate) async fn insert_evidence<'e, E>(
                exec: E,
                person: &str,
                e: &goodenough_core::evidence::EvidenceEntry,
            ) -> $crate::Result<u64>
            where
                E: sqlx::Executor<'e, Database = <$row as sqlx::Row>::Database>,
            {
                let r = sqlx::query(
                    "INSERT INTO evidence (id, person_id, kind, text, date, source, attribution, logged_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                )
                .bind(&e.id)
                .bind(person)
                .bind(e.kind.as_str())
                .bind(&e.text)
                .bind(e.date)
                .bind(&e.source)
                .bind(e.attribution.as_str())
                .bind(e.logged_at)
                .execute(exec)
                .await?;
                Ok(r.rows_affected())
            }
        }

        #[async_trait::async_trait]
        impl $crate::evidence::Evidence for $store {
            async fn add_evidence(
                &self,
                person: &str,
                entry: &goodenough_core::evidence::EvidenceEntry,
            ) -> $crate::Result<()> {
                let n = Self::insert_evidence(&self.pool, person, entry).await?;
                if n == 0 {
                    return Err($crate::StoreError::Conflict(
                        "An evidence entry with that id already exists.".to_string(),
                    ));
                }
                Ok(())
            }

            async fn get_evidence(&self, person: &str, id: &str) -> $crate::Result<Option<goodenough_core::evidence::EvidenceEntry>> {
                let row = sqlx::query($crate::evidence::GET_EVIDENCE)
                    .bind(person)
                    .bind(id)
                    .fetch_optional(&self.read)
                    .await?;
                row.as_ref().map(Self::row_evidence).transpose()
            }

            async fn list_evidence(
                &self,
                person: &str,
                from: Option<chrono::NaiveDate>,
                to: Option<chrono::NaiveDate>,
            ) -> $crate::Result<Vec<goodenough_core::evidence::EvidenceEntry>> {
                Self::fetch_evidence(&self.read, person, from, to).await
            }
        }
    };
}
pub(crate) use impl_evidence;
