//! The counts per area and group, as a table.

use std::sync::Arc;

use blomlada_domain::distribution::{summarize, Distribution};
use blomlada_domain::number_format;
use blomlada_domain::{Assessment, IndicatorSet};
use leptos::prelude::*;

use crate::app_state::use_app_state;
use crate::i18n::texts;
use crate::components::assessment_frame::AssessmentFrame;

#[component]
pub fn Summary() -> impl IntoView {
    view! {
        <AssessmentFrame body=|set, assessment| {
            move || assessment.get().map(|a| view! { <SummaryTable set=set.clone() assessment=a/> })
        }/>
    }
}

#[component]
fn SummaryTable(set: Arc<IndicatorSet>, assessment: Assessment) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang.get_untracked();
    let t = texts(lang);
    let summary = summarize(&set, &assessment);
    let cells = move |d: &Distribution| {
        let mut cells: Vec<AnyView> = d
            .counts
            .iter()
            .enumerate()
            .map(|(i, n)| view! { <td>{format!("{n} ({})", number_format::percent(d.share(i), lang))}</td> }.into_any())
            .collect();
        cells.push(view! { <td>{d.unanswered}</td> }.into_any());
        cells.push(view! { <td>{d.total()}</td> }.into_any());
        cells
    };
    let rows = set.areas.iter().zip(&summary.areas).map(|(area, area_summary)| {
        let group_rows = area.groups.iter().zip(&area_summary.groups).map(|(group, gs)| view! {
            <tr><th scope="row" class="group-row">{group.title.get(lang).to_string()}</th>{cells(&gs.distribution)}</tr>
        }).collect_view();
        view! {
            <tbody>
                <tr class="area-row"><th scope="row">{area.title.get(lang).to_string()}</th>{cells(&area_summary.distribution)}</tr>
                {group_rows}
            </tbody>
        }
    }).collect_view();
    let headers = set.scale.options.iter().map(|o| view! { <th scope="col">{o.label.get(lang).to_string()}</th> }).collect_view();
    view! {
        <h1>{t.summary_title}": "{assessment.title.clone()}</h1>
        <p class="lead">{format!("{} · {}", assessment.kommun.name, set.name(lang))}</p>
        <p>{t.summary_intro}</p>
        <div class="table-wrap">
            <table class="summary">
                <caption>{t.summary_title}</caption>
                <thead><tr><th scope="col">{t.col_area_group}</th>{headers}<th scope="col">{t.col_unanswered}</th><th scope="col">{t.col_total}</th></tr></thead>
                {rows}
                <tfoot><tr><th scope="row">{t.total_row}</th>{cells(&summary.total)}</tr></tfoot>
            </table>
        </div>
    }
}
