//! What this browser keeps of a shared assessment beside the assessment itself (one key per
//! assessment, `blomlada.share.<id>`): the link's secrets, how far the server's log has been
//! read, the changes not yet sent, and the merged replica with its history. Written after every
//! change, so a closed tab or a lost network loses nothing.

use std::collections::VecDeque;

use blomlada_domain::catalog::SetRef;
use blomlada_domain::sync::{Clock, Stamp};
use serde::{Deserialize, Serialize};

use super::link::{self, ShareLink};
use crate::browser::storage;

pub const PREFIX: &str = "blomlada.share.";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShareRecord {
    pub assessment: String,
    pub share: String,
    /// The key, base64url (as in the link).
    pub key: String,
    #[serde(default)]
    pub write: Option<String>,
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub handout_name: Option<String>,
    /// The server's number of the last change read.
    #[serde(default)]
    pub cursor: u64,
    /// Envelopes (their JSON) made here and not yet acknowledged by the server, oldest first.
    #[serde(default)]
    pub pending: VecDeque<String>,
    /// The set version the share answers (its replica is checked against it).
    pub set: SetRef,
    /// The replica as the domain's snapshot JSON (every value and its history).
    pub replica: String,
    pub clock: Clock,
    /// The latest stamp this device had seen when its user last looked at the share page.
    #[serde(default)]
    pub seen: Option<Stamp>,
    /// What the latest snapshot on the server covers, as far as this device knows (so it posts
    /// the next one when enough changes have come since).
    #[serde(default)]
    pub snapshot_covers: u64,
    /// The server's seq when its user last looked ("since you last looked" lists by arrival).
    #[serde(default)]
    pub seen_seq: Option<u64>,
    /// The server's seq at which each change from another device arrived, oldest first (at
    /// most [`MAX_ARRIVALS`]; those up to `seen_seq` are dropped when the user looks).
    #[serde(default)]
    pub arrivals: VecDeque<(u64, Stamp)>,
}

/// Arrivals kept for "since you last looked" (about 100 KB at most in storage).
pub const MAX_ARRIVALS: usize = 2000;

impl ShareRecord {
    /// A record of a share joined or made just now: nothing read, sent or seen yet.
    pub fn new(assessment: String, share: String, key: String, set: SetRef, replica: String, clock: Clock) -> ShareRecord {
        ShareRecord {
            assessment,
            share,
            key,
            write: None,
            groups: Vec::new(),
            handout_name: None,
            cursor: 0,
            pending: VecDeque::new(),
            set,
            replica,
            clock,
            seen: None,
            snapshot_covers: 0,
            seen_seq: None,
            arrivals: VecDeque::new(),
        }
    }

    /// Notes that a change stamped `stamp` arrived at `seq` (bounded: the oldest go first).
    pub fn arrived(&mut self, seq: u64, stamp: Stamp) {
        self.arrivals.push_back((seq, stamp));
        while self.arrivals.len() > MAX_ARRIVALS {
            self.arrivals.pop_front();
        }
    }

    pub fn link(&self) -> Option<ShareLink> {
        Some(ShareLink {
            share: self.share.clone(),
            key: link::decode(&self.key)?,
            write: self.write.clone(),
            groups: self.groups.clone(),
            name: self.handout_name.clone(),
        })
    }
}

pub fn key(assessment: &str) -> String {
    format!("{PREFIX}{assessment}")
}

pub fn load(assessment: &str) -> Option<ShareRecord> {
    storage::read_raw(&key(assessment)).and_then(|raw| serde_json::from_str(&raw).ok())
}

/// Every record in this browser.
pub fn load_all() -> Vec<ShareRecord> {
    storage::keys_with_prefix(PREFIX)
        .iter()
        .filter_map(|k| storage::read_raw(k))
        .filter_map(|raw| serde_json::from_str(&raw).ok())
        .collect()
}

/// The record of a share, by the server's id (a link opened again).
pub fn find_by_share(share: &str) -> Option<ShareRecord> {
    load_all().into_iter().find(|r| r.share == share)
}

pub fn save(record: &ShareRecord) -> Result<(), storage::WriteError> {
    let raw = serde_json::to_string(record).map_err(|e| storage::WriteError::Other(e.to_string()))?;
    storage::write_raw(&key(&record.assessment), &raw)
}

pub fn remove(assessment: &str) {
    storage::remove(&key(assessment));
}
