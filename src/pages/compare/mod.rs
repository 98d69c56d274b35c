//! Jämför: my assessment next to the published results of all kommuner, my size group, my
//! län or a list I choose, with n. The published results are fetched once (answers only) and
//! compared here with the domain's comparison code, the same the server's statistics use.
//! Rooms: where results come from (`sources`), whom to compare with (`selection`), the tables
//! (`tables`, `side_by_side_table`), the selection's flower box and my assessments over time.

mod over_time;
mod selection;
mod selection_box;
mod side_by_side_table;
mod sources;
mod tables;

use std::sync::Arc;

use blomlada_domain::comparison::{answering, compare};
use blomlada_domain::{Assessment, IndicatorSet};
use leptos::prelude::*;

use crate::app_state::use_app_state;
use crate::components::assessment_frame::AssessmentFrame;
use crate::i18n::texts;
use over_time::OwnOverTime;
use selection::{choice_for, SelectionChoice};
use selection_box::SelectionBox;
use sources::{sources_for, Got, SourceChoice};
use tables::ComparisonTables;

#[component]
pub fn Compare() -> impl IntoView {
    view! {
        <AssessmentFrame body=|set, handle| view! { <Comparing set=set assessment=handle.watch()/> }/>
    }
}

#[component]
fn Comparing(set: Arc<IndicatorSet>, assessment: Memo<Option<Assessment>>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let sources = sources_for(set.clone());
    let choice = choice_for(assessment);
    let results = sources.results;
    let selection = choice.selection;
    let comparison = {
        let set = set.clone();
        Memo::new(move |_| match (results.get(), selection.get()) {
            (Got::Ready(r), Some(sel)) => Some(compare(&set, r.iter(), &sel)),
            _ => None,
        })
    };
    // "Vilka uppfyller?": per indicator, the kommuner in the selection answering the best option.
    let fulfillers = {
        let set = set.clone();
        Memo::new(move |_| match (results.get(), selection.get(), set.best_option().map(|i| &set.scale.options[i])) {
            (Got::Ready(r), Some(sel), Some(top)) => Some(Arc::new(answering(&set, r.iter(), &sel, &top.key))),
            _ => None,
        })
    };
    let box_set = set.clone();
    view! {
        <h1>{move || t().compare_title}</h1>
        <p class="lead">{move || assessment.with(|a| a.as_ref().map(|a| format!("{} · {}", a.kommun.name, a.title)).unwrap_or_default())}</p>
        <p>{move || t().compare_intro}</p>
        <SourceChoice sources=sources/>
        <SelectionChoice choice=choice/>
        <ComparisonTables set=set.clone() comparison=comparison assessment=assessment fulfillers=fulfillers/>
        <Show when=move || comparison.with(Option::is_some)>
            <SelectionBox set=box_set.clone() comparison=comparison/>
        </Show>
        <OwnOverTime set=set.clone() assessment=assessment/>
    }
}
