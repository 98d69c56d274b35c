//! The parsed current results per set version and the open reads' rendered JSON, kept until
//! the next publish or withdrawal (a generation counter tells stale from fresh).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use blomlada_domain::catalog::SetRef;
use blomlada_domain::result_file::ResultFile;

#[derive(Default)]
pub struct ResultsCache {
    pub(crate) generation: AtomicU64,
    pub(crate) map: Mutex<HashMap<SetRef, Arc<Vec<ResultFile>>>>,
    /// The open reads' JSON, ready to send, per normalised query: reads vastly outnumber
    /// publishes and their answer only changes with a publish or withdrawal.
    pub(crate) rendered: Mutex<HashMap<String, Bytes>>,
    /// One rendering at a time: when many readers miss at once (right after a publish), one
    /// renders and the rest wait for its result instead of each building megabytes of JSON.
    pub(crate) rendering: tokio::sync::Mutex<()>,
}

/// Distinct queries kept rendered; past this the cache starts over (queries are free text).
const MAX_RENDERED: usize = 256;

impl ResultsCache {
    pub fn invalidate(&self) {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        let mut rendered = self.rendered.lock().unwrap_or_else(|p| p.into_inner());
        self.generation.fetch_add(1, Ordering::SeqCst);
        map.clear();
        rendered.clear();
    }

    /// Counts publishes and withdrawals: whatever was rendered at an older generation is stale.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    pub(crate) fn rendered(&self, key: &str) -> Option<Bytes> {
        self.rendered.lock().unwrap_or_else(|p| p.into_inner()).get(key).cloned()
    }

    pub(crate) fn put_rendered(&self, key: String, read_at: u64, bytes: Bytes) {
        let mut rendered = self.rendered.lock().unwrap_or_else(|p| p.into_inner());
        if self.generation.load(Ordering::SeqCst) == read_at {
            if rendered.len() >= MAX_RENDERED {
                rendered.clear();
            }
            rendered.insert(key, bytes);
        }
    }

    pub(crate) fn get(&self, r: &SetRef) -> Option<Arc<Vec<ResultFile>>> {
        self.map.lock().unwrap_or_else(|p| p.into_inner()).get(r).cloned()
    }

    pub(crate) fn put(&self, r: SetRef, read_at: u64, results: Arc<Vec<ResultFile>>) {
        let mut map = self.map.lock().unwrap_or_else(|p| p.into_inner());
        if self.generation.load(Ordering::SeqCst) == read_at {
            map.insert(r, results);
        }
    }
}
