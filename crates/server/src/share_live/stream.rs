//! The live relay: new changes go to the open event streams of their share.
//!
//! Memory is bounded four ways. Each share with open streams has one broadcast channel of
//! `stream_buffer` entries, shared by its streams (a change is held once, until every stream
//! has sent it or it is overwritten). A change carries its ciphertext only up to `INLINE_MAX`
//! bytes (the usual size); a larger one carries just its number and each stream reads it from
//! the database. A stream that falls further behind than the buffer is ended; the client
//! reconnects with `after` and reads the rest from the database. And streams are capped per
//! share and in all (503 past either cap). At most, then, the channels hold
//! `streams_total × stream_buffer × INLINE_MAX` bytes of changes (16 MB with the defaults).
//!
//! Changes are handed to the relay while the database connection is still held after their
//! commit, so the channel gets them in sequence order; a stream subscribes before it reads its
//! backlog, so no change falls between the backlog and the live ones.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;

use super::limits::ShareConfig;
use super::metrics::ShareMetrics;

/// What a share's streams are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Live {
    /// A change was stored: its number and its ciphertext as base64url (None when it is
    /// larger than `INLINE_MAX`: the stream reads it from the database).
    Change { seq: i64, data: Option<Arc<str>> },
    /// The share was deleted (or expired).
    Deleted,
    /// The server is stopping: the stream ends and the client reconnects.
    Closing,
}

struct Channel {
    sender: broadcast::Sender<Live>,
    streams: usize,
}

pub struct Hub {
    channels: Mutex<Channels>,
    per_share: usize,
    total: usize,
    buffer: usize,
    closing: AtomicBool,
    metrics: ShareMetrics,
}

#[derive(Default)]
struct Channels {
    by_share: HashMap<String, Channel>,
    open: usize,
}

/// The largest change (as base64url text) a channel holds; larger ones are read from the database.
pub const INLINE_MAX: usize = 1024;

impl Live {
    pub fn change(seq: i64, data: String) -> Live {
        Live::Change { seq, data: (data.len() <= INLINE_MAX).then(|| Arc::from(data)) }
    }
}

/// Why a stream was not opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    Share,
    Server,
    Closing,
}

/// An open stream's place: holding it counts the stream; dropping it frees the place (and the
/// share's channel with its last stream).
pub struct Slot {
    hub: Arc<Hub>,
    share: String,
}

impl Hub {
    pub fn new(config: &ShareConfig, metrics: ShareMetrics) -> Hub {
        Hub {
            channels: Mutex::new(Channels::default()),
            per_share: config.streams_per_share,
            total: config.streams_total,
            buffer: config.stream_buffer.max(1),
            closing: AtomicBool::new(false),
            metrics,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Channels> {
        self.channels.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A place for one more stream of `share`, and its receiver of live changes.
    pub fn subscribe(self: &Arc<Self>, share: &str) -> Result<(Slot, broadcast::Receiver<Live>), Full> {
        if self.closing.load(Ordering::SeqCst) {
            return Err(Full::Closing);
        }
        let mut channels = self.lock();
        if channels.open >= self.total {
            return Err(Full::Server);
        }
        let buffer = self.buffer;
        let channel =
            channels.by_share.entry(share.to_string()).or_insert_with(|| Channel { sender: broadcast::channel(buffer).0, streams: 0 });
        if channel.streams >= self.per_share {
            return Err(Full::Share);
        }
        channel.streams += 1;
        let receiver = channel.sender.subscribe();
        channels.open += 1;
        self.metrics.open_streams.set(channels.open as i64);
        Ok((Slot { hub: self.clone(), share: share.to_string() }, receiver))
    }

    /// Tells the share's open streams (if any).
    pub fn send(&self, share: &str, live: Live) {
        let channels = self.lock();
        if let Some(channel) = channels.by_share.get(share) {
            // No receiver left is not an error: the last stream is just closing.
            let _ = channel.sender.send(live);
        }
    }

    /// Ends every stream (the server is stopping) and refuses new ones.
    pub fn close_all(&self) {
        self.closing.store(true, Ordering::SeqCst);
        for channel in self.lock().by_share.values() {
            let _ = channel.sender.send(Live::Closing);
        }
    }

    pub fn open_streams(&self) -> usize {
        self.lock().open
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut channels = self.hub.lock();
        if let Some(channel) = channels.by_share.get_mut(&self.share) {
            channel.streams -= 1;
            if channel.streams == 0 {
                channels.by_share.remove(&self.share);
            }
        }
        channels.open -= 1;
        self.hub.metrics.open_streams.set(channels.open as i64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hub(per_share: usize, total: usize, buffer: usize) -> Arc<Hub> {
        let config = ShareConfig { streams_per_share: per_share, streams_total: total, stream_buffer: buffer, ..ShareConfig::default() };
        Arc::new(Hub::new(&config, ShareMetrics::default()))
    }

    fn change(seq: i64) -> Live {
        Live::change(seq, "AAAA".into())
    }

    #[test]
    fn only_small_changes_ride_in_the_channel() {
        assert_eq!(Live::change(1, "A".repeat(INLINE_MAX)), Live::Change { seq: 1, data: Some(Arc::from("A".repeat(INLINE_MAX))) });
        assert_eq!(Live::change(2, "A".repeat(INLINE_MAX + 1)), Live::Change { seq: 2, data: None });
    }

    #[test]
    fn streams_are_capped_per_share_and_in_all() {
        let hub = hub(2, 3, 4);
        let a1 = hub.subscribe("a").unwrap();
        let _a2 = hub.subscribe("a").unwrap();
        assert_eq!(hub.subscribe("a").err(), Some(Full::Share));
        let _b1 = hub.subscribe("b").unwrap();
        assert_eq!(hub.subscribe("c").err(), Some(Full::Server));
        drop(a1);
        assert_eq!(hub.open_streams(), 2);
        assert!(hub.subscribe("c").is_ok());
    }

    #[test]
    fn changes_reach_the_share_s_streams_only_and_channels_go_with_their_last_stream() {
        let hub = hub(4, 10, 4);
        let (slot_a, mut a) = hub.subscribe("a").unwrap();
        let (_slot_b, mut b) = hub.subscribe("b").unwrap();
        hub.send("a", change(1));
        assert_eq!(a.try_recv().unwrap(), change(1));
        assert!(b.try_recv().is_err());
        drop(slot_a);
        assert!(!hub.lock().by_share.contains_key("a"));
        hub.send("a", change(2));
        assert_eq!(hub.open_streams(), 1);
    }

    #[test]
    fn a_reader_further_behind_than_the_buffer_is_told_it_lagged() {
        let hub = hub(4, 10, 2);
        let (_slot, mut rx) = hub.subscribe("a").unwrap();
        for seq in 1..=3 {
            hub.send("a", change(seq));
        }
        assert!(matches!(rx.try_recv(), Err(broadcast::error::TryRecvError::Lagged(1))));
    }

    #[test]
    fn closing_ends_streams_and_refuses_new_ones() {
        let hub = hub(4, 10, 2);
        let (_slot, mut rx) = hub.subscribe("a").unwrap();
        hub.close_all();
        assert_eq!(rx.try_recv().unwrap(), Live::Closing);
        assert_eq!(hub.subscribe("b").err(), Some(Full::Closing));
    }
}
