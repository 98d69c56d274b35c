//! The expiry sweep: shares no one wrote to or read for `--share-expiry-days` are deleted
//! (their changes and snapshot; a tombstone says "deleted" for another period, then goes too).

use std::sync::Arc;

use super::store;
use crate::share_live::metrics::DeletedBy;
use crate::share_live::stream::Live;
use crate::state::AppState;

/// Runs the sweep every `sweep_every` on the runtime, for as long as the server runs.
pub fn start(state: &AppState) {
    let state = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(state.shares.config.sweep_every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = sweep(&state).await {
                tracing::error!(error = %e, "share expiry sweep failed");
            }
        }
    });
}

/// One sweep, in batches (other writes get the connection between them). Returns how many
/// shares expired.
pub async fn sweep(state: &AppState) -> Result<usize, crate::db::DbError> {
    let expiry = i64::try_from(state.shares.config.expiry.as_millis()).unwrap_or(i64::MAX);
    let mut total = 0;
    loop {
        let now = crate::now().millis();
        let hub = Arc::clone(&state.shares.hub);
        let ids = state
            .db
            .call(move |conn| {
                let ids = store::sweep(conn, now.saturating_sub(expiry), now.saturating_sub(expiry), now)?;
                for id in &ids {
                    hub.send(id, Live::Deleted);
                }
                Ok(ids)
            })
            .await?;
        if !ids.is_empty() {
            state.shares.metrics.deleted(DeletedBy::Expiry, ids.len() as u64);
            tracing::info!(shares = ids.len(), "expired shares deleted");
        }
        total += ids.len();
        if ids.len() < store::SWEEP_BATCH {
            return Ok(total);
        }
    }
}
