//! Publishing tokens and the brake on guessing them.
//!
//! A token is 256 random bits from the OS, shown once when issued and stored only as its
//! SHA-256 (enough for a high-entropy secret: there is nothing to brute-force offline).
//! Checking a token compares its hash with every active token's hash in constant time.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::db::ActiveToken;

pub const TOKEN_PREFIX: &str = "blt_";
const TOKEN_BYTES: usize = 32;

/// A new token: `blt_` and 64 hex digits (256 bits from the OS RNG).
pub fn generate_token() -> Result<String, String> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes).map_err(|e| format!("the OS random number generator failed: {e}"))?;
    Ok(format!("{TOKEN_PREFIX}{}", hex(&bytes)))
}

pub fn hash_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The token from an `Authorization: Bearer …` header value, if it has that form.
pub fn bearer(header: Option<&str>) -> Option<&str> {
    let value = header?.trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The active token `token` is, if any. Every stored hash is compared, each in constant time.
pub fn find_token<'t>(token: &str, active: &'t [ActiveToken]) -> Option<&'t ActiveToken> {
    let hash = hash_token(token);
    let mut found = None;
    for candidate in active {
        if bool::from(candidate.hash.ct_eq(&hash)) {
            found = Some(candidate);
        }
    }
    found
}

/// Failed authentications per client address. The first `FREE_FAILURES` cost nothing; after
/// that the address must wait 1 s, then 2 s, 4 s … (at most `MAX_BLOCK`) before its next try,
/// and tries while waiting are answered 429 without looking at the token. Only time forgets:
/// `FORGET_AFTER` without failures. A success does not (else whoever holds one valid token
/// could guess others without limit, a success between every few guesses).
pub struct FailureBrake {
    entries: Mutex<HashMap<IpAddr, Failures>>,
}

struct Failures {
    count: u32,
    last: Instant,
    blocked_until: Option<Instant>,
}

pub const FREE_FAILURES: u32 = 5;
const MAX_BLOCK: Duration = Duration::from_secs(300);
const FORGET_AFTER: Duration = Duration::from_secs(3600);
const MAX_ENTRIES: usize = 100_000;

impl Default for FailureBrake {
    fn default() -> Self {
        FailureBrake { entries: Mutex::new(HashMap::new()) }
    }
}

impl FailureBrake {
    /// `Err(wait)` while the address is blocked.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        match entries.get(&ip).and_then(|f| f.blocked_until) {
            Some(until) if until > now => Err(until - now),
            _ => Ok(()),
        }
    }

    pub fn failed(&self, ip: IpAddr, now: Instant) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, f| now.duration_since(f.last) < FORGET_AFTER);
        }
        let f = entries.entry(ip).or_insert(Failures { count: 0, last: now, blocked_until: None });
        if now.duration_since(f.last) >= FORGET_AFTER {
            f.count = 0;
        }
        f.count += 1;
        f.last = now;
        if f.count >= FREE_FAILURES {
            let doublings = (f.count - FREE_FAILURES).min(16);
            let wait = Duration::from_secs(1u64 << doublings).min(MAX_BLOCK);
            f.blocked_until = Some(now + wait);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let a = generate_token().unwrap();
        let b = generate_token().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), TOKEN_PREFIX.len() + 64);
        assert_eq!(hash_token(&a).len(), 32);
        let active = vec![
            ActiveToken { id: 1, kommun_code: "1880".into(), hash: hash_token(&a) },
            ActiveToken { id: 2, kommun_code: "0180".into(), hash: hash_token(&b) },
        ];
        assert_eq!(find_token(&b, &active).map(|t| t.id), Some(2));
        assert!(find_token("blt_wrong", &active).is_none());
    }

    #[test]
    fn bearer_header_forms() {
        assert_eq!(bearer(Some("Bearer abc")), Some("abc"));
        assert_eq!(bearer(Some("bearer   abc ")), Some("abc"));
        assert_eq!(bearer(Some("Basic abc")), None);
        assert_eq!(bearer(Some("Bearer ")), None);
        assert_eq!(bearer(None), None);
    }

    #[test]
    fn brake_doubles_and_forgets_only_with_time() {
        let brake = FailureBrake::default();
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..FREE_FAILURES - 1 {
            brake.failed(ip, t0);
            assert!(brake.check(ip, t0).is_ok());
        }
        brake.failed(ip, t0);
        assert_eq!(brake.check(ip, t0), Err(Duration::from_secs(1)));
        assert!(brake.check(ip, t0 + Duration::from_secs(1)).is_ok());
        brake.failed(ip, t0 + Duration::from_secs(1));
        assert_eq!(brake.check(ip, t0 + Duration::from_secs(1)), Err(Duration::from_secs(2)));
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(brake.check(other, t0).is_ok());
        // Failures keep counting until an hour passes without any.
        let later = t0 + Duration::from_secs(3);
        brake.failed(ip, later);
        assert_eq!(brake.check(ip, later), Err(Duration::from_secs(4)));
        let much_later = later + FORGET_AFTER;
        brake.failed(ip, much_later);
        assert!(brake.check(ip, much_later).is_ok(), "forgotten: the count starts over");
    }
}
