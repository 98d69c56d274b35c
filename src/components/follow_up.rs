//! Follow-up of the targets an assessment was copied with: how many were reached, missed or
//! moved (in total and per indicator). Shown on the plan page of a copy.

use blomlada_domain::plan_view::{FollowUp, FollowUpView};
use blomlada_domain::Lang;
use leptos::prelude::*;

use crate::components::table_region::{table_region, Column, Named};
use crate::i18n::{texts, Texts};

pub fn outcome_label(t: &Texts, outcome: FollowUp) -> &'static str {
    match outcome {
        FollowUp::Reached => t.follow_up_reached,
        FollowUp::Missed => t.follow_up_missed,
        FollowUp::Moved => t.follow_up_moved,
        FollowUp::NotYetDue => t.follow_up_not_yet_due,
    }
}

#[component]
pub fn FollowUpSection(view: FollowUpView, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let totals =
        FollowUp::ALL.into_iter().map(|o| view! { <li><strong>{view.count(o)}</strong>" "{outcome_label(t, o)}</li> }).collect_view();
    let rows = view
        .rows
        .iter()
        .map(|r| {
            let class = format!("follow-up follow-up-{}", outcome_label(texts(Lang::En), r.outcome).to_lowercase().replace(' ', "-"));
            view! {
                <tr>
                    <th scope="row" class="indicator-text">{r.text.clone()}</th>
                    <td>{r.earlier_target.clone()}</td>
                    <td>{r.earlier_answer.clone().unwrap_or_else(|| t.publish_not_answered.to_string())}</td>
                    <td>{r.answer.clone().unwrap_or_else(|| t.publish_not_answered.to_string())}</td>
                    <td>{r.target.clone().unwrap_or_else(|| t.plan_no_target.to_string())}</td>
                    <td class=class>{outcome_label(t, r.outcome)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="follow-up-section" aria-labelledby="uppfoljning">
            <h2 id="uppfoljning">{t.follow_up_title}</h2>
            <p>{(t.follow_up_intro)(view.total())}</p>
            <ul class="follow-up-totals">{totals}</ul>
            {table_region(
                t.follow_up_table_label.to_string(),
                Named::Caption,
                "follow-up-table",
                vec![
                    Column::text(t.plan_col_indicator),
                    Column::text(t.follow_up_col_earlier_target),
                    Column::text(t.follow_up_col_answer_then),
                    Column::text(t.plan_col_now),
                    Column::text(t.follow_up_col_target_now),
                    Column::text(t.follow_up_col_outcome),
                ],
                rows,
            )}
        </section>
    }
}
