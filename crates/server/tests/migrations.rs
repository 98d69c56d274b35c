//! Schema migrations against the real binary: a database made by the released version (schema
//! 1, `fixtures/schema-v1.sql`) is migrated at start and serves everything it held; a database
//! newer than the server is refused and left untouched.

mod common;

use common::*;
use rusqlite::Connection;

/// The schema version this build writes (see `src/migrations.rs`).
const CURRENT: i64 = 3;

fn load_v1(fx: &Fixture) {
    std::fs::create_dir_all(fx.db().parent().unwrap()).unwrap();
    let conn = Connection::open(fx.db()).unwrap();
    conn.execute_batch(include_str!("fixtures/schema-v1.sql")).unwrap();
    // The released server put every database in WAL mode (a persistent setting of the file).
    let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).unwrap();
    assert_eq!(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), 1);
}

#[test]
fn a_database_made_by_the_released_version_is_migrated_and_served() {
    let fx = Fixture::new();
    load_v1(&fx);
    let server = fx.start();
    assert!(server.log_text().contains("database schema migrated"), "{}", server.log_text());

    // Everything it held is served as before.
    let list = server.get("/api/v1/published").json();
    assert_eq!(list["count"], 2);
    let orebro = server.get("/api/v1/published/1880").json();
    assert_eq!(orebro["current"][0]["id"], 2);
    assert_eq!(orebro["current"][0]["result"]["title"], "Värdering 2026");
    assert_eq!(orebro["history"][0]["id"], 1);
    let kumla = server.get("/api/v1/published/1881").json();
    assert_eq!(kumla["current"][0]["id"], 4);
    assert_eq!(kumla["history"].as_array().unwrap().len(), 0, "the withdrawn result stays out of history");
    let tokens = fx.cli(&["token", "list"]);
    assert_eq!(tokens.lines().count(), 4, "{tokens}");
    assert_eq!(tokens.lines().filter(|l| l.contains("2026-11-30T01:18:11.844Z")).count(), 1, "the revoked token stays revoked: {tokens}");

    // And it takes new publishes: the new one becomes current, the old one history.
    let token = fx.issue_token("1880");
    let newer = result_test_1("1880", "Örebro", 162_000, "Efter migreringen", ["delvis"; 6]);
    let r = server.post("/api/v1/published", Some(&token), &bytes(&newer));
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["id"], 5, "ids continue after the migrated rows");
    let orebro = server.get("/api/v1/published/1880").json();
    assert_eq!(orebro["current"][0]["result"], newer);
    assert_eq!(orebro["history"].as_array().unwrap().len(), 2);
    drop(server);

    let conn = Connection::open(fx.db()).unwrap();
    assert_eq!(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(), CURRENT);
    let (version, server_version): (i64, String) = conn
        .query_row("SELECT version, server_version FROM schema_history ORDER BY version DESC", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((version, server_version.as_str()), (CURRENT, env!("CARGO_PKG_VERSION")));
    assert_eq!(conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)).unwrap(), "ok");

    // Starting again migrates nothing.
    let server = fx.start();
    assert_eq!(server.get("/api/v1/published").json()["count"], 2);
    assert!(!server.log_text().contains("database schema migrated"));
}

#[test]
fn a_database_newer_than_the_server_is_refused_untouched() {
    let fx = Fixture::new();
    load_v1(&fx);
    {
        let conn = Connection::open(fx.db()).unwrap();
        conn.pragma_update(None, "user_version", CURRENT + 7).unwrap();
    }
    let before = std::fs::read(fx.db()).unwrap();
    for args in [&["token", "list"][..], &["export"][..], &["serve", "--addr", "127.0.0.1:0"][..]] {
        let (ok, _, err) = fx.cli_status(args);
        assert!(!ok, "{args:?} must fail");
        assert!(err.contains(&format!("schema version {}", CURRENT + 7)) && err.contains("newer than this server"), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read(fx.db()).unwrap(), before, "the file is not changed");
}
