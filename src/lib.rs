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

/// Starts the app in the page's body.
pub fn mount() {
    console_error_panic_hook::set_once();
    browser::link_parser::install();
    browser::document::remove_first_paint();
    leptos::mount::mount_to_body(app::App);
    // After mounting: mounting sets up the executor these use.
    browser::offline::register_service_worker();
    browser::offline::request_persistent_storage();
}
