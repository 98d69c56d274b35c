//! Handlingsplan: from picture to plan. The indicators whose target is above the current
//! answer, grouped by responsible, area or year (a switch), with action and status and the
//! count of open gaps per area; the plan as CSV for Excel; and, for an assessment copied from
//! last year's, which of its targets were reached, missed or moved.

use std::sync::Arc;

use blomlada_domain::csv_export::{plan_csv, plan_file_name};
use blomlada_domain::plan_view::{follow_up_view, plan_view, Grouping};
use blomlada_domain::{Assessment, IndicatorSet};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::app_state::use_app_state;
use crate::browser::clock;
use crate::browser::download::download_text;
use crate::components::assessment_frame::AssessmentFrame;
use crate::components::follow_up::FollowUpSection;
use crate::components::plan_table::PlanTables;
use crate::i18n::{texts, Texts};

#[component]
pub fn PlanPage() -> impl IntoView {
    view! {
        <AssessmentFrame body=|set, handle| view! { <PlanBody set=set assessment=handle.watch()/> }/>
    }
}

fn grouping_label(t: &Texts, g: Grouping) -> &'static str {
    match g {
        Grouping::Responsible => t.plan_group_responsible,
        Grouping::Area => t.plan_group_area,
        Grouping::Year => t.plan_group_year,
    }
}

#[component]
fn PlanBody(set: Arc<IndicatorSet>, assessment: Memo<Option<Assessment>>) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang;
    let t = move || texts(lang.get());
    let grouping = RwSignal::new(Grouping::default());

    let choices = move || {
        Grouping::ALL
            .into_iter()
            .map(|g| {
                let id = format!("gruppera-{}", g.key());
                view! {
                    <div class="choice">
                        <input type="radio" id=id.clone() name="gruppera" value=g.key()
                            prop:checked=move || grouping.get() == g
                            on:change=move |_| grouping.set(g)/>
                        <label for=id>{move || grouping_label(t(), g)}</label>
                    </div>
                }
            })
            .collect_view()
    };

    let top = {
        let set = set.clone();
        move || {
            let a = assessment.get()?;
            let lang = lang.get();
            let follow_up = follow_up_view(&set, &a, a.created.year(clock::utc_offset_minutes()), lang);
            let lead = format!("{} · {}", a.kommun.name, set.name(lang));
            Some(view! {
                <p class="lead">{lead}</p>
                <p>{texts(lang).plan_intro}</p>
                {(!follow_up.rows.is_empty()).then(|| view! { <FollowUpSection view=follow_up lang=lang/> })}
            })
        }
    };

    let body = {
        let set = set.clone();
        move || {
            let a = assessment.get()?;
            let lang = lang.get();
            let view = plan_view(&set, &a, grouping.get(), lang);
            let download = {
                let (set, a, view) = (set.clone(), a.clone(), view.clone());
                move |_| {
                    let csv = plan_csv(&set, &a, &view, lang, &texts(lang).plan_csv_columns);
                    let name = plan_file_name(&a.kommun, &a.set, &clock::now().date_iso(clock::utc_offset_minutes()));
                    download_text(&name, "text/csv;charset=utf-8", &csv);
                }
            };
            Some(view! {
                <div class="plan-tools">
                    <button type="button" on:click=download disabled=view.open == 0 && view.without_target.is_empty()>{texts(lang).plan_download_csv}</button>
                    <A href=format!("/vardering/{}/rapport", a.id)>{texts(lang).to_report}</A>
                </div>
                <PlanTables view=view lang=lang/>
            })
        }
    };

    view! {
        <h1>{move || t().plan_title}</h1>
        {top}
        <fieldset class="plan-grouping">
            <legend>{move || t().plan_grouping_legend}</legend>
            <div class="choices">{choices}</div>
        </fieldset>
        {body}
    }
}
