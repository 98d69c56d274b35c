//! Shared assessments (issue 20): an append-only log of encrypted changes per share, relayed
//! live to the share's open event streams. The API is in `SHARES_CONTRACT.md` and `openapi.json`.
//!
//! The server can count, order, limit and expire changes; it can read none of them. It keeps
//! the ciphertext bytes the browser sent (validated only as base64url of an AES-GCM-sized
//! message), never logs a body, and never puts a share into the open data. The write secret is
//! kept as its SHA-256; reading needs no secret (the key is in the link's fragment, which never
//! reaches the server).

pub mod ciphertext;
pub mod events;
pub mod expiry;
pub mod secret;
pub mod store;

use std::net::IpAddr;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::json;

use self::store::Refusal;
use crate::api_error::ApiError;
use crate::share_live::limits::{self, BODY_TIMEOUT, MAX_CHANGE_BYTES, MAX_SNAPSHOT_BYTES, PAGE_BYTES, PAGE_CHANGES};
use crate::share_live::metrics::DeletedBy;
use crate::share_live::stream::{Full, Live};
use crate::state::AppState;

/// The routes, under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/shares", post(create))
        .route("/shares/{share}", axum::routing::delete(remove))
        .route("/shares/{share}/changes", get(read).post(append))
        .route("/shares/{share}/events", get(events))
        .route("/shares/{share}/snapshot", put(snapshot))
}

// ---- errors ----

fn refusal(r: Refusal) -> ApiError {
    match r {
        Refusal::NotFound => not_found(),
        Refusal::Deleted => ApiError::new(StatusCode::GONE, "share_deleted", "this shared assessment was deleted (or expired)"),
        Refusal::WrongSecret => ApiError::new(
            StatusCode::FORBIDDEN,
            "wrong_secret",
            "the write secret does not belong to this shared assessment (a view link cannot change it)",
        ),
        Refusal::Full => ApiError::new(
            StatusCode::CONFLICT,
            "share_full",
            format!(
                "this shared assessment holds the most changes it can ({} changes or {} MiB); store a snapshot to make room",
                limits::MAX_CHANGES_PER_SHARE,
                limits::MAX_CHANGE_BYTES_PER_SHARE >> 20
            ),
        ),
        Refusal::StaleSnapshot { covers } => ApiError::new(
            StatusCode::CONFLICT,
            "stale_snapshot",
            format!("the stored snapshot covers changes up to {covers} already; a snapshot must cover at least that"),
        ),
        Refusal::CoversAhead { latest } => ApiError::new(
            StatusCode::CONFLICT,
            "covers_ahead",
            format!("the snapshot covers changes this share does not have (the latest is {latest})"),
        ),
    }
}

fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "share_not_found", "no shared assessment with this id")
}

fn bad_body(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "bad_body", message)
}

fn internal(message: String) -> ApiError {
    tracing::error!(error = %message, "share request failed");
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the server could not complete the request")
}

fn data_error(e: ciphertext::CiphertextError) -> ApiError {
    match e {
        ciphertext::CiphertextError::TooLarge { .. } => ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", e.to_string()),
        _ => ApiError::new(StatusCode::BAD_REQUEST, "bad_data", e.to_string()),
    }
}

/// The share id from the path, if it has an id's form (anything else is no share).
fn share_id(Path(share): Path<String>) -> Result<String, ApiError> {
    if secret::is_id(&share) {
        Ok(share)
    } else {
        Err(not_found())
    }
}

fn now_ms() -> i64 {
    crate::now().millis()
}

// ---- request parts ----

/// The client's address (behind trusted proxies, the one they name).
struct Client(IpAddr);

impl FromRequestParts<AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Client, Self::Rejection> {
        Ok(Client(crate::client_addr::client_ip(parts)))
    }
}

/// A request that presented a write secret (`Authorization: Bearer …`): its SHA-256, which is
/// all that is compared (in the store, against the share's).
struct Writer(Vec<u8>);

impl FromRequestParts<AppState> for Writer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Writer, ApiError> {
        let header = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
        match crate::auth::bearer(header) {
            Some(secret) => Ok(Writer(secret::hash(secret))),
            None => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "changing a shared assessment needs its write secret: Authorization: Bearer WRITE",
            )),
        }
    }
}

