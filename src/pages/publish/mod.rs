//! Publicera: what becomes public, the kommun's token, publish (or withdraw), and the outcome.
//!
//! The same domain checks the server makes run here first, so a result that cannot be
//! published says why before anything is sent. The token is never stored. Rooms: what becomes
//! public (`preview`), the token and the sending (`token_form`), what the server says
//! (`server_reply`).

use std::sync::Arc;

mod preview;
mod server_reply;
mod token_form;

use blomlada_domain::publish_readiness::{publish_problems, PublishProblem};
use blomlada_domain::result_file::ResultFile;
use blomlada_domain::{Assessment, IndicatorSet};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::app_state::use_app_state;
use crate::components::assessment_frame::AssessmentFrame;
use crate::i18n::texts;
use preview::public_part;
use server_reply::Status;
use token_form::TokenForm;

/// The app version written into published result files.
const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

#[component]
pub fn Publish() -> impl IntoView {
    view! {
        <AssessmentFrame body=|set, handle| view! { <PublishForm set=set assessment=handle.watch()/> }/>
    }
}

#[component]
fn PublishForm(set: Arc<IndicatorSet>, assessment: Memo<Option<Assessment>>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let status = RwSignal::new(Status::Unknown);

    // Issue 13: targets become public only when ticked; the rest of a plan never does.
    let include_targets = RwSignal::new(false);
    let file =
        Memo::new(move |_| assessment.with(|a| a.as_ref().map(|a| ResultFile::for_publishing(a, APP_VERSION, include_targets.get()))));
    // Everything that keeps the server from taking the file, worded here.
    let blockers = {
        let set = set.clone();
        Memo::new(move |_| {
            let lang = state.lang.get();
            let t = texts(lang);
            file.with(|f| {
                let Some(f) = f else { return Vec::new() };
                publish_problems(f, &set)
                    .into_iter()
                    .map(|p| match p {
                        PublishProblem::Invalid(e) => (t.publish_check_failed)(&e.to_string()),
                        PublishProblem::MissingPopulation => t.publish_needs_population.to_string(),
                        PublishProblem::Incomplete { unanswered, .. } => (t.publish_unanswered)(unanswered.len()),
                    })
                    .collect()
            })
        })
    };

    let refresh_status = move || {
        let Some(a) = assessment.get_untracked() else { return };
        let url = format!("/api/v1/published/{}?set={}&version={}", a.kommun.code, a.set.set, a.set.version);
        leptos::task::spawn_local(async move {
            status.set(Status::fetch(&url).await);
        });
    };
    refresh_status();

    let lang = move || state.lang.get();
    let preview = {
        let set = set.clone();
        move || file.with(|f| f.as_ref().map(|f| public_part(f, &set, lang())))
    };
    let id = move || assessment.with(|a| a.as_ref().map(|a| a.id.clone()).unwrap_or_default());
    view! {
        <h1>{move || t().publish_title}</h1>
        <p class="lead">{move || assessment.with(|a| a.as_ref().map(|a| format!("{} · {}", a.kommun.name, a.title)).unwrap_or_default())}</p>
        <p>{move || t().publish_intro}</p>

        <section aria-labelledby="publicerat-nu">
            <h2 id="publicerat-nu">{move || t().publish_status_heading}</h2>
            <p aria-live="polite">{move || status.get().text(lang())}</p>
        </section>

        <div class="field field-checkbox">
            <input type="checkbox" id="publicera-mal" aria-describedby="publicera-mal-hint"
                prop:checked=move || include_targets.get()
                on:change=move |ev| include_targets.set(event_target_checked(&ev))/>
            <label for="publicera-mal">{move || t().publish_include_targets}</label>
            <p class="hint" id="publicera-mal-hint">{move || t().publish_include_targets_hint}</p>
        </div>
        {preview}

        {move || {
            let b = blockers.get();
            (!b.is_empty()).then(|| view! {
                <div class="notice notice-error" role="alert">
                    <h2>{t().publish_blocked_heading}</h2>
                    <ul>{b.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                    <p><A href=format!("/vardering/{}", id())>{t().publish_fix_link}</A></p>
                </div>
            })
        }}

        <TokenForm file=file ready=Signal::derive(move || blockers.with(Vec::is_empty)) assessment=assessment
            after=Callback::new(move |_| refresh_status())/>
    }
}
