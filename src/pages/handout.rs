//! "Lämna ut delar" (issue 20 part 4): the strategist picks groups (or whole areas), names the
//! förvaltning and downloads the hand-out file; the assignment is kept with the assessment for
//! the progress per förvaltning. In a förvaltning's copy of a hand-out the same page sends the
//! answers back as the answered file.

use std::collections::BTreeSet;
use std::sync::Arc;

use blomlada_domain::sync::handout::export;
use blomlada_domain::sync::handout_view::in_set_order;
use blomlada_domain::sync::{GroupRef, HandoutFile};
use blomlada_domain::IndicatorSet;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::app_state::{use_app_state, AssessmentHandle};
use crate::browser::clock;
use crate::browser::download::download_text;
use crate::components::assessment_frame::AssessmentFrame;
use crate::components::export_buttons::APP_VERSION;
use crate::components::group_picker::GroupPicker;
use crate::components::handout_progress::HandoutProgress;
use crate::i18n::texts;

#[component]
pub fn Handout() -> impl IntoView {
    view! {
        <AssessmentFrame body=|set, handle| {
            let received = use_app_state().kept_handouts(&handle.id()).ok().and_then(|k| k.received);
            match received {
                Some(file) => view! { <SendBack set=set handle=handle file=Arc::new(file)/> }.into_any(),
                None => view! { <HandOut set=set handle=handle/> }.into_any(),
            }
        }/>
    }
}

#[component]
fn HandOut(set: Arc<IndicatorSet>, handle: AssessmentHandle) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let id = handle.id();
    let chosen = RwSignal::new(BTreeSet::<GroupRef>::new());
    let recipient = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let assignments = RwSignal::new(state.kept_handouts(&id).map(|k| k.assignments).unwrap_or_default());

    let hand_out = {
        let set = set.clone();
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            done.set(None);
            let now = clock::now();
            let groups = chosen.with_untracked(|c| in_set_order(&set, c));
            let who = recipient.get_untracked();
            match export(&handle.snapshot_untracked(), &set, &groups, &who, now, APP_VERSION) {
                Err(e) => error.set(Some((t().handout_error)(&e))),
                Ok(file) => {
                    download_text(&file.file_name(&now.date_iso(clock::utc_offset_minutes())), "application/json", &file.to_json());
                    match state.change_kept_handouts(&id, |k| k.remember(file.assignment())) {
                        Ok(kept) => {
                            assignments.set(kept.assignments);
                            error.set(None);
                        }
                        Err(_) => error.set(Some(t().save_failed_other.to_string())),
                    }
                    done.set(Some(file.recipient.clone()));
                }
            }
        }
    };

    view! {
        <h1>{move || t().handout_title}": "{move || handle.with_head(|a| a.title.clone())}</h1>
        <p>{move || t().handout_intro}</p>
        <form class="handout-form" on:submit=hand_out novalidate>
            <fieldset class="handout-groups">
                <legend>{move || t().handout_groups_legend}</legend>
                <GroupPicker set=set.clone() chosen=chosen/>
            </fieldset>
            <div class="field">
                <label for="utdelning-forvaltning">{move || t().handout_recipient_label}</label>
                <input id="utdelning-forvaltning" type="text" maxlength="200" aria-describedby="utdelning-forvaltning-hint"
                    prop:value=move || recipient.get() on:input=move |ev| recipient.set(event_target_value(&ev))/>
                <p class="hint" id="utdelning-forvaltning-hint">{move || t().handout_recipient_hint}</p>
            </div>
            <div aria-live="polite">
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                {move || done.get().map(|who| view! { <p class="notice notice-info" role="status">{(t().handout_done)(&who)}</p> })}
            </div>
            <p><button type="submit" class="button-primary">{move || t().handout_download}</button></p>
        </form>
        <HandoutProgress set=set assessment=handle.watch() assignments=assignments always=true/>
        <section aria-labelledby="ta-emot">
            <h2 id="ta-emot">{move || t().handout_receive_title}</h2>
            <p>{move || t().handout_receive_intro}</p>
            <p><A href=format!("/vardering/{id}/utdelning/svar")>{move || t().handout_receive_link}</A></p>
        </section>
    }
}

/// A förvaltning's copy: its progress on the groups handed out, and the answered file.
#[component]
fn SendBack(set: Arc<IndicatorSet>, handle: AssessmentHandle, file: Arc<HandoutFile>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let sent = RwSignal::new(false);
    let id = handle.id();
    let assignment = vec![file.assignment()];
    let send = {
        let (set, file) = (set.clone(), file.clone());
        move |_| {
            let now = clock::now();
            let answered = file.answered(&set, &handle.snapshot_untracked(), now);
            download_text(&answered.file_name(&now.date_iso(clock::utc_offset_minutes())), "application/json", &answered.to_json());
            let _ = state.edit(&id, |a| {
                a.mark_exported(now);
                Ok(())
            });
            sent.set(true);
        }
    };
    let (recipient, groups) = (file.recipient.clone(), file.groups.len());
    view! {
        <h1>{move || t().handout_return_title}</h1>
        <p class="lead">{move || (t().handout_received_banner)(&recipient, groups)}</p>
        <HandoutProgress set=set assessment=handle.watch() assignments=assignment/>
        <p>{move || t().handout_return_intro}</p>
        <p><button type="button" class="button-primary" on:click=send>{move || t().handout_return_button}</button></p>
        <div aria-live="polite">
            {move || sent.get().then(|| view! { <p class="notice notice-info" role="status">{t().handout_return_done}</p> })}
        </div>
    }
}
