//! AES-256-GCM through the browser's Web Crypto API (never hand-written cryptography): what a
//! shared assessment's changes are sealed with before they leave the browser. The key comes
//! from the link's fragment; the additional data is the share's id, so a change sealed for one
//! share cannot be passed off as another's.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, CryptoKey, SubtleCrypto};

/// Bytes of a GCM nonce (the recommended 96 bits), fresh and random for every message.
pub const NONCE_LEN: usize = 12;
/// Bytes of an AES-256 key.
pub const KEY_LEN: usize = 32;
/// Bytes of GCM's authentication tag, which every sealed message carries after its text.
const TAG_LEN: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CryptoError {
    /// The browser offers no Web Crypto here (an old browser, or a page not served securely).
    Unavailable,
    /// A key that is not 32 bytes.
    BadKey,
    /// GCM refused the message: another key, another share, or bytes changed on the way.
    Refused,
    /// Anything else the browser reported.
    Other(String),
}

/// A share's key, imported once and usable only for encrypting and decrypting.
#[derive(Clone, Debug)]
pub struct ShareKey(CryptoKey);

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    let window = web_sys::window().ok_or(CryptoError::Unavailable)?;
    let crypto = window.crypto().map_err(|_| CryptoError::Unavailable)?;
    let subtle = crypto.subtle();
    if JsValue::from(subtle.clone()).is_undefined() {
        return Err(CryptoError::Unavailable);
    }
    Ok(subtle)
}

fn other(e: JsValue) -> CryptoError {
    let name = e.dyn_ref::<web_sys::DomException>().map(|d| d.name()).unwrap_or_default();
    if name == "OperationError" {
        CryptoError::Refused
    } else {
        CryptoError::Other(format!("{name} {e:?}"))
    }
}

/// `n` random bytes from the browser's cryptographic generator.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, CryptoError> {
    let window = web_sys::window().ok_or(CryptoError::Unavailable)?;
    let crypto = window.crypto().map_err(|_| CryptoError::Unavailable)?;
    let mut bytes = vec![0_u8; n];
    crypto.get_random_values_with_u8_array(&mut bytes).map_err(other)?;
    Ok(bytes)
}

/// A new random AES-256 key, raw (it goes into the link's fragment).
pub fn new_raw_key() -> Result<Vec<u8>, CryptoError> {
    random_bytes(KEY_LEN)
}

/// Imports a raw 32-byte key for AES-GCM, not extractable.
pub async fn import_key(raw: &[u8]) -> Result<ShareKey, CryptoError> {
    if raw.len() != KEY_LEN {
        return Err(CryptoError::BadKey);
    }
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let data = Uint8Array::from(raw);
    let algorithm = js_sys::Object::new();
    js_sys::Reflect::set(&algorithm, &"name".into(), &"AES-GCM".into()).map_err(other)?;
    let promise = subtle()?.import_key_with_object("raw", &data, &algorithm, false, &usages).map_err(other)?;
    let key = JsFuture::from(promise).await.map_err(|_| CryptoError::BadKey)?;
    Ok(ShareKey(key.unchecked_into()))
}

fn params(nonce: &[u8], additional_data: &str) -> AesGcmParams {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(nonce));
    params.set_additional_data(&Uint8Array::from(additional_data.as_bytes()));
    params
}

/// Encrypts `plaintext` with a fresh random nonce: `nonce || ciphertext+tag`.
pub async fn seal(key: &ShareKey, additional_data: &str, plaintext: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let nonce = random_bytes(NONCE_LEN)?;
    let promise = subtle()?.encrypt_with_object_and_u8_array(&params(&nonce, additional_data), &key.0, plaintext).map_err(other)?;
    let sealed = JsFuture::from(promise).await.map_err(other)?;
    let mut out = nonce;
    out.extend(Uint8Array::new(&sealed).to_vec());
    Ok(out)
}

/// Decrypts what [`seal`] made; [`CryptoError::Refused`] when GCM finds it altered, or sealed
/// with another key or for another share.
pub async fn open(key: &ShareKey, additional_data: &str, sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
    if sealed.len() < NONCE_LEN + TAG_LEN {
        return Err(CryptoError::Refused);
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    let promise = subtle()?.decrypt_with_object_and_u8_array(&params(nonce, additional_data), &key.0, body).map_err(other)?;
    let plain = JsFuture::from(promise).await.map_err(other)?;
    Ok(Uint8Array::new(&plain).to_vec())
}
