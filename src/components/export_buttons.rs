//! Export an assessment (result file, CSV), open its printable report, and the reminder that
//! an assessment changed since its last export exists only in this browser.

use blomlada_domain::csv_export::assessment_csv;
use blomlada_domain::exchange::export_file_name;
use blomlada_domain::result_file::ResultFile;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::app_state::{use_app_state, AppState, Load};
use crate::browser::clock;
use crate::browser::download::download_text;
use crate::i18n::texts;

/// The app version written into result files.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Downloads the assessment as a result file and records the export.
pub fn export_result_file(state: AppState, id: &str) {
    let Some(a) = state.assessment_untracked(id) else { return };
    let now = clock::now();
    let name = export_file_name(&a.kommun, &a.set, &now.date_iso(clock::utc_offset_minutes()), "json");
    download_text(&name, "application/json", &ResultFile::from_assessment(&a, APP_VERSION).to_json());
    let _ = state.edit(id, |a| {
        a.mark_exported(now);
        Ok(())
    });
}

/// Downloads the assessment as CSV for Excel; needs its indicator set loaded.
pub fn export_csv(state: AppState, id: &str) {
    let Some(a) = state.assessment_untracked(id) else { return };
    let Some(Load::Ready(set)) = state.sets.with_untracked(|s| s.get(&a.set).cloned()) else { return };
    let lang = state.lang.get_untracked();
    let csv = assessment_csv(&set, &a, lang, &texts(lang).csv_columns);
    let name = export_file_name(&a.kommun, &a.set, &clock::now().date_iso(clock::utc_offset_minutes()), "csv");
    download_text(&name, "text/csv;charset=utf-8", &csv);
}

/// Export buttons and the report link, as a labelled group.
#[component]
pub fn ExportButtons(#[prop(into)] id: Signal<String>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let set_ready = Memo::new(move |_| {
        let set_ref = state.handle(&id.get()).map(|h| h.with_head(|a| a.set.clone()));
        set_ref.is_some_and(|r| matches!(state.set(&r), Load::Ready(_)))
    });
    view! {
        <div class="export-buttons" role="group" aria-label=move || t().export_group>
            <button type="button" on:click=move |_| export_result_file(state, &id.get_untracked())>{move || t().export_json}</button>
            <button type="button" disabled=move || !set_ready.get() on:click=move |_| export_csv(state, &id.get_untracked())>
                {move || t().export_csv}
            </button>
            <A href=move || format!("/vardering/{}/rapport", id.get())>{move || t().to_report}</A>
        </div>
    }
}

/// Shown while the assessment has changes that no exported file holds.
#[component]
pub fn ExportReminder(#[prop(into)] id: Signal<String>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    // Tracked on the export time and `updated`, not on every response.
    let status = Memo::new(move |_| state.handle(&id.get()).map(|h| (h.needs_export(), h.with_head(|a| a.exported_at))));
    move || match status.get() {
        Some((true, exported_at)) => Some(view! {
            <div class="notice notice-warning only-here" role="status">
                <p>
                    <strong>{t().only_here_badge}". "</strong>{t().only_here_body}" "
                    {exported_at.map(|at| (t().last_exported)(&at.date_time_sv(clock::utc_offset_minutes())))}
                </p>
                <button type="button" on:click=move |_| export_result_file(state, &id.get_untracked())>{t().export_json}</button>
            </div>
        }),
        _ => None,
    }
}
