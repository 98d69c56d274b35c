//! The page's own address: its origin (for links to hand out) and fragment (a share link's
//! key, which never reaches a server).

/// `https://host:port` of the app.
pub fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// The fragment, `#` included (empty when there is none).
pub fn hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Sets the fragment without a navigation (the router would take a new `#…` as one and leave
/// focus behind) and without a history entry per click, so a reload or a copied address still
/// opens at the group.
pub fn replace_hash(hash: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}
