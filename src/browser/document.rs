//! The page itself: printing, its title and language, the display's pixel density, and the
//! browser's own confirmation dialog.

/// Opens the browser's print dialog ("Skriv ut / Spara som PDF").
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Sets the document's title (what a saved PDF is named after); returns the one it replaced.
pub fn set_document_title(title: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let before = document.title();
    document.set_title(title);
    Some(before)
}

/// Device pixels per CSS pixel (2 on most phones and high-density laptop screens).
pub fn device_pixel_ratio() -> f64 {
    web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0)
}

/// The browser's modal yes/no question; `false` when it can't be asked.
pub fn confirm(message: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(message).ok()).unwrap_or(false)
}

/// `<html lang>`, so screen readers pronounce the page in the language it is written in.
pub fn set_document_lang(code: &str) {
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", code);
    }
}

/// Removes the frame and start page that index.html paints before the module has loaded (every
/// `[data-first-paint]` element), so the app mounts in their place in the same task: the browser
/// never paints an empty page or two headings in between.
pub fn remove_first_paint() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(found) = document.query_selector_all("[data-first-paint]") else { return };
    for i in 0..found.length() {
        if let Some(node) = found.item(i) {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(&node);
            }
        }
    }
}
