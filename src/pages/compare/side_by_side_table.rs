//! A two-sided table of shares (the domain's [`SideBySide`]): one column group per side, a
//! count column last, the areas as row groups and the total in the footer.

use blomlada_domain::side_by_side::{RowLevel, SideBySide, SideBySideRow};
use leptos::prelude::*;

/// The headings a table needs besides its rows: its caption, the two sides' names, the count
/// column's (a view: the compare page abbreviates it), and the total row's.
pub(super) struct Headings {
    pub caption: String,
    pub left: String,
    pub right: String,
    pub count: AnyView,
    pub total: &'static str,
}

pub(super) fn side_by_side_table(table: SideBySide, headings: Headings, area_group: &'static str) -> impl IntoView {
    let k = table.option_labels.len().to_string();
    let option_headers = || table.option_labels.iter().map(|l| view! { <th scope="col">{l.clone()}</th> }).collect_view();
    let option_headers = view! { {option_headers()}{option_headers()} };
    let body = table
        .areas
        .into_iter()
        .map(|area| {
            view! {
                <tbody>
                    {row(area.area, None)}
                    {area.groups.into_iter().map(|g| row(g, None)).collect_view()}
                </tbody>
            }
        })
        .collect_view();
    let label = headings.caption.clone();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table class="summary">
                <caption>{headings.caption}</caption>
                <thead>
                    <tr>
                        <th scope="col" rowspan="2">{area_group}</th>
                        <th scope="colgroup" colspan=k.clone()>{headings.left}</th>
                        <th scope="colgroup" colspan=k>{headings.right}</th>
                        <th scope="col" rowspan="2">{headings.count}</th>
                    </tr>
                    <tr>{option_headers}</tr>
                </thead>
                {body}
                <tfoot>{row(table.total, Some(headings.total))}</tfoot>
            </table>
        </div>
    }
}

/// One row; `title` overrides the row's own (the total's is named by the page).
fn row(row: SideBySideRow, title: Option<&'static str>) -> impl IntoView {
    let class = match row.level {
        RowLevel::Area => "area-row",
        RowLevel::Group | RowLevel::Total => "",
    };
    let title_class = (row.level == RowLevel::Group).then_some("group-row");
    let cells = row.left.into_iter().chain(row.right).map(|c| view! { <td>{c}</td> }).collect_view();
    view! {
        <tr class=class>
            <th scope="row" class=title_class>{title.map_or(row.title, str::to_string)}</th>
            {cells}
            <td>{row.count}</td>
        </tr>
    }
}
