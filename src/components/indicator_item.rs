//! One indicator: a labelled radio group for the answer, a comment and an evidence link.

use std::sync::Arc;

use blomlada_domain::assessment::{Review, ReviewReason};
use blomlada_domain::indicator_set::Indicator;
use blomlada_domain::number_format;
use blomlada_domain::{Assessment, IndicatorSet, Response};
use leptos::html;
use leptos::prelude::*;

use crate::app_state::use_app_state;
use crate::browser::clock;
use crate::i18n::texts;

/// The id of the first radio button of an indicator, for "next unanswered".
pub fn first_control_id(indicator_id: &str) -> String {
    format!("svar-{indicator_id}-0")
}

#[component]
pub fn IndicatorItem(
    set: Arc<IndicatorSet>,
    indicator: Indicator,
    assessment: Memo<Option<Assessment>>,
    /// Told which indicator the user worked on last, so "next unanswered" continues from there.
    on_touch: Callback<String>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let id = indicator.id.clone();
    let assessment_id = move || assessment.with(|a| a.as_ref().map(|a| a.id.clone()).unwrap_or_default());
    let response = {
        let id = id.clone();
        Memo::new(move |_| assessment.with(|a| a.as_ref().and_then(|a| a.response(&id).cloned())).unwrap_or_default())
    };
    let answer = Memo::new(move |_| response.with(|r: &Response| r.answer.clone()));
    let comment_error = RwSignal::new(None::<String>);
    let evidence_error = RwSignal::new(None::<String>);
    let evidence_text = RwSignal::new(response.get_untracked().evidence.unwrap_or_default());

    let legend_id = format!("ind-{id}");
    let name = format!("svar-{id}");
    let set_for_radios = set.clone();
    let radios = set
        .scale
        .options
        .iter()
        .enumerate()
        .map(|(i, option)| {
            let key = option.key.clone();
            let label = option.label.clone();
            let radio_id = format!("svar-{id}-{i}");
            let id = id.clone();
            let set = set_for_radios.clone();
            let key_checked = key.clone();
            let class = format!("choice choice-{key}");
            view! {
                <div class=class>
                    <input type="radio" id=radio_id.clone() name=name.clone() value=key.clone()
                        prop:checked=move || answer.get().as_deref() == Some(key_checked.as_str())
                        on:change=move |_| {
                            let _ = state.edit(&assessment_id(), |a| a.answer(&set, &id, Some(&key), clock::now()));
                            on_touch.run(id.clone());
                        }/>
                    <label for=radio_id>{move || label.get(state.lang.get()).to_string()}</label>
                </div>
            }
        })
        .collect_view();

    let comment_ref = NodeRef::<html::Textarea>::new();
    // Another tab's comment shows up here, without disturbing the caret of someone typing.
    Effect::new(move |_| {
        let text = response.with(|r| r.comment.clone());
        if let Some(el) = comment_ref.get() {
            if el.value() != text {
                el.set_value(&text);
            }
        }
    });

    let comment_id = format!("kommentar-{id}");
    let evidence_id = format!("belagg-{id}");
    let evidence_hint_id = format!("belagg-hint-{id}");
    let source = indicator.source.clone();
    let source_title = set.sources.get(&source.source).map(|s| s.title.clone()).unwrap_or_default();
    let reference = indicator.reference.as_ref().and_then(|r| {
        let first_key = set.scale.options.first()?.key.clone();
        let percent = (*r.get(&first_key)?)?;
        Some((set.reference.as_ref()?.label.clone(), percent))
    });
    let (id_comment, id_evidence, id_clear) = (id.clone(), id.clone(), id.clone());
    let (set_comment, set_evidence, set_clear) = (set.clone(), set.clone(), set.clone());
    let text = indicator.text.clone();
    let needs_review = Memo::new(move |_| response.with(|r| r.review.is_some()));
    let id_review = id.clone();
    let set_review = set.clone();

    view! {
        <fieldset class="indicator" class:needs-review=move || needs_review.get() aria-describedby=format!("{legend_id}-meta")>
            <legend id=legend_id.clone()>{move || text.get(state.lang.get()).to_string()}</legend>
            <p class="indicator-meta" id=format!("{legend_id}-meta")>
                <span>{move || t().source_label}": "{source_title.clone()}", "{source.locator.clone()}</span>
                {reference.map(|(label, percent)| view! {
                    " · "<span class="reference">{move || (t().reference_label)(label.get(state.lang.get()), &number_format::percent(f64::from(percent) / 100.0, state.lang.get()))}</span>
                })}
            </p>
            {move || response.with(|r| r.review.clone()).map(|review| view! {
                <ReviewNote review=review set=set_review.clone() on_reviewed={
                    let id = id_review.clone();
                    Callback::new(move |_| { let _ = state.edit(&assessment_id(), |a| { a.mark_reviewed(&id, clock::now()); Ok(()) }); })
                }/>
            })}
            <div class="choices">{radios}</div>
            <Show when=move || answer.get().is_some()>
                <button type="button" class="link-button" on:click={
                    let id = id_clear.clone();
                    let set = set_clear.clone();
                    move |_| { let _ = state.edit(&assessment_id(), |a| a.answer(&set, &id, None, clock::now())); }
                }>{move || t().clear_answer}</button>
            </Show>
            <div class="field">
                <label for=comment_id.clone()>{move || t().comment_label}</label>
                <textarea id=comment_id node_ref=comment_ref rows="2" maxlength="4000"
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        let result = state.edit(&assessment_id(), |a| a.comment(&set_comment, &id_comment, &value, clock::now()));
                        comment_error.set(result.err().map(|_| t().text_too_long.to_string()));
                    }>{response.get_untracked().comment}</textarea>
                {move || comment_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </div>
            <div class="field">
                <label for=evidence_id.clone()>{move || t().evidence_label}</label>
                <input type="url" id=evidence_id inputmode="url" aria-describedby=evidence_hint_id.clone()
                    prop:value=move || evidence_text.get()
                    on:input=move |ev| evidence_text.set(event_target_value(&ev))
                    on:change=move |_| {
                        let link = evidence_text.get_untracked();
                        let result = state.edit(&assessment_id(), |a| a.evidence(&set_evidence, &id_evidence, &link, clock::now()));
                        evidence_error.set(result.err().map(|_| t().evidence_invalid.to_string()));
                    }/>
                <p class="hint" id=evidence_hint_id>{move || t().evidence_hint}</p>
                {move || evidence_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </div>
        </fieldset>
    }
}

/// Why a carried-over answer needs a look, what was said before, and "mark as reviewed".
#[component]
fn ReviewNote(review: Review, set: Arc<IndicatorSet>, on_reviewed: Callback<()>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let from = review.from_version.clone();
    let reason = review.reason;
    let from_ref = blomlada_domain::catalog::SetRef { set: set.id.clone(), version: from.clone() };
    let earlier = review
        .earlier
        .iter()
        .map(|e| {
            let answer = e.answer.clone();
            let set = set.clone();
            let label = move || match &answer {
                Some(key) => set.option(key).map_or(key.clone(), |o| o.label.get(state.lang.get()).to_string()),
                None => t().not_answered.to_string(),
            };
            // The earlier version's wording once that set is loaded; its id until then.
            let (id, from_ref) = (e.indicator.clone(), from_ref.clone());
            let text = move || {
                match state.set(&from_ref) {
                    crate::app_state::Load::Ready(old) => old.find(&id).map(|p| p.indicator.text.get(state.lang.get()).to_string()),
                    _ => None,
                }
                .unwrap_or_else(|| id.clone())
            };
            let comment = (!e.comment.is_empty()).then(|| format!(" – {}", e.comment));
            view! { <li>{text}": "{label}{comment}</li> }
        })
        .collect_view();
    let has_earlier = !review.earlier.is_empty();
    view! {
        <div class="review-note">
            <p>
                <strong>{move || t().needs_review}". "</strong>
                {move || match reason {
                    ReviewReason::Reworded => (t().review_reworded)(&from),
                    ReviewReason::FreshAnswer => (t().review_fresh)(&from),
                }}
            </p>
            {has_earlier.then(|| view! { <p class="review-earlier">{move || t().review_earlier}</p><ul>{earlier}</ul> })}
            <button type="button" on:click=move |_| on_reviewed.run(())>{move || t().mark_reviewed}</button>
        </div>
    }
}
