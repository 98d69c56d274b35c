//! Answering: areas → groups → indicators, with progress and "next unanswered".

use std::sync::Arc;

use blomlada_domain::assessment::parse_population;
use blomlada_domain::distribution::{next_unanswered, summarize};
use blomlada_domain::{Assessment, IndicatorSet};
use leptos::prelude::*;

use crate::app_state::use_app_state;
use crate::browser::clock;
use crate::browser::focus::focus_element;
use crate::components::assessment_frame::AssessmentFrame;
use crate::components::export_buttons::{ExportButtons, ExportReminder};
use crate::components::indicator_item::{first_control_id, IndicatorItem};
use crate::components::progress_meter::ProgressMeter;
use crate::i18n::texts;

#[component]
pub fn AssessmentPage() -> impl IntoView {
    view! {
        <AssessmentFrame body=|set, assessment| view! { <Answering set=set assessment=assessment/> }/>
    }
}

#[component]
fn Answering(set: Arc<IndicatorSet>, assessment: Memo<Option<Assessment>>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let summary = {
        let set = set.clone();
        Memo::new(move |_| assessment.with(|a| a.as_ref().map(|a| summarize(&set, a))))
    };
    let last_touched = RwSignal::new(None::<String>);
    let on_touch = Callback::new(move |id: String| last_touched.set(Some(id)));
    let id = move || assessment.with(|a| a.as_ref().map(|a| a.id.clone()).unwrap_or_default());
    let field = move |f: fn(&Assessment) -> String| move || assessment.with(|a| a.as_ref().map(f).unwrap_or_default());
    let set_for_next = set.clone();
    let go_to_next = move |_| {
        let next = assessment.with_untracked(|a| {
            a.as_ref().and_then(|a| next_unanswered(&set_for_next, a, last_touched.get_untracked().as_deref()).map(str::to_string))
        });
        if let Some(next) = next {
            last_touched.set(Some(next.clone()));
            focus_element(&first_control_id(&next));
        }
    };
    let total_answered = Signal::derive(move || summary.with(|s| s.as_ref().map_or(0, |s| s.total.answered())));
    let total_count = Signal::derive(move || summary.with(|s| s.as_ref().map_or(0, |s| s.total.total())));
    let population =
        RwSignal::new(assessment.with_untracked(|a| a.as_ref().and_then(|a| a.population).map(|p| p.to_string()).unwrap_or_default()));
    let population_error = RwSignal::new(false);
    let approval = RwSignal::new(assessment.with_untracked(|a| a.as_ref().and_then(|a| a.approval.clone()).unwrap_or_default()));
    // Answers carried over from another set version that still wait for a look, in set order.
    let to_review = {
        let set = set.clone();
        Memo::new(move |_| {
            assessment.with(|a| {
                a.as_ref().map_or_else(Vec::new, |a| {
                    set.placed()
                        .map(|p| p.indicator.id.clone())
                        .filter(|id| a.response(id).is_some_and(|r| r.review.is_some()))
                        .collect::<Vec<_>>()
                })
            })
        })
    };
    let go_to_review = move |_| {
        if let Some(next) = to_review.with_untracked(|ids| ids.first().cloned()) {
            last_touched.set(Some(next.clone()));
            focus_element(&first_control_id(&next));
        }
    };

    let lang = move || state.lang.get();
    let nav = set
        .areas
        .iter()
        .map(|area| {
            let groups = area
                .groups
                .iter()
                .map(|group| {
                    let anchor = format!("#grupp-{}-{}", area.id, group.id);
                    let (area_id, group_id) = (area.id.clone(), group.id.clone());
                    let title = group.title.clone();
                    let counts = move || {
                        summary.with(|s| {
                            s.as_ref().and_then(|s| s.group(&area_id, &group_id)).map(|d| (d.answered(), d.total())).unwrap_or_default()
                        })
                    };
                    view! {
                        <li><a href=anchor>{move || title.get(lang()).to_string()}</a>" "
                            <span class="muted">{move || { let (a, n) = counts(); format!("{a}/{n}") }}</span></li>
                    }
                })
                .collect_view();
            let title = area.title.clone();
            view! { <li>{move || title.get(lang()).to_string()}<ul>{groups}</ul></li> }
        })
        .collect_view();

    let areas = set
        .areas
        .iter()
        .map(|area| {
            let groups = area
                .groups
                .iter()
                .map(|group| {
                    let (area_id, group_id) = (area.id.clone(), group.id.clone());
                    let counts = Memo::new(move |_| {
                        summary.with(|s| {
                            s.as_ref().and_then(|s| s.group(&area_id, &group_id)).map(|d| (d.answered(), d.total())).unwrap_or_default()
                        })
                    });
                    let counts = move || counts.get();
                    let items = group
                        .indicators
                        .iter()
                        .map(|indicator| {
                            view! {
                                <IndicatorItem set=set.clone() indicator=indicator.clone() assessment=assessment on_touch=on_touch/>
                            }
                        })
                        .collect_view();
                    let title = group.title.clone();
                    let heading_id = format!("grupp-{}-{}", area.id, group.id);
                    view! {
                        <section class="group" id=heading_id.clone() aria-labelledby=format!("{heading_id}-rubrik")>
                            <h3 id=format!("{heading_id}-rubrik")>{move || title.get(lang()).to_string()}</h3>
                            <ProgressMeter
                                answered=Signal::derive(move || counts().0)
                                total=Signal::derive(move || counts().1)
                                label=Signal::derive(move || { let (a, n) = counts(); (t().progress_group)(a, n) })/>
                            {items}
                        </section>
                    }
                })
                .collect_view();
            let title = area.title.clone();
            view! {
                <section class="area" aria-labelledby=format!("omrade-{}", area.id)>
                    <h2 id=format!("omrade-{}", area.id)>{move || title.get(lang()).to_string()}</h2>
                    {groups}
                </section>
            }
        })
        .collect_view();

    view! {
        <h1>{field(|a| a.title.clone())}</h1>
        <p class="lead">{move || assessment.with(|a| a.as_ref().map(|a| format!("{} · {}", a.kommun.name, state.set_label(&a.set))).unwrap_or_default())}</p>
        <ExportButtons id=Signal::derive(id)/>
        <div class="toolbar" role="group" aria-label=move || t().groups_nav>
            <ProgressMeter answered=total_answered total=total_count
                label=Signal::derive(move || (t().progress_total)(total_answered.get(), total_count.get()))/>
            <Show when=move || { total_answered.get() < total_count.get() }
                fallback=move || view! { <span>{move || t().all_answered}</span> }>
                <button type="button" on:click=go_to_next.clone()>{move || t().next_unanswered}</button>
            </Show>
        </div>
        <ExportReminder id=Signal::derive(id)/>
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
                            Ok(p) => state.edit(&id(), |a| a.set_population(p, clock::now())).is_ok(),
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
                    on:change=move |_| { let _ = state.edit(&id(), |a| a.set_approval(&approval.get_untracked(), clock::now())); }/>
                <p class="hint" id="beslut-hint">{move || t().approval_hint}</p>
            </div>
        </details>
        <div class="answer-layout">
            <nav class="group-nav" aria-label=move || t().groups_nav><ul>{nav}</ul></nav>
            <div class="areas">{areas}</div>
        </div>
    }
}
