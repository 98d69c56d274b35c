//! The counts per answer for every area and group, and in total: one table, used by the
//! summary page and the printable report.

use std::sync::Arc;

use blomlada_domain::distribution::{summarize, Distribution};
use blomlada_domain::share_row::{basis_sentence, Basis};
use blomlada_domain::{Assessment, IndicatorSet, Lang};
use leptos::prelude::*;

use crate::i18n::texts;

#[component]
pub fn DistributionTable(
    set: Arc<IndicatorSet>,
    assessment: Assessment,
    lang: Lang,
    #[prop(optional)] caption: Option<&'static str>,
) -> impl IntoView {
    let t = texts(lang);
    let summary = summarize(&set, &assessment);
    let counting = set.counting();
    let cells = move |d: &Distribution| {
        // The domain's row: counts with shares of the counted answers, "ej relevant" a count.
        let row = d.row(&counting);
        let mut cells: Vec<AnyView> =
            (0..d.counts.len()).map(|i| view! { <td class="num">{row.text(i, true, lang)}</td> }.into_any()).collect();
        cells.push(view! { <td class="num">{d.unanswered}</td> }.into_any());
        cells.push(view! { <td class="num">{d.total()}</td> }.into_any());
        cells
    };
    let rows = set
        .areas
        .iter()
        .zip(&summary.areas)
        .map(|(area, area_summary)| {
            let group_rows = area
                .groups
                .iter()
                .zip(&area_summary.groups)
                .map(|(group, gs)| view! { <tr><th scope="row" class="group-row">{group.title.get(lang).to_string()}</th>{cells(&gs.distribution)}</tr> })
                .collect_view();
            view! {
                <tbody>
                    <tr class="area-row"><th scope="row">{area.title.get(lang).to_string()}</th>{cells(&area_summary.distribution)}</tr>
                    {group_rows}
                </tbody>
            }
        })
        .collect_view();
    let headers =
        set.scale.options.iter().map(|o| view! { <th scope="col" class="num">{o.label.get(lang).to_string()}</th> }).collect_view();
    view! {
        <table class="summary">
            {caption.map(|c| view! { <caption>{c}</caption> })}
            <thead><tr><th scope="col">{t.col_area_group}</th>{headers}<th scope="col" class="num">{t.col_unanswered}</th><th scope="col" class="num">{t.col_total}</th></tr></thead>
            {rows}
            <tfoot><tr><th scope="row">{t.total_row}</th>{cells(&summary.total)}</tr></tfoot>
        </table>
        <p class="basis">{basis_sentence(Basis::CountedAnswers, false, lang)}</p>
    }
}
