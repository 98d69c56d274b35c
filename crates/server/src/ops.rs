//! What the operator configured for running the server (beyond what it serves): metrics and
//! where they are served, which proxies are trusted, the snapshot kept fresh after publishes.

use std::sync::Arc;

use crate::client_addr::TrustedProxies;
use crate::metrics::{Metrics, MetricsAddr};
use crate::public_url::SharedPublicUrl;
use crate::results_changed::ResultsChanged;

pub struct Ops {
    pub metrics: Arc<Metrics>,
    pub metrics_addr: MetricsAddr,
    pub proxies: TrustedProxies,
    /// `--snapshot-dir` / `--on-publish`, when given.
    pub hook: Option<Arc<ResultsChanged>>,
    /// `--public-url`, else the listening address (set when the server listens).
    pub public_url: SharedPublicUrl,
}

impl Default for Ops {
    /// Metrics on the default loopback address, no proxy trusted, no snapshot kept.
    fn default() -> Self {
        Ops {
            metrics: Arc::default(),
            metrics_addr: MetricsAddr::Default,
            proxies: TrustedProxies::default(),
            hook: None,
            public_url: SharedPublicUrl::default(),
        }
    }
}

impl Ops {
    /// Published results changed (a new current result, or a withdrawal).
    pub fn results_changed(&self) {
        if let Some(hook) = &self.hook {
            hook.changed();
        }
    }
}
