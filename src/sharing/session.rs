//! One shared assessment kept in sync while the app runs. After each local save the domain's
//! `sync::diff` finds what changed; the replica stamps it (`Replica::record`) into an envelope
//! that is queued in the record at once and sent, sealed, when the network allows. Changes from
//! the server's live stream are opened, merged by the replica and taken into the page's signals
//! (only those that changed). Nothing here runs on a click's path: saves happen after the frame.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use blomlada_domain::sync::compaction::{enough_since_last, snapshot_due, LogPosition, NotDue};
use blomlada_domain::sync::{self, Envelope, Replica, Snapshot, Stamp};
use blomlada_domain::{Assessment, IndicatorSet};
use leptos::prelude::*;
use serde::Deserialize;

use super::api::{self, Sealed, ShareError};
use super::device;
use super::record::{self, ShareRecord};
use crate::app_state::{AppState, AssessmentHandle};
use crate::browser::crypto::{self, ShareKey};
use crate::browser::live::{self, LiveEvent, LiveStream};

/// How long to wait before trying the network again.
const RETRY: Duration = Duration::from_secs(2);
/// Plaintext bytes per envelope: sealed and in base64 it stays within the server's 16 KiB.
pub const MAX_ENVELOPE_BYTES: usize = blomlada_domain::sync::change::MAX_SENT_ENVELOPE_BYTES;

/// What the share page shows about a session.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Status {
    /// The live stream is open.
    pub connected: bool,
    /// Changes made here that the server has not acknowledged yet.
    pub pending: usize,
    /// The last problem, until things work again.
    pub problem: Option<ShareError>,
    /// Who changed something last, and when.
    pub last: Option<(String, Stamp)>,
    /// Changes from others that the domain refused (not applied).
    pub refused: usize,
}

struct Session {
    state: AppState,
    handle: AssessmentHandle,
    set: Arc<IndicatorSet>,
    key: ShareKey,
    record: ShareRecord,
    replica: Replica,
    /// The assessment as it was after the last sync with the handle: what `diff` compares to.
    baseline: Assessment,
    stream: Option<LiveStream>,
    sending: bool,
    /// Deliveries being opened and merged: the cursor may pass a change still being opened, so
    /// no snapshot is made while any is under way.
    receiving: usize,
    /// A snapshot is being sealed and sent.
    compacting: bool,
    /// The server said the share is full: the next snapshot is due at once.
    share_full: bool,
    /// A write of the record is scheduled (changes from others are written after a pause).
    save_scheduled: bool,
    status: ArcRwSignal<Status>,
}

impl Session {
    /// Puts a recorded envelope in the send queue, in parts the server takes.
    fn queue(&mut self, author: &str, envelope: Envelope) {
        for part in Envelope::split(author, envelope.changes, MAX_ENVELOPE_BYTES) {
            self.record.pending.push_back(part.to_json());
        }
    }

    fn save(&mut self) {
        self.save_scheduled = false;
        self.record.replica = self.replica.snapshot().to_json();
        let _ = record::save(&self.record);
    }
}

/// How long the record waits to be written after changes from others: a burst of them is one
/// write of the replica, not one per change. Losing it (a closed tab) only means reading those
/// changes again from the server, which is harmless (applying is idempotent).
const REMOTE_SAVE_PAUSE: Duration = Duration::from_millis(500);

fn save_later(id: &str) {
    let Some(session) = session(id) else { return };
    if std::mem::replace(&mut session.borrow_mut().save_scheduled, true) {
        return;
    }
    let id = id.to_string();
    set_timeout(
        move || {
            if let Some(s) = session_of(&id) {
                let mut s = s.borrow_mut();
                if s.save_scheduled {
                    s.save();
                }
            }
        },
        REMOTE_SAVE_PAUSE,
    );
}

thread_local! {
    static SESSIONS: RefCell<HashMap<String, Rc<RefCell<Session>>>> = RefCell::new(HashMap::new());
    /// Each shared assessment's status, made on first ask (a page may ask before its session runs).
    static STATUS: RefCell<HashMap<String, ArcRwSignal<Status>>> = RefCell::new(HashMap::new());
    static LISTENING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Shares whose tab lock this tab holds (it runs their sessions).
    static LEADING: RefCell<std::collections::HashSet<String>> = RefCell::new(std::collections::HashSet::new());
}

