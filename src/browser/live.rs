//! A server-sent event stream (`EventSource`): how changes others make to a shared assessment
//! arrive while the page is open. The stream is closed when the value is dropped.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{EventSource, MessageEvent};

/// What the stream delivers to its owner.
pub enum LiveEvent {
    /// The connection is up (again).
    Open,
    /// An `event: change` with its `data` line.
    Change(String),
    /// An `event: snapshot` (what a device stored in place of the changes it covers).
    Snapshot(String),
    /// `event: deleted`: the share is gone.
    Deleted,
    /// The connection broke; the owner decides when to open a new one.
    Broken,
}

/// An open stream; dropping it closes the connection and its listeners.
pub struct LiveStream {
    source: EventSource,
    _listeners: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl LiveStream {
    /// Opens `url`, handing every event to `on_event`. On an error the stream is closed (the
    /// browser's own reconnect would repeat the old `after=` and replay what we have).
    pub fn open(url: &str, on_event: impl Fn(LiveEvent) + 'static) -> Result<LiveStream, String> {
        let source = EventSource::new(url).map_err(|e| format!("{url}: {e:?}"))?;
        let on_event = std::rc::Rc::new(on_event);
        let mut listeners = Vec::new();
        let mut listen = |name: &str, f: Box<dyn FnMut(web_sys::Event)>| {
            let closure = Closure::wrap(f);
            let _ = source.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
            listeners.push(closure);
        };
        let h = on_event.clone();
        listen("open", Box::new(move |_| h(LiveEvent::Open)));
        let h = on_event.clone();
        listen(
            "change",
            Box::new(move |ev| {
                if let Some(data) = ev.dyn_ref::<MessageEvent>().and_then(|m| m.data().as_string()) {
                    h(LiveEvent::Change(data));
                }
            }),
        );
        let h = on_event.clone();
        listen(
            "snapshot",
            Box::new(move |ev| {
                if let Some(data) = ev.dyn_ref::<MessageEvent>().and_then(|m| m.data().as_string()) {
                    h(LiveEvent::Snapshot(data));
                }
            }),
        );
        let h = on_event.clone();
        listen("deleted", Box::new(move |_| h(LiveEvent::Deleted)));
        let h = on_event;
        let closer = source.clone();
        listen(
            "error",
            Box::new(move |_| {
                closer.close();
                h(LiveEvent::Broken)
            }),
        );
        Ok(LiveStream { source, _listeners: listeners })
    }
}

impl Drop for LiveStream {
    fn drop(&mut self) {
        self.source.close();
    }
}

/// Calls `f(true)` when the browser says the network is back and `f(false)` when it is gone,
/// for as long as the app runs. (An open stream does not always notice a lost network.)
pub fn on_network_change(f: impl Fn(bool) + Clone + 'static) {
    let on_offline = f.clone();
    let online = leptos::prelude::window_event_listener_untyped("online", move |_| f(true));
    let offline = leptos::prelude::window_event_listener_untyped("offline", move |_| on_offline(false));
    std::mem::forget(online);
    std::mem::forget(offline);
}
