//! localStorage through gloo-storage. One key per assessment, so two tabs editing different
//! assessments never touch each other's data, and a broken entry breaks only itself.

use blomlada_domain::saved::{self, SavedError};
use blomlada_domain::{Assessment, Lang};
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

pub const ASSESSMENT_PREFIX: &str = "blomlada.assessment.";
const LANG_KEY: &str = "blomlada.lang";

/// An entry that could not be read; it stays where it is until the user removes it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredProblem {
    pub key: String,
    pub raw: String,
    pub error: SavedError,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The browser's quota is used up.
    Full,
    Other(String),
}

pub fn assessment_key(id: &str) -> String {
    format!("{ASSESSMENT_PREFIX}{id}")
}

/// Every saved assessment with the [`saved::fingerprint`] of its entry as read, and every
/// entry that could not be read.
pub fn load_all() -> (Vec<(Assessment, u64)>, Vec<StoredProblem>) {
    let storage = LocalStorage::raw();
    let count = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..count).filter_map(|i| storage.key(i).ok().flatten()).collect();
    let mut assessments = Vec::new();
    let mut problems = Vec::new();
    for key in keys.into_iter().filter(|k| k.starts_with(ASSESSMENT_PREFIX)) {
        let Some(raw) = read_raw(&key) else { continue };
        match saved::decode(&raw) {
            Ok(a) if assessment_key(&a.id) == key => assessments.push((a, saved::fingerprint(&raw))),
            Ok(_) => problems.push(StoredProblem {
                key,
                raw,
                error: SavedError::Unreadable("the key does not match the assessment's id".into()),
            }),
            Err(error) => problems.push(StoredProblem { key, raw, error }),
        }
    }
    assessments.sort_by_key(|(a, _)| std::cmp::Reverse(a.updated));
    (assessments, problems)
}

/// Every key that starts with `prefix`.
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let storage = LocalStorage::raw();
    let count = storage.length().unwrap_or(0);
    (0..count).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
}

pub fn read_raw(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

pub fn write_raw(key: &str, value: &str) -> Result<(), WriteError> {
    LocalStorage::raw().set_item(key, value).map_err(|err| {
        let name = err.dyn_ref::<web_sys::DomException>().map(|e| e.name()).unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            WriteError::Full
        } else {
            WriteError::Other(format!("{err:?}"))
        }
    })
}

pub fn remove(key: &str) {
    LocalStorage::delete(key);
}

pub fn load_lang() -> Option<Lang> {
    read_raw(LANG_KEY).and_then(|code| Lang::from_code(&code))
}

pub fn save_lang(lang: Lang) {
    let _ = write_raw(LANG_KEY, lang.code());
}

const SNAPSHOT_URL_KEY: &str = "blomlada.snapshot-url";

/// The open-data snapshot last compared with on Jämför.
pub fn load_snapshot_url() -> Option<String> {
    read_raw(SNAPSHOT_URL_KEY).filter(|u| !u.is_empty())
}

pub fn save_snapshot_url(url: &str) {
    let _ = write_raw(SNAPSHOT_URL_KEY, url);
}

/// What an assessment keeps about its hand-outs (issue 20 part 4), beside the assessment; not
/// under [`ASSESSMENT_PREFIX`], so loading assessments never reads it.
pub const HANDOUTS_PREFIX: &str = "blomlada.handouts.";

pub fn handouts_key(id: &str) -> String {
    format!("{HANDOUTS_PREFIX}{id}")
}

const LINK_DRAFT_PREFIX: &str = "blomlada.link-draft.";

fn link_draft_key(assessment: &str, indicator: &str) -> String {
    format!("{LINK_DRAFT_PREFIX}{assessment}.{indicator}")
}

/// An evidence link as typed but refused (not a web link): kept beside the assessment until it
/// is mended or emptied, so a reload does not throw away what was typed (issue 22, point 1).
pub fn link_draft(assessment: &str, indicator: &str) -> Option<String> {
    read_raw(&link_draft_key(assessment, indicator))
}

/// Keeps (`Some`) or forgets (`None`) the refused link of one indicator. A full storage keeps
/// it in the field only; the error beside it still says it is not saved.
pub fn set_link_draft(assessment: &str, indicator: &str, text: Option<&str>) {
    let key = link_draft_key(assessment, indicator);
    match text {
        Some(text) => {
            let _ = write_raw(&key, text);
        }
        None => remove(&key),
    }
}
