//! The moments a page may go away without further notice: `pagehide` (closing, reloading,
//! navigating away) and `visibilitychange` to hidden (switching tabs or apps, which on phones
//! is often the last event a page gets). Unsaved work is written then.

use leptos::prelude::window_event_listener_untyped;

/// Calls `f` whenever the page is hidden or about to go; for as long as the app runs.
pub fn on_leave(f: impl Fn() + Clone + 'static) {
    let on_hide = f.clone();
    let pagehide = window_event_listener_untyped("pagehide", move |_| on_hide());
    // `visibilitychange` is fired at the document and bubbles to the window.
    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
        if hidden {
            f();
        }
    });
    // The listeners live as long as the app.
    std::mem::forget(pagehide);
    std::mem::forget(visibility);
}
