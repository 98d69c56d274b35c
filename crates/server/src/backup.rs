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
//! replaces anything. The replaced database is kept beside it as `<db>.replaced-<time>` (with
//! its `-wal`, if it had one), never deleted.

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
    if !db.is_file() {
        return Err(format!("there is no database at {}", db.display()));
    }
    if same_file(db, dest) {
        return Err(format!("{} is the database itself; name another file", dest.display()));
    }
    // Read-write without create: SQLite may need to recover a WAL left by a crash. Nothing is
    // migrated: a backup is the database as it is.
    let src = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| format!("cannot open {}: {e}", db.display()))?;
    src.busy_timeout(Duration::from_secs(30)).map_err(|e| e.to_string())?;
    let summary = copy_checked(&src, dest).map_err(|e| format!("backup of {} failed: {e}", db.display()))?;
    let bytes = std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0);
    Ok(BackupReport { path: dest.to_path_buf(), bytes, summary })
}

/// Replaces the database at `db` with the backup `source`, keeping the replaced one.
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

    let staged = sibling(db, "restore", std::process::id());
    let summary = copy_checked(&src, &staged).map_err(|e| format!("copying {} failed: {e}; nothing was changed", source.display()))?;
    drop(src);

    let kept = if db.exists() {
        let kept = PathBuf::from(format!("{}.replaced-{}", db.display(), compact_now()));
        std::fs::rename(db, &kept).map_err(|e| format!("cannot move {} aside: {e}; nothing was changed", db.display()))?;
        // The WAL belongs to its database: it goes with it, under the name SQLite looks for.
        let wal = with_suffix(db, "-wal");
        if wal.exists() {
            std::fs::rename(&wal, with_suffix(&kept, "-wal")).map_err(|e| format!("cannot move {} aside: {e}", wal.display()))?;
        }
        let _ = std::fs::remove_file(with_suffix(db, "-shm"));
        Some(kept)
    } else {
        None
    };
    std::fs::rename(&staged, db).map_err(|e| format!("cannot move the restored copy into {}: {e}", db.display()))?;
    sync_dir(db);
    Ok(RestoreReport { summary, kept })
}

/// Copies `src` into a new file beside `dest` with the backup API, checks the copy, makes it
/// durable and renames it to `dest`.
fn copy_checked(src: &Connection, dest: &Path) -> Result<Summary, String> {
    let tmp = sibling(dest, "tmp", std::process::id());
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        let mut dst = Connection::open(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
        {
            let backup = Backup::new(src, &mut dst).map_err(|e| e.to_string())?;
            // -1: every page in one step, i.e. one consistent read of the source (SQLite would
            // start over if the source changed between smaller steps). Busy or locked only
            // when a writer holds the file in a non-WAL database: wait and try again.
            let mut waits = 0;
            loop {
                match backup.step(-1).map_err(|e| e.to_string())? {
                    StepResult::Done => break,
                    StepResult::More | StepResult::Busy | StepResult::Locked if waits < 300 => {
                        waits += 1;
                        std::thread::sleep(Duration::from_millis(100));
                    }
                    other => return Err(format!("the database stayed busy ({other:?})")),
                }
            }
        }
        let summary = check(&dst)?;
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

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
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
        assert_eq!(with_suffix(Path::new("a/db.sqlite"), "-wal"), PathBuf::from("a/db.sqlite-wal"));
        let stamp = compact_now();
        assert_eq!(stamp.len(), 16, "{stamp}");
        assert!(stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T', "{stamp}");
    }
}
