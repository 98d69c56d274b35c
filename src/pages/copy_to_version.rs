//! Copying an assessment to another version of its set (`/vardering/:id/kopiera/:version`):
//! last year's answers as the start of this year's, carried through the concordance. The user
//! sees what carries over before the copy is made; the original is never changed.

use blomlada_domain::catalog::SetRef;
use blomlada_domain::exchange::{carried_assessment, carried_title};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::app_state::{use_app_state, Load};
use crate::browser::{clock, ids};
use crate::components::assessment_frame::use_current_assessment;
use crate::components::carry_over::{use_carry, CarryOverReport};
use crate::i18n::texts;

#[component]
pub fn CopyToVersion() -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let params = use_params_map();
    let navigate = use_navigate();
    let source = use_current_assessment();
    let target = Memo::new(move |_| {
        let version = params.read().get("version")?;
        source.with(|a| a.as_ref().map(|a| SetRef { set: a.set.set.clone(), version }))
    });
    let carried = use_carry(source.into(), target.into());
    let new_title = Memo::new(move |_| {
        source.with(|a| a.as_ref().zip(target.get()).map(|(a, to)| carried_title(&a.title, &a.set.version, &to.version)))
    });
    let create = move |_| {
        let (Some(a), Some(to), Some(Load::Ready(c))) = (source.get_untracked(), target.get_untracked(), carried.get_untracked()) else {
            return;
        };
        let id = ids::new_id();
        state.create(carried_assessment(&a, &to, &c.carry, id.clone(), clock::now()));
        navigate(&format!("/vardering/{id}"), Default::default());
    };
    let back = move || source.with(|a| a.as_ref().map(|a| format!("/vardering/{}", a.id)).unwrap_or_else(|| "/".into()));

    move || match source.get() {
        None => view! {
            <h1>{move || t().not_found_title}</h1>
            <p>{move || t().assessment_missing}</p>
            <p><A href="/">{move || t().back_to_start}</A></p>
        }
        .into_any(),
        Some(a) => view! {
            <h1>{move || (t().duplicate_to_version)(&target.get().map(|r| r.version).unwrap_or_default())}</h1>
            <p class="lead">{format!("{} · {}", a.kommun.name, state.set_label(&a.set))}</p>
            <p>{move || (t().copy_intro)(&a.title)}</p>
            <dl class="facts">
                <dt>{move || t().copy_new_title}</dt><dd>{move || new_title.get().unwrap_or_default()}</dd>
            </dl>
            {move || match carried.get() {
                Some(Load::Ready(c)) => view! { <CarryOverReport carried=c/> }.into_any(),
                Some(Load::Failed(e)) => view! { <p class="notice notice-error" role="alert">{t().carry_failed}": "{e}</p> }.into_any(),
                Some(Load::Pending) => view! { <p>{t().loading}</p> }.into_any(),
                None => view! { <p class="notice notice-error" role="alert">{t().carry_failed}</p> }.into_any(),
            }}
            <p>
                <button type="button" class="button-primary" disabled=move || !matches!(carried.get(), Some(Load::Ready(_)))
                    on:click=create.clone()>{move || t().copy_create}</button>" "
                <A href=back>{move || t().cancel}</A>
            </p>
        }
        .into_any(),
    }
}
