//! A hand-out link (issue 20) opens with `?del=area/group,…`: just those groups are shown until
//! the user asks for all.

use blomlada_domain::sync::GroupRef;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Copy)]
pub(super) struct HandoutFilter {
    pub show_all: RwSignal<bool>,
    handed_out: StoredValue<Vec<GroupRef>>,
}

impl HandoutFilter {
    /// From the page's address.
    pub fn from_query() -> HandoutFilter {
        let handed_out: Vec<GroupRef> = use_query_map()
            .with_untracked(|q| q.get("del").map(|d| d.split(',').filter_map(GroupRef::from_key).collect()).unwrap_or_default());
        HandoutFilter { show_all: RwSignal::new(handed_out.is_empty()), handed_out: StoredValue::new(handed_out) }
    }

    pub fn visible(self, area: &str, group: &str) -> Signal<bool> {
        let key = GroupRef::new(area, group);
        Signal::derive(move || self.show_all.get() || self.handed_out.with_value(|h| h.contains(&key)))
    }
}
