//! The comparison's tables: this assessment beside the selection by area and group, and
//! indicator by indicator with "Vilka uppfyller?". Every number comes ready from the domain's
//! [`blomlada_domain::side_by_side`] view models.

use std::collections::BTreeMap;
use std::sync::Arc;

use blomlada_domain::comparison::{Comparison, Fulfiller};
use blomlada_domain::distribution::summarize;
use blomlada_domain::public_results::public_page_path;
use blomlada_domain::share_row::{basis_sentence, Basis};
use blomlada_domain::side_by_side::{beside_selection, by_indicator, ByIndicator};
use blomlada_domain::{Assessment, IndicatorSet, Lang};
use leptos::prelude::*;

use super::selection::selection_label;
use super::side_by_side_table::{side_by_side_table, Headings};
use crate::app_state::use_app_state;
use crate::components::table_region::{table_region, Column, Named};
use crate::i18n::texts;

/// Per indicator, the kommuner in the selection answering the best option.
pub(super) type Fulfillers = Option<Arc<BTreeMap<String, Vec<Fulfiller>>>>;

#[component]
pub(super) fn ComparisonTables(
    set: Arc<IndicatorSet>,
    comparison: Memo<Option<Comparison>>,
    assessment: Memo<Option<Assessment>>,
    fulfillers: Memo<Fulfillers>,
) -> impl IntoView {
    let state = use_app_state();
    move || {
        let lang = state.lang.get();
        comparison.with(|c| {
            assessment.with(|a| match (c, a) {
                (Some(c), Some(a)) => tables(&set, c, a, fulfillers, lang).into_any(),
                _ => ().into_any(),
            })
        })
    }
}

/// The comparison's tables for this assessment: counts, the two-sided table and its basis,
/// and the table by indicator.
fn tables(set: &IndicatorSet, c: &Comparison, a: &Assessment, fulfillers: Memo<Fulfillers>, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let label = selection_label(&c.selection, lang);
    let caption = (t.compare_caption)(&label, c.n());
    let table = beside_selection(set, &summarize(set, a), c, lang);
    let headings = Headings {
        caption: caption.clone(),
        left: t.compare_mine.to_string(),
        right: label.clone(),
        count: view! { <abbr title=t.compare_n_title>"n"</abbr> }.into_any(),
        total: t.total_row,
    };
    let without_result = c.chosen_without_result();
    view! {
        <p aria-live="polite">{(t.compare_n)(c.n())}</p>
        {(!without_result.is_empty()).then(|| view! {
            <p class="notice notice-info">{(t.compare_without_result)(&without_result.join(", "))}</p>
        })}
        {(c.n() == 0).then(|| view! { <p class="notice notice-info">{t.compare_none}</p> })}
        {side_by_side_table(table, headings, t.col_area_group)}
        <p class="basis">{basis_sentence(Basis::CountedAnswers, true, lang)}</p>
        {indicator_table(by_indicator(set, c, Some(a), lang), &label, fulfillers, lang)}
    }
}

fn indicator_table(table: ByIndicator, selection: &str, fulfillers: Memo<Fulfillers>, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let rows = table
        .rows
        .into_iter()
        .map(|row| {
            let who = fulfillers.with(|f| f.as_ref().and_then(|f| f.get(&row.id).cloned())).unwrap_or_default();
            view! {
                <tr>
                    <td>{row.text}</td>
                    <td>{row.answer.unwrap_or_else(|| t.publish_not_answered.to_string())}</td>
                    <td>{row.best_share}</td>
                    <td>{row.count}</td>
                    <td>{who_cell(who, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    let columns = vec![
        Column::text(t.publish_col_indicator),
        Column::text(t.compare_col_answer),
        Column::text((t.compare_col_share)(&table.best_label, selection)),
        Column::abbr("n", t.compare_n_title),
        Column::text(t.compare_col_who),
    ];
    view! {
        <details class="details">
            <summary>{t.compare_by_indicator}</summary>
            {table_region(t.compare_by_indicator.to_string(), Named::Caption, "", columns, rows)}
        </details>
    }
}

/// "Vilka uppfyller?" for one indicator: a disclosure listing the kommuner, each with its
/// public evidence link (http/https only, checked in the domain) shown by its host: another
/// kommun's link says where it goes, not what its publisher wrote.
fn who_cell(who: Vec<Fulfiller>, lang: Lang) -> AnyView {
    let t = texts(lang);
    if who.is_empty() {
        return view! { <span class="hint">{t.compare_who_none}</span> }.into_any();
    }
    let count = who.len();
    let items = who
        .into_iter()
        .map(|f| {
            let shown = f.evidence.and_then(|href| Some((blomlada_domain::web_link::link_host(&href)?, href)));
            let link = match shown {
                Some((host, href)) => view! { " – "<a href=href rel="noopener noreferrer">{host}</a> }.into_any(),
                None => view! { " – "<span class="hint">{t.compare_who_no_link}</span> }.into_any(),
            };
            // The kommun's public page (served as HTML by the server, outside the app).
            let page = public_page_path(Some(&f.code), lang);
            view! { <li><a class="who-name" href=page rel="external">{f.name}</a>{link}</li> }
        })
        .collect_view();
    view! {
        <details class="who">
            <summary>{(t.compare_who)(count)}</summary>
            <ul class="who-list">{items}</ul>
        </details>
    }
    .into_any()
}
