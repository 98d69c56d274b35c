//! Offering bytes to the user as a file download.

use wasm_bindgen::JsCast;

pub fn download_text(file_name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    download_blob(file_name, &blob);
}

pub fn download_blob(file_name: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    download_url(file_name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Downloads what `url` points at (an object or data URL) under `file_name`.
pub fn download_url(file_name: &str, url: &str) {
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(anchor) = document.and_then(|d| d.create_element("a").ok()).and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        anchor.set_href(url);
        anchor.set_download(file_name);
        anchor.click();
    }
}
