//! The encrypted bytes the app sends: base64url without padding of `nonce(12) || ciphertext+tag`.
//!
//! The server cannot and does not look inside; it only checks that the text is canonical
//! base64url (so the bytes it stores re-encode to exactly what was sent) and that there are
//! enough bytes to be an AES-GCM message, then keeps the bytes.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::share_live::limits::MIN_CIPHERTEXT_BYTES;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CiphertextError {
    #[error("data is not base64url without padding (A–Z, a–z, 0–9, '-', '_')")]
    NotBase64Url,
    #[error("data is {found} bytes; an encrypted message has at least {MIN_CIPHERTEXT_BYTES} (12-byte nonce and 16-byte tag)")]
    TooShort { found: usize },
    #[error("data is {found} bytes; at most {max} are taken")]
    TooLarge { found: usize, max: usize },
}

/// The bytes of `text`, if it is canonical base64url of `MIN_CIPHERTEXT_BYTES..=max` bytes.
pub fn decode(text: &str, max: usize) -> Result<Vec<u8>, CiphertextError> {
    // Checked on the text first: an oversized body is refused without decoding it.
    let found = text.len() / 4 * 3 + (text.len() % 4).saturating_sub(1);
    if found > max {
        return Err(CiphertextError::TooLarge { found, max });
    }
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| CiphertextError::NotBase64Url)?;
    if bytes.len() < MIN_CIPHERTEXT_BYTES {
        return Err(CiphertextError::TooShort { found: bytes.len() });
    }
    Ok(bytes)
}

pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_base64url_of_enough_bytes_is_taken_as_is() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        let text = encode(&bytes);
        assert_eq!(decode(&text, 1000).unwrap(), bytes);
        assert_eq!(decode(&encode(&[7; 28]), 28).unwrap(), vec![7; 28]);
    }

    #[test]
    fn anything_else_is_refused_with_its_reason() {
        assert_eq!(decode(&encode(&[1; 27]), 100), Err(CiphertextError::TooShort { found: 27 }));
        assert_eq!(decode(&encode(&[1; 101]), 100), Err(CiphertextError::TooLarge { found: 101, max: 100 }));
        let padded = base64::engine::general_purpose::URL_SAFE.encode([1u8; 29]);
        assert!(padded.ends_with('='));
        assert_eq!(decode(&padded, 100), Err(CiphertextError::NotBase64Url));
        let standard = base64::engine::general_purpose::STANDARD_NO_PAD.encode([0xfbu8; 30]);
        assert!(standard.contains('+') || standard.contains('/'));
        assert_eq!(decode(&standard, 100), Err(CiphertextError::NotBase64Url));
        // Non-zero trailing bits would decode to the same bytes as another text: not canonical.
        let mut text = encode(&[1; 29]);
        text.pop();
        text.push('B');
        assert_eq!(decode(&text, 100), Err(CiphertextError::NotBase64Url));
        assert_eq!(decode("", 100), Err(CiphertextError::TooShort { found: 0 }));
    }

    #[test]
    fn the_size_check_before_decoding_is_exact() {
        for n in 28..40 {
            let text = encode(&vec![9; n]);
            assert!(decode(&text, n).is_ok(), "{n}");
            assert_eq!(decode(&text, n - 1), Err(CiphertextError::TooLarge { found: n, max: n - 1 }), "{n}");
        }
    }
}
