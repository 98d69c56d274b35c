//! The action plan as tables: open gaps per area, then one table per responsible, area or year
//! with the indicators whose target is above the answer. Used by the plan page and the
//! printable report; the numbers and groups come ready from the domain's `PlanView`.

use blomlada_domain::number_format;
use blomlada_domain::plan_view::{Grouping, PlanView};
use blomlada_domain::Lang;
use leptos::prelude::*;

use crate::i18n::texts;

/// `heading_level` is 2 on the plan page and 3 inside the report's plan section.
#[component]
pub fn PlanTables(view: PlanView, lang: Lang, #[prop(default = 2)] heading_level: u8) -> impl IntoView {
    let t = texts(lang);
    let areas = view
        .areas
        .iter()
        .map(|a| {
            view! {
                <tr>
                    <th scope="row">{a.title.clone()}</th>
                    <td class="num">{number_format::integer(a.with_target.into(), lang)}</td>
                    <td class="num">{number_format::integer(a.open.into(), lang)}</td>
                </tr>
            }
        })
        .collect_view();
    // The group always shows: six indicator texts recur in every verksamhetsområde group.
    let group_column = match view.grouping {
        Grouping::Area => t.plan_col_group,
        _ => t.plan_col_area_group,
    };
    let sections = view
        .sections
        .iter()
        .map(|section| {
            let heading = section.heading.clone().unwrap_or_else(|| match view.grouping {
                Grouping::Responsible => t.plan_no_responsible.to_string(),
                Grouping::Year => t.plan_no_year.to_string(),
                Grouping::Area => String::new(),
            });
            let caption = (t.plan_section_caption)(&heading, section.rows.len());
            let region = caption.clone();
            let rows = section
                .rows
                .iter()
                .map(|r| {
                    let place = if view.grouping == Grouping::Area { r.group.clone() } else { format!("{} · {}", r.area, r.group) };
                    let gap = match r.steps {
                        Some(steps) => (t.plan_steps_short)(steps),
                        None => t.plan_gap_unanswered_short.to_string(),
                    };
                    view! {
                        <tr>
                            <th scope="row" class="indicator-text">{r.text.clone()}</th>
                            <td>{place}</td>
                            <td>{r.answer.clone().unwrap_or_else(|| t.publish_not_answered.to_string())}</td>
                            <td>{r.target.clone()}</td>
                            <td class="num">{r.year.map(|y| y.to_string()).unwrap_or_default()}</td>
                            <td>{gap}</td>
                            <td>{r.responsible.clone()}</td>
                            <td class="plan-action">{r.action.clone()}</td>
                            <td>{r.status.map(|s| s.label(lang)).unwrap_or("")}</td>
                        </tr>
                    }
                })
                .collect_view();
            let title = match heading_level {
                2 => view! { <h2>{heading.clone()}</h2> }.into_any(),
                _ => view! { <h3>{heading.clone()}</h3> }.into_any(),
            };
            view! {
                <section class="plan-section">
                    {title}
                    <div class="table-wrap" tabindex="0" role="region" aria-label=region>
                        <table class="plan" aria-label=caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t.plan_col_indicator}</th>
                                    <th scope="col">{group_column}</th>
                                    <th scope="col">{t.plan_col_now}</th>
                                    <th scope="col">{t.plan_target}</th>
                                    <th scope="col" class="num">{t.plan_year}</th>
                                    <th scope="col">{t.plan_col_gap}</th>
                                    <th scope="col">{t.plan_group_responsible}</th>
                                    <th scope="col">{t.plan_action}</th>
                                    <th scope="col">{t.plan_status}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </section>
            }
        })
        .collect_view();
    // Rows typed without a target: apart, after the plan, so nothing typed is hidden.
    let without_target = (!view.without_target.is_empty()).then(|| {
        let caption = (t.plan_without_target_caption)(view.without_target.len());
        let region = caption.clone();
        let rows = view
            .without_target
            .iter()
            .map(|r| {
                view! {
                    <tr>
                        <th scope="row" class="indicator-text">{r.text.clone()}</th>
                        <td>{format!("{} · {}", r.area, r.group)}</td>
                        <td>{r.answer.clone().unwrap_or_else(|| t.publish_not_answered.to_string())}</td>
                        <td>{r.responsible.clone()}</td>
                        <td class="plan-action">{r.action.clone()}</td>
                        <td>{r.status.map(|s| s.label(lang)).unwrap_or("")}</td>
                    </tr>
                }
            })
            .collect_view();
        let title = match heading_level {
            2 => view! { <h2>{t.plan_without_target_heading}</h2> }.into_any(),
            _ => view! { <h3>{t.plan_without_target_heading}</h3> }.into_any(),
        };
        view! {
            <section class="plan-section plan-without-target">
                {title}
                <p>{t.plan_without_target_note}</p>
                <div class="table-wrap" tabindex="0" role="region" aria-label=region>
                    <table class="plan" aria-label=caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.plan_col_indicator}</th>
                                <th scope="col">{t.plan_col_area_group}</th>
                                <th scope="col">{t.plan_col_now}</th>
                                <th scope="col">{t.plan_group_responsible}</th>
                                <th scope="col">{t.plan_action}</th>
                                <th scope="col">{t.plan_status}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
    });
    view! {
        <p class="plan-totals">{(t.plan_totals)(view.with_target, view.open, view.reached, view.not_relevant)}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=t.plan_areas_caption>
            <table class="plan-areas">
                <caption>{t.plan_areas_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.plan_col_area}</th>
                        <th scope="col" class="num">{t.plan_col_with_target}</th>
                        <th scope="col" class="num">{t.plan_col_open}</th>
                    </tr>
                </thead>
                <tbody>{areas}</tbody>
            </table>
        </div>
        {if view.open == 0 { Some(view! { <p>{t.plan_empty}</p> }) } else { None }}
        {sections}
        {without_target}
    }
}
