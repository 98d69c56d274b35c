//! This browser's other assessments of the same kommun (any version of the set), each side by
//! side with this one per area and group, across versions through the concordance.

use std::sync::Arc;

use blomlada_domain::over_time::{others_of_same_kommun, over_time, OverTime};
use blomlada_domain::share_row::{basis_sentence, Basis};
use blomlada_domain::side_by_side::over_time_table;
use blomlada_domain::{Assessment, IndicatorSet};
use leptos::prelude::*;

use super::side_by_side_table::{side_by_side_table, Headings};
use crate::app_state::{use_app_state, Load};
use crate::i18n::texts;

#[component]
pub(super) fn OwnOverTime(set: Arc<IndicatorSet>, assessment: Memo<Option<Assessment>>) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang;
    let t = move || texts(lang.get());
    let others = Memo::new(move |_| {
        let all = state.assessments.get();
        assessment.with(|a| a.as_ref().map(|a| others_of_same_kommun(a, &all).into_iter().cloned().collect::<Vec<_>>()).unwrap_or_default())
    });
    let list = move || {
        let list = others.get();
        if list.is_empty() {
            return view! { <p class="hint">{t().compare_own_none}</p> }.into_any();
        }
        list.into_iter().map(|other| view! { <OverTimeTable set=set.clone() assessment=assessment other=other/> }).collect_view().into_any()
    };
    view! {
        <section class="over-time" aria-labelledby="over-tid">
            <h2 id="over-tid">{move || t().compare_own_title}</h2>
            <p>{move || t().compare_own_intro}</p>
            {list}
        </section>
    }
}

#[component]
fn OverTimeTable(set: Arc<IndicatorSet>, assessment: Memo<Option<Assessment>>, other: Assessment) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang;
    let other_name = format!("{} ({})", other.title, state.set_label(&other.set));
    // Ready(None): nothing comparable (no concordance between the versions).
    let computed = {
        let set = set.clone();
        let other = other.clone();
        Memo::new(move |_| -> Load<Option<OverTime>> {
            let Some(current) = assessment.get() else { return Load::Pending };
            if other.set.version == set.version {
                return Load::Ready(over_time(&set, &current, &other, None));
            }
            match state.concordance(&set.id, &other.set.version, &set.version) {
                None | Some(Load::Failed(_)) => Load::Ready(None),
                Some(Load::Pending) => Load::Pending,
                Some(Load::Ready(c)) => {
                    let pairs = c.comparable_pairs(&other.set.version, &set.version);
                    Load::Ready(pairs.and_then(|p| over_time(&set, &current, &other, Some(&p))))
                }
            }
        })
    };
    move || {
        let lang_now = lang.get();
        let t = texts(lang_now);
        let this_name = assessment.with(|a| a.as_ref().map(|a| a.title.clone()).unwrap_or_default());
        let heading = (t.compare_own_caption)(&format!("{} ({})", t.compare_own_this, this_name), &other_name);
        let body = match computed.get() {
            Load::Pending => view! { <p>{t.loading}</p> }.into_any(),
            Load::Failed(_) | Load::Ready(None) => view! { <p class="notice notice-info">{t.compare_own_no_concordance}</p> }.into_any(),
            Load::Ready(Some(o)) => {
                let headings = Headings {
                    caption: heading.clone(),
                    left: t.compare_own_this.to_string(),
                    right: other_name.clone(),
                    count: t.fb_col_indicators.into_any(),
                    total: t.total_row,
                };
                view! {
                    <p class="over-time-comparable">{(t.compare_own_comparable)(o.comparable, o.of)}</p>
                    {side_by_side_table(over_time_table(&set, &o, lang_now), headings, t.col_area_group)}
                    <p class="basis">{basis_sentence(Basis::CountedAnswers, false, lang_now)}</p>
                }
                .into_any()
            }
        };
        view! {
            <div class="over-time-item">
                <h3>{heading.clone()}</h3>
                {body}
            </div>
        }
    }
}
