//! The app's state and the only way to change it. Pages read signals and call these methods;
//! the rules live in the domain crate, the browser calls in `browser`.

use std::collections::HashMap;
use std::sync::Arc;

use blomlada_domain::assessment::AssessmentError;
use blomlada_domain::catalog::SetRef;
use blomlada_domain::concordance::Concordance;
use blomlada_domain::saved::{self, Reconciled};
use blomlada_domain::{Assessment, Catalog, IndicatorSet, Lang};
use leptos::prelude::*;

use crate::browser::storage::{self, StoredProblem, WriteError};
use crate::browser::{clock, http, ids};

/// Something fetched over the network.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Pending,
    Ready(T),
    Failed(String),
}

/// A message shown once at the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    MergedFromOtherTab,
    Deleted(Box<Assessment>),
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub catalog: RwSignal<Load<Arc<Catalog>>>,
    pub sets: RwSignal<HashMap<SetRef, Load<Arc<IndicatorSet>>>>,
    /// Concordances between set versions, by file (relative to `indicators/`), loaded on demand.
    pub concordances: RwSignal<HashMap<String, Load<Arc<Concordance>>>>,
    /// Every readable assessment in this browser, most recently changed first.
    pub assessments: RwSignal<Vec<Assessment>>,
    pub problems: RwSignal<Vec<StoredProblem>>,
    pub save_error: RwSignal<Option<WriteError>>,
    pub notice: RwSignal<Option<Notice>>,
}

impl AppState {
    pub fn start() -> AppState {
        let (assessments, problems) = storage::load_all();
        let state = AppState {
            lang: RwSignal::new(storage::load_lang().unwrap_or_default()),
            catalog: RwSignal::new(Load::Pending),
            sets: RwSignal::new(HashMap::new()),
            concordances: RwSignal::new(HashMap::new()),
            assessments: RwSignal::new(assessments),
            problems: RwSignal::new(problems),
            save_error: RwSignal::new(None),
            notice: RwSignal::new(None),
        };
        state.fetch_catalog();
        state.listen_to_other_tabs();
        state
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        storage::save_lang(lang);
    }

