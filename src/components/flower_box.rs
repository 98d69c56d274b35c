//! The flower box on screen: a canvas drawn by `blomlada-flowerbox` (sharp on high-density
//! displays), real buttons laid over each flower, bar and tile, a details panel with the
//! chosen group's indicators, the same numbers as a table, and PNG/SVG download and print.
//!
//! The layout is a memo of (set, picture, language, heading): the canvas is redrawn when it
//! changes, and only then.

use std::sync::Arc;

use blomlada_domain::download_name::{PictureFile, PictureName};
use blomlada_domain::flowerbox::{
    describe_indicator, layout_for_width, Aggregate, Heading, HitTarget, Layout, Mode, Options, TargetKind, Values, PORTRAIT_BELOW,
};
use blomlada_domain::indicator_set::AreaRole;
use blomlada_domain::number_format;
use blomlada_domain::share_row::{basis_sentence, ShareRow};
use blomlada_domain::{Assessment, IndicatorSet, Lang};
use blomlada_flowerbox::plotters::prelude::IntoDrawingArea;
use leptos::html;
use leptos::prelude::*;

use crate::i18n::texts;

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

/// The canvas backing store is at least twice the layout size, so the picture stays sharp on
/// high-density displays, when zoomed and when printed.
fn backing_scale() -> f64 {
    crate::browser::document::device_pixel_ratio().clamp(2.0, 3.0)
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
    let drawn = RwSignal::new(0u32);

    // Draw when the layout changes (and once the canvas exists): the whole picture the first
    // time and when its shape changes, otherwise only the region that differs (an answer
    // repaints its petal, bar or tile and the captions counting it; box, labels and legend stay).
    let on_canvas = StoredValue::new(None::<(Arc<Layout>, (u32, u32))>);
    Effect::new(move |_| {
        let l = laid_out.get();
        let Some(canvas) = canvas_ref.get() else { return };
        let scale = backing_scale();
        let size = ((l.width * scale).round() as u32, (l.height * scale).round() as u32);
        let redraw = on_canvas.with_value(|before| match before {
            Some((old, old_size)) if *old_size == size && canvas.width() == size.0 => blomlada_flowerbox::redraw_between(old, &l),
            _ => blomlada_flowerbox::Redraw::Whole,
        });
        let ok = match redraw {
            blomlada_flowerbox::Redraw::Nothing => false,
            blomlada_flowerbox::Redraw::Region(region) => {
                let pixels = blomlada_flowerbox::pixel_rect(&l, size, region);
                crate::browser::canvas::with_clip(&canvas, pixels, || {
                    plotters_canvas::CanvasBackend::with_canvas_object(canvas.clone())
                        .is_some_and(|backend| blomlada_flowerbox::draw_region(&backend.into_drawing_area(), &l, region).is_ok())
                })
            }
            blomlada_flowerbox::Redraw::Whole => {
                canvas.set_width(size.0);
                canvas.set_height(size.1);
                plotters_canvas::CanvasBackend::with_canvas_object(canvas.clone())
                    .is_some_and(|backend| blomlada_flowerbox::draw(&backend.into_drawing_area(), &l).is_ok())
            }
        };
        on_canvas.set_value(Some((l, size)));
        if ok {
            drawn.update(|n| *n += 1);
        }
    });

    let selected = RwSignal::new(None::<usize>);
    let hovered = RwSignal::new(None::<usize>);
    let aspect = move || laid_out.with(|l| format!("{} / {}", l.width, l.height));

    let kind_word = move |k: TargetKind| match k {
        TargetKind::Flower => t().fb_flower,
        TargetKind::Bar => t().fb_bar,
        TargetKind::Tile => t().fb_tile,
    };
    let pct = |v: f64, of: f64| format!("{:.3}%", v / of * 100.0);

    let hit_buttons = move || {
        laid_out.with(|l| {
            l.targets
                .iter()
                .enumerate()
                .map(|(i, target)| {
                    let r = target.rect;
                    let style = format!(
                        "left:{};top:{};width:{};height:{}",
                        pct(r.x, l.width),
                        pct(r.y, l.height),
                        pct(r.w, l.width),
                        pct(r.h, l.height)
                    );
                    let label = format!("{}: {} – {}", kind_word(target.kind), target.name, target.summary);
                    let class = match target.kind {
                        TargetKind::Flower => "fb-hit fb-hit-flower",
                        TargetKind::Bar => "fb-hit fb-hit-bar",
                        TargetKind::Tile => "fb-hit fb-hit-tile",
                    };
                    view! {
                        <button type="button" class=class style=style aria-label=label
                            aria-controls="fb-detail"
                            aria-expanded=move || if selected.get() == Some(i) { "true" } else { "false" }
                            on:mouseenter=move |_| hovered.set(Some(i))
                            on:mouseleave=move |_| hovered.set(None)
                            on:focus=move |_| hovered.set(Some(i))
                            on:blur=move |_| hovered.set(None)
                            on:click=move |_| {
                                selected.set(Some(i));
                                focus_detail();
                            }>
                        </button>
                    }
                })
                .collect_view()
        })
    };

    // Hover or focus: the group's name and its counts, beside the target.
    let tooltip = move || {
        let i = hovered.get()?;
        laid_out.with(|l| {
            let target = l.targets.get(i)?;
            let r = target.rect;
            let below = r.y < l.height * 0.25;
            let style = format!(
                "left:{};top:{}",
                pct((r.x + r.w / 2.0).clamp(l.width * 0.12, l.width * 0.88), l.width),
                pct(if below { r.bottom() } else { r.y }, l.height)
            );
            let class = if below { "fb-tip fb-tip-below" } else { "fb-tip" };
            let group = (target.kind == TargetKind::Tile).then(|| target.group_name.clone());
            Some(view! {
                <div class=class style=style aria-hidden="true">
                    <strong>{target.name.clone()}</strong>
                    {group.map(|g| view! { <span class="fb-tip-group">{(t().fb_in_group)(&g)}</span> })}
                    <span>{target.summary.clone()}</span>
                </div>
            })
        })
    };

    // Closing the panel returns focus to the button that opened it.
    let close_detail = move || {
        if let Some(i) = selected.get_untracked() {
            selected.set(None);
            crate::browser::focus::focus_after_render(&format!(".fb-hit:nth-child({})", i + 1));
        }
    };
    let detail_set = set.clone();
    let detail = move || {
        let i = selected.get()?;
        let l = laid_out.get();
        let target: HitTarget = l.targets.get(i)?.clone();
        let lang_now = lang.get();
        let set = detail_set.clone();
        let indicators: Vec<(String, String)> = picture.with(|p| {
            let values = p.values();
            let ids: Vec<String> = match &target.indicator_id {
                Some(id) => vec![id.clone()],
                None => set
                    .group(&target.area_id, &target.group_id)
                    .map(|g| g.indicators.iter().map(|i| i.id.clone()).collect())
                    .unwrap_or_default(),
            };
            ids.iter()
                .filter_map(|id| {
                    let placed = set.find(id)?;
                    Some((placed.indicator.text.get(lang_now).to_string(), describe_indicator(&set, values, id, lang_now)))
                })
                .collect()
        });
        let link = answer_link.map(|cb| cb.run((target.area_id.clone(), target.group_id.clone())));
        let heading = if target.kind == TargetKind::Tile { target.group_name.clone() } else { target.name.clone() };
        let summary = if target.kind == TargetKind::Tile { None } else { Some(target.summary.clone()) };
        let items = indicators
            .into_iter()
            .map(|(text, answer)| view! { <li><span class="fb-ind-text">{text}</span>" "<span class="fb-ind-answer">{answer}</span></li> })
            .collect_view();
        Some(view! {
            <h2 id="fb-detail-rubrik" tabindex="-1">{kind_word(target.kind)}": "{heading}</h2>
            {summary.map(|s| view! { <p class="fb-detail-summary">{s}</p> })}
            <ul class="fb-indicators">{items}</ul>
            <p class="fb-detail-actions">
                {link.map(|href| view! { <a href=href>{t().to_answers}</a> })}
                <button type="button" on:click=move |_| close_detail()>{t().fb_close}</button>
            </p>
        })
    };

    let table = move || {
        let l = laid_out.get();
        let lang_now = lang.get();
        let aggregate = matches!(l.mode, Mode::Aggregate { .. });
        let set = set.clone();
        // The layout's rows (the domain's ShareRow): the numbers of the captions and of the
        // public pages' table of the same picture.
        let cells = move |tally: &blomlada_domain::flowerbox::Tally, row: &ShareRow| {
            let mut cells: Vec<AnyView> =
                (0..tally.options.len()).map(|i| view! { <td>{row.text(i, !aggregate, lang_now)}</td> }.into_any()).collect();
            cells.push(view! { <td>{row.rest_text(lang_now)}</td> }.into_any());
            let count =
                if tally.no_data > 0 { (t().fb_with_data)(tally.with_data(), tally.indicators) } else { tally.indicators.to_string() };
            cells.push(view! { <td>{count}</td> }.into_any());
            if aggregate {
                cells.push(view! { <td>{tally.n.map(|n| number_format::integer(n.into(), lang_now)).unwrap_or_default()}</td> }.into_any());
            }
            cells
        };
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
        let unanswered = l.unanswered_label.clone();
        view! {
            <table class="summary fb-table" id="fb-tabell">
                <caption>{t().fb_table_caption}</caption>
                <thead><tr>
                    <th scope="col">{t().fb_col_group}</th>{headers}<th scope="col">{unanswered}</th>
                    <th scope="col">{t().fb_col_indicators}</th>
                    {aggregate.then(|| view! { <th scope="col">"n"</th> })}
                </tr></thead>
                {sections}
                <tfoot><tr><th scope="row">{t().total_row}</th>{cells(&l.total, &l.total_shares)}</tr></tfoot>
            </table>
            <p class="basis">{basis_sentence(l.total_shares.basis, aggregate, lang_now)}</p>
        }
    };

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
        <style>{FLOWER_BOX_CSS}</style>
        <figure class="fb">
            <div class="fb-stage" style:aspect-ratio=aspect>
                <canvas node_ref=canvas_ref class="fb-canvas" role="img"
                    aria-label=move || laid_out.with(|l| l.alt_text.clone())
                    aria-describedby="fb-tabell"
                    data-drawn=move || drawn.get()></canvas>
                <div class="fb-hits" role="group" aria-label=move || t().fb_targets>{hit_buttons}</div>
                {tooltip}
            </div>
            <figcaption class="fb-hint">{move || t().fb_choose_hint}</figcaption>
        </figure>
        <div class="fb-actions">
            <button type="button" on:click=download_png>{move || t().fb_download_png}</button>
            <button type="button" on:click=download_svg>{move || t().fb_download_svg}</button>
            <button type="button" on:click=print>{move || t().fb_print}</button>
        </div>
        <section id="fb-detail" class="fb-detail" aria-live="polite" aria-labelledby="fb-detail-rubrik"
            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { close_detail() }>{detail}</section>
        <div class="table-wrap fb-table-wrap">{table}</div>
    }
}

