//! Who is working where (issue 20 part 3): for each group of a shared assessment, the people
//! whose devices changed something in it lately, for the answering page's group list.
//!
//! "Lately" is by the changes' stamps, read against this device's clock: a change within
//! [`PRESENCE_WINDOW_MS`] before now counts. A stamp ahead of now counts too, up to the same
//! window (devices' clocks differ by minutes); one further ahead is a wrong clock, not a person
//! at work, and would otherwise keep a name up for as long as that clock is wrong. A person is
//! a device (its id in the stamps), shown by the name its latest change in the group carries.

use std::collections::{BTreeMap, HashMap};

use crate::sets::indicator_set::IndicatorSet;
use crate::sync::clock::Stamp;
use crate::sync::groups::GroupRef;
use crate::sync::replica::Replica;

/// How long after their last change someone still counts as working in a group.
pub const PRESENCE_WINDOW_MS: u64 = 15 * 60 * 1000;
/// Names shown per group; the rest are counted ("och 2 till").
pub const MAX_NAMES_SHOWN: usize = 3;

/// One person working in a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Present {
    /// The name their device gave itself (as their latest change carries it).
    pub name: String,
    /// This device: the page says "du" rather than the name.
    pub you: bool,
}

/// Who works in one group: at most [`MAX_NAMES_SHOWN`], others first (latest change first),
/// this device last; `more` counts those not shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Presence {
    pub names: Vec<Present>,
    pub more: usize,
}

impl Presence {
    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.more == 0
    }
}

/// Per device id: its latest recent stamp in a group and the name that change carries.
type Devices<'a> = HashMap<&'a str, (&'a Stamp, &'a str)>;

/// Whether a change stamped at `wall_ms` is recent at `now_ms` (see the module's note).
pub fn is_recent(wall_ms: u64, now_ms: u64) -> bool {
    wall_ms.saturating_add(PRESENCE_WINDOW_MS) >= now_ms && wall_ms <= now_ms.saturating_add(PRESENCE_WINDOW_MS)
}

/// One change that counts for presence: in which group, by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Activity {
    group: GroupRef,
    stamp: Stamp,
    name: String,
}

/// The changes of a replica that are recent now or may still be later (none older than the
/// window): what presence is computed from as time passes, without the replica. Small: only
/// the last quarter of an hour's changes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recent {
    changes: Vec<Activity>,
}

impl Recent {
    /// The replica's changes that are not too old at `now_ms`; changes to indicators the set
    /// lacks count nowhere.
    pub fn of(set: &IndicatorSet, replica: &Replica, now_ms: u64) -> Recent {
        let group_of: HashMap<&str, (&str, &str)> =
            set.placed().map(|p| (p.indicator.id.as_str(), (p.area.id.as_str(), p.group.id.as_str()))).collect();
        let mut changes = Vec::new();
        for (target, register) in replica.registers() {
            let Some((area, group)) = target.indicator_id().and_then(|id| group_of.get(id)) else { continue };
            for entry in register.entries().iter().filter(|e| e.stamp.wall_ms.saturating_add(PRESENCE_WINDOW_MS) >= now_ms) {
                changes.push(Activity { group: GroupRef::new(area, group), stamp: entry.stamp.clone(), name: entry.author.clone() });
            }
        }
        Recent { changes }
    }

    /// Whether no change can make anyone present any more.
    pub fn is_over(&self, now_ms: u64) -> bool {
        self.changes.iter().all(|c| c.stamp.wall_ms.saturating_add(PRESENCE_WINDOW_MS) < now_ms)
    }

    /// Who is working in each group at `now_ms`, this device being `me` (its id). Groups where
    /// no one is are left out.
    pub fn presence(&self, me: &str, now_ms: u64) -> BTreeMap<GroupRef, Presence> {
        // Per group, per device: its latest recent stamp and the name that change carries.
        let mut latest: BTreeMap<&GroupRef, Devices<'_>> = BTreeMap::new();
        for change in self.changes.iter().filter(|c| is_recent(c.stamp.wall_ms, now_ms)) {
            let devices = latest.entry(&change.group).or_default();
            let slot = devices.entry(change.stamp.device.as_str()).or_insert((&change.stamp, change.name.as_str()));
            if change.stamp > *slot.0 {
                *slot = (&change.stamp, change.name.as_str());
            }
        }
        latest
            .into_iter()
            .map(|(group, devices)| {
                let mut people: Vec<(bool, &Stamp, &str)> =
                    devices.into_iter().map(|(device, (stamp, name))| (device == me, stamp, name)).collect();
                // Others before this device; among them the latest change first.
                people.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)));
                let more = people.len().saturating_sub(MAX_NAMES_SHOWN);
                let names =
                    people.into_iter().take(MAX_NAMES_SHOWN).map(|(you, _, name)| Present { name: name.to_string(), you }).collect();
                (group.clone(), Presence { names, more })
            })
            .collect()
    }
}

