//! Work that must not hold up the frame the user is waiting for: run right after the next
//! paint, or after a pause in typing. Saving uses it, so a click shows its answer first.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::{request_animation_frame, set_timeout, set_timeout_with_handle, TimeoutHandle};

type Task = Box<dyn FnOnce()>;

/// A hidden or throttled tab paints no frames (or late); then the work runs after this long anyway.
const NO_FRAME_FALLBACK: Duration = Duration::from_millis(100);

/// Runs `f` once, in a task after the next frame is painted (a requestAnimationFrame callback
/// runs just before the paint; the timeout queued there runs after it).
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    let once: Rc<Cell<Option<Task>>> = Rc::new(Cell::new(Some(Box::new(f))));
    let run = {
        let once = once.clone();
        move || {
            if let Some(f) = once.take() {
                f();
            }
        }
    };
    let fallback = run.clone();
    request_animation_frame(move || set_timeout(run, Duration::ZERO));
    set_timeout(fallback, NO_FRAME_FALLBACK);
}

thread_local! {
    static PAUSE: RefCell<Option<TimeoutHandle>> = const { RefCell::new(None) };
}

/// Runs `f` when no other call has come for `pause`: one run per pause in typing. A later call
/// replaces an earlier one that has not run yet.
pub fn after_pause(pause: Duration, f: impl FnOnce() + 'static) {
    PAUSE.with(|slot| {
        if let Some(pending) = slot.borrow_mut().take() {
            pending.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                PAUSE.with(|slot| slot.borrow_mut().take());
                f();
            },
            pause,
        );
        *slot.borrow_mut() = handle.ok();
    });
}

/// Resolves in a new task (a zero timeout): long work split with it leaves the browser room to
/// paint and take input in between, e.g. parsing an indicator set apart from drawing the page it
/// arrives on (each a task of its own on a slow phone).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        set_timeout(move || drop(resolve.call0(&wasm_bindgen::JsValue::UNDEFINED)), Duration::ZERO);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
