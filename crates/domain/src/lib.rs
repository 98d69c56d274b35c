//! Blomlådan's domain: everything that can be decided without a browser or a server.
//!
//! The web app and the server are thin shells around this crate: they read view models
//! computed here and send user intents back. Everything here is tested with plain
//! `cargo test` on the host.
#![forbid(unsafe_code)]

pub mod answering;
pub mod assessment;
pub mod catalog;
pub mod comparison;
pub mod concordance;
pub mod csv_export;
pub mod distribution;
pub mod exchange;
pub mod flowerbox;
pub mod free_text;
pub mod indicator_set;
pub mod kommun;
pub mod number_format;
pub mod offline_results;
pub mod over_time;
pub mod plan;
pub mod plan_view;
pub mod public_results;
pub mod public_texts;
pub mod result_file;
pub mod saved;
pub mod size_group;
pub mod sync;
pub mod text;
pub mod timestamp;
pub mod validation;
pub mod web_link;

pub use assessment::{Assessment, Response};
pub use catalog::Catalog;
pub use indicator_set::IndicatorSet;
pub use text::{Lang, Localized};
pub use timestamp::Timestamp;
pub use validation::{ValidationError, ValidationErrors};
