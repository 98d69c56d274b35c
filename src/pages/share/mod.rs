//! "Arbeta tillsammans" (issue 20): share an assessment, hand out its links (edit, view, a
//! förvaltning's groups), see the sync's state and what others changed since you last looked,
//! stop sharing or make new links. Loaded as a chunk of its own when first opened. Rooms: the
//! links (`link_field`), a förvaltning's link (`handout_link`), the changes since the last look
//! (`since_last_look`).

mod handout_link;
mod link_field;
mod share_actions;
mod share_links;
mod since_last_look;

use std::sync::Arc;

use blomlada_domain::IndicatorSet;
use leptos::prelude::*;

use crate::app_state::{use_app_state, AssessmentHandle};
use crate::components::assessment_frame::AssessmentFrame;
use crate::components::device_name_field::DeviceNameField;
use crate::i18n::{texts, Texts};
use crate::sharing::api::ShareError;
use crate::sharing::record;
use crate::sharing::session::{self, Status};
use handout_link::HandOut;
use share_actions::ShareActions;
use share_links::ShareLinks;
use since_last_look::{when, SinceLastLook};

#[component]
pub fn SharePage() -> impl IntoView {
    view! { <AssessmentFrame body=|set, handle| view! { <Sharing set=set handle=handle/> }/> }
}

/// The sentence for a sharing problem.
pub fn problem_text(t: &Texts, e: &ShareError) -> String {
    match e {
        ShareError::Offline => t.status_offline.to_string(),
        ShareError::Forbidden => t.share_err_forbidden.to_string(),
        ShareError::Gone => t.share_err_gone.to_string(),
        ShareError::TooMany => t.share_err_too_many.to_string(),
        ShareError::TooLarge | ShareError::ShareFull => t.share_err_too_large.to_string(),
        ShareError::Tampered => t.share_err_tampered.to_string(),
        ShareError::WrongKey => t.share_err_wrong_key.to_string(),
        ShareError::Server(m) => (t.share_err_server)(m),
    }
}

#[component]
fn Sharing(set: Arc<IndicatorSet>, handle: AssessmentHandle) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let id = handle.id();
    // Sessions start with the app; one that is not running (e.g. the chunk was loaded just now) starts here.
    session::start_all(state);
    let status = session::status(&id);
    let actions = ShareActions::new(state, handle, record::load(&id).and_then(|r| r.link()));
    let ShareActions { link, busy, error, message, .. } = actions;

    let status_line = {
        let status = status.clone();
        move || {
            let writes = link.with(|l| l.as_ref().is_some_and(|l| l.write.is_some()));
            status.with(|st| status_text(st, writes, t()))
        }
    };
    let problem = {
        let status = status.clone();
        move || {
            let t = t();
            let e = error.get().or_else(|| status.with(|s| s.problem.clone()));
            let refused = status.with(|s| s.refused);
            let refused = (refused > 0).then(|| (t.share_refused)(refused));
            e.iter().map(|e| problem_text(t, e)).chain(refused).map(|l| view! { <p>{l}</p> }).collect_view()
        }
    };
    let gone = {
        let status = status.clone();
        Memo::new(move |_| status.with(|s| s.problem == Some(ShareError::Gone)))
    };

    let set_for_since = set.clone();
    let handout_id = id.clone();
    view! {
        <h1>{move || t().share_title}</h1>
        <p class="lead">{move || t().share_intro}</p>
        <p>{move || t().share_security}</p>
        <DeviceNameField name=actions.device_name missing=actions.name_missing.into() on_change=Callback::new(move |_| { actions.save_name(); })/>
        <div role="status" aria-live="polite" class="share-status">
            <Show when=move || link.with(Option::is_some)>
                <p>{status_line.clone()}</p>
            </Show>
            <Show when=move || busy.get()><p>{move || t().share_working}</p></Show>
            {move || message.get().map(|m| view! { <p>{m}</p> })}
        </div>
        <div role="alert" class="share-problem">{problem}</div>
        <Show when=move || link.with(Option::is_none)>
            <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| actions.start()>{move || t().share_start}</button>
        </Show>
        <ShareLinks actions=actions gone=gone/>
        <Show when=move || link.with(|l| l.as_ref().is_some_and(|l| l.write.is_some()))>
            <HandOut set=set.clone() id=handout_id.clone() link=link message=message/>
        </Show>
        <Show when=move || link.with(Option::is_some)>
            <SinceLastLook set=set_for_since.clone() id=id.clone() status=status.clone() link=link/>
        </Show>
    }
}

/// "Ansluten. Alla dina ändringar är skickade. Senast ändrat av …": the sync's state in words;
/// `writes`: this device may change the share (a view link has nothing to send).
fn status_text(st: &Status, writes: bool, t: &Texts) -> String {
    let mut parts = vec![if st.connected { t.status_connected.to_string() } else { t.status_connecting.to_string() }];
    if st.pending > 0 {
        parts.push((t.status_pending)(st.pending));
    } else if writes {
        parts.push(t.status_all_sent.to_string());
    }
    if let Some((who, stamp)) = &st.last {
        parts.push((t.last_changed)(who, &when(stamp.wall_ms)));
    }
    parts.join(" ")
}
