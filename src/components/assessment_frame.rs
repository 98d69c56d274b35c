//! The frame of every page about one assessment: it finds the assessment named in the URL and
//! its indicator set, says plainly when either is missing, and shows the assessment's own
//! navigation (answer, summary, flower box, report, publish, compare).

use std::sync::Arc;

use blomlada_domain::{Assessment, IndicatorSet};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::app_state::{use_app_state, AssessmentHandle, Load};
use crate::i18n::{texts, Texts};

/// The pages of one assessment, in the order the navigation lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AssessmentTab {
    Answers,
    Summary,
    Overview,
    Report,
    Plan,
    Publish,
    Compare,
    Handout,
    Share,
}

impl AssessmentTab {
    const ALL: [AssessmentTab; 9] = [
        AssessmentTab::Answers,
        AssessmentTab::Summary,
        AssessmentTab::Overview,
        AssessmentTab::Report,
        AssessmentTab::Plan,
        AssessmentTab::Publish,
        AssessmentTab::Compare,
        AssessmentTab::Handout,
        AssessmentTab::Share,
    ];

    fn path(self, id: &str) -> String {
        match self {
            AssessmentTab::Answers => format!("/vardering/{id}"),
            AssessmentTab::Summary => format!("/vardering/{id}/sammanfattning"),
            AssessmentTab::Overview => format!("/vardering/{id}/oversikt"),
            AssessmentTab::Report => format!("/vardering/{id}/rapport"),
            AssessmentTab::Plan => format!("/vardering/{id}/plan"),
            AssessmentTab::Publish => format!("/vardering/{id}/publicera"),
            AssessmentTab::Compare => format!("/vardering/{id}/jamfor"),
            AssessmentTab::Handout => format!("/vardering/{id}/utdelning"),
            AssessmentTab::Share => format!("/vardering/{id}/dela"),
        }
    }

    fn label(self, t: &Texts) -> &'static str {
        match self {
            AssessmentTab::Answers => t.tab_answers,
            AssessmentTab::Summary => t.to_summary,
            AssessmentTab::Overview => t.to_overview,
            AssessmentTab::Report => t.tab_report,
            AssessmentTab::Plan => t.tab_plan,
            AssessmentTab::Publish => t.to_publish,
            AssessmentTab::Compare => t.tab_compare,
            AssessmentTab::Handout => t.tab_handout,
            AssessmentTab::Share => t.tab_share,
        }
    }
}

/// The handle of the assessment named in the URL; tracked on the URL and the list only.
pub fn use_current_handle() -> Memo<Option<AssessmentHandle>> {
    let state = use_app_state();
    let params = use_params_map();
    Memo::new(move |_| {
        let id = params.read().get("id").unwrap_or_default();
        state.handle(&id)
    })
}

/// The whole assessment named in the URL, tracked on every change of it.
pub fn use_current_assessment() -> Memo<Option<Assessment>> {
    let handle = use_current_handle();
    Memo::new(move |_| handle.get().map(|h| h.snapshot()))
}

/// Hands `body` the set and the assessment's handle. The body is built once per assessment and
/// set; answers change signals inside it and never rebuild it. A body that shows the whole
/// assessment takes [`AssessmentHandle::watch`].
#[component]
pub fn AssessmentFrame<F, V>(body: F) -> impl IntoView
where
    F: Fn(Arc<IndicatorSet>, AssessmentHandle) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let handle = use_current_handle();
    let set_ref = Memo::new(move |_| handle.get().map(|h| h.with_head(|a| a.set.clone())));
    let set = Memo::new(move |_| set_ref.get().map(|r| state.set(&r)));
    let id = Memo::new(move |_| handle.get().map(|h| h.id()));

    let nav = move || {
        id.get().map(|id| {
            let links = AssessmentTab::ALL
                .into_iter()
                .map(|target| {
                    // `exact`: the router would otherwise mark "Svara" (/vardering/x) current on every sub-page.
                    view! { <li><A href=target.path(&id) exact=true>{move || target.label(t())}</A></li> }
                })
                .collect_view();
            view! { <nav class="assessment-nav" aria-label=move || t().assessment_nav_label><ul>{links}</ul></nav> }
        })
    };

    let content = move || match (handle.get(), set.get()) {
        (None, _) => view! {
            <h1>{move || t().not_found_title}</h1>
            <p>{move || t().assessment_missing}</p>
            <p><A href="/">{move || t().back_to_start}</A></p>
        }
        .into_any(),
        (Some(handle), Some(Load::Ready(set))) => body(set, handle).into_any(),
        (Some(_), Some(Load::Failed(e))) => {
            view! { <p class="notice notice-error" role="alert">{move || t().indicators_failed}": "{e.clone()}</p> }.into_any()
        }
        (Some(_), _) => view! { <p>{move || t().loading}</p> }.into_any(),
    };

    view! { {nav} {content} }
}
