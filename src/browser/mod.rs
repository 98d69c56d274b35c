//! The one place that touches browser APIs: storage, clock, files, random ids, window events.
//! Everything above this module works with domain types and plain Rust values.

pub mod after_paint;
pub mod canvas;
pub mod clipboard;
pub mod clock;
pub mod crypto;
pub mod document;
pub mod download;
pub mod file_read;
pub mod focus;
pub mod http;
pub mod ids;
pub mod link_parser;
pub mod live;
pub mod location;
pub mod offline;
pub mod page_lifecycle;
pub mod snapshot;
pub mod storage;
pub mod tab_lock;
pub mod viewport;
