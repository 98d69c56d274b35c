//! The flower box with the targets: the same picture as the overview, each petal, bar cell and
//! tile with a target outlined in the target's colour and line style, drawn as SVG (the same
//! drawing as export and print), with its text alternative and a table whose columns give the
//! targets and the gap per group. SVG download.

use std::sync::Arc;

use blomlada_domain::download_name::{PictureFile, PictureName};
use blomlada_domain::flowerbox::targets::{add_targets, target_table};
use blomlada_domain::flowerbox::{layout, Heading, Options, Values};
use blomlada_domain::plan::target_options;
use blomlada_domain::{Assessment, IndicatorSet, Lang};
use leptos::prelude::*;

use crate::browser::download::download_text;
use crate::components::table_region::{table_region, Column, Named};
use crate::i18n::texts;

#[component]
pub fn TargetView(set: Arc<IndicatorSet>, assessment: Assessment, lang: Lang, heading: Heading, file_name: PictureName) -> impl IntoView {
    let t = texts(lang);
    let mut picture = layout(&set, Values::Single(&assessment), &Options { lang, heading: Some(heading) });
    add_targets(&mut picture, &set, &assessment, lang);
    let svg = blomlada_flowerbox::svg(&picture);
    let alt = picture.alt_text.clone();
    let (width, height) = (picture.width.round() as u32, picture.height.ceil() as u32);
    let options = target_options(&set);
    let columns = [Column::text(t.fb_col_group), Column::num(t.fb_col_indicators), Column::num(t.plan_col_with_target)]
        .into_iter()
        .chain(options.iter().map(|&i| Column::num((t.fb_target_col)(set.scale.options[i].label.get(lang)))))
        .chain([Column::num(t.fb_col_reached), Column::num(t.plan_col_open)])
        .collect();
    let rows = target_table(&set, &assessment, lang)
        .into_iter()
        .map(|r| {
            let cells = options.iter().map(|&i| view! { <td class="num">{r.targets[i]}</td> }).collect_view();
            view! {
                <tr>
                    <th scope="row">{r.name.clone()}</th>
                    <td class="num">{r.indicators}</td>
                    <td class="num">{r.with_target}</td>
                    {cells}
                    <td class="num">{r.reached}</td>
                    <td class="num">{r.open}</td>
                </tr>
            }
        })
        .collect_view();
    let download = {
        let svg = svg.clone();
        move |_| download_text(&file_name.file_name(PictureFile::TargetSvg), "image/svg+xml", &svg)
    };
    view! {
        <figure class="fb-targets">
            // As an image, like the report's picture: whatever text the drawing holds never runs.
            <img src=blomlada_flowerbox::svg_data_url(&svg) alt=alt width=width height=height/>
        </figure>
        <div class="fb-actions fb-noprint">
            <button type="button" on:click=download>{t.fb_download_svg}</button>
        </div>
        {table_region(t.fb_targets_caption.to_string(), Named::Caption, "summary fb-target-table", columns, rows)}
    }
}
