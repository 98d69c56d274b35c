//! One indicator's plan, inside its disclosure beside comment and link: the target (an answer
//! that counts, and the year), who is responsible (with suggestions from what was typed before
//! in the same assessment), the planned action and its status, and where the answer stands
//! against the target. Every control is labelled; every change goes through the domain's rule
//! and is saved like an answer.

use std::sync::Arc;

use blomlada_domain::assessment::{AssessmentError, ResponseChange};
use blomlada_domain::plan::{parse_year, target_options, PlanChange, PlanStatus};
use blomlada_domain::plan_view::{gap, responsible_suggestions, Gap};
use blomlada_domain::{IndicatorSet, Lang, Response};
use leptos::prelude::*;

use crate::app_state::{use_app_state, AssessmentHandle, SaveWhen};
use crate::i18n::{texts, Texts};

#[component]
pub fn TargetEditor<C>(
    id: String,
    set: Arc<IndicatorSet>,
    handle: AssessmentHandle,
    response: ArcRwSignal<Response>,
    change: C,
) -> impl IntoView
where
    C: Fn(ResponseChange<'_>, SaveWhen) -> Result<(), AssessmentError> + Clone + Send + Sync + 'static,
{
    let state = use_app_state();
    let lang = state.lang;
    let t = move || texts(lang.get());
    let error = RwSignal::new(None::<String>);
    let report = move |result: Result<(), AssessmentError>| {
        let message = match result {
            Ok(()) => None,
            Err(AssessmentError::Plan(e)) => Some((t().plan_error)(&e)),
            Err(e) => Some(e.to_string()),
        };
        if error.with_untracked(|now| *now != message) {
            error.set(message);
        }
    };
    let target_id = format!("mal-{id}");
    let action_id = format!("atgard-{id}");
    let gap_id = format!("gap-{id}");

    let target = {
        let response = response.clone();
        Memo::new(move |_| response.with(|r| r.plan.target.as_ref().map(|t| t.answer.clone())))
    };
    let year_text =
        RwSignal::new(response.with_untracked(|r| r.plan.target.as_ref().and_then(|t| t.year).map(|y| y.to_string()).unwrap_or_default()));
    let responsible_initial = response.with_untracked(|r| r.plan.responsible.clone());

    let target_choices = {
        let set = set.clone();
        move || target_choices(&set, target, lang.get())
    };
    let gap_text = {
        let (set, response) = (set.clone(), response.clone());
        move || response.with(|r| gap_words(&set, r, texts(lang.get())))
    };
    // A responsible or an action without a target: said here, where it is typed.
    let planned_without_target = {
        let response = response.clone();
        Memo::new(move |_| {
            response.with(|r| r.plan.target.is_none() && (!r.plan.responsible.trim().is_empty() || !r.plan.action.trim().is_empty()))
        })
    };
    let status = {
        let response = response.clone();
        Memo::new(move |_| response.with(|r| r.plan.status))
    };
    let (c_target, c_year, c_resp, c_action, c_status) = (change.clone(), change.clone(), change.clone(), change.clone(), change);
    let action_initial = response.with_untracked(|r| r.plan.action.clone());

    view! {
        <fieldset class="plan-editor">
            <legend>{move || t().plan_legend}</legend>
            <div class="plan-row">
                <div class="field">
                    <label for=target_id.clone()>{move || t().plan_target}</label>
                    <select id=target_id aria-describedby=gap_id.clone()
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            let key = (!value.is_empty()).then_some(value.as_str());
                            report(c_target(ResponseChange::Plan(PlanChange::Target(key)), SaveWhen::AfterPaint));
                            if key.is_none() {
                                year_text.set(String::new());
                            }
                        }>
                        <option value="" selected=move || target.with(Option::is_none)>{move || t().plan_no_target}</option>
                        {target_choices}
                    </select>
                </div>
                <YearField id=id.clone() year_text=year_text disabled=Signal::derive(move || target.with(Option::is_none))
                    save=move |text: &str| {
                        let this_year = u16::try_from(crate::browser::clock::now().year(crate::browser::clock::utc_offset_minutes())).unwrap_or(u16::MAX);
                        report(match parse_year(text, this_year) {
                            Ok(year) => c_year(ResponseChange::Plan(PlanChange::Year(year)), SaveWhen::AfterPaint),
                            Err(e) => Err(AssessmentError::Plan(e)),
                        });
                    }/>
                <StatusField id=id.clone() status=status
                    save=move |status| report(c_status(ResponseChange::Plan(PlanChange::Status(status)), SaveWhen::AfterPaint))/>
            </div>
            <p class="hint plan-gap" id=gap_id aria-live="polite">{gap_text}</p>
            <ResponsibleField id=id.clone() handle=handle initial=responsible_initial
                save=move |text: &str| report(c_resp(ResponseChange::Plan(PlanChange::Responsible(text)), SaveWhen::AfterPaint))/>
            <div class="field">
                <label for=action_id.clone()>{move || t().plan_action}</label>
                <textarea id=action_id rows="2" maxlength="4000"
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        report(c_action(ResponseChange::Plan(PlanChange::Action(&value)), SaveWhen::AfterPause));
                    }>{action_initial}</textarea>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            {move || planned_without_target.get().then(|| view! { <p class="hint">{t().plan_no_target_hint}</p> })}
        </fieldset>
    }
}

