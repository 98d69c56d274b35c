//! A guardrail for issue 19's cause: the server process may touch its database file, WAL and
//! shared-memory file only through SQLite. Opening and closing any descriptor of the database
//! file outside SQLite drops every POSIX lock the process holds on it (SQLite's included), and
//! an operator command beside the server then removes the WAL under it.
//!
//! Every source file of the server that uses the file system directly is listed here with what
//! it touches. A new one fails this test until someone has checked that it never names the
//! database (and said so below); the fault-injection suite (`tests/fault_injection.rs`) is what
//! shows the whole server keeps the promise.

use std::path::Path;

/// File (under `src/`) and what its direct file-system use touches.
const REVIEWED: &[(&str, &str)] = &[
    ("backup.rs", "the backup's own new file (written by SQLite, then synced and renamed) and its directory; never the database"),
    ("db.rs", "creates the database's directory; the database itself is opened by SQLite"),
    ("db_lock.rs", "`<db>.lock`, a file of its own beside the database, never the database"),
    ("file_identity.rs", "stat of the database path (opens no descriptor) and /proc/self/status"),
    ("metrics.rs", "/proc/self/status"),
    ("sets.rs", "the indicator set files"),
    ("snapshot.rs", "the open-data snapshot directory"),
    ("web.rs", "the built app's index.html"),
];

const DIRECT_USE: [&str; 5] = ["std::fs", "tokio::fs", "File::", "OpenOptions", "fs::"];

/// One of `DIRECT_USE` as a whole path segment (`File::open`, not `ResultFile::parse`).
fn uses_file_system(line: &str) -> bool {
    DIRECT_USE
        .iter()
        .any(|pattern| line.match_indices(pattern).any(|(at, _)| !line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')))
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_reviewed_files_use_the_file_system_directly() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    assert!(files.len() > 10, "found the server's sources in {}", src.display());
    let mut unreviewed = Vec::new();
    for file in &files {
        let name = file.strip_prefix(&src).unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(file).unwrap();
        let uses: Vec<String> = text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim_start().starts_with("//"))
            .filter(|(_, line)| uses_file_system(line))
            .map(|(n, line)| format!("{name}:{}: {}", n + 1, line.trim()))
            .collect();
        if !uses.is_empty() && !REVIEWED.iter().any(|(reviewed, _)| *reviewed == name) {
            unreviewed.extend(uses);
        }
    }
    assert!(
        unreviewed.is_empty(),
        "these lines use the file system outside SQLite in a file nobody has reviewed for it; make sure they can never \
         open the database, its -wal or -shm file (closing such a descriptor drops SQLite's locks), then add the file to \
         REVIEWED with what it touches:\n{}",
        unreviewed.join("\n")
    );
    for (reviewed, _) in REVIEWED {
        assert!(src.join(reviewed).is_file(), "REVIEWED names {reviewed}, which is gone: remove it from the list");
    }
}

#[test]
fn the_guardrail_notices_a_direct_open() {
    // What the health check did before issue 19, as a line of source: the test above must flag it.
    assert!(uses_file_system("std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header))"));
    assert!(uses_file_system("let f = File::open(db)?;"));
    assert!(uses_file_system("tokio::fs::remove_file(wal).await"));
    assert!(!uses_file_system("let file = ResultFile::parse_unchecked(&bytes)"));
}
