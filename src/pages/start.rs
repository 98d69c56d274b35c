//! My assessments: open, new, copy, rename, delete (with confirmation and undo).

use blomlada_domain::distribution::summarize;
use blomlada_domain::exchange::carry_targets;
use blomlada_domain::public_results::public_page_path;
use blomlada_domain::public_texts::public_texts;
use blomlada_domain::Assessment;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::app_state::{use_app_state, Load};
use crate::browser::clock;
use crate::components::export_buttons::export_result_file;
use crate::i18n::texts;

#[component]
pub fn Start() -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let pt = move || public_texts(state.lang.get());
    view! {
        <h1>{move || t().start_title}</h1>
        <p>{move || t().start_intro}</p>
        <p class="start-actions">
            <A href="/ny" attr:class="button button-primary">{move || t().new_assessment}</A>" "
            <A href="/importera" attr:class="button">{move || t().import_link}</A>" "
            // Served by the server as HTML (no app): the router must let the browser go there.
            <a href=move || public_page_path(None, state.lang.get()) rel="external" class="button">{move || pt().public_results}</a>
        </p>
        // What Blomlådan is, under the first paint's heading, introduction and buttons (which
        // index.html paints before the app, in the same places).
        <p class="start-about">{move || pt().about}</p>
        // The aggregate of every published result (the set's reference shares before anyone
        // publishes), drawn by the server with the same layout and drawing code.
        <figure class="start-box">
            <a href=move || public_page_path(None, state.lang.get()) rel="external">
                <img
                    src=move || format!("/api/v1/published/blomlada.svg?lang={}", state.lang.get().code())
                    alt=move || pt().start_box_alt
                    width="1200"
                    height="813"
                    // The page's largest paint: fetched first, never deferred.
                    fetchpriority="high"
                />
            </a>
        </figure>
        <h2>{move || t().my_assessments}</h2>
        <Show
            when=move || state.assessments.with(|a| !a.is_empty())
            fallback=move || view! { <p>{move || t().no_assessments}</p> }
        >
            <table class="assessments">
                <thead>
                    <tr>
                        <th scope="col">{move || t().col_title}</th>
                        <th scope="col">{move || t().col_kommun}</th>
                        <th scope="col">{move || t().col_set}</th>
                        <th scope="col">{move || t().col_progress}</th>
                        <th scope="col">{move || t().col_updated}</th>
                        <th scope="col">{move || t().col_actions}</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || state.assessments.get()
                        key=|a| (a.id.clone(), a.updated)
                        children=move |a| view! { <AssessmentRow assessment=a/> }
                    />
                </tbody>
            </table>
        </Show>
    }
}

#[component]
fn AssessmentRow(assessment: Assessment) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let a = StoredValue::new(assessment);
    let id = a.with_value(|a| a.id.clone());
    let renaming = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let new_title = RwSignal::new(a.with_value(|a| a.title.clone()));
    let progress = move || {
        let set_ref = a.with_value(|a| a.set.clone());
        match state.set(&set_ref) {
            Load::Ready(set) => {
                let s = a.with_value(|a| summarize(&set, a));
                (t().progress_group)(s.total.answered(), s.total.total())
            }
            _ => "…".to_string(),
        }
    };
    let href = format!("/vardering/{id}");
    let title = a.with_value(|a| a.title.clone());
    let title_for_label = title.clone();
    let (id_rename, id_delete, id_copy) = (id.clone(), id.clone(), id.clone());
    // Tracked apart from the row's key: an export changes no `updated`.
    let only_here = {
        let id = id.clone();
        Memo::new(move |_| state.assessments.with(|all| all.iter().any(|a| a.id == id && a.needs_export())))
    };
    let id_export = StoredValue::new(id.clone());
    view! {
        <tr>
            <td>
                <Show when=move || renaming.get() fallback=move || { let (href, title) = (href.clone(), title.clone()); view! {
                    <A href=href>{title}</A>
                    <Show when=move || only_here.get()>" "<span class="badge badge-warning">{move || t().only_here_badge}</span></Show>
                } }>
                    <form class="inline-form" on:submit={
                        let id = id_rename.clone();
                        move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            let title = new_title.get_untracked();
                            let _ = state.edit(&id, |a| a.rename(&title, clock::now()));
                            renaming.set(false);
                        }
                    }>
                        <label>
                            {move || t().rename_label}" "
                            <input type="text" required maxlength="200" prop:value=move || new_title.get()
                                on:input=move |ev| new_title.set(event_target_value(&ev))/>
                        </label>
                        <button type="submit">{move || t().save}</button>
                        <button type="button" on:click=move |_| renaming.set(false)>{move || t().cancel}</button>
                    </form>
                </Show>
            </td>
            <td>{a.with_value(|a| a.kommun.name.clone())}</td>
            <td>{move || state.set_label(&a.with_value(|a| a.set.clone()))}</td>
            <td>{progress}</td>
            <td>{move || a.with_value(|a| a.updated.date_time_sv(clock::utc_offset_minutes()))}</td>
            <td>
                <div class="row-actions" role="group" aria-label=move || (t().actions_for)(&title_for_label)>
                    <button type="button" on:click=move |_| state.duplicate(&id_copy, t().duplicate_title_suffix)>{move || t().duplicate}</button>
                    <button type="button" on:click=move |_| renaming.set(true)>{move || t().rename}</button>
                    <button type="button" on:click=move |_| id_export.with_value(|id| export_result_file(state, id))>{move || t().export_short}</button>
                    {move || {
                        let Load::Ready(catalog) = state.catalog.get() else { return Vec::new() };
                        let (id, set_ref) = a.with_value(|a| (a.id.clone(), a.set.clone()));
                        // Offered towards later versions (index order); import can go either way.
                        let versions = catalog.all_versions();
                        let position = |r: &blomlada_domain::catalog::SetRef| versions.iter().position(|v| v == r);
                        let here = position(&set_ref);
                        carry_targets(&catalog, &set_ref).into_iter().filter(|to| position(to) > here).map(|to| view! {
                            <A href=format!("/vardering/{id}/kopiera/{}", to.version) attr:class="button">{(t().duplicate_to_version)(&to.version)}</A>
                        }).collect::<Vec<_>>()
                    }}
                    <button type="button" class="danger" on:click=move |_| confirming.set(true)>{move || t().delete}</button>
                </div>
                <Show when=move || confirming.get()>
                    <div class="confirm" role="alertdialog" aria-label=move || t().delete>
                        <p>{move || a.with_value(|a| (t().confirm_delete)(&a.title))}</p>
                        <Show when=move || only_here.get()>
                            <p><strong>{move || t().delete_unexported}</strong></p>
                            <p><button type="button" class="button-primary" on:click=move |_| id_export.with_value(|id| export_result_file(state, id))>{move || t().export_first}</button></p>
                        </Show>
                        <button type="button" class="danger" on:click={
                            let id = id_delete.clone();
                            move |_| { confirming.set(false); state.delete(&id) }
                        }>{move || t().delete}</button>
                        <button type="button" on:click=move |_| confirming.set(false)>{move || t().cancel}</button>
                    </div>
                </Show>
            </td>
        </tr>
    }
}
