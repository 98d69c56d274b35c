//! Where a device's session of a shared assessment starts from. While no session runs (the app
//! loading, another tab leading, the sharing code not yet fetched) the assessment can still be
//! edited here; the stored replica holds what was synced. Starting must lose neither: per
//! indicator (and for the title, kommun and the like) the later of the two wins, and whatever
//! local edit survives is sent as a change of this device.

use crate::answers::assessment::Assessment;

use super::replica::Replica;

/// The assessment to show and the baseline the next local diff is taken against.
#[derive(Debug, Clone, PartialEq)]
pub struct Resumed {
    /// What the page shows from now on: the replica, and local edits newer than it.
    pub merged: Assessment,
    /// What the replica alone says: a diff of `merged` against it is exactly the local edits that
    /// still have to be sent.
    pub baseline: Assessment,
}

/// The start of a session from `current` (the assessment as this browser holds it) and the
/// stored `replica`.
pub fn resume(replica: &Replica, current: &Assessment) -> Resumed {
    let baseline = replica.to_assessment(current);
    // `to_assessment` dates each response with the later of its local time and its stamps, so
    // a local edit newer than every stamp keeps its own time and wins the merge below.
    let merged = current.merge(&baseline);
    Resumed { merged, baseline }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::timestamp::Timestamp;
    use crate::sets::indicator_set::tests::sample;
    use crate::sync::clock::Clock;
    use crate::sync::diff::diff;

    const A: &str = "tjanster.skola.gymnasium";
    const B: &str = "tjanster.skola.franvaro";

    /// A replica with answers to A and B recorded at `at_ms`, and the assessment it makes.
    fn synced(at_ms: u64) -> (Replica, Assessment) {
        let set = sample();
        let mut local = new_assessment();
        local.answer(&set, A, Some("delvis"), Timestamp(at_ms as i64)).unwrap();
        local.answer(&set, B, Some("delvis"), Timestamp(at_ms as i64)).unwrap();
        let mut replica = Replica::new();
        let mut clock = Clock::new("dev");
        replica.record(&set, "Anna", diff(&new_assessment(), &local), &mut clock, at_ms).unwrap();
        let view = replica.to_assessment(&local);
        (replica, view)
    }

    #[test]
    fn an_edit_made_while_no_session_ran_survives_the_start_and_is_sent() {
        let set = sample();
        let (replica, mut current) = synced(1_000_000);
        current.answer(&set, A, Some("helt"), Timestamp(2_000_000)).unwrap();
        let resumed = resume(&replica, &current);
        assert_eq!(resumed.merged.answer_of(A), Some("helt"), "the later local edit stays");
        assert_eq!(resumed.baseline.answer_of(A), Some("delvis"));
        let to_send = diff(&resumed.baseline, &resumed.merged);
        assert_eq!(to_send.len(), 1, "{to_send:?}");
        assert!(format!("{to_send:?}").contains(A));
    }

    #[test]
    fn a_newer_synced_value_replaces_an_older_local_one() {
        let set = sample();
        let (mut replica, mut current) = synced(1_000_000);
        // Locally B was changed long ago; the replica has a later change of B from elsewhere.
        current.answer(&set, B, Some("inte"), Timestamp(1_500_000)).unwrap();
        let mut clock = Clock::new("other");
        let mut elsewhere = replica.to_assessment(&current);
        elsewhere.answer(&set, B, Some("helt"), Timestamp(3_000_000)).unwrap();
        let edits = diff(&replica.to_assessment(&current), &elsewhere);
        replica.record(&set, "Bo", edits, &mut clock, 3_000_000).unwrap();
        let resumed = resume(&replica, &current);
        assert_eq!(resumed.merged.answer_of(B), Some("helt"));
        assert!(diff(&resumed.baseline, &resumed.merged).is_empty(), "nothing of ours left to send");
    }

    #[test]
    fn with_nothing_new_on_either_side_nothing_is_sent() {
        let (replica, current) = synced(1_000_000);
        let resumed = resume(&replica, &current);
        assert_eq!(resumed.merged, current);
        assert!(diff(&resumed.baseline, &resumed.merged).is_empty());
    }
}
