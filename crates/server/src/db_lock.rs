//! Who holds the database: a running server keeps an exclusive lock on `<db>.lock` for as long
//! as it runs, and `restore` takes the same lock before it replaces the file. So a restore can
//! never pull the file from under a server, and a second server on the same file is refused.
//!
//! An advisory `flock` (through `std::fs::File::try_lock`): the kernel drops it when the
//! process ends, however it ends, so a crash never leaves a stale lock behind. Other commands
//! (tokens, export, backup) do not take it: SQLite lets them work beside a running server.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Held while it lives.
#[derive(Debug)]
pub struct DatabaseLock {
    _file: File,
    pub path: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{db} is in use by another blomlada-server{holder}; stop it first (e.g. systemctl stop blomlada)")]
    Held { db: String, holder: String },
    #[error("cannot lock {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// `<db>.lock`, beside the database.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".lock");
    db.with_file_name(name)
}

impl DatabaseLock {
    /// Takes the lock or says who has it. Creates the database's directory if needed.
    pub fn acquire(db: &Path) -> Result<DatabaseLock, LockError> {
        let path = lock_path(db);
        let io = |source| LockError::Io { path: path.display().to_string(), source };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let mut file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                let pid = pid.trim();
                let holder = if pid.is_empty() { String::new() } else { format!(" (process {pid})") };
                return Err(LockError::Held { db: db.display().to_string(), holder });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        // Say who holds it, for the message above. The lock is what counts, not this text.
        file.set_len(0).map_err(io)?;
        file.rewind().map_err(io)?;
        write!(file, "{}", std::process::id()).map_err(io)?;
        Ok(DatabaseLock { _file: file, path })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("data/blomlada.sqlite");
        let held = DatabaseLock::acquire(&db).unwrap();
        assert_eq!(held.path, dir.path().join("data/blomlada.sqlite.lock"));
        let e = DatabaseLock::acquire(&db).unwrap_err();
        assert!(e.to_string().contains(&format!("process {}", std::process::id())), "{e}");
        drop(held);
        DatabaseLock::acquire(&db).unwrap();
    }
}