    fn fetch_catalog(&self) {
        let catalog = self.catalog;
        leptos::task::spawn_local(async move {
            let loaded = match http::get_text("/indicators/index.json").await {
                Ok(json) => Catalog::parse(&json, "indicators/index.json").map(Arc::new).map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            catalog.set(match loaded {
                Ok(c) => Load::Ready(c),
                Err(e) => Load::Failed(e),
            });
        });
    }

    /// Starts loading a set version unless it is loaded or on its way.
    pub fn ensure_set(&self, set_ref: &SetRef) {
        if self.sets.with_untracked(|s| s.contains_key(set_ref)) {
            return;
        }
        let Load::Ready(catalog) = self.catalog.get_untracked() else { return };
        let Some(version) = catalog.version(set_ref) else {
            self.sets.update(|s| {
                s.insert(set_ref.clone(), Load::Failed(format!("indicators/index.json: no {}/{}", set_ref.set, set_ref.version)));
            });
            return;
        };
        let file = format!("indicators/{}", version.file);
        let set_ref = set_ref.clone();
        let sets = self.sets;
        sets.update(|s| {
            s.insert(set_ref.clone(), Load::Pending);
        });
        leptos::task::spawn_local(async move {
            let loaded = match http::get_text(&format!("/{file}")).await {
                Ok(json) => IndicatorSet::parse(&json, &file).map(Arc::new).map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            sets.update(|s| {
                s.insert(set_ref, loaded.map_or_else(Load::Failed, Load::Ready));
            });
        });
    }

    /// The set, tracked: re-runs the caller when it arrives. Starts loading it if needed.
    pub fn set(&self, set_ref: &SetRef) -> Load<Arc<IndicatorSet>> {
        if matches!(self.catalog.get(), Load::Ready(_)) {
            self.ensure_set(set_ref);
        }
        if let Load::Failed(e) = self.catalog.get() {
            return Load::Failed(e);
        }
        self.sets.with(|s| s.get(set_ref).cloned()).unwrap_or(Load::Pending)
    }

    /// The concordance between versions `a` and `b` of `set`, tracked, loading it if needed;
    /// `None` when the catalog lists none (then answers cannot be carried between them).
    pub fn concordance(&self, set: &str, a: &str, b: &str) -> Option<Load<Arc<Concordance>>> {
        let catalog = match self.catalog.get() {
            Load::Ready(c) => c,
            Load::Pending => return Some(Load::Pending),
            Load::Failed(e) => return Some(Load::Failed(e)),
        };
        let file = catalog.concordance_between(set, a, b)?.file.clone();
        if !self.concordances.with_untracked(|c| c.contains_key(&file)) {
            let concordances = self.concordances;
            concordances.update(|c| {
                c.insert(file.clone(), Load::Pending);
            });
            let file = file.clone();
            leptos::task::spawn_local(async move {
                let path = format!("indicators/{file}");
                let loaded = match http::get_text(&format!("/{path}")).await {
                    Ok(json) => Concordance::parse(&json, &path).map(Arc::new).map_err(|e| e.to_string()),
                    Err(e) => Err(e),
                };
                concordances.update(|c| {
                    c.insert(file, loaded.map_or_else(Load::Failed, Load::Ready));
                });
            });
        }
        self.concordances.with(|c| c.get(&file).cloned())
    }

    /// "eBlomlådan 2026": the catalog's name for a set version (its ids until the catalog is in).
    pub fn set_label(&self, set_ref: &SetRef) -> String {
        let lang = self.lang.get();
        let title = match self.catalog.get() {
            Load::Ready(c) => c.sets.iter().find(|s| s.id == set_ref.set).map(|s| s.title.get(lang).to_string()),
            _ => None,
        };
        format!("{} {}", title.unwrap_or_else(|| set_ref.set.clone()), set_ref.version)
    }

    pub fn assessment(&self, id: &str) -> Option<Assessment> {
        self.assessments.with(|all| all.iter().find(|a| a.id == id).cloned())
    }

    pub fn create(&self, assessment: Assessment) {
        self.persist(assessment);
    }

    /// Applies one edit to an assessment and saves it at once.
    pub fn edit(&self, id: &str, change: impl FnOnce(&mut Assessment) -> Result<(), AssessmentError>) -> Result<(), AssessmentError> {
        let Some(mut a) = self.assessments.with_untracked(|all| all.iter().find(|a| a.id == id).cloned()) else {
            return Ok(());
        };
        let before = a.clone();
        change(&mut a)?;
        if a != before {
            self.persist(a);
        }
        Ok(())
    }

    pub fn duplicate(&self, id: &str, title_suffix: &str) {
        if let Some(original) = self.assessment(id) {
            let title = format!("{} {title_suffix}", original.title);
            self.persist(original.duplicate(ids::new_id(), title, clock::now()));
        }
    }

    pub fn delete(&self, id: &str) {
        let Some(a) = self.assessment(id) else { return };
        storage::remove(&storage::assessment_key(id));
        self.assessments.update(|all| all.retain(|x| x.id != id));
        self.notice.set(Some(Notice::Deleted(Box::new(a))));
    }

    pub fn undo_delete(&self) {
        if let Some(Notice::Deleted(a)) = self.notice.get_untracked() {
            self.notice.set(None);
            self.persist(*a);
        }
    }

    pub fn remove_problem(&self, key: &str) {
        storage::remove(key);
        self.problems.update(|p| p.retain(|x| x.key != key));
    }

    /// Saves over whatever storage holds now, merging in another tab's changes; keeps the
    /// result in memory even when the browser refuses to store it.
    fn persist(&self, ours: Assessment) {
        let key = storage::assessment_key(&ours.id);
        let stored = storage::read_raw(&key);
        let to_keep = match saved::reconcile(&ours, stored.as_deref()) {
            Reconciled::Write { merged, absorbed_other } => {
                let result = storage::write_raw(&key, &saved::encode(&merged));
                self.save_error.set(result.err());
                if absorbed_other {
                    self.notice.set(Some(Notice::MergedFromOtherTab));
                }
                merged
            }
            Reconciled::Refuse(error) => {
                self.problems.update(|p| {
                    if !p.iter().any(|x| x.key == key) {
                        p.push(StoredProblem { key: key.clone(), raw: stored.unwrap_or_default(), error });
                    }
                });
                self.save_error.set(Some(WriteError::Other("stored data unreadable".into())));
                ours
            }
        };
        self.assessments.update(|all| {
            all.retain(|a| a.id != to_keep.id);
            all.insert(0, to_keep);
        });
    }

    /// Another tab wrote or removed an assessment: fold its version into ours.
    fn listen_to_other_tabs(&self) {
        let state = *self;
        let handle = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
            let Some(key) = ev.key() else { return };
            let Some(id) = key.strip_prefix(storage::ASSESSMENT_PREFIX) else { return };
            match ev.new_value() {
                None => state.assessments.update(|all| all.retain(|a| a.id != id)),
                Some(raw) => match saved::decode(&raw) {
                    Ok(theirs) => state.assessments.update(|all| {
                        match all.iter_mut().find(|a| a.id == theirs.id) {
                            Some(ours) => *ours = ours.merge(&theirs),
                            None => all.insert(0, theirs),
                        }
                        all.sort_by(|a, b| b.updated.cmp(&a.updated));
                    }),
                    Err(error) => state.problems.update(|p| {
                        p.retain(|x| x.key != key);
                        p.push(StoredProblem { key: key.clone(), raw, error });
                    }),
                },
            }
        });
        // The listener lives as long as the app.
        std::mem::forget(handle);
    }
}

pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
