use wasm_bindgen::JsCast;

/// Moves keyboard focus to the element with `id` and brings it into view.
pub fn focus_element(id: &str) {
    let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    if let Ok(html) = element.dyn_into::<web_sys::HtmlElement>() {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        html.scroll_into_view_with_scroll_into_view_options(&options);
        let _ = html.focus();
    }
}
