//! The picture's numbers as a table: the layout's rows (the domain's ShareRow), the numbers of
//! the captions and of the public pages' table of the same picture.

use std::sync::Arc;

use blomlada_domain::flowerbox::{Layout, Mode, Tally};
use blomlada_domain::indicator_set::AreaRole;
use blomlada_domain::number_format;
use blomlada_domain::share_row::{basis_sentence, ShareRow};
use blomlada_domain::{IndicatorSet, Lang};
use leptos::prelude::*;

use crate::i18n::texts;

#[component]
pub(super) fn NumbersTable(set: Arc<IndicatorSet>, laid_out: Memo<Arc<Layout>>, lang: Signal<Lang>) -> impl IntoView {
    move || {
        let l = laid_out.get();
        let lang_now = lang.get();
        let t = texts(lang_now);
        let aggregate = matches!(l.mode, Mode::Aggregate { .. });
        let cells = move |tally: &Tally, row: &ShareRow| cells(tally, row, aggregate, lang_now);
        let headers = set.scale.options.iter().map(|o| view! { <th scope="col">{o.label.get(lang_now).to_string()}</th> }).collect_view();
        let sections = l
            .table
            .iter()
            .map(|section| {
                let rows = section
                    .rows
                    .iter()
                    .map(|row| view! { <tr><th scope="row" class="group-row">{row.name.clone()}</th>{cells(&row.tally, &row.shares)}</tr> })
                    .collect_view();
                let role = match section.role {
                    AreaRole::Flowers => "flowers",
                    AreaRole::Bars => "bars",
                    AreaRole::Tiles => "tiles",
                };
                view! {
                    <tbody data-role=role>
                        <tr class="area-row"><th scope="row">{section.title.clone()}</th>{cells(&section.total, &section.total_shares)}</tr>
                        {rows}
                    </tbody>
                }
            })
            .collect_view();
        view! {
            <table class="summary fb-table" id="fb-tabell">
                <caption>{t.fb_table_caption}</caption>
                <thead><tr>
                    <th scope="col">{t.fb_col_group}</th>{headers}<th scope="col">{l.unanswered_label.clone()}</th>
                    <th scope="col">{t.fb_col_indicators}</th>
                    {aggregate.then(|| view! { <th scope="col">"n"</th> })}
                </tr></thead>
                {sections}
                <tfoot><tr><th scope="row">{t.total_row}</th>{cells(&l.total, &l.total_shares)}</tr></tfoot>
            </table>
            <p class="basis">{basis_sentence(l.total_shares.basis, aggregate, lang_now)}</p>
        }
    }
}

/// A row's cells: each option's share (with counts for one assessment), the rest, the count of
/// indicators (with data, where some have none), and n for many results.
fn cells(tally: &Tally, row: &ShareRow, aggregate: bool, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let shares = (0..tally.options.len()).map(|i| view! { <td>{row.text(i, !aggregate, lang)}</td> }).collect_view();
    let count = if tally.no_data > 0 { (t.fb_with_data)(tally.with_data(), tally.indicators) } else { tally.indicators.to_string() };
    let n = aggregate.then(|| view! { <td>{tally.n.map(|n| number_format::integer(n.into(), lang)).unwrap_or_default()}</td> });
    view! {
        {shares}
        <td>{row.rest_text(lang)}</td>
        <td>{count}</td>
        {n}
    }
}
