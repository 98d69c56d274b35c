//! Blomlådan's domain: everything that can be decided without a browser or a server.
//!
//! The web app and the server are thin shells around this crate: they read view models
//! computed here and send user intents back. Everything here is tested with plain
//! `cargo test` on the host.
#![forbid(unsafe_code)]

// The source is in folders by concept; the public paths stay flat (`blomlada_domain::plan`),
// so the app and the server name a rule the same way wherever its file lives.
mod answers;
mod files;
pub mod flowerbox;
mod kommuner;
mod language;
mod plans;
mod sets;
mod statistics;
pub mod sync;

pub use answers::{answering, assessment, carry_over, free_text, plan, saved, timestamp, web_link};
pub use files::{csv_export, download_name, exchange, json_path, offline_results, public_preview, publish_readiness, result_file};
pub use kommuner::{kommun, size_group};
pub use language::{number_format, plural, text};
pub use plans::plan_view;
pub use sets::{catalog, concordance, indicator_files, indicator_set, validation};
pub use statistics::{comparison, distribution, over_time, public_results, public_texts, rounded_shares, share_row, side_by_side};

pub use assessment::{Assessment, Response};
pub use catalog::Catalog;
pub use indicator_set::IndicatorSet;
pub use text::{Lang, Localized};
pub use timestamp::Timestamp;
pub use validation::{ValidationError, ValidationErrors};
