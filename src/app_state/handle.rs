//! One assessment as reactive state, shaped for answering: its facts (title, kommun, …) in one
//! signal, each indicator's response in a signal of its own, and one trigger for readers of the
//! whole. Answering indicator X wakes X's item, the counters that read X's answer, and the few
//! readers of the whole assessment that are on screen; nothing else, and nothing is cloned.
//!
//! Why signals per response rather than `reactive_stores`: the saved model keys responses by
//! indicator id in a map, which a store's keyed fields (made for `Vec`-like collections) do not
//! index; a map of signals, made as indicators ask for them, gives the same granularity with
//! the domain's `Assessment` kept as the one saved and exported model (built from the signals
//! when saving or exporting).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use blomlada_domain::assessment::{change_response, AssessmentError, ResponseChange};
use blomlada_domain::{Assessment, IndicatorSet, Response, Timestamp};
use leptos::prelude::*;

use crate::browser::clock;

/// A cheap, copyable handle on one assessment held by the app state.
#[derive(Clone, Copy)]
pub struct AssessmentHandle {
    inner: StoredValue<Inner, LocalStorage>,
}

impl PartialEq for AssessmentHandle {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

impl std::fmt::Debug for AssessmentHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AssessmentHandle({})", self.id())
    }
}

struct Inner {
    id: String,
    /// Everything but the responses and `updated` (kept empty and zero here).
    head: ArcRwSignal<Assessment>,
    updated: ArcRwSignal<Timestamp>,
    /// Made when an indicator first asks; a default response is "nothing said".
    responses: RefCell<BTreeMap<String, ArcRwSignal<Response>>>,
    /// Notified on every change, for readers of the whole assessment.
    changed: ArcTrigger,
    /// In a shared assessment: who changed each indicator last, and when (made on first ask,
    /// set by the sharing session).
    authors: RefCell<BTreeMap<String, ArcRwSignal<Option<LastChange>>>>,
    /// In a shared assessment: who works where, earlier values, link hand-outs (set by the session).
    shared_views: super::SharedViews,
    /// The fingerprint of what storage held when this tab last wrote or read the entry.
    last_seen: Cell<Option<u64>>,
    /// Changed since the last save.
    dirty: Cell<bool>,
}

impl AssessmentHandle {
    /// Must run under the app's root owner, so the handle outlives the page that made it.
    pub(super) fn new(assessment: Assessment, last_seen: Option<u64>) -> AssessmentHandle {
        let (head, updated, responses) = split(assessment);
        let inner = Inner {
            id: head.id.clone(),
            head: ArcRwSignal::new(head),
            updated: ArcRwSignal::new(updated),
            responses: RefCell::new(responses.into_iter().map(|(id, r)| (id, ArcRwSignal::new(r))).collect()),
            changed: ArcTrigger::new(),
            authors: RefCell::new(BTreeMap::new()),
            shared_views: super::SharedViews::default(),
            last_seen: Cell::new(last_seen),
            dirty: Cell::new(false),
        };
        AssessmentHandle { inner: StoredValue::new_local(inner) }
    }

    pub fn id(&self) -> String {
        self.inner.with_value(|i| i.id.clone())
    }

    /// Reads the assessment's facts (title, kommun, set, population, approval, export time);
    /// tracked, and not woken by answers. Its `responses` are empty and `updated` is zero here.
    pub fn with_head<R>(&self, f: impl FnOnce(&Assessment) -> R) -> R {
        let head = self.inner.with_value(|i| i.head.clone());
        head.with(f)
    }

    /// The latest change of anything; tracked.
    pub fn updated(&self) -> Timestamp {
        self.inner.with_value(|i| i.updated.get())
    }

    /// One indicator's response as its own signal (made on first ask).
    pub fn response(&self, indicator_id: &str) -> ArcRwSignal<Response> {
        self.inner.with_value(|i| {
            i.responses.borrow_mut().entry(indicator_id.to_string()).or_insert_with(|| ArcRwSignal::new(Response::default())).clone()
        })
    }

    /// Who changed the indicator last, and when, in a shared assessment; its own signal.
    pub fn last_change(&self, indicator_id: &str) -> ArcRwSignal<Option<LastChange>> {
        self.inner.with_value(|i| i.authors.borrow_mut().entry(indicator_id.to_string()).or_insert_with(|| ArcRwSignal::new(None)).clone())
    }

    /// Sets who changed the indicator last (only when it differs).
    pub fn set_last_change(&self, indicator_id: &str, last: Option<LastChange>) {
        let signal = self.last_change(indicator_id);
        if signal.with_untracked(|now| *now != last) {
            signal.set(last);
        }
    }

    /// What a shared assessment's pages show about the people working on it.
    pub fn shared_views<R>(&self, f: impl FnOnce(&super::SharedViews) -> R) -> R {
        self.inner.with_value(|i| f(&i.shared_views))
    }

