//! A page whose code arrives in its own WASM chunk ([`super::split`]): while the chunk
//! loads it says so, and when it cannot be loaded (offline before the service worker had cached
//! it, a server gone) it says that, with a retry — never a blank page. A page whose chunk this
//! tab already has is built at once, without a loading frame.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;

use super::split::{PageView, SplitPage};
use crate::app_state::use_app_state;
use crate::i18n::texts;

thread_local! {
    /// Pages whose chunk is loaded, by name: opened again, they render synchronously.
    static LOADED: RefCell<HashMap<&'static str, PageView>> = RefCell::new(HashMap::new());
}

#[component]
pub fn LazyPage(page: SplitPage) -> impl IntoView {
    let SplitPage { name, load } = page;
    if let Some(page) = LOADED.with_borrow(|loaded| loaded.get(name).copied()) {
        return page();
    }
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let attempt = RwSignal::new(0_u32);
    let chunk = LocalResource::new(move || {
        attempt.track();
        load()
    });
    view! {
        <Suspense fallback=move || view! { <p class="page-loading" role="status">{t().page_loading}</p> }>
            {move || chunk.get().map(|loaded| match loaded {
                Ok(page) => {
                    LOADED.with_borrow_mut(|loaded| loaded.insert(name, page));
                    page()
                }
                Err(_) => view! {
                    <div class="notice notice-error" role="alert">
                        <p>{t().page_load_failed}</p>
                        <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>{t().page_load_retry}</button>
                    </div>
                }.into_any(),
            })}
        </Suspense>
    }
    .into_any()
}