fn focus_detail() {
    crate::browser::focus::focus_after_render("#fb-detail-rubrik");
}

const FLOWER_BOX_CSS: &str = r#"
.fb { margin: 1rem 0; }
.fb-stage { position: relative; width: 100%; max-width: 1200px; }
.fb-canvas { display: block; width: 100%; height: 100%; }
.fb-hits { position: absolute; inset: 0; }
.fb-stage .fb-hit { position: absolute; margin: 0; padding: 0; min-height: 0; min-width: 0; background: transparent;
  border: 2px solid transparent; border-radius: 10px; cursor: pointer; }
.fb-stage .fb-hit-tile { border-radius: 4px; }
.fb-stage .fb-hit:hover { border-color: rgba(26, 79, 160, 0.55); background: rgba(26, 79, 160, 0.06); }
.fb-stage .fb-hit:focus-visible { border-color: #1a4fa0; outline: 3px solid #fff; outline-offset: 0; box-shadow: 0 0 0 5px #1a4fa0; }
.fb-stage .fb-hit[aria-expanded="true"] { border-color: #1a4fa0; border-style: dashed; }
.fb-tip { position: absolute; transform: translate(-50%, calc(-100% - 6px)); z-index: 2; pointer-events: none;
  background: #1f1f1f; color: #fff; padding: 0.4rem 0.6rem; border-radius: 6px; font-size: 0.9rem; line-height: 1.35;
  max-width: 22rem; width: max-content; display: flex; flex-direction: column; }
.fb-tip-below { transform: translate(-50%, 6px); }
.fb-tip-group { opacity: 0.85; }
.fb-hint { color: var(--muted, #555); font-size: 0.9rem; margin-top: 0.35rem; }
.fb-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0 1rem; }
.fb-detail:empty { display: none; }
.fb-detail { border: 1px solid var(--line, #ccc); border-radius: 8px; padding: 0.75rem 1rem; margin: 1rem 0; }
.fb-detail h2 { margin-top: 0; font-size: 1.2rem; }
.fb-indicators { padding-left: 1.2rem; }
.fb-indicators li { margin: 0.3rem 0; }
.fb-ind-answer { color: var(--muted, #555); white-space: nowrap; }
.fb-ind-answer::before { content: "– "; }
.fb-detail-actions { display: flex; gap: 1rem; align-items: center; }
@media print {
  .site-header, .skip-link, .fb-actions, .fb-hits, .fb-hint, .fb-detail, .fb-noprint { display: none !important; }
  main { max-width: none; padding: 0; }
  .fb-stage { max-width: 100%; break-inside: avoid; }
  .fb-table-wrap { break-before: page; }
}
"#;