/// Writes waiting records when the page goes away, and follows the browser's word on the network: offline, every stream is closed (a stream does not
/// always notice); back online, every session reads what it missed and sends its queue at once.
fn follow_network() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    // A page that goes away writes what waits for its pause.
    crate::browser::page_lifecycle::on_leave(|| {
        let sessions: Vec<_> = SESSIONS.with(|s| s.borrow().values().cloned().collect());
        for s in sessions {
            let mut s = s.borrow_mut();
            if s.save_scheduled {
                s.save();
            }
        }
    });
    live::on_network_change(|online| {
        let ids: Vec<String> = SESSIONS.with(|s| s.borrow().keys().cloned().collect());
        for id in ids {
            if online {
                reconnect(&id);
                pump(id);
            } else if let Some(s) = session(&id) {
                let mut s = s.borrow_mut();
                s.stream = None;
                s.status.update(|st| {
                    st.connected = false;
                    st.problem = Some(ShareError::Offline);
                });
            }
        }
    });
}

pub fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

fn session(id: &str) -> Option<Rc<RefCell<Session>>> {
    SESSIONS.with(|s| s.borrow().get(id).cloned())
}

/// The status of assessment `id`'s session (the default while it has none).
pub fn status(id: &str) -> ArcRwSignal<Status> {
    STATUS.with(|s| s.borrow_mut().entry(id.to_string()).or_insert_with(|| ArcRwSignal::new(Status::default())).clone())
}

/// The replica of a running session, for the share page's lists (history, since you looked).
pub fn with_replica<R>(id: &str, f: impl FnOnce(&Replica, &ShareRecord) -> R) -> Option<R> {
    session(id).map(|s| {
        let s = s.borrow();
        f(&s.replica, &s.record)
    })
}

/// Remembers that the user has looked at everything up to now.
pub fn mark_seen(id: &str) {
    if let Some(s) = session(id) {
        let mut s = s.borrow_mut();
        s.record.seen = s.replica.latest().cloned();
        let seq = s.record.cursor;
        s.record.seen_seq = Some(seq);
        s.record.arrivals.retain(|(at, _)| *at > seq);
        s.save();
    }
}

/// Starts a session for every shared assessment this browser holds, and hooks the saves.
pub fn start_all(state: AppState) {
    for record in record::load_all() {
        let id = record.assessment.clone();
        if session(&id).is_some() {
            continue;
        }
        if state.handle(&id).is_none() {
            // The assessment was deleted here: its share record goes with it.
            record::remove(&id);
            continue;
        }
        leptos::task::spawn_local(async move {
            if let Err(e) = start(state, record).await {
                status(&id).update(|s| s.problem = Some(e));
            }
        });
    }
}

/// Starts (or restarts) the session of one shared assessment, in the one tab of this browser
/// that holds the share's lock (`browser::tab_lock`); another tab shows the assessment and its
/// edits reach the session through storage (the app merges what other tabs write). When the
/// leading tab closes, the next one takes over with the record as it was left, queue and all.
pub async fn start(state: AppState, record: ShareRecord) -> Result<(), ShareError> {
    let id = record.assessment.clone();
    state.shared.update(|s| {
        s.insert(id.clone(), record.write.is_some());
    });
    if LEADING.with(|l| l.borrow().contains(&id)) {
        let handle = state.handle(&id).ok_or(ShareError::Gone)?;
        return run(state, handle, record).await;
    }
    crate::browser::tab_lock::when_leader(&format!("{}{id}", record::PREFIX), move || {
        LEADING.with(|l| l.borrow_mut().insert(id.clone()));
        leptos::task::spawn_local(async move {
            // The record as the tab that led before left it (its queue included).
            let record = record::load(&id).unwrap_or(record);
            let Some(handle) = state.handle(&id) else { return };
            if let Err(e) = run(state, handle, record).await {
                status(&id).update(|s| s.problem = Some(e));
            }
        });
    });
    Ok(())
}

