//! Blomlådan's web app: a Leptos single-page app, client-side rendered, built and split into
//! lazily loaded chunks by `xtask/`.
//! The domain rules live in `blomlada-domain`; this crate shows them and sends user intents.

pub mod app;
pub mod app_state;
pub mod browser;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod sharing;

/// Starts the app in the page's body, in three tasks after the one that instantiated the
/// module: reading what is saved, drawing the page, and (after its paint) registering the
/// service worker. On a slow phone they were one task that blocked input for 100–250 ms.
/// index.html's first paint stands until the app replaces it.
pub fn mount() {
    use leptos::prelude::{set_timeout, Owner};
    use std::time::Duration;

    console_error_panic_hook::set_once();
    set_timeout(
        || {
            // The executor first: the state starts fetching the catalog.
            let _ = any_spawner::Executor::init_wasm_bindgen();
            // The app's state lives under its own root owner for the page's life (it keeps it).
            let state = Owner::new().with(app_state::AppState::start);
            set_timeout(
                move || {
                    browser::link_parser::install();
                    browser::document::remove_first_paint();
                    leptos::mount::mount_to_body(move || app::App(app::AppProps { state }));
                    browser::after_paint::after_next_paint(|| {
                        browser::offline::register_service_worker();
                        browser::offline::request_persistent_storage();
                    });
                },
                Duration::ZERO,
            );
        },
        Duration::ZERO,
    );
}
