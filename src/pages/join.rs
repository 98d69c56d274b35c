//! Opening a share link (`/delad/{share}#k=…`): the shared assessment is fetched, decrypted with
//! the fragment's key and kept here as a local assessment in sync; then its answering page
//! opens (the key leaves the address bar and the history). A wrong or damaged link is named.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

use crate::app_state::use_app_state;
use crate::browser::location;
use crate::components::device_name_field::DeviceNameField;
use crate::i18n::{texts, Texts};
use crate::pages::share::problem_text;
use crate::sharing::link::{LinkError, ShareLink};
use crate::sharing::{self, api::ShareError, device};

enum Failure {
    Link(LinkError),
    Share(ShareError),
}

fn failure_text(t: &Texts, f: &Failure) -> String {
    match f {
        Failure::Link(LinkError::ShareId) => t.share_err_link_id.to_string(),
        Failure::Link(LinkError::Key) => t.share_err_link_key.to_string(),
        Failure::Link(LinkError::Write) => t.share_err_link_write.to_string(),
        Failure::Link(LinkError::HandOut) => t.share_err_link_handout.to_string(),
        Failure::Share(e) => problem_text(t, e),
    }
}

#[component]
pub fn JoinPage() -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let params = use_params_map();
    let failure = RwSignal::new(None::<Failure>);
    let attempt = RwSignal::new(0_u32);
    let navigate = use_navigate();
    let share = params.with_untracked(|p| p.get("share").unwrap_or_default());
    let fragment = location::hash();
    // A device that will write names itself first: the name travels with each of its changes.
    let needs_name = RwSignal::new(fragment.contains("w=") && device::this_device().name.is_empty());
    let name = RwSignal::new(String::new());
    let name_missing = RwSignal::new(false);
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if device::set_name(&name.get_untracked()).name.is_empty() {
            name_missing.set(true);
        } else {
            needs_name.set(false);
        }
    };
    Effect::new(move |_| {
        attempt.track();
        if needs_name.get() {
            return;
        }
        let link = match ShareLink::parse(&share, &fragment) {
            Ok(link) => link,
            Err(e) => {
                failure.set(Some(Failure::Link(e)));
                return;
            }
        };
        failure.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let groups = link.groups.clone();
            match sharing::join(state, link).await {
                Ok(id) => {
                    let target =
                        if groups.is_empty() { format!("/vardering/{id}") } else { format!("/vardering/{id}?del={}", groups.join(",")) };
                    navigate(&target, NavigateOptions { replace: true, ..NavigateOptions::default() });
                }
                Err(e) => failure.set(Some(Failure::Share(e))),
            }
        });
    });
    view! {
        <h1>{move || t().join_title}</h1>
        <Show when=move || needs_name.get()>
            <form on:submit=go>
                <DeviceNameField name=name missing=name_missing.into()/>
                <button type="submit" class="primary">{move || t().join_open}</button>
            </form>
        </Show>
        {move || (!needs_name.get()).then(|| match failure.with(|f| f.as_ref().map(|f| failure_text(t(), f))) {
            None => view! { <p role="status">{t().join_loading}</p> }.into_any(),
            Some(text) => view! {
                <div class="notice notice-error" role="alert">
                    <p>{text}</p>
                    <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>{t().join_retry}</button>
                </div>
            }
            .into_any(),
        })}
    }
}