/// Where the answer stands against the target, in words; nothing without a target.
fn gap_words(set: &IndicatorSet, response: &Response, t: &Texts) -> Option<String> {
    match gap(set, Some(response)) {
        Gap::NoTarget => None,
        Gap::Reached => Some(t.plan_gap_reached.to_string()),
        Gap::Open { steps: Some(steps) } => Some((t.plan_gap_steps)(steps)),
        Gap::Open { steps: None } => Some(t.plan_gap_unanswered.to_string()),
        Gap::NotRelevant => Some(t.plan_gap_not_relevant.to_string()),
    }
}

/// Who is responsible, with suggestions from what was typed before in the same assessment
/// (read when the field is entered, not on every change of the assessment); saved when left.
#[component]
fn ResponsibleField<S>(id: String, handle: AssessmentHandle, initial: String, save: S) -> impl IntoView
where
    S: Fn(&str) + Send + Sync + 'static,
{
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let responsible_id = format!("ansvarig-{id}");
    let suggestions_id = format!("ansvariga-{id}");
    let responsible_text = RwSignal::new(initial);
    let suggestions = RwSignal::new(Vec::<String>::new());
    view! {
            <div class="field">
                <label for=responsible_id.clone()>{move || t().plan_responsible}</label>
                <input type="text" id=responsible_id list=suggestions_id.clone() maxlength="200" autocomplete="off"
                    prop:value=move || responsible_text.get()
                    on:focus=move |_| suggestions.set(responsible_suggestions(&handle.snapshot_untracked()))
                    on:input=move |ev| responsible_text.set(event_target_value(&ev))
                    on:change=move |_| {
                        save(&responsible_text.get_untracked());
                    }/>
                <datalist id=suggestions_id>
                    {move || suggestions.get().into_iter().map(|s| view! { <option value=s/> }).collect_view()}
                </datalist>
            </div>
    }
}

/// The planned action's status; none until chosen.
#[component]
fn StatusField<S>(id: String, status: Memo<Option<PlanStatus>>, save: S) -> impl IntoView
where
    S: Fn(Option<PlanStatus>) + Send + Sync + 'static,
{
    let state = use_app_state();
    let lang = state.lang;
    let t = move || texts(lang.get());
    let status_id = format!("status-{id}");
    let status_choices = move || {
        let lang = lang.get();
        PlanStatus::ALL
            .into_iter()
            .map(|s| view! { <option value=s.key() selected=move || status.get() == Some(s)>{s.label(lang)}</option> })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for=status_id.clone()>{move || t().plan_status}</label>
            <select id=status_id on:change=move |ev| save(PlanStatus::from_key(&event_target_value(&ev)))>
                <option value="" selected=move || status.get().is_none()>{move || t().plan_no_status}</option>
                {status_choices}
            </select>
        </div>
    }
}

/// The target's year, as typed: kept in the field when it cannot be taken (the reason shows
/// beside it), disabled without a target.
#[component]
fn YearField<S>(id: String, year_text: RwSignal<String>, disabled: Signal<bool>, save: S) -> impl IntoView
where
    S: Fn(&str) + Send + Sync + 'static,
{
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let year_id = format!("malar-{id}");
    view! {
        <div class="field field-year">
            <label for=year_id.clone()>{move || t().plan_year}</label>
            <input type="text" id=year_id inputmode="numeric" maxlength="20" size="5" autocomplete="off"
                disabled=move || disabled.get()
                prop:value=move || year_text.get()
                on:input=move |ev| year_text.set(event_target_value(&ev))
                on:change=move |_| save(&year_text.get_untracked())/>
        </div>
    }
}

/// The options a target can be (answers that count), the current one selected.
fn target_choices(set: &IndicatorSet, target: Memo<Option<String>>, lang: Lang) -> impl IntoView {
    target_options(set)
        .into_iter()
        .map(|i| {
            let key = set.scale.options[i].key.clone();
            let label = set.scale.options[i].label.get(lang).to_string();
            let selected = {
                let key = key.clone();
                move || target.with(|t| t.as_deref() == Some(key.as_str()))
            };
            view! { <option value=key selected=selected>{label}</option> }
        })
        .collect_view()
}
