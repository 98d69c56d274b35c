//! The public side of published results, as HTML pages that need no JavaScript:
//!
//! - `/resultat` (and `/resultat/{set}/{version}`): every kommun with a current result, the
//!   selection's aggregate flower box, filter by län and size group, sort by any column;
//! - `/resultat/{kommunkod}`: one kommun's result, history and downloads (404 when nothing is
//!   published);
//! - `/resultat/{set}/{version}/indikator/{id}`: "Vilka uppfyller?" for one indicator;
//! - `/api/v1/published/{kommunkod}/blomlada.svg|png|csv` and `resultat.json`: the picture to
//!   embed and the downloads.
//!
//! Every page is rendered from the domain's rules and texts and kept in [`cache::PageCache`]
//! until the next publish or withdrawal. The snapshot renders the same pages to files.

pub mod embed;
pub mod files;
pub mod indicator;
pub mod kommun;
pub mod links;
pub mod listing;
pub mod page;
pub mod picture;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use blomlada_domain::catalog::SetRef;
use blomlada_domain::result_file::ResultFile;
use blomlada_domain::Lang;
use serde::Deserialize;

use crate::db::{self, DbError, ListFilter, PublishedRow};
use crate::page_cache::Rendered;
use crate::state::AppState;
use links::Links;

/// A stored published result with its parsed file.
#[derive(Debug, Clone)]
pub struct Published {
    pub row: PublishedRow,
    pub file: ResultFile,
}

/// Parses the stored bodies; a row whose body no longer parses is left out (it was validated
/// when published, so this only happens after a format change).
pub fn parse_rows(rows: Vec<PublishedRow>) -> Vec<Published> {
    rows.into_iter().filter_map(|row| serde_json::from_str(&row.body).ok().map(|file| Published { row, file })).collect()
}

/// Current results of one set version.
pub fn current_of(conn: &rusqlite::Connection, set: &SetRef) -> Result<Vec<Published>, DbError> {
    let filter = ListFilter { set: Some(set.set.clone()), version: Some(set.version.clone()), ..Default::default() };
    Ok(parse_rows(db::list_current(conn, &filter)?))
}

/// The pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/resultat", get(listing_default))
        .route("/resultat/", get(listing_default))
        .route("/resultat/{kommunkod}", get(kommun_page))
        .route("/resultat/{set}/{version}", get(listing_version))
        .route("/resultat/{set}/{version}/indikator/{id}", get(indicator_page))
        .route_layer(axum::middleware::from_fn(refuse_long_query))
}

/// The embeddable picture and the downloads, nested under `/api/v1`.
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/published/blomlada.svg", get(embed::aggregate_svg))
        .route("/published/blomlada-portrait.svg", get(embed::aggregate_portrait_svg))
        .route("/published/{kommunkod}/{id}/blomlada.svg", get(embed::history_svg))
        .route("/published/{kommunkod}/{file}", get(embed::download))
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    pub lang: Option<String>,
    pub lan: Option<String>,
    pub size: Option<String>,
    pub sort: Option<String>,
    pub order: Option<String>,
}

impl PageQuery {
    pub fn lang(&self) -> Lang {
        self.lang.as_deref().and_then(Lang::from_code).unwrap_or_default()
    }
}

/// The longest query a public page takes: its own parameters need well under 100 bytes.
pub const MAX_QUERY_BYTES: usize = 512;

/// Refuses a query longer than any the pages need (414), before anything reads it.
async fn refuse_long_query(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    if request.uri().query().is_some_and(|q| q.len() > MAX_QUERY_BYTES) {
        return (StatusCode::URI_TOO_LONG, format!("Adressen är för lång: högst {MAX_QUERY_BYTES} byte efter ? (URI too long)"))
            .into_response();
    }
    next.run(request).await
}

pub(crate) fn served_links(state: &AppState, lang: Lang) -> Links {
    Links::Served { lang, default_set: state.sets.default_ref().clone(), public_url: state.ops.public_url.get() }
}

