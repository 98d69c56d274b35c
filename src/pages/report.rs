//! The printable report (`/vardering/:id/rapport`): what a kommun attaches to a decision.
//! Title, kommun, dates, set version, the flower box, a summary per area and group, and every
//! indicator with its answer, comment, evidence and, where the set has one, the reference share.
//! "Skriv ut / Spara som PDF" prints it; the print rules are in style/main.css.

use std::sync::Arc;

use blomlada_domain::flowerbox::{layout, Options, Values};
use blomlada_domain::number_format;
use blomlada_domain::plan_view::{plan_view, Grouping};
use blomlada_domain::{Assessment, IndicatorSet, Lang};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::app_state::use_app_state;
use crate::browser::clock;
use crate::browser::document::{print, set_document_title};
use crate::components::assessment_frame::{use_current_assessment, AssessmentFrame};
use crate::components::distribution_table::DistributionTable;
use crate::components::plan_table::PlanTables;
use crate::i18n::texts;

#[component]
pub fn Report() -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let assessment = use_current_assessment();

    // The document title names the report, so a saved PDF is named after it.
    let original_title = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        if let Some(a) = assessment.get() {
            let before = set_document_title(&(t().document_title_report)(&a.kommun.name, &a.title));
            if original_title.with_value(Option::is_none) {
                original_title.set_value(before);
            }
        }
    });
    on_cleanup(move || {
        if let Some(title) = original_title.get_value() {
            set_document_title(&title);
        }
    });

    view! {
        <AssessmentFrame body=move |set, _| {
            move || assessment.get().map(|a| view! { <ReportBody set=set.clone() assessment=a lang=state.lang.get()/> })
        }/>
    }
}

#[component]
fn ReportBody(set: Arc<IndicatorSet>, assessment: Assessment, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let offset = clock::utc_offset_minutes();
    let a = &assessment;
    let set_name = set.name(lang);

    let picture = layout(&set, Values::Single(a), &Options { lang, heading: None });
    let flower_box_src = blomlada_flowerbox::svg_data_url(&blomlada_flowerbox::svg(&picture));

    let facts = view! {
        <dl class="facts report-facts">
            <dt>{t.col_kommun}</dt><dd>{format!("{} ({})", a.kommun.name, a.kommun.code)}</dd>
            <dt>{t.set_label}</dt><dd>{set_name.clone()}</dd>
            <dt>{t.report_date}</dt><dd>{clock::now().date_iso(offset)}</dd>
            <dt>{t.report_updated}</dt><dd>{a.updated.date_time_sv(offset)}</dd>
            {a.population.map(|p| view! { <dt>{t.population_label}</dt><dd>{number_format::integer(u64::from(p), lang)}</dd> })}
            {a.approval.clone().map(|ap| view! { <dt>{t.report_approval}</dt><dd>{ap}</dd> })}
        </dl>
    };

    view! {
        <div class="report-actions no-print">
            <button type="button" class="button-primary" on:click=move |_| print()>{t.report_print}</button>
            <A href=format!("/vardering/{}", a.id)>{t.to_answers}</A>
        </div>
        <article class="report">
            <header class="report-header">
                <p class="report-kicker">{t.app_name}" · "{t.report_title}</p>
                <h1>{a.title.clone()}</h1>
                <p class="lead">{format!("{} · {}", a.kommun.name, set_name)}</p>
                {facts}
            </header>
            <section class="report-flower-box" aria-labelledby="rapport-blomlada">
                <h2 id="rapport-blomlada">{t.report_flower_box}</h2>
                <figure>
                    <img src=flower_box_src alt=picture.alt_text.clone() width=picture.width.round() as u32 height=picture.height.ceil() as u32/>
                </figure>
            </section>
            <SummarySection set=set.clone() assessment=assessment.clone() lang=lang/>
            <PlanSection set=set.clone() assessment=assessment.clone() lang=lang/>
            <IndicatorSection set=set.clone() assessment=assessment.clone() lang=lang/>
        </article>
    }
}

