//! An assessment and its answers: what a response holds (answer, comment, evidence link, review
//! mark, plan) and how it changes, carrying answers over to another version of the set, what the
//! answering page prints, what a comment and an evidence link may be, points in time, and how an
//! assessment is kept in browser storage.

pub mod answering;
pub mod assessment;
pub mod carry_over;
pub mod free_text;
pub mod plan;
pub mod saved;
pub mod timestamp;
pub mod web_link;
