//! The server's share endpoints (`/api/v1/shares`), as the contract between app and server
//! describes them. Everything sent is already sealed; the server sees ciphertext, counts and order.

use serde::Deserialize;

use crate::browser::http;

/// Why a request about a share did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The server could not be reached (offline): try again later.
    Offline,
    /// The server refused the write secret (a view link, or a link whose share was renewed).
    Forbidden,
    /// The server has no such share, or has deleted it.
    Gone,
    /// Too many shares made from this address lately.
    TooMany,
    /// One change too large.
    TooLarge,
    /// The share holds the most changes it may, until a snapshot makes room.
    ShareFull,
    /// A change that GCM refused: altered, or sealed with another key.
    Tampered,
    /// The link's key opens nothing in this share.
    WrongKey,
    /// Anything else, with the server's words.
    Server(String),
}

#[derive(Deserialize)]
struct Created {
    id: String,
    write: String,
}

#[derive(Deserialize)]
struct Posted {
    seq: u64,
}

/// One stored change, as the server numbers it.
#[derive(Debug, Clone, Deserialize)]
pub struct Sealed {
    pub seq: u64,
    pub data: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Snapshot {
    pub covers: u64,
    pub data: String,
}

/// A page of a share's log.
#[derive(Debug, Clone, Deserialize)]
pub struct LogPage {
    #[serde(default)]
    pub snapshot: Option<Snapshot>,
    #[serde(default)]
    pub changes: Vec<Sealed>,
    #[serde(default)]
    pub latest: u64,
    #[serde(default)]
    pub more: bool,
}

#[derive(Deserialize)]
struct ApiError {
    #[serde(default)]
    error: String,
    #[serde(default)]
    message: String,
}

fn refusal(reply: &http::Reply) -> ShareError {
    let parsed: Option<ApiError> = serde_json::from_str(&reply.body).ok();
    let kind = parsed.as_ref().map(|e| e.error.as_str()).unwrap_or_default();
    match (reply.status, kind) {
        (401 | 403, _) => ShareError::Forbidden,
        (404 | 410, _) => ShareError::Gone,
        (429, _) => ShareError::TooMany,
        (_, "share_full") => ShareError::ShareFull,
        (413 | 507, _) | (_, "too_large") => ShareError::TooLarge,
        _ => ShareError::Server(match parsed {
            Some(e) if !e.message.is_empty() => e.message,
            _ => format!("HTTP {}", reply.status),
        }),
    }
}

fn url(share: &str, rest: &str) -> String {
    format!("/api/v1/shares/{share}{rest}")
}

/// Makes a new share: its id and write secret.
pub async fn create() -> Result<(String, String), ShareError> {
    let reply = http::send("POST", "/api/v1/shares", None, Some("{}".into())).await.map_err(|_| ShareError::Offline)?;
    if reply.status != 201 && reply.status != 200 {
        return Err(refusal(&reply));
    }
    let created: Created = serde_json::from_str(&reply.body).map_err(|e| ShareError::Server(e.to_string()))?;
    Ok((created.id, created.write))
}

/// Appends one sealed change; the server's number for it.
pub async fn post_change(share: &str, write: &str, data: &str) -> Result<u64, ShareError> {
    let body = serde_json::json!({ "data": data }).to_string();
    let reply = http::send("POST", &url(share, "/changes"), Some(write), Some(body)).await.map_err(|_| ShareError::Offline)?;
    if !(200..300).contains(&reply.status) {
        return Err(refusal(&reply));
    }
    let posted: Posted = serde_json::from_str(&reply.body).map_err(|e| ShareError::Server(e.to_string()))?;
    Ok(posted.seq)
}

/// What the server did with a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotStored {
    /// Stored; the changes it covers are dropped.
    Stored,
    /// Another device's snapshot already covers more: nothing to do.
    Stale,
}

/// Hands the server a sealed snapshot of everything up to change `covers`.
pub async fn put_snapshot(share: &str, write: &str, covers: u64, data: &str) -> Result<SnapshotStored, ShareError> {
    let body = serde_json::json!({ "covers": covers, "data": data }).to_string();
    let reply = http::send("PUT", &url(share, "/snapshot"), Some(write), Some(body)).await.map_err(|_| ShareError::Offline)?;
    match reply.status {
        200..=299 => Ok(SnapshotStored::Stored),
        409 if reply.body.contains("stale_snapshot") => Ok(SnapshotStored::Stale),
        _ => Err(refusal(&reply)),
    }
}

/// The changes after `after` (or a snapshot and the changes after it).
pub async fn fetch(share: &str, after: u64) -> Result<LogPage, ShareError> {
    let reply = http::send("GET", &url(share, &format!("/changes?after={after}")), None, None).await.map_err(|_| ShareError::Offline)?;
    if reply.status != 200 {
        return Err(refusal(&reply));
    }
    serde_json::from_str(&reply.body).map_err(|e| ShareError::Server(e.to_string()))
}

/// Deletes the share and everything the server holds of it.
pub async fn delete(share: &str, write: &str) -> Result<(), ShareError> {
    let reply = http::send("DELETE", &url(share, ""), Some(write), None).await.map_err(|_| ShareError::Offline)?;
    match reply.status {
        200..=299 | 404 | 410 => Ok(()),
        _ => Err(refusal(&reply)),
    }
}

/// The live stream of changes after `after`.
pub fn events_url(share: &str, after: u64) -> String {
    url(share, &format!("/events?after={after}"))
}