#[component]
fn SummarySection(set: Arc<IndicatorSet>, assessment: Assessment, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    view! {
        <section class="report-summary" aria-labelledby="rapport-sammanfattning">
            <h2 id="rapport-sammanfattning">{t.report_summary}</h2>
            <DistributionTable set=set assessment=assessment lang=lang/>
        </section>
    }
}

/// Issue 13: the action plan (open gaps by responsible), when any indicator has a target.
#[component]
fn PlanSection(set: Arc<IndicatorSet>, assessment: Assessment, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let view = plan_view(&set, &assessment, Grouping::Responsible, lang);
    (view.with_target > 0).then(|| {
        view! {
            <section class="report-plan" aria-labelledby="rapport-plan">
                <h2 id="rapport-plan">{t.report_plan_heading}</h2>
                <PlanTables view=view lang=lang heading_level=3/>
            </section>
        }
    })
}

#[component]
fn IndicatorSection(set: Arc<IndicatorSet>, assessment: Assessment, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let reference_label = set.reference.as_ref().map(|r| r.label.get(lang).to_string());
    let first_key = set.scale.options.first().map(|o| o.key.clone()).unwrap_or_default();
    let areas = set
        .areas
        .iter()
        .map(|area| {
            let groups = area
                .groups
                .iter()
                .map(|group| {
                    let rows = group
                        .indicators
                        .iter()
                        .map(|indicator| {
                            let response = assessment.response(&indicator.id).cloned().unwrap_or_default();
                            let (answer, class) = match response.answer.as_deref() {
                                Some(key) => (
                                    set.option(key).map_or(key.to_string(), |o| o.label.get(lang).to_string()),
                                    format!("answer answer-{key}"),
                                ),
                                None => (t.not_answered.to_string(), "answer answer-none".to_string()),
                            };
                            let reference = reference_label.as_ref().map(|_| {
                                let share = indicator.reference.as_ref().and_then(|r| r.get(&first_key).copied().flatten());
                                let text = share.map_or("–".to_string(), |p| number_format::percent(f64::from(p) / 100.0, lang));
                                view! { <td class="num">{text}</td> }
                            });
                            let review =
                                response.review.is_some().then(|| view! { <br/><span class="review-flag">{t.needs_review}</span> });
                            // The whole link is printed (paper cannot be clicked), but only a
                            // link by the domain's rule is made clickable.
                            let evidence =
                                response.evidence.clone().map(|link| match blomlada_domain::public_results::public_link(Some(&link)) {
                                    Some(href) => {
                                        let text = href.clone();
                                        view! { <a href=href rel="noopener noreferrer">{text}</a> }.into_any()
                                    }
                                    None => view! { <span>{link}</span> }.into_any(),
                                });
                            view! {
                                <tr>
                                    <td>{indicator.text.get(lang).to_string()}</td>
                                    <td class=class>{answer}{review}</td>
                                    <td class="comment">{response.comment.clone()}</td>
                                    <td class="evidence">{evidence}</td>
                                    {reference}
                                </tr>
                            }
                        })
                        .collect_view();
                    let reference_head =
                        reference_label.as_ref().map(|label| view! { <th scope="col" class="num">{(t.col_reference)(label)}</th> });
                    view! {
                        <section class="report-group">
                            <h4>{group.title.get(lang).to_string()}</h4>
                            <table class="report-indicators">
                                <thead>
                                    <tr>
                                        <th scope="col">{t.col_indicator}</th>
                                        <th scope="col">{t.col_answer}</th>
                                        <th scope="col">{t.comment_label}</th>
                                        <th scope="col">{t.col_evidence}</th>
                                        {reference_head}
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </section>
                    }
                })
                .collect_view();
            view! {
                <section class="report-area">
                    <h3>{area.title.get(lang).to_string()}</h3>
                    {groups}
                </section>
            }
        })
        .collect_view();
    view! {
        <section class="report-all" aria-labelledby="rapport-indikatorer">
            <h2 id="rapport-indikatorer">{t.report_indicators}</h2>
            {areas}
        </section>
    }
}
