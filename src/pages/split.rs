//! The pages whose code loads when they are first opened (issue 11). Each function is a split
//! point: the build (`xtask`, with `wasm_split_cli_support`) moves it, and whatever only it
//! reaches — plotters and the flower box, comparison, import and concordance, the report,
//! publishing, the plan — into a WASM chunk of its own beside the first module. The first module
//! keeps the start page, the new-assessment page and the answering page.
//!
//! Only with the `split` feature, which `make build` (xtask) turns on: a module with split points
//! imports the chunk loader that only the split writes, so an unsplit build (the browser tests,
//! `cargo build`) gets plain async functions instead, and one module.
//!
//! A split function hands back a constructor rather than a view, so the page is built where
//! [`LazyPage`](crate::components::lazy_page::LazyPage) renders it, under the router's owner and
//! contexts, not inside the future that loaded the chunk. `fallible`: a chunk that cannot be
//! fetched is an `Err` the page shows with a retry, never a panic (which would abort the app).
// The macro declares the chunk's import in an `extern` block and exports with `#[no_mangle]`.
#![allow(unsafe_code)]

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
#[cfg(feature = "split")]
use leptos::wasm_split::wasm_split;
use leptos::wasm_split::SplitLoaderError;

/// Builds a page once its chunk is there.
pub type PageView = fn() -> AnyView;

/// What a split point's wrapper returns: the page, or why its chunk could not be loaded.
pub type Loaded = Result<PageView, SplitLoaderError>;

/// A split-off page as its route names it: a name (what the tab remembers a loaded page by) and
/// how to start loading it.
#[derive(Clone, Copy)]
pub struct SplitPage {
    pub name: &'static str,
    pub load: fn() -> Pin<Box<dyn Future<Output = Loaded>>>,
}

/// A page whose code is split off: with the `split` feature a `wasm_split` point, else an async
/// function that has the page at once; and the [`SplitPage`] a route hands to `LazyPage`.
macro_rules! split_page {
    ($route:ident, $name:ident, $page:expr) => {
        pub const $route: SplitPage = SplitPage { name: stringify!($name), load: || Box::pin($name()) };

        #[cfg(feature = "split")]
        #[wasm_split($name, fallible, wasm_split_path = ::leptos::wasm_split)]
        pub fn $name() -> Loaded {
            Ok($page)
        }

        #[cfg(not(feature = "split"))]
        pub async fn $name() -> Loaded {
            Ok($page)
        }
    };
}

split_page!(SUMMARY, summary, || view! { <super::summary::Summary/> }.into_any());
split_page!(REPORT, report, || view! { <super::report::Report/> }.into_any());
split_page!(IMPORT, import, || view! { <super::import::Import/> }.into_any());
split_page!(COPY_TO_VERSION, copy_to_version, || view! { <super::copy_to_version::CopyToVersion/> }.into_any());
split_page!(OVERVIEW, overview, || view! { <super::overview::Overview/> }.into_any());
split_page!(PUBLISH, publish, || view! { <super::publish::Publish/> }.into_any());
split_page!(COMPARE, compare, || view! { <super::compare::Compare/> }.into_any());
split_page!(PLAN, plan, || view! { <super::plan::PlanPage/> }.into_any());
split_page!(HANDOUT, handout, || view! { <super::handout::Handout/> }.into_any());
split_page!(HANDOUT_REVIEW, handout_review, || view! { <super::handout_review::HandoutReview/> }.into_any());
split_page!(SHARE, share, || view! { <super::share::SharePage/> }.into_any());
split_page!(JOIN, join, || view! { <super::join::JoinPage/> }.into_any());

/// What the `sharing` split point hands back: starts the sessions of the shared assessments.
pub type SharingStart = fn(crate::app_state::AppState);

/// The sync of shared assessments, in a chunk of its own: loaded at start only when this browser
/// holds a shared assessment (or when a sharing page is opened).
#[cfg(feature = "split")]
#[wasm_split(sharing, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn sharing() -> Result<SharingStart, SplitLoaderError> {
    Ok(crate::sharing::session::start_all)
}

#[cfg(not(feature = "split"))]
pub async fn sharing() -> Result<SharingStart, SplitLoaderError> {
    Ok(crate::sharing::session::start_all)
}

/// Starts the sync when this browser holds a shared assessment (`blomlada.share.*` in storage).
pub fn start_sharing_if_shared(state: crate::app_state::AppState) {
    if crate::browser::storage::keys_with_prefix("blomlada.share.").is_empty() {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Ok(start) = sharing().await {
            start(state);
        }
    });
}
