//! One indicator's plan, inside its disclosure beside comment and link: the target (an answer
//! that counts, and the year), who is responsible (with suggestions from what was typed before
//! in the same assessment), the planned action and its status, and where the answer stands
//! against the target. Every control is labelled; every change goes through the domain's rule
//! and is saved like an answer.

use std::sync::Arc;

use blomlada_domain::assessment::{AssessmentError, ResponseChange};
use blomlada_domain::plan::{parse_year, target_options, PlanChange, PlanStatus};
use blomlada_domain::plan_view::{gap, responsible_suggestions, Gap};
use blomlada_domain::{IndicatorSet, Response};
use leptos::prelude::*;

use crate::app_state::{use_app_state, AssessmentHandle, SaveWhen};
use crate::i18n::texts;

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
    let year_id = format!("malar-{id}");
    let responsible_id = format!("ansvarig-{id}");
    let suggestions_id = format!("ansvariga-{id}");
    let action_id = format!("atgard-{id}");
    let status_id = format!("status-{id}");
    let gap_id = format!("gap-{id}");

    let target = {
        let response = response.clone();
        Memo::new(move |_| response.with(|r| r.plan.target.as_ref().map(|t| t.answer.clone())))
    };
    let year_text =
        RwSignal::new(response.with_untracked(|r| r.plan.target.as_ref().and_then(|t| t.year).map(|y| y.to_string()).unwrap_or_default()));
    let responsible_text = RwSignal::new(response.with_untracked(|r| r.plan.responsible.clone()));
    // Suggestions are read when the field is entered, not on every change of the assessment.
    let suggestions = RwSignal::new(Vec::<String>::new());

    let target_choices = {
        let set = set.clone();
        move || {
            let lang = lang.get();
            target_options(&set)
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
    };
    let gap_text = {
        let (set, response) = (set.clone(), response.clone());
        move || {
            let t = t();
            response.with(|r| match gap(&set, Some(r)) {
                Gap::NoTarget => None,
                Gap::Reached => Some(t.plan_gap_reached.to_string()),
                Gap::Open { steps: Some(steps) } => Some((t.plan_gap_steps)(steps)),
                Gap::Open { steps: None } => Some(t.plan_gap_unanswered.to_string()),
                Gap::NotRelevant => Some(t.plan_gap_not_relevant.to_string()),
            })
        }
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
    let status_choices = move || {
        let lang = lang.get();
        PlanStatus::ALL
            .into_iter()
            .map(|s| view! { <option value=s.key() selected=move || status.get() == Some(s)>{s.label(lang)}</option> })
            .collect_view()
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
                <div class="field field-year">
                    <label for=year_id.clone()>{move || t().plan_year}</label>
                    <input type="text" id=year_id inputmode="numeric" maxlength="20" size="5" autocomplete="off"
                        disabled=move || target.with(Option::is_none)
                        prop:value=move || year_text.get()
                        on:input=move |ev| year_text.set(event_target_value(&ev))
                        on:change=move |_| {
                            let this_year = u16::try_from(crate::browser::clock::now().year(crate::browser::clock::utc_offset_minutes())).unwrap_or(u16::MAX);
                            let result = match parse_year(&year_text.get_untracked(), this_year) {
                                Ok(year) => c_year(ResponseChange::Plan(PlanChange::Year(year)), SaveWhen::AfterPaint),
                                Err(e) => Err(AssessmentError::Plan(e)),
                            };
                            report(result);
                        }/>
                </div>
                <div class="field">
                    <label for=status_id.clone()>{move || t().plan_status}</label>
                    <select id=status_id
                        on:change=move |ev| {
                            let status = PlanStatus::from_key(&event_target_value(&ev));
                            report(c_status(ResponseChange::Plan(PlanChange::Status(status)), SaveWhen::AfterPaint));
                        }>
                        <option value="" selected=move || status.get().is_none()>{move || t().plan_no_status}</option>
                        {status_choices}
                    </select>
                </div>
            </div>
            <p class="hint plan-gap" id=gap_id aria-live="polite">{gap_text}</p>
            <div class="field">
                <label for=responsible_id.clone()>{move || t().plan_responsible}</label>
                <input type="text" id=responsible_id list=suggestions_id.clone() maxlength="200" autocomplete="off"
                    prop:value=move || responsible_text.get()
                    on:focus=move |_| suggestions.set(responsible_suggestions(&handle.snapshot_untracked()))
                    on:input=move |ev| responsible_text.set(event_target_value(&ev))
                    on:change=move |_| {
                        let text = responsible_text.get_untracked();
                        report(c_resp(ResponseChange::Plan(PlanChange::Responsible(&text)), SaveWhen::AfterPaint));
                    }/>
                <datalist id=suggestions_id>
                    {move || suggestions.get().into_iter().map(|s| view! { <option value=s/> }).collect_view()}
                </datalist>
            </div>
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
