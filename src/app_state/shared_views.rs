//! What a shared assessment's pages show about the people working on it (issue 20): who is
//! working in each group, each indicator's replaced values, and the hand-outs made by link. The
//! sharing session computes them with the domain's rules and sets them here; the pages (the
//! answering page in the first module among them) only read. One signal per group and per
//! indicator, made on first ask and set only when the value differs, so a change wakes just the
//! group line or the indicator it concerns.

use std::cell::RefCell;
use std::collections::BTreeMap;

use blomlada_domain::sync::history_view::HistoryView;
use blomlada_domain::sync::presence::Presence;
use blomlada_domain::sync::Assignment;
use leptos::prelude::*;

#[derive(Default)]
pub struct SharedViews {
    /// By group anchor (`group_anchor(area, group)`).
    presence: RefCell<BTreeMap<String, ArcRwSignal<Presence>>>,
    /// By indicator id.
    history: RefCell<BTreeMap<String, ArcRwSignal<HistoryView>>>,
    handouts: RefCell<Option<ArcRwSignal<Vec<Assignment>>>>,
}

fn signal_of<T: Default + Send + Sync + 'static>(map: &RefCell<BTreeMap<String, ArcRwSignal<T>>>, key: &str) -> ArcRwSignal<T> {
    map.borrow_mut().entry(key.to_string()).or_insert_with(|| ArcRwSignal::new(T::default())).clone()
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: &ArcRwSignal<T>, value: T) {
    if signal.with_untracked(|now| *now != value) {
        signal.set(value);
    }
}

impl SharedViews {
    /// Who is working in the group with this anchor.
    pub fn presence(&self, anchor: &str) -> ArcRwSignal<Presence> {
        signal_of(&self.presence, anchor)
    }

    /// Sets every group's line: groups missing from `now` are empty.
    pub fn set_presence(&self, now: BTreeMap<String, Presence>) {
        let known: Vec<String> = self.presence.borrow().keys().cloned().collect();
        for anchor in known.iter().filter(|a| !now.contains_key(*a)) {
            set_if_changed(&self.presence(anchor), Presence::default());
        }
        for (anchor, p) in now {
            set_if_changed(&self.presence(&anchor), p);
        }
    }

    /// The indicator's replaced values.
    pub fn history(&self, indicator_id: &str) -> ArcRwSignal<HistoryView> {
        signal_of(&self.history, indicator_id)
    }

    pub fn set_history(&self, indicator_id: &str, view: HistoryView) {
        set_if_changed(&self.history(indicator_id), view);
    }

    /// The hand-outs made by link, as the shared log holds them.
    pub fn handouts(&self) -> ArcRwSignal<Vec<Assignment>> {
        self.handouts.borrow_mut().get_or_insert_with(|| ArcRwSignal::new(Vec::new())).clone()
    }

    pub fn set_handouts(&self, now: Vec<Assignment>) {
        set_if_changed(&self.handouts(), now);
    }
}
