//! An indicator's earlier values in a shared assessment (issue 20): a disclosure
//! "Tidigare värden (N)" beside who changed it last, listing each replaced value per field with
//! who set it and when, newest first. The rows are the domain's (`sync::history_view`), set by
//! the sharing session; nothing shows until a value has been replaced.

use blomlada_domain::sync::history_view::{HistoryView, Shown};
use leptos::prelude::*;

use crate::app_state::use_app_state;
use crate::browser::clock;
use crate::components::disclosure::{Disclosure, DisclosureButton, DisclosurePanel};
use crate::i18n::texts;

#[component]
pub fn IndicatorHistory(id: String, history: ArcRwSignal<HistoryView>) -> impl IntoView {
    let has = {
        let history = history.clone();
        Memo::new(move |_| history.with(|h| h.count() > 0))
    };
    move || {
        // Made once history exists, so the disclosure stays open while more values arrive.
        has.get().then(|| view! { <HistoryDisclosure id=id.clone() history=history.clone()/> })
    }
}

#[component]
fn HistoryDisclosure(id: String, history: ArcRwSignal<HistoryView>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let disclosure = Disclosure::new(format!("historik-{id}"), false);
    let count = {
        let history = history.clone();
        Memo::new(move |_| history.with(HistoryView::count))
    };
    let rows = move || {
        let lang = state.lang.get();
        let t = t();
        history.with(|h| {
            let items = h
                .rows
                .iter()
                .map(|row| {
                    let value = match &row.shown {
                        Shown::Empty => t.history_empty.to_string(),
                        Shown::Said(words) => words.get(lang).to_string(),
                        Shown::NeedsReview => t.needs_review.to_string(),
                    };
                    let who = if row.author.is_empty() { t.presence_unnamed } else { row.author.as_str() };
                    let by = (t.history_by)(who, &row.at.date_time_sv(clock::utc_offset_minutes()));
                    view! {
                        <li><span class="history-field">{(t.history_field)(row.field)}": "</span>
                            <span class="history-value">{value}</span>" – "<span class="history-by">{by}</span></li>
                    }
                })
                .collect_view();
            let older = (h.older > 0).then(|| view! { <p class="hint">{(t.history_older)(h.older)}</p> });
            view! { <ul class="history-list" aria-label=t.history_list>{items}</ul>{older} }
        })
    };
    view! {
        <div class="indicator-history">
            <DisclosureButton disclosure=disclosure>{move || (t().history_button)(count.get())}</DisclosureButton>
            <DisclosurePanel disclosure=disclosure>{rows.clone()}</DisclosurePanel>
        </div>
    }
}
