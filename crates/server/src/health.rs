//! `GET /healthz`: 200 when the database answers, 503 otherwise, with no details (the reason
//! goes to the server's log, not to whoever asks).
//!
//! Two checks, both within `TIMEOUT`: the server's own connection answers a query (it is not
//! stuck behind a hung write), and the database file can be opened and read afresh and is still
//! an SQLite file. The second is what notices a file that was deleted, replaced or made
//! unreadable under a running server, which the open connection alone would not. It opens the
//! file directly: SQLite itself would reuse a descriptor it already has for the same file.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use crate::api::AppState;
use crate::db::Db;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const TIMEOUT: Duration = Duration::from_secs(3);

pub async fn healthz(State(state): State<AppState>) -> Response {
    let (status, body) = match check(&state.db).await {
        Ok(()) => (StatusCode::OK, "ok\n"),
        Err(reason) => {
            tracing::warn!(%reason, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "unavailable\n")
        }
    };
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], body).into_response()
}

/// Ok when the database answers; the reason otherwise.
pub async fn check(db: &Db) -> Result<(), String> {
    let path = db.path().to_path_buf();
    let checks = async {
        db.call(|conn| Ok(conn.query_row("SELECT count(*) FROM results WHERE status = 'current'", [], |r| r.get::<_, i64>(0))?))
            .await
            .map_err(|e| e.to_string())?;
        tokio::task::spawn_blocking(move || read_afresh(&path)).await.map_err(|e| e.to_string())?
    };
    match tokio::time::timeout(TIMEOUT, checks).await {
        Ok(result) => result,
        Err(_) => Err(format!("no answer within {} s", TIMEOUT.as_secs())),
    }
}

/// The file's first bytes, opened now: SQLite's magic header.
fn read_afresh(path: &Path) -> Result<(), String> {
    let mut header = [0u8; 16];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header)).map_err(|e| format!("{}: {e}", path.display()))?;
    if &header != b"SQLite format 3\0" {
        return Err(format!("{} is no longer an SQLite database", path.display()));
    }
    Ok(())
}
