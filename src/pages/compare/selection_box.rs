//! The aggregate flower box of the selection, with its table of the same numbers.

use std::sync::Arc;

use blomlada_domain::catalog::SetRef;
use blomlada_domain::comparison::Comparison;
use blomlada_domain::download_name::PictureName;
use blomlada_domain::flowerbox::{Aggregate, Heading};
use blomlada_domain::{IndicatorSet, Lang, Localized};
use leptos::prelude::*;

use super::selection::selection_label;
use crate::app_state::use_app_state;
use crate::components::flower_box::{FlowerBox, Picture};
use crate::i18n::texts;

#[component]
pub(super) fn SelectionBox(set: Arc<IndicatorSet>, comparison: Memo<Option<Comparison>>) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang;
    let t = move || texts(lang.get());
    let picture = Signal::derive(move || {
        comparison.with(|c| match c {
            Some(c) => Picture::Aggregate(c.aggregate(Some(Localized {
                sv: selection_label(&c.selection, Lang::Sv),
                en: Some(selection_label(&c.selection, Lang::En)),
            }))),
            None => Picture::Aggregate(Aggregate::default()),
        })
    });
    let box_label = move || {
        comparison
            .with(|c| c.as_ref().map(|c| (t().compare_box_label)(&selection_label(&c.selection, lang.get()), c.n())).unwrap_or_default())
    };
    let heading = {
        let set = set.clone();
        Signal::derive(move || Heading { title: box_label(), subtitle: Some(set.name(lang.get())) })
    };
    let file_name = {
        let set_ref = SetRef { set: set.id.clone(), version: set.version.clone() };
        Signal::derive(move || {
            let who = comparison.with(|c| c.as_ref().map(|c| selection_label(&c.selection, Lang::Sv)).unwrap_or_default());
            PictureName::of_selection(&who, &set_ref)
        })
    };
    view! {
        <section class="selection-box" aria-labelledby="urval-blomlada">
            <h2 id="urval-blomlada">{move || t().compare_box_title}</h2>
            <p class="selection-box-label">{box_label}</p>
            <p>{move || t().compare_box_intro}</p>
            <FlowerBox set=set picture=picture lang=lang heading=heading file_name=file_name/>
        </section>
    }
}
