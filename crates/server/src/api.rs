//! `/api/v1`: publishing (with a token) and the open reads. Described in `openapi.json`.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use blomlada_domain::catalog::SetRef;
use blomlada_domain::comparison::{compare, Selection};
use blomlada_domain::kommun;
use blomlada_domain::publish_readiness::{publish_problems, PublishProblem};
use blomlada_domain::result_file::{ResultFile, ResultFileError, MAX_RESULT_BYTES};
use blomlada_domain::size_group::SizeGroup;
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::api_error::ApiError;
use crate::auth;
use crate::client_addr::client_ip;
use crate::db::{self, ListFilter, PublishOutcome, PublishedRow};
use crate::open_data;
use crate::state::AppState;

pub const OPENAPI: &str = include_str!("openapi.json");

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/published", get(list).post(publish))
        .route("/published.csv", get(list_csv))
        .route("/published/{kommunkod}", get(kommun_results).delete(unpublish))
        .route("/stats", get(stats))
        .route("/results", get(results_for_comparison))
        .route("/openapi.json", get(openapi))
        .layer(DefaultBodyLimit::max(MAX_RESULT_BYTES))
        .merge(crate::shares::router())
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such API path") })
}

fn file_error_kind(e: &ResultFileError) -> &'static str {
    match e {
        ResultFileError::TooLarge { .. } => "too_large",
        ResultFileError::NotJson(_) => "not_json",
        ResultFileError::NotAResultFile(_) => "not_a_result_file",
        ResultFileError::MissingFormatVersion => "missing_format_version",
        ResultFileError::UnsupportedFormatVersion(_) => "unsupported_format_version",
        ResultFileError::BadShape { .. } => "bad_shape",
        ResultFileError::UnknownSet { .. } => "unknown_set",
        ResultFileError::UnknownKommun(_) => "unknown_kommun",
        ResultFileError::KommunNameMismatch { .. } => "kommun_name_mismatch",
        ResultFileError::BadPopulation => "bad_population",
        ResultFileError::UnknownIndicator(_) => "unknown_indicator",
        ResultFileError::BadAnswer { .. } => "bad_answer",
        ResultFileError::TooLong { .. } => "too_long",
        ResultFileError::BadEvidenceLink { .. } => "bad_evidence_link",
        ResultFileError::BadCharacter { .. } => "bad_character",
        ResultFileError::BadPlan { .. } => "bad_plan",
    }
}

fn problem(kind: &str, message: impl Into<String>) -> Value {
    json!({"kind": kind, "message": message.into()})
}

fn file_errors(status: StatusCode, kind: &'static str, errors: Vec<Value>) -> ApiError {
    let message = errors.iter().map(|e| e["message"].as_str().unwrap_or_default().to_string()).collect::<Vec<_>>().join("; ");
    ApiError::new(status, kind, message).with(json!({"problems": errors}))
}

// ---- authentication ----

/// A request that carried a valid, unrevoked token.
#[derive(Debug, Clone)]
pub struct Publisher {
    pub token_id: i64,
    pub kommun_code: String,
}

impl FromRequestParts<AppState> for Publisher {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Publisher, ApiError> {
        let ip = client_ip(parts);
        if let Err(wait) = state.brake.check(ip, Instant::now()) {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            tracing::warn!(%ip, "authentication refused: too many failures");
            let mut e = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_attempts",
                format!("too many failed authentications from this address; wait {seconds} s"),
            );
            e.retry_after = Some(seconds);
            return Err(e);
        }
        let header = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
        let Some(token) = auth::bearer(header).map(str::to_string) else {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "publishing needs the kommun's token: Authorization: Bearer TOKEN",
            ));
        };
        let active = state.db.call(|conn| db::active_tokens(conn)).await?;
        match auth::find_token(&token, &active) {
            // A success forgives nothing: failures from this address keep counting (and are
            // forgotten only with time), or one valid token would let its holder guess others.
            Some(t) => Ok(Publisher { token_id: t.id, kommun_code: t.kommun_code.clone() }),
            None => {
                state.brake.failed(ip, Instant::now());
                tracing::warn!(%ip, "authentication failed: unknown or revoked token");
                Err(ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", "the token is not valid (unknown or revoked)"))
            }
        }
    }
}

fn wrong_kommun(token_kommun: &str, asked: &str) -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, "wrong_kommun", format!("this token publishes for kommun {token_kommun}, not {asked}"))
}

// ---- publishing ----