async fn run(state: AppState, handle: AssessmentHandle, record: ShareRecord) -> Result<(), ShareError> {
    crate::app_state::set_on_saved(move |handle| on_saved(&handle.id()));
    follow_network();
    let raw = record.link().map(|l| l.key).ok_or(ShareError::WrongKey)?;
    let key = crypto::import_key(&raw).await.map_err(|_| ShareError::WrongKey)?;
    let set = super::indicator_set(state, &record.set).await.map_err(ShareError::Server)?;
    let replica = Snapshot::parse(&record.replica).map(|s| s.restore(&set).0).unwrap_or_default();
    let id = record.assessment.clone();
    let status = status(&id);
    status.set(Status { pending: record.pending.len(), last: last_change(&replica), ..Status::default() });
    // The handle may lack remote changes whose merge was stored in the record but not yet in the
    // assessment's own entry, and the replica may lack edits made here while no session ran:
    // per indicator the later wins, and what survives of ours is sent (`sync::resume`).
    let sync::resume::Resumed { merged, baseline } = sync::resume::resume(&replica, &handle.snapshot_untracked());
    state.absorb_remote(handle, merged);
    show_authors(handle, &set, &replica, replica.registers().filter_map(|(t, _)| t.indicator_id()));
    let session = Session {
        state,
        handle,
        set,
        key,
        record,
        replica,
        baseline,
        stream: None,
        sending: false,
        receiving: 0,
        compacting: false,
        share_full: false,
        save_scheduled: false,
        status,
    };
    SESSIONS.with(|s| s.borrow_mut().insert(id.clone(), Rc::new(RefCell::new(session))));
    // Local edits that survived the start become changes now.
    on_saved(&id);
    connect(&id);
    pump(id);
    Ok(())
}

/// Ends the session (stop sharing, a share the server deleted); the assessment stays.
pub fn stop(id: &str) {
    if let Some(s) = SESSIONS.with(|s| s.borrow_mut().remove(id)) {
        let mut s = s.borrow_mut();
        s.stream = None;
        s.state.shared.update(|m| {
            m.remove(id);
        });
    }
}

/// Shows on each indicator whose registers `targets` touch who changed it last (and its
/// earlier values, who works where: `views`).
fn show_authors<'a>(handle: AssessmentHandle, set: &Arc<IndicatorSet>, replica: &Replica, ids: impl Iterator<Item = &'a str>) {
    let mut seen = std::collections::BTreeSet::new();
    for id in ids {
        if seen.insert(id) {
            let last = replica.last_change(id).map(|(author, stamp)| (author.to_string(), stamp.time()));
            handle.set_last_change(id, last);
        }
    }
    super::views::show(handle, set, replica, seen);
}

fn last_change(replica: &Replica) -> Option<(String, Stamp)> {
    let stamp = replica.latest()?.clone();
    let author = replica.registers().map(|(_, r)| r.current()).find(|e| e.stamp == stamp).map(|e| e.author.clone())?;
    Some((author, stamp))
}

/// After a save: what changed since the last sync becomes envelopes in the queue.
fn on_saved(id: &str) {
    let Some(session) = session(id) else { return };
    let mut guard = session.borrow_mut();
    let s = &mut *guard;
    if s.record.write.is_none() {
        return;
    }
    let current = s.handle.snapshot_untracked();
    let edits = sync::diff(&s.baseline, &current);
    if edits.is_empty() {
        return;
    }
    let author = device::this_device().name;
    match s.replica.record(&s.set, &author, edits, &mut s.record.clock, now_ms()) {
        Ok(envelope) => {
            show_authors(s.handle, &s.set, &s.replica, envelope.changes.iter().filter_map(|c| c.target.indicator_id()));
            s.queue(&author, envelope);
        }
        Err(refused) => {
            leptos::logging::warn!("{refused}");
        }
    }
    s.baseline = current;
    s.save();
    let pending = s.record.pending.len();
    let last = last_change(&s.replica);
    s.status.update(|st| {
        st.pending = pending;
        st.last = last;
    });
    drop(guard);
    pump(id.to_string());
}

