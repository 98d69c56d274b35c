//! The answering page's reactive parts, made once per assessment: every indicator gets its
//! response signal and an answer memo, each group a counter over its indicators' answers. An
//! answer re-runs its own item, its group's counter and the totals, nothing else.

use blomlada_domain::distribution::Distribution;
use blomlada_domain::indicator_set::Indicator;
use blomlada_domain::{IndicatorSet, Response};
use leptos::prelude::*;

use crate::app_state::AssessmentHandle;

/// One indicator's reactive parts.
pub(super) struct ItemState {
    pub indicator: Indicator,
    pub response: ArcRwSignal<Response>,
    pub answer: Memo<Option<String>>,
    pub needs_review: Memo<bool>,
}

/// A group's items and its (answered, total) counter.
pub(super) type GroupState = (Vec<ItemState>, Memo<(u32, u32)>);

/// Per area, per group: the items and the group's counter.
pub(super) fn area_states(set: &std::sync::Arc<IndicatorSet>, handle: AssessmentHandle) -> Vec<Vec<GroupState>> {
    set.areas
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
        .collect()
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

/// (answered, total) of some indicators' answers, counted the way the summary counts them.
fn count(set: &IndicatorSet, answers: &[Memo<Option<String>>]) -> (u32, u32) {
    let mut d = Distribution::empty(set.scale.options.len());
    for answer in answers {
        answer.with(|a| d.record(set, a.as_deref()));
    }
    (d.answered(), d.total())
}
