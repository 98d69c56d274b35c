//! The database's schema, as a list of forward migrations.
//!
//! The schema version lives in the database header (`PRAGMA user_version`). At start the server
//! applies every migration past that version in one transaction, so a database is either wholly
//! at the old version or wholly at the new one (a crash in between leaves the old one). A
//! database newer than this server is refused: an older binary must never write into a schema
//! it does not know.
//!
//! Migrations are only ever appended. Never edit one that has shipped; add the next.

use rusqlite::{params, Connection, TransactionBehavior};

/// Migration `i` takes a database from version `i` to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 → 1: tokens (as hashes) and published results (the whole result JSON plus the columns
    // that lists and filters need). `IF NOT EXISTS` because databases made before versioning
    // was introduced already have these tables at version 0.
    "
    CREATE TABLE IF NOT EXISTS tokens (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kommun_code TEXT NOT NULL,
        hash BLOB NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        revoked_at TEXT,
        last_used_at TEXT
    );
    CREATE TABLE IF NOT EXISTS results (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kommun_code TEXT NOT NULL,
        lan_code TEXT NOT NULL,
        set_id TEXT NOT NULL,
        set_version TEXT NOT NULL,
        population INTEGER NOT NULL,
        size_group TEXT NOT NULL,
        title TEXT NOT NULL,
        result_updated TEXT NOT NULL,
        published_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('current', 'superseded', 'withdrawn')),
        ended_at TEXT,
        token_id INTEGER REFERENCES tokens(id),
        sha256 TEXT NOT NULL,
        body TEXT NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS results_one_current
        ON results (kommun_code, set_id, set_version) WHERE status = 'current';
    CREATE INDEX IF NOT EXISTS results_by_status_set ON results (status, set_id, set_version);
    CREATE INDEX IF NOT EXISTS results_by_kommun ON results (kommun_code, id);
    ",
    // 1 → 2: which server version brought the database to which schema version, and when, so
    // an operator restoring a backup or reading a support request can see its history.
    "
    CREATE TABLE schema_history (
        version INTEGER PRIMARY KEY,
        applied_at TEXT NOT NULL,
        server_version TEXT NOT NULL
    );
    ",
    // 2 → 3: shared assessments (issue 20, crate::shares). A share's row (the write secret as
    // its SHA-256, times as Unix milliseconds, the numbering and what is stored) and its
    // encrypted changes, kept as the ciphertext bytes the browser sent. A deleted share keeps
    // its row as a tombstone (no secret, no data) for a while.
    "
    CREATE TABLE shares (
        id TEXT PRIMARY KEY,
        write_hash BLOB,
        created_at INTEGER NOT NULL,
        touched_at INTEGER NOT NULL,
        deleted_at INTEGER,
        last_seq INTEGER NOT NULL DEFAULT 0,
        stored_changes INTEGER NOT NULL DEFAULT 0,
        stored_bytes INTEGER NOT NULL DEFAULT 0,
        snapshot_covers INTEGER,
        snapshot_data BLOB
    );
    CREATE INDEX shares_live_by_touched ON shares (touched_at) WHERE deleted_at IS NULL;
    CREATE INDEX shares_buried_by_deleted ON shares (deleted_at) WHERE deleted_at IS NOT NULL;
    CREATE TABLE share_changes (
        share_id TEXT NOT NULL REFERENCES shares(id),
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (share_id, seq)
    );
    ",
];

/// The schema version this server writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Tables every Blomlådan database has from version 1 on.
pub const REQUIRED_TABLES: [&str; 2] = ["tokens", "results"];

#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error(
        "the database has schema version {found}, newer than this server understands ({supported}); \
         run the blomlada-server version that wrote it (or newer), or restore a backup made by this version"
    )]
    Newer { found: i64, supported: i64 },
    #[error("migrating the schema from version {from} to {to} failed (nothing was changed): {source}")]
    Failed {
        from: i64,
        to: i64,
        #[source]
        source: rusqlite::Error,
    },
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// What `migrate` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migrated {
    pub from: i64,
    pub to: i64,
}

pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Refuses a database newer than this server.
pub fn check_not_newer(found: i64) -> Result<(), MigrationError> {
    if found > SCHEMA_VERSION {
        return Err(MigrationError::Newer { found, supported: SCHEMA_VERSION });
    }
    Ok(())
}

/// Brings the schema to `SCHEMA_VERSION` in one immediate transaction (other writers wait).
pub fn migrate(conn: &mut Connection, now: &str) -> Result<Migrated, MigrationError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read inside the write transaction: two servers starting at once cannot both migrate.
    let from = version(&tx)?;
    check_not_newer(from)?;
    if from == SCHEMA_VERSION {
        return Ok(Migrated { from, to: from });
    }
    let failed = |source| MigrationError::Failed { from, to: SCHEMA_VERSION, source };
    for sql in &MIGRATIONS[from as usize..] {
        tx.execute_batch(sql).map_err(failed)?;
    }
    for v in (from + 1).max(2)..=SCHEMA_VERSION {
        tx.execute(
            "INSERT OR REPLACE INTO schema_history (version, applied_at, server_version) VALUES (?1, ?2, ?3)",
            params![v, now, env!("CARGO_PKG_VERSION")],
        )
        .map_err(failed)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION).map_err(failed)?;
    tx.commit().map_err(failed)?;
    Ok(Migrated { from, to: SCHEMA_VERSION })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(conn: &Connection) -> Vec<String> {
        let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn a_fresh_database_gets_every_migration() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn, "2026-01-01T00:00:00Z").unwrap(), Migrated { from: 0, to: SCHEMA_VERSION });
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        let t = tables(&conn);
        for required in REQUIRED_TABLES {
            assert!(t.iter().any(|x| x == required), "{t:?}");
        }
        // Running again changes nothing.
        assert_eq!(migrate(&mut conn, "2026-01-02T00:00:00Z").unwrap(), Migrated { from: SCHEMA_VERSION, to: SCHEMA_VERSION });
        let applied: String = conn.query_row("SELECT applied_at FROM schema_history WHERE version = 2", [], |r| r.get(0)).unwrap();
        assert_eq!(applied, "2026-01-01T00:00:00Z");
    }

    #[test]
    fn a_newer_database_is_refused_and_left_alone() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        let e = migrate(&mut conn, "now").unwrap_err();
        assert!(matches!(e, MigrationError::Newer { .. }));
        assert!(e.to_string().contains(&format!("schema version {}", SCHEMA_VERSION + 1)), "{e}");
        assert!(tables(&conn).is_empty());
    }

    #[test]
    fn a_failing_migration_changes_nothing() {
        // A version-1 database where migration 2's table already exists (as if made by hand):
        // the migration fails and the version stays 1.
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.execute_batch("CREATE TABLE schema_history (x INTEGER); PRAGMA user_version = 1;").unwrap();
        let e = migrate(&mut conn, "now").unwrap_err();
        assert!(matches!(e, MigrationError::Failed { from: 1, .. }), "{e}");
        assert_eq!(version(&conn).unwrap(), 1);
    }
}
