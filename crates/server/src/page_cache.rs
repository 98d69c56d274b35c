//! Rendered public pages and pictures, kept until the next publish or withdrawal (the same
//! generation counter as the JSON reads' cache), rendered one at a time so a burst of readers
//! after a publish shares one rendering.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::StatusCode;
use sha2::{Digest, Sha256};

/// One rendered answer.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub status: StatusCode,
    pub content_type: &'static str,
    pub body: Bytes,
    /// A strong validator: the first 16 hex digits of the body's SHA-256, quoted.
    pub etag: String,
}

impl Rendered {
    pub fn new(status: StatusCode, content_type: &'static str, body: impl Into<Bytes>) -> Rendered {
        let body = body.into();
        let digest = Sha256::digest(&body);
        let etag = format!("\"{}\"", crate::auth::hex(&digest[..8]));
        Rendered { status, content_type, body, etag }
    }
}

/// The bytes kept at most; past this the cache starts over (the keys are bounded by the
/// kommuner, set versions, indicators and languages, but filters are free text).
const MAX_BYTES: usize = 96 * 1024 * 1024;

#[derive(Default)]
pub struct PageCache {
    inner: Mutex<Inner>,
    rendering: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct Inner {
    generation: u64,
    bytes: usize,
    map: HashMap<String, Arc<Rendered>>,
}

impl PageCache {
    fn get(&self, key: &str, generation: u64) -> Option<Arc<Rendered>> {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inner.generation != generation {
            inner.map.clear();
            inner.bytes = 0;
            inner.generation = generation;
            return None;
        }
        inner.map.get(key).cloned()
    }

    fn put(&self, key: String, generation: u64, value: Arc<Rendered>) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inner.generation != generation {
            return;
        }
        if inner.bytes + value.body.len() > MAX_BYTES {
            inner.map.clear();
            inner.bytes = 0;
        }
        inner.bytes += value.body.len();
        inner.map.insert(key, value);
    }

    /// The rendered answer for `key`, rendering it (once, however many ask at the same time)
    /// when the current generation has none. `generation` reads the publish counter.
    pub async fn get_or_render<E, F, Fut>(&self, key: String, generation: impl Fn() -> u64, render: F) -> Result<Arc<Rendered>, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Rendered, E>>,
    {
        if let Some(hit) = self.get(&key, generation()) {
            return Ok(hit);
        }
        let _turn = self.rendering.lock().await;
        let read_at = generation();
        if let Some(hit) = self.get(&key, read_at) {
            return Ok(hit);
        }
        let value = Arc::new(render().await?);
        self.put(key, read_at, value.clone());
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn kept_until_the_generation_changes() {
        let cache = PageCache::default();
        let generation = std::sync::atomic::AtomicU64::new(1);
        let gen = || generation.load(std::sync::atomic::Ordering::SeqCst);
        let first =
            cache.get_or_render::<(), _, _>("k".into(), gen, || async { Ok(Rendered::new(StatusCode::OK, "text/plain", "a")) }).await;
        assert_eq!(first.unwrap().body, "a");
        let again =
            cache.get_or_render::<(), _, _>("k".into(), gen, || async { Ok(Rendered::new(StatusCode::OK, "text/plain", "b")) }).await;
        assert_eq!(again.unwrap().body, "a", "kept");
        generation.store(2, std::sync::atomic::Ordering::SeqCst);
        let after =
            cache.get_or_render::<(), _, _>("k".into(), gen, || async { Ok(Rendered::new(StatusCode::OK, "text/plain", "c")) }).await;
        assert_eq!(after.unwrap().body, "c", "a publish starts over");
    }
}
