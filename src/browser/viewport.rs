//! The viewport's width (CSS pixels), followed on resize: the flower box chooses its
//! arrangement from it (portrait on phones).

use leptos::prelude::*;

fn current() -> f64 {
    web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).unwrap_or(1200.0)
}

/// The width now, once (for a choice made when a page opens).
pub fn width_now() -> f64 {
    current()
}

/// The width now, updated when the window is resized (the listener ends with the owner).
pub fn width() -> ReadSignal<f64> {
    let (width, set_width) = signal(current());
    let handle = window_event_listener(leptos::ev::resize, move |_| set_width.set(current()));
    on_cleanup(move || handle.remove());
    width
}
