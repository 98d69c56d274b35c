//! The kommun's token and the buttons that publish or withdraw with it (withdrawing asks
//! first), and what the server answered. The token is never stored; it is emptied once used.

use blomlada_domain::result_file::ResultFile;
use blomlada_domain::Assessment;
use leptos::prelude::*;

use super::server_reply::{outcome_notice, Outcome};
use crate::app_state::use_app_state;
use crate::browser::http;
use crate::i18n::texts;

/// `ready`: nothing keeps the file from being published; `after`: a reply came (the page
/// asks the server for the kommun's status again).
#[component]
pub(super) fn TokenForm(
    file: Memo<Option<ResultFile>>,
    ready: Signal<bool>,
    assessment: Memo<Option<Assessment>>,
    after: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let token = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    let confirming_withdraw = RwSignal::new(false);
    let send = move |withdraw: bool| {
        let Some(f) = file.get_untracked() else { return };
        let key = token.get_untracked().trim().to_string();
        if key.is_empty() || busy.get_untracked() || (!withdraw && !ready.get_untracked()) {
            return;
        }
        busy.set(true);
        outcome.set(None);
        let code = f.kommun.code.clone();
        let (set_id, version) = (f.set.set.clone(), f.set.version.clone());
        leptos::task::spawn_local(async move {
            let result = if withdraw {
                let url = format!("/api/v1/published/{code}?set={set_id}&version={version}");
                http::send_with_token(&url, &key, None).await
            } else {
                http::send_with_token("/api/v1/published", &key, Some(f.to_json())).await
            };
            let o = Outcome::of(result, withdraw);
            if o.is_success() {
                token.set(String::new());
            }
            outcome.set(Some(o));
            busy.set(false);
            confirming_withdraw.set(false);
            after.run(());
        });
    };

    let outcome_view = move || {
        let code = assessment.with(|a| a.as_ref().map(|a| a.kommun.code.clone()));
        outcome.get().map(|o| outcome_notice(o, code, state.lang.get()))
    };
    let can_send = move || ready.get() && !token.with(|k| k.trim().is_empty()) && !busy.get();
    view! {
        <form class="stack" novalidate on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); send(false); }>
            <div class="field">
                <label for="nyckel">{move || t().publish_token_label}</label>
                <p class="hint" id="nyckel-hint">{move || t().publish_token_hint}</p>
                <input id="nyckel" type="password" autocomplete="off" spellcheck="false" aria-describedby="nyckel-hint"
                    prop:value=move || token.get() on:input=move |ev| token.set(event_target_value(&ev))/>
            </div>
            <p class="toolbar">
                <button type="submit" class="button-primary" disabled=move || !can_send()>
                    {move || if busy.get() { t().publish_sending } else { t().publish_button }}
                </button>
                <button type="button" disabled=move || busy.get() || token.with(|k| k.trim().is_empty())
                    on:click=move |_| confirming_withdraw.set(true)>
                    {move || t().withdraw_button}
                </button>
            </p>
            <Show when=move || confirming_withdraw.get()>
                <div class="confirm" role="group" aria-label=move || t().withdraw_button>
                    <p>{move || t().confirm_withdraw}</p>
                    <button type="button" on:click=move |_| send(true)>{move || t().withdraw_button}</button>
                    " "
                    <button type="button" on:click=move |_| confirming_withdraw.set(false)>{move || t().cancel}</button>
                </div>
            </Show>
            <div aria-live="polite">{outcome_view}</div>
        </form>
    }
}
