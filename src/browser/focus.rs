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

/// Moves keyboard focus to the heading with `id`, scrolled to the top of the view (below the
/// sticky toolbar: the heading's `scroll-margin-top` keeps it out from under the bar).
pub fn focus_heading(id: &str) {
    let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    if let Ok(html) = element.dyn_into::<web_sys::HtmlElement>() {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        html.scroll_into_view_with_scroll_into_view_options(&options);
        let _ = html.focus();
    }
}

/// Moves keyboard focus to the element with `id`, scrolling only as far as it takes (the skip
/// link: the router would otherwise take `#innehall` as a navigation and leave focus behind).
pub fn move_focus_to(id: &str) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = html.focus();
    }
}

/// Focuses the element matching `selector` once the current render has finished.
pub fn focus_after_render(selector: &str) {
    let selector = selector.to_string();
    let focus = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(focus.unchecked_ref(), 0);
    }
}
