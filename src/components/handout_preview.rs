//! A hand-out file on the import page (issue 20 part 4): what it holds, and either "open it"
//! (a förvaltning's new assessment showing just the groups handed out) or, for an answered file
//! whose assessment is in this browser, "review the answers".

use std::sync::Arc;

use blomlada_domain::sync::handout_view::group_titles;
use blomlada_domain::sync::HandoutFile;
use blomlada_domain::IndicatorSet;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::app_state::use_app_state;
use crate::browser::{clock, ids};
use crate::i18n::texts;

#[component]
pub fn HandoutPreview(name: String, file: Arc<HandoutFile>, set: Arc<IndicatorSet>, on_cancel: Callback<()>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let navigate = use_navigate();
    let lang = move || state.lang.get();
    let offset = clock::utc_offset_minutes();
    let returned_here = file.returned.is_some() && state.handle(&file.assessment).is_some();

    let groups = {
        let (set, groups) = (set.clone(), file.groups.clone());
        move || group_titles(&set, &groups, lang()).join(", ")
    };
    let set_name = {
        let set = set.clone();
        move || set.name(lang())
    };
    let open = {
        let (file, navigate) = (file.clone(), navigate.clone());
        move |_| {
            let now = clock::now();
            let id = ids::new_id();
            let mut a = file.to_assessment(id.clone(), now);
            // Its content is in the file just read: not only in this browser.
            a.mark_exported(now);
            state.create(a);
            let received = (*file).clone();
            if state.change_kept_handouts(&id, move |k| k.received = Some(received)).is_err() {
                state.save_error.set(Some(crate::browser::storage::WriteError::Other("hand-out not kept".into())));
            }
            navigate(&format!("/vardering/{id}"), Default::default());
        }
    };
    let review = {
        let file = file.clone();
        move |_| {
            state.set_pending_return(name.clone(), (*file).clone());
            navigate(&format!("/vardering/{}/utdelning/svar", file.assessment), Default::default());
        }
    };

    view! {
        <section class="import-preview" aria-labelledby="import-utdelning">
            <h2 id="import-utdelning">{move || t().import_handout_title}</h2>
            <dl class="facts">
                <dt>{move || t().col_title}</dt><dd>{file.title.clone()}</dd>
                <dt>{move || t().col_kommun}</dt><dd>{format!("{} ({})", file.kommun.name, file.kommun.code)}</dd>
                <dt>{move || t().col_set}</dt><dd>{set_name}</dd>
                <dt>{move || t().handout_col_recipient}</dt><dd>{file.recipient.clone()}</dd>
                <dt>{move || t().handout_col_groups}</dt><dd>{groups}</dd>
                <dt>{move || t().handout_col_handed_out}</dt><dd>{file.handed_out.date_time_sv(offset)}</dd>
            </dl>
            {if returned_here {
                view! {
                    <p>{move || t().import_handout_returned}</p>
                    <p>
                        <button type="button" class="button-primary" on:click=review>{move || t().import_handout_review}</button>" "
                        <button type="button" on:click=move |_| on_cancel.run(())>{move || t().cancel}</button>
                    </p>
                }.into_any()
            } else {
                view! {
                    <p>
                        <button type="button" class="button-primary" on:click=open>{move || t().import_handout_open}</button>" "
                        <button type="button" on:click=move |_| on_cancel.run(())>{move || t().cancel}</button>
                    </p>
                }.into_any()
            }}
        </section>
    }
}
