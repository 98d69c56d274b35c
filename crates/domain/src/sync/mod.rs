//! Shared assessments (issue 20): several devices edit one assessment, each keeping its own copy
//! and exchanging encrypted changes through the server; and hand-outs by file.
//!
//! - [`clock`]: hybrid logical clock stamps, robust against wrong device clocks.
//! - [`change`]: what travels (a [`Change`] per register, an [`Envelope`] per user action) and
//!   the checks a remote change passes (the same as a local edit's).
//! - [`diff`](mod@diff): which registers a local edit changed.
//! - [`replica`]: the merged state, per register last-writer-wins with history.
//! - [`resume`]: where a session starts, keeping local edits made while none ran.
//! - [`compaction`]: when a device posts a snapshot so the server can drop what it covers.
//! - [`handout`]: groups handed to a förvaltning as a file, and merging the answered file back.
//! - [`handout_kept`]: what a browser keeps about an assessment's hand-outs.
//! - [`handout_view`]: what the hand-out pages show (groups in order, review of a returned file).
//! - [`progress`](mod@progress): how far each förvaltning has come with what it was handed.
//! - [`handout_link`]: hand-outs by link, kept in the shared log so every editor sees them.
//! - [`presence`](mod@presence): who is working in which group.
//! - [`history_view`]: an indicator's replaced values as the answering page lists them.

pub mod change;
pub mod clock;
pub mod compaction;
pub mod diff;
pub mod groups;
pub mod handout;
pub mod handout_kept;
pub mod handout_link;
pub mod handout_view;
pub mod history_view;
pub mod presence;
pub mod progress;
pub mod replica;
pub mod resume;

pub use change::{Change, Envelope, EnvelopeError, Field, MetaField, Refusal, Target, Value};
pub use clock::{Clock, Observed, Stamp};
pub use diff::{diff, diff_response, initial_edits, Edit};
pub use handout::{Conflict, GroupRef, HandoutError, HandoutFile, Merge, Side};
pub use progress::{progress, Assignment, Progress};
pub use replica::{Applied, ApplyReport, Entry, RefusedChange, Register, Replica, Seen, Snapshot};
