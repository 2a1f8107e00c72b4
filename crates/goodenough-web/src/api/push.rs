//! Reminders on a person's devices (Web Push): the server's public key to
//! subscribe with, the devices (add, list, remove) and a test message. The
//! checks and the sending are in [`crate::push`]; what a message carries is
//! a fixed sentence, never anything a person wrote.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::openapi::ErrorBody;
use super::paging::{Paged, Paging};
use super::{ApiError, ApiJson, ApiPath, ApiUser, Created};
use crate::push::{self, Sent};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/push/key", get(key))
        .route("/api/v1/push/subscriptions", get(list).post(subscribe))
        .route("/api/v1/push/subscriptions/{id}", delete(remove))
        .route("/api/v1/push/test", post(test))
}

/// The server's public VAPID key.
#[derive(Serialize, ToSchema)]
pub struct PushKey {
    /// base64url (65 bytes, an uncompressed P-256 point): the
    /// `applicationServerKey` of `pushManager.subscribe`.
    pub public_key: String,
}

/// The key browsers subscribe with.
#[utoipa::path(
    get,
    path = "/api/v1/push/key",
    operation_id = "push_key",
    tag = "reminders",
    responses(
        (status = 200, description = "The server's public VAPID key", body = PushKey),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 503, description = "Reminders cannot be sent from this server", body = ErrorBody),
    ),
)]
pub(crate) async fn key(
    State(state): State<AppState>,
    _user: ApiUser,
) -> Result<Json<PushKey>, ApiError> {
    let sender = push::sender(&state).await?;
    Ok(Json(PushKey {
        public_key: sender.public_key().to_string(),
    }))
}

/// The keys of a browser's `PushSubscription`.
#[derive(Deserialize, ToSchema)]
pub struct SubscriptionKeys {
    /// The device's P-256 public key, base64url.
    #[serde(default)]
    pub p256dh: String,
    /// The device's 16-byte secret, base64url.
    #[serde(default)]
    pub auth: String,
}

/// A browser's `PushSubscription` as `toJSON()` gives it.
#[derive(Deserialize, ToSchema)]
pub struct NewSubscription {
    /// The push service's address for this device: `https://`.
    #[serde(default)]
    pub endpoint: String,
    pub keys: SubscriptionKeys,
    /// A name for the device; the browser and system when left out.
    #[serde(default)]
    pub device: Option<String>,
}

/// One of your devices that gets reminders.
#[derive(Serialize, ToSchema)]
pub struct Device {
    /// What removes it.
    pub id: String,
    /// Such as "Firefox on Android".
    pub device: String,
    /// The push service's host.
    pub service: String,
    pub created_at: DateTime<Utc>,
    /// The last message its push service accepted; `null` before the first.
    pub last_sent_at: Option<DateTime<Utc>>,
}

impl From<goodenough_app::push::Device> for Device {
    fn from(d: goodenough_app::push::Device) -> Self {
        Device {
            id: d.id,
            device: d.device,
            service: d.service,
            created_at: d.created_at,
            last_sent_at: d.last_sent_at,
        }
    }
}

/// Your devices that get reminders, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/push/subscriptions",
    operation_id = "push_list",
    tag = "reminders",
    responses(
        (status = 200, description = "Your devices, oldest first", body = Vec<Device>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ),
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    paging: Paging,
) -> Result<Paged<Device>, ApiError> {
    let devices = goodenough_app::push::devices(&state.scope(&user.person)).await?;
    Ok(paging.page(devices.into_iter().map(Device::from).collect()))
}

/// Turns reminders on for a device.
#[utoipa::path(
    post,
    path = "/api/v1/push/subscriptions",
    operation_id = "push_subscribe",
    tag = "reminders",
    request_body = NewSubscription,
    responses(
        (status = 201, description = "The device gets reminders", body = Device),
        (status = 400, description = "The body is not JSON of this shape", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "The address is not https:// or a key does not decode", body = ErrorBody),
    ),
)]
pub(crate) async fn subscribe(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: ApiUser,
    ApiJson(body): ApiJson<NewSubscription>,
) -> Result<Created<Device>, ApiError> {
    push::check_subscription(
        &body.endpoint,
        &body.keys.p256dh,
        &body.keys.auth,
        state.config.push_loopback_http,
    )?;
    let device = match body.device {
        Some(d) if !d.trim().is_empty() => d,
        _ => headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(crate::auth::device_label)
            .unwrap_or_default(),
    };
    let made = goodenough_app::push::subscribe(
        &state.scope(&user.person),
        goodenough_app::push::NewSubscription {
            endpoint: body.endpoint.trim().to_string(),
            p256dh: body.keys.p256dh.trim().to_string(),
            auth: body.keys.auth.trim().to_string(),
            device,
        },
    )
    .await?;
    Ok(Created::new(made.into()))
}

/// Turns reminders off for one of your devices.
#[utoipa::path(
    delete,
    path = "/api/v1/push/subscriptions/{id}",
    operation_id = "push_unsubscribe",
    tag = "reminders",
    params(("id" = String, Path, description = "The device's id, from the list")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No device of yours with that id", body = ErrorBody),
    ),
)]
pub(crate) async fn remove(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    goodenough_app::push::unsubscribe(&state.scope(&user.person), &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sends a test message to each of your devices.
#[utoipa::path(
    post,
    path = "/api/v1/push/test",
    operation_id = "push_test",
    tag = "reminders",
    responses(
        (status = 200, description = "How many messages went, and devices that are gone", body = Sent),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 503, description = "Reminders cannot be sent from this server", body = ErrorBody),
    ),
)]
pub(crate) async fn test(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<Sent>, ApiError> {
    Ok(Json(push::send_test(&state, &user.person).await?))
}
