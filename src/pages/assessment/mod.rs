//! Answering: areas → groups → indicators, with progress and "next unanswered".
//!
//! Built once per assessment: every indicator gets its response signal and an answer memo, each
//! group a counter over its indicators' answers, the page a total over the groups. An answer
//! re-runs its own item, its group's counter and the totals, nothing else. Rooms: the reactive
//! parts (`item_states`), rendering after paints (`reveal`), the group list (`group_nav`), the
//! questions (`answer_sections`), the details (`assessment_details`), hand-out links (`handout`).

use std::sync::Arc;

mod answer_sections;
mod assessment_details;
mod group_nav;
mod handout;
mod item_states;
mod reveal;

use blomlada_domain::answering::{group_anchor, indicators_rendered_first};
use blomlada_domain::distribution::next_unanswered;
use blomlada_domain::sync::handout_view::restrict;
use blomlada_domain::IndicatorSet;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::app_state::{use_app_state, AssessmentHandle};
use crate::components::assessment_frame::AssessmentFrame;
use crate::components::export_buttons::{ExportButtons, ExportReminder};
use crate::components::indicator_item::first_control_id;
use crate::components::progress_meter::ProgressMeter;
use crate::i18n::texts;
use answer_sections::answer_sections;
use assessment_details::AssessmentDetails;
use group_nav::group_nav;
use handout::HandoutFilter;
use item_states::area_states;
use reveal::Reveal;

#[component]
pub fn AssessmentPage() -> impl IntoView {
    view! {
        <AssessmentFrame body=|set, handle| {
            // A förvaltning's copy of a hand-out (issue 20 part 4) shows just the groups handed out.
            let received = use_app_state().received_handout(&handle.id());
            let set = match &received {
                Some(handed) => Arc::new(restrict(&set, &handed.groups)),
                None => set,
            };
            let banner = received.map(|handed| view! { <HandoutBanner id=handle.id() recipient=handed.recipient groups=handed.groups.len()/> });
            view! { {banner}<Answering set=set handle=handle/> }
        }/>
    }
}

/// Says that only the groups handed out are shown, and where the answers go back from.
#[component]
fn HandoutBanner(id: String, recipient: String, groups: usize) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    view! {
        <div class="notice notice-info" role="note">
            <p>{move || (t().handout_received_banner)(&recipient, groups)}" "
                <A href=format!("/vardering/{id}/utdelning")>{move || t().handout_return_title}</A></p>
        </div>
    }
}

#[component]
fn Answering(set: Arc<IndicatorSet>, handle: AssessmentHandle) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let id = handle.id();

    let states = area_states(&set, handle);
    let group_counts: Vec<Memo<(u32, u32)>> = states.iter().flatten().map(|(_, c)| *c).collect();
    let totals = Memo::new(move |_| group_counts.iter().fold((0, 0), |(a, n), c| c.with(|(ga, gn)| (a + ga, n + gn))));
    let total_answered = Signal::derive(move || totals.get().0);
    let total_count = Signal::derive(move || totals.get().1);
    // Carried-over answers that still wait for a look, in set order.
    let reviews: Vec<(String, Memo<bool>)> =
        states.iter().flatten().flat_map(|(items, _)| items.iter().map(|i| (i.indicator.id.clone(), i.needs_review))).collect();
    let to_review = Memo::new(move |_| reviews.iter().filter(|(_, r)| r.get()).map(|(id, _)| id.clone()).collect::<Vec<_>>());

    // The frame first (or with every indicator up to the group the address points at), then a
    // slice of indicators after each paint; `aria-busy` says when all are there.
    let group_anchors: Vec<String> =
        set.areas.iter().flat_map(|area| area.groups.iter().map(move |group| group_anchor(&area.id, &group.id))).collect();
    let group_sizes: Vec<usize> = set.areas.iter().flat_map(|area| area.groups.iter().map(|g| g.indicators.len())).collect();
    let hash = use_location().hash.get_untracked();
    let pointed_at = group_anchors.iter().position(|a| hash.strip_prefix('#') == Some(a.as_str()));
    let reveal = Reveal::start(indicators_rendered_first(&group_sizes, pointed_at), group_sizes.iter().sum());
    let complete = Memo::new(move |_| reveal.complete());
    let handout = HandoutFilter::from_query();

    let last_touched = RwSignal::new(None::<String>);
    let on_touch = Callback::new(move |id: String| last_touched.set(Some(id)));
    let set_for_next = set.clone();
    let go_to_next = move |_| {
        let a = handle.snapshot_untracked();
        if let Some(next) = next_unanswered(&set_for_next, &a, last_touched.get_untracked().as_deref()).map(str::to_string) {
            last_touched.set(Some(next.clone()));
            reveal.focus_control(first_control_id(&next));
        }
    };
    let go_to_review = move |_| {
        if let Some(next) = to_review.with_untracked(|ids| ids.first().cloned()) {
            last_touched.set(Some(next.clone()));
            reveal.focus_control(first_control_id(&next));
        }
    };

    let nav = group_nav(&set, &states, handout, reveal, handle);
    let areas = answer_sections(&set, states, handout, reveal, handle, on_touch);

    // A shared assessment (issue 20): a line that says so, and no editing through a view link.
    let shared_id = id.clone();
    let shared = Memo::new(move |_| state.shared.with(|s| s.get(&shared_id).copied()));
    let read_only = Signal::derive(move || shared.get() == Some(false));
    let share_path = format!("/vardering/{id}/dela");
    let id_signal = Signal::stored(id);
    view! {
        <h1>{move || handle.with_head(|a| a.title.clone())}</h1>
        <p class="lead">{move || handle.with_head(|a| format!("{} · {}", a.kommun.name, state.set_label(&a.set)))}</p>
        <ExportButtons id=id_signal/>
        <div class="toolbar" role="group" aria-label=move || t().groups_nav>
            <ProgressMeter answered=total_answered total=total_count
                label=Signal::derive(move || (t().progress_total)(total_answered.get(), total_count.get()))/>
            <Show when=move || { total_answered.get() < total_count.get() }
                fallback=move || view! { <span>{move || t().all_answered}</span> }>
                <button type="button" on:click=go_to_next.clone()>{move || t().next_unanswered}</button>
            </Show>
        </div>
        <ExportReminder id=id_signal/>
        {move || shared.get().map(|can_write| {
            let share_path = share_path.clone();
            view! {
                <p class="notice shared-banner" role="status">
                    {move || if can_write { t().shared_banner } else { t().shared_banner_view }}" "
                    <A href=share_path>{move || t().shared_banner_link}</A>
                </p>
            }
        })}
        <Show when=move || !handout.show_all.get()>
            <div class="notice" role="status">
                <p>{move || t().handout_only}</p>
                <button type="button" on:click=move |_| handout.show_all.set(true)>{move || t().handout_show_all}</button>
            </div>
        </Show>
        <Show when=move || to_review.with(|ids| !ids.is_empty())>
            <div class="notice notice-warning" role="status">
                <p>{move || (t().review_count)(to_review.with(Vec::len))}</p>
                <button type="button" on:click=go_to_review>{move || t().next_review}</button>
            </div>
        </Show>
        <AssessmentDetails handle=handle/>
        <div class="answer-layout">
            {nav}
            <fieldset class="areas-fieldset" disabled=move || read_only.get()>
                <legend class="visually-hidden">{move || t().tab_answers}</legend>
                <div class="areas" aria-busy=move || (!complete.get()).to_string()>{areas}</div>
            </fieldset>
        </div>
    }
}
