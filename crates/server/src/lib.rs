//! Blomlådan's server: serves the built app and the indicator sets, takes published results
//! from kommuner with a token, and gives them back as open data and statistics.
//!
//! Everything about results (validation, comparison) is decided by `blomlada-domain`, the same
//! code the app runs; this crate only stores, authenticates and serves.

pub mod api;
pub mod api_error;
pub mod auth;
pub mod backup;
pub mod client_addr;
pub mod db;
pub mod db_lock;
pub mod file_identity;
pub mod health;
pub mod metrics;
pub mod migrations;
pub mod monitoring;
pub mod open_data;
pub mod ops;
pub mod page_cache;
pub mod public;
pub mod public_url;
pub mod publish_gate;
pub mod publish_hook;
pub mod request_log;
pub mod results_cache;
pub mod results_changed;
pub mod sets;
pub mod share_live;
pub mod shares;
pub mod snapshot;
pub mod state;
pub mod web;

use std::time::{SystemTime, UNIX_EPOCH};

use blomlada_domain::Timestamp;

/// The server's clock, as the domain's timestamp type.
pub fn now() -> Timestamp {
    let ms = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    Timestamp::from_millis(ms)
}