/// Sends a rendered answer: HTML pages revalidate (they change with each publish), answers
/// `304 Not Modified` when the reader has it already.
pub(crate) fn send(rendered: &Rendered, headers: &HeaderMap, cache_control: &'static str) -> Response {
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == rendered.etag || tag.trim() == "*"));
    let mut response = if matches && rendered.status.is_success() {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (rendered.status, [(header::CONTENT_TYPE, rendered.content_type)], rendered.body.clone()).into_response()
    };
    let h = response.headers_mut();
    if let Ok(etag) = HeaderValue::from_str(&rendered.etag) {
        h.insert(header::ETAG, etag);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

pub(crate) const HTML: &str = "text/html; charset=utf-8";
const PAGE_CACHE: &str = "public, no-cache";

pub(crate) fn html_page(status: StatusCode, markup: maud::Markup) -> Rendered {
    Rendered::new(status, HTML, markup.into_string())
}

async fn listing_default(State(state): State<AppState>, q: Result<Query<PageQuery>, QueryRejection>, headers: HeaderMap) -> Response {
    let set = state.sets.default_ref().clone();
    listing_response(state, set, q.map(|q| q.0).unwrap_or_default(), headers, "/resultat".into()).await
}

async fn listing_version(
    State(state): State<AppState>,
    Path((set, version)): Path<(String, String)>,
    q: Result<Query<PageQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let path = format!("/resultat/{set}/{version}");
    listing_response(state, SetRef { set, version }, q.map(|q| q.0).unwrap_or_default(), headers, path).await
}

async fn listing_response(state: AppState, set: SetRef, q: PageQuery, headers: HeaderMap, path: String) -> Response {
    let lang = q.lang();
    let links = served_links(&state, lang);
    if state.sets.get(&set).is_none() {
        let page = listing::unknown_version(&links, &path);
        return send(&html_page(StatusCode::NOT_FOUND, page), &headers, PAGE_CACHE);
    }
    let query = match listing::parse_query(&q, state.sets.get(&set).expect("checked")) {
        Ok(query) => query,
        Err(message) => {
            let page = listing::bad_query(&links, &path, &message);
            return send(&html_page(StatusCode::BAD_REQUEST, page), &headers, PAGE_CACHE);
        }
    };
    let sets = state.sets.clone();
    let db = state.db.clone();
    let generation = || state.cache.generation();
    let result = state
        .pages
        .get_or_render(format!("page listing {} {path} {}/{} {query:?}", lang.code(), set.set, set.version), generation, || async move {
            let current = db.call(move |conn| current_of(conn, &set).map(|c| (c, set))).await?;
            let (current, set) = current;
            Ok::<_, DbError>(html_page(StatusCode::OK, listing::render(&links, &sets, &set, &current, &query, &path)))
        })
        .await;
    match result {
        Ok(r) => send(&r, &headers, PAGE_CACHE),
        Err(e) => crate::api_error::ApiError::from(e).into_response(),
    }
}

async fn kommun_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    q: Result<Query<PageQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let lang = q.map(|q| q.0.lang()).unwrap_or_default();
    let links = served_links(&state, lang);
    if blomlada_domain::kommun::by_code(&code).is_none() {
        return send(&html_page(StatusCode::NOT_FOUND, kommun::unknown(&links, &code)), &headers, PAGE_CACHE);
    }
    let sets = state.sets.clone();
    let db = state.db.clone();
    let generation = || state.cache.generation();
    let key = format!("page kommun {} {code}", lang.code());
    let result = state
        .pages
        .get_or_render(key, generation, || async move {
            let lookup = code.clone();
            let default = sets.default_ref().clone();
            let (mine, peers) = db
                .call(move |conn| {
                    let mine = parse_rows(db::kommun_results(conn, &lookup)?);
                    let shown = kommun::shown_set(&mine, &default);
                    let peers = match &shown {
                        Some(set) => current_of(conn, set)?,
                        None => Vec::new(),
                    };
                    Ok((mine, peers))
                })
                .await?;
            let (status, markup) = kommun::render(&links, &sets, &code, &mine, &peers);
            Ok::<_, DbError>(html_page(status, markup))
        })
        .await;
    match result {
        Ok(r) => send(&r, &headers, PAGE_CACHE),
        Err(e) => crate::api_error::ApiError::from(e).into_response(),
    }
}

async fn indicator_page(
    State(state): State<AppState>,
    Path((set, version, id)): Path<(String, String, String)>,
    q: Result<Query<PageQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let lang = q.map(|q| q.0.lang()).unwrap_or_default();
    let links = served_links(&state, lang);
    let set_ref = SetRef { set, version };
    let known = state.sets.get(&set_ref).is_some_and(|s| s.placed().any(|p| p.indicator.id == id));
    if !known {
        return send(&html_page(StatusCode::NOT_FOUND, indicator::unknown(&links, &set_ref)), &headers, PAGE_CACHE);
    }
    let sets = state.sets.clone();
    let db = state.db.clone();
    let generation = || state.cache.generation();
    let key = format!("page indicator {} {}/{} {id}", lang.code(), set_ref.set, set_ref.version);
    let result = state
        .pages
        .get_or_render(key, generation, || async move {
            let lookup = set_ref.clone();
            let current = db.call(move |conn| current_of(conn, &lookup)).await?;
            let set = sets.get(&set_ref).expect("checked");
            Ok::<_, DbError>(html_page(StatusCode::OK, indicator::render(&links, set, &id, &current)))
        })
        .await;
    match result {
        Ok(r) => send(&r, &headers, PAGE_CACHE),
        Err(e) => crate::api_error::ApiError::from(e).into_response(),
    }
}
