//! Carrying answers to another version of the set (on import or when copying): what carried
//! over, what was reworded (answer kept, marked for review), what needs a fresh answer, and
//! what has no place in the new version. Shown before anything is saved.

use std::sync::Arc;

use blomlada_domain::carry_over::{carry_over, CarryOutcome, CarryOver};
use blomlada_domain::catalog::SetRef;
use blomlada_domain::{Assessment, IndicatorSet};
use leptos::prelude::*;

use crate::app_state::{use_app_state, Load};
use crate::i18n::texts;

/// A carry-over with the two set versions it went between.
#[derive(Debug, Clone, PartialEq)]
pub struct Carried {
    pub carry: Arc<CarryOver>,
    pub from: Arc<IndicatorSet>,
    pub to: Arc<IndicatorSet>,
}

/// `source`'s answers carried to `target`, once both sets and the concordance are loaded;
/// `None` while there is nothing to carry (no source, or the target is the source's version).
pub fn use_carry(source: Signal<Option<Assessment>>, target: Signal<Option<SetRef>>) -> Memo<Option<Load<Carried>>> {
    let state = use_app_state();
    Memo::new(move |_| {
        let to_ref = target.get()?;
        source.with(|source| {
            let source = source.as_ref()?;
            if to_ref == source.set {
                return None;
            }
            let from_ref = &source.set;
            let concordance = match state.concordance(&from_ref.set, &from_ref.version, &to_ref.version) {
                None => return Some(Load::Failed((texts(state.lang.get()).carry_no_concordance)(&from_ref.version, &to_ref.version))),
                Some(c) => c,
            };
            Some(match (state.set(from_ref), state.set(&to_ref), concordance) {
                (Load::Failed(e), _, _) | (_, Load::Failed(e), _) | (_, _, Load::Failed(e)) => Load::Failed(e),
                (Load::Ready(from), Load::Ready(to), Load::Ready(c)) => match carry_over(&from, &to, &c, &source.responses) {
                    Ok(carry) => Load::Ready(Carried { carry: Arc::new(carry), from, to }),
                    Err(e) => Load::Failed(e.to_string()),
                },
                _ => Load::Pending,
            })
        })
    })
}

/// The carry-over in numbers, each with the indicators behind it.
#[component]
pub fn CarryOverReport(carried: Carried) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang.get_untracked();
    let t = texts(lang);
    let Carried { carry, from, to } = carried;
    // Group and wording: the same question is often asked once per verksamhetsområde.
    let text_in = |set: &IndicatorSet, id: &str| {
        set.find(id).map_or(id.to_string(), |p| format!("{}: {}", p.group.title.get(lang), p.indicator.text.get(lang)))
    };
    let answer_label = |key: &Option<String>| match key {
        Some(k) => from.option(k).or_else(|| to.option(k)).map_or(k.clone(), |o| o.label.get(lang).to_string()),
        None => t.not_answered.to_string(),
    };

    let of = |outcome: CarryOutcome| carry.indicators.iter().filter(move |i| i.outcome == outcome);
    let kept: Vec<String> = of(CarryOutcome::Carried).map(|i| text_in(&to, &i.indicator)).collect();
    let reworded: Vec<String> =
        of(CarryOutcome::CarriedForReview).map(|i| format!("{} ({})", text_in(&to, &i.indicator), answer_label(&i.answer))).collect();
    let fresh: Vec<String> = of(CarryOutcome::NeedsAnswer)
        .map(|i| {
            let earlier: Vec<String> = i
                .review
                .iter()
                .flat_map(|r| &r.earlier)
                .filter(|e| e.answer.is_some() || !e.comment.is_empty())
                .map(|e| format!("{}: {}", text_in(&from, &e.indicator), answer_label(&e.answer)))
                .collect();
            if earlier.is_empty() {
                text_in(&to, &i.indicator)
            } else {
                format!("{} – {} {}", text_in(&to, &i.indicator), t.review_earlier, earlier.join("; "))
            }
        })
        .collect();
    let nothing = of(CarryOutcome::NothingToCarry).count();
    let dropped: Vec<String> = carry
        .dropped
        .iter()
        .map(|d| {
            let comment = if d.comment.is_empty() { String::new() } else { format!(" – ”{}”", d.comment) };
            format!("{} ({}){comment}", text_in(&from, &d.indicator), answer_label(&d.answer))
        })
        .collect();

    let row = move |class: &'static str, label: String, items: Vec<String>| {
        let list = (!items.is_empty()).then(|| {
            let items = items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view();
            view! { <details><summary>{t.carry_show}</summary><ul>{items}</ul></details> }
        });
        view! { <li class=class>{label}{list}</li> }
    };
    view! {
        <section class="carry-over" aria-labelledby="overforing">
            <h3 id="overforing">{(t.carry_over_title)(&carry.from_version, &carry.to_version)}</h3>
            <ul>
                {row("carry-kept", (t.carry_kept)(kept.len()), kept)}
                {row("carry-reworded", (t.carry_reworded)(reworded.len()), reworded)}
                {row("carry-fresh", (t.carry_fresh)(fresh.len()), fresh)}
                {row("carry-dropped", (t.carry_dropped)(dropped.len()), dropped)}
                {(nothing > 0).then(|| view! { <li class="carry-nothing">{(t.carry_nothing)(nothing)}</li> })}
            </ul>
        </section>
    }
}
