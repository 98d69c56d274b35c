//! A group of the set as a hand-out names it, and the indicators of some groups: shared by the
//! hand-out (which hands groups out) and progress (which counts what was answered of them).

use serde::{Deserialize, Serialize};

use crate::sets::indicator_set::IndicatorSet;

/// One group of the set. Group ids are unique only within their area ("skola" is in two), so
/// a group is named by both; in links and files as `area/group` ([`GroupRef::key`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupRef {
    pub area: String,
    pub group: String,
}

impl GroupRef {
    pub fn new(area: &str, group: &str) -> GroupRef {
        GroupRef { area: area.to_string(), group: group.to_string() }
    }

    /// `tjanster/skola`: what the hand-out link's `del=` lists, comma-separated.
    pub fn key(&self) -> String {
        format!("{}/{}", self.area, self.group)
    }
}

/// The indicators of the given groups, in the set's reading order: what a hand-out view shows.
pub fn indicators_of<'s>(set: &'s IndicatorSet, groups: &[GroupRef]) -> Vec<&'s str> {
    set.placed().filter(|p| groups.iter().any(|g| g.area == p.area.id && g.group == p.group.id)).map(|p| p.indicator.id.as_str()).collect()
}
