//! What the pages show about the people working on a shared assessment, computed from the
//! replica with the domain's rules (`sync::presence`, `sync::history_view`,
//! `sync::handout_link`) and set on the assessment's handle (`AssessmentHandle::shared_views`),
//! where the pages read it. The session calls [`show`] whenever the replica changes; presence
//! also fades with time, so it is recomputed every [`PRESENCE_REFRESH`] while sessions run.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use blomlada_domain::answering::group_anchor;
use blomlada_domain::sync::handout_link::shared_handouts;
use blomlada_domain::sync::history_view::history_view;
use blomlada_domain::sync::presence::presence;
use blomlada_domain::sync::Replica;
use blomlada_domain::IndicatorSet;
use leptos::prelude::set_timeout;

use super::{device, session};
use crate::app_state::AssessmentHandle;

/// How often "who is working where" is brought up to date when nothing arrives.
const PRESENCE_REFRESH: Duration = Duration::from_secs(30);

thread_local! {
    /// The shared assessments shown, by id: their handle and set (for the refresh).
    static FOLLOWED: RefCell<HashMap<String, (AssessmentHandle, Arc<IndicatorSet>)>> = RefCell::new(HashMap::new());
    static TICKING: Cell<bool> = const { Cell::new(false) };
    static ME: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn me() -> String {
    ME.with_borrow_mut(|me| me.get_or_insert_with(|| device::this_device().id).clone())
}

/// Brings the handle's views up to date after the replica changed: the earlier values of the
/// indicators in `touched`, who works in each group, the link hand-outs.
pub fn show<'a>(handle: AssessmentHandle, set: &Arc<IndicatorSet>, replica: &Replica, touched: impl IntoIterator<Item = &'a str>) {
    FOLLOWED.with_borrow_mut(|f| {
        f.insert(handle.id(), (handle, set.clone()));
    });
    tick_later();
    let touched: BTreeSet<&str> = touched.into_iter().collect();
    handle.shared_views(|views| {
        for id in touched {
            views.set_history(id, history_view(set, replica, id));
        }
        views.set_handouts(shared_handouts(replica));
    });
    show_presence(handle, set, replica);
}

fn show_presence(handle: AssessmentHandle, set: &IndicatorSet, replica: &Replica) {
    let now = presence(set, replica, &me(), session::now_ms())
        .into_iter()
        .map(|(group, p)| (group_anchor(&group.area, &group.group), p))
        .collect();
    handle.shared_views(|views| views.set_presence(now));
}

/// Recomputes presence for every followed assessment after a pause, and again after that, for
/// as long as any session runs.
fn tick_later() {
    if TICKING.with(|t| t.replace(true)) {
        return;
    }
    set_timeout(
        || {
            TICKING.with(|t| t.set(false));
            let followed: Vec<(String, AssessmentHandle, Arc<IndicatorSet>)> =
                FOLLOWED.with_borrow(|f| f.iter().map(|(id, (h, s))| (id.clone(), *h, s.clone())).collect());
            for (id, handle, set) in followed {
                if session::with_replica(&id, |replica, _| show_presence(handle, &set, replica)).is_none() {
                    // The session ended (stopped sharing): its lines go.
                    FOLLOWED.with_borrow_mut(|f| f.remove(&id));
                    handle.shared_views(|views| views.set_presence(Default::default()));
                }
            }
            if FOLLOWED.with_borrow(|f| !f.is_empty()) {
                tick_later();
            }
        },
        PRESENCE_REFRESH,
    );
}
