//! Choosing groups to hand out: per area a box for the whole area (mixed when some of its
//! groups are chosen) and a box per group.

use std::collections::BTreeSet;
use std::sync::Arc;

use blomlada_domain::sync::GroupRef;
use blomlada_domain::IndicatorSet;
use leptos::prelude::*;

use crate::app_state::use_app_state;
use crate::i18n::texts;

#[component]
pub fn GroupPicker(set: Arc<IndicatorSet>, chosen: RwSignal<BTreeSet<GroupRef>>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let lang = move || state.lang.get();
    set
        .areas
        .iter()
        .map(|area| {
            let all: Vec<GroupRef> = area.groups.iter().map(|g| GroupRef::new(&area.id, &g.id)).collect();
            let all_chosen = {
                let all = all.clone();
                move || chosen.with(|c| all.iter().all(|g| c.contains(g)))
            };
            // Some but not all of the area's groups: the area's box says "mixed".
            let some_chosen = {
                let all = all.clone();
                move || chosen.with(|c| all.iter().any(|g| c.contains(g)) && !all.iter().all(|g| c.contains(g)))
            };
            let toggle_all = {
                let all = all.clone();
                move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    chosen.update(|c| {
                        for g in &all {
                            if on {
                                c.insert(g.clone());
                            } else {
                                c.remove(g);
                            }
                        }
                    });
                }
            };
            let area_box = format!("utdelning-{}", area.id);
            let area_title = area.title.clone();
            let legend_title = area.title.clone();
            let groups = area
                .groups
                .iter()
                .map(|group| {
                    let key = GroupRef::new(&area.id, &group.id);
                    let box_id = format!("utdelning-{}-{}", area.id, group.id);
                    let title = group.title.clone();
                    let checked = {
                        let key = key.clone();
                        move || chosen.with(|c| c.contains(&key))
                    };
                    view! {
                        <div class="choice">
                            <input type="checkbox" id=box_id.clone() prop:checked=checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| {
                                        if on { c.insert(key.clone()); } else { c.remove(&key); }
                                    });
                                }/>
                            <label for=box_id>{move || title.get(lang()).to_string()}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="handout-area">
                    <legend>{move || legend_title.get(lang()).to_string()}</legend>
                    <div class="choices">
                        <div class="choice">
                            <input type="checkbox" id=area_box.clone() prop:checked=all_chosen prop:indeterminate=some_chosen on:change=toggle_all/>
                            <label for=area_box>{move || (t().handout_whole_area)(area_title.get(lang()))}</label>
                        </div>
                        {groups}
                    </div>
                </fieldset>
            }
        })
        .collect_view()
}