/// Sends the queue, oldest first, until it is empty or the network or server says no.
fn pump(id: String) {
    leptos::task::spawn_local(async move {
        {
            let Some(session) = session(&id) else { return };
            let mut s = session.borrow_mut();
            if s.sending || s.record.write.is_none() || s.record.pending.is_empty() {
                return;
            }
            s.sending = true;
        }
        loop {
            let Some(session) = session(&id) else { return };
            let next = {
                let s = session.borrow();
                s.record
                    .pending
                    .front()
                    .cloned()
                    .map(|json| (json, s.key.clone(), s.record.share.clone(), s.record.write.clone().unwrap_or_default()))
            };
            let Some((json, key, share, write)) = next else { break };
            let sealed = match crypto::seal(&key, &share, json.as_bytes()).await {
                Ok(b) => super::link::encode(&b),
                Err(_) => break,
            };
            match api::post_change(&share, &write, &sealed).await {
                Ok(_) => {
                    let mut s = session.borrow_mut();
                    if s.record.pending.front() == Some(&json) {
                        s.record.pending.pop_front();
                    }
                    s.save();
                    let pending = s.record.pending.len();
                    s.status.update(|st| {
                        st.pending = pending;
                        if st.problem == Some(ShareError::Offline) {
                            st.problem = None;
                        }
                    });
                }
                Err(e) => {
                    let retry = matches!(e, ShareError::Offline | ShareError::Server(_));
                    let mut s = session.borrow_mut();
                    s.sending = false;
                    if e == ShareError::ShareFull {
                        // A snapshot makes room; the change waits in the queue meanwhile.
                        s.share_full = true;
                        drop(s);
                        compact(&id);
                        let id = id.clone();
                        set_timeout(move || pump(id), RETRY);
                        return;
                    }
                    s.status.update(|st| st.problem = Some(e));
                    if retry {
                        let id = id.clone();
                        set_timeout(move || pump(id), RETRY);
                    }
                    return;
                }
            }
        }
        if let Some(session) = session(&id) {
            session.borrow_mut().sending = false;
        }
    });
}

/// An `event: change` (`seq`) or `event: snapshot` (`covers`: the changes it holds).
#[derive(Deserialize)]
struct StreamChange {
    #[serde(alias = "covers")]
    seq: u64,
    data: String,
}

/// Opens the live stream from the record's cursor; on a break, tries again after a pause.
fn connect(id: &str) {
    let Some(session) = session(id) else { return };
    let url = {
        let s = session.borrow();
        api::events_url(&s.record.share, s.record.cursor)
    };
    let owner = id.to_string();
    let stream = LiveStream::open(&url, move |event| {
        let id = owner.clone();
        let is_snapshot = matches!(event, LiveEvent::Snapshot(_));
        match event {
            LiveEvent::Open => {
                if let Some(s) = session_of(&id) {
                    s.borrow().status.update(|st| {
                        st.connected = true;
                        if st.problem == Some(ShareError::Offline) {
                            st.problem = None;
                        }
                    });
                }
                pump(id);
            }
            LiveEvent::Change(data) | LiveEvent::Snapshot(data) => {
                if let Ok(change) = serde_json::from_str::<StreamChange>(&data) {
                    if is_snapshot {
                        snapshot_seen(&id, change.seq);
                    }
                    leptos::task::spawn_local(async move {
                        receive(&id, vec![Sealed { seq: change.seq, data: change.data }]).await;
                    });
                }
            }
            LiveEvent::Deleted => deleted(&id),
            LiveEvent::Broken => {
                if let Some(s) = session_of(&id) {
                    s.borrow_mut().stream = None;
                    s.borrow().status.update(|st| {
                        st.connected = false;
                        st.problem.get_or_insert(ShareError::Offline);
                    });
                    set_timeout(move || reconnect(&id), RETRY);
                }
            }
        }
    });
    match stream {
        Ok(stream) => session.borrow_mut().stream = Some(stream),
        Err(_) => {
            let id = id.to_string();
            set_timeout(move || reconnect(&id), RETRY);
        }
    }
}

fn session_of(id: &str) -> Option<Rc<RefCell<Session>>> {
    session(id)
}

