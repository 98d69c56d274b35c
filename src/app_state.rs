//! The app's state and the only way to change it. Pages read signals and call these methods;
//! the rules live in the domain crate, the browser calls in `browser`.

mod handle;
mod handouts;
mod shared_views;

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use blomlada_domain::assessment::{AssessmentError, ResponseChange};
use blomlada_domain::catalog::SetRef;
use blomlada_domain::concordance::Concordance;
use blomlada_domain::saved::{self, Reconciled};
use blomlada_domain::{Assessment, Catalog, IndicatorSet, Lang};
use leptos::prelude::*;

pub use self::handle::AssessmentHandle;
pub use self::handouts::KeptError;
pub use self::shared_views::SharedViews;
use crate::browser::storage::{self, StoredProblem, WriteError};
use crate::browser::{after_paint, clock, http, ids, page_lifecycle};

/// When a change is written to storage. Either way it is on screen first, and a page that is
/// hidden or closed writes what is pending at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveWhen {
    /// Right after the next frame is painted (a click: one write per frame at most).
    AfterPaint,
    /// After a pause in typing.
    AfterPause,
}

/// How long typing must pause before a comment is written.
const TYPING_PAUSE: Duration = Duration::from_millis(400);

thread_local! {
    /// The app's root owner: handles made later (a new assessment, one from another tab) live
    /// under it, not under the page that happened to make them.
    static ROOT: OnceCell<Owner> = const { OnceCell::new() };
    static SAVE_SCHEDULED: Cell<bool> = const { Cell::new(false) };
    /// Called after each save with the saved assessment's handle: how a shared assessment's
    /// local changes reach its sharing session (set by the sharing chunk once it is loaded).
    static ON_SAVED: RefCell<Option<SaveHook>> = const { RefCell::new(None) };
}

/// What runs after a save.
type SaveHook = Rc<dyn Fn(AssessmentHandle)>;

/// Sets what runs after every save (see `ON_SAVED`).
pub fn set_on_saved(f: impl Fn(AssessmentHandle) + 'static) {
    ON_SAVED.with(|h| *h.borrow_mut() = Some(Rc::new(f)));
}

fn under_root<T>(f: impl FnOnce() -> T) -> T {
    match ROOT.with(|r| r.get().cloned()) {
        Some(owner) => owner.with(f),
        None => f(),
    }
}

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
    /// Every readable assessment in this browser, one handle each; changes only when one is
    /// added or removed, never on an answer.
    pub handles: RwSignal<Vec<AssessmentHandle>>,
    /// Every assessment as the domain model, most recently changed first, for the pages that
    /// list them (start, import, compare). A memo: built only while such a page reads it.
    pub assessments: Memo<Vec<Assessment>>,
    pub problems: RwSignal<Vec<StoredProblem>>,
    pub save_error: RwSignal<Option<WriteError>>,
    pub notice: RwSignal<Option<Notice>>,
    /// Shared assessments by id: `true` where this device may write (an edit link), `false`
    /// for a view link. Set by the sharing session; the answering page reads its own entry.
    pub shared: RwSignal<HashMap<String, bool>>,
}

