//! One share's event stream (`GET /shares/{share}/events`): the stored changes after `after`
//! first, read from the database a page at a time, then the live ones from the relay.
//!
//! Events: `snapshot` (`{"covers", "data"}`, when `after` is behind the stored snapshot),
//! `change` (`{"seq", "data"}`, with `id: seq` so a browser's EventSource resumes by itself),
//! `deleted`. The stream ends when the share is deleted, when the reader falls behind the
//! relay's buffer (it reconnects with `after`/`Last-Event-ID` and reads on from the database)
//! and when the server stops.

use std::collections::VecDeque;
use std::convert::Infallible;

use axum::response::sse::Event;
use futures_util::Stream;
use serde_json::json;
use tokio::sync::broadcast::{self, error::RecvError};

use super::ciphertext;
use super::store::{self, Page, Refusal};
use crate::db::Db;
use crate::share_live::stream::{Live, Slot};

/// Changes read from the database per backlog page (a page is held while it is sent).
const BACKLOG_PAGE: usize = 100;
const BACKLOG_PAGE_BYTES: usize = 512 * 1024;

enum Phase {
    Backlog,
    Live,
    Done,
}

struct State {
    db: Db,
    share: String,
    /// The last sequence number sent.
    after: i64,
    receiver: broadcast::Receiver<Live>,
    phase: Phase,
    ready: VecDeque<Event>,
    _slot: Slot,
}

pub fn change_event(seq: i64, data: &str) -> Event {
    Event::default().event("change").id(seq.to_string()).data(json!({"seq": seq, "data": data}).to_string())
}

fn deleted_event() -> Event {
    Event::default().event("deleted").data("{}")
}

/// The events of `share` after `after`, for a stream that holds `slot` and was subscribed to
/// the relay (`receiver`) before this reads anything.
pub fn events(
    db: Db,
    share: String,
    after: i64,
    slot: Slot,
    receiver: broadcast::Receiver<Live>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let state = State { db, share, after, receiver, phase: Phase::Backlog, ready: VecDeque::new(), _slot: slot };
    futures_util::stream::unfold(state, |mut state| async move {
        loop {
            if let Some(event) = state.ready.pop_front() {
                return Some((Ok(event), state));
            }
            match state.phase {
                Phase::Done => return None,
                Phase::Backlog => state.backlog_page().await,
                Phase::Live => state.live().await,
            }
        }
    })
}

impl State {
    async fn backlog_page(&mut self) {
        let (share, after) = (self.share.clone(), self.after);
        let now = crate::now().millis();
        let read = self.db.call(move |conn| store::read(conn, &share, after, BACKLOG_PAGE, BACKLOG_PAGE_BYTES, now, i64::MIN)).await;
        match read {
            Ok(Ok(Page { snapshot, changes, more, .. })) => {
                if let Some(s) = snapshot {
                    let data = ciphertext::encode(&s.data);
                    self.ready.push_back(Event::default().event("snapshot").data(json!({"covers": s.covers, "data": data}).to_string()));
                    self.after = s.covers;
                }
                for c in changes {
                    self.ready.push_back(change_event(c.seq, &ciphertext::encode(&c.data)));
                    self.after = c.seq;
                }
                if !more {
                    self.phase = Phase::Live;
                }
            }
            Ok(Err(Refusal::Deleted)) => {
                self.ready.push_back(deleted_event());
                self.phase = Phase::Done;
            }
            Ok(Err(_)) => self.phase = Phase::Done,
            Err(e) => {
                tracing::error!(error = %e, "reading a share's backlog failed");
                self.phase = Phase::Done;
            }
        }
    }

    async fn live(&mut self) {
        match self.receiver.recv().await {
            // Sent by the backlog already.
            Ok(Live::Change { seq, .. }) if seq <= self.after => {}
            Ok(Live::Change { seq, data: Some(data) }) if seq == self.after + 1 => {
                self.ready.push_back(change_event(seq, &data));
                self.after = seq;
            }
            // Too large to ride in the channel: read from the database (it is committed).
            Ok(Live::Change { seq, data: None }) if seq == self.after + 1 => self.phase = Phase::Backlog,
            // A gap cannot happen (changes are relayed in order); if it did, the client
            // reconnecting with `after` reads what is missing from the database.
            Ok(Live::Change { .. }) => self.phase = Phase::Done,
            Ok(Live::Deleted) => {
                self.ready.push_back(deleted_event());
                self.phase = Phase::Done;
            }
            // Behind the buffer (a slow reader), or the server stopping: end; the client
            // reconnects with `after`.
            Ok(Live::Closing) | Err(RecvError::Lagged(_)) | Err(RecvError::Closed) => self.phase = Phase::Done,
        }
    }
}