/// Reconnects after a break, first reading what was missed (and whether the share still
/// exists: a stream refused with 404/410 looks like a network error to the browser).
fn reconnect(id: &str) {
    let Some(session) = session(id) else { return };
    if session.borrow().stream.is_some() {
        return;
    }
    let (share, cursor) = {
        let s = session.borrow();
        (s.record.share.clone(), s.record.cursor)
    };
    let id = id.to_string();
    leptos::task::spawn_local(async move {
        match api::fetch(&share, cursor).await {
            Err(ShareError::Gone) => deleted(&id),
            Ok(page) => {
                if let Some(snapshot) = &page.snapshot {
                    snapshot_seen(&id, snapshot.covers);
                }
                let mut sealed: Vec<Sealed> = page.snapshot.map(|s| Sealed { seq: s.covers, data: s.data }).into_iter().collect();
                sealed.extend(page.changes);
                receive(&id, sealed).await;
                connect(&id);
            }
            Err(_) => set_timeout(move || reconnect(&id), RETRY),
        }
    });
}

fn deleted(id: &str) {
    if let Some(session) = session(id) {
        let mut s = session.borrow_mut();
        s.stream = None;
        s.status.update(|st| {
            st.connected = false;
            st.problem = Some(ShareError::Gone);
        });
    }
}

/// Opens changes from the server in order and merges them. A change GCM refuses is skipped
/// and reported (it was altered, or sealed with another key); everything else still merges.
/// Then, if enough has come since the last snapshot, posts the next one.
pub async fn receive(id: &str, changes: Vec<Sealed>) {
    let Some(session) = session(id) else { return };
    session.borrow_mut().receiving += 1;
    merge_received(id, changes).await;
    session.borrow_mut().receiving -= 1;
    compact(id);
}

/// Notes that the server holds a snapshot covering `covers` (read with the log or the stream).
fn snapshot_seen(id: &str, covers: u64) {
    if let Some(s) = session(id) {
        let mut s = s.borrow_mut();
        s.record.snapshot_covers = s.record.snapshot_covers.max(covers);
    }
}

/// Seals the whole replica (every value and its history) and hands it to the server, which then
/// drops the changes it covers, when the domain says one is due (`sync::compaction`). Only a
/// device with the edit link does; another device's newer snapshot is fine.
fn compact(id: &str) {
    let Some(session) = session(id) else { return };
    let (plain, covers, key, share, write) = {
        let mut s = session.borrow_mut();
        let Some(write) = s.record.write.clone() else { return };
        if s.compacting || s.receiving > 0 {
            return;
        }
        let at = LogPosition { merged: s.record.cursor, covered: s.record.snapshot_covers, share_full: s.share_full };
        // Runs after every delivery: the whole replica is serialised only once a snapshot is due.
        if !enough_since_last(at) {
            return;
        }
        let plain = s.replica.snapshot().to_json();
        match snapshot_due(at, plain.len()) {
            Ok(covers) => {
                s.compacting = true;
                (plain, covers, s.key.clone(), s.record.share.clone(), write)
            }
            Err(NotDue::Early) => return,
            Err(NotDue::TooLarge { plaintext, limit }) => {
                leptos::logging::warn!(
                    "the shared assessment is {plaintext} bytes, more than a snapshot may hold ({limit}); the server keeps its changes"
                );
                return;
            }
        }
    };
    drop(session);
    let id = id.to_string();
    leptos::task::spawn_local(async move {
        let stored = match crypto::seal(&key, &share, plain.as_bytes()).await {
            Ok(sealed) => api::put_snapshot(&share, &write, covers, &super::link::encode(&sealed)).await.ok(),
            Err(_) => None,
        };
        let Some(current) = self::session(&id) else { return };
        let mut s = current.borrow_mut();
        s.compacting = false;
        if stored.is_some() {
            s.record.snapshot_covers = s.record.snapshot_covers.max(covers);
            s.share_full = false;
            s.save();
        }
    });
}

