//! The questions: an area section per area, a group section per group with its progress and
//! its indicators. A group is built when its first indicator is revealed, each indicator when
//! its own turn comes (`Reveal::build_once`).

use std::sync::Arc;

use blomlada_domain::answering::group_anchor;
use blomlada_domain::IndicatorSet;
use leptos::prelude::*;

use super::handout::HandoutFilter;
use super::item_states::{GroupState, ItemState};
use super::reveal::Reveal;
use crate::app_state::{use_app_state, AssessmentHandle};
use crate::components::indicator_item::IndicatorItem;
use crate::components::progress_meter::ProgressMeter;
use crate::i18n::texts;

pub(super) fn answer_sections(
    set: &Arc<IndicatorSet>,
    states: Vec<Vec<GroupState>>,
    handout: HandoutFilter,
    reveal: Reveal,
    handle: AssessmentHandle,
    on_touch: Callback<String>,
) -> impl IntoView {
    let state = use_app_state();
    let lang = move || state.lang.get();
    // Where each group's first indicator stands in reading order.
    let mut next_index = 0;
    set.areas
        .iter()
        .zip(states)
        .map(|(area, groups_state)| {
            let first_of_area = next_index;
            let groups = area
                .groups
                .iter()
                .zip(groups_state)
                .map(|(group, (items, counts))| {
                    let start = next_index;
                    next_index += items.len();
                    let visible = handout.visible(&area.id, &group.id);
                    let set = set.clone();
                    let title = group.title.clone();
                    let heading_id = group_anchor(&area.id, &group.id);
                    // The group's section comes with its first indicator, each indicator in its turn.
                    reveal.build_once(start, items, move |items| {
                        let items = items
                            .into_iter()
                            .enumerate()
                            .map(|(k, item)| {
                                let set = set.clone();
                                reveal.build_once(start + k, item, move |i: ItemState| {
                                    view! {
                                        <IndicatorItem set=set.clone() indicator=i.indicator handle=handle response=i.response
                                            answer=i.answer needs_review=i.needs_review on_touch=on_touch/>
                                    }
                                })
                            })
                            .collect_view();
                        let title = title.clone();
                        let heading_id = heading_id.clone();
                        view! {
                            <section class="group" id=heading_id.clone() aria-labelledby=format!("{heading_id}-rubrik") hidden=move || !visible.get()>
                                <h3 id=format!("{heading_id}-rubrik") tabindex="-1">{move || title.get(lang()).to_string()}</h3>
                                <ProgressMeter
                                    answered=Signal::derive(move || counts.get().0)
                                    total=Signal::derive(move || counts.get().1)
                                    label=Signal::derive(move || { let (a, n) = counts.get(); (texts(lang()).progress_group)(a, n) })/>
                                {items}
                            </section>
                        }
                    })
                })
                .collect_view();
            let title = area.title.clone();
            let area_id = area.id.clone();
            let area_shown = Memo::new(move |_| reveal.shown(first_of_area));
            view! {
                <section class="area" aria-labelledby=format!("omrade-{area_id}") hidden=move || !area_shown.get()>
                    <h2 id=format!("omrade-{area_id}")>{move || title.get(lang()).to_string()}</h2>
                    {groups}
                </section>
            }
        })
        .collect_view()
}
