//! `backup` and `restore` against the real binary: a backup taken during a stream of publishes
//! is whole and holds every publish acknowledged before it; a restore refuses while a server
//! runs and refuses files that are not Blomlådan databases, and keeps what it replaces.

mod common;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use common::*;
use rusqlite::Connection;

const KOMMUNER: [(&str, &str, u32); 3] = [("1880", "Örebro", 160_000), ("1881", "Kumla", 22_000), ("0180", "Stockholm", 980_000)];
const KEYS: [&str; 3] = ["helt", "delvis", "inte"];

fn numbered(code: &str, name: &str, population: u32, n: usize) -> Vec<u8> {
    let answers: [&str; 6] = std::array::from_fn(|i| KEYS[(n + i) % 3]);
    bytes(&result_test_1(code, name, population, &format!("{code} nr {n}"), answers))
}

/// Acknowledged publishes: id → title.
type Acked = Arc<Mutex<BTreeMap<i64, String>>>;

fn stored_titles(path: &std::path::Path) -> BTreeMap<i64, String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn.prepare("SELECT id, title FROM results").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

fn integrity(path: &std::path::Path) -> String {
    Connection::open(path).unwrap().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

#[test]
fn backups_during_a_stream_of_publishes_hold_every_acknowledged_one() {
    let fx = Fixture::new();
    let tokens: Vec<String> = KOMMUNER.iter().map(|(code, _, _)| fx.issue_token(code)).collect();
    let server = fx.start();
    let acked: Acked = Arc::default();
    let running = Arc::new(AtomicBool::new(true));
    let publishers: Vec<_> = KOMMUNER
        .iter()
        .zip(tokens)
        .map(|(&(code, name, population), token)| {
            let (addr, acked, running) = (server.addr.clone(), acked.clone(), running.clone());
            thread::spawn(move || {
                let auth = format!("Bearer {token}");
                let mut n = 0;
                while running.load(Ordering::SeqCst) {
                    let r =
                        http(&addr, "POST", "/api/v1/published", &[("Authorization", &auth)], Some(&numbered(code, name, population, n)))
                            .unwrap();
                    assert_eq!(r.status, 201, "{}", r.text());
                    acked.lock().unwrap().insert(r.json()["id"].as_i64().unwrap(), format!("{code} nr {n}"));
                    n += 1;
                }
            })
        })
        .collect();

    // At most two minutes, so a broken server fails the test instead of hanging it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let wait_for = |n: usize| {
        while acked.lock().unwrap().len() < n {
            assert!(std::time::Instant::now() < deadline, "the publishers stopped at {} acknowledgements", acked.lock().unwrap().len());
            thread::sleep(std::time::Duration::from_millis(10));
        }
    };
    for round in 1..=3 {
        wait_for(round * 10);
        let before = acked.lock().unwrap().clone();
        let file = fx.path().join(format!("backups/blomlada-{round}.sqlite"));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let out = fx.cli(&["backup", file.to_str().unwrap()]);
        assert!(out.contains("integrity_check ok"), "{out}");
        assert_eq!(integrity(&file), "ok");
        let stored = stored_titles(&file);
        for (id, title) in &before {
            assert_eq!(stored.get(id), Some(title), "round {round}: acknowledged publish {id} ({title}) is in the backup");
        }
        // The backup is one file: no WAL beside it that it would need.
        assert!(!std::path::PathBuf::from(format!("{}-wal", file.display())).exists());
    }
    running.store(false, Ordering::SeqCst);
    for p in publishers {
        p.join().unwrap();
    }
    assert!(acked.lock().unwrap().len() >= 30);
    let leftovers: Vec<_> = std::fs::read_dir(fx.path().join("backups")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 3, "no temporary files left: {leftovers:?}");
}

#[test]
fn restore_refuses_while_a_server_runs_and_refuses_other_files() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let mut server = fx.start();
    let first = numbered("1880", "Örebro", 160_000, 1);
    assert_eq!(server.post("/api/v1/published", Some(&token), &first).status, 201);
    let backup = fx.path().join("backup.sqlite");
    fx.cli(&["backup", backup.to_str().unwrap()]);
    let second = numbered("1880", "Örebro", 160_000, 2);
    assert_eq!(server.post("/api/v1/published", Some(&token), &second).status, 201);

    // While the server runs: refused, and a second server on the same file too.
    let (ok, _, err) = fx.cli_status(&["restore", backup.to_str().unwrap()]);
    assert!(!ok && err.contains("in use by another blomlada-server") && err.contains("stop it first"), "{err}");
    let (ok, _, err) = fx.cli_status(&["serve", "--addr", "127.0.0.1:0"]);
    assert!(!ok && err.contains("in use by another blomlada-server"), "{err}");
    assert_eq!(server.get("/api/v1/published/1880").json()["history"].as_array().unwrap().len(), 1);
    assert!(server.terminate(std::time::Duration::from_secs(10)));

    // Files that are not Blomlådan databases: refused, nothing changed.
    let db_before = stored_titles(&fx.db());
    let text = fx.path().join("notes.txt");
    std::fs::write(&text, "inte en databas\n".repeat(100)).unwrap();
    let other = fx.path().join("other.sqlite");
    Connection::open(&other).unwrap().execute_batch("CREATE TABLE kunder (namn TEXT); INSERT INTO kunder VALUES ('x');").unwrap();
    let newer = fx.path().join("newer.sqlite");
    std::fs::copy(&backup, &newer).unwrap();
    Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let truncated = fx.path().join("truncated.sqlite");
    let whole = std::fs::read(&backup).unwrap();
    std::fs::write(&truncated, &whole[..whole.len() / 2]).unwrap();
    for (file, why) in [
        (&text, "not a database"),
        (&other, "no tokens table"),
        (&newer, "schema version 99"),
        (&truncated, ""),
        (&fx.path().join("missing.sqlite"), "not a file"),
    ] {
        let (ok, _, err) = fx.cli_status(&["restore", file.to_str().unwrap()]);
        assert!(!ok, "{} must be refused", file.display());
        assert!(err.contains(why), "{}: {err}", file.display());
        if !why.contains("not a file") {
            assert!(err.contains("not a Blomlådan database") && err.contains("nothing was changed"), "{err}");
        }
    }
    assert_eq!(stored_titles(&fx.db()), db_before);
    let names = || -> Vec<String> {
        let mut n: Vec<String> =
            std::fs::read_dir(fx.db().parent().unwrap()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        n.sort();
        n
    };
    assert!(names().iter().all(|n| !n.contains("replaced") && !n.starts_with('.')), "{:?}", names());

    // With the server stopped: restored, the replaced database kept whole beside it.
    let out = fx.cli(&["restore", backup.to_str().unwrap()]);
    assert!(out.contains("1 results of which 1 current"), "{out}");
    let kept = names().into_iter().find(|n| n.contains(".replaced-")).expect("the replaced database is kept");
    let kept = fx.db().parent().unwrap().join(kept);
    assert_eq!(stored_titles(&kept), db_before);
    assert_eq!(integrity(&kept), "ok");
    let server = fx.start();
    let mine = server.get("/api/v1/published/1880").json();
    assert_eq!(mine["current"][0]["result"]["title"], "1880 nr 1");
    assert_eq!(mine["history"].as_array().unwrap().len(), 0);
    // Tokens came back with it: the kommun publishes again.
    assert_eq!(server.post("/api/v1/published", Some(&token), &second).status, 201);
}
