//! The SQLite store: tokens (as hashes) and published results (the whole result JSON plus the
//! columns that lists and filters need).
//!
//! One connection behind a mutex, used from `spawn_blocking`. WAL journal with
//! `synchronous=FULL`: a publish is acknowledged only after its transaction is on disk. The
//! schema and its forward migrations are in `migrations.rs`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use blomlada_domain::catalog::SetRef;
use blomlada_domain::kommun;
use blomlada_domain::result_file::ResultFile;
use blomlada_domain::size_group::SizeGroup;
use blomlada_domain::Timestamp;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::file_identity::FileIdentity;
use crate::migrations;

#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
    path: Arc<PathBuf>,
    identity: FileIdentity,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database file {path}: {message}")]
    Open { path: String, message: String },
    #[error("database task failed: {0}")]
    Task(String),
    #[error("database file {path}: {source}")]
    Schema {
        path: String,
        #[source]
        source: crate::migrations::MigrationError,
    },
}

impl DbError {
    /// SQLite could not write for want of space: nothing of the failed transaction is kept, and
    /// writes work again once there is room.
    pub fn is_disk_full(&self) -> bool {
        matches!(self, DbError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DiskFull)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    pub id: i64,
    pub kommun_code: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
    pub last_used_at: Option<String>,
}

/// A token that can still be used: what authentication compares against.
#[derive(Debug, Clone)]
pub struct ActiveToken {
    pub id: i64,
    pub kommun_code: String,
    pub hash: Vec<u8>,
}

/// One stored published result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedRow {
    pub id: i64,
    pub kommun_code: String,
    pub lan_code: String,
    pub set: SetRef,
    pub population: u32,
    pub size_group: String,
    pub title: String,
    pub result_updated: String,
    pub published_at: String,
    pub status: String,
    pub ended_at: Option<String>,
    pub body: String,
}

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub set: Option<String>,
    pub version: Option<String>,
    pub size_group: Option<SizeGroup>,
    pub lan: Option<String>,
    pub kommun: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishOutcome {
    /// Stored as the new current result; an earlier one (if any) became history.
    Created(i64),
    /// Byte for byte the current result already: nothing changed.
    Unchanged(i64),
}

const ROW_COLUMNS: &str = "id, kommun_code, lan_code, set_id, set_version, population, size_group, title, \
     result_updated, published_at, status, ended_at, body";

fn row_of(row: &rusqlite::Row<'_>) -> rusqlite::Result<PublishedRow> {
    Ok(PublishedRow {
        id: row.get(0)?,
        kommun_code: row.get(1)?,
        lan_code: row.get(2)?,
        set: SetRef { set: row.get(3)?, version: row.get(4)? },
        population: row.get(5)?,
        size_group: row.get(6)?,
        title: row.get(7)?,
        result_updated: row.get(8)?,
        published_at: row.get(9)?,
        status: row.get(10)?,
        ended_at: row.get(11)?,
        body: row.get(12)?,
    })
}

impl Db {
    /// Opens (creating the file and its directory if needed) and brings the schema up to date.
    pub fn open(path: &Path) -> Result<Db, DbError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| DbError::Open {
                path: path.display().to_string(),
                message: format!("cannot create directory {}: {e}", parent.display()),
            })?;
        }
        let conn = Connection::open(path).map_err(|e| DbError::Open { path: path.display().to_string(), message: e.to_string() })?;
        conn.busy_timeout(Duration::from_secs(10))?;
        // Refused before anything is written to it (even the journal mode).
        let schema_error = |source| DbError::Schema { path: path.display().to_string(), source };
        migrations::check_not_newer(migrations::version(&conn)?).map_err(schema_error)?;
        let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(DbError::Open { path: path.display().to_string(), message: format!("journal mode is {mode}, not WAL") });
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Deleted content is overwritten with zeros: a deleted share's ciphertext does not stay
        // behind in free pages.
        conn.pragma_update(None, "secure_delete", "ON")?;
        let mut conn = conn;
        let migrated = migrations::migrate(&mut conn, &crate::now().to_rfc3339()).map_err(schema_error)?;
        if migrated.from != migrated.to {
            tracing::info!(db = %path.display(), from = migrated.from, to = migrated.to, "database schema migrated");
        }
        let identity = FileIdentity::of(path).map_err(|e| DbError::Open { path: path.display().to_string(), message: e.to_string() })?;
        Ok(Db { conn: Arc::new(Mutex::new(conn)), path: Arc::new(path.to_path_buf()), identity })
    }

    /// The database file this was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file the connection has open, to tell whether the path still names it.
    pub fn file_identity(&self) -> FileIdentity {
        self.identity
    }

    /// Runs `f` with the connection on tokio's blocking pool.
    pub async fn call<T, F>(&self, f: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, DbError> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut guard)
        })
        .await
        .map_err(|e| DbError::Task(e.to_string()))?
    }

    /// The same, on the calling thread (command-line use).
    pub fn with<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T, DbError>) -> Result<T, DbError> {
        let mut guard = self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }
}

// ---- tokens ----

pub fn insert_token(conn: &Connection, kommun_code: &str, hash: &[u8], now: Timestamp) -> Result<i64, DbError> {
    conn.execute("INSERT INTO tokens (kommun_code, hash, created_at) VALUES (?1, ?2, ?3)", params![kommun_code, hash, now.to_rfc3339()])?;
    Ok(conn.last_insert_rowid())
}

