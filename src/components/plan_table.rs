//! The action plan as tables: open gaps per area, then one table per responsible, area or year
//! with the indicators whose target is above the answer. Used by the plan page and the
//! printable report; the numbers and groups come ready from the domain's `PlanView`.

use blomlada_domain::number_format;
use blomlada_domain::plan_view::{Grouping, PlanRow, PlanView};
use blomlada_domain::Lang;
use leptos::prelude::*;

use crate::components::table_region::{table_region, Column, Named};
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
    let heading = move |text: String| match heading_level {
        2 => view! { <h2>{text}</h2> }.into_any(),
        _ => view! { <h3>{text}</h3> }.into_any(),
    };
    let by_area = view.grouping == Grouping::Area;
    let sections = view
        .sections
        .iter()
        .map(|section| {
            let title = section.heading.clone().unwrap_or_else(|| match view.grouping {
                Grouping::Responsible => t.plan_no_responsible.to_string(),
                Grouping::Year => t.plan_no_year.to_string(),
                Grouping::Area => String::new(),
            });
            let caption = (t.plan_section_caption)(&title, section.rows.len());
            view! {
                <section class="plan-section">
                    {heading(title)}
                    {plan_table(&section.rows, true, by_area, caption, lang)}
                </section>
            }
        })
        .collect_view();
    // Rows typed without a target: apart, after the plan, so nothing typed is hidden.
    let without_target = (!view.without_target.is_empty()).then(|| {
        let caption = (t.plan_without_target_caption)(view.without_target.len());
        view! {
            <section class="plan-section plan-without-target">
                {heading(t.plan_without_target_heading.to_string())}
                <p>{t.plan_without_target_note}</p>
                {plan_table(&view.without_target, false, false, caption, lang)}
            </section>
        }
    });
    view! {
        <p class="plan-totals">{(t.plan_totals)(view.with_target, view.open, view.reached, view.not_relevant)}</p>
        {table_region(
            t.plan_areas_caption.to_string(),
            Named::Caption,
            "plan-areas",
            vec![Column::text(t.plan_col_area), Column::num(t.plan_col_with_target), Column::num(t.plan_col_open)],
            areas,
        )}
        {if view.open == 0 { Some(view! { <p>{t.plan_empty}</p> }) } else { None }}
        {sections}
        {without_target}
    }
}

/// One table of plan rows. `with_target`: the target, year and gap columns (rows typed without
/// a target have none); `by_area`: the sections are areas, so the place column names the group
/// only (the group always shows: six indicator texts recur in every verksamhetsområde group).
fn plan_table(rows: &[PlanRow], with_target: bool, by_area: bool, caption: String, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let place = if by_area { t.plan_col_group } else { t.plan_col_area_group };
    let target_columns = with_target.then(|| [Column::text(t.plan_target), Column::num(t.plan_year), Column::text(t.plan_col_gap)]);
    let columns = [Column::text(t.plan_col_indicator), Column::text(place), Column::text(t.plan_col_now)]
        .into_iter()
        .chain(target_columns.into_iter().flatten())
        .chain([Column::text(t.plan_group_responsible), Column::text(t.plan_action), Column::text(t.plan_status)])
        .collect();
    let rows = rows.iter().map(|r| plan_row(r, with_target, by_area, lang)).collect_view();
    table_region(caption, Named::LabelOnly, "plan", columns, rows)
}

fn plan_row(r: &PlanRow, with_target: bool, by_area: bool, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let place = if by_area { r.group.clone() } else { format!("{} · {}", r.area, r.group) };
    let target_cells = with_target.then(|| {
        let gap = match r.steps {
            Some(steps) => (t.plan_steps_short)(steps),
            None => t.plan_gap_unanswered_short.to_string(),
        };
        view! {
            <td>{r.target.clone()}</td>
            <td class="num">{r.year.map(|y| y.to_string()).unwrap_or_default()}</td>
            <td>{gap}</td>
        }
    });
    view! {
        <tr>
            <th scope="row" class="indicator-text">{r.text.clone()}</th>
            <td>{place}</td>
            <td>{r.answer.clone().unwrap_or_else(|| t.publish_not_answered.to_string())}</td>
            {target_cells}
            <td>{r.responsible.clone()}</td>
            <td class="plan-action">{r.action.clone()}</td>
            <td>{r.status.map(|s| s.label(lang)).unwrap_or("")}</td>
        </tr>
    }
}
