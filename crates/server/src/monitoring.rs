//! The metrics listener (`--metrics-addr`, loopback by default): `GET /metrics` in the format
//! the scraper asks for and `GET /healthz`. The gauges that need the database are read here,
//! through SQLite, so `metrics.rs` stays a registry that imports nothing of the server.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::metrics::Format;
use crate::state::AppState;

/// `/metrics` and `/healthz`, for the metrics listener.
pub fn router(state: AppState) -> Router {
    Router::new().route("/metrics", get(scrape)).route("/healthz", get(crate::health::healthz)).with_state(state)
}

async fn scrape(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let format = Format::negotiate(headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()));
    // Asked of SQLite, never of the file system: see health.rs for why.
    let db_bytes = state.db.call(|conn| Ok(database_bytes(conn)?)).await.unwrap_or(0);
    let text = state.ops.metrics.render(db_bytes, format);
    (StatusCode::OK, [(header::CONTENT_TYPE, format.content_type()), (header::CACHE_CONTROL, "no-store"), (header::VARY, "accept")], text)
        .into_response()
}

/// The database's size as SQLite counts it: its pages, whether they are in the file or still in the WAL.
fn database_bytes(conn: &rusqlite::Connection) -> rusqlite::Result<i64> {
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    Ok(pages.saturating_mul(page_size))
}
