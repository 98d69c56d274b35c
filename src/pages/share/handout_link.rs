//! A förvaltning's link: the chosen groups only, kept in the shared log so every editor's
//! overview shows the förvaltning's progress.

use std::sync::Arc;

use blomlada_domain::sync::handout_link::handout_edit;
use blomlada_domain::sync::{Assignment, GroupRef};
use blomlada_domain::IndicatorSet;
use leptos::prelude::*;

use super::link_field::LinkField;
use crate::app_state::use_app_state;
use crate::browser::location;
use crate::i18n::texts;
use crate::sharing::link::ShareLink;
use crate::sharing::session;

#[component]
pub(super) fn HandOut(
    set: Arc<IndicatorSet>,
    id: String,
    link: RwSignal<Option<ShareLink>>,
    message: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let chosen = RwSignal::new(Vec::<GroupRef>::new());
    let recorded = RwSignal::new(None::<session::NotRecorded>);
    let name = RwSignal::new(String::new());
    let made = RwSignal::new(None::<(String, String)>);
    let missing = RwSignal::new(false);
    let groups = set
        .areas
        .iter()
        .flat_map(|area| {
            area.groups.iter().map(move |group| {
                let key = GroupRef::new(&area.id, &group.id);
                let input_id = format!("utlamna-{}-{}", area.id, group.id);
                let title = group.title.clone();
                let key_for_change = key.clone();
                view! {
                    <li>
                        <input type="checkbox" id=input_id.clone() prop:checked=move || chosen.with(|c| c.contains(&key))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| {
                                    c.retain(|k| *k != key_for_change);
                                    if on { c.push(key_for_change.clone()); }
                                });
                            }/>
                        <label for=input_id>{move || title.get(state.lang.get()).to_string()}</label>
                    </li>
                }
            })
        })
        .collect_view();
    let make = move |_| {
        let groups = chosen.get_untracked();
        let who = name.get_untracked().trim().to_string();
        if groups.is_empty() || who.is_empty() {
            missing.set(true);
            return;
        }
        missing.set(false);
        if let Some(l) = link.get_untracked() {
            made.set(Some((who.clone(), l.handout_url(&location::origin(), &groups, &who))));
            // Kept in the shared log, so every editor's overview shows the förvaltning's progress.
            let assignment = Assignment { recipient: who.clone(), groups };
            recorded.set(session::record_edits(&id, vec![handout_edit(&assignment)]).err());
        }
    };
    view! {
        <section aria-labelledby="utlamna">
            <h2 id="utlamna">{move || t().handout_heading}</h2>
            <p>{move || t().share_handout_intro}</p>
            <div class="field">
                <label for="utlamna-namn">{move || t().handout_name_label}</label>
                <input id="utlamna-namn" type="text" maxlength="200" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <fieldset>
                <legend>{move || t().share_handout_groups_legend}</legend>
                <ul class="checkbox-list">{groups}</ul>
            </fieldset>
            <Show when=move || missing.get()>
                <p class="field-error" role="alert">{move || t().handout_needs}</p>
            </Show>
            <button type="button" on:click=make>{move || t().handout_make}</button>
            {move || recorded.get().map(|why| {
                let t = t();
                let why = match why {
                    session::NotRecorded::OtherTab => t.handout_other_tab.to_string(),
                    session::NotRecorded::ViewOnly => t.handout_view_only.to_string(),
                    session::NotRecorded::Refused(words) => words,
                };
                view! { <p class="field-error" role="alert">{(t.handout_not_recorded)(&why)}</p> }
            })}
            {move || made.get().map(|(who, url)| view! {
                <LinkField id="utlamna-lank" label=Signal::derive(move || (t().handout_link)(&who))
                    copy_label=Signal::derive(move || t().copy_handout.to_string()) url=url message=message/>
            })}
        </section>
    }
}
