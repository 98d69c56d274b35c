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

    /// `tjanster/skola`: how files and the hand-out link's `del=` (comma-separated) name it.
    pub fn key(&self) -> String {
        format!("{}/{}", self.area, self.group)
    }

    /// The group a key names: `area/group`, or `area.group` as links made before 2026-12-05 wrote
    /// it (ids hold no `/`; of those old links only the first `.` separates).
    pub fn from_key(key: &str) -> Option<GroupRef> {
        let (area, group) = key.split_once('/').or_else(|| key.split_once('.'))?;
        (!area.is_empty() && !group.is_empty()).then(|| GroupRef::new(area, group))
    }
}

/// The indicators of the given groups, in the set's reading order: what a hand-out view shows.
pub fn indicators_of<'s>(set: &'s IndicatorSet, groups: &[GroupRef]) -> Vec<&'s str> {
    set.placed().filter(|p| groups.iter().any(|g| g.area == p.area.id && g.group == p.group.id)).map(|p| p.indicator.id.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_names_its_group_and_links_from_before_still_open() {
        let g = GroupRef::new("tjanster", "skola");
        assert_eq!(GroupRef::from_key(&g.key()), Some(g.clone()));
        assert_eq!(GroupRef::from_key("tjanster.skola"), Some(g));
        for bad in ["", "tjanster", "/skola", "tjanster/", "."] {
            assert_eq!(GroupRef::from_key(bad), None, "{bad:?}");
        }
    }
}
