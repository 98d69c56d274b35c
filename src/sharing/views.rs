//! What the pages show about the people working on a shared assessment, computed from the
//! replica with the domain's rules (`sync::presence`, `sync::history_view`,
//! `sync::handout_link`) and set on the assessment's handle (`AssessmentHandle::shared_views`),
//! where the pages read it. The session calls [`show`] whenever the replica changes. Presence
//! also fades with time: the changes it rests on (`Recent`, a quarter of an hour's) are kept
//! here and presence is recomputed from them every [`PRESENCE_REFRESH`] while anyone is present.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use blomlada_domain::answering::group_anchor;
use blomlada_domain::sync::handout_link::shared_handouts;
use blomlada_domain::sync::history_view::history_view;
use blomlada_domain::sync::presence::Recent;
use blomlada_domain::sync::Replica;
use blomlada_domain::IndicatorSet;
use leptos::prelude::set_timeout;

use super::device;
use crate::app_state::AssessmentHandle;
use crate::browser::clock;

/// How often "who is working where" is brought up to date when nothing arrives.
const PRESENCE_REFRESH: Duration = Duration::from_secs(30);

thread_local! {
    /// Per shared assessment shown (by id): its handle and the changes presence rests on.
    static RECENT: RefCell<HashMap<String, (AssessmentHandle, Recent)>> = RefCell::new(HashMap::new());
    static TICKING: Cell<bool> = const { Cell::new(false) };
    static ME: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn me() -> String {
    ME.with_borrow_mut(|me| me.get_or_insert_with(|| device::this_device().id).clone())
}

fn now_ms() -> u64 {
    u64::try_from(clock::now().0).unwrap_or(0)
}

/// Brings the handle's views up to date after the replica changed: the earlier values of the
/// indicators in `touched`, who works in each group, the link hand-outs.
pub fn show<'a>(handle: AssessmentHandle, set: &IndicatorSet, replica: &Replica, touched: impl IntoIterator<Item = &'a str>) {
    let touched: BTreeSet<&str> = touched.into_iter().collect();
    handle.shared_views(|views| {
        for id in touched {
            views.set_history(id, history_view(set, replica, id));
        }
        views.set_handouts(shared_handouts(replica));
    });
    let now = now_ms();
    let recent = Recent::of(set, replica, now);
    show_presence(handle, &recent, now);
    RECENT.with_borrow_mut(|r| r.insert(handle.id(), (handle, recent)));
    tick_later();
}

fn show_presence(handle: AssessmentHandle, recent: &Recent, now: u64) {
    let lines = recent.presence(&me(), now).into_iter().map(|(group, p)| (group_anchor(&group.area, &group.group), p)).collect();
    handle.shared_views(|views| views.set_presence(lines));
}

/// Recomputes presence after a pause, and again after that, while anyone may still be present.
fn tick_later() {
    if TICKING.with(|t| t.replace(true)) {
        return;
    }
    set_timeout(
        || {
            TICKING.with(|t| t.set(false));
            let now = now_ms();
            RECENT.with_borrow_mut(|all| {
                for (handle, recent) in all.values() {
                    show_presence(*handle, recent, now);
                }
                all.retain(|_, (_, recent)| !recent.is_over(now));
            });
            if RECENT.with_borrow(|all| !all.is_empty()) {
                tick_later();
            }
        },
        PRESENCE_REFRESH,
    );
}
