//! An assessment and its answers: what a response holds and how it changes, what the answering
//! page prints, what a comment and an evidence link may be, points in time, and how an
//! assessment is kept in browser storage.

pub mod answering;
pub mod assessment;
pub mod free_text;
pub mod saved;
pub mod timestamp;
pub mod web_link;
