//! The list of areas and groups beside the questions: each group's link (focusing its
//! heading), its answered/total count and, in a shared assessment, who is working in it.

use blomlada_domain::answering::group_anchor;
use blomlada_domain::sync::presence::Presence;
use blomlada_domain::IndicatorSet;
use leptos::prelude::*;

use super::handout::HandoutFilter;
use super::item_states::GroupState;
use super::reveal::Reveal;
use crate::app_state::{use_app_state, AssessmentHandle};
use crate::browser::location::replace_hash;
use crate::i18n::{texts, Texts};

/// Below this width (CSS px, the stylesheet's 52rem) the page is one column.
const NARROW_BELOW_PX: f64 = 832.0;

pub(super) fn group_nav(
    set: &IndicatorSet,
    states: &[Vec<GroupState>],
    handout: HandoutFilter,
    reveal: Reveal,
    handle: AssessmentHandle,
) -> impl IntoView {
    let state = use_app_state();
    let lang = move || state.lang.get();
    let t = move || texts(lang());
    let areas = set
        .areas
        .iter()
        .zip(states)
        .map(|(area, groups_state)| {
            let groups = area
                .groups
                .iter()
                .zip(groups_state)
                .map(|(group, (_, counts))| {
                    let visible = handout.visible(&area.id, &group.id);
                    let anchor = format!("#{}", group_anchor(&area.id, &group.id));
                    let heading = format!("{}-rubrik", group_anchor(&area.id, &group.id));
                    let (href, hash) = (anchor.clone(), anchor);
                    // Shared assessments (issue 20): who is working in the group, set by the session.
                    let presence = handle.shared_views(|v| v.presence(&group_anchor(&area.id, &group.id)));
                    let title = group.title.clone();
                    let counts = *counts;
                    view! {
                        <li hidden=move || !visible.get()><a href=href on:click=move |ev| {
                            // Focus goes to the group's heading, not left in this list.
                            ev.prevent_default();
                            replace_hash(&hash);
                            reveal.focus_heading(heading.clone());
                        }>{move || title.get(lang()).to_string()}</a>" "
                            <span class="muted">{move || { let (a, n) = counts.get(); format!("{a}/{n}") }}</span>
                            {move || presence.with(|p| presence_line(p, t()))}</li>
                    }
                })
                .collect_view();
            let title = area.title.clone();
            view! { <li>{move || title.get(lang()).to_string()}<ul>{groups}</ul></li> }
        })
        .collect_view();
    // On a phone the list of groups starts closed: open, it put the first question 1 264 px
    // down, below 16 links (issue 22).
    let open = crate::browser::viewport::width_now() >= NARROW_BELOW_PX;
    view! {
        <nav class="group-nav" aria-label=move || t().groups_nav>
            <details class="group-nav-list" open=open>
                <summary>{move || t().groups_nav}</summary>
                <ul>{areas}</ul>
            </details>
        </nav>
    }
}

/// "Arbetar här nu: Bo, du" under a group's link; nothing when no one is.
fn presence_line(presence: &Presence, t: &Texts) -> Option<impl IntoView> {
    if presence.is_empty() {
        return None;
    }
    let names: Vec<String> = presence
        .names
        .iter()
        .map(|p| {
            if p.you {
                t.presence_you.to_string()
            } else if p.name.is_empty() {
                t.presence_unnamed.to_string()
            } else {
                p.name.clone()
            }
        })
        .collect();
    Some(view! { <span class="presence">{(t.presence_line)(&names, presence.more)}</span> })
}
