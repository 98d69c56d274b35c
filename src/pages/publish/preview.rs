//! What becomes public, shown before anything is sent: the facts of the result file and every
//! answer with its comment and link (the domain's [`public_preview`]).

use blomlada_domain::number_format;
use blomlada_domain::public_preview::public_preview;
use blomlada_domain::result_file::ResultFile;
use blomlada_domain::{IndicatorSet, Lang};
use leptos::prelude::*;

use crate::components::table_region::{table_region, Column, Named};
use crate::i18n::texts;

pub(super) fn public_part(f: &ResultFile, set: &IndicatorSet, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let p = public_preview(f, set, lang);
    let missing = || t.publish_missing_value.to_string();
    let rows = p
        .answers
        .into_iter()
        .map(|a| {
            view! {
                <tr>
                    <td>{a.text}</td>
                    <td>{a.answer.unwrap_or_else(|| t.publish_not_answered.to_string())}</td>
                    <td>{a.comment}</td>
                    <td>{a.link}</td>
                </tr>
            }
        })
        .collect_view();
    let columns = vec![
        Column::text(t.publish_col_indicator),
        Column::text(t.publish_col_answer),
        Column::text(t.comment_label),
        Column::text(t.publish_col_link),
    ];
    view! {
        <section aria-labelledby="offentligt">
            <h2 id="offentligt">{t.publish_public_heading}</h2>
            <p>{t.publish_public_note}</p>
            <dl class="facts">
                <dt>{t.publish_field_kommun}</dt><dd>{format!("{} ({})", f.kommun.name, f.kommun.code)}</dd>
                <dt>{t.publish_field_population}</dt>
                <dd>{f.population.map(|p| number_format::integer(u64::from(p), lang)).unwrap_or_else(missing)}</dd>
                <dt>{t.publish_field_set}</dt><dd>{set.name(lang)}</dd>
                <dt>{t.publish_field_title}</dt><dd>{f.title.clone()}</dd>
                <dt>{t.publish_field_approval}</dt><dd>{f.approval.clone().unwrap_or_else(missing)}</dd>
                <dt>{t.col_progress}</dt><dd>{(t.publish_field_answered)(p.answered, p.indicators)}</dd>
                <dt>{t.publish_field_comments}</dt><dd>{(t.publish_comment_count)(p.comments, p.links)}</dd>
                <dt>{t.plan_target}</dt><dd>{(t.publish_field_targets)(p.targets)}</dd>
            </dl>
            <details class="details">
                <summary>{t.publish_all_answers}</summary>
                {table_region(t.publish_all_answers.to_string(), Named::Caption, "", columns, rows)}
            </details>
        </section>
    }
}
