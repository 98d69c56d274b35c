//! What an assessment keeps about its hand-outs (issue 20 part 4): read and changed only here,
//! stored beside the assessment under a key of its own (see the domain's `sync::handout_kept`).

use blomlada_domain::saved::SavedError;
use blomlada_domain::sync::handout_kept::{self, KeptHandouts};

use super::AppState;
use crate::browser::storage::{self, WriteError};

/// Why what an assessment keeps about hand-outs could not be changed.
#[derive(Debug, Clone, PartialEq)]
pub enum KeptError {
    /// What storage holds cannot be read (or is newer): it is left as it is.
    Stored(SavedError),
    Write(WriteError),
}

impl AppState {
    /// What storage holds for the assessment's hand-outs now.
    pub fn kept_handouts(&self, id: &str) -> Result<KeptHandouts, SavedError> {
        handout_kept::decode(storage::read_raw(&storage::handouts_key(id)).as_deref())
    }

    /// Whom a förvaltning's copy was handed to and which groups; `None` for any other assessment.
    pub fn received_handout(&self, id: &str) -> Option<blomlada_domain::sync::Assignment> {
        handout_kept::decode_received(storage::read_raw(&storage::handouts_key(id)).as_deref())
    }

    /// Changes what the assessment keeps about hand-outs; an unreadable or newer entry is never
    /// written over.
    pub fn change_kept_handouts(&self, id: &str, change: impl FnOnce(&mut KeptHandouts)) -> Result<KeptHandouts, KeptError> {
        let mut kept = self.kept_handouts(id).map_err(KeptError::Stored)?;
        change(&mut kept);
        storage::write_raw(&storage::handouts_key(id), &handout_kept::encode(&kept)).map_err(KeptError::Write)?;
        Ok(kept)
    }
}

thread_local! {
    /// A returned hand-out the import page recognised, waiting for the review page of its
    /// assessment (file name and file). In memory only: nothing is applied until reviewed.
    static PENDING_RETURN: std::cell::RefCell<Option<(String, blomlada_domain::sync::HandoutFile)>> =
        const { std::cell::RefCell::new(None) };
}

impl AppState {
    /// Hands a returned file to the review page of its assessment.
    pub fn set_pending_return(&self, name: String, file: blomlada_domain::sync::HandoutFile) {
        PENDING_RETURN.with_borrow_mut(|p| *p = Some((name, file)));
    }

    /// The returned file waiting for assessment `id`'s review page, if any.
    pub fn take_pending_return(&self, id: &str) -> Option<(String, blomlada_domain::sync::HandoutFile)> {
        PENDING_RETURN.with_borrow_mut(|p| if p.as_ref().is_some_and(|(_, f)| f.assessment == id) { p.take() } else { None })
    }
}