/// Who is working in each group at `now_ms`, this device being `me` (its id).
pub fn presence(set: &IndicatorSet, replica: &Replica, me: &str, now_ms: u64) -> BTreeMap<GroupRef, Presence> {
    Recent::of(set, replica, now_ms).presence(me, now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sets::indicator_set::tests::sample;
    use crate::sync::change::{Change, Field, Target, Value};

    const NOW: u64 = 1_780_000_000_000;
    const MINUTE: u64 = 60_000;

    fn change(indicator: &str, device: &str, wall_ms: u64) -> Change {
        Change {
            stamp: Stamp { wall_ms, counter: 0, device: device.into() },
            target: Target::indicator(indicator, Field::Comment),
            value: Value::Text(format!("{device} {wall_ms}")),
        }
    }

    fn shown(p: &Presence) -> (Vec<(&str, bool)>, usize) {
        (p.names.iter().map(|n| (n.name.as_str(), n.you)).collect(), p.more)
    }

    #[test]
    fn a_group_lists_who_changed_something_in_it_lately_latest_first_and_you_last() {
        let set = sample();
        let mut r = Replica::new();
        let skola = "tjanster.skola.gymnasium";
        r.apply(&set, "Anna", &change(skola, "me", NOW - MINUTE)).unwrap();
        r.apply(&set, "Bo", &change(skola, "bo", NOW - 10 * MINUTE)).unwrap();
        r.apply(&set, "Cia", &change("tjanster.skola.franvaro", "cia", NOW - 2 * MINUTE)).unwrap();
        // Too long ago; and a change outside the group.
        r.apply(&set, "Dan", &change(skola, "dan", NOW - 16 * MINUTE)).unwrap();
        r.apply(&set, "Eva", &change("it.bredband", "eva", NOW)).unwrap();
        let p = presence(&set, &r, "me", NOW);
        assert_eq!(shown(&p[&GroupRef::new("tjanster", "skola")]), (vec![("Cia", false), ("Bo", false), ("Anna", true)], 0));
        assert_eq!(shown(&p[&GroupRef::new("it", "it")]), (vec![("Eva", false)], 0));
        assert_eq!(p.len(), 2, "no one in the other groups");
        // Ten minutes later Bo's change is older than the window, and Dan never counted.
        let later = presence(&set, &r, "me", NOW + 6 * MINUTE);
        assert_eq!(shown(&later[&GroupRef::new("tjanster", "skola")]), (vec![("Cia", false), ("Anna", true)], 0));
    }

    #[test]
    fn one_device_is_one_person_under_its_latest_name_and_names_beyond_three_are_counted() {
        let set = sample();
        let mut r = Replica::new();
        let id = "it.bredband";
        let it = GroupRef::new("it", "it");
        r.apply(&set, "Bo", &change(id, "bo", NOW - 5 * MINUTE)).unwrap();
        r.apply(&set, "Bo, IT", &change("it.tvafaktor", "bo", NOW - 4 * MINUTE)).unwrap();
        assert_eq!(shown(&presence(&set, &r, "me", NOW)[&it]), (vec![("Bo, IT", false)], 0), "one person, the latest name");
        for (i, device) in ["d1", "d2", "d3"].iter().enumerate() {
            r.apply(&set, &format!("Person {i}"), &change(id, device, NOW - (3 - i as u64) * MINUTE / 2)).unwrap();
        }
        let p = presence(&set, &r, "me", NOW);
        assert_eq!(shown(&p[&it]), (vec![("Person 2", false), ("Person 1", false), ("Person 0", false)], 1));
        // Replaced values count as much as current ones: d2's and Bo's values are history now.
        r.apply(&set, "Fia", &change(id, "fia", NOW - MINUTE)).unwrap();
        r.apply(&set, "Fia", &change("it.tvafaktor", "fia", NOW - MINUTE + 1)).unwrap();
        assert_eq!(shown(&presence(&set, &r, "fia", NOW)[&it]), (vec![("Person 2", false), ("Person 1", false), ("Person 0", false)], 2));
        assert_eq!(shown(&presence(&set, &r, "d3", NOW)[&it]), (vec![("Fia", false), ("Person 1", false), ("Person 0", false)], 2));
    }

    #[test]
    fn what_was_recent_fades_as_time_passes_without_the_replica() {
        let set = sample();
        let mut r = Replica::new();
        r.apply(&set, "Bo", &change("it.bredband", "bo", NOW - 10 * MINUTE)).unwrap();
        r.apply(&set, "Cia", &change("it.tvafaktor", "cia", NOW - 2 * MINUTE)).unwrap();
        r.apply(&set, "Gammal", &change("it.tvafaktor", "old", NOW - 60 * MINUTE)).unwrap();
        let recent = Recent::of(&set, &r, NOW);
        assert_eq!(recent.changes.len(), 2, "the hour-old change is not kept");
        let it = GroupRef::new("it", "it");
        assert_eq!(shown(&recent.presence("me", NOW)[&it]), (vec![("Cia", false), ("Bo", false)], 0));
        assert_eq!(recent.presence("me", NOW + 6 * MINUTE), presence(&set, &r, "me", NOW + 6 * MINUTE));
        assert_eq!(shown(&recent.presence("me", NOW + 6 * MINUTE)[&it]), (vec![("Cia", false)], 0));
        assert!(!recent.is_over(NOW + 13 * MINUTE));
        assert!(recent.presence("me", NOW + 14 * MINUTE).is_empty());
        assert!(recent.is_over(NOW + 14 * MINUTE));
    }

    #[test]
    fn a_clock_far_ahead_is_not_presence_but_a_few_minutes_ahead_is() {
        let set = sample();
        let mut r = Replica::new();
        r.apply(&set, "Snabb", &change("it.bredband", "fast", NOW + 5 * MINUTE)).unwrap();
        r.apply(&set, "Fel", &change("it.tvafaktor", "wrong", NOW + 24 * 60 * MINUTE)).unwrap();
        let p = presence(&set, &r, "me", NOW);
        assert_eq!(shown(&p[&GroupRef::new("it", "it")]), (vec![("Snabb", false)], 0));
        assert!(is_recent(NOW - PRESENCE_WINDOW_MS, NOW) && !is_recent(NOW - PRESENCE_WINDOW_MS - 1, NOW));
        assert!(is_recent(NOW + PRESENCE_WINDOW_MS, NOW) && !is_recent(NOW + PRESENCE_WINDOW_MS + 1, NOW));
        assert!(presence(&set, &Replica::new(), "me", NOW).is_empty());
    }
}