    /// The whole assessment as the domain saves and exports it, tracked: re-runs the caller on
    /// every change. For pages that show the whole, not for the answering page.
    pub fn snapshot(&self) -> Assessment {
        self.inner.with_value(|i| i.changed.track());
        self.snapshot_untracked()
    }

    pub fn snapshot_untracked(&self) -> Assessment {
        self.inner.with_value(|i| {
            let mut a = i.head.get_untracked();
            a.updated = i.updated.get_untracked();
            a.responses = i
                .responses
                .borrow()
                .iter()
                .filter_map(|(id, r)| r.with_untracked(|r| (*r != Response::default()).then(|| (id.clone(), r.clone()))))
                .collect();
            a
        })
    }

    /// The whole assessment as a memo (computed only when read).
    pub fn watch(self) -> Memo<Option<Assessment>> {
        Memo::new(move |_| Some(self.snapshot()))
    }

    /// True when something was said that no exported file holds yet; tracked on the export
    /// time and `updated` only.
    pub fn needs_export(&self) -> bool {
        let exported_at = self.with_head(|a| a.exported_at);
        let updated = self.updated();
        let said_something =
            self.inner.with_value(|i| i.responses.borrow().values().any(|r| r.with_untracked(|r| *r != Response::default())));
        said_something && exported_at.is_none_or(|at| at < updated)
    }

    /// One change to one indicator: only that indicator's signal (and `updated`) change.
    /// Returns whether anything changed; the caller schedules the save.
    pub(super) fn change(&self, set: &IndicatorSet, indicator_id: &str, change: ResponseChange<'_>) -> Result<bool, AssessmentError> {
        let signal = self.response(indicator_id);
        let now = clock::now();
        let Some(after) = signal.with_untracked(|before| change_response(set, indicator_id, before, change, now))? else {
            return Ok(false);
        };
        let stamp = after.updated;
        signal.set(after);
        self.inner.with_value(|i| {
            if i.updated.get_untracked() < stamp {
                i.updated.set(stamp);
            }
            i.dirty.set(true);
            i.changed.notify();
        });
        Ok(true)
    }

    /// Makes the signals hold `a`, setting only those that differ. Returns whether any did.
    pub(super) fn absorb(&self, a: Assessment) -> bool {
        let (head, updated, responses) = split(a);
        self.inner.with_value(|i| {
            let mut any = false;
            if i.head.with_untracked(|h| *h != head) {
                i.head.set(head);
                any = true;
            }
            if i.updated.get_untracked() != updated {
                i.updated.set(updated);
                any = true;
            }
            let mut to_set = Vec::new();
            {
                let mut map = i.responses.borrow_mut();
                // Responses that are gone from `a` (never the case for a merge) become empty.
                for (id, signal) in map.iter() {
                    if !responses.contains_key(id) && signal.with_untracked(|r| *r != Response::default()) {
                        to_set.push((signal.clone(), Response::default()));
                    }
                }
                for (id, r) in responses {
                    let signal = map.entry(id).or_insert_with(|| ArcRwSignal::new(Response::default())).clone();
                    if signal.with_untracked(|now| *now != r) {
                        to_set.push((signal, r));
                    }
                }
            }
            any |= !to_set.is_empty();
            for (signal, r) in to_set {
                signal.set(r);
            }
            if any {
                i.changed.notify();
            }
            any
        })
    }

    /// A change made to the whole (rename, population, export mark…): applied to a copy and
    /// taken back in. Returns whether anything changed.
    pub(super) fn edit_whole(&self, change: impl FnOnce(&mut Assessment) -> Result<(), AssessmentError>) -> Result<bool, AssessmentError> {
        let mut a = self.snapshot_untracked();
        let before = a.clone();
        change(&mut a)?;
        if a == before {
            return Ok(false);
        }
        self.absorb(a);
        self.mark_dirty();
        Ok(true)
    }

    pub(super) fn mark_dirty(&self) {
        self.inner.with_value(|i| i.dirty.set(true));
    }

    /// Takes the dirty mark: true when there is something to save.
    pub(super) fn take_dirty(&self) -> bool {
        self.inner.try_with_value(|i| i.dirty.replace(false)).unwrap_or(false)
    }

    pub(super) fn last_seen(&self) -> Option<u64> {
        self.inner.with_value(|i| i.last_seen.get())
    }

    pub(super) fn set_last_seen(&self, fingerprint: Option<u64>) {
        self.inner.with_value(|i| i.last_seen.set(fingerprint));
    }
}

/// The name of who changed an indicator last, and when.
pub type LastChange = (String, Timestamp);

type Parts = (Assessment, Timestamp, BTreeMap<String, Response>);

fn split(mut a: Assessment) -> Parts {
    let responses = std::mem::take(&mut a.responses);
    let updated = std::mem::replace(&mut a.updated, Timestamp(0));
    (a, updated, responses)
}
