//! One indicator, compact: its text, a short source line, the answer choices in a row, and a
//! disclosure with the comment and evidence link (open from the start when they hold text).
//!
//! The item reads only its own response signal: answering or commenting on another indicator
//! does not wake it, and its own answer changes only the radios' checked state.

use std::sync::Arc;

use blomlada_domain::answering::{name_suffix, source_line, AnswerKey};
use blomlada_domain::assessment::{AssessmentError, ResponseChange, Review, ReviewReason};
use blomlada_domain::indicator_set::Indicator;
use blomlada_domain::number_format;
use blomlada_domain::web_link::complete_typed_link;
use blomlada_domain::{IndicatorSet, Localized, Response, Timestamp};
use leptos::html;
use leptos::prelude::*;

use crate::app_state::{use_app_state, AssessmentHandle, SaveWhen};
use crate::browser::storage;
use crate::components::disclosure::{Disclosure, DisclosureButton, DisclosurePanel};
use crate::components::indicator_history::IndicatorHistory;
use crate::components::target_editor::TargetEditor;
use crate::i18n::texts;

/// The id of the first radio button of an indicator, for "next unanswered".
pub fn first_control_id(indicator_id: &str) -> String {
    format!("svar-{indicator_id}-0")
}

#[component]
pub fn IndicatorItem(
    set: Arc<IndicatorSet>,
    indicator: Indicator,
    handle: AssessmentHandle,
    /// This indicator's response (from `handle`), read here and nowhere else on the page.
    response: ArcRwSignal<Response>,
    /// Its answer, shared with the group's counter.
    answer: Memo<Option<String>>,
    /// Whether its carried-over answer waits for a look, shared with the page's review notice.
    needs_review: Memo<bool>,
    /// Told which indicator the user worked on last, so "next unanswered" continues from there.
    on_touch: Callback<String>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let id = indicator.id.clone();
    let change = {
        let (set, id) = (set.clone(), id.clone());
        move |change: ResponseChange<'_>, when: SaveWhen| state.change_response(handle, &set, &id, change, when)
    };

    let legend_id = format!("ind-{id}");
    // Shared assessments (issue 20): who changed it last, set by the sharing session.
    let changed_by = handle.last_change(&id);
    // And its earlier values, beside it.
    let history = handle.shared_views(|v| v.history(&id));
    let radios = answer_radios(&set, &id, answer, change.clone(), on_touch);
    let source = source_line(&set, &indicator);
    let reference = indicator.reference.as_ref().and_then(|r| {
        let first_key = set.scale.options.first()?.key.clone();
        let percent = (*r.get(&first_key)?)?;
        Some((set.reference.as_ref()?.label.clone(), percent))
    });
    let text = indicator.text.clone();
    let (set_name, id_name) = (set.clone(), id.clone());
    let set_review = set.clone();
    let review = {
        let response = response.clone();
        Memo::new(move |_| if needs_review.get() { response.with(|r| r.review.clone()) } else { None })
    };
    let has_notes = {
        let response = response.clone();
        Memo::new(move |_| response.with(|r| !r.comment.is_empty() || r.evidence.is_some() || !r.plan.is_empty()))
    };
    // Open where something is written, a refused link kept from before a reload included.
    let notes = Disclosure::new(format!("noter-{id}"), has_notes.get_untracked() || storage::link_draft(&handle.id(), &id).is_some());
    let change_clear = change.clone();
    let change_reviewed = change.clone();

    view! {
        <fieldset class="indicator" class:needs-review=move || needs_review.get() aria-describedby=format!("{legend_id}-meta")>
            <legend id=legend_id.clone()>
                {move || text.get(state.lang.get()).to_string()}
                {move || name_suffix(&set_name, &id_name, state.lang.get()).map(|group| view! { <span class="visually-hidden">" – "{group}</span> })}
            </legend>
            {indicator_meta(format!("{legend_id}-meta"), source, reference, changed_by)}
            <IndicatorHistory id=id.clone() history=history/>
            {move || review.get().map(|review| view! {
                <ReviewNote review=review set=set_review.clone() on_reviewed={
                    let change = change_reviewed.clone();
                    Callback::new(move |_| { let _ = change(ResponseChange::Reviewed, SaveWhen::AfterPaint); })
                }/>
            })}
            <div class="choices">
                {radios}
                <span class="indicator-actions">
                    <DisclosureButton disclosure=notes>
                        {move || t().indicator_details}
                        {move || has_notes.get().then(|| format!(" {}", t().indicator_details_filled))}
                    </DisclosureButton>
                    <Show when=move || answer.with(Option::is_some)>
                        <button type="button" class="link-button" tabindex="-1" aria-keyshortcuts="Delete" on:click={
                            let change = change_clear.clone();
                            move |_| { let _ = change(ResponseChange::Answer(None), SaveWhen::AfterPaint); }
                        }>{move || t().clear_answer}</button>
                    </Show>
                </span>
            </div>
            <DisclosurePanel disclosure=notes>
                <IndicatorNotes id=id.clone() assessment_id=handle.id() response=response.clone() change=change.clone()/>
                <TargetEditor id=id.clone() set=set.clone() handle=handle response=response.clone() change=change.clone()/>
            </DisclosurePanel>
        </fieldset>
    }
}

