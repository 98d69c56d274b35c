//! Blomlådan's web app: a Leptos single-page app, client-side rendered.

mod app;
mod app_state;
mod browser;
mod components;
mod i18n;
mod pages;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
