//! The shares' running state, held in the server's `AppState`: settings, the live relay, the
//! creation limit and metrics. Apart from the handlers, which import the state, not the reverse.

use std::sync::Arc;

use super::limits::{CreationLimit, ShareConfig};
use super::metrics::ShareMetrics;
use super::stream::Hub;

/// The shares' running state: settings, the live relay, the creation limit and metrics.
pub struct Shares {
    pub config: ShareConfig,
    pub hub: Arc<Hub>,
    pub creation: CreationLimit,
    pub metrics: ShareMetrics,
}

impl Shares {
    pub fn new(config: ShareConfig, metrics: ShareMetrics) -> Shares {
        Shares { hub: Arc::new(Hub::new(&config, metrics.clone())), creation: CreationLimit::new(config.shares_per_hour), config, metrics }
    }
}

impl Default for Shares {
    fn default() -> Self {
        Shares::new(ShareConfig::default(), ShareMetrics::default())
    }
}
