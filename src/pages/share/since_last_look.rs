//! "Sedan du tittade sist": what others changed in the shared assessment since this device
//! last looked, newest first, each change in words (the indicator, the new value, who, when).

use std::sync::Arc;

use blomlada_domain::sync::{Field, Target, Value};
use blomlada_domain::{IndicatorSet, Lang, Timestamp};
use leptos::prelude::*;

use crate::app_state::use_app_state;
use crate::browser::clock;
use crate::i18n::{texts, Texts};
use crate::sharing::device;
use crate::sharing::link::ShareLink;
use crate::sharing::session::{self, Status};

#[component]
pub(super) fn SinceLastLook(
    set: Arc<IndicatorSet>,
    id: String,
    status: ArcRwSignal<Status>,
    link: RwSignal<Option<ShareLink>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let set_for_since = set;
    let since_id = id.clone();
    let since = {
        let status = status.clone();
        move || {
            status.track();
            link.track();
            let lang = state.lang.get();
            let t = t();
            let me = device::this_device().id;
            let items = session::with_replica(&since_id, |replica, record| {
                // In the server's order once this device has looked with arrivals kept (a change
                // from a device with a wrong clock shows where it arrived); a record from before
                // that lists by stamp.
                let arrivals: Vec<_> = record.arrivals.iter().cloned().collect();
                let list = match record.seen_seq {
                    Some(seq) => replica.arrived_since(&arrivals, seq, &me),
                    None => replica.changed_since(record.seen.as_ref(), &me),
                };
                list.into_iter()
                    .rev()
                    .take(50)
                    .map(|seen| {
                        let what = format!(
                            "{} → {}",
                            target_label(&set_for_since, seen.target, t, lang),
                            value_label(&set_for_since, seen.target, &seen.entry.value, lang)
                        );
                        let line = (t.since_item)(&seen.entry.author, &what, &when(seen.entry.stamp.wall_ms));
                        if seen.current {
                            line
                        } else {
                            format!("{line} {}", t.since_replaced)
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
            if items.is_empty() {
                view! { <p>{t.since_none}</p> }.into_any()
            } else {
                view! { <ul class="since-list">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
            }
        }
    };
    let seen_id = id.clone();
    let status_for_seen = status.clone();
    let mark_seen = move |_| {
        session::mark_seen(&seen_id);
        status_for_seen.update(|_| {});
    };

    view! {
        <section aria-labelledby="sedan-sist">
            <h2 id="sedan-sist">{move || t().since_heading}</h2>
            {since}
            <button type="button" on:click=mark_seen>{move || t().since_mark_seen}</button>
        </section>
    }
}

pub(super) fn when(stamp_ms: u64) -> String {
    Timestamp(i64::try_from(stamp_ms).unwrap_or(i64::MAX)).date_time_sv(clock::utc_offset_minutes())
}

/// What a register is about, for the lists: the indicator's text, or the assessment's details.
fn target_label(set: &IndicatorSet, target: &Target, t: &Texts, lang: Lang) -> String {
    match target.indicator_id().and_then(|id| set.find(id)) {
        Some(placed) => format!("”{}”", placed.indicator.text.get(lang)),
        None if matches!(target, Target::Handout { .. }) => t.since_handout.to_string(),
        None => t.since_meta.to_string(),
    }
}

/// A register's value in words: an answer's label, a text in quotes (cut), or a dash for none.
fn value_label(set: &IndicatorSet, target: &Target, value: &Value, lang: Lang) -> String {
    match (target, value) {
        (_, Value::Empty) => "–".to_string(),
        (Target::Indicator { field: Field::Answer | Field::PlanTarget, .. }, Value::Text(key)) => {
            set.option(key).map_or_else(|| key.clone(), |o| o.label.get(lang).to_string())
        }
        (_, Value::Text(text)) => {
            let cut: String = text.chars().take(80).collect();
            if cut.len() < text.len() {
                format!("”{cut}…”")
            } else {
                format!("”{cut}”")
            }
        }
        (_, Value::Year(y)) => y.to_string(),
        (_, Value::Number(n)) => n.to_string(),
        (_, Value::Assignment(a)) => a.recipient.clone(),
        _ => "…".to_string(),
    }
}
