//! The shares' SQL: one row per share in `shares`, its changes in `share_changes` (schema in
//! `migrations.rs`). Times are Unix milliseconds.
//!
//! Every write is one immediate transaction on the server's one connection (WAL,
//! `synchronous=FULL`), so a 201 means the change is on disk. A deleted share keeps only a
//! tombstone (id and times, no secret, no data) so readers can be told it is gone; tombstones
//! are purged after another expiry period.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::secret;
use crate::db::DbError;
use crate::share_live::limits::{MAX_CHANGES_PER_SHARE, MAX_CHANGE_BYTES_PER_SHARE};

/// Why a share request was not carried out (each maps to one API error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotFound,
    Deleted,
    WrongSecret,
    /// Too many changes (or change bytes) stored; a snapshot makes room.
    Full,
    /// A snapshot must cover at least what the stored one covers …
    StaleSnapshot {
        covers: i64,
    },
    /// … and no more than the share has.
    CoversAhead {
        latest: i64,
    },
}

pub type Outcome<T> = Result<T, Refusal>;

/// One stored change, as the ciphertext bytes that were sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub seq: i64,
    pub data: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub covers: i64,
    pub data: Vec<u8>,
}

/// What a read returns: the snapshot when the reader is behind it, then changes in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub snapshot: Option<Snapshot>,
    pub changes: Vec<Change>,
    pub latest: i64,
    pub more: bool,
}

struct Live {
    write_hash: Vec<u8>,
    touched_at: i64,
    last_seq: i64,
    stored_changes: i64,
    stored_bytes: i64,
    snapshot_covers: Option<i64>,
}

/// The share's row if it is live; its refusal if it is deleted or unknown.
fn live(conn: &Connection, id: &str) -> Result<Outcome<Live>, DbError> {
    let row = conn
        .query_row(
            "SELECT write_hash, touched_at, last_seq, stored_changes, stored_bytes, snapshot_covers, deleted_at
             FROM shares WHERE id = ?1",
            params![id],
            |r| {
                let deleted: Option<i64> = r.get(6)?;
                Ok(deleted.map(|_| Err(Refusal::Deleted)).unwrap_or(Ok(Live {
                    write_hash: r.get::<_, Option<Vec<u8>>>(0)?.unwrap_or_default(),
                    touched_at: r.get(1)?,
                    last_seq: r.get(2)?,
                    stored_changes: r.get(3)?,
                    stored_bytes: r.get(4)?,
                    snapshot_covers: r.get(5)?,
                })))
            },
        )
        .optional()?;
    Ok(row.unwrap_or(Err(Refusal::NotFound)))
}

fn authorized(conn: &Connection, id: &str, secret_hash: &[u8]) -> Result<Outcome<Live>, DbError> {
    Ok(live(conn, id)?
        .and_then(|share| if secret::matches(&share.write_hash, secret_hash) { Ok(share) } else { Err(Refusal::WrongSecret) }))
}

pub fn create(conn: &Connection, id: &str, write_hash: &[u8], now: i64) -> Result<(), DbError> {
    conn.execute("INSERT INTO shares (id, write_hash, created_at, touched_at) VALUES (?1, ?2, ?3, ?3)", params![id, write_hash, now])?;
    Ok(())
}

/// Appends one change; its sequence number on success.
pub fn append(conn: &mut Connection, id: &str, secret_hash: &[u8], data: &[u8], now: i64) -> Result<Outcome<i64>, DbError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let share = match authorized(&tx, id, secret_hash)? {
        Ok(share) => share,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let len = data.len() as i64;
    if share.stored_changes >= MAX_CHANGES_PER_SHARE || share.stored_bytes + len > MAX_CHANGE_BYTES_PER_SHARE {
        return Ok(Err(Refusal::Full));
    }
    let seq = share.last_seq + 1;
    tx.execute("INSERT INTO share_changes (share_id, seq, data, created_at) VALUES (?1, ?2, ?3, ?4)", params![id, seq, data, now])?;
    tx.execute(
        "UPDATE shares SET last_seq = ?2, stored_changes = stored_changes + 1, stored_bytes = stored_bytes + ?3, touched_at = ?4
         WHERE id = ?1",
        params![id, seq, len, now],
    )?;
    tx.commit()?;
    Ok(Ok(seq))
}

