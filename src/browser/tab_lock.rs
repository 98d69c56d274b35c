//! One tab at a time: the Web Locks API (`navigator.locks`) hands a named lock to one tab of
//! this browser; the others wait in line and get it, in turn, when the holder closes. A shared
//! assessment's session runs only in the tab that holds its lock, so two tabs never each send
//! and store their own copy of the share's queue.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Runs `lead` once this tab holds the lock `name`, and keeps it until the tab closes. Where the
/// browser has no Web Locks, `lead` runs at once (every tab leads, as before).
pub fn when_leader(name: &str, lead: impl FnOnce() + 'static) {
    let locks = web_sys::window().and_then(|w| js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("locks")).ok());
    let request = locks
        .as_ref()
        .filter(|l| !l.is_undefined() && !l.is_null())
        .and_then(|l| js_sys::Reflect::get(l, &JsValue::from_str("request")).ok())
        .and_then(|r| r.dyn_into::<js_sys::Function>().ok());
    let (Some(locks), Some(request)) = (locks, request) else {
        lead();
        return;
    };
    // The lock is held while the promise the callback returns is pending: never settled here.
    let granted = Closure::once_into_js(move |_lock: JsValue| -> js_sys::Promise {
        lead();
        js_sys::Promise::new(&mut |_resolve, _reject| {})
    });
    let _ = request.call2(&locks, &JsValue::from_str(name), &granted);
}