/// The answer's radio buttons. Digits pick an option and Delete clears, on the focused answer
/// (the clear button is then no Tab stop of its own: every indicator is the same two stops,
/// answered or not).
fn answer_radios<C>(set: &IndicatorSet, id: &str, answer: Memo<Option<String>>, change: C, on_touch: Callback<String>) -> impl IntoView
where
    C: Fn(ResponseChange<'_>, SaveWhen) -> Result<(), AssessmentError> + Clone + Send + Sync + 'static,
{
    let state = use_app_state();
    let name = format!("svar-{id}");
    let options = set.scale.options.len();
    let on_key = {
        let (change, id) = (change.clone(), id.to_string());
        let keys: Vec<String> = set.scale.options.iter().map(|o| o.key.clone()).collect();
        move |ev: web_sys::KeyboardEvent| {
            let Some(action) = AnswerKey::from_key(&ev.key(), options) else { return };
            if ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
                return;
            }
            ev.prevent_default();
            match action {
                AnswerKey::Choose(i) => {
                    let _ = change(ResponseChange::Answer(Some(&keys[i])), SaveWhen::AfterPaint);
                    crate::browser::focus::move_focus_to(&format!("svar-{id}-{i}"));
                }
                AnswerKey::Clear => {
                    let _ = change(ResponseChange::Answer(None), SaveWhen::AfterPaint);
                }
            }
            on_touch.run(id.clone());
        }
    };
    let shortcuts = (1..=options).map(|n| n.to_string()).chain(["Delete".to_string()]).collect::<Vec<_>>().join(" ");
    set.scale
        .options
        .iter()
        .enumerate()
        .map(|(i, option)| {
            let key = option.key.clone();
            let label = option.label.clone();
            let radio_id = format!("svar-{id}-{i}");
            let id = id.to_string();
            let key_checked = key.clone();
            let class = format!("choice choice-{key}");
            let change = change.clone();
            let on_key = on_key.clone();
            view! {
                <div class=class>
                    <input type="radio" id=radio_id.clone() name=name.clone() value=key.clone()
                        aria-keyshortcuts=shortcuts.clone()
                        on:keydown=on_key
                        prop:checked=move || answer.with(|a| a.as_deref() == Some(key_checked.as_str()))
                        on:change=move |_| {
                            let _ = change(ResponseChange::Answer(Some(&key)), SaveWhen::AfterPaint);
                            on_touch.run(id.clone());
                        }/>
                    <label for=radio_id>{move || label.get(state.lang.get()).to_string()}</label>
                </div>
            }
        })
        .collect_view()
}

