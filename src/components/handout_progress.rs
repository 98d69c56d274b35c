//! How far each förvaltning has come with the groups it was handed (issue 20 part 4): on the
//! overview and the hand-out page.

use std::sync::Arc;

use blomlada_domain::sync::handout_view::group_titles;
use blomlada_domain::sync::{progress, Assignment};
use blomlada_domain::{Assessment, IndicatorSet};
use leptos::prelude::*;

use crate::app_state::use_app_state;
use crate::components::progress_meter::ProgressMeter;
use crate::i18n::texts;

/// One line per assignment; nothing at all when `assignments` is empty and `always` is false.
#[component]
pub fn HandoutProgress(
    set: Arc<IndicatorSet>,
    assessment: Memo<Option<Assessment>>,
    #[prop(into)] assignments: Signal<Vec<Assignment>>,
    #[prop(optional)] always: bool,
) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let rows = {
        let set = set.clone();
        Memo::new(move |_| {
            let assignments = assignments.get();
            assessment.with(|a| a.as_ref().map(|a| progress(&set, a, &assignments)).unwrap_or_default())
        })
    };
    move || {
        let list = rows.get();
        if list.is_empty() && !always {
            return None;
        }
        let lang = state.lang.get();
        let items = list
            .into_iter()
            .map(|p| {
                let label = (t().handout_progress)(&p.recipient, p.answered, p.total);
                let groups = group_titles(&set, &p.groups, lang).join(", ");
                view! {
                    <li>
                        <ProgressMeter answered=p.answered total=p.total label=label/>
                        <span class="hint">" "{t().handout_col_groups}": "{groups}</span>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <section class="handout-progress" aria-labelledby="utlamnade">
                <h2 id="utlamnade">{t().handout_given_title}</h2>
                {if rows.with_untracked(Vec::is_empty) { Some(view! { <p>{t().handout_none_given}</p> }) } else { None }}
                <ul>{items}</ul>
            </section>
        })
    }
}
