//! What every request handler and background task shares: the database, the indicator sets,
//! the caches, the operator's settings and the shared assessments' running state. Its own
//! module, below every handler, so nothing imports upward to reach it.

use std::path::PathBuf;
use std::sync::Arc;

use crate::auth::FailureBrake;
use crate::db::Db;
use crate::ops::Ops;
use crate::page_cache::PageCache;
use crate::results_cache::ResultsCache;
use crate::sets::Sets;
use crate::share_live::state::Shares;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub sets: Arc<Sets>,
    pub brake: Arc<FailureBrake>,
    pub cache: Arc<ResultsCache>,
    /// The public pages and pictures, rendered (crate::public), kept as long as `cache`'s generation.
    pub pages: Arc<PageCache>,
    /// The built app (what `make build` writes to dist/).
    pub dist: Arc<PathBuf>,
    /// Metrics, trusted proxies (issue 14: running it for real).
    pub ops: Arc<Ops>,
    /// Shared assessments: settings, the live relay, limits (crate::share_live).
    pub shares: Arc<Shares>,
}

impl AppState {
    pub fn new(db: Db, sets: Sets, dist: PathBuf) -> AppState {
        AppState {
            db,
            sets: Arc::new(sets),
            brake: Arc::new(FailureBrake::default()),
            cache: Arc::new(ResultsCache::default()),
            pages: Arc::new(PageCache::default()),
            dist: Arc::new(dist),
            ops: Arc::new(Ops::default()),
            shares: Arc::new(Shares::default()),
        }
    }
}
