//! `backup FILE` and `restore FILE`.
//!
//! A backup is taken with SQLite's online backup API while the server keeps running: all pages
//! are copied in one step inside one read transaction, so the copy is the database as of one
//! moment (every publish acknowledged before it is in it) and, in WAL mode, publishes are not
//! held up meanwhile. It is written beside its destination and renamed into place, so a backup
//! file is never half-written.
//!
//! A restore refuses while a server holds the database, and checks the file it is given
//! (`integrity_check`, the tables, a schema version this server can migrate) before it
//! replaces anything. A copy of the replaced database is kept beside it as
//! `<db>.replaced-<time>`, never deleted. Both go through SQLite only (see `restore`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use crate::db_lock::DatabaseLock;
use crate::migrations::{self, REQUIRED_TABLES, SCHEMA_VERSION};

#[derive(Debug)]
pub struct Summary {
    pub schema_version: i64,
    pub results: i64,
    pub current: i64,
    pub tokens: i64,
}

#[derive(Debug)]
pub struct BackupReport {
    pub path: PathBuf,
    pub bytes: u64,
    pub summary: Summary,
}

#[derive(Debug)]
pub struct RestoreReport {
    pub summary: Summary,
    /// Where the database that was replaced now is (None when there was none).
    pub kept: Option<PathBuf>,
}

/// Copies the live database at `db` into `dest`.
pub fn backup(db: &Path, dest: &Path) -> Result<BackupReport, String> {
    if same_file(db, dest) {
        return Err(format!("{} is the database itself; name another file", dest.display()));
    }
    // Read-write without create: SQLite may need to recover a WAL left by a crash, and a
    // missing database is an error rather than a new empty one. Nothing is migrated: a backup
    // is the database as it is.
    let src = open_existing(db).map_err(|e| format!("there is no database at {} that can be opened: {e}", db.display()))?;
    let summary = copy_into_file(&src, dest, Checked::Yes).map_err(|e| format!("backup of {} failed: {e}", db.display()))?;
    let bytes = std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0);
    Ok(BackupReport { path: dest.to_path_buf(), bytes, summary: summary.expect("checked copies have a summary") })
}

/// Replaces the database at `db` with the backup `source`, keeping a copy of the replaced one.
///
/// Everything happens through SQLite: the replaced database is copied out with the backup API
/// and the backup is copied in the same way, in one write transaction on the live file. No
/// file of the database is moved, deleted or opened outside SQLite, so an operator command
/// running at the same moment keeps its locks and sees either the old or the new database.
pub fn restore(db: &Path, source: &Path) -> Result<RestoreReport, String> {
    let _lock = DatabaseLock::acquire(db).map_err(|e| format!("refusing to restore: {e}"))?;
    if !source.is_file() {
        return Err(format!("{} is not a file", source.display()));
    }
    if same_file(db, source) {
        return Err(format!("{} is the database itself", source.display()));
    }
    let not_ours =
        |why: String| format!("{} is not a Blomlådan database that can be restored: {why}; nothing was changed", source.display());
    let src = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| not_ours(e.to_string()))?;
    check(&src).map_err(not_ours)?;

    let (mut live, kept) = match open_existing(db) {
        Ok(live) => {
            let kept = PathBuf::from(format!("{}.replaced-{}", db.display(), compact_now()));
            copy_into_file(&live, &kept, Checked::No)
                .map_err(|e| format!("cannot keep a copy of {} before replacing it: {e}; nothing was changed", db.display()))?;
            (live, Some(kept))
        }
        Err(_) => (Connection::open(db).map_err(|e| format!("cannot create {}: {e}", db.display()))?, None),
    };
    live.busy_timeout(Duration::from_secs(30)).map_err(|e| e.to_string())?;
    {
        let copy = Backup::new(&src, &mut live).map_err(|e| format!("cannot restore into {}: {e}", db.display()))?;
        step_to_end(&copy).map_err(|e| format!("restoring into {} failed: {e}; nothing was changed", db.display()))?;
    }
    // Into the database file itself, so the restored copy does not live only in the WAL.
    let _ = live.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    let summary = check(&live).map_err(|e| format!("the restored {} does not check out: {e}", db.display()))?;
    live.close().map_err(|(_, e)| e.to_string())?;
    Ok(RestoreReport { summary, kept })
}