/// `POST /published`: validates the result file with the domain's rules and stores it as the
/// kommun's current result for its set version, keeping the earlier one as history.
///
/// The token is checked from the headers first (`Publisher`); only then does the publish wait
/// for a turn and read its body, within a time limit (crate::publish_gate).
async fn publish(State(state): State<AppState>, publisher: Publisher, request: Request) -> Result<Response, ApiError> {
    let _turn = crate::publish_gate::take_turn().await;
    let body = tokio::time::timeout(crate::publish_gate::PUBLISH_BODY_TIMEOUT, Bytes::from_request(request, &state)).await;
    let Ok(body) = body else {
        return Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "body_timeout",
            format!("the result file did not arrive within {} s", crate::publish_gate::PUBLISH_BODY_TIMEOUT.as_secs()),
        ));
    };
    let bytes = body.map_err(|rejection: BytesRejection| {
        let status = rejection.status();
        let kind = if status == StatusCode::PAYLOAD_TOO_LARGE { "too_large" } else { "bad_body" };
        ApiError::new(status, kind, rejection.body_text())
    })?;

    let file = ResultFile::parse_unchecked(&bytes).map_err(|errors| {
        let status =
            if matches!(errors[..], [ResultFileError::TooLarge { .. }]) { StatusCode::PAYLOAD_TOO_LARGE } else { StatusCode::BAD_REQUEST };
        let kind = file_error_kind(&errors[0]);
        file_errors(status, kind, errors.iter().map(|e| problem(file_error_kind(e), e.to_string())).collect())
    })?;
    // The domain's KommunRef takes unknown fields silently; the API refuses them like
    // everywhere else in the file.
    if let Some(extra) = unknown_kommun_field(&bytes) {
        return Err(file_errors(
            StatusCode::BAD_REQUEST,
            "bad_shape",
            vec![problem("bad_shape", format!("the file's structure is wrong at kommun: unknown field `{extra}`"))],
        ));
    }
    if file.kommun.code != publisher.kommun_code {
        return Err(wrong_kommun(&publisher.kommun_code, &file.kommun.code));
    }
    let Some(set) = state.sets.get(&file.set) else {
        let e = ResultFileError::UnknownSet { set: file.set.set.clone(), version: file.set.version.clone() };
        return Err(file_errors(StatusCode::UNPROCESSABLE_ENTITY, "unknown_set", vec![problem("unknown_set", e.to_string())]));
    };

    let problems: Vec<Value> = publish_problems(&file, set)
        .into_iter()
        .map(|p| match p {
            PublishProblem::Invalid(e) => problem(file_error_kind(&e), e.to_string()),
            PublishProblem::MissingPopulation => problem("missing_population", "population (invånarantal) is needed to publish"),
            PublishProblem::Incomplete { unanswered, indicators } => {
                let mut p = problem(
                    "incomplete",
                    format!("{} of {indicators} indicators are not answered; publishing needs all", unanswered.len()),
                );
                p["unanswered"] = json!(unanswered);
                p
            }
        })
        .collect();
    if !problems.is_empty() {
        return Err(file_errors(StatusCode::UNPROCESSABLE_ENTITY, "invalid", problems));
    }

    // Of a plan only the target is public (the app sends it only when the kommun chose so);
    // who is responsible and what is planned stay with the kommun even if a file carries them.
    let mut file = file;
    file.keep_public_plans(true);
    // The request's bytes are not needed past here; the file goes to the database task and
    // comes back, rather than being copied for it.
    drop(bytes);
    let canonical = serde_json::to_string(&file).expect("a result file serializes");
    let sha = auth::hex(&Sha256::digest(canonical.as_bytes()));
    let now = crate::now();
    let token_id = publisher.token_id;
    let (outcome, file) =
        state.db.call(move |conn| db::publish(conn, &file, &canonical, &sha, token_id, now).map(|outcome| (outcome, file))).await?;
    state.cache.invalidate();

    let (status, outcome_name, id) = match outcome {
        PublishOutcome::Created(id) => {
            state.ops.results_changed();
            (StatusCode::CREATED, "created", id)
        }
        PublishOutcome::Unchanged(id) => (StatusCode::OK, "unchanged", id),
    };
    tracing::info!(kommun = %file.kommun.code, set = %file.set.set, version = %file.set.version, id, outcome = outcome_name, "publish");
    let url = format!("/api/v1/published/{}", file.kommun.code);
    let body = json!({
        "outcome": outcome_name,
        "id": id,
        "kommun": {"code": file.kommun.code, "name": file.kommun.name},
        "set": {"set": file.set.set, "version": file.set.version},
        "url": url,
    });
    let mut response = (status, Json(body)).into_response();
    if let Ok(location) = HeaderValue::from_str(&url) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

