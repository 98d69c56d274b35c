//! Share ids and write secrets: both random from the OS, both base64url without padding.
//!
//! The id names a share (it is in every link, so it is no secret). The write secret is only in
//! edit links; the server keeps its SHA-256 (a 256-bit random secret has nothing to guess
//! offline) and compares hashes in constant time.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// 128 random bits: 22 characters.
pub const ID_LEN: usize = 22;
/// 256 random bits: 43 characters.
pub const SECRET_LEN: usize = 43;

fn random_text<const N: usize>() -> Result<String, String> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| format!("the OS random number generator failed: {e}"))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

pub fn new_id() -> Result<String, String> {
    random_text::<16>()
}

pub fn new_secret() -> Result<String, String> {
    random_text::<32>()
}

/// Whether `text` could be a share id (checked before any lookup; anything else is unknown).
pub fn is_id(text: &str) -> bool {
    text.len() == ID_LEN && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub fn hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// Whether the presented secret's hash is the stored one, in constant time.
pub fn matches(stored: &[u8], presented_hash: &[u8]) -> bool {
    bool::from(stored.ct_eq(presented_hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_secrets_are_random_base64url_of_their_length() {
        let (a, b) = (new_id().unwrap(), new_id().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), ID_LEN);
        assert!(is_id(&a), "{a}");
        let s = new_secret().unwrap();
        assert_eq!(s.len(), SECRET_LEN);
        assert!(s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{s}");
        assert!(!is_id("short"));
        assert!(!is_id("aaaaaaaaaaaaaaaaaaaa/="));
        assert!(!is_id(&"ä".repeat(11)));
    }

    #[test]
    fn only_the_same_secret_matches() {
        let s = new_secret().unwrap();
        let stored = hash(&s);
        assert!(matches(&stored, &hash(&s)));
        assert!(!matches(&stored, &hash(&new_secret().unwrap())));
        assert!(!matches(&stored, &[]));
    }
}
