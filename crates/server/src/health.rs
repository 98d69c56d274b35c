//! `GET /healthz`: 200 when the database answers, 503 otherwise, with no details (the reason
//! goes to the server's log, not to whoever asks).
//!
//! Two checks, both within `TIMEOUT`: the server's own connection answers a query (it is not
//! stuck behind a hung write), and the path still names the file that connection has open and
//! this process could open it again. The second is what notices a file that was deleted,
//! replaced or made unreadable under a running server (a restart would fail), which the open
//! connection alone would not.
//!
//! Never a descriptor of the database outside SQLite: closing any descriptor of the file drops
//! every POSIX lock this process holds on it, SQLite's included, and the next operator command
//! on the file then believes it is alone, checkpoints and removes the WAL under the server
//! (issue 19). The second check therefore only `stat`s the path, which opens nothing. A new
//! SQLite connection would be safe but cannot tell: SQLite hands it the descriptor an earlier
//! connection left open, so it reads fine from a file nobody could open any more.

use std::time::Duration;

use crate::db::Db;
use crate::state::AppState;
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
    let db = db.clone();
    let checks = async {
        db.call(|conn| Ok(conn.query_row("SELECT count(*) FROM results WHERE status = 'current'", [], |r| r.get::<_, i64>(0))?))
            .await
            .map_err(|e| e.to_string())?;
        tokio::task::spawn_blocking(move || db.file_identity().check_unchanged(&path)).await.map_err(|e| e.to_string())?
    };
    match tokio::time::timeout(TIMEOUT, checks).await {
        Ok(result) => result,
        Err(_) => Err(format!("no answer within {} s", TIMEOUT.as_secs())),
    }
}
