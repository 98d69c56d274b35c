use leptos::prelude::*;
use leptos_router::components::A;

use crate::app_state::use_app_state;
use crate::i18n::texts;

#[component]
pub fn NotFound() -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    view! {
        <h1>{move || t().not_found_title}</h1>
        <p>{move || t().not_found_body}</p>
        <p><A href="/">{move || t().back_to_start}</A></p>
    }
}
