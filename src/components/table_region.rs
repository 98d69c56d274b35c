//! A table that may be wider than its page, in a scroll region named like the table: keyboard
//! users can focus and scroll it, screen readers announce it by name (WCAG 2.1.1, 1.3.1). Every
//! flat table of the app is built here, so the markup and its column headings are written once.

use leptos::prelude::*;

/// A column heading; a numeric column's heading is right-aligned and may wrap (`th.num`).
pub struct Column {
    text: String,
    numeric: bool,
    /// What an abbreviated heading stands for.
    title: Option<&'static str>,
}

impl Column {
    pub fn text(text: impl Into<String>) -> Column {
        Column { text: text.into(), numeric: false, title: None }
    }

    pub fn num(text: impl Into<String>) -> Column {
        Column { text: text.into(), numeric: true, title: None }
    }

    /// A short heading ("n") with what it stands for.
    pub fn abbr(text: &'static str, title: &'static str) -> Column {
        Column { text: text.into(), numeric: false, title: Some(title) }
    }
}

/// How the table is named: by a caption shown above it, or (where a heading right above says
/// the same) by its label alone.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Caption,
    LabelOnly,
}

pub fn table_region(label: String, named: Named, class: &'static str, columns: Vec<Column>, rows: impl IntoView) -> impl IntoView {
    let headings = columns
        .into_iter()
        .map(|c| {
            let text = match c.title {
                Some(title) => view! { <abbr title=title>{c.text}</abbr> }.into_any(),
                None => c.text.into_any(),
            };
            view! { <th scope="col" class=c.numeric.then_some("num")>{text}</th> }
        })
        .collect_view();
    let table_label = (named == Named::LabelOnly).then(|| label.clone());
    let caption = (named == Named::Caption).then(|| view! { <caption>{label.clone()}</caption> });
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table class=class aria-label=table_label>
                {caption}
                <thead><tr>{headings}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
