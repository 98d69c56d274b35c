//! The frame around every page, and the routes.

use blomlada_domain::Lang;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::app_state::{use_app_state, AppState};
use crate::components::notices::Notices;
use crate::i18n::texts;
use crate::pages;
use crate::pages::lazy_page::LazyPage;
use crate::pages::split;

#[component]
pub fn App(
    /// Started before the page is drawn (`crate::mount`).
    state: AppState,
) -> impl IntoView {
    provide_context(state);
    split::start_sharing_if_shared(state);
    // The document language follows the switch, so screen readers pronounce the text right.
    Effect::new(move |_| {
        crate::browser::document::set_document_lang(state.lang.get().code());
    });

    view! {
        <Router>
            <Header/>
            <main id="innehall" tabindex="-1">
                <Notices/>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::start::Start/>
                    <Route path=path!("/ny") view=pages::new_assessment::NewAssessment/>
                    <Route path=path!("/vardering/:id") view=pages::assessment::AssessmentPage/>
                    <Route path=path!("/vardering/:id/sammanfattning") view=|| view! { <LazyPage page=split::SUMMARY/> }/>
                    <Route path=path!("/vardering/:id/rapport") view=|| view! { <LazyPage page=split::REPORT/> }/>
                    <Route path=path!("/importera") view=|| view! { <LazyPage page=split::IMPORT/> }/>
                    <Route path=path!("/vardering/:id/kopiera/:version") view=|| view! { <LazyPage page=split::COPY_TO_VERSION/> }/>
                    <Route path=path!("/vardering/:id/oversikt") view=|| view! { <LazyPage page=split::OVERVIEW/> }/>
                    <Route path=path!("/vardering/:id/publicera") view=|| view! { <LazyPage page=split::PUBLISH/> }/>
                    <Route path=path!("/vardering/:id/jamfor") view=|| view! { <LazyPage page=split::COMPARE/> }/>
                    <Route path=path!("/vardering/:id/plan") view=|| view! { <LazyPage page=split::PLAN/> }/>
                    <Route path=path!("/vardering/:id/utdelning") view=|| view! { <LazyPage page=split::HANDOUT/> }/>
                    <Route path=path!("/vardering/:id/utdelning/svar") view=|| view! { <LazyPage page=split::HANDOUT_REVIEW/> }/>
                    <Route path=path!("/vardering/:id/dela") view=|| view! { <LazyPage page=split::SHARE/> }/>
                    <Route path=path!("/delad/:share") view=|| view! { <LazyPage page=split::JOIN/> }/>
                </Routes>
            </main>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let other = move || match state.lang.get() {
        Lang::Sv => Lang::En,
        Lang::En => Lang::Sv,
    };
    view! {
        <a class="skip-link" href="#innehall" on:click=|ev| {
            ev.prevent_default();
            crate::browser::focus::move_focus_to("innehall");
        }>{move || t().skip_to_content}</a>
        <header class="site-header">
            <div class="brand">
                <A href="/"><span class="brand-name">{move || t().app_name}</span></A>
                <span class="brand-tagline">{move || t().app_tagline}</span>
            </div>
            <nav aria-label=move || t().nav_label>
                <A href="/">{move || t().nav_start}</A>
            </nav>
            <button
                type="button"
                class="lang-switch"
                lang=move || other().code()
                on:click=move |_| state.set_lang(other())
            >
                {move || t().language_switch}
            </button>
        </header>
    }
}
