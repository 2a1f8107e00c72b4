//! The practice's settings (its name and the crisis resources of its
//! region) as this server shows them: kept in memory and read again from
//! the database at most every [`FRESH_FOR`] (`WebConfig::practice_refresh`)
//! by [`refresh`], a middleware
//! that runs before every request, so Help now and the page header never
//! wait for the database on the request that shows them, and a change made
//! through another server on the same database shows here within that time.
//! A change through this server shows at once ([`PracticeView::replace`]).
//!
//! Part of the ground floor: it imports no page or API module. It holds
//! nothing of anyone's records.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use goodenough_core::practice_settings::PracticeSettings;

use crate::AppState;

/// How long settings read from the database are shown before they are
/// read again.
pub const FRESH_FOR: Duration = Duration::from_secs(15);

/// The settings last read, and when.
#[derive(Debug, Default)]
pub struct PracticeView {
    kept: RwLock<Option<(Instant, Arc<PracticeSettings>)>>,
}

impl PracticeView {
    /// The settings as last read (none set: empty).
    pub fn current(&self) -> Arc<PracticeSettings> {
        match self.kept.read() {
            Ok(k) => k.as_ref().map(|(_, s)| s.clone()).unwrap_or_default(),
            Err(_) => Arc::default(),
        }
    }

    /// The practice's name, if one is set.
    pub fn name(&self) -> Option<String> {
        self.current().name.clone()
    }

    /// Shows `settings` from now on (after this server changed them).
    pub fn replace(&self, settings: PracticeSettings) {
        if let Ok(mut k) = self.kept.write() {
            *k = Some((Instant::now(), Arc::new(settings)));
        }
    }

    fn stale(&self, fresh_for: Duration) -> bool {
        match self.kept.read() {
            Ok(k) => k.as_ref().is_none_or(|(at, _)| at.elapsed() >= fresh_for),
            Err(_) => true,
        }
    }
}

/// Reads the settings again when the kept ones are older than
/// `WebConfig::practice_refresh` (or were never read). A failed read keeps what was shown
/// and is logged without any value.
pub async fn refresh(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if state.practice.stale(state.config.practice_refresh) {
        match state.app.practice_settings().await {
            Ok(s) => state.practice.replace(s),
            Err(e) => tracing::error!(error = %for_log(&e), "could not read the practice settings"),
        }
    }
    next.run(req).await
}

fn for_log(e: &goodenough_app::AppError) -> String {
    match e {
        goodenough_app::AppError::Store(s) => s.for_log(),
        _ => "the practice settings could not be read".to_string(),
    }
}