fn unknown_kommun_field(bytes: &[u8]) -> Option<String> {
    /// Only `kommun` is built; serde skips the rest of the file without building it.
    #[derive(Deserialize)]
    struct KommunOnly {
        kommun: Option<serde_json::Map<String, Value>>,
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let probe: KommunOnly = serde_json::from_slice(bytes).ok()?;
    probe.kommun?.keys().find(|k| *k != "code" && *k != "name").cloned()
}

#[derive(Debug, Deserialize)]
struct SetQuery {
    set: Option<String>,
    version: Option<String>,
}

/// `DELETE /published/{kommunkod}?set=&version=`: withdraws the current result.
async fn unpublish(
    State(state): State<AppState>,
    publisher: Publisher,
    Path(code): Path<String>,
    Query(q): Query<SetQuery>,
) -> Result<Json<Value>, ApiError> {
    if code != publisher.kommun_code {
        return Err(wrong_kommun(&publisher.kommun_code, &code));
    }
    let (Some(set), Some(version)) = (q.set, q.version) else {
        return Err(ApiError::bad_query("set and version are required"));
    };
    let set_ref = SetRef { set, version };
    let token_id = publisher.token_id;
    let (kommun_code, r) = (code.clone(), set_ref.clone());
    let withdrawn = state.db.call(move |conn| db::withdraw(conn, &kommun_code, &r, token_id, crate::now())).await?;
    state.cache.invalidate();
    match withdrawn {
        Some(id) => {
            state.ops.results_changed();
            tracing::info!(kommun = %code, set = %set_ref.set, version = %set_ref.version, id, "unpublish");
            Ok(Json(json!({"outcome": "withdrawn", "id": id})))
        }
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "not_published",
            format!("kommun {code} has no current result for {}/{}", set_ref.set, set_ref.version),
        )),
    }
}

// ---- open reads ----

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    set: Option<String>,
    version: Option<String>,
    size_group: Option<String>,
    lan: Option<String>,
}

fn list_filter(q: ListQuery) -> Result<ListFilter, ApiError> {
    let size_group = match q.size_group.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(key) => Some(SizeGroup::from_key(key).ok_or_else(|| {
            ApiError::bad_query(format!(
                "unknown size_group {key:?} (one of {})",
                SizeGroup::ALL.iter().map(|g| g.key()).collect::<Vec<_>>().join(", ")
            ))
        })?),
    };
    let lan = q.lan.filter(|s| !s.is_empty());
    if let Some(code) = &lan {
        if !kommun::lan_list().iter().any(|(c, _)| c == code) {
            return Err(ApiError::bad_query(format!("unknown län code {code:?}")));
        }
    }
    Ok(ListFilter { set: q.set.filter(|s| !s.is_empty()), version: q.version.filter(|s| !s.is_empty()), size_group, lan, kommun: None })
}

fn query_error(e: axum::extract::rejection::QueryRejection) -> ApiError {
    ApiError::bad_query(e.body_text())
}

/// `GET /published`: current results, without answers.
async fn list(
    State(state): State<AppState>,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let filter = list_filter(q.map_err(query_error)?.0)?;
    let key = format!("list {filter:?}");
    let reader = state.clone();
    cached_json(&state, key, || async move {
        let rows = reader.db.call(move |conn| db::list_current(conn, &filter)).await?;
        Ok(open_data::list_json(&rows))
    })
    .await
}

/// `GET /published.csv`: the same results, one row per indicator, for Excel.
async fn list_csv(
    State(state): State<AppState>,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let filter = list_filter(q.map_err(query_error)?.0)?;
    let rows = state.db.call(move |conn| db::list_current(conn, &filter)).await?;
    let body = open_data::csv(&rows, &state.sets);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"blomlada-publicerade.csv\""),
        ],
        body,
    )
        .into_response())
}

/// `GET /published/{kommunkod}`: current results and history.
async fn kommun_results(
    State(state): State<AppState>,
    Path(code): Path<String>,
    q: Result<Query<SetQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let q = q.map_err(query_error)?.0;
    if kommun::by_code(&code).is_none() {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "unknown_kommun", format!("unknown kommun code {code:?}")));
    }
    let lookup = code.clone();
    let rows: Vec<PublishedRow> = state.db.call(move |conn| db::kommun_results(conn, &lookup)).await?;
    let rows: Vec<PublishedRow> = rows
        .into_iter()
        .filter(|r| q.set.as_ref().is_none_or(|s| *s == r.set.set) && q.version.as_ref().is_none_or(|v| *v == r.set.version))
        .collect();
    Ok(Json(open_data::kommun_json(&code, &rows)))
}

