//! `/api/v1/published/{kommunkod}/…`: the kommun's current picture to embed on its own web
//! site (SVG, PNG) and its result as downloads (the result file, CSV for Excel). Each carries
//! an `ETag` and may be cached for a few minutes; it changes only with a publish.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use blomlada_domain::catalog::SetRef;
use blomlada_domain::flowerbox::{layout, layout_portrait, Aggregate, Heading, Options, Values};
use blomlada_domain::kommun;
use blomlada_domain::public_results::ListingQuery;
use blomlada_domain::Lang;

use super::kommun::{picture_of, picture_of_narrow, shown_set};
use super::{parse_rows, send, PageQuery, Published};
use crate::api_error::ApiError;
use crate::db::{self, DbError};
use crate::page_cache::Rendered;
use crate::sets::Sets;
use crate::state::AppState;

/// Short enough that a new publish shows within minutes on a kommun's site, long enough that
/// a busy page does not ask every time (and revalidates with the ETag when it does).
const EMBED_CACHE: &str = "public, max-age=300";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Download {
    Svg,
    SvgPortrait,
    Png,
    Csv,
    ResultFile,
}

impl Download {
    pub const ALL: [Download; 5] = [Download::Svg, Download::SvgPortrait, Download::Png, Download::Csv, Download::ResultFile];

    pub fn file_name(self) -> &'static str {
        match self {
            Download::Svg => "blomlada.svg",
            Download::SvgPortrait => "blomlada-portrait.svg",
            Download::Png => "blomlada.png",
            Download::Csv => "blomlada.csv",
            Download::ResultFile => "resultat.json",
        }
    }
}

/// The download for a kommun's publications (`mine`, newest first), or None when nothing is
/// current.
pub fn render(sets: &Sets, code: &str, mine: &[Published], what: Download, lang: Lang) -> Result<Option<Rendered>, String> {
    let Some(shown) = shown_set(mine, sets.default_ref()) else { return Ok(None) };
    let Some(current) = mine.iter().find(|p| p.row.status == "current" && p.row.set == shown) else { return Ok(None) };
    let rendered = match what {
        Download::Svg | Download::SvgPortrait | Download::Png => {
            let Some(set) = sets.get(&shown) else { return Ok(None) };
            match what {
                Download::SvgPortrait => {
                    Rendered::new(StatusCode::OK, "image/svg+xml", super::picture::svg_file(&picture_of_narrow(set, current, lang)))
                }
                Download::Svg => Rendered::new(StatusCode::OK, "image/svg+xml", super::picture::svg_file(&picture_of(set, current, lang))),
                _ => Rendered::new(StatusCode::OK, "image/png", super::picture::png(&picture_of(set, current, lang), 1.0)?),
            }
        }
        Download::Csv => {
            Rendered::new(StatusCode::OK, "text/csv; charset=utf-8", crate::open_data::csv(std::slice::from_ref(&current.row), sets))
        }
        Download::ResultFile => Rendered::new(StatusCode::OK, "application/json", current.file.to_json()),
    };
    let _ = code;
    Ok(Some(rendered))
}

/// The picture of one publication (current or earlier) of the kommun, by its id.
pub fn history_picture(sets: &Sets, mine: &[Published], id: i64, lang: Lang) -> Option<Rendered> {
    let p = mine.iter().find(|p| p.row.id == id)?;
    let set = sets.get(&p.row.set)?;
    Some(Rendered::new(StatusCode::OK, "image/svg+xml", super::picture::svg_file(&picture_of(set, p, lang))))
}

pub async fn history_svg(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, i64)>,
    q: Result<Query<PageQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(q);
    if kommun::by_code(&code).is_none() {
        return ApiError::new(StatusCode::NOT_FOUND, "unknown_kommun", format!("unknown kommun code {code:?}")).into_response();
    }
    let key = format!("embed {} {code} history {id}", lang.code());
    let sets = state.sets.clone();
    let db = state.db.clone();
    let generation = || state.cache.generation();
    let result = state
        .pages
        .get_or_render(key, generation, || async move {
            let mine = db.call(move |conn| Ok(parse_rows(db::kommun_results(conn, &code)?))).await?;
            Ok::<_, DbError>(history_picture(&sets, &mine, id, lang).unwrap_or_else(not_published))
        })
        .await;
    match result {
        Ok(r) => send(&r, &headers, EMBED_CACHE),
        Err(e) => ApiError::from(e).into_response(),
    }
}

fn not_published() -> Rendered {
    Rendered::new(
        StatusCode::NOT_FOUND,
        "application/json",
        serde_json::json!({"error": "not_published", "message": "this kommun has no such published result"}).to_string(),
    )
}

