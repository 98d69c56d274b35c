//! A few publishes at a time, each for a bounded time.
//!
//! Every publish in progress holds its request body, the parsed result file and the JSON that
//! is stored, a few times the size of the file. Writes go through one SQLite connection anyway,
//! so letting hundreds of them in at once (a load test, a misbehaving script) only multiplies
//! that memory while they queue for the database. Here they queue before their body is read:
//! a waiting publish costs an idle connection, not its file.
//!
//! A turn is only taken after the token is checked (it needs the headers alone), so a client
//! without a valid token never holds one; and the body must arrive within
//! [`PUBLISH_BODY_TIMEOUT`], so a token holder sending one byte a minute cannot keep a turn
//! either.

use std::time::Duration;

use tokio::sync::{Semaphore, SemaphorePermit};

/// Enough to keep the database busy (one validates while another waits for its fsync).
pub const PUBLISHES_AT_ONCE: usize = 4;

/// A result file is at most 1 MB: a few seconds on the slowest line a kommun has. A body
/// still arriving after this is answered 408 and its turn given to the next.
pub const PUBLISH_BODY_TIMEOUT: Duration = Duration::from_secs(10);

static TURNS: Semaphore = Semaphore::const_new(PUBLISHES_AT_ONCE);

/// Waits for a turn; the turn lasts as long as the permit.
pub async fn take_turn() -> SemaphorePermit<'static> {
    TURNS.acquire().await.expect("the semaphore is never closed")
}
