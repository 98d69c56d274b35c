//! Real buttons laid over each flower, bar and tile (named by what they show), and the tooltip
//! a hovered or focused one shows beside it.

use std::sync::Arc;

use blomlada_domain::flowerbox::{Layout, TargetKind};
use blomlada_domain::Lang;
use leptos::prelude::*;

use super::kind_word;
use crate::i18n::texts;

/// A length as a percentage of the picture's, so the buttons scale with the canvas.
fn pct(v: f64, of: f64) -> String {
    format!("{:.3}%", v / of * 100.0)
}

#[component]
pub(super) fn HitButtons(
    laid_out: Memo<Arc<Layout>>,
    lang: Signal<Lang>,
    selected: RwSignal<Option<usize>>,
    hovered: RwSignal<Option<usize>>,
) -> impl IntoView {
    move || {
        let t = texts(lang.get());
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
                    let label = format!("{}: {} – {}", kind_word(t, target.kind), target.name, target.summary);
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
                                crate::browser::focus::focus_after_render("#fb-detail-rubrik");
                            }>
                        </button>
                    }
                })
                .collect_view()
        })
    }
}

/// Hover or focus: the group's name and its counts, beside the target.
#[component]
pub(super) fn Tooltip(laid_out: Memo<Arc<Layout>>, lang: Signal<Lang>, hovered: RwSignal<Option<usize>>) -> impl IntoView {
    move || {
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
                    {group.map(|g| view! { <span class="fb-tip-group">{(texts(lang.get()).fb_in_group)(&g)}</span> })}
                    <span>{target.summary.clone()}</span>
                </div>
            })
        })
    }
}
