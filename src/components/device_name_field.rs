//! "Namn på den här enheten": the name a device's changes to a shared assessment carry. Asked
//! for where a device first shares or joins with edit rights.

use leptos::prelude::*;

use crate::app_state::use_app_state;
use crate::i18n::texts;

/// `missing`: the name was needed and is empty; `on_change`: the field was left (save it).
#[component]
pub fn DeviceNameField(name: RwSignal<String>, missing: Signal<bool>, #[prop(optional)] on_change: Option<Callback<()>>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    view! {
        <div class="field">
            <label for="enhetens-namn">{move || t().device_name_label}</label>
            <input id="enhetens-namn" type="text" maxlength="80" aria-describedby="enhetens-namn-hint" prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))
                on:change=move |_| if let Some(cb) = on_change { cb.run(()) }/>
            <p class="hint" id="enhetens-namn-hint">{move || t().device_name_hint}</p>
            <Show when=move || missing.get()>
                <p class="field-error" role="alert">{move || t().device_name_needed}</p>
            </Show>
        </div>
    }
}