async fn merge_received(id: &str, changes: Vec<Sealed>) {
    let Some(session) = session(id) else { return };
    let (key, share, cursor) = {
        let s = session.borrow();
        (s.key.clone(), s.record.share.clone(), s.record.cursor)
    };
    let mut opened = Vec::new();
    let mut problem = None;
    let mut last_seq = cursor;
    for change in changes.into_iter().filter(|c| c.seq > cursor) {
        last_seq = last_seq.max(change.seq);
        match open_sealed(&key, &share, &change.data).await {
            Ok(envelopes) => opened.extend(envelopes.into_iter().map(|e| (change.seq, e))),
            Err(e) => problem = Some(e),
        }
    }
    if last_seq == cursor {
        return;
    }
    // Local edits not yet saved go into the replica first, so the merge below cannot undo them.
    let state = session.borrow().state;
    state.flush();
    let mut guard = session.borrow_mut();
    let s = &mut *guard;
    let now = now_ms();
    let mut refused = 0;
    let me = device::this_device().id;
    for (seq, envelope) in &opened {
        // Where each change new to this device arrived, for "since you last looked" (a snapshot's
        // entries this device already had are not new).
        for change in &envelope.changes {
            let known = s.replica.register(&change.target).is_some_and(|r| r.entries().iter().any(|e| e.stamp == change.stamp));
            if !known && change.stamp.device != me {
                s.record.arrived(*seq, change.stamp.clone());
            }
        }
        refused += s.replica.receive(&s.set, envelope, &mut s.record.clock, now).refused.len();
    }
    // Deliveries may finish out of order (each waits for its decryption): applying is idempotent
    // and order-free, and the cursor only moves forward.
    s.record.cursor = s.record.cursor.max(last_seq);
    let merged = s.replica.to_assessment(&s.handle.snapshot_untracked());
    s.baseline = merged.clone();
    let last = last_change(&s.replica);
    s.status.update(|st| {
        st.last = last;
        st.refused += refused;
        if let Some(p) = problem {
            st.problem = Some(p);
        }
    });
    let handle = s.handle;
    show_authors(handle, &s.set, &s.replica, opened.iter().flat_map(|(_, e)| e.changes.iter().filter_map(|c| c.target.indicator_id())));
    drop(guard);
    save_later(id);
    state.absorb_remote(handle, merged);
}

/// Decrypts and parses one sealed change (an envelope) or snapshot (its entries, each as an
/// envelope of its author); anything GCM refuses or that is neither is [`ShareError::Tampered`].
pub async fn open_sealed(key: &ShareKey, share: &str, data: &str) -> Result<Vec<Envelope>, ShareError> {
    let bytes = super::link::decode(data).ok_or(ShareError::Tampered)?;
    let plain = crypto::open(key, share, &bytes).await.map_err(|_| ShareError::Tampered)?;
    let json = String::from_utf8(plain).map_err(|_| ShareError::Tampered)?;
    match Envelope::parse(&json) {
        Ok(envelope) => Ok(vec![envelope]),
        Err(_) => {
            let snapshot = Snapshot::parse(&json).map_err(|_| ShareError::Tampered)?;
            Ok(snapshot.entries.into_iter().map(|e| Envelope::new(&e.author, vec![e.change])).collect())
        }
    }
}

/// Why [`record_edits`] did not record.
#[derive(Debug, Clone, PartialEq)]
pub enum NotRecorded {
    /// No session runs in this tab (another tab holds the share's lock).
    OtherTab,
    /// This device has the view link only.
    ViewOnly,
    /// The domain refused the change (its words).
    Refused(String),
}

/// Records edits no save of the assessment makes (a hand-out by link) in the shared log:
/// stamped by the replica, queued and sent like any change.
pub fn record_edits(id: &str, edits: Vec<sync::Edit>) -> Result<(), NotRecorded> {
    let Some(session) = session(id) else { return Err(NotRecorded::OtherTab) };
    {
        let mut guard = session.borrow_mut();
        let s = &mut *guard;
        if s.record.write.is_none() {
            return Err(NotRecorded::ViewOnly);
        }
        let author = device::this_device().name;
        let envelope =
            s.replica.record(&s.set, &author, edits, &mut s.record.clock, now_ms()).map_err(|e| NotRecorded::Refused(e.to_string()))?;
        s.queue(&author, envelope);
        super::views::show(s.handle, &s.set, &s.replica, std::iter::empty());
        s.save();
        let pending = s.record.pending.len();
        s.status.update(|st| st.pending = pending);
    }
    pump(id.to_string());
    Ok(())
}
