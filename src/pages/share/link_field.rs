//! A link in a read-only text field with a copy button beside it (the edit, view and
//! hand-out links). Focusing the field selects the link.

use leptos::prelude::*;

use crate::app_state::use_app_state;
use crate::browser::clipboard;
use crate::i18n::texts;

#[component]
pub(super) fn LinkField(
    id: &'static str,
    label: Signal<String>,
    copy_label: Signal<String>,
    url: String,
    message: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let state = use_app_state();
    let url_for_copy = url.clone();
    let copy = move |_| {
        let url = url_for_copy.clone();
        leptos::task::spawn_local(async move {
            let t = texts(state.lang.get_untracked());
            message.set(Some(if clipboard::copy(&url).await { t.copied } else { t.copy_failed }));
        });
    };
    view! {
        <div class="field link-field">
            <label for=id>{move || label.get()}</label>
            <div class="link-row">
                <input id=id type="text" readonly value=url on:focus=move |ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                }/>
                <button type="button" on:click=copy>{move || copy_label.get()}</button>
            </div>
        </div>
    }
}
