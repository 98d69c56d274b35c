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
