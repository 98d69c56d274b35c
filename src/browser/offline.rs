//! Working offline: the service worker (release builds only: a debug build in the browser tests
//! must never be served from a cache of an earlier build) and a
//! request that the browser keep our storage even when disk runs low.

use wasm_bindgen_futures::JsFuture;

pub fn register_service_worker() {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let container = window.navigator().service_worker();
    let _ = container.register("/sw.js");
}

/// Asks once; the browser decides (Chromium grants it to sites the user engages with).
pub fn request_persistent_storage() {
    let Some(window) = web_sys::window() else { return };
    let Ok(storage) = js_sys::Reflect::get(&window.navigator(), &"storage".into()) else { return };
    if storage.is_undefined() {
        return;
    }
    let manager: web_sys::StorageManager = storage.into();
    if let Ok(promise) = manager.persist() {
        leptos::task::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}
