//! Finds a kommun by typing part of its name; the matches are real buttons, so the keyboard
//! and screen readers work without a custom combobox.

use blomlada_domain::kommun::{self, Kommun};
use leptos::prelude::*;

use crate::app_state::use_app_state;
use crate::i18n::texts;

const SHOWN: usize = 12;

#[component]
pub fn KommunPicker(chosen: RwSignal<Option<&'static Kommun>>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let query = RwSignal::new(String::new());
    let matches = Memo::new(move |_| kommun::search(&query.get()));
    view! {
        <div class="kommun-picker">
            <label for="kommun-sok">{move || t().kommun_label}</label>
            <p class="hint" id="kommun-sok-hint">{move || t().kommun_search_hint}</p>
            <input
                id="kommun-sok"
                type="search"
                autocomplete="off"
                aria-describedby="kommun-sok-hint kommun-sok-status"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
                // Enter takes the only kommun that matches (issue 22), rather than sending the form.
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.key() != "Enter" {
                        return;
                    }
                    if let Some(k) = matches.with(|m| (m.len() == 1).then(|| m[0])) {
                        ev.prevent_default();
                        chosen.set(Some(k));
                        query.set(k.name.clone());
                    }
                }
            />
            <p id="kommun-sok-status" class="hint" aria-live="polite">
                {move || match (chosen.get(), query.with(|q| q.trim().is_empty())) {
                    (Some(k), _) => (t().kommun_chosen)(&k.name),
                    (None, true) => String::new(),
                    (None, false) if matches.with(|m| m.is_empty()) => t().kommun_no_match.to_string(),
                    (None, false) => (t().kommun_matches)(matches.with(|m| m.len())),
                }}
            </p>
            <Show when=move || !query.with(|q| q.trim().is_empty())>
                <ul class="kommun-matches">
                    {move || matches.get().into_iter().take(SHOWN).map(|k| {
                        let is_chosen = move || chosen.get().map(|c| c.code == k.code).unwrap_or(false);
                        view! {
                            <li>
                                <button type="button" aria-pressed=move || is_chosen().to_string()
                                    on:click=move |_| { chosen.set(Some(k)); query.set(k.name.clone()); }>
                                    {k.name.clone()}" "<span class="muted">{format!("({})", k.lan)}</span>
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </div>
    }
}
