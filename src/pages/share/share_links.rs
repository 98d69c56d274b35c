//! The share's links (edit and view, or view only) with copy buttons, and what can be done
//! with the share from here: new links or stop sharing, or leave a share one only views or
//! that is gone.

use leptos::prelude::*;

use super::link_field::LinkField;
use super::share_actions::ShareActions;
use crate::app_state::use_app_state;
use crate::browser::location;
use crate::i18n::texts;

#[component]
pub(super) fn ShareLinks(actions: ShareActions, gone: Memo<bool>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let origin = location::origin();
    let busy = actions.busy;
    let message = actions.message;
    move || {
        actions.link.get().map(|l| {
            let view_only = l.write.is_none();
            let edit_url = l.edit_url(&origin);
            let view_url = l.view_url(&origin);
            view! {
                <section class="share-links">
                    <Show when=move || !view_only>
                        <LinkField id="dela-redigera" label=Signal::derive(move || t().share_edit_link.to_string())
                            copy_label=Signal::derive(move || t().copy_edit.to_string()) url=edit_url.clone() message=message/>
                    </Show>
                    <LinkField id="dela-visa" label=Signal::derive(move || t().share_view_link.to_string())
                        copy_label=Signal::derive(move || t().copy_view.to_string()) url=view_url message=message/>
                    <p class="hint">{move || t().share_view_hint}</p>
                    <div class="toolbar">
                        <Show when=move || !view_only && !gone.get() fallback=move || view! {
                            <button type="button" on:click=move |_| actions.leave()>{move || t().leave_share}</button>
                        }>
                            <button type="button" disabled=move || busy.get() on:click=move |_| actions.renew()>{move || t().new_link}</button>
                            <button type="button" class="danger" disabled=move || busy.get() on:click=move |_| actions.stop()>{move || t().stop_sharing}</button>
                        </Show>
                    </div>
                </section>
            }
        })
    }
}
