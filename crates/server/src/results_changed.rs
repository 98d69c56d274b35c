//! "Published results changed": a counter and a wake-up, which request handlers bump (through
//! `Ops`) and the snapshot hook's background task waits on. Its own small room, so the handlers'
//! state need not know the hook that listens.

use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::Notify;

#[derive(Default)]
pub struct ResultsChanged {
    changes: AtomicU64,
    wake: Notify,
}

impl ResultsChanged {
    /// Published results changed: whoever waits is woken (this never waits).
    pub fn changed(&self) {
        self.changes.fetch_add(1, Ordering::SeqCst);
        self.wake.notify_one();
    }

    /// How many changes there have been; a waiter compares it with what it last took.
    pub fn count(&self) -> u64 {
        self.changes.load(Ordering::SeqCst)
    }

    /// Waits for the next `changed` (or one that came while nobody waited).
    pub async fn notified(&self) {
        self.wake.notified().await
    }

    /// Wakes the waiter again (changes came in while it ran).
    pub fn wake_again(&self) {
        self.wake.notify_one();
    }
}
