//! Messages about saving: storage full, data that can't be read, merges, undo after delete.

use blomlada_domain::download_name::unreadable_storage_name;
use blomlada_domain::saved::SavedError;
use leptos::prelude::*;

use crate::app_state::{use_app_state, Notice};
use crate::browser::download::download_text;
use crate::browser::storage::WriteError;
use crate::i18n::texts;

#[component]
pub fn Notices() -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    view! {
        <div class="notices" aria-live="polite">
            {move || state.save_error.get().map(|e| {
                let text = match e {
                    WriteError::Full => t().save_failed_full,
                    WriteError::Other(_) => t().save_failed_other,
                };
                view! { <p class="notice notice-error" role="alert">{text}</p> }
            })}
            {move || state.notice.get().map(|n| match n {
                Notice::MergedFromOtherTab => view! {
                    <p class="notice notice-info">
                        {t().merged_from_other_tab}" "
                        <button type="button" on:click=move |_| state.notice.set(None)>{t().dismiss}</button>
                    </p>
                }.into_any(),
                Notice::Deleted(a) => view! {
                    <p class="notice notice-info">
                        {(t().deleted_notice)(&a.title)}" "
                        <button type="button" on:click=move |_| state.undo_delete()>{t().undo}</button>" "
                        <button type="button" on:click=move |_| state.notice.set(None)>{t().dismiss}</button>
                    </p>
                }.into_any(),
            })}
            <For
                each=move || state.problems.get()
                key=|p| p.key.clone()
                children=move |problem| {
                    let body = match &problem.error {
                        SavedError::NewerFormat(v) => (t().newer_format_body)(*v),
                        SavedError::Unreadable(_) => t().unreadable_body.to_string(),
                    };
                    let key = problem.key.clone();
                    let heading_id = format!("problem-{key}");
                    let labelled_by = heading_id.clone();
                    let raw = problem.raw.clone();
                    let file_name = unreadable_storage_name(&key);
                    view! {
                        <section class="notice notice-error" role="alert" aria-labelledby=labelled_by>
                            <h2 id=heading_id>{move || t().unreadable_title}</h2>
                            <p>{body}</p>
                            <p><code>{key.clone()}</code></p>
                            <button type="button" on:click=move |_| download_text(&file_name, "application/json", &raw)>
                                {move || t().download_raw}
                            </button>" "
                            <button type="button" on:click=move |_| {
                                if crate::browser::document::confirm(t().confirm_remove_raw) {
                                    state.remove_problem(&key);
                                }
                            }>{move || t().remove_raw}</button>
                        </section>
                    }
                }
            />
        </div>
    }
}
