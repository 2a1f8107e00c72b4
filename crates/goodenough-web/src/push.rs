//! Web Push reminders, the sending side (a neutral module: the Settings
//! page, the API and `goodenough serve`'s scheduler share it).
//!
//! - The server's VAPID key pair (RFC 8292) is made on first start and kept
//!   in the database (one row), so every server signs with the same key.
//! - Messages are encrypted to the device's keys (RFC 8291, `aes128gcm`) and
//!   signed by `web-push-native`: no cryptography of our own.
//! - [`tick`] is one turn of the scheduler: the application says which
//!   reminders are due (and has recorded each, so only one server sends
//!   it); this sends them, and forgets a device whose push service answers
//!   404 or 410. [`spawn_scheduler`] runs it every [`EVERY`].
//! - The log names counts and statuses, never a push address (it works
//!   like a password for the device) and never a person's words; a message
//!   carries only [`Notification`]'s fixed sentence.

use std::sync::Arc;
use std::time::Duration;

use axum::http::{StatusCode, Uri};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use goodenough_core::reminders::Notification;
use goodenough_store::push::{PushSubscriptionRow, VapidKeys};
use web_push_native::jwt_simple::algorithms::{ECDSAP256PublicKeyLike as _, ES256KeyPair};
use web_push_native::{p256, Auth, WebPushBuilder};

use crate::AppState;

/// How often the scheduler looks for due reminders.
pub const EVERY: Duration = Duration::from_secs(45);

/// How long a push service keeps a message for a device that is offline.
const KEEP_FOR: Duration = Duration::from_secs(4 * 60 * 60);

/// The longest push address accepted.
const MAX_ENDPOINT: usize = 2048;

/// What the server holds for sending, made once ([`sender`]).
#[derive(Default)]
pub struct PushState {
    ready: tokio::sync::OnceCell<Arc<Sender>>,
}

/// The VAPID key and the HTTP client.
pub struct Sender {
    key: ES256KeyPair,
    public_key: String,
    contact: String,
    http: reqwest::Client,
}

/// Why reminders cannot be sent at all.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("Reminders cannot be sent from this server right now: {0}")]
    Unavailable(String),
    #[error(transparent)]
    App(#[from] goodenough_app::AppError),
}

impl From<PushError> for crate::error::ApiError {
    fn from(e: PushError) -> Self {
        match e {
            PushError::App(a) => a.into(),
            PushError::Unavailable(_) => {
                crate::error::ApiError::new(StatusCode::SERVICE_UNAVAILABLE, e.to_string())
            }
        }
    }
}

/// The sender: the stored VAPID key pair, made and kept on first use (the
/// server calls this at start).
pub async fn sender(state: &AppState) -> Result<Arc<Sender>, PushError> {
    state
        .push
        .ready
        .get_or_try_init(|| async {
            let made = ES256KeyPair::generate();
            let made = VapidKeys {
                private_key: URL_SAFE_NO_PAD.encode(made.to_bytes()),
                public_key: URL_SAFE_NO_PAD
                    .encode(made.public_key().public_key().to_bytes_uncompressed()),
            };
            let kept = state.app.vapid_keys(&made, state.clock.now()).await?;
            let key = URL_SAFE_NO_PAD
                .decode(kept.private_key.as_bytes())
                .ok()
                .and_then(|raw| ES256KeyPair::from_bytes(&raw).ok())
                .ok_or_else(|| {
                    PushError::Unavailable("the stored key pair cannot be read".to_string())
                })?;
            let http = reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|_| PushError::Unavailable("no HTTP client".to_string()))?;
            let contact = match &state.config.public_url {
                Some(url) if url.starts_with("https://") => url.clone(),
                _ => "mailto:goodenough@localhost".to_string(),
            };
            Ok(Arc::new(Sender {
                key,
                public_key: kept.public_key,
                contact,
                http,
            }))
        })
        .await
        .cloned()
}

/// How one message went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The push service took it.
    Delivered,
    /// The push service says the device is gone (404, 410).
    Gone,
    /// Another answer, or no answer.
    Failed,
}

impl Sender {
    /// The public key browsers subscribe with (base64url).
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// Encrypts `message` to the device and posts it to its push service.
    pub async fn send(&self, to: &PushSubscriptionRow, message: &Notification) -> Outcome {
        let Ok(keys) = device_keys(&to.p256dh, &to.auth) else {
            return Outcome::Gone;
        };
        let Ok(endpoint) = to.endpoint.parse::<Uri>() else {
            return Outcome::Gone;
        };
        let built = WebPushBuilder::new(endpoint, keys.0, keys.1)
            .with_valid_duration(KEEP_FOR)
            .with_vapid(&self.key, &self.contact)
            .build(message.to_bytes());
        let Ok(request) = built else {
            tracing::warn!("a push message could not be encrypted");
            return Outcome::Failed;
        };
        let Ok(request) = reqwest::Request::try_from(request) else {
            return Outcome::Failed;
        };
        match self.http.execute(request).await {
            Ok(r) if r.status().is_success() => Outcome::Delivered,
            Ok(r) if matches!(r.status().as_u16(), 404 | 410) => Outcome::Gone,
            Ok(r) => {
                tracing::warn!(
                    status = r.status().as_u16(),
                    "a push service refused a message"
                );
                Outcome::Failed
            }
            Err(_) => {
                tracing::warn!("a push service could not be reached");
                Outcome::Failed
            }
        }
    }
}