/// Under the indicator's text: its source, the reference figure where the set has one, and in
/// a shared assessment who changed it last.
fn indicator_meta(
    meta_id: String,
    source: String,
    reference: Option<(Localized, u32)>,
    changed_by: ArcRwSignal<Option<(String, Timestamp)>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    view! {
            <p class="indicator-meta" id=meta_id>
                <span>{move || t().source_label}": "{source}</span>
                {reference.map(|(label, percent)| view! {
                    " · "<span class="reference">{move || (t().reference_label)(label.get(state.lang.get()), &number_format::percent(f64::from(percent) / 100.0, state.lang.get()))}</span>
                })}
                {move || changed_by.get().map(|(who, at)| view! {
                    " · "<span class="changed-by">{(t().changed_by)(&who, &at.date_time_sv(crate::browser::clock::utc_offset_minutes()))}</span>
                })}
            </p>
    }
}

/// The comment and the evidence link of one indicator, inside its disclosure.
#[component]
fn IndicatorNotes<C>(id: String, assessment_id: String, response: ArcRwSignal<Response>, change: C) -> impl IntoView
where
    C: Fn(ResponseChange<'_>, SaveWhen) -> Result<(), blomlada_domain::assessment::AssessmentError> + Clone + Send + Sync + 'static,
{
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let comment_error = RwSignal::new(None::<String>);
    // A link refused before a reload comes back as typed, with its reason.
    let draft = storage::link_draft(&assessment_id, &id);
    let evidence_error = RwSignal::new(draft.as_deref().and_then(|d| complete_typed_link(d).err()).map(|e| (t().evidence_invalid)(&e)));
    let evidence_text = RwSignal::new(draft.unwrap_or_else(|| response.with_untracked(|r| r.evidence.clone().unwrap_or_default())));
    let draft_of = (assessment_id, id.clone());
    let comment_ref = NodeRef::<html::Textarea>::new();
    // Another tab's comment shows up here, without disturbing the caret of someone typing.
    Effect::new({
        let response = response.clone();
        move |_| {
            let text = response.with(|r| r.comment.clone());
            if let Some(el) = comment_ref.get() {
                if el.value() != text {
                    el.set_value(&text);
                }
            }
        }
    });
    let comment_id = format!("kommentar-{id}");
    let evidence_id = format!("belagg-{id}");
    let evidence_hint_id = format!("belagg-hint-{id}");
    let change_evidence = change.clone();
    let evidence_now = response.clone();
    view! {
        <div class="field">
            <label for=comment_id.clone()>{move || t().comment_label}</label>
            <textarea id=comment_id node_ref=comment_ref rows="2" maxlength="4000"
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    // Shown at once; written to storage when typing pauses.
                    let result = change(ResponseChange::Comment(&value), SaveWhen::AfterPause);
                    let error = result.err().map(|_| t().text_too_long.to_string());
                    if comment_error.with_untracked(|e| *e != error) {
                        comment_error.set(error);
                    }
                }>{response.with_untracked(|r| r.comment.clone())}</textarea>
            {move || comment_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
        <div class="field">
            <label for=evidence_id.clone()>{move || t().evidence_label}</label>
            <input type="url" id=evidence_id inputmode="url" aria-describedby=evidence_hint_id.clone()
                prop:value=move || evidence_text.get()
                on:input=move |ev| evidence_text.set(event_target_value(&ev))
                on:change=move |_| {
                    let link = evidence_text.get_untracked();
                    let result = change_evidence(ResponseChange::Evidence(&link), SaveWhen::AfterPaint);
                    match result {
                        // The link as kept (`www.…` completed, normalised); what was typed stays
                        // in the field when it is refused, with the reason.
                        Ok(()) => {
                            evidence_text.set(evidence_now.with_untracked(|r| r.evidence.clone().unwrap_or_default()));
                            evidence_error.set(None);
                            storage::set_link_draft(&draft_of.0, &draft_of.1, None);
                        }
                        Err(AssessmentError::BadEvidenceLink(e)) => {
                            evidence_error.set(Some((t().evidence_invalid)(&e)));
                            storage::set_link_draft(&draft_of.0, &draft_of.1, Some(&link));
                        }
                        Err(_) => evidence_error.set(Some(t().text_too_long.to_string())),
                    }
                }/>
            <p class="hint" id=evidence_hint_id>{move || t().evidence_hint}</p>
            {move || evidence_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
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