#[derive(Debug, Deserialize)]
struct StatsQuery {
    set: Option<String>,
    version: Option<String>,
    selection: Option<String>,
}

/// `GET /stats`: how answers spread among the results a selection takes.
async fn stats(
    State(state): State<AppState>,
    q: Result<Query<StatsQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let q = q.map_err(query_error)?.0;
    let set_ref = chosen_set(&state, q.set, q.version)?;
    let selection = Selection::parse(q.selection.as_deref().unwrap_or_default()).map_err(|e| ApiError::bad_query(e.to_string()))?;
    let key = format!("stats {set_ref:?} {selection:?}");
    let reader = state.clone();
    cached_json(&state, key, || async move {
        let set = reader.sets.get(&set_ref).expect("checked by chosen_set");
        let results = current_results(&reader, &set_ref).await?;
        let comparison = compare(set, results.iter(), &selection);
        Ok(open_data::stats_json(set, &comparison))
    })
    .await
}

/// The set version a read names; both default to the catalog's default.
fn chosen_set(state: &AppState, set: Option<String>, version: Option<String>) -> Result<SetRef, ApiError> {
    let default = state.sets.default_ref();
    let set_ref = match (set.filter(|s| !s.is_empty()), version.filter(|s| !s.is_empty())) {
        (None, None) => default.clone(),
        (Some(set), Some(version)) => SetRef { set, version },
        (None, Some(version)) => SetRef { set: default.set.clone(), version },
        (Some(_), None) => return Err(ApiError::bad_query("version is required with set")),
    };
    if state.sets.get(&set_ref).is_none() {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_set",
            format!("unknown indicator set {} version {}", set_ref.set, set_ref.version),
        ));
    }
    Ok(set_ref)
}

/// `GET /results?set=&version=`: every current result of a set version as a result file with
/// its answers and public evidence links only (no comments or review marks), for comparing in
/// the browser with the same domain code the statistics use, and for "Vilka uppfyller?".
async fn results_for_comparison(
    State(state): State<AppState>,
    q: Result<Query<SetQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let q = q.map_err(query_error)?.0;
    let set_ref = chosen_set(&state, q.set, q.version)?;
    let key = format!("results {set_ref:?}");
    let reader = state.clone();
    cached_json(&state, key, || async move {
        let results = current_results(&reader, &set_ref).await?;
        Ok(ResultsDoc { count: results.len(), results: SlimResults(results), set: set_ref })
    })
    .await
}

/// `GET /results`' document, written straight to bytes: no JSON tree of all the results, and
/// one slimmed result at a time (the whole set is megabytes).
#[derive(serde::Serialize)]
struct ResultsDoc {
    count: usize,
    results: SlimResults,
    set: SetRef,
}

struct SlimResults(Arc<Vec<ResultFile>>);

impl serde::Serialize for SlimResults {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(ResultFile::answers_only))
    }
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// Answers a read from the rendered cache, or renders it and keeps it (unless a publish came
/// in meanwhile, which would make it stale).
async fn cached_json<F, Fut, T>(state: &AppState, key: String, render: F) -> Result<Response, ApiError>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
    T: serde::Serialize,
{
    let bytes = match state.cache.rendered(&key) {
        Some(hit) => hit,
        None => {
            let _turn = state.cache.rendering.lock().await;
            match state.cache.rendered(&key) {
                Some(hit) => hit,
                None => {
                    let read_at = state.cache.generation.load(Ordering::SeqCst);
                    let value = render().await?;
                    let bytes = Bytes::from(serde_json::to_vec(&value).expect("the open reads always serialize"));
                    state.cache.put_rendered(key, read_at, bytes.clone());
                    bytes
                }
            }
        }
    };
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], bytes).into_response())
}

async fn current_results(state: &AppState, set_ref: &SetRef) -> Result<Arc<Vec<ResultFile>>, ApiError> {
    if let Some(hit) = state.cache.get(set_ref) {
        return Ok(hit);
    }
    let read_at = state.cache.generation.load(Ordering::SeqCst);
    let filter = ListFilter { set: Some(set_ref.set.clone()), version: Some(set_ref.version.clone()), ..Default::default() };
    let rows = state.db.call(move |conn| db::list_current(conn, &filter)).await?;
    let results: Arc<Vec<ResultFile>> = Arc::new(rows.iter().filter_map(|r| serde_json::from_str::<ResultFile>(&r.body).ok()).collect());
    state.cache.put(set_ref.clone(), read_at, results.clone());
    Ok(results)
}
