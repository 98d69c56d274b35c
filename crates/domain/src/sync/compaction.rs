//! When a device hands the server a snapshot of the whole replica, so the server can drop the
//! changes it covers and a long-lived share stays small (the server keeps at most 20 000
//! changes per share). The snapshot holds every register with its history, so compaction loses
//! nothing anyone typed.

use super::replica::MAX_SNAPSHOT_BYTES;

/// Changes read since the last snapshot after which the next is due: one snapshot per a few
/// hundred changes keeps a joining device's download small and costs each writer little.
pub const SNAPSHOT_EVERY: u64 = 200;

/// AES-GCM's nonce (12 bytes) and tag (16 bytes) around the plaintext.
const SEAL_OVERHEAD: usize = 12 + 16;

/// What the device knows when it decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogPosition {
    /// The server's number of the last change this device has merged, all before it included.
    pub merged: u64,
    /// What the last snapshot this device knows of covers.
    pub covered: u64,
    /// The server refused a change because the share holds as many changes as it may.
    pub share_full: bool,
}

/// Why no snapshot is posted now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotDue {
    /// Too few changes since the last snapshot.
    Early,
    /// The replica is larger than the server takes as one snapshot: the log stays as it is.
    TooLarge { plaintext: usize, limit: usize },
}

/// The largest snapshot plaintext the server takes once sealed.
pub const MAX_SNAPSHOT_PLAINTEXT: usize = MAX_SNAPSHOT_BYTES - SEAL_OVERHEAD;

/// Whether enough has come since the last snapshot for the next one, before anything is
/// serialised: checked on every delivery, so it must cost nothing.
pub fn enough_since_last(at: LogPosition) -> bool {
    let behind = at.merged.saturating_sub(at.covered);
    behind > 0 && (behind >= SNAPSHOT_EVERY || at.share_full)
}

/// Whether to post a snapshot of `plaintext_len` bytes covering `at.merged`; `Ok(covers)` when so.
pub fn snapshot_due(at: LogPosition, plaintext_len: usize) -> Result<u64, NotDue> {
    if !enough_since_last(at) {
        return Err(NotDue::Early);
    }
    if plaintext_len > MAX_SNAPSHOT_PLAINTEXT {
        return Err(NotDue::TooLarge { plaintext: plaintext_len, limit: MAX_SNAPSHOT_PLAINTEXT });
    }
    Ok(at.merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(merged: u64, covered: u64, share_full: bool) -> LogPosition {
        LogPosition { merged, covered, share_full }
    }

    #[test]
    fn a_snapshot_is_due_every_few_hundred_changes() {
        assert_eq!(snapshot_due(at(199, 0, false), 1000), Err(NotDue::Early));
        // The cheap check the app makes before serialising anything agrees.
        assert!(!enough_since_last(at(199, 0, false)) && enough_since_last(at(200, 0, false)));
        assert!(!enough_since_last(at(20_000, 20_000, true)) && enough_since_last(at(20_001, 20_000, true)));
        assert_eq!(snapshot_due(at(200, 0, false), 1000), Ok(200));
        assert_eq!(snapshot_due(at(399, 200, false), 1000), Err(NotDue::Early));
        assert_eq!(snapshot_due(at(450, 200, false), 1000), Ok(450));
    }

    #[test]
    fn a_full_share_gets_one_at_once_unless_nothing_is_new() {
        assert_eq!(snapshot_due(at(20_010, 20_000, true), 1000), Ok(20_010));
        assert_eq!(snapshot_due(at(20_000, 20_000, true), 1000), Err(NotDue::Early), "it covers nothing new");
        // Another device's snapshot this one has not seen yet covers more: nothing to post.
        assert_eq!(snapshot_due(at(300, 500, false), 1000), Err(NotDue::Early));
    }

    #[test]
    fn a_replica_the_server_would_refuse_is_not_sent() {
        assert_eq!(snapshot_due(at(1000, 0, false), MAX_SNAPSHOT_PLAINTEXT), Ok(1000));
        assert_eq!(
            snapshot_due(at(1000, 0, false), MAX_SNAPSHOT_PLAINTEXT + 1),
            Err(NotDue::TooLarge { plaintext: MAX_SNAPSHOT_PLAINTEXT + 1, limit: MAX_SNAPSHOT_PLAINTEXT })
        );
    }

    use crate::sync::change::{Change, Field, Target, Value};
    use crate::sync::clock::Stamp;
    use crate::sync::replica::Replica;

    /// A whole eBlomlådan 2026 assessment (124 indicators) answered by three people: each answer
    /// set three times, a comment of `comment_chars` written twice, an evidence link.
    fn full(comment_chars: usize, c: char) -> Replica {
        let set = crate::IndicatorSet::parse(include_str!("../../../../indicators/eblomlada/2026.json"), "2026.json").unwrap();
        let mut r = Replica::new();
        let mut wall = 1_800_000_000_000u64;
        let mut put = |r: &mut Replica, id: &str, field: Field, value: Value, who: usize| {
            wall += 1;
            let authors = ["Anna, socialförvaltningen", "Bertil, skolförvaltningen", "Cecilia, IT-avdelningen"];
            let stamp = Stamp { wall_ms: wall, counter: 0, device: format!("device-{who}-0123456789abcdef") };
            r.apply(&set, authors[who], &Change { stamp, target: Target::indicator(id, field), value }).unwrap();
        };
        let ids: Vec<String> = set.placed().map(|p| p.indicator.id.clone()).collect();
        assert_eq!(ids.len(), 124);
        for id in &ids {
            for (who, answer) in ["inte", "delvis", "helt"].iter().enumerate() {
                put(&mut r, id, Field::Answer, Value::Text((*answer).into()), who);
            }
            for who in 0..2 {
                put(&mut r, id, Field::Comment, Value::Text(c.to_string().repeat(comment_chars)), who);
            }
            put(&mut r, id, Field::Evidence, Value::Text(format!("https://intranat.example.se/digitalisering/{id}")), 2);
        }
        r
    }

    #[test]
    fn a_whole_assessment_with_history_and_comments_fits_one_snapshot_and_the_longest_comments_do_not() {
        let size = |r: &Replica| r.snapshot().to_json().len();
        let (typical, long) = (size(&full(400, 'å')), size(&full(2000, 'e')));
        // Printed for the record (`--nocapture`): the sizes a real share's snapshot has.
        println!(
            "snapshot of 124 indicators, 3 answers and 2 comments each: 400-char comments {typical} bytes; 2000-char comments {long} bytes"
        );
        assert_eq!(snapshot_due(at(1000, 0, false), typical), Ok(1000));
        assert_eq!(snapshot_due(at(1000, 0, false), long), Ok(1000));
        // 4000 characters of 4 bytes, twice on every indicator: over the limit, the log stays.
        let worst = size(&full(4000, '😀'));
        assert!(matches!(snapshot_due(at(1000, 0, false), worst), Err(NotDue::TooLarge { .. })));
    }
}
