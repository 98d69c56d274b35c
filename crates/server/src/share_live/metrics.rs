//! The shares' metrics, registered with the server's (crate::metrics): shares created and
//! deleted (by reason: deleted by a writer, expired), changes appended, snapshots stored and
//! open event streams. Labels are fixed small sets; never a share id.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct DeletedLabels {
    reason: &'static str,
}

/// Why a share went.
#[derive(Debug, Clone, Copy)]
pub enum DeletedBy {
    Writer,
    Expiry,
}

#[derive(Clone, Default)]
pub struct ShareMetrics {
    pub created: Counter,
    deleted: Family<DeletedLabels, Counter>,
    pub appended: Counter,
    pub snapshots: Counter,
    pub open_streams: Gauge,
}

impl ShareMetrics {
    pub fn register(registry: &mut Registry) -> ShareMetrics {
        let m = ShareMetrics::default();
        registry.register("shares_created", "Shared assessments created", m.created.clone());
        registry.register("shares_deleted", "Shared assessments deleted, by reason (deleted, expired)", m.deleted.clone());
        registry.register("share_changes_appended", "Encrypted changes appended to shared assessments", m.appended.clone());
        registry.register("share_snapshots", "Snapshots stored for shared assessments", m.snapshots.clone());
        registry.register("share_streams_open", "Open event streams of shared assessments", m.open_streams.clone());
        m
    }

    pub fn deleted(&self, by: DeletedBy, n: u64) {
        let reason = match by {
            DeletedBy::Writer => "deleted",
            DeletedBy::Expiry => "expired",
        };
        self.deleted.get_or_create(&DeletedLabels { reason }).inc_by(n);
    }
}
