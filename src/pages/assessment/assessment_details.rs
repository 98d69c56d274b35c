//! The assessment's own details under a disclosure: the kommun's population (for size groups)
//! and the decision that approved the assessment. Saved when a field is left.

use blomlada_domain::assessment::parse_population;
use leptos::prelude::*;

use crate::app_state::{use_app_state, AssessmentHandle};
use crate::browser::clock;
use crate::i18n::texts;

#[component]
pub(super) fn AssessmentDetails(handle: AssessmentHandle) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let id = StoredValue::new(handle.id());
    let population = RwSignal::new(handle.with_head(|a| a.population.map(|p| p.to_string()).unwrap_or_default()));
    let population_error = RwSignal::new(false);
    let approval = RwSignal::new(handle.with_head(|a| a.approval.clone().unwrap_or_default()));
    view! {
        <details class="details">
            <summary>{move || t().details_label}</summary>
            <div class="field">
                <label for="invanare">{move || t().population_label}</label>
                <input id="invanare" type="text" inputmode="numeric" prop:value=move || population.get()
                    on:input=move |ev| population.set(event_target_value(&ev))
                    on:change=move |_| {
                        let ok = match parse_population(&population.get_untracked()) {
                            Ok(p) => id.with_value(|id| state.edit(id, |a| a.set_population(p, clock::now()))).is_ok(),
                            Err(_) => false,
                        };
                        population_error.set(!ok);
                    }/>
                <Show when=move || population_error.get()>
                    <p class="field-error" role="alert">{move || t().population_invalid}</p>
                </Show>
            </div>
            <div class="field">
                <label for="beslut">{move || t().approval_label}</label>
                <input id="beslut" type="text" maxlength="200" aria-describedby="beslut-hint" prop:value=move || approval.get()
                    on:input=move |ev| approval.set(event_target_value(&ev))
                    on:change=move |_| { let _ = id.with_value(|id| state.edit(id, |a| a.set_approval(&approval.get_untracked(), clock::now()))); }/>
                <p class="hint" id="beslut-hint">{move || t().approval_hint}</p>
            </div>
        </details>
    }
}