async fn respond(state: AppState, code: String, lang: Lang, what: Download, headers: HeaderMap) -> Response {
    if kommun::by_code(&code).is_none() {
        return ApiError::new(StatusCode::NOT_FOUND, "unknown_kommun", format!("unknown kommun code {code:?}")).into_response();
    }
    let key = format!("embed {} {code} {:?}", lang.code(), what);
    let sets = state.sets.clone();
    let db = state.db.clone();
    let generation = || state.cache.generation();
    let lookup = code.clone();
    let result = state
        .pages
        .get_or_render(key, generation, || async move {
            let mine = db.call(move |conn| Ok(parse_rows(db::kommun_results(conn, &lookup)?))).await?;
            let rendered = tokio::task::spawn_blocking(move || render(&sets, &code, &mine, what, lang))
                .await
                .map_err(|e| DbError::Task(e.to_string()))?
                .map_err(DbError::Task)?;
            Ok::<_, DbError>(rendered.unwrap_or_else(not_published))
        })
        .await;
    match result {
        Ok(r) => {
            let mut response = send(&r, &headers, EMBED_CACHE);
            if r.status.is_success() && matches!(what, Download::Csv | Download::ResultFile) {
                let disposition = format!("attachment; filename=\"blomlada-{}\"", what.file_name());
                if let Ok(v) = axum::http::HeaderValue::from_str(&disposition) {
                    response.headers_mut().insert(axum::http::header::CONTENT_DISPOSITION, v);
                }
            }
            response
        }
        Err(e) => ApiError::from(e).into_response(),
    }
}

/// The aggregate picture of the current results of `set_ref` that `query` takes; with nothing
/// published at all, the set's reference shares where it has them (the app's start page shows
/// the default set's).
pub fn aggregate_picture(
    sets: &Sets,
    set_ref: &SetRef,
    current: &[Published],
    query: &ListingQuery,
    lang: Lang,
    portrait: bool,
) -> Rendered {
    let set = sets.get(set_ref).expect("a loaded set version");
    let chosen = super::listing::chosen(set, current, query);
    let layout = if current.is_empty() {
        let t = blomlada_domain::public_texts::public_texts(lang);
        let heading = Heading { title: t.public_results.to_string(), subtitle: Some(set.name(lang)) };
        let agg = Aggregate::from_reference(set).unwrap_or_default();
        let options = Options { lang, heading: Some(heading) };
        if portrait {
            layout_portrait(set, Values::Aggregate(&agg), &options)
        } else {
            layout(set, Values::Aggregate(&agg), &options)
        }
    } else {
        let (wide, narrow) = super::listing::selection_pictures(set, &chosen, lang);
        if portrait {
            narrow
        } else {
            wide
        }
    };
    Rendered::new(StatusCode::OK, "image/svg+xml", super::picture::svg_file(&layout))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct AggregateQuery {
    set: Option<String>,
    version: Option<String>,
    #[serde(flatten)]
    page: PageQuery,
}

async fn aggregate(state: AppState, q: Result<Query<AggregateQuery>, QueryRejection>, headers: HeaderMap, portrait: bool) -> Response {
    let q = q.map(|q| q.0).unwrap_or_default();
    let lang = q.page.lang();
    let set_ref = match (q.set, q.version) {
        (Some(set), Some(version)) => SetRef { set, version },
        _ => state.sets.default_ref().clone(),
    };
    let Some(set) = state.sets.get(&set_ref) else {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_set",
            format!("unknown indicator set {} version {}", set_ref.set, set_ref.version),
        )
        .into_response();
    };
    let query = match super::listing::parse_query(&q.page, set) {
        Ok(query) => query,
        Err(message) => return ApiError::new(StatusCode::BAD_REQUEST, "bad_query", message).into_response(),
    };
    let key = format!("embed {} aggregate {}/{} {query:?} {portrait}", lang.code(), set_ref.set, set_ref.version);
    let sets = state.sets.clone();
    let db = state.db.clone();
    let generation = || state.cache.generation();
    let result = state
        .pages
        .get_or_render(key, generation, || async move {
            let lookup = set_ref.clone();
            let current = db.call(move |conn| super::current_of(conn, &lookup)).await?;
            Ok::<_, DbError>(aggregate_picture(&sets, &set_ref, &current, &query, lang, portrait))
        })
        .await;
    match result {
        Ok(r) => send(&r, &headers, EMBED_CACHE),
        Err(e) => ApiError::from(e).into_response(),
    }
}

/// `GET /published/blomlada.svg`: the aggregate picture of a selection (default: every current
/// result of the catalog's default set version).
pub async fn aggregate_svg(
    State(state): State<AppState>,
    q: Result<Query<AggregateQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    aggregate(state, q, headers, false).await
}

/// `GET /published/blomlada-portrait.svg`: the same for narrow screens.
pub async fn aggregate_portrait_svg(
    State(state): State<AppState>,
    q: Result<Query<AggregateQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    aggregate(state, q, headers, true).await
}

fn lang_of(q: Result<Query<PageQuery>, QueryRejection>) -> Lang {
    q.map(|q| q.0.lang()).unwrap_or_default()
}

/// `GET /published/{kommunkod}/{file}`: one of a kommun's downloads ([`Download::file_name`]).
/// The CSV and the result file have one language (their columns and keys are fixed).
pub async fn download(
    State(state): State<AppState>,
    Path((code, file)): Path<(String, String)>,
    q: Result<Query<PageQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let Some(what) = Download::ALL.into_iter().find(|d| d.file_name() == file) else {
        return ApiError::new(StatusCode::NOT_FOUND, "unknown_download", "no such download; see the API description").into_response();
    };
    let lang = match what {
        Download::Csv | Download::ResultFile => Lang::Sv,
        Download::Svg | Download::SvgPortrait | Download::Png => lang_of(q),
    };
    respond(state, code, lang, what, headers).await
}