/// Revokes every active token of a kommun; returns how many.
pub fn revoke_kommun_tokens(conn: &Connection, kommun_code: &str, now: Timestamp) -> Result<usize, DbError> {
    Ok(conn.execute(
        "UPDATE tokens SET revoked_at = ?2 WHERE kommun_code = ?1 AND revoked_at IS NULL",
        params![kommun_code, now.to_rfc3339()],
    )?)
}

/// Revokes one token by id; false when there is no such active token.
pub fn revoke_token(conn: &Connection, id: i64, now: Timestamp) -> Result<bool, DbError> {
    Ok(conn.execute("UPDATE tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL", params![id, now.to_rfc3339()])? == 1)
}

pub fn list_tokens(conn: &Connection) -> Result<Vec<TokenInfo>, DbError> {
    let mut stmt = conn.prepare("SELECT id, kommun_code, created_at, revoked_at, last_used_at FROM tokens ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(TokenInfo { id: r.get(0)?, kommun_code: r.get(1)?, created_at: r.get(2)?, revoked_at: r.get(3)?, last_used_at: r.get(4)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn active_tokens(conn: &Connection) -> Result<Vec<ActiveToken>, DbError> {
    let mut stmt = conn.prepare("SELECT id, kommun_code, hash FROM tokens WHERE revoked_at IS NULL")?;
    let rows = stmt.query_map([], |r| Ok(ActiveToken { id: r.get(0)?, kommun_code: r.get(1)?, hash: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

// ---- results ----

/// Stores `file` (already fully validated, with a population) as its kommun's current result
/// for its set version, in one transaction. `canonical` is the JSON to keep.
pub fn publish(
    conn: &mut Connection,
    file: &ResultFile,
    canonical: &str,
    sha256: &str,
    token_id: i64,
    now: Timestamp,
) -> Result<PublishOutcome, DbError> {
    let population = file.population.unwrap_or(0);
    let lan_code = kommun::by_code(&file.kommun.code).map(|k| k.lan_code.clone()).unwrap_or_default();
    let now = now.to_rfc3339();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, sha256 FROM results
             WHERE kommun_code = ?1 AND set_id = ?2 AND set_version = ?3 AND status = 'current'",
            params![file.kommun.code, file.set.set, file.set.version],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let outcome = match current {
        Some((id, existing)) if existing == sha256 => PublishOutcome::Unchanged(id),
        current => {
            if let Some((old, _)) = current {
                tx.execute("UPDATE results SET status = 'superseded', ended_at = ?2 WHERE id = ?1", params![old, now])?;
            }
            tx.execute(
                "INSERT INTO results (kommun_code, lan_code, set_id, set_version, population, size_group, title,
                     result_updated, published_at, status, token_id, sha256, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'current', ?10, ?11, ?12)",
                params![
                    file.kommun.code,
                    lan_code,
                    file.set.set,
                    file.set.version,
                    population,
                    SizeGroup::of_population(population).key(),
                    file.title,
                    file.updated.to_rfc3339(),
                    now,
                    token_id,
                    sha256,
                    canonical,
                ],
            )?;
            PublishOutcome::Created(tx.last_insert_rowid())
        }
    };
    tx.execute("UPDATE tokens SET last_used_at = ?2 WHERE id = ?1", params![token_id, now])?;
    tx.commit()?;
    Ok(outcome)
}

/// Withdraws the current result of a kommun for a set version: it leaves every public list,
/// statistic and history (the row stays, marked withdrawn). Returns its id, or None.
pub fn withdraw(conn: &mut Connection, kommun_code: &str, set: &SetRef, token_id: i64, now: Timestamp) -> Result<Option<i64>, DbError> {
    let now = now.to_rfc3339();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: Option<i64> = tx
        .query_row(
            "SELECT id FROM results WHERE kommun_code = ?1 AND set_id = ?2 AND set_version = ?3 AND status = 'current'",
            params![kommun_code, set.set, set.version],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = current {
        tx.execute("UPDATE results SET status = 'withdrawn', ended_at = ?2 WHERE id = ?1", params![id, now])?;
    }
    tx.execute("UPDATE tokens SET last_used_at = ?2 WHERE id = ?1", params![token_id, now])?;
    tx.commit()?;
    Ok(current)
}

/// Current results matching `filter`, by set, version and kommun code.
pub fn list_current(conn: &Connection, filter: &ListFilter) -> Result<Vec<PublishedRow>, DbError> {
    let mut sql = format!("SELECT {ROW_COLUMNS} FROM results WHERE status = 'current'");
    let mut values: Vec<String> = Vec::new();
    let mut add = |column: &str, value: &Option<String>| {
        if let Some(v) = value {
            values.push(v.clone());
            sql.push_str(&format!(" AND {column} = ?{}", values.len()));
        }
    };
    add("set_id", &filter.set);
    add("set_version", &filter.version);
    add("size_group", &filter.size_group.map(|g| g.key().to_string()));
    add("lan_code", &filter.lan);
    add("kommun_code", &filter.kommun);
    sql.push_str(" ORDER BY set_id, set_version, kommun_code");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), row_of)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A kommun's current results and its history (superseded ones), newest first. Withdrawn
/// results are not public and not returned.
pub fn kommun_results(conn: &Connection, kommun_code: &str) -> Result<Vec<PublishedRow>, DbError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ROW_COLUMNS} FROM results WHERE kommun_code = ?1 AND status IN ('current', 'superseded') ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map(params![kommun_code], row_of)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Kommun codes with at least one public (current or earlier) result.
pub fn published_kommuner(conn: &Connection) -> Result<Vec<String>, DbError> {
    let mut stmt =
        conn.prepare("SELECT DISTINCT kommun_code FROM results WHERE status IN ('current', 'superseded') ORDER BY kommun_code")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
