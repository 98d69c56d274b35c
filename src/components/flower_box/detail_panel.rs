//! The panel a flower, bar or tile opens: its indicators, each with its answer or shares in
//! the domain's words, a link to answer them, and a close button that returns focus.

use std::sync::Arc;

use blomlada_domain::flowerbox::{describe_indicator, HitTarget, Layout, TargetKind};
use blomlada_domain::{IndicatorSet, Lang};
use leptos::prelude::*;

use super::{kind_word, Picture};
use crate::i18n::texts;

#[component]
pub(super) fn DetailPanel(
    set: Arc<IndicatorSet>,
    picture: Signal<Picture>,
    laid_out: Memo<Arc<Layout>>,
    lang: Signal<Lang>,
    selected: RwSignal<Option<usize>>,
    answer_link: Option<Callback<(String, String), String>>,
) -> impl IntoView {
    // Closing the panel returns focus to the button that opened it.
    let close = move || {
        if let Some(i) = selected.get_untracked() {
            selected.set(None);
            crate::browser::focus::focus_after_render(&format!(".fb-hit:nth-child({})", i + 1));
        }
    };
    let detail = move || {
        let i = selected.get()?;
        let target: HitTarget = laid_out.with(|l| l.targets.get(i).cloned())?;
        let lang_now = lang.get();
        let t = texts(lang_now);
        let items = indicators(&set, picture, &target, lang_now)
            .into_iter()
            .map(|(text, answer)| view! { <li><span class="fb-ind-text">{text}</span>" "<span class="fb-ind-answer">{answer}</span></li> })
            .collect_view();
        let link = answer_link.map(|cb| cb.run((target.area_id.clone(), target.group_id.clone())));
        let (heading, summary) = if target.kind == TargetKind::Tile {
            (target.group_name.clone(), None)
        } else {
            (target.name.clone(), Some(target.summary.clone()))
        };
        Some(view! {
            <h2 id="fb-detail-rubrik" tabindex="-1">{kind_word(t, target.kind)}": "{heading}</h2>
            {summary.map(|s| view! { <p class="fb-detail-summary">{s}</p> })}
            <ul class="fb-indicators">{items}</ul>
            <p class="fb-detail-actions">
                {link.map(|href| view! { <a href=href>{t.to_answers}</a> })}
                <button type="button" on:click=move |_| close()>{t.fb_close}</button>
            </p>
        })
    };
    view! {
        <section id="fb-detail" class="fb-detail" aria-live="polite" aria-labelledby="fb-detail-rubrik"
            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { close() }>{detail}</section>
    }
}

/// The target's indicators (a tile's own, a flower's or bar's group's), each with its text and
/// its answer or shares in words.
fn indicators(set: &IndicatorSet, picture: Signal<Picture>, target: &HitTarget, lang: Lang) -> Vec<(String, String)> {
    let ids: Vec<String> = match &target.indicator_id {
        Some(id) => vec![id.clone()],
        None => {
            set.group(&target.area_id, &target.group_id).map(|g| g.indicators.iter().map(|i| i.id.clone()).collect()).unwrap_or_default()
        }
    };
    picture.with(|p| {
        ids.iter()
            .filter_map(|id| Some((set.find(id)?.indicator.text.get(lang).to_string(), describe_indicator(set, p.values(), id, lang))))
            .collect()
    })
}