/// Reads the changes after `after` (with the snapshot first when `after` is behind it), at
/// most `max_changes` and about `max_bytes`. Refreshes `touched_at` when it is older than
/// `touch_before` (reading keeps a share alive, without a write per read).
pub fn read(
    conn: &Connection,
    id: &str,
    after: i64,
    max_changes: usize,
    max_bytes: usize,
    now: i64,
    touch_before: i64,
) -> Result<Outcome<Page>, DbError> {
    let share = match live(conn, id)? {
        Ok(share) => share,
        Err(refusal) => return Ok(Err(refusal)),
    };
    touch(conn, id, &share, now, touch_before)?;
    let snapshot = match share.snapshot_covers {
        Some(covers) if after < covers => {
            Some(conn.query_row("SELECT snapshot_covers, snapshot_data FROM shares WHERE id = ?1", params![id], |r| {
                Ok(Snapshot { covers: r.get(0)?, data: r.get(1)? })
            })?)
        }
        _ => None,
    };
    let from = snapshot.as_ref().map_or(after, |s| s.covers);
    let mut stmt = conn.prepare_cached("SELECT seq, data FROM share_changes WHERE share_id = ?1 AND seq > ?2 ORDER BY seq")?;
    let mut rows = stmt.query(params![id, from])?;
    let (mut changes, mut bytes, mut more) = (Vec::new(), 0usize, false);
    while let Some(row) = rows.next()? {
        if changes.len() >= max_changes || (bytes >= max_bytes && !changes.is_empty()) {
            more = true;
            break;
        }
        let data: Vec<u8> = row.get(1)?;
        bytes += data.len();
        changes.push(Change { seq: row.get(0)?, data });
    }
    Ok(Ok(Page { snapshot, changes, latest: share.last_seq, more }))
}

/// Stores a snapshot covering changes 1..=covers and drops those changes. Returns how many
/// were dropped and the share's latest sequence number.
pub fn put_snapshot(
    conn: &mut Connection,
    id: &str,
    secret_hash: &[u8],
    covers: i64,
    data: &[u8],
    now: i64,
) -> Result<Outcome<(usize, i64)>, DbError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let share = match authorized(&tx, id, secret_hash)? {
        Ok(share) => share,
        Err(refusal) => return Ok(Err(refusal)),
    };
    if covers > share.last_seq {
        return Ok(Err(Refusal::CoversAhead { latest: share.last_seq }));
    }
    // An older snapshot would stand for changes a newer one already dropped: they would be lost.
    if let Some(current) = share.snapshot_covers.filter(|c| covers < *c) {
        return Ok(Err(Refusal::StaleSnapshot { covers: current }));
    }
    let dropped = tx.execute("DELETE FROM share_changes WHERE share_id = ?1 AND seq <= ?2", params![id, covers])?;
    let (count, bytes): (i64, i64) =
        tx.query_row("SELECT COUNT(*), COALESCE(SUM(LENGTH(data)), 0) FROM share_changes WHERE share_id = ?1", params![id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    tx.execute(
        "UPDATE shares SET snapshot_covers = ?2, snapshot_data = ?3, stored_changes = ?4, stored_bytes = ?5, touched_at = ?6
         WHERE id = ?1",
        params![id, covers, data, count, bytes, now],
    )?;
    tx.commit()?;
    Ok(Ok((dropped, share.last_seq)))
}

/// Deletes every change and the snapshot, and leaves a tombstone (no secret, no data).
pub fn delete(conn: &mut Connection, id: &str, secret_hash: &[u8], now: i64) -> Result<Outcome<()>, DbError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Err(refusal) = authorized(&tx, id, secret_hash)? {
        return Ok(Err(refusal));
    }
    bury(&tx, id, now)?;
    tx.commit()?;
    Ok(Ok(()))
}

