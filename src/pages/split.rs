//! The pages whose code loads when they are first opened (issue 11). Each function is a split
//! point: the build (`xtask`, with `wasm_split_cli_support`) moves it, and whatever only it
//! reaches — plotters and the flower box, comparison, import and concordance, the report,
//! publishing, the plan — into a WASM chunk of its own beside the first module. The first module
//! keeps the start page, the new-assessment page and the answering page.
//!
//! A split function hands back a constructor rather than a view, so the page is built where
//! [`LazyPage`](crate::components::lazy_page::LazyPage) renders it, under the router's owner and
//! contexts, not inside the future that loaded the chunk. `fallible`: a chunk that cannot be
//! fetched is an `Err` the page shows with a retry, never a panic (which would abort the app).
// The macro declares the chunk's import in an `extern` block and exports with `#[no_mangle]`.
#![allow(unsafe_code)]

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

/// Builds a page once its chunk is there.
pub type PageView = fn() -> AnyView;

/// What a split point's wrapper returns: the page, or why its chunk could not be loaded.
pub type Loaded = Result<PageView, SplitLoaderError>;

#[wasm_split(summary, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn summary() -> Loaded {
    Ok(|| view! { <super::summary::Summary/> }.into_any())
}

#[wasm_split(report, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn report() -> Loaded {
    Ok(|| view! { <super::report::Report/> }.into_any())
}

#[wasm_split(import, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn import() -> Loaded {
    Ok(|| view! { <super::import::Import/> }.into_any())
}

#[wasm_split(copy_to_version, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn copy_to_version() -> Loaded {
    Ok(|| view! { <super::copy_to_version::CopyToVersion/> }.into_any())
}

#[wasm_split(overview, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn overview() -> Loaded {
    Ok(|| view! { <super::overview::Overview/> }.into_any())
}

#[wasm_split(publish, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn publish() -> Loaded {
    Ok(|| view! { <super::publish::Publish/> }.into_any())
}

#[wasm_split(compare, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn compare() -> Loaded {
    Ok(|| view! { <super::compare::Compare/> }.into_any())
}

#[wasm_split(plan, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn plan() -> Loaded {
    Ok(|| view! { <super::plan::PlanPage/> }.into_any())
}
