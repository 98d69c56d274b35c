//! The flower box on screen: a canvas drawn by `blomlada-flowerbox` (sharp on high-density
//! displays), real buttons laid over each flower, bar and tile, a details panel with the
//! chosen group's indicators, the same numbers as a table, and PNG/SVG download and print.
//!
//! The layout is a memo of (set, picture, language, heading): the canvas is redrawn when it
//! changes, and only then. Rooms: the drawing (`canvas_drawing`), the buttons over the picture
//! (`hit_targets`), the panel they open (`detail_panel`), the table (`numbers_table`).

mod canvas_drawing;
mod detail_panel;
mod hit_targets;
mod numbers_table;
mod style;

use std::sync::Arc;

use blomlada_domain::download_name::{PictureFile, PictureName};
use blomlada_domain::flowerbox::{layout_for_width, Aggregate, Heading, Layout, Options, TargetKind, Values, PORTRAIT_BELOW};
use blomlada_domain::{Assessment, IndicatorSet, Lang};
use leptos::html;
use leptos::prelude::*;

use crate::i18n::{texts, Texts};
use canvas_drawing::draw_on_change;
use detail_panel::DetailPanel;
use hit_targets::{HitButtons, Tooltip};
use numbers_table::NumbersTable;

/// What the flower box shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Picture {
    Single(Assessment),
    Aggregate(Aggregate),
}

impl Picture {
    fn values(&self) -> Values<'_> {
        match self {
            Picture::Single(a) => Values::Single(a),
            Picture::Aggregate(agg) => Values::Aggregate(agg),
        }
    }
}

/// A part of the picture in words ("Blomma", "Stapel", "Ruta").
fn kind_word(t: &Texts, kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::Flower => t.fb_flower,
        TargetKind::Bar => t.fb_bar,
        TargetKind::Tile => t.fb_tile,
    }
}

#[component]
pub fn FlowerBox(
    set: Arc<IndicatorSet>,
    #[prop(into)] picture: Signal<Picture>,
    #[prop(into)] lang: Signal<Lang>,
    #[prop(into)] heading: Signal<Heading>,
    /// Download file name without extension, e.g. "blomlada-orebro-eblomlada-2014-2026-11-23".
    #[prop(into)]
    file_name: Signal<PictureName>,
    /// Where "answer these indicators" leads for (area id, group id); none in views of others' results.
    #[prop(optional)]
    answer_link: Option<Callback<(String, String), String>>,
) -> impl IntoView {
    let t = move || texts(lang.get());
    let layout_set = set.clone();
    // Portrait on narrow screens (the domain decides from the width); re-laid out only when
    // the window crosses that width.
    let viewport = crate::browser::viewport::width();
    let narrow = Memo::new(move |_| viewport.get() < PORTRAIT_BELOW);
    let laid_out: Memo<Arc<Layout>> = Memo::new(move |_| {
        let options = Options { lang: lang.get(), heading: Some(heading.get()) };
        let width = if narrow.get() { viewport.get_untracked() } else { PORTRAIT_BELOW.max(viewport.get_untracked()) };
        Arc::new(picture.with(|p| layout_for_width(&layout_set, p.values(), &options, width)))
    });
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let drawn = draw_on_change(laid_out, canvas_ref);
    let selected = RwSignal::new(None::<usize>);
    let hovered = RwSignal::new(None::<usize>);
    let aspect = move || laid_out.with(|l| format!("{} / {}", l.width, l.height));

    let download_png = move |_| {
        let Some(canvas) = canvas_ref.get_untracked() else { return };
        if let Ok(url) = canvas.to_data_url_with_type("image/png") {
            crate::browser::download::download_url(&file_name.get_untracked().file_name(PictureFile::Png), &url);
        }
    };
    let download_svg = move |_| {
        let svg = blomlada_flowerbox::svg(&laid_out.get_untracked());
        crate::browser::download::download_text(&file_name.get_untracked().file_name(PictureFile::Svg), "image/svg+xml", &svg);
    };
    let print = move |_| {
        crate::browser::document::print();
    };

    view! {
        <style>{style::FLOWER_BOX_CSS}</style>
        <figure class="fb">
            <div class="fb-stage" style:aspect-ratio=aspect>
                <canvas node_ref=canvas_ref class="fb-canvas" role="img"
                    aria-label=move || laid_out.with(|l| l.alt_text.clone())
                    aria-describedby="fb-tabell"
                    data-drawn=move || drawn.get()></canvas>
                <div class="fb-hits" role="group" aria-label=move || t().fb_targets>
                    <HitButtons laid_out=laid_out lang=lang selected=selected hovered=hovered/>
                </div>
                <Tooltip laid_out=laid_out lang=lang hovered=hovered/>
            </div>
            <figcaption class="fb-hint">{move || t().fb_choose_hint}</figcaption>
        </figure>
        <div class="fb-actions">
            <button type="button" on:click=download_png>{move || t().fb_download_png}</button>
            <button type="button" on:click=download_svg>{move || t().fb_download_svg}</button>
            <button type="button" on:click=print>{move || t().fb_print}</button>
        </div>
        <DetailPanel set=set.clone() picture=picture laid_out=laid_out lang=lang selected=selected answer_link=answer_link/>
        <div class="table-wrap fb-table-wrap"><NumbersTable set=set laid_out=laid_out lang=lang/></div>
    }
}
