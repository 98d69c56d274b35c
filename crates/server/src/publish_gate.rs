//! A few publishes at a time.
//!
//! Every publish in progress holds its request body, the parsed result file and the JSON that
//! is stored, a few times the size of the file. Writes go through one SQLite connection anyway,
//! so letting hundreds of them in at once (a load test, a misbehaving script) only multiplies
//! that memory while they queue for the database. Here they queue before their body is read:
//! a waiting publish costs an idle connection, not its file.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::Semaphore;

/// Enough to keep the database busy (one validates while another waits for its fsync).
pub const PUBLISHES_AT_ONCE: usize = 4;

static TURNS: Semaphore = Semaphore::const_new(PUBLISHES_AT_ONCE);

pub async fn take_turn(request: Request, next: Next) -> Response {
    let _turn = TURNS.acquire().await.expect("the semaphore is never closed");
    next.run(request).await
}