/// The body, at most `limit` bytes and within `BODY_TIMEOUT`.
async fn read_body(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    let too_large = || ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", format!("the request body is larger than {limit} bytes"));
    let read = async {
        let mut stream = body.into_data_stream();
        let mut bytes = Vec::new();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| bad_body(format!("the request body could not be read: {e}")))?;
            if bytes.len() + chunk.len() > limit {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Bytes::from(bytes))
    };
    tokio::time::timeout(BODY_TIMEOUT, read).await.unwrap_or_else(|_| {
        Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "body_timeout",
            format!("the request body did not arrive within {} s", BODY_TIMEOUT.as_secs()),
        ))
    })
}

/// Refuses a body whose Content-Length is over the limit before reading any of it.
fn check_length(headers: &HeaderMap, limit: usize) -> Result<(), ApiError> {
    let length = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    match length {
        Some(n) if n > limit as u64 => {
            Err(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", format!("the request body is larger than {limit} bytes")))
        }
        _ => Ok(()),
    }
}

/// A JSON body of at most `limit` bytes: refused from its Content-Length before reading, read
/// within the body timeout, parsed; the raw bytes are dropped here.
async fn read_json<T: serde::de::DeserializeOwned>(headers: &HeaderMap, body: Body, limit: usize) -> Result<T, ApiError> {
    check_length(headers, limit)?;
    let bytes = read_body(body, limit).await?;
    json_body(&bytes)
}

fn json_body<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| bad_body(format!("the body is not the expected JSON: {e}")))
}

#[derive(Deserialize)]
struct AfterQuery {
    after: Option<u64>,
}

fn after_of(q: Result<Query<AfterQuery>, axum::extract::rejection::QueryRejection>) -> Result<Option<i64>, ApiError> {
    let q =
        q.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "bad_query", format!("after must be a whole number ≥ 0: {}", e.body_text())))?;
    Ok(q.0.after.map(|n| i64::try_from(n).unwrap_or(i64::MAX)))
}

fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

// ---- handlers ----

/// `POST /shares` `{}` → 201 `{"id", "write"}`.
async fn create(State(state): State<AppState>, Client(ip): Client, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    const LIMIT: usize = 256;
    check_length(&headers, LIMIT)?;
    let bytes = read_body(body, LIMIT).await?;
    if !bytes.iter().all(u8::is_ascii_whitespace) && !json_body::<serde_json::Value>(&bytes)?.is_object() {
        return Err(bad_body("the body is a JSON object ({})"));
    }
    let shares = &state.shares;
    if let Err(wait) = shares.creation.take(ip, Instant::now()) {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_shares",
            format!(
                "this address has created {} shared assessments this hour; wait {} min",
                shares.config.shares_per_hour,
                wait.as_secs().div_ceil(60)
            ),
        );
        e.retry_after = Some(wait.as_secs().max(1));
        return Err(e);
    }
    let id = secret::new_id().map_err(internal)?;
    let write = secret::new_secret().map_err(internal)?;
    let (row_id, hash) = (id.clone(), secret::hash(&write));
    state.db.call(move |conn| store::create(conn, &row_id, &hash, now_ms())).await?;
    shares.metrics.created.inc();
    tracing::info!(share = %id, "share created");
    let location = format!("/api/v1/shares/{id}/changes");
    let mut response = no_store((StatusCode::CREATED, Json(json!({"id": id, "write": write}))).into_response());
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewChange {
    data: String,
}

/// `POST /shares/{share}/changes` (write secret) `{"data"}` → 201 `{"seq"}`, once committed.
async fn append(
    State(state): State<AppState>,
    path: Path<String>,
    Writer(secret_hash): Writer,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let id = share_id(path)?;
    let NewChange { data } = read_json(&headers, body, limits::body_limit(MAX_CHANGE_BYTES)).await?;
    let ciphertext = ciphertext::decode(&data, MAX_CHANGE_BYTES).map_err(data_error)?;
    let hub = state.shares.hub.clone();
    let share = id.clone();
    let appended = state
        .db
        .call(move |conn| {
            let outcome = store::append(conn, &share, &secret_hash, &ciphertext, now_ms())?;
            // Relayed while the connection is still held: streams get changes in order.
            if let Ok(seq) = outcome {
                hub.send(&share, Live::change(seq, data));
            }
            Ok(outcome)
        })
        .await?;
    let seq = appended.map_err(refusal)?;
    state.shares.metrics.appended.inc();
    Ok((StatusCode::CREATED, Json(json!({"seq": seq}))).into_response())
}

