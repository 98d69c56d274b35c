//! Issue 19's report, step by step, against the real binary: monitoring polls `/healthz`,
//! the operator runs commands on the same database file beside the running server, and
//! nothing the server acknowledged may be lost, nor any command's write go unseen.
//!
//! The cause was the health check opening the database file with `std::fs` and closing it:
//! closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
//! included. The next command on the file then saw no other user, checkpointed and removed
//! the WAL under the server, whose later commits went to a WAL nobody would read again.

mod common;

use common::*;

fn published_titles(server: &Server, code: &str) -> Vec<String> {
    let r = server.get(&format!("/api/v1/published/{code}"));
    if r.status == 404 {
        return Vec::new();
    }
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    let mut titles: Vec<String> = Vec::new();
    for key in ["current", "history"] {
        if let Some(items) = body[key].as_array() {
            titles.extend(items.iter().filter_map(|i| i["title"].as_str().map(str::to_string)));
        }
    }
    titles.sort();
    titles
}

fn backup_counts(fx: &Fixture, name: &str) -> (i64, i64) {
    let file = fx.path().join(name);
    fx.cli(&["backup", file.to_str().unwrap()]);
    let conn = rusqlite::Connection::open(&file).unwrap();
    let results = conn.query_row("SELECT count(*) FROM results", [], |r| r.get(0)).unwrap();
    let tokens = conn.query_row("SELECT count(*) FROM tokens WHERE revoked_at IS NULL", [], |r| r.get(0)).unwrap();
    (results, tokens)
}

#[test]
fn monitoring_and_operator_commands_beside_the_server_lose_nothing() {
    let fx = Fixture::new();
    let umea = fx.issue_token("2580");
    let mut server = fx.start();
    let file = |title: &str| bytes(&result_test_1("2580", "Luleå", 80_000, title, ["helt", "delvis", "inte", "helt", "helt", "inte"]));

    // 1. A first publish.
    assert_eq!(server.post("/api/v1/published", Some(&umea), &file("ett")).status, 201);
    // 2. Monitoring, on both listeners.
    for _ in 0..5 {
        assert_eq!(server.get("/healthz").status, 200);
        assert_eq!(http(&server.metrics_addr, "GET", "/healthz", &[], None).unwrap().status, 200);
        assert_eq!(http(&server.metrics_addr, "GET", "/metrics", &[], None).unwrap().status, 200);
    }
    // 3. Operator commands on the same file.
    fx.cli(&["token", "list"]);
    backup_counts(&fx, "first.sqlite");
    // 4. Two more publishes, and a token for another kommun issued beside the server.
    assert_eq!(server.post("/api/v1/published", Some(&umea), &file("två")).status, 201);
    assert_eq!(server.get("/healthz").status, 200);
    assert_eq!(server.post("/api/v1/published", Some(&umea), &file("tre")).status, 201);
    let orebro = fx.issue_token("1880");
    // 5. The running server sees the new token at once, and a backup holds all three.
    let r = server.post(
        "/api/v1/published",
        Some(&orebro),
        &bytes(&result_test_1("1880", "Örebro", 160_000, "fyra", ["helt", "helt", "helt", "delvis", "inte", "helt"])),
    );
    assert_eq!(r.status, 201, "a token issued beside the server works at once: {}", r.text());
    assert_eq!(backup_counts(&fx, "second.sqlite"), (4, 2));
    // A revoked token stops publishing at once, and the revocation survives a shutdown.
    fx.cli(&["token", "revoke", "1880"]);
    let r = server.post(
        "/api/v1/published",
        Some(&orebro),
        &bytes(&result_test_1("1880", "Örebro", 160_000, "fem", ["inte", "helt", "helt", "delvis", "inte", "helt"])),
    );
    assert_eq!(r.status, 401, "a token revoked beside the server is refused at once: {}", r.text());
    assert_eq!(server.get("/healthz").status, 200);
    assert!(server.terminate(std::time::Duration::from_secs(10)), "clean shutdown");
    let revoked = fx.cli(&["token", "list"]);
    assert_eq!(revoked.lines().filter(|l| l.contains("1880")).filter(|l| !l.contains("  -  ")).count(), 1, "{revoked}");

    // 6. kill -9 and a restart: every acknowledged publish is there.
    let mut server = fx.start();
    assert_eq!(server.get("/healthz").status, 200);
    fx.cli(&["token", "list"]);
    assert_eq!(server.post("/api/v1/published", Some(&umea), &file("sex")).status, 201);
    server.kill9();
    let server = fx.start();
    assert_eq!(published_titles(&server, "2580"), ["ett", "sex", "tre", "två"]);
    assert_eq!(published_titles(&server, "1880"), ["fyra"]);
    assert_eq!(server.post("/api/v1/published", Some(&orebro), &file("sju")).status, 401, "still revoked");
    let conn = rusqlite::Connection::open(fx.db()).unwrap();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
}
