//! Answering: areas → groups → indicators, with progress and "next unanswered".
//!
//! Built once per assessment: every indicator gets its response signal and an answer memo, each
//! group a counter over its indicators' answers, the page a total over the groups. An answer
//! re-runs its own item, its group's counter and the totals, nothing else.

use std::sync::Arc;

use blomlada_domain::answering::{group_anchor, groups_rendered_first};
use blomlada_domain::assessment::parse_population;
use blomlada_domain::distribution::{next_unanswered, Distribution};
use blomlada_domain::indicator_set::Indicator;
use blomlada_domain::sync::handout_view::restrict;
use blomlada_domain::sync::presence::Presence;
use blomlada_domain::sync::GroupRef;
use blomlada_domain::{IndicatorSet, Response};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_query_map};

use crate::app_state::{use_app_state, AssessmentHandle};
use crate::browser::after_paint::after_next_paint;
use crate::browser::clock;
use crate::browser::focus::{focus_element, focus_heading};
use crate::browser::location::replace_hash;
use crate::components::assessment_frame::AssessmentFrame;
use crate::components::export_buttons::{ExportButtons, ExportReminder};
use crate::components::indicator_item::{first_control_id, IndicatorItem};
use crate::components::progress_meter::ProgressMeter;
use crate::i18n::{texts, Texts};

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

/// One indicator's reactive parts, made once for the page.
struct ItemState {
    indicator: Indicator,
    response: ArcRwSignal<Response>,
    answer: Memo<Option<String>>,
    needs_review: Memo<bool>,
}

fn item_state(handle: AssessmentHandle, indicator: &Indicator) -> ItemState {
    let response = handle.response(&indicator.id);
    let answer = {
        let response = response.clone();
        Memo::new(move |_| response.with(|r| r.answer.clone()))
    };
    let needs_review = {
        let response = response.clone();
        Memo::new(move |_| response.with(|r| r.review.is_some()))
    };
    ItemState { indicator: indicator.clone(), response, answer, needs_review }
}

/// A group's items and its (answered, total) counter.
type GroupState = (Vec<ItemState>, Memo<(u32, u32)>);

/// (answered, total) of some indicators' answers, counted the way the summary counts them.
fn count(set: &IndicatorSet, answers: &[Memo<Option<String>>]) -> (u32, u32) {
    let mut d = Distribution::empty(set.scale.options.len());
    for answer in answers {
        answer.with(|a| d.record(set, a.as_deref()));
    }
    (d.answered(), d.total())
}

