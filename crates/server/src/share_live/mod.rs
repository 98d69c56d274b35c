//! What the server keeps in memory for shared assessments, below every handler: the settings and
//! limits, the relay that hands each stored change to the open event streams, and their metrics.
//! The HTTP side (`crate::shares`) and the server's shared state (`crate::state`) both build on it.

pub mod limits;
pub mod metrics;
pub mod state;
pub mod stream;
