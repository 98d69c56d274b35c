//! What one share, one client and the whole server may hold: every input the share API takes
//! is bounded here, in one place, so the operator can read what a share costs at most.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One change, as ciphertext bytes (nonce, ciphertext and tag). A user action is a few hundred;
/// the largest single one is a 4 000-character comment of 4-byte characters (16 000 bytes of
/// text, more with JSON escapes), which must fit whole: a change cannot be split.
pub const MAX_CHANGE_BYTES: usize = 32 * 1024;
/// One snapshot, as ciphertext bytes: a whole assessment with comments and plans.
pub const MAX_SNAPSHOT_BYTES: usize = 2 * 1024 * 1024;
/// The smallest ciphertext AES-GCM makes: a 12-byte nonce and a 16-byte tag.
pub const MIN_CIPHERTEXT_BYTES: usize = 12 + 16;
/// Changes stored per share; a snapshot drops the changes it covers and makes room.
pub const MAX_CHANGES_PER_SHARE: i64 = 20_000;
/// Change bytes stored per share (besides the snapshot), whatever their count.
pub const MAX_CHANGE_BYTES_PER_SHARE: i64 = 32 * 1024 * 1024;
/// Changes one read returns at most (`"more": true` says there are further ones) …
pub const PAGE_CHANGES: usize = 1000;
/// … and about this many bytes of them (at least one change is always returned).
pub const PAGE_BYTES: usize = 4 * 1024 * 1024;
/// A request body is read within this time, or refused (408): a client trickling a body
/// does not hold a connection and its buffer for ever.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// A request body's limit: the base64url text of `bytes` ciphertext bytes plus the JSON around it.
pub const fn body_limit(bytes: usize) -> usize {
    bytes.div_ceil(3) * 4 + 256
}

/// The operator's settings and the limits that depend on them.
#[derive(Debug, Clone)]
pub struct ShareConfig {
    /// A share no one wrote to or read for this long is deleted (`--share-expiry-days`).
    pub expiry: Duration,
    /// How often the expiry sweep runs.
    pub sweep_every: Duration,
    /// Shares one client address (an IPv6 client by its /64) may create per hour.
    pub shares_per_hour: u32,
    /// Open event streams per share (a workshop of 30 editors, each with a second tab or the
    /// view link on the wall, must all be live: a device refused a stream only catches up by
    /// reading every few seconds) …
    pub streams_per_share: usize,
    /// … and in all.
    pub streams_total: usize,
    /// Live changes kept per share for streams that have not sent them yet; a stream further
    /// behind is ended (it reconnects with `after` and gets the rest from the database).
    pub stream_buffer: usize,
}

pub const DEFAULT_EXPIRY_DAYS: u32 = 180;

impl Default for ShareConfig {
    fn default() -> Self {
        ShareConfig::with_expiry(Duration::from_secs(u64::from(DEFAULT_EXPIRY_DAYS) * 86_400))
    }
}

impl ShareConfig {
    /// The defaults with another expiry; the sweep runs ten times per expiry period, at most
    /// hourly and at least every second.
    pub fn with_expiry(expiry: Duration) -> ShareConfig {
        ShareConfig {
            expiry,
            sweep_every: (expiry / 10).clamp(Duration::from_secs(1), Duration::from_secs(3600)),
            shares_per_hour: 20,
            streams_per_share: 64,
            streams_total: 1000,
            stream_buffer: 16,
        }
    }

    /// Reads refresh a share's `touched_at` at most this often (a read is then a write).
    pub fn touch_every(&self) -> Duration {
        (self.expiry / 20).min(Duration::from_secs(86_400))
    }
}

/// Shares created per client address in the current hour (a fixed window per address).
pub struct CreationLimit {
    per_hour: u32,
    entries: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

const WINDOW: Duration = Duration::from_secs(3600);
/// Addresses remembered at most; past this, windows that ended are forgotten first.
const MAX_ADDRESSES: usize = 100_000;

impl CreationLimit {
    pub fn new(per_hour: u32) -> CreationLimit {
        CreationLimit { per_hour, entries: Mutex::new(HashMap::new()) }
    }

    /// Counts one creation for `ip`; `Err(wait)` when its hour is used up.
    pub fn take(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let key = client_key(ip);
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_ADDRESSES && !entries.contains_key(&key) {
            entries.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
            if entries.len() >= MAX_ADDRESSES {
                // Every remembered address is within its hour: refuse rather than grow.
                return Err(WINDOW);
            }
        }
        let (start, count) = entries.entry(key).or_insert((now, 0));
        if now.duration_since(*start) >= WINDOW {
            *start = now;
            *count = 0;
        }
        if *count >= self.per_hour {
            return Err(WINDOW.saturating_sub(now.duration_since(*start)));
        }
        *count += 1;
        Ok(())
    }
}

/// An IPv4 address as it is; an IPv6 address by its /64 (one subscriber usually has a whole /64).
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creation_is_limited_per_address_and_hour() {
        let limit = CreationLimit::new(3);
        let t0 = Instant::now();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..3 {
            assert!(limit.take(a, t0).is_ok());
        }
        let wait = limit.take(a, t0 + Duration::from_secs(600)).unwrap_err();
        assert_eq!(wait, Duration::from_secs(3000));
        assert!(limit.take(b, t0).is_ok(), "another address has its own hour");
        assert!(limit.take(a, t0 + WINDOW).is_ok(), "a new hour starts over");
    }

    #[test]
    fn ipv6_clients_count_by_their_64() {
        let limit = CreationLimit::new(1);
        let t0 = Instant::now();
        assert!(limit.take("2001:db8:1:2::1".parse().unwrap(), t0).is_ok());
        assert!(limit.take("2001:db8:1:2:ffff::9".parse().unwrap(), t0).is_err());
        assert!(limit.take("2001:db8:1:3::1".parse().unwrap(), t0).is_ok());
    }

    #[test]
    fn body_limits_fit_the_ciphertext() {
        // 32 KiB of ciphertext is 43 692 base64url characters (unpadded: 43 691).
        assert!(body_limit(MAX_CHANGE_BYTES) >= 43_692 + r#"{"data":""}"#.len());
        assert!(body_limit(MAX_CHANGE_BYTES) < 2 * MAX_CHANGE_BYTES);
    }

    #[test]
    fn the_sweep_runs_often_enough_for_any_expiry() {
        assert_eq!(ShareConfig::default().sweep_every, Duration::from_secs(3600));
        assert_eq!(ShareConfig::with_expiry(Duration::from_secs(2)).sweep_every, Duration::from_secs(1));
        assert_eq!(ShareConfig::with_expiry(Duration::from_secs(100)).sweep_every, Duration::from_secs(10));
    }
}