impl AppState {
    pub fn start() -> AppState {
        if let Some(owner) = Owner::current() {
            ROOT.with(|r| {
                let _ = r.set(owner);
            });
        }
        let (assessments, problems) = storage::load_all();
        let handles = RwSignal::new(assessments.into_iter().map(|(a, seen)| AssessmentHandle::new(a, Some(seen))).collect::<Vec<_>>());
        let state = AppState {
            lang: RwSignal::new(storage::load_lang().unwrap_or_default()),
            catalog: RwSignal::new(Load::Pending),
            sets: RwSignal::new(HashMap::new()),
            concordances: RwSignal::new(HashMap::new()),
            handles,
            assessments: Memo::new(move |_| {
                let mut all: Vec<Assessment> = handles.with(|hs| hs.iter().map(AssessmentHandle::snapshot).collect());
                all.sort_by_key(|a| std::cmp::Reverse(a.updated));
                all
            }),
            problems: RwSignal::new(problems),
            save_error: RwSignal::new(None),
            notice: RwSignal::new(None),
            shared: RwSignal::new(HashMap::new()),
        };
        state.fetch_catalog();
        state.listen_to_other_tabs();
        page_lifecycle::on_leave(move || state.flush());
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
            // The pages waiting for the set are drawn in a task of their own.
            crate::browser::after_paint::next_task().await;
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

    /// The handle of an assessment, tracked on the list (not on its content).
    pub fn handle(&self, id: &str) -> Option<AssessmentHandle> {
        self.handles.with(|hs| hs.iter().find(|h| h.id() == id).copied())
    }

    /// A copy of the whole assessment, tracked on every change of it.
    pub fn assessment(&self, id: &str) -> Option<Assessment> {
        self.handle(id).map(|h| h.snapshot())
    }

    /// A copy of the whole assessment as it is now, untracked (for exports).
    pub fn assessment_untracked(&self, id: &str) -> Option<Assessment> {
        self.handles.with_untracked(|hs| hs.iter().find(|h| h.id() == id).copied()).map(|h| h.snapshot_untracked())
    }

    /// Adds an assessment and writes it at once.
    pub fn create(&self, assessment: Assessment) {
        let id = assessment.id.clone();
        if let Some(existing) = self.handles.with_untracked(|hs| hs.iter().find(|h| h.id() == id).copied()) {
            existing.absorb(assessment);
            existing.mark_dirty();
            self.save(existing);
            return;
        }
        let handle = under_root(|| AssessmentHandle::new(assessment, None));
        self.handles.update(|hs| hs.insert(0, handle));
        handle.mark_dirty();
        self.save(handle);
    }

    /// One change to one indicator, the path of every answer and comment: the indicator's own
    /// signal changes now, the write to storage follows after the frame (or a pause in typing).
    pub fn change_response(
        &self,
        handle: AssessmentHandle,
        set: &IndicatorSet,
        indicator_id: &str,
        change: ResponseChange<'_>,
        when: SaveWhen,
    ) -> Result<(), AssessmentError> {
        if handle.change(set, indicator_id, change)? {
            self.save_soon(when);
        }
        Ok(())
    }

    /// Applies one edit to the whole of an assessment (rename, population, export mark) and
    /// saves it after the frame. For answers and comments use [`AppState::change_response`].
    pub fn edit(&self, id: &str, change: impl FnOnce(&mut Assessment) -> Result<(), AssessmentError>) -> Result<(), AssessmentError> {
        let Some(handle) = self.handles.with_untracked(|hs| hs.iter().find(|h| h.id() == id).copied()) else {
            return Ok(());
        };
        if handle.edit_whole(change)? {
            self.save_soon(SaveWhen::AfterPaint);
        }
        Ok(())
    }

    /// Takes in the merged state of a shared assessment (changes from other devices): only the
    /// signals of what changed are set, and it is saved after the frame.
    pub fn absorb_remote(&self, handle: AssessmentHandle, merged: Assessment) {
        if handle.absorb(merged) {
            handle.mark_dirty();
            self.save_soon(SaveWhen::AfterPaint);
        }
    }

    /// True when this device holds the assessment through a view link only; tracked.
    pub fn read_only(&self, id: &str) -> bool {
        self.shared.with(|s| s.get(id) == Some(&false))
    }

    pub fn duplicate(&self, id: &str, title_suffix: &str) {
        let Some(handle) = self.handles.with_untracked(|hs| hs.iter().find(|h| h.id() == id).copied()) else { return };
        let original = handle.snapshot_untracked();
        let title = format!("{} {title_suffix}", original.title);
        self.create(original.duplicate(ids::new_id(), title, clock::now()));
    }

    pub fn delete(&self, id: &str) {
        let Some(handle) = self.handles.with_untracked(|hs| hs.iter().find(|h| h.id() == id).copied()) else { return };
        // Nothing pending may write it back.
        handle.take_dirty();
        let a = handle.snapshot_untracked();
        storage::remove(&storage::assessment_key(id));
        self.handles.update(|hs| hs.retain(|h| *h != handle));
        self.notice.set(Some(Notice::Deleted(Box::new(a))));
    }

    pub fn undo_delete(&self) {
        if let Some(Notice::Deleted(a)) = self.notice.get_untracked() {
            self.notice.set(None);
            self.create(*a);
        }
    }

    pub fn remove_problem(&self, key: &str) {
        storage::remove(key);
        self.problems.update(|p| p.retain(|x| x.key != key));
    }

    fn save_soon(&self, when: SaveWhen) {
        let state = *self;
        match when {
            SaveWhen::AfterPause => after_paint::after_pause(TYPING_PAUSE, move || state.flush()),
            SaveWhen::AfterPaint => {
                if !SAVE_SCHEDULED.with(|s| s.replace(true)) {
                    after_paint::after_next_paint(move || state.flush());
                }
            }
        }
    }

    /// Writes every assessment changed since its last save. Runs after a frame, after a pause
    /// in typing, and when the page is hidden or closed.
    pub fn flush(&self) {
        SAVE_SCHEDULED.with(|s| s.set(false));
        for handle in self.handles.get_untracked() {
            if handle.take_dirty() {
                self.save(handle);
            }
        }
    }

    /// Saves over whatever storage holds now. Storage still holding what this tab last wrote or
    /// read is written over unparsed; anything else is read, and another tab's changes merged in
    /// (and shown here). Unreadable or newer data is never overwritten. The assessment stays in
    /// memory even when the browser refuses to store it.
    fn save(&self, handle: AssessmentHandle) {
        let ours = handle.snapshot_untracked();
        let key = storage::assessment_key(&ours.id);
        let stored = storage::read_raw(&key);
        match saved::reconcile_known(&ours, stored.as_deref(), handle.last_seen()) {
            Reconciled::Write { merged, absorbed_other } => {
                let raw = saved::encode(&merged);
                let result = storage::write_raw(&key, &raw);
                // What storage holds now, which `merged` contains either way.
                handle.set_last_seen(if result.is_ok() {
                    Some(saved::fingerprint(&raw))
                } else {
                    stored.as_deref().map(saved::fingerprint)
                });
                let error = result.err();
                if self.save_error.with_untracked(|e| *e != error) {
                    self.save_error.set(error);
                }
                if absorbed_other {
                    handle.absorb(merged);
                    self.notice.set(Some(Notice::MergedFromOtherTab));
                }
                if let Some(hook) = ON_SAVED.with(|h| h.borrow().clone()) {
                    hook(handle);
                }
            }
            Reconciled::Refuse(error) => {
                self.problems.update(|p| {
                    if !p.iter().any(|x| x.key == key) {
                        p.push(StoredProblem { key: key.clone(), raw: stored.unwrap_or_default(), error });
                    }
                });
                self.save_error.set(Some(WriteError::Other("stored data unreadable".into())));
            }
        }
    }

    /// Another tab wrote or removed an assessment: fold its version into ours, setting only the
    /// signals of what changed.
    fn listen_to_other_tabs(&self) {
        let state = *self;
        let handle = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
            let Some(key) = ev.key() else { return };
            let Some(id) = key.strip_prefix(storage::ASSESSMENT_PREFIX) else { return };
            let ours = state.handles.with_untracked(|hs| hs.iter().find(|h| h.id() == id).copied());
            match ev.new_value() {
                None => state.handles.update(|hs| hs.retain(|h| h.id() != id)),
                Some(raw) => match saved::decode(&raw) {
                    Ok(theirs) => match ours {
                        Some(ours) => {
                            let merged = ours.snapshot_untracked().merge(&theirs);
                            let differs = merged != theirs;
                            ours.absorb(merged);
                            // Storage holds theirs, and ours now contains it.
                            ours.set_last_seen(Some(saved::fingerprint(&raw)));
                            // Another tab's edits of a shared assessment reach its session,
                            // which runs in one tab only (sharing::session).
                            if let Some(hook) = ON_SAVED.with(|h| h.borrow().clone()) {
                                hook(ours);
                            }
                            if differs {
                                ours.mark_dirty();
                                state.save_soon(SaveWhen::AfterPaint);
                            }
                        }
                        None if theirs.id == id => {
                            let added = under_root(|| AssessmentHandle::new(theirs, Some(saved::fingerprint(&raw))));
                            state.handles.update(|hs| hs.insert(0, added));
                        }
                        None => {}
                    },
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