/// An existing database, read-write, never created.
fn open_existing(db: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(Duration::from_secs(30))?;
    // Opening is lazy: reading the schema is what finds out whether this is a database at all.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
    Ok(conn)
}

/// Whether a copy is checked (integrity, tables, schema) before it is kept.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Checked {
    Yes,
    /// The database being replaced: kept as it is, even if it is what was broken.
    No,
}

/// All pages of `src` in one step, i.e. one consistent read of the source (SQLite would start
/// over if the source changed between smaller steps). Busy or locked only when a writer holds
/// the file in a non-WAL database: wait and try again.
fn step_to_end(backup: &Backup<'_, '_>) -> Result<(), String> {
    let mut waits = 0;
    loop {
        match backup.step(-1).map_err(|e| e.to_string())? {
            StepResult::Done => return Ok(()),
            StepResult::More | StepResult::Busy | StepResult::Locked if waits < 300 => {
                waits += 1;
                std::thread::sleep(Duration::from_millis(100));
            }
            other => return Err(format!("the database stayed busy ({other:?})")),
        }
    }
}

/// Copies `src` into a new file beside `dest` with the backup API, checks the copy (when
/// asked), makes it durable and renames it to `dest`. `dest` is a backup, never the database.
fn copy_into_file(src: &Connection, dest: &Path, checked: Checked) -> Result<Option<Summary>, String> {
    let tmp = sibling(dest, "tmp", std::process::id());
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        let mut dst = Connection::open(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
        {
            let backup = Backup::new(src, &mut dst).map_err(|e| e.to_string())?;
            step_to_end(&backup)?;
        }
        let summary = match checked {
            Checked::Yes => Some(check(&dst)?),
            Checked::No => None,
        };
        // A plain rollback-journal file: one file that can be copied anywhere as it is.
        let _: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0)).map_err(|e| e.to_string())?;
        dst.close().map_err(|(_, e)| e.to_string())?;
        std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(|e| format!("cannot sync {}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, dest).map_err(|e| format!("cannot write {}: {e}", dest.display()))?;
        sync_dir(dest);
        Ok(summary)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `integrity_check`, Blomlådan's tables and a schema version this server can migrate.
pub fn check(conn: &Connection) -> Result<Summary, String> {
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    if integrity != "ok" {
        return Err(format!("integrity_check says {integrity:?}"));
    }
    let schema_version = migrations::version(conn).map_err(|e| e.to_string())?;
    migrations::check_not_newer(schema_version).map_err(|e| e.to_string())?;
    for table in REQUIRED_TABLES {
        let found: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1", [table], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        if found == 0 {
            return Err(format!("it has no {table} table"));
        }
    }
    if schema_version < 1 {
        return Err(format!("its schema version is {schema_version} (Blomlådan's are 1 to {SCHEMA_VERSION})"));
    }
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).map_err(|e| e.to_string());
    Ok(Summary {
        schema_version,
        results: count("SELECT count(*) FROM results")?,
        current: count("SELECT count(*) FROM results WHERE status = 'current'")?,
        tokens: count("SELECT count(*) FROM tokens")?,
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `.<name>.<what>-<pid>` in the same directory (same file system, so rename is atomic).
fn sibling(path: &Path, what: &str, pid: u32) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{what}-{pid}"))
}

/// `20261130T011811Z`: the time as part of a file name.
fn compact_now() -> String {
    let stamp = crate::now().to_rfc3339();
    let seconds: String = stamp.chars().take(19).filter(|c| *c != '-' && *c != ':').collect();
    format!("{seconds}Z")
}

/// Makes a rename in the directory durable.
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_beside_the_database() {
        assert_eq!(sibling(Path::new("/var/lib/b/db.sqlite"), "tmp", 7), PathBuf::from("/var/lib/b/.db.sqlite.tmp-7"));
        let stamp = compact_now();
        assert_eq!(stamp.len(), 16, "{stamp}");
        assert!(stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T', "{stamp}");
    }
}