#[component]
fn Answering(set: Arc<IndicatorSet>, handle: AssessmentHandle) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let lang = move || state.lang.get();
    let id = handle.id();

    // Per area, per group: the items and the group's counter.
    let areas_state: Vec<Vec<GroupState>> = set
        .areas
        .iter()
        .map(|area| {
            area.groups
                .iter()
                .map(|group| {
                    let items: Vec<ItemState> = group.indicators.iter().map(|i| item_state(handle, i)).collect();
                    let answers: Vec<Memo<Option<String>>> = items.iter().map(|i| i.answer).collect();
                    let set = set.clone();
                    (items, Memo::new(move |_| count(&set, &answers)))
                })
                .collect()
        })
        .collect();
    let group_counts: Vec<Memo<(u32, u32)>> = areas_state.iter().flatten().map(|(_, c)| *c).collect();
    let totals = Memo::new(move |_| group_counts.iter().fold((0, 0), |(a, n), c| c.with(|(ga, gn)| (a + ga, n + gn))));
    let total_answered = Signal::derive(move || totals.get().0);
    let total_count = Signal::derive(move || totals.get().1);
    // Carried-over answers that still wait for a look, in set order.
    let reviews: Vec<(String, Memo<bool>)> =
        areas_state.iter().flatten().flat_map(|(items, _)| items.iter().map(|i| (i.indicator.id.clone(), i.needs_review))).collect();
    let to_review = Memo::new(move |_| reviews.iter().filter(|(_, r)| r.get()).map(|(id, _)| id.clone()).collect::<Vec<_>>());

    // Groups are rendered a few at a time, after each paint, so opening a long set is no one long
    // task: the first screenful (and the group a link points at) at once, the rest in order below
    // it, where appending moves nothing the user sees. `aria-busy` says when all are there.
    let group_anchors: Vec<String> =
        set.areas.iter().flat_map(|area| area.groups.iter().map(move |group| group_anchor(&area.id, &group.id))).collect();
    let group_sizes: Vec<usize> = set.areas.iter().flat_map(|area| area.groups.iter().map(|g| g.indicators.len())).collect();
    let hash = use_location().hash.get_untracked();
    // A hand-out link (issue 20) opens with `?del=area/group,…`: just those groups are shown.
    let handed_out: Vec<GroupRef> =
        use_query_map().with_untracked(|q| q.get("del").map(|d| d.split(',').filter_map(GroupRef::from_key).collect()).unwrap_or_default());
    let show_all = RwSignal::new(handed_out.is_empty());
    let handed_out = StoredValue::new(handed_out);
    let in_handout = move |area: &str, group: &str| {
        let key = GroupRef::new(area, group);
        Signal::derive(move || show_all.get() || handed_out.with_value(|h| h.contains(&key)))
    };
    let revealed =
        RwSignal::new(groups_rendered_first(&group_sizes, group_anchors.iter().position(|a| hash.strip_prefix('#') == Some(a.as_str()))));
    let group_total = group_sizes.len();
    reveal_after_paints(revealed, group_total);
    let complete = Memo::new(move |_| revealed.get() >= group_total);

    let last_touched = RwSignal::new(None::<String>);
    let on_touch = Callback::new(move |id: String| last_touched.set(Some(id)));
    let set_for_next = set.clone();
    let go_to_next = move |_| {
        let a = handle.snapshot_untracked();
        let next = next_unanswered(&set_for_next, &a, last_touched.get_untracked().as_deref()).map(str::to_string);
        if let Some(next) = next {
            last_touched.set(Some(next.clone()));
            focus_when_shown(revealed, group_total, first_control_id(&next));
        }
    };
    let go_to_review = move |_| {
        if let Some(next) = to_review.with_untracked(|ids| ids.first().cloned()) {
            last_touched.set(Some(next.clone()));
            focus_when_shown(revealed, group_total, first_control_id(&next));
        }
    };
    let population = RwSignal::new(handle.with_head(|a| a.population.map(|p| p.to_string()).unwrap_or_default()));
    let population_error = RwSignal::new(false);
    let approval = RwSignal::new(handle.with_head(|a| a.approval.clone().unwrap_or_default()));

    let nav_open = crate::browser::viewport::width_now() >= NARROW_BELOW_PX;
    let nav = set
        .areas
        .iter()
        .zip(&areas_state)
        .map(|(area, groups_state)| {
            let groups = area
                .groups
                .iter()
                .zip(groups_state)
                .map(|(group, (_, counts))| {
                    let visible = in_handout(&area.id, &group.id);
                    let anchor = format!("#{}", group_anchor(&area.id, &group.id));
                    let heading = format!("{}-rubrik", group_anchor(&area.id, &group.id));
                    let (href, hash) = (anchor.clone(), anchor.clone());
                    // Shared assessments (issue 20): who is working in the group, set by the session.
                    let presence = handle.shared_views(|v| v.presence(&group_anchor(&area.id, &group.id)));
                    let title = group.title.clone();
                    let counts = *counts;
                    view! {
                        <li hidden=move || !visible.get()><a href=href on:click=move |ev| {
                            // Focus goes to the group's heading, not left in this list.
                            ev.prevent_default();
                            replace_hash(&hash);
                            show_and_focus_heading(revealed, group_total, heading.clone());
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

    let mut flat_index = 0;
    let areas = set
        .areas
        .iter()
        .zip(areas_state)
        .map(|(area, groups_state)| {
            let first_group = flat_index;
            let groups = area
                .groups
                .iter()
                .zip(groups_state)
                .map(|(group, (items, counts))| {
                    let index = flat_index;
                    flat_index += 1;
                    let visible = in_handout(&area.id, &group.id);
                    let shown = Memo::new(move |_| revealed.get() > index);
                    let set = set.clone();
                    let title = group.title.clone();
                    let heading_id = group_anchor(&area.id, &group.id);
                    let items = StoredValue::new_local(Some(items));
                    move || {
                        // Built once, when the group is first shown (`shown` only ever turns true).
                        let items = shown.get().then(|| items.try_update_value(Option::take)).flatten().flatten()?;
                        let items = items
                            .into_iter()
                            .map(|i| {
                                view! {
                                    <IndicatorItem set=set.clone() indicator=i.indicator handle=handle response=i.response
                                        answer=i.answer needs_review=i.needs_review on_touch=on_touch/>
                                }
                            })
                            .collect_view();
                        let title = title.clone();
                        let heading_id = heading_id.clone();
                        Some(view! {
                            <section class="group" id=heading_id.clone() aria-labelledby=format!("{heading_id}-rubrik") hidden=move || !visible.get()>
                                <h3 id=format!("{heading_id}-rubrik") tabindex="-1">{move || title.get(lang()).to_string()}</h3>
                                <ProgressMeter
                                    answered=Signal::derive(move || counts.get().0)
                                    total=Signal::derive(move || counts.get().1)
                                    label=Signal::derive(move || { let (a, n) = counts.get(); (t().progress_group)(a, n) })/>
                                {items}
                            </section>
                        })
                    }
                })
                .collect_view();
            let title = area.title.clone();
            let area_id = area.id.clone();
            let area_shown = Memo::new(move |_| revealed.get() > first_group);
            view! {
                <section class="area" aria-labelledby=format!("omrade-{area_id}") hidden=move || !area_shown.get()>
                    <h2 id=format!("omrade-{area_id}")>{move || title.get(lang()).to_string()}</h2>
                    {groups}
                </section>
            }
        })
        .collect_view();

    // A shared assessment (issue 20): a line that says so, and no editing through a view link.
    let shared_id = id.clone();
    let shared = Memo::new(move |_| state.shared.with(|s| s.get(&shared_id).copied()));
    let read_only = Signal::derive(move || shared.get() == Some(false));
    let share_path = format!("/vardering/{id}/dela");
    let id_signal = Signal::stored(id.clone());
    let edit_id = StoredValue::new(id);
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
        <Show when=move || !show_all.get()>
            <div class="notice" role="status">
                <p>{move || t().handout_only}</p>
                <button type="button" on:click=move |_| show_all.set(true)>{move || t().handout_show_all}</button>
            </div>
        </Show>
        <Show when=move || to_review.with(|ids| !ids.is_empty())>
            <div class="notice notice-warning" role="status">
                <p>{move || (t().review_count)(to_review.with(Vec::len))}</p>
                <button type="button" on:click=go_to_review>{move || t().next_review}</button>
            </div>
        </Show>
        <details class="details">
            <summary>{move || t().details_label}</summary>
            <div class="field">
                <label for="invanare">{move || t().population_label}</label>
                <input id="invanare" type="text" inputmode="numeric" prop:value=move || population.get()
                    on:input=move |ev| population.set(event_target_value(&ev))
                    on:change=move |_| {
                        let ok = match parse_population(&population.get_untracked()) {
                            Ok(p) => edit_id.with_value(|id| state.edit(id, |a| a.set_population(p, clock::now()))).is_ok(),
                            Err(_) => false,
                        };
                        population_error.set(!ok);
                    }/>
                <Show when=move || population_error.get()>
                    <p class="field-error" role="alert">{move || t().population_invalid}</p>
                </Show>
            </div>
            <div class="field">
                <label for="beslut">{move || t().approval_label}</label>
                <input id="beslut" type="text" maxlength="200" aria-describedby="beslut-hint" prop:value=move || approval.get()
                    on:input=move |ev| approval.set(event_target_value(&ev))
                    on:change=move |_| { let _ = edit_id.with_value(|id| state.edit(id, |a| a.set_approval(&approval.get_untracked(), clock::now()))); }/>
                <p class="hint" id="beslut-hint">{move || t().approval_hint}</p>
            </div>
        </details>
        <div class="answer-layout">
            // On a phone the list of groups starts closed: open, it put the first question
            // 1 264 px down, below 16 links (issue 22).
            <nav class="group-nav" aria-label=move || t().groups_nav>
                <details class="group-nav-list" open=nav_open>
                    <summary>{move || t().groups_nav}</summary>
                    <ul>{nav}</ul>
                </details>
            </nav>
            <fieldset class="areas-fieldset" disabled=move || read_only.get()>
                <legend class="visually-hidden">{move || t().tab_answers}</legend>
                <div class="areas" aria-busy=move || (!complete.get()).to_string()>{areas}</div>
            </fieldset>
        </div>
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

/// Shows one more group after each paint until all `total` are there.
fn reveal_after_paints(revealed: RwSignal<usize>, total: usize) {
    if revealed.get_untracked() >= total {
        return;
    }
    after_next_paint(move || {
        if revealed.try_get_untracked().is_none_or(|n| n >= total) {
            return; // the page is gone or already complete
        }
        revealed.update(|n| *n += 1);
        reveal_after_paints(revealed, total);
    });
}

/// Focuses `id` (an indicator's first control), first rendering every group if some are still
/// waiting: the one it is in may be among them.
/// Below this width (CSS px, the stylesheet's 52rem) the page is one column.
const NARROW_BELOW_PX: f64 = 832.0;

/// A group link: the group (and all before it) rendered, then its heading focused.
fn show_and_focus_heading(revealed: RwSignal<usize>, total: usize, id: String) {
    if revealed.get_untracked() >= total {
        focus_heading(&id);
    } else {
        revealed.set(total);
        set_timeout(move || focus_heading(&id), std::time::Duration::ZERO);
    }
}

fn focus_when_shown(revealed: RwSignal<usize>, total: usize, id: String) {
    if revealed.get_untracked() >= total {
        focus_element(&id);
    } else {
        revealed.set(total);
        // After the render the signal starts (effects run before a timeout's task).
        set_timeout(move || focus_element(&id), std::time::Duration::ZERO);
    }
}
