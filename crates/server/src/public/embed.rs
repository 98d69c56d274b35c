//! `/api/v1/published/{kommunkod}/…`: the kommun's current picture to embed on its own web
//! site (SVG, PNG) and its result as downloads (the result file, CSV for Excel). Each carries
//! an `ETag` and may be cached for a few minutes; it changes only with a publish.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use blomlada_domain::comparison::{compare, Selection};
use blomlada_domain::flowerbox::Values;
use blomlada_domain::kommun;
use blomlada_domain::Lang;

use super::cache::Rendered;
use super::kommun::{picture_of, shown_set};
use super::{parse_rows, send, PageQuery, Published};
use crate::api::{ApiError, AppState};
use crate::db::{self, DbError};
use crate::sets::Sets;

/// Short enough that a new publish shows within minutes on a kommun's site, long enough that
/// a busy page does not ask every time (and revalidates with the ETag when it does).
const EMBED_CACHE: &str = "public, max-age=300";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Download {
    Svg,
    Png,
    Csv,
    ResultFile,
}

impl Download {
    pub const ALL: [Download; 4] = [Download::Svg, Download::Png, Download::Csv, Download::ResultFile];

    pub fn file_name(self) -> &'static str {
        match self {
            Download::Svg => "blomlada.svg",
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
        Download::Svg | Download::Png => {
            let Some(set) = sets.get(&shown) else { return Ok(None) };
            let layout = picture_of(set, current, lang);
            if what == Download::Svg {
                Rendered::new(StatusCode::OK, "image/svg+xml", super::picture::svg_file(&layout))
            } else {
                Rendered::new(StatusCode::OK, "image/png", super::picture::png(&layout, 1.0)?)
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
            Ok::<_, DbError>(rendered.unwrap_or_else(|| {
                Rendered::new(
                    StatusCode::NOT_FOUND,
                    "application/json",
                    serde_json::json!({"error": "not_published", "message": "this kommun has no current published result"}).to_string(),
                )
            }))
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

/// `GET /published/blomlada.svg`: the aggregate flower box of every current result of the
/// catalog's default set version (the app's start page shows it); with nothing published yet,
/// the set's reference shares where it has them.
pub async fn aggregate_svg(State(state): State<AppState>, q: Result<Query<PageQuery>, QueryRejection>, headers: HeaderMap) -> Response {
    let lang = lang_of(q);
    let key = format!("embed {} aggregate", lang.code());
    let sets = state.sets.clone();
    let db = state.db.clone();
    let generation = || state.cache.generation();
    let result = state
        .pages
        .get_or_render(key, generation, || async move {
            let set_ref = sets.default_ref().clone();
            let lookup = set_ref.clone();
            let current = db.call(move |conn| super::current_of(conn, &lookup)).await?;
            let set = sets.get(&set_ref).expect("the default set is loaded");
            let files: Vec<&blomlada_domain::result_file::ResultFile> = current.iter().map(|p| &p.file).collect();
            let t = blomlada_domain::public_texts::public_texts(lang);
            let heading = blomlada_domain::flowerbox::Heading { title: t.public_results.to_string(), subtitle: Some(set.name(lang)) };
            let agg = if files.is_empty() {
                blomlada_domain::flowerbox::Aggregate::from_reference(set)
            } else {
                let label = blomlada_domain::Localized { sv: "Alla publicerade".into(), en: Some("All published".into()) };
                Some(compare(set, files.iter().copied(), &Selection::All).aggregate(Some(label)))
            };
            let layout = match &agg {
                Some(agg) => super::picture::flower_layout(set, Values::Aggregate(agg), lang, Some(heading)),
                None => {
                    let empty = blomlada_domain::flowerbox::Aggregate::default();
                    super::picture::flower_layout(set, Values::Aggregate(&empty), lang, Some(heading))
                }
            };
            Ok::<_, DbError>(Rendered::new(StatusCode::OK, "image/svg+xml", super::picture::svg_file(&layout)))
        })
        .await;
    match result {
        Ok(r) => send(&r, &headers, EMBED_CACHE),
        Err(e) => ApiError::from(e).into_response(),
    }
}

fn lang_of(q: Result<Query<PageQuery>, QueryRejection>) -> Lang {
    q.map(|q| q.0.lang()).unwrap_or_default()
}

pub async fn svg(
    State(state): State<AppState>,
    Path(code): Path<String>,
    q: Result<Query<PageQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    respond(state, code, lang_of(q), Download::Svg, headers).await
}

pub async fn png(
    State(state): State<AppState>,
    Path(code): Path<String>,
    q: Result<Query<PageQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    respond(state, code, lang_of(q), Download::Png, headers).await
}

pub async fn csv(State(state): State<AppState>, Path(code): Path<String>, headers: HeaderMap) -> Response {
    respond(state, code, Lang::Sv, Download::Csv, headers).await
}

pub async fn result_file(State(state): State<AppState>, Path(code): Path<String>, headers: HeaderMap) -> Response {
    respond(state, code, Lang::Sv, Download::ResultFile, headers).await
}
