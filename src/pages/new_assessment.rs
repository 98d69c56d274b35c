//! Creating an assessment: kommun, indicator set version, title, population.

use blomlada_domain::assessment::parse_population;
use blomlada_domain::catalog::SetRef;
use blomlada_domain::kommun::Kommun;
use blomlada_domain::Assessment;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::app_state::{use_app_state, Load};
use crate::browser::{clock, ids};
use crate::components::kommun_picker::KommunPicker;
use crate::i18n::texts;

#[component]
pub fn NewAssessment() -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let chosen: RwSignal<Option<&'static Kommun>> = RwSignal::new(None);
    let version = RwSignal::new(None::<SetRef>);
    let title = RwSignal::new(String::new());
    let title_touched = RwSignal::new(false);
    let population = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();

    // The default set version until the user picks one; the title follows kommun and version until edited.
    Effect::new(move |_| {
        if let (Load::Ready(c), None) = (state.catalog.get(), version.get_untracked()) {
            version.set(Some(c.default.clone()));
        }
    });
    Effect::new(move |_| {
        if !title_touched.get() {
            if let (Some(k), Some(v)) = (chosen.get(), version.get()) {
                title.set((t().title_default)(&k.name, &v.version));
            }
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(kommun) = chosen.get_untracked() else {
            error.set(Some(t().choose_kommun_first.to_string()));
            return;
        };
        let Some(set_ref) = version.get_untracked() else { return };
        let Ok(population) = parse_population(&population.get_untracked()) else {
            error.set(Some(t().population_invalid.to_string()));
            return;
        };
        match Assessment::new(ids::new_id(), title.get_untracked(), &kommun.code, population, set_ref, clock::now()) {
            Ok(a) => {
                let id = a.id.clone();
                state.create(a);
                navigate(&format!("/vardering/{id}"), Default::default());
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };

    view! {
        <h1>{move || t().new_title}</h1>
        <form class="stack" on:submit=submit novalidate>
            <KommunPicker chosen=chosen/>
            <div class="field">
                <label for="uppsattning">{move || t().set_label}</label>
                <select id="uppsattning" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    if let Some((set, v)) = value.split_once('/') {
                        version.set(Some(SetRef { set: set.into(), version: v.into() }));
                    }
                }>
                    {move || match state.catalog.get() {
                        Load::Ready(c) => c.all_versions().into_iter().map(|r| {
                            let value = format!("{}/{}", r.set, r.version);
                            let is_default = r == c.default;
                            let label = c.sets.iter().find(|s| s.id == r.set)
                                .map(|s| format!("{} {}", s.title.get(state.lang.get()), r.version))
                                .unwrap_or_else(|| value.clone());
                            let marker = if is_default { format!(" {}", t().set_default_marker) } else { String::new() };
                            let r2 = r.clone();
                            view! { <option value=value selected=move || version.get().as_ref() == Some(&r2)>{label}{marker}</option> }
                        }).collect_view().into_any(),
                        Load::Failed(e) => view! { <option>{format!("{}: {e}", t().indicators_failed)}</option> }.into_any(),
                        Load::Pending => view! { <option>{t().loading}</option> }.into_any(),
                    }}
                </select>
            </div>
            <div class="field">
                <label for="titel">{move || t().title_label}</label>
                <input id="titel" type="text" maxlength="200" prop:value=move || title.get()
                    on:input=move |ev| { title_touched.set(true); title.set(event_target_value(&ev)); }/>
            </div>
            <div class="field">
                <label for="invanare">{move || t().population_label}</label>
                <p class="hint" id="invanare-hint">{move || t().population_hint}</p>
                <input id="invanare" type="text" inputmode="numeric" autocomplete="off" aria-describedby="invanare-hint"
                    prop:value=move || population.get() on:input=move |ev| population.set(event_target_value(&ev))/>
            </div>
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
            <p><button type="submit" class="button-primary">{move || t().create}</button></p>
        </form>
    }
}