fn bury(conn: &Connection, id: &str, now: i64) -> Result<(), DbError> {
    conn.execute("DELETE FROM share_changes WHERE share_id = ?1", params![id])?;
    conn.execute(
        "UPDATE shares SET write_hash = NULL, snapshot_covers = NULL, snapshot_data = NULL, stored_changes = 0, stored_bytes = 0,
             deleted_at = ?2
         WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

/// Shares deleted for expiry per sweep transaction: a long sweep lets other writes in between.
pub const SWEEP_BATCH: usize = 100;

/// Deletes (leaving tombstones) up to `SWEEP_BATCH` live shares untouched since before
/// `untouched_before`, and purges tombstones older than `buried_before`. Returns the ids deleted.
pub fn sweep(conn: &mut Connection, untouched_before: i64, buried_before: i64, now: i64) -> Result<Vec<String>, DbError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let ids: Vec<String> = {
        let mut stmt = tx.prepare("SELECT id FROM shares WHERE deleted_at IS NULL AND touched_at < ?1 ORDER BY touched_at LIMIT ?2")?;
        let rows = stmt.query_map(params![untouched_before, SWEEP_BATCH as i64], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for id in &ids {
        bury(&tx, id, now)?;
    }
    tx.execute("DELETE FROM shares WHERE deleted_at IS NOT NULL AND deleted_at < ?1", params![buried_before])?;
    tx.commit()?;
    Ok(ids)
}

/// Whether the share exists and is live (for opening a stream); refreshes `touched_at` as
/// `read` does.
pub fn visit(conn: &Connection, id: &str, now: i64, touch_before: i64) -> Result<Outcome<()>, DbError> {
    let share = match live(conn, id)? {
        Ok(share) => share,
        Err(refusal) => return Ok(Err(refusal)),
    };
    touch(conn, id, &share, now, touch_before)?;
    Ok(Ok(()))
}

fn touch(conn: &Connection, id: &str, share: &Live, now: i64, touch_before: i64) -> Result<(), DbError> {
    if share.touched_at < touch_before {
        conn.execute("UPDATE shares SET touched_at = ?2 WHERE id = ?1 AND touched_at < ?2", params![id, now])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::migrations::migrate(&mut conn, "2026-01-01T00:00:00Z").unwrap();
        conn
    }

    fn read_all(conn: &Connection, id: &str, after: i64) -> Outcome<Page> {
        read(conn, id, after, 1000, 1 << 20, 0, 0).unwrap()
    }

    #[test]
    fn changes_are_numbered_per_share_and_read_in_order() {
        let mut conn = db();
        let h = secret::hash("s");
        create(&conn, "a", &h, 1).unwrap();
        create(&conn, "b", &h, 1).unwrap();
        assert_eq!(append(&mut conn, "a", &h, b"one", 2).unwrap(), Ok(1));
        assert_eq!(append(&mut conn, "a", &h, b"two", 3).unwrap(), Ok(2));
        assert_eq!(append(&mut conn, "b", &h, b"uno", 3).unwrap(), Ok(1));
        let page = read_all(&conn, "a", 0).unwrap();
        assert_eq!(page.changes, vec![Change { seq: 1, data: b"one".to_vec() }, Change { seq: 2, data: b"two".to_vec() }]);
        assert_eq!((page.latest, page.more, page.snapshot), (2, false, None));
        assert_eq!(read_all(&conn, "a", 1).unwrap().changes.len(), 1);
        assert_eq!(append(&mut conn, "a", &secret::hash("wrong"), b"x", 4).unwrap(), Err(Refusal::WrongSecret));
        assert_eq!(append(&mut conn, "zz", &h, b"x", 4).unwrap(), Err(Refusal::NotFound));
    }

    #[test]
    fn pages_are_bounded_by_count_and_bytes() {
        let mut conn = db();
        let h = secret::hash("s");
        create(&conn, "a", &h, 1).unwrap();
        for _ in 0..5 {
            append(&mut conn, "a", &h, &[0; 100], 2).unwrap().unwrap();
        }
        let page = read(&conn, "a", 0, 3, 1 << 20, 0, 0).unwrap().unwrap();
        assert_eq!((page.changes.len(), page.more), (3, true));
        let page = read(&conn, "a", 0, 1000, 250, 0, 0).unwrap().unwrap();
        assert_eq!((page.changes.len(), page.more), (3, true));
        let page = read(&conn, "a", 0, 1000, 1, 0, 0).unwrap().unwrap();
        assert_eq!((page.changes.len(), page.more), (1, true), "at least one change per page");
        let page = read(&conn, "a", 3, 2, 1 << 20, 0, 0).unwrap().unwrap();
        assert_eq!((page.changes.iter().map(|c| c.seq).collect::<Vec<_>>(), page.more), (vec![4, 5], false));
    }

    #[test]
    fn a_snapshot_drops_what_it_covers_and_numbering_goes_on() {
        let mut conn = db();
        let h = secret::hash("s");
        create(&conn, "a", &h, 1).unwrap();
        for _ in 0..4 {
            append(&mut conn, "a", &h, b"c", 2).unwrap().unwrap();
        }
        assert_eq!(put_snapshot(&mut conn, "a", &h, 5, b"snap", 3).unwrap(), Err(Refusal::CoversAhead { latest: 4 }));
        assert_eq!(put_snapshot(&mut conn, "a", &h, 3, b"snap", 3).unwrap(), Ok((3, 4)));
        assert_eq!(put_snapshot(&mut conn, "a", &h, 2, b"old", 3).unwrap(), Err(Refusal::StaleSnapshot { covers: 3 }));
        let page = read_all(&conn, "a", 0).unwrap();
        assert_eq!(page.snapshot, Some(Snapshot { covers: 3, data: b"snap".to_vec() }));
        assert_eq!(page.changes.iter().map(|c| c.seq).collect::<Vec<_>>(), vec![4]);
        let page = read_all(&conn, "a", 3).unwrap();
        assert_eq!((page.snapshot, page.changes.len()), (None, 1));
        assert_eq!(append(&mut conn, "a", &h, b"c", 4).unwrap(), Ok(5));
        let stored: (i64, i64) =
            conn.query_row("SELECT stored_changes, stored_bytes FROM shares WHERE id = 'a'", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!(stored, (2, 2));
    }

    #[test]
    fn a_full_share_refuses_until_a_snapshot_makes_room() {
        let mut conn = db();
        let h = secret::hash("s");
        create(&conn, "a", &h, 1).unwrap();
        conn.execute("UPDATE shares SET stored_changes = ?1, last_seq = ?1", [MAX_CHANGES_PER_SHARE]).unwrap();
        assert_eq!(append(&mut conn, "a", &h, b"c", 2).unwrap(), Err(Refusal::Full));
        put_snapshot(&mut conn, "a", &h, MAX_CHANGES_PER_SHARE, b"snap", 3).unwrap().unwrap();
        assert_eq!(append(&mut conn, "a", &h, b"c", 2).unwrap(), Ok(MAX_CHANGES_PER_SHARE + 1));
    }

    #[test]
    fn deleting_and_expiring_leave_only_a_tombstone_then_nothing() {
        let mut conn = db();
        let h = secret::hash("s");
        for id in ["a", "b", "c"] {
            create(&conn, id, &h, 10).unwrap();
            append(&mut conn, id, &h, b"secret bytes", 10).unwrap().unwrap();
        }
        put_snapshot(&mut conn, "a", &h, 1, b"snap", 10).unwrap().unwrap();
        assert_eq!(delete(&mut conn, "a", &secret::hash("x"), 20).unwrap(), Err(Refusal::WrongSecret));
        assert_eq!(delete(&mut conn, "a", &h, 20).unwrap(), Ok(()));
        assert_eq!(read_all(&conn, "a", 0), Err(Refusal::Deleted));
        assert_eq!(append(&mut conn, "a", &h, b"x", 21).unwrap(), Err(Refusal::Deleted));
        append(&mut conn, "c", &h, b"more", 30).unwrap().unwrap();
        // b is untouched since 10, c was touched at 30.
        assert_eq!(sweep(&mut conn, 25, 0, 40).unwrap(), vec!["b".to_string()]);
        assert_eq!(visit(&conn, "b", 0, i64::MIN).unwrap(), Err(Refusal::Deleted));
        assert_eq!(visit(&conn, "c", 0, i64::MIN).unwrap(), Ok(()));
        type Tombstone = (String, Option<Vec<u8>>, Option<Vec<u8>>);
        let left: Vec<Tombstone> = conn
            .prepare("SELECT id, write_hash, snapshot_data FROM shares WHERE deleted_at IS NOT NULL ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(left, vec![("a".into(), None, None), ("b".into(), None, None)]);
        let changes: Vec<String> = conn
            .prepare("SELECT DISTINCT share_id FROM share_changes")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(changes, vec!["c".to_string()]);
        // Tombstones go after another expiry period.
        sweep(&mut conn, 0, 41, 50).unwrap();
        assert_eq!(visit(&conn, "a", 0, i64::MIN).unwrap(), Err(Refusal::NotFound));
        assert_eq!(visit(&conn, "b", 0, i64::MIN).unwrap(), Err(Refusal::NotFound));
    }

    #[test]
    fn reading_refreshes_touched_at_only_when_it_is_old() {
        let mut conn = db();
        let h = secret::hash("s");
        create(&conn, "a", &h, 100).unwrap();
        let touched =
            |conn: &Connection| -> i64 { conn.query_row("SELECT touched_at FROM shares WHERE id = 'a'", [], |r| r.get(0)).unwrap() };
        read(&conn, "a", 0, 10, 10, 150, 90).unwrap().unwrap();
        assert_eq!(touched(&conn), 100);
        read(&conn, "a", 0, 10, 10, 200, 120).unwrap().unwrap();
        assert_eq!(touched(&conn), 200);
        let _ = &mut conn;
    }
}