/// A device's keys, decoded: its P-256 public key and its 16-byte secret.
fn device_keys(p256dh: &str, auth: &str) -> Result<(p256::PublicKey, Auth), &'static str> {
    let b64 = |s: &str| URL_SAFE_NO_PAD.decode(s.trim().trim_end_matches('=').as_bytes());
    let public = b64(p256dh)
        .ok()
        .and_then(|raw| p256::PublicKey::from_sec1_bytes(&raw).ok())
        .ok_or("keys.p256dh is not a P-256 public key in base64url (65 bytes)")?;
    let secret = b64(auth)
        .ok()
        .filter(|raw| raw.len() == 16)
        .ok_or("keys.auth is not 16 bytes in base64url")?;
    Ok((public, Auth::clone_from_slice(&secret)))
}

/// Checks what a browser sent to subscribe. The push address must be
/// `https://` with a host; plain `http://` only to this machine
/// (127.0.0.1, ::1, localhost) and only when the server allows it
/// ([`crate::WebConfig::push_loopback_http`], for tests and local push
/// servers). The keys must decode (see `device_keys`).
pub fn check_subscription(
    endpoint: &str,
    p256dh: &str,
    auth: &str,
    loopback_http: bool,
) -> Result<(), goodenough_app::AppError> {
    use goodenough_app::push::bad_endpoint;
    let endpoint = endpoint.trim();
    if endpoint.is_empty() {
        return Err(bad_endpoint("is empty"));
    }
    if endpoint.len() > MAX_ENDPOINT {
        return Err(bad_endpoint("is longer than 2048 characters"));
    }
    let uri: Uri = endpoint
        .parse()
        .map_err(|_| bad_endpoint("is not a web address"))?;
    let host = uri.host().unwrap_or_default();
    match uri.scheme_str() {
        Some("https") if !host.is_empty() => {}
        Some("http") if loopback_http && matches!(host, "127.0.0.1" | "[::1]" | "localhost") => {}
        _ => return Err(bad_endpoint("must start with https://")),
    }
    device_keys(p256dh, auth).map_err(|why| {
        goodenough_app::AppError::Invalid(goodenough_core::ValidationError::Other(format!(
            "{why}; send the keys of the browser's PushSubscription as they are."
        )))
    })?;
    Ok(())
}

/// What a turn of sending did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Sent {
    /// Messages the push services took.
    pub sent: u32,
    /// Devices forgotten because their push service said they are gone.
    pub removed: u32,
    /// Messages that did not go (tried again at the next reminder).
    pub failed: u32,
}

/// Sends `message` to each subscription, forgetting the gone ones.
async fn send_all(
    state: &AppState,
    sender: &Sender,
    to: &[PushSubscriptionRow],
    message: &Notification,
) -> Result<Sent, PushError> {
    let mut out = Sent::default();
    for sub in to {
        match sender.send(sub, message).await {
            Outcome::Delivered => {
                state.app.push_delivered(&sub.id, state.clock.now()).await?;
                out.sent += 1;
            }
            Outcome::Gone => {
                state.app.forget_push_subscription(&sub.id).await?;
                out.removed += 1;
            }
            Outcome::Failed => out.failed += 1,
        }
    }
    Ok(out)
}

/// One turn of the scheduler at the server's clock: the reminders due now
/// that this server claimed (check-in, timebox ending, a coach's step due),
/// each sent to every device of its person.
pub async fn tick(state: &AppState) -> Result<Sent, PushError> {
    let due = state.app.due_reminders(state.clock.now()).await?;
    let mut total = Sent::default();
    if due.is_empty() {
        return Ok(total);
    }
    let sender = sender(state).await?;
    for d in &due {
        let s = send_all(state, &sender, &d.to, &d.kind.notification()).await?;
        total.sent += s.sent;
        total.removed += s.removed;
        total.failed += s.failed;
    }
    tracing::info!(
        people = due.len(),
        sent = total.sent,
        removed = total.removed,
        failed = total.failed,
        "reminders"
    );
    Ok(total)
}

/// "Send a test": the test message to every device of the person.
pub async fn send_test(state: &AppState, person: &str) -> Result<Sent, PushError> {
    let to = goodenough_app::push::for_test(&state.scope(person)).await?;
    if to.is_empty() {
        return Ok(Sent::default());
    }
    let sender = sender(state).await?;
    send_all(state, &sender, &to, &Notification::test()).await
}

/// Runs [`tick`] every [`EVERY`] for as long as the server runs. A failed
/// turn is logged (its kind only) and the next one tries again.
pub fn spawn_scheduler(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            if let Err(e) = tick(&state).await {
                let kind = match e {
                    PushError::Unavailable(_) => "unavailable",
                    PushError::App(_) => "store",
                };
                tracing::warn!(kind, "the reminder scheduler's turn failed");
            }
        }
    })
}
