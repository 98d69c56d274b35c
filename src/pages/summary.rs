//! The counts per area and group, as a table.

use std::sync::Arc;

use blomlada_domain::{Assessment, IndicatorSet};
use leptos::prelude::*;

use crate::app_state::use_app_state;
use crate::components::assessment_frame::AssessmentFrame;
use crate::components::distribution_table::DistributionTable;
use crate::i18n::texts;

#[component]
pub fn Summary() -> impl IntoView {
    view! {
        <AssessmentFrame body=|set, handle| {
            let assessment = handle.watch();
            move || assessment.get().map(|a| view! { <SummaryTable set=set.clone() assessment=a/> })
        }/>
    }
}

#[component]
fn SummaryTable(set: Arc<IndicatorSet>, assessment: Assessment) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang.get_untracked();
    let t = texts(lang);
    view! {
        <h1>{t.summary_title}": "{assessment.title.clone()}</h1>
        <p class="lead">{format!("{} · {}", assessment.kommun.name, set.name(lang))}</p>
        <p>{t.summary_intro}</p>
        <div class="table-wrap">
            <DistributionTable set=set assessment=assessment lang=lang caption=t.summary_title/>
        </div>
    }
}