/// `GET /shares/{share}/changes?after=n` → `{"snapshot", "changes", "latest", "more"}`.
async fn read(
    State(state): State<AppState>,
    path: Path<String>,
    q: Result<Query<AfterQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let id = share_id(path)?;
    let after = after_of(q)?.unwrap_or(0);
    let touch_before = touch_before(&state);
    let page = state.db.call(move |conn| store::read(conn, &id, after, PAGE_CHANGES, PAGE_BYTES, now_ms(), touch_before)).await?;
    let page = page.map_err(refusal)?;
    let changes: Vec<_> = page.changes.iter().map(|c| json!({"seq": c.seq, "data": ciphertext::encode(&c.data)})).collect();
    let snapshot = page.snapshot.map(|s| json!({"covers": s.covers, "data": ciphertext::encode(&s.data)}));
    let body = json!({"snapshot": snapshot, "changes": changes, "latest": page.latest, "more": page.more});
    Ok(no_store(Json(body).into_response()))
}

fn touch_before(state: &AppState) -> i64 {
    now_ms() - i64::try_from(state.shares.config.touch_every().as_millis()).unwrap_or(i64::MAX)
}

/// `GET /shares/{share}/events?after=n` (or `Last-Event-ID: n`) → `text/event-stream`.
async fn events(
    State(state): State<AppState>,
    path: Path<String>,
    q: Result<Query<AfterQuery>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let id = share_id(path)?;
    let last_event = headers.get("last-event-id").and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<i64>().ok());
    let after = after_of(q)?.or(last_event).unwrap_or(0).max(0);
    // Subscribed before anything is read: no change falls between the backlog and the live ones.
    let (slot, receiver) = state.shares.hub.subscribe(&id).map_err(|full| {
        let message = match full {
            Full::Share => "this shared assessment has as many open streams as it may; try again later",
            Full::Server => "the server has as many open streams as it may; try again later",
            Full::Closing => "the server is stopping; try again in a moment",
        };
        let mut e = ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "too_many_streams", message);
        e.retry_after = Some(5);
        e
    })?;
    let (share, touch_before) = (id.clone(), touch_before(&state));
    state.db.call(move |conn| store::visit(conn, &share, now_ms(), touch_before)).await?.map_err(refusal)?;
    let stream = events::events(state.db.clone(), id, after, slot, receiver);
    let sse = Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)));
    let mut response = no_store(sse.into_response());
    // Proxies (nginx) must pass events on as they come.
    response.headers_mut().insert("x-accel-buffering", HeaderValue::from_static("no"));
    Ok(response)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewSnapshot {
    covers: u64,
    data: String,
}

/// `PUT /shares/{share}/snapshot` (write secret) `{"covers", "data"}` → 200; drops the changes
/// the snapshot covers.
async fn snapshot(
    State(state): State<AppState>,
    path: Path<String>,
    Writer(secret_hash): Writer,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let id = share_id(path)?;
    let NewSnapshot { covers, data } = read_json(&headers, body, limits::body_limit(MAX_SNAPSHOT_BYTES)).await?;
    let ciphertext = ciphertext::decode(&data, MAX_SNAPSHOT_BYTES).map_err(data_error)?;
    drop(data);
    let covers = i64::try_from(covers).unwrap_or(i64::MAX);
    let stored = state.db.call(move |conn| store::put_snapshot(conn, &id, &secret_hash, covers, &ciphertext, now_ms())).await?;
    let (dropped, latest) = stored.map_err(refusal)?;
    state.shares.metrics.snapshots.inc();
    Ok(Json(json!({"covers": covers, "dropped": dropped, "latest": latest})).into_response())
}

/// `DELETE /shares/{share}` (write secret) → 204; every change and the snapshot are deleted.
async fn remove(State(state): State<AppState>, path: Path<String>, Writer(secret_hash): Writer) -> Result<Response, ApiError> {
    let id = share_id(path)?;
    let hub = state.shares.hub.clone();
    let share = id.clone();
    let deleted = state
        .db
        .call(move |conn| {
            let outcome = store::delete(conn, &share, &secret_hash, now_ms())?;
            if outcome.is_ok() {
                hub.send(&share, Live::Deleted);
            }
            Ok(outcome)
        })
        .await?;
    deleted.map_err(refusal)?;
    state.shares.metrics.deleted(DeletedBy::Writer, 1);
    tracing::info!(share = %id, "share deleted");
    Ok(StatusCode::NO_CONTENT.into_response())
}
