//! Which file the server's database connection has open, and whether the path still names it.
//!
//! Only `stat` of the path: it opens no descriptor, so it cannot drop SQLite's POSIX locks the
//! way opening and closing the file would (see health.rs).

use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// The device and inode of the database file when the server opened it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileIdentity {
    dev: u64,
    ino: u64,
}

impl FileIdentity {
    pub fn of(path: &Path) -> std::io::Result<FileIdentity> {
        let meta = std::fs::metadata(path)?;
        Ok(FileIdentity { dev: meta.dev(), ino: meta.ino() })
    }

    /// Ok while `path` is still this file and this process could open it again (a restart,
    /// a backup); the reason otherwise.
    pub fn check_unchanged(&self, path: &Path) -> Result<(), String> {
        let shown = path.display();
        let meta = std::fs::metadata(path).map_err(|e| format!("{shown}: {e}"))?;
        if (meta.dev(), meta.ino()) != (self.dev, self.ino) {
            return Err(format!("{shown} was replaced by another file under the running server"));
        }
        let ids = ProcessIds::read().ok_or("cannot read this process's user and groups")?;
        if !ids.may_read_write(meta.mode(), meta.uid(), meta.gid()) {
            return Err(format!("{shown} can no longer be opened for reading and writing by this process"));
        }
        Ok(())
    }
}

/// Effective user and groups of this process, from /proc (Linux).
struct ProcessIds {
    uid: u32,
    groups: Vec<u32>,
}

impl ProcessIds {
    fn read() -> Option<ProcessIds> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let field = |name: &str| status.lines().find_map(|l| l.strip_prefix(name)).map(str::split_whitespace);
        // "Uid:  real effective saved fs"
        let uid = field("Uid:")?.nth(1)?.parse().ok()?;
        let mut groups: Vec<u32> = vec![field("Gid:")?.nth(1)?.parse().ok()?];
        groups.extend(field("Groups:").into_iter().flatten().filter_map(|g| g.parse::<u32>().ok()));
        Some(ProcessIds { uid, groups })
    }

    /// The permission bits that apply to this process allow reading and writing (root may).
    fn may_read_write(&self, mode: u32, file_uid: u32, file_gid: u32) -> bool {
        let bits = if self.uid == 0 {
            return true;
        } else if self.uid == file_uid {
            mode >> 6
        } else if self.groups.contains(&file_gid) {
            mode >> 3
        } else {
            mode
        };
        bits & 0o6 == 0o6
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_bits_by_owner_group_and_others() {
        let user = ProcessIds { uid: 1000, groups: vec![100, 27] };
        assert!(user.may_read_write(0o600, 1000, 0));
        assert!(!user.may_read_write(0o400, 1000, 0), "read-only for its owner");
        assert!(!user.may_read_write(0o066, 1000, 100), "the owner's own bits decide, not the group's");
        assert!(user.may_read_write(0o060, 0, 27));
        assert!(!user.may_read_write(0o600, 0, 27));
        assert!(user.may_read_write(0o006, 0, 5));
        assert!(ProcessIds { uid: 0, groups: vec![0] }.may_read_write(0o000, 1000, 1000));
    }

    #[test]
    fn notices_a_replaced_or_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        std::fs::write(&path, b"x").unwrap();
        let identity = FileIdentity::of(&path).unwrap();
        assert_eq!(identity.check_unchanged(&path), Ok(()));
        let other = dir.path().join("other");
        std::fs::write(&other, b"y").unwrap();
        std::fs::rename(&other, &path).unwrap();
        assert!(identity.check_unchanged(&path).unwrap_err().contains("replaced"));
        std::fs::remove_file(&path).unwrap();
        assert!(identity.check_unchanged(&path).is_err());
    }
}
